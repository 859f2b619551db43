import type { Frame, GridRect, RulerGuide } from '../../core/model/issue.js';
import type { Template } from '../../core/templates/index.js';
import type { Tool } from './commands.js';
import { cellAt, moveIntoGrid, moveRect, rectFromDrag, resizeRect, type PagePoint, type ResizeHandle } from './model/grid.js';
import { placeGuide, snapMoveDelta, snapResizeDelta, type GuideSnapKind } from './model/guides.js';

/**
 * The page canvas's pointer gestures as a state machine with no DOM: a press starts a
 * `Gesture` (or does something at once), each pointer move gives the next gesture, the release
 * gives what the gesture amounts to — a `GestureOutcome` the workspace applies as one
 * operation. The canvas (PageCanvas.tsx) only turns DOM events into page points and pages,
 * so every rule here is tested under Node (test/workspace/gestures.test.ts):
 *
 * - a press that moves less than `CLICK_SLOP` CSS px is a click: a click selects a frame (the
 *   press did), a double click on a story frame (`isDoubleClick`) edits the story at that point,
 *   and while its text is edited a click in the frame moves the caret there; with a frame tool
 *   in an empty template slot a click fills the slot;
 * - a press on the page's empty area with the select tool drags a marquee: the frames it touches
 *   are selected (Shift: added); a press on a frame of a selection of several drags them all;
 * - moves and resizes go by whole columns and lines (model/grid.ts); dragged over another page
 *   the frame goes there, keeping where it was grabbed;
 * - on a selected photo with a picture, a drag moves the focal point (the crop) against the
 *   drag, as InDesign's content grabber; with Alt it moves the frame;
 * - a frame's edges moved or resized come onto the page's ruler guides within `GUIDE_MAGNET`
 *   screen px before the grid rounds (model/guides.ts);
 * - a press on a ruler drags a new guide (top ruler: horizontal, left ruler: vertical), a press
 *   on a guide moves it; the guide follows the pointer snapped to lines, characters and frame
 *   and column edges; released off the page or over a ruler it goes (a new one is not made).
 */

/** Drag distance (CSS px) under which a press is a click. */
export const CLICK_SLOP = 4;

/** Two clicks closer than this (ms, and `CLICK_SLOP` px apart) on the same frame are a double click. */
export const DOUBLE_CLICK_MS = 500;

/** A click's release, for telling a double click. */
export interface ClickMark {
  frameId: string;
  time: number;
  x: number;
  y: number;
}

/** Whether a click (client px, event time in ms) makes a double click with the previous one. */
export function isDoubleClick(prev: ClickMark | null, next: ClickMark): boolean {
  return !!prev && prev.frameId === next.frameId && next.time - prev.time >= 0 && next.time - prev.time <= DOUBLE_CLICK_MS && Math.hypot(next.x - prev.x, next.y - prev.y) <= CLICK_SLOP * 2;
}

export type Gesture =
  | { kind: 'draw'; pageIndex: number; type: 'story' | 'photo'; a: PagePoint; b: PagePoint }
  /** `group`: the selection this frame is part of (several frames move together, on their pages); `editing`: its text is being edited. */
  /** `guides`: the page's ruler guides, which the frame's edges snap to. */
  | { kind: 'move'; pageIndex: number; frameId: string; start: PagePoint; rect0: GridRect; rect: GridRect; moved: boolean; at: PagePoint; toPage?: number; group?: readonly string[]; editing?: boolean; guides?: readonly RulerGuide[] }
  /** A rubber band over the page (`additive`: Shift held, the frames it touches are added). */
  | { kind: 'marquee'; pageIndex: number; a: PagePoint; b: PagePoint; additive: boolean }
  | { kind: 'resize'; pageIndex: number; frameId: string; handle: ResizeHandle; start: PagePoint; rect0: GridRect; rect: GridRect; guides?: readonly RulerGuide[] }
  /**
   * A ruler guide dragged: a new one from a ruler (no `index`), or the page's guide `index` (it
   * was at `from`). `at`: where it would land (null: off the page or over a ruler), `to`: what it
   * snapped to; `along`: the pointer along the guide (page points), where its reading is shown;
   * `frames`: the page's frame rectangles, whose edges pull it.
   */
  | { kind: 'guide'; pageIndex: number; axis: 'x' | 'y'; index?: number; from?: number; start: PagePoint | null; moved: boolean; at: number | null; to?: GuideSnapKind; along: number; frames: readonly GridRect[] }
  | { kind: 'focus'; pageIndex: number; frameId: string; start: PagePoint; focus0: { x: number; y: number }; box: { w: number; h: number } }
  | { kind: 'pan'; x: number; y: number; left: number; top: number };

/** The gestures that happen on one page (all but panning the pasteboard). */
export type PageGesture = Exclude<Gesture, { kind: 'pan' }>;
export type PanGesture = Extract<Gesture, { kind: 'pan' }>;

/** What a finished gesture does to the issue. */
export type GestureOutcome =
  | { do: 'draw'; pageIndex: number; type: 'story' | 'photo'; rect: GridRect; slot?: string }
  | { do: 'frame-rect'; frameId: string; rect: GridRect; kind: 'move' | 'resize' }
  | { do: 'frame-to-page'; frameId: string; pageIndex: number; rect: GridRect }
  | { do: 'edit'; frameId: string; at: { pageIndex: number; x: number; y: number } }
  /** Several frames moved together by whole columns and lines. */
  | { do: 'frames-move'; frameIds: readonly string[]; columns: number; lines: number }
  /** A marquee (or a click on the empty page): these frames are the selection (`additive`: added to it). */
  | { do: 'select'; frameIds: string[]; additive: boolean }
  | { do: 'focus'; frameId: string; focus: { x: number; y: number }; final: boolean }
  | { do: 'guide-add'; pageIndex: number; guide: RulerGuide }
  | { do: 'guide-move'; pageIndex: number; index: number; at: number }
  | { do: 'guide-delete'; pageIndex: number; index: number }
  /** A click on a guide: it is selected (Delete removes it). */
  | { do: 'guide-select'; pageIndex: number; index: number };

/** The outcomes of a ruler guide's gesture. */
export type GuideOutcome = Extract<GestureOutcome, { do: 'guide-add' | 'guide-move' | 'guide-delete' | 'guide-select' }>;

/** What a press on a frame does: a gesture to follow, or a link made at once. */
export type FramePress = { gesture: PageGesture } | { link: string } | null;

/** A press on a page's empty area (or the pasteboard, on the current page): the frame tools start drawing; the select tool a marquee. */
export function pressPage(pageIndex: number, at: PagePoint, tool: Tool, additive = false): PageGesture | null {
  if (tool === 'story' || tool === 'photo') return { kind: 'draw', pageIndex, type: tool, a: at, b: at };
  if (tool === 'select') return { kind: 'marquee', pageIndex, a: at, b: at, additive };
  return null;
}

/** A press on a frame with the select or link tool (the frame tools draw over frames: `pressPage`). */
export function pressFrame(o: { frame: Frame; pageIndex: number; at: PagePoint; tool: Tool; selected: boolean; altKey: boolean; template: Template; selection?: readonly string[]; editing?: boolean; guides?: readonly RulerGuide[] }): FramePress {
  const { frame: f, pageIndex, at } = o;
  if (o.tool === 'link') return f.type === 'story' ? { link: f.id } : null;
  const group = o.selection && o.selection.length > 1 && o.selection.includes(f.id) ? o.selection : undefined;
  if (o.selected && !group && f.type === 'photo' && f.assetId && !o.altKey) {
    const box = o.template.box(f.rect);
    return { gesture: { kind: 'focus', pageIndex, frameId: f.id, start: at, focus0: f.focus ?? { x: 0.5, y: 0.5 }, box: { w: box.w, h: box.h } } };
  }
  const guides = o.guides?.length ? { guides: o.guides } : {};
  return { gesture: { kind: 'move', pageIndex, frameId: f.id, start: at, rect0: f.rect, rect: f.rect, moved: false, at, ...(group ? { group } : {}), ...(o.editing ? { editing: true } : {}), ...guides } };
}

export function pressHandle(pageIndex: number, frame: Frame, handle: ResizeHandle, at: PagePoint, guides?: readonly RulerGuide[]): PageGesture {
  return { kind: 'resize', pageIndex, frameId: frame.id, handle, start: at, rect0: frame.rect, rect: frame.rect, ...(guides?.length ? { guides } : {}) };
}

/** A press on a ruler: a new guide across the page (the top ruler gives a horizontal one, `y`; the left a vertical one, `x`). */
export function pressRuler(pageIndex: number, axis: 'x' | 'y', frames: readonly Frame[]): PageGesture {
  return { kind: 'guide', pageIndex, axis, start: null, moved: true, at: null, along: 0, frames: frames.map((f) => f.rect) };
}

/** A press on the page's guide `index`: a drag moves it, a click selects it. */
export function pressGuide(pageIndex: number, index: number, guide: RulerGuide, at: PagePoint, frames: readonly Frame[]): PageGesture {
  return { kind: 'guide', pageIndex, axis: guide.axis, index, from: guide.at, start: at, moved: false, at: guide.at, along: guide.axis === 'x' ? at.y : at.x, frames: frames.map((f) => f.rect) };
}

export function startPan(client: { x: number; y: number }, scroll: { left: number; top: number }): PanGesture {
  return { kind: 'pan', x: client.x, y: client.y, left: scroll.left, top: scroll.top };
}

/** The viewport's scroll position while panning: the pasteboard follows the pointer. */
export function panScroll(g: PanGesture, client: { x: number; y: number }): { left: number; top: number } {
  return { left: g.left - (client.x - g.x), top: g.top - (client.y - g.y) };
}

/** The pointer during a page gesture: where it is on the gesture's page, and over which other page (if any). */
export interface GesturePointer {
  at: PagePoint;
  /** Outside the canvas's viewport: over a ruler (a guide released there goes). */
  offCanvas?: boolean;
  /** The page under the pointer when it is not the gesture's own, with the point on it. */
  over?: { pageIndex: number; at: PagePoint; template: Template };
}

/** What a pointer move gives: the next gesture, and a live focal point while cropping. */
export interface GestureStep {
  gesture: PageGesture;
  focus?: { frameId: string; focus: { x: number; y: number } };
}

/** `template`: the template of the gesture's page; `scale`: CSS px per page point. */
export function moveGesture(g: PageGesture, p: GesturePointer, template: Template, scale: number): GestureStep {
  switch (g.kind) {
    case 'draw':
    case 'marquee':
      return { gesture: { ...g, b: p.at } };
    case 'move':
      return { gesture: moveFrame(g, p, template, scale) };
    case 'resize': {
      const d = snapResizeDelta(template, g.rect0, g.handle, p.at.x - g.start.x, p.at.y - g.start.y, g.guides ?? [], scale);
      return { gesture: { ...g, rect: resizeRect(template, g.rect0, g.handle, d.columns, d.lines) } };
    }
    case 'focus':
      return { gesture: g, focus: { frameId: g.frameId, focus: focusAt(g, p.at) } };
    case 'guide':
      return { gesture: moveGuideGesture(g, p, template, scale) };
  }
}

function moveGuideGesture(g: Extract<Gesture, { kind: 'guide' }>, p: GesturePointer, t: Template, scale: number): Extract<Gesture, { kind: 'guide' }> {
  const moved = g.moved || (!!g.start && Math.hypot(p.at.x - g.start.x, p.at.y - g.start.y) * scale > CLICK_SLOP);
  const along = g.axis === 'x' ? p.at.y : p.at.x;
  if (!moved) return { ...g, along };
  const place = placeGuide(t, g.frames, g.axis, p.at, scale, p.offCanvas);
  return { ...g, moved, along, at: place ? place.at : null, to: place?.to };
}

function moveFrame(g: Extract<Gesture, { kind: 'move' }>, p: GesturePointer, t: Template, scale: number): PageGesture {
  const moved = g.moved || Math.hypot(p.at.x - g.start.x, p.at.y - g.start.y) * scale > CLICK_SLOP;
  // A selection of several frames stays on its pages (each frame keeps its own page).
  if (moved && p.over && !g.group) {
    // On another page the frame's top-left goes to the cell under where the grab point puts it.
    const { template: ot, at: there, pageIndex } = p.over;
    const box0 = t.box(g.rect0);
    const cell = cellAt(ot, { x: there.x - (g.start.x - box0.x) + ot.columnWidth / 2, y: there.y - (g.start.y - box0.y) + ot.pitch / 2 });
    return { ...g, moved, toPage: pageIndex, rect: moveIntoGrid(ot, { ...g.rect0, column: cell.column, line: cell.line }) };
  }
  const d = snapMoveDelta(t, g.rect0, p.at.x - g.start.x, p.at.y - g.start.y, g.guides ?? [], scale);
  return { ...g, moved, toPage: undefined, rect: moved ? moveRect(t, g.rect0, d.columns, d.lines) : g.rect0 };
}

/** Dragging the picture right shows more of its left: the focus moves against the drag. */
function focusAt(g: Extract<Gesture, { kind: 'focus' }>, at: PagePoint): { x: number; y: number } {
  return { x: clamp01(g.focus0.x - (at.x - g.start.x) / g.box.w), y: clamp01(g.focus0.y - (at.y - g.start.y) / g.box.h) };
}

/**
 * The release: what the gesture amounts to (null: nothing, e.g. a click with a frame tool
 * outside any empty slot). `frames`: the frames of the gesture's page.
 */
export function endGesture(g: PageGesture, p: GesturePointer, template: Template, frames: readonly Frame[], scale: number, click: { double?: boolean } = {}): GestureOutcome | null {
  switch (g.kind) {
    case 'marquee': {
      const isClick = Math.hypot(g.b.x - g.a.x, g.b.y - g.a.y) * scale <= CLICK_SLOP;
      if (isClick) return g.additive ? null : { do: 'select', frameIds: [], additive: false };
      return { do: 'select', frameIds: framesTouched(template, frames, g.a, g.b), additive: g.additive };
    }
    case 'draw': {
      const click = Math.hypot(g.b.x - g.a.x, g.b.y - g.a.y) * scale <= CLICK_SLOP;
      if (!click) return { do: 'draw', pageIndex: g.pageIndex, type: g.type, rect: rectFromDrag(template, g.a, g.b) };
      // A click in an empty template slot fills the slot (as dropping into a placeholder frame).
      const slot = slotAt(template, frames, g.a, g.type);
      return slot ? { do: 'draw', pageIndex: g.pageIndex, type: g.type, rect: slot.rect, slot: slot.name } : null;
    }
    case 'move': {
      if (g.moved && g.group) return { do: 'frames-move', frameIds: g.group, columns: g.rect.column - g.rect0.column, lines: g.rect.line - g.rect0.line };
      if (g.moved && g.toPage !== undefined) return { do: 'frame-to-page', frameId: g.frameId, pageIndex: g.toPage, rect: g.rect };
      if (g.moved) return { do: 'frame-rect', frameId: g.frameId, rect: g.rect, kind: 'move' };
      // A click selected the frame (on the press); a double click — or a click in the text being edited — puts the caret there.
      // A click (no drag) on one frame of a selection of several selects that frame alone.
      if (g.group) return { do: 'select', frameIds: [g.frameId], additive: false };
      const f = frames.find((x) => x.id === g.frameId);
      return f?.type === 'story' && (click.double || g.editing) ? { do: 'edit', frameId: f.id, at: { pageIndex: g.pageIndex, ...g.at } } : null;
    }
    case 'resize':
      return { do: 'frame-rect', frameId: g.frameId, rect: g.rect, kind: 'resize' };
    case 'focus':
      return { do: 'focus', frameId: g.frameId, focus: focusAt(g, p.at), final: true };
    case 'guide': {
      const last = moveGuideGesture(g, p, template, scale);
      if (g.index === undefined) return last.at === null ? null : { do: 'guide-add', pageIndex: g.pageIndex, guide: { axis: g.axis, at: last.at } };
      if (!last.moved) return { do: 'guide-select', pageIndex: g.pageIndex, index: g.index };
      if (last.at === null) return { do: 'guide-delete', pageIndex: g.pageIndex, index: g.index };
      return last.at === g.from ? { do: 'guide-select', pageIndex: g.pageIndex, index: g.index } : { do: 'guide-move', pageIndex: g.pageIndex, index: g.index, at: last.at };
    }
  }
}

/** The page a gesture's preview (ghost rectangle) shows on. */
export function gesturePage(g: Gesture): number | null {
  if (g.kind === 'pan') return null;
  return g.kind === 'move' && g.toPage !== undefined ? g.toPage : g.pageIndex;
}

/** The frames a marquee from `a` to `b` touches (their boxes meet the band's), in page order. */
export function framesTouched(t: Template, frames: readonly Frame[], a: PagePoint, b: PagePoint): string[] {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return frames
    .filter((f) => {
      const r = t.box(f.rect);
      return r.x <= x1 && r.x + r.w >= x0 && r.y <= y1 && r.y + r.h >= y0;
    })
    .map((f) => f.id);
}

/** The empty template slot of a kind under a point, if any. */
export function slotAt(t: Template, frames: readonly Frame[], at: PagePoint, type: 'story' | 'photo'): { name: string; rect: GridRect } | undefined {
  const kind = type === 'story' ? 'article' : 'photo';
  return t.spec.slots.find((s) => {
    if (s.kind !== kind) return false;
    const b = t.box(s.rect);
    if (at.x < b.x || at.x > b.x + b.w || at.y < b.y || at.y > b.y + b.h) return false;
    return !frames.some((f) => f.slot === s.name);
  });
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
