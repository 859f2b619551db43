import type { DisplayItem, DisplayPage, GlyphRunItem } from '../../core/display/types.js';
import { BLACK } from '../../core/display/types.js';
import type { Issue } from '../../core/model/issue.js';
import type { ExportPages } from '../../node/export/composer.js';
import { summarizeStory, nodeText } from '../../node/export/story-text.js';
import { fontkitFont } from '../../node/fonts.js';

/**
 * A deliberately simple composer for export tests and benchmarks while (and wherever) the
 * real one is not the subject: fixed-pitch lines, one char per glyph, text cut at the frame's
 * last line and the rest reported as overset. Export only needs display pages and overset.
 * Grid: 对开 page (390 × 545 mm), 8 columns of 12 body characters (9 pt), 13.5 pt line pitch.
 */

export const PAGE = { width: 1105, height: 1545, left: 60, top: 80 };
export const BODY = 9;
export const PITCH = 13.5;
export const COLUMN = 12 * BODY;
export const GUTTER = BODY;

const colX = (c: number) => PAGE.left + c * (COLUMN + GUTTER);
const lineY = (l: number) => PAGE.top + l * PITCH;

/** Font for runs; tests point it at a missing face through BROADSHEET_TEST_BODY_FONT. */
const bodyFont = () => process.env.BROADSHEET_TEST_BODY_FONT ?? 'serif';

function runOf(text: string, x: number, y: number, size: number, font: string, storyId: string, pitch = size): GlyphRunItem {
  const chars = [...text];
  let glyphs: number[];
  try {
    const f = fontkitFont(font);
    glyphs = chars.map((c) => f.glyphForCodePoint(c.codePointAt(0)!).id);
  } catch {
    glyphs = chars.map(() => 1); // the painter/preflight report the missing font
  }
  return { kind: 'glyphs', font, size, y, glyphs, xs: chars.map((_, i) => x + i * pitch), chars, fill: BLACK, overprint: true, storyId };
}

export function composeStandIn(issue: Issue): ExportPages {
  const pages: DisplayPage[] = [];
  const overset: ExportPages['overset'] = [];
  for (const page of issue.pages) {
    const items: DisplayItem[] = [];
    for (const frame of page.frames) {
      const { column, span, line, lines } = frame.rect;
      const x = colX(column);
      const w = span * COLUMN + (span - 1) * GUTTER;
      const y = lineY(line);
      const h = lines * PITCH;
      if (frame.type === 'story') {
        const story = issue.stories.find((s) => s.id === frame.storyId);
        if (!story) continue;
        const s = summarizeStory(story);
        let l = 0;
        const perLine = Math.floor(COLUMN / BODY);
        if (s.headline) {
          const size = Math.min(24, w / Math.max(1, [...s.headline].length));
          items.push(runOf(s.headline, x, y + 24, size, 'sans-bold', story.id));
          l += 3;
        }
        const blocks = ((story.doc as { content?: Array<{ type: string }> }).content ?? []).filter((b) => b.type === 'paragraph' || b.type === 'byline' || b.type === 'subhead');
        const text = blocks.map((b) => nodeText(b as never)).join('');
        const cols = span; // one text column per grid column
        const chars = [...text];
        let i = 0;
        for (let c = 0; c < cols && i < chars.length; c++) {
          for (let ln = c === 0 ? l : 3; ln < lines && i < chars.length; ln++) {
            const piece = chars.slice(i, i + perLine).join('');
            items.push(runOf(piece, colX(column + c), lineY(line + ln) + BODY, BODY, bodyFont(), story.id));
            i += perLine;
          }
        }
        if (i < chars.length) overset.push({ storyId: story.id, page: page.number, chars: chars.length - i });
      } else if (frame.type === 'photo' && frame.assetId) {
        const asset = issue.assets.find((a) => a.id === frame.assetId);
        const ar = asset?.widthPx && asset.heightPx ? asset.widthPx / asset.heightPx : w / h;
        // fill: cover the frame, centred
        const iw = Math.max(w, h * ar);
        const ih = iw / ar;
        items.push({ kind: 'image', assetId: frame.assetId, x, y, w, h, ix: x + (w - iw) / 2, iy: y + (h - ih) / 2, iw, ih });
      } else if (frame.type === 'rule') {
        items.push({ kind: 'rule', x1: x, y1: y + h / 2, x2: x + w, y2: y + h / 2, width: frame.weight, color: BLACK, overprint: true });
      } else if (frame.type === 'banner') {
        items.push({ kind: 'box', x, y, w, h, fill: { c: 100, m: 60, y: 0, k: 0 } });
        items.push({ ...runOf(frame.text, x + 6, y + h / 2 + 6, 14, 'sans-bold', frame.id), fill: { c: 0, m: 0, y: 0, k: 0 }, overprint: false });
      }
    }
    pages.push({ number: page.number, width: PAGE.width, height: PAGE.height, items });
  }
  return { pages, overset };
}

export default async function compose(issue: Issue): Promise<ExportPages> {
  return composeStandIn(issue);
}
