import { rulerGuide, type GridRect, type Issue, type Page, type RulerGuide } from '../../../core/model/issue.js';
import type { Template } from '../../../core/templates/index.js';
import { ptToMm, type Pt } from '../../../core/units.js';
import type { PagePoint, ResizeHandle } from './grid.js';
import { OperationError, type OpLabel, type Operation } from './operations.js';

/**
 * Ruler guides (参考线) on the page grid (the `guides` of a page, core/model/issue.ts): where a
 * guide is on the page, where one dragged from a ruler lands, what it reads as (第 12 行, 第 3 栏左),
 * how a frame's edges snap to guides while it is moved or resized, and the operations that add,
 * move and delete guides (one undo step each). Plain TypeScript, tested under Node
 * (test/workspace/guides.test.ts).
 *
 * Snapping is magnetic in screen distance: an edge within `GUIDE_MAGNET` CSS px of a guide (at
 * the current zoom) lands on it, before the grid's rounding to the nearest column or line.
 */

/** How near (CSS px) a frame's edge or a dragged guide must come to be pulled onto a guide or a frame edge. */
export const GUIDE_MAGNET = 6;

const EPS = 1e-6;
const near = (a: number, b: number) => Math.abs(a - b) < EPS;

/** The grid across in body characters: per column, per gutter, and the whole width. */
function across(t: Template): { column: number; gutter: number; width: number } {
  const column = t.spec.grid.charsPerColumn;
  const gutter = t.spec.grid.gutterChars;
  return { column, gutter, width: t.columns * column + (t.columns - 1) * gutter };
}

/** A column's left edge, in characters from the grid's left edge. */
function colLeft(t: Template, c: number): number {
  const a = across(t);
  return c * (a.column + a.gutter);
}

/** A column's right edge, in characters from the grid's left edge. */
function colRight(t: Template, c: number): number {
  return colLeft(t, c) + across(t).column;
}

/** The column whose left (right) edge is at `at` characters, if any. */
function columnWithLeft(t: Template, at: number): number | undefined {
  for (let c = 0; c < t.columns; c++) if (near(colLeft(t, c), at)) return c;
  return undefined;
}
function columnWithRight(t: Template, at: number): number | undefined {
  for (let c = 0; c < t.columns; c++) if (near(colRight(t, c), at)) return c;
  return undefined;
}

/** Whether a guide lies on the template's grid (a template change can leave one past it: it is kept, not shown). */
export function guideInGrid(t: Template, g: RulerGuide): boolean {
  if (g.axis === 'y') return Number.isInteger(g.at) && g.at >= 0 && g.at <= t.lines;
  return g.at >= 0 && g.at <= across(t).width + EPS;
}

/** Where a guide is on the page, in points from the trim box's top-left (x for vertical, y for horizontal guides). */
export function guidePos(t: Template, g: RulerGuide): Pt {
  if (g.axis === 'x') return t.columnX(0) + g.at * t.em;
  return g.at >= t.lines ? t.lineTop(t.lines - 1) + t.em : t.lineTop(g.at);
}

/** Where a frame's bottom edge is when its last line is `boundary − 1`. */
const bottomAt = (t: Template, boundary: number): Pt => t.lineTop(boundary - 1) + t.em;

/** What a guide dragged from a ruler landed on: a frame's edge, a column edge, a line boundary, a character position. */
export type GuideSnapKind = 'frame' | 'column' | 'line' | 'char';

export interface GuidePlace {
  at: number;
  to: GuideSnapKind;
}

/**
 * Where a guide dragged to page point `p` lands (null: off the page, or over a ruler —
 * released there, the guide goes). Horizontal guides go to the nearest line boundary, vertical
 * ones to the nearest character position of a column; a frame's edge (and for vertical guides a
 * column's edge) within the magnet wins. Dropped on the page's margin, a guide goes to the
 * 版心's nearest edge. `frames`: the page's frame rectangles; `scale`: CSS px per point.
 */
export function placeGuide(t: Template, frames: readonly GridRect[], axis: 'x' | 'y', p: PagePoint, scale: number, offCanvas = false): GuidePlace | null {
  if (offCanvas) return null;
  const magnet = GUIDE_MAGNET / scale;
  const nearest = (cands: { at: number; pos: Pt; to: GuideSnapKind }[], v: Pt, within = Infinity): GuidePlace | null => {
    let best: { at: number; to: GuideSnapKind; d: number } | null = null;
    for (const c of cands) {
      const d = Math.abs(c.pos - v);
      if (d <= within && (!best || d < best.d - EPS)) best = { at: c.at, to: c.to, d };
    }
    return best && { at: best.at, to: best.to };
  };
  if (axis === 'y') {
    if (p.y < 0 || p.y > t.pageHeight) return null;
    const edges = frames.flatMap((r) => [
      { at: r.line, pos: t.lineTop(r.line), to: 'frame' as const },
      { at: r.line + r.lines, pos: bottomAt(t, r.line + r.lines), to: 'frame' as const },
    ]);
    const onEdge = nearest(edges, p.y, magnet);
    if (onEdge) return onEdge;
    const lines = Array.from({ length: t.lines + 1 }, (_, l) => ({ at: l, pos: guidePos(t, { axis: 'y', at: l }), to: 'line' as const }));
    return nearest(lines, p.y);
  }
  if (p.x < 0 || p.x > t.pageWidth) return null;
  const x0 = t.columnX(0);
  const pos = (at: number) => x0 + at * t.em;
  const edges = frames.flatMap((r) => [
    { at: colLeft(t, r.column), pos: pos(colLeft(t, r.column)), to: 'frame' as const },
    { at: colRight(t, r.column + r.span - 1), pos: pos(colRight(t, r.column + r.span - 1)), to: 'frame' as const },
  ]);
  const onEdge = nearest(edges, p.x, magnet);
  if (onEdge) return onEdge;
  const columnEdges = Array.from({ length: t.columns }, (_, c) => [
    { at: colLeft(t, c), pos: pos(colLeft(t, c)), to: 'column' as const },
    { at: colRight(t, c), pos: pos(colRight(t, c)), to: 'column' as const },
  ]).flat();
  const onColumn = nearest(columnEdges, p.x, magnet);
  if (onColumn) return onColumn;
  const chars: { at: number; pos: Pt; to: GuideSnapKind }[] = [];
  const perColumn = across(t).column;
  for (let c = 0; c < t.columns; c++) for (let k = 0; k <= perColumn; k++) chars.push({ at: colLeft(t, c) + k, pos: pos(colLeft(t, c) + k), to: k === 0 || k === perColumn ? 'column' : 'char' });
  return nearest(chars, p.x);
}

/** What a guide reads as, in the grid's words (an i18n key of the workspace namespace) and in mm from the page's edge. */
export function guideLabel(t: Template, g: RulerGuide): { label: OpLabel; mm: number } {
  const mm = Math.round(ptToMm(guidePos(t, g)) * 10) / 10;
  if (g.axis === 'y') return { label: g.at >= t.lines ? { key: 'guide.foot', values: { n: t.lines } } : { key: 'guide.line', values: { n: g.at + 1 } }, mm };
  const left = columnWithLeft(t, g.at);
  if (left !== undefined) return { label: { key: 'guide.colLeft', values: { n: left + 1 } }, mm };
  const right = columnWithRight(t, g.at);
  if (right !== undefined) return { label: { key: 'guide.colRight', values: { n: right + 1 } }, mm };
  for (let c = 0; c < t.columns; c++) {
    if (g.at > colLeft(t, c) && g.at < colRight(t, c)) return { label: { key: 'guide.colChar', values: { n: c + 1, k: Math.round((g.at - colLeft(t, c)) * 10) / 10 } }, mm };
  }
  const c = Math.max(0, Math.min(t.columns - 2, Math.floor(g.at / (across(t).column + across(t).gutter))));
  return { label: { key: 'guide.gutter', values: { n: c + 1, m: c + 2 } }, mm };
}

// ── frames snapping to guides ─────────────────────────────────────────────────────────────

interface Candidate {
  delta: number;
  dist: Pt;
}

/** The candidate nearest its guide within the magnet, else none. */
function pick(cands: Candidate[], magnet: Pt): number | undefined {
  let best: Candidate | undefined;
  for (const c of cands) if (c.dist <= magnet && (!best || c.dist < best.dist - EPS)) best = c;
  return best?.delta;
}

const shown = (t: Template, guides: readonly RulerGuide[], axis: 'x' | 'y') => guides.filter((g) => g.axis === axis && guideInGrid(t, g));

/**
 * The whole columns and lines a frame dragged by (dx, dy) points goes by: where an edge comes
 * within the magnet of a guide it can sit on, the nearest such guide decides that axis; otherwise
 * the grid rounds to the nearest column and line (grid.ts `gridDelta`). A guide the frame would
 * have to leave the grid to reach does not pull.
 */
export function snapMoveDelta(t: Template, rect0: GridRect, dx: Pt, dy: Pt, guides: readonly RulerGuide[], scale: number): { columns: number; lines: number } {
  const magnet = GUIDE_MAGNET / scale;
  const b = t.box(rect0);
  const xs: Candidate[] = [];
  for (const g of shown(t, guides, 'x')) {
    const gx = guidePos(t, g);
    const l = columnWithLeft(t, g.at);
    if (l !== undefined && l + rect0.span <= t.columns) xs.push({ delta: l - rect0.column, dist: Math.abs(b.x + dx - gx) });
    const r = columnWithRight(t, g.at);
    if (r !== undefined && r - rect0.span + 1 >= 0) xs.push({ delta: r - rect0.span + 1 - rect0.column, dist: Math.abs(b.x + b.w + dx - gx) });
  }
  const ys: Candidate[] = [];
  for (const g of shown(t, guides, 'y')) {
    const L = g.at;
    if (L + rect0.lines <= t.lines) ys.push({ delta: L - rect0.line, dist: Math.abs(b.y + dy - t.lineTop(L)) });
    if (L - rect0.lines >= 0) ys.push({ delta: L - rect0.lines - rect0.line, dist: Math.abs(b.y + b.h + dy - bottomAt(t, L)) });
  }
  return {
    columns: pick(xs, magnet) ?? Math.round(dx / (t.columnWidth + t.gutter)),
    lines: pick(ys, magnet) ?? Math.round(dy / t.pitch),
  };
}

/**
 * The whole columns and lines a resize handle dragged by (dx, dy) points moves its edges by
 * (grid.ts `resizeRect` applies them): each moving edge lands on a guide within the magnet that
 * it can reach without passing the opposite edge, else the grid rounds.
 */
export function snapResizeDelta(t: Template, rect0: GridRect, handle: ResizeHandle, dx: Pt, dy: Pt, guides: readonly RulerGuide[], scale: number): { columns: number; lines: number } {
  const magnet = GUIDE_MAGNET / scale;
  const b = t.box(rect0);
  const right = rect0.column + rect0.span; // exclusive
  const bottom = rect0.line + rect0.lines; // exclusive
  const xs: Candidate[] = [];
  for (const g of shown(t, guides, 'x')) {
    const gx = guidePos(t, g);
    if (handle.includes('w')) {
      const l = columnWithLeft(t, g.at);
      if (l !== undefined && l <= right - 1) xs.push({ delta: l - rect0.column, dist: Math.abs(b.x + dx - gx) });
    }
    if (handle.includes('e')) {
      const r = columnWithRight(t, g.at);
      if (r !== undefined && r >= rect0.column) xs.push({ delta: r + 1 - right, dist: Math.abs(b.x + b.w + dx - gx) });
    }
  }
  const ys: Candidate[] = [];
  for (const g of shown(t, guides, 'y')) {
    const L = g.at;
    if (handle.includes('n') && L <= bottom - 1) ys.push({ delta: L - rect0.line, dist: Math.abs(b.y + dy - t.lineTop(L)) });
    if (handle.includes('s') && L >= rect0.line + 1) ys.push({ delta: L - bottom, dist: Math.abs(b.y + b.h + dy - bottomAt(t, L)) });
  }
  return {
    columns: pick(xs, magnet) ?? Math.round(dx / (t.columnWidth + t.gutter)),
    lines: pick(ys, magnet) ?? Math.round(dy / t.pitch),
  };
}

/** The guides (indices into the page's list) an edge of a frame rectangle sits on: they are highlighted while it is dragged. */
export function guidesOn(t: Template, rect: GridRect, guides: readonly RulerGuide[]): number[] {
  const out: number[] = [];
  guides.forEach((g, i) => {
    if (!guideInGrid(t, g)) return;
    const on = g.axis === 'x' ? near(g.at, colLeft(t, rect.column)) || near(g.at, colRight(t, rect.column + rect.span - 1)) : g.at === rect.line || g.at === rect.line + rect.lines;
    if (on) out.push(i);
  });
  return out;
}

// ── operations ────────────────────────────────────────────────────────────────────────────

const same = (a: RulerGuide, b: RulerGuide) => a.axis === b.axis && near(a.at, b.at);

function onPage(issue: Issue, pageIndex: number, fn: (p: Page, t: Template | undefined) => readonly RulerGuide[] | null, templates: { get(id: string): Template | undefined }): Issue {
  const page = issue.pages[pageIndex];
  if (!page) throw new OperationError('error.noPage', { index: pageIndex });
  const next = fn(page, templates.get(page.templateId));
  if (!next) return issue;
  const pages = issue.pages.slice();
  const { guides: _, ...rest } = page;
  pages[pageIndex] = next.length ? { ...rest, guides: next.slice() } : rest;
  return { ...issue, pages };
}

/** A guide checked against the schema and the page's grid (OperationError: `error.badGuide`). */
function checked(g: RulerGuide, t: Template | undefined): RulerGuide {
  const r = rulerGuide.safeParse(g);
  if (!r.success || (t && !guideInGrid(t, r.data))) throw new OperationError('guide.error.bad', { axis: String(g.axis), at: String(g.at) });
  return r.data;
}

function guideAt(page: Page, index: number): RulerGuide {
  const g = page.guides?.[index];
  if (!g) throw new OperationError('guide.error.none', { index: index + 1 });
  return g;
}

/** Adds a ruler guide to a page (one already there: nothing changes). */
export function addGuide(pageIndex: number, guide: RulerGuide): Operation {
  return {
    label: { key: 'guide.op.add' },
    run: (issue, env) =>
      onPage(
        issue,
        pageIndex,
        (p, t) => {
          const g = checked(guide, t);
          const list = p.guides ?? [];
          return list.some((x) => same(x, g)) ? null : [...list, g];
        },
        env.templates,
      ),
  };
}

/** Moves a page's guide to `at` (its axis kept); onto another guide of the page, the two become one. */
export function moveGuide(pageIndex: number, index: number, at: number): Operation {
  return {
    label: { key: 'guide.op.move' },
    run: (issue, env) =>
      onPage(
        issue,
        pageIndex,
        (p, t) => {
          const old = guideAt(p, index);
          const g = checked({ axis: old.axis, at }, t);
          if (same(old, g)) return null;
          const list = p.guides ?? [];
          if (list.some((x, i) => i !== index && same(x, g))) return list.filter((_, i) => i !== index);
          return list.map((x, i) => (i === index ? g : x));
        },
        env.templates,
      ),
  };
}

/** Deletes a page's guide (dragged back onto a ruler, or selected and Delete). */
export function deleteGuide(pageIndex: number, index: number): Operation {
  return {
    label: { key: 'guide.op.delete' },
    run: (issue, env) =>
      onPage(
        issue,
        pageIndex,
        (p) => {
          guideAt(p, index);
          return (p.guides ?? []).filter((_, i) => i !== index);
        },
        env.templates,
      ),
  };
}

/** Deletes every guide of a page (none: nothing changes). */
export function clearGuides(pageIndex: number): Operation {
  return {
    label: { key: 'guide.op.clear' },
    run: (issue, env) => onPage(issue, pageIndex, (p) => (p.guides?.length ? [] : null), env.templates),
  };
}
