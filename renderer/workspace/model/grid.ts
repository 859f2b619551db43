import type { GridRect } from '../../../core/model/issue.js';
import type { Template } from '../../../core/templates/index.js';
import type { Pt } from '../../../core/units.js';

/**
 * The page grid as the layout editor handles it: every frame edge sits on a column edge and
 * on a body line (cjk-typesetting.md §2.1 — a newspaper page is set on its grid). Pointer and
 * keyboard gestures arrive in page points; these functions snap them to grid rectangles and
 * keep every rectangle inside the template's grid.
 */

/** A point on the page, in points from the trim box's top-left. */
export interface PagePoint {
  x: Pt;
  y: Pt;
}

/** A grid cell: column and body line, 0-based. */
export interface GridCell {
  column: number;
  line: number;
}

/** Which edge(s) of a frame a resize handle moves. */
export type ResizeHandle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';

/** One column step (column + gutter) in points. */
export function columnStep(t: Template): Pt {
  return t.columnWidth + t.gutter;
}

const clampInt = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The grid cell under a page point (outside the 版心 the nearest cell). */
export function cellAt(t: Template, p: PagePoint): GridCell {
  const left = t.columnX(0);
  const column = clampInt(Math.floor((p.x - left + t.gutter / 2) / columnStep(t)), 0, t.columns - 1);
  const line = clampInt(Math.floor((p.y - t.lineTop(0)) / t.pitch), 0, t.lines - 1);
  return { column, line };
}

/** The rectangle a drag from `a` to `b` covers: every cell either point touches, and all between. */
export function rectFromDrag(t: Template, a: PagePoint, b: PagePoint): GridRect {
  const ca = cellAt(t, a);
  const cb = cellAt(t, b);
  return {
    column: Math.min(ca.column, cb.column),
    span: Math.abs(ca.column - cb.column) + 1,
    line: Math.min(ca.line, cb.line),
    lines: Math.abs(ca.line - cb.line) + 1,
  };
}

/**
 * A rectangle moved (and shrunk only when larger than the page) as little as needed to lie
 * inside the grid, at least one cell. Unlike core's `clampToGrid`, which keeps a stored frame's
 * origin and trims its far edges, this keeps an edited rectangle's size.
 */
export function moveIntoGrid(t: Template, r: GridRect): GridRect {
  const span = clampInt(Math.round(r.span), 1, t.columns);
  const lines = clampInt(Math.round(r.lines), 1, t.lines);
  return {
    column: clampInt(Math.round(r.column), 0, t.columns - span),
    span,
    line: clampInt(Math.round(r.line), 0, t.lines - lines),
    lines,
  };
}

/** Whole grid steps in a pointer delta (points): columns across, lines down. */
export function gridDelta(t: Template, dx: Pt, dy: Pt): { columns: number; lines: number } {
  return { columns: Math.round(dx / columnStep(t)), lines: Math.round(dy / t.pitch) };
}

/** A rectangle moved by whole columns and lines, kept inside the grid with its size unchanged. */
export function moveRect(t: Template, r: GridRect, columns: number, lines: number): GridRect {
  return moveIntoGrid(t, { ...r, column: r.column + columns, line: r.line + lines });
}

/**
 * A rectangle resized by dragging a handle by whole columns and lines. The opposite edge
 * stays put; an edge cannot pass the opposite one (a frame keeps one column and one line).
 */
export function resizeRect(t: Template, r: GridRect, handle: ResizeHandle, columns: number, lines: number): GridRect {
  let left = r.column;
  let right = r.column + r.span; // exclusive
  let top = r.line;
  let bottom = r.line + r.lines; // exclusive
  if (handle.includes('w')) left = clampInt(left + columns, 0, right - 1);
  if (handle.includes('e')) right = clampInt(right + columns, left + 1, t.columns);
  if (handle.includes('n')) top = clampInt(top + lines, 0, bottom - 1);
  if (handle.includes('s')) bottom = clampInt(bottom + lines, top + 1, t.lines);
  return moveIntoGrid(t, { column: left, span: right - left, line: top, lines: bottom - top });
}

/** Arrow keys as grid steps: ←/→ one column, ↑/↓ one line (`big`: five lines, as Shift does). */
export function arrowStep(key: string, big = false): { columns: number; lines: number } | undefined {
  const n = big ? 5 : 1;
  switch (key) {
    case 'ArrowLeft':
      return { columns: -1, lines: 0 };
    case 'ArrowRight':
      return { columns: 1, lines: 0 };
    case 'ArrowUp':
      return { columns: 0, lines: -n };
    case 'ArrowDown':
      return { columns: 0, lines: n };
    default:
      return undefined;
  }
}

/** Whether two grid rectangles share at least one cell. */
export function rectsOverlap(a: GridRect, b: GridRect): boolean {
  return a.column < b.column + b.span && b.column < a.column + a.span && a.line < b.line + b.lines && b.line < a.line + a.lines;
}

/** Whether a rectangle lies inside a template's grid. */
export function rectFits(t: Template, r: GridRect): boolean {
  return r.column >= 0 && r.line >= 0 && r.span >= 1 && r.lines >= 1 && r.column + r.span <= t.columns && r.line + r.lines <= t.lines;
}
