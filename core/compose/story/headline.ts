import type { Box } from '../../templates/index.js';
import type { ParagraphLayout, StyledRun, TypesetLine } from '../../typeset/types.js';
import type { Pt } from '../../units.js';
import type { FrameGeometry } from '../geometry.js';
import { blockRuns, typesetStyle, type ParagraphCache } from '../text.js';
import type { TextBlock } from './blocks.js';
import type { StoryNote } from './types.js';

/**
 * Stage 2, headline: the headline block (引题, 主题, 副题) set over the first frame.
 *
 * Input: the block's parts and the first frame. Output: {@link HeadlineBlock}. The block spans
 * the frame's `headlineSpan` columns (all by default); the 主题 is set at the frame's
 * `headlineSize` when it has one and shrinks a point at a time, down to its style's minimum,
 * to keep to `headlineMaxLines`; it is set in the frame's `headlineFont` when it has one (the
 * measurements are that face's). A headline of phrases turns its line at the space between
 * phrases. The block is rounded up to whole body lines with at least half an em above and
 * below (占行, cjk-typesetting.md §1.9, §2.1) and its parts centred in that area.
 */
export interface HeadlineBlock {
  /** The block's area on the page, which the body keeps out of. */
  box: Box;
  lines: HeadlineLine[];
  /** A headline over its line limit, a block taller than the frame. */
  notes: StoryNote[];
}

/** One line of the headline block: page x of its left edge, baseline, the block's width. */
export interface HeadlineLine {
  line: TypesetLine;
  block: TextBlock;
  x: Pt;
  baseline: Pt;
  width: Pt;
}

export function setHeadline(blocks: TextBlock[], g: FrameGeometry, cache: ParagraphCache): HeadlineBlock {
  const face = g.frame.headlineFont;
  const head = face ? blocks.map((b) => (b.style === 'headline' && b.spec.font !== face ? inFace(b, face) : b)) : blocks;
  const cols = g.columns;
  const span = Math.min(cols.length, g.frame.headlineSpan || cols.length);
  const x = cols[0].x;
  const width = cols[span - 1].x + cols[span - 1].w - x;
  const notes: StoryNote[] = [];
  const sizes = head.map((b) => (b.style === 'headline' && g.frame.headlineSize ? g.frame.headlineSize : b.spec.size));
  const layouts = head.map((b, i) => setPart(b, sizes[i], width, cache));
  // Headline type shrinks within its style's limit to keep to the frame's line limit.
  const hi = head.findIndex((b) => b.style === 'headline');
  const maxLines = g.frame.headlineMaxLines;
  if (hi >= 0 && maxLines) {
    const spec = head[hi].spec;
    const min = spec.minSize ?? spec.size;
    while (layouts[hi].lines.length > maxLines && sizes[hi] - 1 >= min - 1e-6) {
      sizes[hi] -= 1;
      layouts[hi] = setPart(head[hi], sizes[hi], width, cache);
    }
    if (layouts[hi].lines.length > maxLines) notes.push({ severity: 'warning', kind: 'headline-too-long', pageIndex: g.pageIndex, message: `headline takes ${layouts[hi].lines.length} lines at ${sizes[hi]} pt (limit ${maxLines})`, frameId: g.frame.id });
  }
  return placeHeadline(head, g, x, width, sizes, layouts, notes);
}

/** The 主题 in another face than its style's: the style with that font, its runs measured in it (bold marks: its bolder face). */
function inFace(b: TextBlock, font: string): TextBlock {
  const spec = { ...b.spec, font };
  return { ...b, spec, runs: blockRuns(b.node, spec) };
}

/** One part of the block at `size`, turned at the phrase space nearest its first line's end. */
function setPart(b: TextBlock, size: Pt, width: Pt, cache: ParagraphCache): ParagraphLayout {
  const setRuns = (runs: StyledRun[]) => cache.set(runs, typesetStyle(b.spec), `${b.style}:${size}`, () => ({ width, offset: 0 }));
  const runs = size === b.spec.size ? b.runs : blockRuns(b.node, b.spec, size);
  const layout = setRuns(runs);
  // A headline of phrases (“民心工程进行时 幸福生活来敲门”) turns its line at the space between
  // phrases, not inside one: the space nearest the natural break becomes a forced break, when
  // that takes no more lines (same length, so document positions are unchanged).
  if (layout.lines.length < 2) return layout;
  const text = runs.map((r) => r.text).join('');
  const at = layout.lines[0].end;
  if (!/ /.test(text) || text[at - 1] === ' ' || text[at] === ' ') return layout;
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index!).sort((a, c) => Math.abs(a - at) - Math.abs(c - at) || a - c);
  for (const i of spaces) {
    let off = 0;
    const broken = runs.map((r) => {
      const local = i - off;
      off += r.text.length;
      return local >= 0 && local < r.text.length ? { ...r, text: r.text.slice(0, local) + '\u2028' + r.text.slice(local + 1) } : r;
    });
    const alt = setRuns(broken);
    if (alt.lines.length <= layout.lines.length) return alt;
  }
  return layout;
}

/** The parts stacked at their leading with their spacing, centred in whole body lines from the frame's first text line. */
function placeHeadline(head: TextBlock[], g: FrameGeometry, x: Pt, width: Pt, sizes: Pt[], layouts: ParagraphLayout[], notes: StoryNote[]): HeadlineBlock {
  const t = g.template;
  // Height of the block: each part's space before, lines at its leading, space after.
  const parts = head.map((b, i) => {
    const size = sizes[i];
    const leading = (b.spec.leading ?? b.spec.size * 1.2) * (size / b.spec.size);
    const n = layouts[i].lines.length;
    return { b, size, leading, n, h: b.spec.spaceBefore + (n - 1) * leading + size + (i < head.length - 1 ? b.spec.spaceAfter : 0) };
  });
  const content = parts.reduce((s, p) => s + p.h, 0);
  const em = t.em;
  const pitch = t.pitch;
  // Whole body lines: the block plus at least half an em above and below.
  const k = Math.max(1, Math.ceil((content + em + (pitch - em)) / pitch));
  const available = g.lastTextLine - g.firstTextLine + 1;
  if (k > available) notes.push({ severity: 'error', kind: 'headline-too-long', pageIndex: g.pageIndex, message: `headline block needs ${k} lines, the frame has ${available}`, frameId: g.frame.id });
  const top = t.lineTop(g.rect.line + g.firstTextLine);
  const area = (k - 1) * pitch + em;
  let y = top + (area - content) / 2;
  const lines: HeadlineLine[] = [];
  parts.forEach((p, i) => {
    y += p.b.spec.spaceBefore;
    layouts[i].lines.forEach((line, li) => lines.push({ line, block: p.b, x, baseline: y + 0.88 * p.size + li * p.leading, width }));
    y += (p.n - 1) * p.leading + p.size + p.b.spec.spaceAfter;
  });
  return { box: { x, y: top, w: width, h: area }, lines, notes };
}
