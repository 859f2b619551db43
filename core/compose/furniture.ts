import { BLACK, type DisplayItem } from '../display/types.js';
import type { Issue, Page } from '../model/issue.js';
import type { Template } from '../templates/index.js';
import type { ParagraphStyleSpec } from '../templates/schema.js';
import type { TypesetLine } from '../typeset/types.js';
import type { Pt } from '../units.js';
import { lineItems, textRun, typesetStyle, type ParagraphCache } from './text.js';

// Page furniture (cjk-typesetting.md §2.2): 报头 on front pages, 报眉 on inside pages with the
// paper name on the outer edge (right on odd pages, left on even), 天线 / 地线, and the
// 责任编辑 / 美编 line under the 地线. Every field comes from the issue and the page.

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** "2026年11月23日 星期一" from YYYY-MM-DD. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${y}年${m}月${d}日 ${WEEKDAYS[wd] ?? ''}`.trim();
}

/** One line of plain text in a style, set to `width` (alignment from the style, or `align`). */
export function setOneLine(cache: ParagraphCache, text: string, s: ParagraphStyleSpec, width: Pt, align?: 'left' | 'center' | 'right'): TypesetLine | undefined {
  if (!text) return undefined;
  const style = typesetStyle({ ...s, align: align ?? s.align, indent: 0 });
  const layout = cache.set([textRun(text, s)], style, `one:${align ?? s.align}:${s.font}:${s.size}`, () => ({ width, offset: 0 }));
  return layout.lines[0];
}

/** Display items of a page's furniture. */
export function furnitureItems(issue: Issue, page: Page, t: Template, cache: ParagraphCache): DisplayItem[] {
  const out: DisplayItem[] = [];
  const f = t.spec.furniture;
  const a = t.area;
  if (f.topRule) out.push({ kind: 'rule', x1: a.x, y1: a.y - f.topRule.offset, x2: a.x + a.w, y2: a.y - f.topRule.offset, width: f.topRule.weight, color: BLACK, overprint: true });
  if (f.bottomRule) {
    const y = a.y + a.h + f.bottomRule.offset;
    out.push({ kind: 'rule', x1: a.x, y1: y, x2: a.x + a.w, y2: y, width: f.bottomRule.weight, color: BLACK, overprint: true });
  }
  const date = chineseDate(issue.date);
  if (f.runningHead) {
    const rh = f.runningHead;
    const s = t.style(rh.style);
    const y = a.y - (f.topRule?.offset ?? 0) - rh.baselineAbove;
    const odd = page.number % 2 === 1;
    const name = setOneLine(cache, issue.paper, { ...s, font: t.style(rh.sectionStyle).font }, a.w, odd ? 'right' : 'left');
    const info = setOneLine(cache, `${date}　第${page.number}版${page.label ? `（${page.label}）` : ''}`, s, a.w, odd ? 'left' : 'right');
    const section = setOneLine(cache, page.section, t.style(rh.sectionStyle), a.w, 'center');
    if (name) lineItems(name, a.x, y, out);
    if (info) lineItems(info, a.x, y, out);
    if (section) lineItems(section, a.x, y, out);
  }
  if (f.footLine) {
    const s = t.style(f.footLine.style);
    const credits = [page.editor && `责任编辑：${page.editor}`, page.designer && `美编：${page.designer}`].filter(Boolean).join('　');
    const y = a.y + a.h + (f.bottomRule?.offset ?? 0) + f.footLine.baselineBelow;
    const line = setOneLine(cache, credits, s, a.w, 'right');
    if (line) lineItems(line, a.x, y, out);
    if (t.spec.kind === 'front') {
      const left = setOneLine(cache, `第${page.number}版${page.section ? `　${page.section}` : ''}`, s, a.w, 'left');
      if (left) lineItems(left, a.x, y, out);
    }
  }
  if (f.masthead) out.push(...mastheadItems(issue, t, cache, date));
  return out;
}

function mastheadItems(issue: Issue, t: Template, cache: ParagraphCache, date: string): DisplayItem[] {
  const out: DisplayItem[] = [];
  const m = t.spec.furniture.masthead!;
  const box = t.box(m.rect);
  if (m.tint) out.push({ kind: 'box', ...box, fill: m.tint });
  const ts = t.style(m.titleStyle);
  const is = t.style(m.infoStyle);
  const infoLines = [
    [issue.issueNumber && `第${issue.issueNumber}期`, issue.totalNumber && `（总第${issue.totalNumber}期）`, issue.edition].filter(Boolean).join('　'),
    date,
    issue.serial && `国内统一刊号：${issue.serial}`,
    issue.publisher,
  ].filter(Boolean) as string[];
  // Paper name centred in the upper part; the information lines on the last grid lines.
  const infoTop = m.rect.line + m.rect.lines - infoLines.length;
  const titleSpace = t.lineTop(infoTop) - box.y - t.pitch;
  const size = Math.min(ts.size, titleSpace * 0.9, (box.w / Math.max(1, [...issue.paper].length)) * 0.9);
  const title = setOneLine(cache, issue.paper, { ...ts, size, color: m.titleColor ?? ts.color }, box.w, 'center');
  if (title) lineItems(title, box.x, box.y + (titleSpace - size) / 2 + 0.88 * size, out);
  infoLines.forEach((text, i) => {
    const line = setOneLine(cache, text, is, box.w, 'center');
    if (line) lineItems(line, box.x, t.baseline(infoTop + i), out);
  });
  return out;
}
