import type { BrokenPhoto } from './links.js';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent as ReactDragEvent, type MouseEvent as ReactMouseEvent, type MutableRefObject, type PointerEvent as ReactPointerEvent, type ReactElement } from 'react';
import type { ComposedIssue } from '../../core/compose/types.js';
import type { DisplayItem, DisplayPage, FontKey } from '../../core/display/types.js';
import type { Frame, GridRect, Issue, Page, RulerGuide } from '../../core/model/issue.js';
import type { Template, TemplateRegistry } from '../../core/templates/index.js';
import { PageSvg, GridOverlay } from '../paint/index.js';
import type { GuideName, Tool } from './commands.js';
import { endGesture, gesturePage, isDoubleClick, moveGesture, panScroll, pressFrame, pressGuide, pressHandle, pressPage, pressRuler, slotAt, startPan, type ClickMark, type Gesture, type GestureOutcome, type GesturePointer, type GuideOutcome, type PageGesture } from './gestures.js';
import { guideInGrid, guideLabel, guidePos, guidesOn } from './model/guides.js';
import { arrangePasteboard, nearestPage, templateFor, type Pasteboard } from './pasteboard.js';
import { useWorkspaceT } from './i18n.js';
import { moveRect, rectFromDrag, type PagePoint, type ResizeHandle } from './model/grid.js';
import { threadOf } from './model/threads.js';
import { frameAfter, frameWords } from './model/tab-order.js';
import { Rulers } from './Rulers.js';

/**
 * The page canvas: every page of the issue on a pasteboard (one under the other, or in
 * spreads), painted from the composer's display list by the screen painter, with the
 * editor's guides over it — column grid, baseline grid, template slots, frame edges, thread
 * links, overset markers, ruler guides (参考线: dragged from the rulers, never printed) — and the
 * frame gestures (gestures.ts): draw on the grid, move, resize, crop, drop a story into a slot. Zoom with Ctrl+wheel (about the pointer) and pan with
 * the scrollbars, the wheel, Space+drag or the middle button.
 */

export type { Tool } from './commands.js';

export type Guides = Record<GuideName, boolean>;

/** A frame pressed (`toggle`: Shift held — it joins or leaves the selection), or null: nothing. */
export type CanvasSelection = { frameId: string; toggle?: boolean } | null;

/** Where the context menu was asked for: on a frame, or on a page's empty area (client px). */
export interface CanvasMenuRequest {
  frameId?: string;
  pageIndex: number;
  x: number;
  y: number;
}

export interface PageCanvasProps {
  issue: Issue;
  composed: ComposedIssue;
  /** Photo frames whose file is missing, unreadable or outside the folder (the links report), by frame id. */
  brokenPhotos?: ReadonlyMap<string, BrokenPhoto>;
  templates: TemplateRegistry;
  fonts: Record<FontKey, { family: string; weight: number }>;
  assetUrl: (assetId: string) => string;
  scale: number;
  spreads: boolean;
  guides: Guides;
  /** The ruler guide clicked, if any (Delete removes it). */
  selectedGuide?: { pageIndex: number; index: number } | null;
  /** A ruler guide made, moved, removed or clicked. */
  onGuide?(o: GuideOutcome): void;
  tool: Tool;
  selection: CanvasSelection;
  /** Every selected frame (several: shift-click, marquee, Ctrl+A); handles only show on a single one. */
  selectedIds?: readonly string[];
  editingStoryId: string | null;
  editingFrameId: string | null;
  /** The story frame whose thread the link tool continues. */
  linkFrom: string | null;
  /** Photos being linked (frame id → object URL of the dropped file), shown at once. */
  pendingPhotos?: Record<string, string>;
  onSelect(sel: CanvasSelection): void;
  /** A marquee's frames (or none: a click on the empty page), added to the selection with Shift. */
  onSelectFrames(frameIds: string[], additive: boolean): void;
  /** A multi-selection dragged by whole columns and lines. */
  onFramesMove(frameIds: readonly string[], columns: number, lines: number): void;
  /** A right click on the canvas (its context menu). */
  onContextMenu?(at: CanvasMenuRequest): void;
  /** A double click (no drag) on a story frame, or a click in the one being edited: edit its story in place, caret at the click. */
  onEditFrame(frameId: string, at: { pageIndex: number; x: number; y: number }): void;
  /** A double click on a photo frame, at a page point: its caption or credit there is edited in place. */
  onPhotoDoubleClick?(frameId: string, pageIndex: number, at: PagePoint): void;
  onDraw(pageIndex: number, type: 'story' | 'photo', rect: GridRect, slot?: string): void;
  onFrameRect(frameId: string, rect: GridRect, kind: 'move' | 'resize'): void;
  /** A frame dragged onto another page. */
  onFrameToPage(frameId: string, pageIndex: number, rect: GridRect): void;
  onLink(toFrameId: string): void;
  /** The out port of a story frame was clicked: thread from it (as InDesign's out port). */
  onStartLink(fromFrameId: string): void;
  onPhotoFocus(frameId: string, focus: { x: number; y: number }, final: boolean): void;
  /** An unplaced story dropped on a page (into a slot, or at a cell). */
  onDropStory(storyId: string, pageIndex: number, at: PagePoint): void;
  /** Image files dropped from the system on a page (on a photo frame, or at a point). */
  onDropFiles(files: File[], pageIndex: number, at: PagePoint): void;
  onZoom(scale: number, anchor?: { clientX: number; clientY: number }): void;
  /** Host element for the story editor (over the pages, same origin as the canvas). */
  editorHostRef: (el: HTMLDivElement | null) => void;
  /** The viewport, for fit page / fit width and scrolling to a page. */
  viewportRef: (el: HTMLDivElement | null) => void;
  onPasteboard(pasteboard: Pasteboard): void;
  /** The page the viewport centres (rulers measure from it). */
  onCurrentPage(pageIndex: number): void;
  currentPage: number;
}

const HANDLES: ResizeHandle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
const CURSOR: Record<ResizeHandle, string> = { n: 'ns-resize', s: 'ns-resize', e: 'ew-resize', w: 'ew-resize', ne: 'nesw-resize', sw: 'nesw-resize', nw: 'nwse-resize', se: 'nwse-resize' };

export const STORY_DRAG_TYPE = 'application/x-broadsheet-story';

type Viewport = MutableRefObject<HTMLDivElement | null>;

export function PageCanvas(p: PageCanvasProps) {
  const viewport = useRef<HTMLDivElement | null>(null);
  // Page places depend on the pages (their templates), not on the text: typing keeps the pasteboard object.
  const pagesOnly = p.issue.pages;
  const pasteboard = useMemo(() => arrangePasteboard({ pages: pagesOnly } as Issue, p.templates, p.scale, p.spreads), [pagesOnly, p.templates, p.scale, p.spreads]);
  const onPasteboard = p.onPasteboard;
  useLayoutEffect(() => onPasteboard(pasteboard), [pasteboard, onPasteboard]);
  const painted = usePaintedWindow(viewport, pasteboard, p.currentPage, p.onCurrentPage);
  const space = useSpaceHeld();
  useWheelZoom(viewport, p.scale, p.onZoom);
  const g = useCanvasGestures(p, viewport, space);
  const lastFrameOf = useLastFrames(p.issue.pages);
  const overlayFor = useGuideOverlays(p.guides);
  const cursor = g.gesture?.kind === 'pan' || space ? (g.gesture ? 'grabbing' : 'grab') : p.tool === 'story' || p.tool === 'photo' ? 'crosshair' : p.tool === 'link' ? 'alias' : 'default';

  return (
    // The pointer's moves and release reach the wrapper both from the pages and from a ruler a guide is dragged from.
    <div className="bs-ws-canvas-wrap" onPointerMove={g.onPointerMove} onPointerUp={g.onPointerUp} onPointerCancel={g.onPointerCancel}>
      <Rulers pasteboard={pasteboard} templates={p.templates} issue={p.issue} scale={p.scale} currentPage={p.currentPage} viewport={viewport} onGuideDown={showGuides(p.guides) ? g.onRulerDown : undefined} />
      <div
        className="bs-ws-viewport"
        ref={(el) => {
          viewport.current = el;
          p.viewportRef(el);
        }}
        onScroll={painted.onScroll}
        style={{ cursor }}
        data-testid="canvas"
      >
        <div className="bs-ws-stack" style={{ width: pasteboard.width, height: pasteboard.height }} onContextMenu={(e) => e.target === e.currentTarget && g.onMenu(e, p.currentPage)} onPointerDown={g.onPasteboardDown}>
          {p.issue.pages.map((page, i) => {
            const tpl = templateFor(p.templates, page.templateId);
            const preview = g.gesture && gesturePage(g.gesture) === i ? (g.gesture as PageGesture) : null;
            return <CanvasPage key={page.id} p={p} page={page} pageIndex={i} template={tpl} pasteboard={pasteboard} painted={painted.near(i)} overlay={overlayFor(tpl)} lastFrameOf={lastFrameOf} gesture={preview} dropSlot={g.dropSlot?.pageIndex === i ? g.dropSlot.rect : null} handlers={g} />;
          })}
          {!p.guides.preview && <ThreadLayer issue={p.issue} templates={p.templates} pasteboard={pasteboard} scale={p.scale} selection={p.selection} />}
          <div className="bs-ws-editor-host" ref={p.editorHostRef} />
        </div>
      </div>
    </div>
  );
}

type CanvasGestures = ReturnType<typeof useCanvasGestures>;

/** One page on the pasteboard: painted when near the viewport (else a blank page), with its frame layer. */
function CanvasPage(o: { p: PageCanvasProps; page: Page; pageIndex: number; template: Template | undefined; pasteboard: Pasteboard; painted: boolean; overlay: ReactElement | null; lastFrameOf: ReadonlyMap<string, string>; gesture: PageGesture | null; dropSlot: GridRect | null; handlers: CanvasGestures }) {
  const { t } = useWorkspaceT();
  const { p, page, pageIndex: i, pasteboard, handlers: g } = o;
  const at = pasteboard.origins[i];
  const display = p.composed.pages[i];
  if (!at || !display) return null;
  const label = t('pages.page', { number: page.number });
  return (
    <div
      className="bs-ws-page"
      data-page-index={i}
      data-page-number={page.number}
      style={{ left: at.x, top: at.y, width: pasteboard.sizes[i].w, height: pasteboard.sizes[i].h }}
      onPointerDown={(e) => g.onPageDown(i, e)}
      onContextMenu={(e) => g.onMenu(e, i)}
      onDragOver={(e) => g.onDragOver(i, e)}
      onDragLeave={g.onDragLeave}
      onDrop={(e) => g.onDrop(i, e)}
    >
      {o.painted ? <PageSvg page={withoutStory(display, p.editingStoryId)} scale={p.scale} fonts={p.fonts} assetUrl={p.assetUrl} label={label} overlay={o.overlay} /> : <div className="bs-ws-page-blank" aria-label={label} />}
      {o.template && (
        <FrameLayer
          pageIndex={i}
          issue={p.issue}
          composed={p.composed}
          brokenPhotos={p.brokenPhotos}
          template={o.template}
          scale={p.scale}
          guides={p.guides}
          selection={p.selection}
          selectedIds={p.selectedIds}
          editingFrameId={p.editingFrameId}
          linkFrom={p.linkFrom}
          lastFrameOf={o.lastFrameOf}
          pendingPhotos={p.pendingPhotos}
          drag={o.gesture}
          dropSlot={o.dropSlot}
          onFramePointerDown={g.onFrameDown}
          onFrameMenu={(f, e) => g.onMenu(e, i, f.id)}
          onFrameFocus={(f) => p.onSelect({ frameId: f.id })}
          tabStop={i === p.currentPage && !p.selection}
          onHandlePointerDown={g.onHandleDown}
          onGuidePointerDown={g.onGuideDown}
          selectedGuide={p.selectedGuide?.pageIndex === i ? p.selectedGuide.index : null}
          tool={p.tool}
          onStartLink={p.onStartLink}
          onPhotoDoubleClick={p.onPhotoDoubleClick && ((f, pt) => p.onPhotoDoubleClick!(f.id, i, pt))}
          t={(l) => t(l.key, l.values ?? {})}
        />
      )}
    </div>
  );
}

/**
 * The pointer gestures and drops on the canvas: DOM events become page points and go through
 * the gesture machine (gestures.ts); what a finished gesture amounts to goes to the props.
 */
function useCanvasGestures(p: PageCanvasProps, viewport: Viewport, space: boolean) {
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const gestureRef = useRef<Gesture | null>(null);
  gestureRef.current = gesture;
  const [dropSlot, setDropSlot] = useState<{ pageIndex: number; rect: GridRect } | null>(null);
  const lastClick = useRef<ClickMark | null>(null);
  const templateOf = (i: number): Template | undefined => (p.issue.pages[i] ? templateFor(p.templates, p.issue.pages[i].templateId) : undefined);
  // Page point of a client point on page i.
  const toPage = (pageIndex: number, clientX: number, clientY: number): PagePoint => {
    const r = viewport.current!.querySelector<HTMLElement>(`[data-page-index="${pageIndex}"]`)!.getBoundingClientRect();
    return { x: (clientX - r.left) / p.scale, y: (clientY - r.top) / p.scale };
  };
  const pointer = (g: PageGesture, e: ReactPointerEvent): GesturePointer => {
    const at = toPage(g.pageIndex, e.clientX, e.clientY);
    if (g.kind === 'guide') {
      // Over a ruler (outside the viewport) a dragged guide is on its way out.
      const v = viewport.current!.getBoundingClientRect();
      return { at, offCanvas: e.clientX < v.left || e.clientX > v.right || e.clientY < v.top || e.clientY > v.bottom };
    }
    const over = (document.elementFromPoint(e.clientX, e.clientY) as Element | null)?.closest<HTMLElement>('.bs-ws-page');
    const overIndex = over ? Number(over.dataset.pageIndex) : g.pageIndex;
    const template = overIndex !== g.pageIndex ? templateOf(overIndex) : undefined;
    return { at, over: template && { pageIndex: overIndex, at: toPage(overIndex, e.clientX, e.clientY), template } };
  };
  // The page's ruler guides a frame's edges snap to: those shown.
  const guidesOf = (pageIndex: number): readonly RulerGuide[] | undefined => (showGuides(p.guides) ? p.issue.pages[pageIndex]?.guides : undefined);
  const begin = (next: Gesture, e: ReactPointerEvent) => {
    setGesture(next);
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
  };
  const pan = (e: ReactPointerEvent) => {
    e.preventDefault();
    const el = viewport.current!;
    begin(startPan({ x: e.clientX, y: e.clientY }, { left: el.scrollLeft, top: el.scrollTop }), e);
  };
  const onPageDown = (pageIndex: number, e: ReactPointerEvent) => {
    if (e.button === 1 || space) return pan(e);
    if (e.button !== 0) return;
    const next = pressPage(pageIndex, toPage(pageIndex, e.clientX, e.clientY), p.tool, e.shiftKey);
    if (!next) return p.onSelect(null); // empty page area with the link tool: deselect
    e.preventDefault();
    begin(next, e);
  };
  const onFrameDown = (pageIndex: number, f: Frame, e: ReactPointerEvent) => {
    if (e.button === 1 || space) return onPageDown(pageIndex, e);
    if (e.button !== 0) return;
    e.stopPropagation();
    if (p.tool === 'story' || p.tool === 'photo') return onPageDown(pageIndex, e);
    if (e.shiftKey && p.tool === 'select') {
      e.preventDefault();
      return p.onSelect({ frameId: f.id, toggle: true });
    }
    const press = pressFrame({ frame: f, pageIndex, at: toPage(pageIndex, e.clientX, e.clientY), tool: p.tool, selected: p.selection?.frameId === f.id, altKey: e.altKey, template: templateOf(pageIndex)!, selection: p.selectedIds, editing: p.editingFrameId === f.id, guides: guidesOf(pageIndex) });
    if (!press) return;
    if ('link' in press) return p.onLink(press.link);
    e.preventDefault();
    p.onSelect({ frameId: f.id });
    begin(press.gesture, e);
  };
  const onHandleDown = (pageIndex: number, f: Frame, handle: ResizeHandle, e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    begin(pressHandle(pageIndex, f, handle, toPage(pageIndex, e.clientX, e.clientY), guidesOf(pageIndex)), e);
  };
  // A ruler pressed: a new guide on the current page (top ruler: horizontal, left: vertical).
  const onRulerDown = (axis: 'x' | 'y', e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    const page = p.issue.pages[p.currentPage] ? p.currentPage : 0;
    if (!p.issue.pages[page] || !templateOf(page)) return;
    e.preventDefault();
    begin(pressRuler(page, axis, p.issue.pages[page].frames), e);
  };
  const onGuideDown = (pageIndex: number, index: number, e: ReactPointerEvent) => {
    const guide = p.issue.pages[pageIndex]?.guides?.[index];
    if (e.button !== 0 || !guide || space) return;
    e.stopPropagation();
    e.preventDefault();
    begin(pressGuide(pageIndex, index, guide, toPage(pageIndex, e.clientX, e.clientY), p.issue.pages[pageIndex].frames), e);
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    const g = gestureRef.current;
    if (!g) return;
    if (g.kind === 'pan') {
      const el = viewport.current!;
      const to = panScroll(g, { x: e.clientX, y: e.clientY });
      el.scrollLeft = to.left;
      el.scrollTop = to.top;
      return;
    }
    const t = templateOf(g.pageIndex);
    if (!t) return;
    const step = moveGesture(g, pointer(g, e), t, p.scale);
    if (step.focus) p.onPhotoFocus(step.focus.frameId, step.focus.focus, false);
    else setGesture(step.gesture);
  };
  const onPointerUp = (e: ReactPointerEvent) => {
    const g = gestureRef.current;
    setGesture(null);
    if (!g || g.kind === 'pan') return;
    const t = templateOf(g.pageIndex);
    // A click on a frame: a double click with the click before it?
    let double = false;
    if (g.kind === 'move' && !g.moved) {
      const mark = { frameId: g.frameId, time: e.timeStamp, x: e.clientX, y: e.clientY };
      double = isDoubleClick(lastClick.current, mark);
      lastClick.current = double ? null : mark;
    }
    const outcome = t && endGesture(g, pointer(g, e), t, p.issue.pages[g.pageIndex].frames, p.scale, { double });
    if (outcome) applyOutcome(p, outcome);
  };
  const onMenu = (e: ReactPointerEvent | ReactMouseEvent, pageIndex: number, frameId?: string) => {
    if (!p.onContextMenu) return;
    e.preventDefault();
    e.stopPropagation();
    p.onContextMenu({ frameId, pageIndex, x: e.clientX, y: e.clientY });
  };
  // The pasteboard itself: pan with Space or the middle button; else a marquee over the current page (the select tool), or deselect.
  const onPasteboardDown = (e: ReactPointerEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.button === 1 || space) return pan(e);
    if (e.button !== 0) return;
    const page = p.issue.pages[p.currentPage] ? p.currentPage : 0;
    const next = p.tool === 'select' && p.issue.pages[page] ? pressPage(page, toPage(page, e.clientX, e.clientY), p.tool, e.shiftKey) : null;
    if (!next) return p.onSelect(null);
    e.preventDefault();
    begin(next, e);
  };
  // Drops: an unplaced story from the stories panel, or image files from the system.
  const onDragOver = (pageIndex: number, e: ReactDragEvent) => {
    const types = e.dataTransfer.types;
    if (!types.includes(STORY_DRAG_TYPE) && !types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = types.includes('Files') ? 'link' : 'copy';
    const t = templateOf(pageIndex);
    const slot = t && types.includes(STORY_DRAG_TYPE) ? slotAt(t, p.issue.pages[pageIndex].frames, toPage(pageIndex, e.clientX, e.clientY), 'story') : undefined;
    setDropSlot(slot ? { pageIndex, rect: slot.rect } : null);
  };
  const onDrop = (pageIndex: number, e: ReactDragEvent) => {
    setDropSlot(null);
    const at = toPage(pageIndex, e.clientX, e.clientY);
    const storyId = e.dataTransfer.getData(STORY_DRAG_TYPE);
    const files = storyId ? [] : [...e.dataTransfer.files].filter((f) => /^image\//.test(f.type) || /\.(jpe?g|png|tiff?|webp)$/i.test(f.name));
    if (storyId || files.length) e.preventDefault();
    if (storyId) p.onDropStory(storyId, pageIndex, at);
    else if (files.length) p.onDropFiles(files, pageIndex, at);
  };
  const onDragLeave = () => setDropSlot(null);
  const onPointerCancel = () => setGesture(null);
  return { gesture, dropSlot, onMenu, onPageDown, onFrameDown, onHandleDown, onRulerDown, onGuideDown, onPointerMove, onPointerUp, onPointerCancel, onPasteboardDown, onDragOver, onDragLeave, onDrop };
}

function applyOutcome(p: PageCanvasProps, o: GestureOutcome): void {
  switch (o.do) {
    case 'draw':
      return p.onDraw(o.pageIndex, o.type, o.rect, o.slot);
    case 'frame-rect':
      return p.onFrameRect(o.frameId, o.rect, o.kind);
    case 'frame-to-page':
      return p.onFrameToPage(o.frameId, o.pageIndex, o.rect);
    case 'edit':
      return p.onEditFrame(o.frameId, o.at);
    case 'frames-move':
      return p.onFramesMove(o.frameIds, o.columns, o.lines);
    case 'select':
      return p.onSelectFrames(o.frameIds, o.additive);
    case 'focus':
      return p.onPhotoFocus(o.frameId, o.focus, o.final);
    case 'guide-add':
    case 'guide-move':
    case 'guide-delete':
    case 'guide-select':
      return p.onGuide?.(o);
  }
}

/** Whether the ruler guides are shown (and snapped to): 显示参考线 on, not the print preview. */
function showGuides(g: Guides): boolean {
  return g.rulerGuides && !g.preview;
}

/**
 * Which pages are painted: only those within a screen of the viewport (an issue of 24 对开
 * pages is ~100,000 SVG text elements); the others stand as blank pages until scrolled near.
 * Nothing is painted before the viewport was measured (before the first paint, at the zoom
 * the page fits at), and the first paint shows only the pages in the viewport; those within a
 * screen of it follow a frame later. Scrolling also tells which page is current (the one
 * nearest the viewport's centre: rulers, pages panel).
 */
function usePaintedWindow(viewport: Viewport, pasteboard: Pasteboard, currentPage: number, onCurrentPage: (i: number) => void) {
  const [view, setView] = useState<{ top: number; left: number; width: number; height: number } | null>(null);
  const [margin, setMargin] = useState(0);
  useEffect(() => {
    if (!view || margin) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setMargin(1))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [view, margin]);
  // The painted window follows zoom, pasteboard and the viewport's size.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [pasteboard]);
  const near = (i: number) => {
    const o = pasteboard.origins[i];
    const sz = pasteboard.sizes[i];
    if (!view || !o || !sz) return false;
    const mx = view.width * margin;
    const my = view.height * margin;
    return o.x < view.left + view.width + mx && o.x + sz.w > view.left - mx && o.y < view.top + view.height + my && o.y + sz.h > view.top - my;
  };
  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    // A new window only after a quarter screen of scrolling (or a resize): scrolling stays cheap.
    setView((v) => (!v || Math.abs(v.top - el.scrollTop) > el.clientHeight / 4 || Math.abs(v.left - el.scrollLeft) > el.clientWidth / 4 || v.width !== el.clientWidth || v.height !== el.clientHeight ? { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight } : v));
    const best = nearestPage(pasteboard, { x: el.scrollLeft + el.clientWidth / 2, y: el.scrollTop + el.clientHeight / 2 });
    if (best !== currentPage) onCurrentPage(best);
  };
  return { near, onScroll };
}

/** Space held: the hand tool (pan), as in InDesign. */
function useSpaceHeld(): boolean {
  const [space, setSpace] = useState(false);
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTyping(e.target)) {
        setSpace(true);
        e.preventDefault();
      }
    };
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpace(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);
  return space;
}

/** Ctrl/Cmd+wheel (and trackpad pinch, which Chromium sends as ctrl+wheel) zooms about the pointer. */
function useWheelZoom(viewport: Viewport, scale: number, onZoom: PageCanvasProps['onZoom']): void {
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002));
      onZoom(scale * factor, { clientX: e.clientX, clientY: e.clientY });
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => el.removeEventListener('wheel', wheel);
  }, [scale, onZoom]);
}

/** The last frame of every story's thread (where its overset marker goes), once per change of the pages. */
function useLastFrames(pages: readonly Page[]): ReadonlyMap<string, string> {
  return useMemo(() => {
    const m = new Map<string, string>();
    const ids = new Set<string>();
    for (const pg of pages) for (const f of pg.frames) if (f.type === 'story') ids.add(f.storyId);
    for (const id of ids) {
      const th = threadOf({ pages } as Issue, id);
      if (th.length) m.set(id, th[th.length - 1].frame.id);
    }
    return m;
  }, [pages]);
}

/** One guide overlay element per template and toggles, so the painter's memo holds while typing. */
function useGuideOverlays(guides: Guides): (tpl: Template | undefined) => ReactElement | null {
  const overlays = useMemo(() => new Map<string, ReactElement>(), []);
  return useCallback(
    (tpl) => {
      if (!tpl || guides.preview || !(guides.columns || guides.baselines)) return null;
      const key = `${tpl.id}|${guides.columns}|${guides.baselines}`;
      let el = overlays.get(key);
      if (!el) overlays.set(key, (el = <GuideGrid template={tpl} columns={guides.columns} baselines={guides.baselines} />));
      return el;
    },
    [overlays, guides.preview, guides.columns, guides.baselines],
  );
}

const withoutCache = new WeakMap<DisplayPage, { storyId: string; page: DisplayPage }>();

/**
 * A display page without the glyph runs of the story being edited (the editor draws it). Kept
 * the same object while the items left are the same objects, so the painter (memoised on its
 * page) does nothing when only the edited story changed, and the painted items keep their
 * positions in the list — React then touches no SVG text while one types.
 */
function withoutStory(page: DisplayPage, storyId: string | null): DisplayPage {
  if (!storyId) return page;
  const cached = withoutCache.get(page);
  if (cached?.storyId === storyId) return cached.page;
  const items = page.items.filter((it) => !(it.kind === 'glyphs' && it.storyId === storyId));
  const prev = lastWithout.get(storyId + '\u0000' + page.number);
  const same = prev && prev.items.length === items.length && prev.width === page.width && prev.height === page.height && prev.items.every((it, i) => sameItem(it, items[i]));
  const out = same ? prev : { ...page, items };
  withoutCache.set(page, { storyId, page: out });
  lastWithout.set(storyId + '\u0000' + page.number, out);
  return out;
}
const lastWithout = new Map<string, DisplayPage>();

const sameArray = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) => a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]));

/** Whether two display items draw the same (the composer rebuilds furniture items on every call). */
function sameItem(a: DisplayItem, b: DisplayItem): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  for (const k of Object.keys(a) as (keyof DisplayItem)[]) {
    const x = a[k] as unknown;
    const y = (b as unknown as Record<string, unknown>)[k];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (!sameArray(x, y)) return false;
      continue;
    }
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      const ox = x as Record<string, unknown>;
      const oy = y as Record<string, unknown>;
      const keys = Object.keys(ox);
      if (keys.length !== Object.keys(oy).length || keys.some((kk) => ox[kk] !== oy[kk])) return false;
      continue;
    }
    return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

/** The template grid (painter's overlay) with the column or baseline part switched off. */
function GuideGrid({ template, columns, baselines }: { template: Template; columns: boolean; baselines: boolean }) {
  return (
    <g className={`bs-ws-guides${columns ? '' : ' no-columns'}${baselines ? '' : ' no-baselines'}`}>
      <GridOverlay template={template} />
    </g>
  );
}

interface FrameLayerProps {
  pageIndex: number;
  issue: Issue;
  composed: ComposedIssue;
  brokenPhotos?: ReadonlyMap<string, BrokenPhoto>;
  template: Template;
  scale: number;
  guides: Guides;
  selection: CanvasSelection;
  selectedIds?: readonly string[];
  editingFrameId: string | null;
  linkFrom: string | null;
  lastFrameOf: ReadonlyMap<string, string>;
  pendingPhotos?: Record<string, string>;
  drag: PageGesture | null;
  dropSlot: GridRect | null;
  onFramePointerDown(pageIndex: number, f: Frame, e: ReactPointerEvent): void;
  onFrameMenu(f: Frame, e: ReactMouseEvent): void;
  /** A frame reached by the keyboard (Tab into the page): it becomes the selection. */
  onFrameFocus(f: Frame): void;
  /** Nothing is selected and this is the current page: its first frame is where Tab enters the page. */
  tabStop: boolean;
  onHandlePointerDown(pageIndex: number, f: Frame, h: ResizeHandle, e: ReactPointerEvent): void;
  /** A ruler guide pressed (with the select tool, guides not locked). */
  onGuidePointerDown(pageIndex: number, index: number, e: ReactPointerEvent): void;
  /** The index of this page's selected ruler guide. */
  selectedGuide: number | null;
  tool: Tool;
  onStartLink(frameId: string): void;
  onPhotoDoubleClick?(f: Frame, at: PagePoint): void;
  t(label: { key: string; values?: Record<string, string | number> }): string;
}

/** Frames of one page as hit targets, with edges, slots, selection handles and fit markers (page points, scaled). */
function FrameLayer(p: FrameLayerProps) {
  const { template: t, scale, guides } = p;
  const page = p.issue.pages[p.pageIndex];
  const s = (v: number) => v * scale;
  const preview = guides.preview;
  const lastFrameOf = p.lastFrameOf;
  // Composer warnings about a frame (low resolution at placed size, missing image, outside the grid …).
  const frameDiagnostics = new Map<string, { kind: string; severity: string; message: string }[]>();
  for (const d of p.composed.diagnostics) {
    if (d.pageIndex !== p.pageIndex || !d.frameId || d.kind === 'overset') continue;
    const list = frameDiagnostics.get(d.frameId) ?? [];
    list.push(d);
    frameDiagnostics.set(d.frameId, list);
  }
  // What the links report knows and the composer cannot: the file behind a photo is gone, broken or outside.
  for (const f of page.frames) {
    const broken = p.brokenPhotos?.get(f.id);
    if (!broken) continue;
    const list = frameDiagnostics.get(f.id)?.filter((d) => d.kind !== 'missing-image') ?? [];
    list.push({ kind: `photo-${broken.kind}`, severity: 'error', message: broken.path });
    frameDiagnostics.set(f.id, list);
  }
  const ghost = p.drag && (p.drag.kind === 'move' || p.drag.kind === 'resize') && !(p.drag.kind === 'move' && p.drag.group) ? { id: p.drag.frameId, rect: p.drag.rect } : null;
  // A multi-selection dragged: a ghost for each of its frames on this page, all by the same step.
  const drag = p.drag;
  const groupGhosts =
    drag?.kind === 'move' && drag.group && drag.moved
      ? page.frames.filter((f) => drag.group!.includes(f.id)).map((f) => ({ id: f.id, rect: moveRect(t, f.rect, drag.rect.column - drag.rect0.column, drag.rect.line - drag.rect0.line) }))
      : [];
  const marquee = p.drag?.kind === 'marquee' ? p.drag : null;
  const single = !p.selectedIds || p.selectedIds.length <= 1;
  const drawRect = p.drag?.kind === 'draw' ? rectFromDrag(t, p.drag.a, p.drag.b) : null;
  const markers: ReactElement[] = [];
  // One frame of the page is in the Tab order (roving): the selected one, else the first in reading order.
  const entry = p.tabStop ? frameAfter(page, null, 1) : null;
  const frames = page.frames.map((f) => {
    const b = t.box(f.rect);
    const selected = p.selection?.frameId === f.id || !!p.selectedIds?.includes(f.id);
    const editing = p.editingFrameId === f.id;
    const cls = ['bs-ws-frame', `bs-ws-frame-${f.type}`, selected ? 'is-selected' : '', selected && !single ? 'is-multi' : '', editing ? 'is-editing' : '', p.linkFrom === f.id ? 'is-link-source' : '', preview ? 'is-preview' : !guides.frames ? 'no-edge' : ''].join(' ');
    if (!preview && f.type === 'story' && lastFrameOf.get(f.storyId) === f.id) {
      const fit = p.composed.stories[f.storyId]?.fit;
      if (fit && fit.state === 'overset') {
        markers.push(
          <div key={`m${f.id}`} className="bs-ws-overset" data-testid="overset-marker" data-story={f.storyId} data-chars={fit.chars} style={{ left: s(b.x + b.w) - 9, top: s(b.y + b.h) - 9 }}>
            <span className="bs-ws-overset-plus">+</span>
            <span className="bs-ws-overset-count">{p.t({ key: 'canvas.overset', values: { count: fit.chars } })}</span>
          </div>,
        );
      }
    }
    return (
      <div
        key={f.id}
        className={cls}
        data-frame={f.id}
        data-story={f.type === 'story' ? f.storyId : undefined}
        tabIndex={(selected && single) || entry === f.id ? 0 : -1}
        role="group"
        aria-roledescription={p.t({ key: 'canvas.frameRole' })}
        aria-label={frameName(p.issue, f, p.t)}
        onFocus={(e) => e.target === e.currentTarget && !selected && e.currentTarget.matches(':focus-visible') && p.onFrameFocus(f)}
        style={{ left: s(b.x), top: s(b.y), width: s(b.w), height: s(b.h) }}
        onPointerDown={(e) => {
          // The press selects the frame; keyboard focus goes with it (the gesture's preventDefault keeps the browser from giving it), unless the press is in the text being edited.
          if (!editing && e.button === 0) e.currentTarget.focus({ preventScroll: true });
          p.onFramePointerDown(p.pageIndex, f, e);
        }}
        onContextMenu={(e) => p.onFrameMenu(f, e)}
        onDoubleClick={
          f.type === 'photo' && p.onPhotoDoubleClick
            ? (e) => {
                const r = e.currentTarget.getBoundingClientRect();
                p.onPhotoDoubleClick!(f, { x: b.x + (e.clientX - r.left) / scale, y: b.y + (e.clientY - r.top) / scale });
              }
            : undefined
        }
      >
        {p.pendingPhotos?.[f.id] ? (
          <span className="bs-ws-pending-photo" style={{ backgroundImage: `url(${p.pendingPhotos[f.id]})` }} data-testid="pending-photo">
            <span>{p.t({ key: 'canvas.linking' })}</span>
          </span>
        ) : (
          !preview && f.type === 'photo' && !f.assetId && <span className="bs-ws-empty-photo">{p.t({ key: 'inspector.noAsset' })}</span>
        )}
        {!preview && f.type === 'story' && <span className="bs-ws-port bs-ws-port-in" />}
        {!preview && f.type === 'story' && (
          <span
            className={`bs-ws-port bs-ws-port-out${f.next ? ' is-linked' : ''}`}
            title={p.t({ key: 'inspector.linkNext' })}
            data-testid="port-out"
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              e.stopPropagation();
              e.preventDefault();
              p.onStartLink(f.id);
            }}
          />
        )}
        {!preview && frameDiagnostics.has(f.id) && (
          <span className="bs-ws-frame-flags" data-testid="frame-flag">
            {frameDiagnostics.get(f.id)!.map((d, i) => (
              <span key={i} className={`bs-ws-flag bs-ws-flag-${d.severity}`} title={d.message} data-kind={d.kind}>
                {p.t({ key: `flag.${d.kind}` })}
              </span>
            ))}
          </span>
        )}
        {selected && single && !preview && HANDLES.map((h) => <span key={h} className={`bs-ws-handle bs-ws-handle-${h}`} style={{ cursor: CURSOR[h] }} onPointerDown={(e) => p.onHandlePointerDown(p.pageIndex, f, h, e)} />)}
      </div>
    );
  });
  return (
    <div className="bs-ws-frames" data-page-index={p.pageIndex}>
      {!preview &&
        guides.frames &&
        t.spec.slots
          .filter((sl) => !page.frames.some((f) => f.slot === sl.name))
          .map((sl) => {
            const b = t.box(sl.rect);
            return (
              <div key={`slot-${sl.name}`} className={`bs-ws-slot bs-ws-slot-${sl.kind}`} style={{ left: s(b.x), top: s(b.y), width: s(b.w), height: s(b.h) }}>
                <span>{sl.name}</span>
              </div>
            );
          })}
      {frames}
      {markers}
      {ghost && <Ghost rect={ghost.rect} t={t} scale={scale} />}
      {groupGhosts.map((gh) => (
        <Ghost key={`g${gh.id}`} rect={gh.rect} t={t} scale={scale} />
      ))}
      {marquee && (
        <div
          className="bs-ws-marquee"
          data-testid="marquee"
          style={{ left: Math.min(marquee.a.x, marquee.b.x) * scale, top: Math.min(marquee.a.y, marquee.b.y) * scale, width: Math.abs(marquee.b.x - marquee.a.x) * scale, height: Math.abs(marquee.b.y - marquee.a.y) * scale }}
        />
      )}
      {drawRect && <Ghost rect={drawRect} t={t} scale={scale} />}
      {p.dropSlot && <Ghost rect={p.dropSlot} t={t} scale={scale} />}
      {showGuides(guides) && <RulerGuides page={page} template={t} scale={scale} drag={p.drag} locked={guides.lockGuides || p.tool !== 'select'} selected={p.selectedGuide} onPointerDown={(index, e) => p.onGuidePointerDown(p.pageIndex, index, e)} t={p.t} />}
    </div>
  );
}

/**
 * A page's ruler guides: thin cyan lines across the page (DOM over the painted page, so never in
 * the display list nor the PDF), each with a few px to grab it by. While a frame is moved or
 * resized the guides its edges sit on are highlighted; a guide being dragged shows where it
 * lands and what that reads as (第 12 行 · 131.2 毫米).
 */
function RulerGuides(o: { page: Page; template: Template; scale: number; drag: PageGesture | null; locked: boolean; selected: number | null; onPointerDown(index: number, e: ReactPointerEvent): void; t: FrameLayerProps['t'] }) {
  const { template: t, scale, drag } = o;
  const list = o.page.guides ?? [];
  const hot = new Set(drag && (drag.kind === 'move' || drag.kind === 'resize') && !(drag.kind === 'move' && drag.toPage !== undefined) && drag.guides ? guidesOn(t, drag.rect, list) : []);
  const moving = drag?.kind === 'guide' ? drag : null;
  const line = (g: RulerGuide, key: string, cls: string, extra: { index?: number; label?: string; along?: number } = {}) => {
    const at = guidePos(t, g) * scale;
    const style = g.axis === 'x' ? { left: at - 3, top: 0, width: 7, height: t.pageHeight * scale } : { top: at - 3, left: 0, height: 7, width: t.pageWidth * scale };
    return (
      <div
        key={key}
        className={`bs-ws-rguide is-${g.axis}${cls}`}
        style={style}
        data-testid="ruler-guide"
        data-axis={g.axis}
        data-at={g.at}
        onPointerDown={extra.index !== undefined && !o.locked ? (e) => o.onPointerDown(extra.index!, e) : undefined}
      >
        {extra.label && (
          <span className="bs-ws-rguide-label" data-testid="guide-label" style={g.axis === 'x' ? { top: Math.max(0, (extra.along ?? 0) * scale + 12) } : { left: Math.max(0, (extra.along ?? 0) * scale + 12) }}>
            {extra.label}
          </span>
        )}
      </div>
    );
  };
  const reading = (g: RulerGuide) => {
    const r = guideLabel(t, g);
    return `${o.t(r.label)} · ${o.t({ key: 'guide.mm', values: { mm: r.mm } })}`;
  };
  return (
    <div className={`bs-ws-rguides${o.locked ? ' is-locked' : ''}`} data-testid="ruler-guides">
      {list.map((g, i) => {
        if (!guideInGrid(t, g)) return null;
        if (moving && moving.index === i) {
          // Dragged off the page: shown where it was, going.
          return moving.at === null ? line(g, `g${i}`, ' is-removing', { label: o.t({ key: 'guide.remove' }), along: moving.along }) : null;
        }
        return line(g, `g${i}`, `${hot.has(i) ? ' is-snapped' : ''}${o.selected === i ? ' is-selected' : ''}`, { index: i });
      })}
      {moving && moving.at !== null && line({ axis: moving.axis, at: moving.at }, 'live', ' is-live', { label: reading({ axis: moving.axis, at: moving.at }), along: moving.along })}
    </div>
  );
}

/** A frame's accessible name: 稿件框：<headline>, 图片框：<caption> … */
function frameName(issue: Issue, f: Frame, t: FrameLayerProps['t']): string {
  const { kind, words } = frameWords(issue, f);
  return t({ key: `canvas.frame.${kind}`, values: { words } });
}

function Ghost({ rect, t, scale }: { rect: GridRect; t: Template; scale: number }) {
  const b = t.box(rect);
  return <div className="bs-ws-ghost" data-testid="ghost" style={{ left: b.x * scale, top: b.y * scale, width: b.w * scale, height: b.h * scale }} />;
}

/** The thread of the selected story frame: a line from each frame's out port to the next frame's in port, across pages. */
function ThreadLayer({ issue, templates, pasteboard, scale, selection }: { issue: Issue; templates: TemplateRegistry; pasteboard: Pasteboard; scale: number; selection: CanvasSelection }) {
  if (!selection) return null;
  let storyId: string | undefined;
  for (const p of issue.pages) for (const f of p.frames) if (f.id === selection.frameId && f.type === 'story') storyId = f.storyId;
  if (!storyId) return null;
  const chain = threadOf(issue, storyId);
  if (chain.length < 2) return null;
  const corner = (i: number, end: boolean) => {
    const at = chain[i];
    const t = templateFor(templates, issue.pages[at.pageIndex].templateId);
    const o = pasteboard.origins[at.pageIndex];
    if (!t || !o) return null;
    const b = t.box(at.frame.rect);
    return end ? { x: o.x + (b.x + b.w) * scale, y: o.y + (b.y + b.h) * scale } : { x: o.x + b.x * scale, y: o.y + b.y * scale };
  };
  const segs: ReactElement[] = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const a = corner(i, true);
    const b = corner(i + 1, false);
    if (a && b) segs.push(<path key={i} d={`M${a.x},${a.y} C${a.x + 60},${a.y} ${b.x - 60},${b.y} ${b.x},${b.y}`} />);
  }
  return (
    <svg className="bs-ws-threads" width={pasteboard.width} height={pasteboard.height} data-testid="thread">
      {segs}
    </svg>
  );
}
