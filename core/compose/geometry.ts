import type { GridRect, StoryFrame } from '../model/issue.js';
import type { Box, Template } from '../templates/index.js';
import type { LineSlot } from '../typeset/types.js';
import type { Pt } from '../units.js';

// Frame geometry on the page grid (cjk-typesetting.md §2.1): a story frame's own columns
// (破栏), the grid lines its text may use, and the line slots left free by photos, banners and
// a headline block (图文互斥). All page coordinates in points, origin at the trim box's top left.

/** A frame's own column: left edge and width. */
export interface FrameColumn {
  x: Pt;
  w: Pt;
}

/** Where a story frame's text goes on its page. */
export interface FrameGeometry {
  frame: StoryFrame;
  pageIndex: number;
  template: Template;
  /** The frame's grid rectangle, clamped to the grid. */
  rect: GridRect;
  /** The frame's box on the page (first line's em-box top to the last line's em-box bottom). */
  box: Box;
  /** The frame's own columns (text area: inset when the frame has a border or tint). */
  columns: FrameColumn[];
  /** First and last frame line (0-based within the frame) that text may use. */
  firstTextLine: number;
  lastTextLine: number;
}

/** One grid line a story's text can be set on. */
export interface LinePosition {
  /** Index of the frame in the thread. */
  frame: number;
  column: number;
  /** Line within the frame, 0-based. */
  line: number;
  /** Left edge and width of the frame column. */
  x: Pt;
  columnWidth: Pt;
  baseline: Pt;
  /** Grid line top (em-box top) on the page. */
  top: Pt;
  /** The free part of the column on this line, relative to the column's left edge. */
  slot: LineSlot;
}

/** Clamps a grid rectangle to a template's grid; `clamped` says whether it had to. */
export function clampToGrid(rect: GridRect, t: Template): { rect: GridRect; clamped: boolean } {
  const column = Math.min(rect.column, t.columns - 1);
  const line = Math.min(rect.line, t.lines - 1);
  const span = Math.max(1, Math.min(rect.span, t.columns - column));
  const lines = Math.max(1, Math.min(rect.lines, t.lines - line));
  const clamped = column !== rect.column || line !== rect.line || span !== rect.span || lines !== rect.lines;
  return { rect: clamped ? { column, span, line, lines } : rect, clamped };
}

/** True when a frame draws a box (border or tint), whose text is then inset by 1 em and one line. */
export function isBoxed(frame: StoryFrame): boolean {
  return !!(frame.tint || (frame.border && frame.border.width > 0));
}

/** A story frame's geometry: its own columns over its grid box. */
export function frameGeometry(frame: StoryFrame, rect: GridRect, pageIndex: number, t: Template): FrameGeometry {
  const box = t.box(rect);
  const em = t.em;
  const boxed = isBoxed(frame);
  const inset = boxed ? em : 0;
  const inner = { x: box.x + inset, w: box.w - 2 * inset };
  const n = Math.max(1, Math.min(frame.columns ?? rect.span, Math.floor(inner.w / (2 * em))));
  const gutter = frame.gutter !== undefined ? frame.gutter * em : t.gutter;
  // Columns in whole characters where the grid allows it, so the character grid holds (§2.1).
  let w = (inner.w - (n - 1) * gutter) / n;
  if (w > em) w = Math.floor(w / em + 1e-6) * em;
  const used = n * w + (n - 1) * gutter;
  const left = inner.x + (inner.w - used) / 2;
  const columns: FrameColumn[] = [];
  for (let c = 0; c < n; c++) columns.push({ x: left + c * (w + gutter), w });
  const firstTextLine = boxed && rect.lines > 2 ? 1 : 0;
  const lastTextLine = boxed && rect.lines > 2 ? rect.lines - 2 : rect.lines - 1;
  return { frame, pageIndex, template: t, rect, box, columns, firstTextLine, lastTextLine };
}

/** Minimum width of a slot beside a photo, in em; narrower leftovers stay empty. */
const MIN_SLOT_EM = 3;

/**
 * The line positions of a frame, column after column, skipping lines covered by exclusions.
 * Where an exclusion covers part of a column, the line gets the wider free part, in whole
 * characters, flush with the column edge it touches. `maxLines` limits each column's lines
 * (column balance).
 */
export function framePositions(g: FrameGeometry, frameIndex: number, exclusions: readonly Box[], maxLines?: readonly number[]): LinePosition[] {
  const t = g.template;
  const em = t.em;
  const out: LinePosition[] = [];
  for (let c = 0; c < g.columns.length; c++) {
    const col = g.columns[c];
    const last = Math.min(g.lastTextLine, g.firstTextLine + (maxLines?.[c] ?? Infinity) - 1);
    for (let j = g.firstTextLine; j <= last; j++) {
      const top = t.lineTop(g.rect.line + j);
      const slot = freeSlot(col, top, top + em, exclusions, em);
      if (!slot) continue;
      out.push({ frame: frameIndex, column: c, line: j, x: col.x, columnWidth: col.w, baseline: t.baseline(g.rect.line + j), top, slot });
    }
  }
  return out;
}

function freeSlot(col: FrameColumn, top: Pt, bottom: Pt, exclusions: readonly Box[], em: Pt): LineSlot | undefined {
  let free: Array<[Pt, Pt]> = [[col.x, col.x + col.w]];
  for (const e of exclusions) {
    if (e.y >= bottom - 1e-6 || e.y + e.h <= top + 1e-6) continue;
    const a = e.x;
    const b = e.x + e.w;
    const next: Array<[Pt, Pt]> = [];
    for (const [l, r] of free) {
      if (b <= l + 1e-6 || a >= r - 1e-6) next.push([l, r]);
      else {
        if (a > l) next.push([l, a]);
        if (b < r) next.push([b, r]);
      }
    }
    free = next;
    if (!free.length) return undefined;
  }
  if (free.length === 1 && free[0][0] === col.x && free[0][1] === col.x + col.w) return { width: col.w, offset: 0 };
  let best: [Pt, Pt] | undefined;
  for (const f of free) if (!best || f[1] - f[0] > best[1] - best[0]) best = f;
  if (!best) return undefined;
  const chars = Math.floor((best[1] - best[0]) / em + 1e-6);
  if (chars < MIN_SLOT_EM) return undefined;
  const width = chars * em;
  // Flush with the column edge the free part touches; else with the obstacle's far side.
  const touchesRight = Math.abs(best[1] - (col.x + col.w)) < 1e-6;
  const offset = touchesRight && best[0] > col.x + 1e-6 ? col.w - width : best[0] - col.x;
  return { width, offset };
}

/** A photo/banner/rule box grown by the standoff text keeps from it (1 em beside, ½ em above and below). */
export function standoffBox(b: Box, em: Pt): Box {
  return { x: b.x - em, y: b.y - em / 2, w: b.w + 2 * em, h: b.h + em };
}

/** True when two boxes overlap by more than a hair. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;
}
