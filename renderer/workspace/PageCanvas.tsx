import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactElement } from 'react';
import type { ComposedIssue } from '../../core/compose/types.js';
import type { DisplayItem, DisplayPage, FontKey } from '../../core/display/types.js';
import type { Frame, GridRect, Issue } from '../../core/model/issue.js';
import type { Template, TemplateRegistry } from '../../core/templates/index.js';
import { PageSvg, GridOverlay } from '../paint/index.js';
import { arrangePasteboard, templateFor, type Pasteboard } from './pasteboard.js';
import { useWorkspaceT } from './i18n.js';
import { cellAt, moveIntoGrid, gridDelta, moveRect, rectFromDrag, resizeRect, type PagePoint, type ResizeHandle } from './model/grid.js';
import { threadOf } from './model/threads.js';
import { Rulers } from './Rulers.js';

/**
 * The page canvas: every page of the issue on a pasteboard (one under the other, or in
 * spreads), painted from the composer's display list by the screen painter, with the
 * editor's guides over it — column grid, baseline grid, template slots, frame edges, thread
 * links, overset markers — and the frame gestures: draw on the grid, move, resize, drop a
 * story into a slot. Zoom with Ctrl+wheel (about the pointer) and pan with the scrollbars,
 * the wheel, Space+drag or the middle button.
 */

export type Tool = 'select' | 'story' | 'photo' | 'link';

export interface Guides {
  columns: boolean;
  baselines: boolean;
  frames: boolean;
  preview: boolean;
}

export type CanvasSelection = { frameId: string } | null;

/** A gesture in progress. */
type Drag =
  | { kind: 'draw'; pageIndex: number; type: 'story' | 'photo'; a: PagePoint; b: PagePoint }
  | { kind: 'move'; pageIndex: number; frameId: string; start: PagePoint; rect0: GridRect; rect: GridRect; moved: boolean; at: PagePoint; toPage?: number }
  | { kind: 'resize'; pageIndex: number; frameId: string; handle: ResizeHandle; start: PagePoint; rect0: GridRect; rect: GridRect }
  | { kind: 'focus'; pageIndex: number; frameId: string; start: PagePoint; focus0: { x: number; y: number }; box: { w: number; h: number } }
  | { kind: 'pan'; x: number; y: number; left: number; top: number };

export interface PageCanvasProps {
  issue: Issue;
  composed: ComposedIssue;
  templates: TemplateRegistry;
  fonts: Record<FontKey, { family: string; weight: number }>;
  assetUrl: (assetId: string) => string;
  scale: number;
  spreads: boolean;
  guides: Guides;
  tool: Tool;
  selection: CanvasSelection;
  editingStoryId: string | null;
  editingFrameId: string | null;
  /** The story frame whose thread the link tool continues. */
  linkFrom: string | null;
  /** Photos being linked (frame id → object URL of the dropped file), shown at once. */
  pendingPhotos?: Record<string, string>;
  onSelect(sel: CanvasSelection): void;
  /** A click (no drag) on a story frame: edit its story in place, caret at the click. */
  onEditFrame(frameId: string, at: { pageIndex: number; x: number; y: number }): void;
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

/** Drag distance (CSS px) under which a press is a click. */
const CLICK_SLOP = 4;

export const STORY_DRAG_TYPE = 'application/x-broadsheet-story';

export function PageCanvas(p: PageCanvasProps) {
  const { t } = useWorkspaceT();
  const viewport = useRef<HTMLDivElement | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;
  const [space, setSpace] = useState(false);
  const [dropSlot, setDropSlot] = useState<{ pageIndex: number; rect: GridRect } | null>(null);
  // Page places depend on the pages (their templates), not on the text: typing keeps the pasteboard object.
  const pagesOnly = p.issue.pages;
  const pasteboard = useMemo(() => arrangePasteboard({ pages: pagesOnly } as Issue, p.templates, p.scale, p.spreads), [pagesOnly, p.templates, p.scale, p.spreads]);
  // Only pages within a screen of the viewport are painted (an issue of 24 对开 pages is ~100,000
  // SVG text elements); the others stand as blank pages until scrolled near. Nothing is painted
  // before the viewport was measured (before the first paint, at the zoom the page fits at).
  const [view, setView] = useState<{ top: number; left: number; width: number; height: number } | null>(null);
  // The first paint shows only the pages in the viewport; those within a screen of it follow a frame later.
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
  const near = (i: number) => {
    if (!view) return false;
    const o = pasteboard.origins[i];
    const sz = pasteboard.sizes[i];
    if (!o || !sz) return false;
    const mx = view.width * margin;
    const my = view.height * margin;
    return o.x < view.left + view.width + mx && o.x + sz.w > view.left - mx && o.y < view.top + view.height + my && o.y + sz.h > view.top - my;
  };
  const onPasteboard = p.onPasteboard;
  useLayoutEffect(() => onPasteboard(pasteboard), [pasteboard, onPasteboard]);
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
  const templateOf = (i: number): Template | undefined => (p.issue.pages[i] ? templateFor(p.templates, p.issue.pages[i].templateId) : undefined);
  // The last frame of every story's thread (where its overset marker goes), once per issue.
  const pages = p.issue.pages;
  const lastFrameOf = useMemo(() => {
    const m = new Map<string, string>();
    const ids = new Set<string>();
    for (const pg of pages) for (const f of pg.frames) if (f.type === 'story') ids.add(f.storyId);
    for (const id of ids) {
      const th = threadOf({ pages } as Issue, id);
      if (th.length) m.set(id, th[th.length - 1].frame.id);
    }
    return m;
  }, [pages]);
  // One guide overlay element per template and toggles, so the painter's memo holds while typing.
  const overlays = useMemo(() => new Map<string, ReactElement>(), []);
  const overlayFor = (tpl: Template | undefined): ReactElement | null => {
    if (!tpl || p.guides.preview || !(p.guides.columns || p.guides.baselines)) return null;
    const key = `${tpl.id}|${p.guides.columns}|${p.guides.baselines}`;
    let el = overlays.get(key);
    if (!el) overlays.set(key, (el = <GuideGrid template={tpl} columns={p.guides.columns} baselines={p.guides.baselines} />));
    return el;
  };

  // Page point of a client point on page i.
  const toPage = useCallback(
    (pageIndex: number, clientX: number, clientY: number): PagePoint => {
      const r = viewport.current!.querySelector<HTMLElement>(`[data-page-index="${pageIndex}"]`)!.getBoundingClientRect();
      return { x: (clientX - r.left) / p.scale, y: (clientY - r.top) / p.scale };
    },
    [p.scale],
  );

  // Space held: the hand tool (pan), as in InDesign.
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

  // Ctrl/Cmd+wheel (and trackpad pinch, which Chromium sends as ctrl+wheel) zooms about the pointer.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002));
      p.onZoom(p.scale * factor, { clientX: e.clientX, clientY: e.clientY });
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => el.removeEventListener('wheel', wheel);
  }, [p.scale, p.onZoom]);

  // The page nearest the viewport's centre is the current one (rulers, page panel highlight).
  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    setView((v) => (!v || Math.abs(v.top - el.scrollTop) > el.clientHeight / 4 || Math.abs(v.left - el.scrollLeft) > el.clientWidth / 4 || v.width !== el.clientWidth || v.height !== el.clientHeight ? { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight } : v));
    const cy = el.scrollTop + el.clientHeight / 2;
    const cx = el.scrollLeft + el.clientWidth / 2;
    let best = 0;
    let bestD = Infinity;
    pasteboard.origins.forEach((o, i) => {
      const s = pasteboard.sizes[i];
      const d = Math.hypot(Math.max(0, o.x - cx, cx - o.x - s.w), Math.max(0, o.y - cy, cy - o.y - s.h));
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    if (best !== p.currentPage) p.onCurrentPage(best);
  };

  const startPan = (e: ReactPointerEvent) => {
    const el = viewport.current!;
    setDrag({ kind: 'pan', x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop });
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
  };

  const onPagePointerDown = (pageIndex: number, e: ReactPointerEvent) => {
    if (e.button === 1 || space) {
      e.preventDefault();
      startPan(e);
      return;
    }
    if (e.button !== 0) return;
    const at = toPage(pageIndex, e.clientX, e.clientY);
    if (p.tool === 'story' || p.tool === 'photo') {
      e.preventDefault();
      setDrag({ kind: 'draw', pageIndex, type: p.tool, a: at, b: at });
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
      return;
    }
    // Empty page area: deselect.
    p.onSelect(null);
  };

  const onFramePointerDown = (pageIndex: number, f: Frame, e: ReactPointerEvent) => {
    if (e.button === 1 || space) return onPagePointerDown(pageIndex, e);
    if (e.button !== 0) return;
    e.stopPropagation();
    const at = toPage(pageIndex, e.clientX, e.clientY);
    if (p.tool === 'link') {
      if (f.type === 'story') p.onLink(f.id);
      return;
    }
    if (p.tool === 'story' || p.tool === 'photo') return onPagePointerDown(pageIndex, e);
    e.preventDefault();
    p.onSelect({ frameId: f.id });
    const selected = p.selection?.frameId === f.id;
    // A selected photo frame: drag inside to move the focal point (crop), as InDesign's content grabber.
    if (selected && f.type === 'photo' && f.assetId && !e.altKey) {
      const t = templateOf(pageIndex)!;
      const box = t.box(f.rect);
      setDrag({ kind: 'focus', pageIndex, frameId: f.id, start: at, focus0: f.focus ?? { x: 0.5, y: 0.5 }, box: { w: box.w, h: box.h } });
    } else {
      setDrag({ kind: 'move', pageIndex, frameId: f.id, start: at, rect0: f.rect, rect: f.rect, moved: false, at });
    }
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
  };

  const onHandlePointerDown = (pageIndex: number, f: Frame, handle: ResizeHandle, e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    const at = toPage(pageIndex, e.clientX, e.clientY);
    setDrag({ kind: 'resize', pageIndex, frameId: f.id, handle, start: at, rect0: f.rect, rect: f.rect });
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: ReactPointerEvent) => {
    const d = dragRef.current;
    if (!d) return;
    if (d.kind === 'pan') {
      const el = viewport.current!;
      el.scrollLeft = d.left - (e.clientX - d.x);
      el.scrollTop = d.top - (e.clientY - d.y);
      return;
    }
    const at = toPage(d.pageIndex, e.clientX, e.clientY);
    const t = templateOf(d.pageIndex);
    if (!t) return;
    if (d.kind === 'draw') setDrag({ ...d, b: at });
    else if (d.kind === 'move') {
      const moved = d.moved || Math.hypot(at.x - d.start.x, at.y - d.start.y) * p.scale > CLICK_SLOP;
      // Over another page: the frame goes there, keeping the grab point's offset (InDesign drags objects across the pasteboard).
      const over = (document.elementFromPoint(e.clientX, e.clientY) as Element | null)?.closest<HTMLElement>('.bs-ws-page');
      const overIndex = over ? Number(over.dataset.pageIndex) : d.pageIndex;
      const ot = overIndex !== d.pageIndex ? templateOf(overIndex) : undefined;
      if (moved && ot) {
        const there = toPage(overIndex, e.clientX, e.clientY);
        const box0 = t.box(d.rect0);
        const cell = cellAt(ot, { x: there.x - (d.start.x - box0.x) + ot.columnWidth / 2, y: there.y - (d.start.y - box0.y) + ot.pitch / 2 });
        setDrag({ ...d, moved, toPage: overIndex, rect: moveIntoGrid(ot, { ...d.rect0, column: cell.column, line: cell.line }) });
        return;
      }
      const g = gridDelta(t, at.x - d.start.x, at.y - d.start.y);
      setDrag({ ...d, moved, toPage: undefined, rect: moved ? moveRect(t, d.rect0, g.columns, g.lines) : d.rect0 });
    } else if (d.kind === 'resize') {
      const g = gridDelta(t, at.x - d.start.x, at.y - d.start.y);
      setDrag({ ...d, rect: resizeRect(t, d.rect0, d.handle, g.columns, g.lines) });
    } else if (d.kind === 'focus') {
      // Dragging the picture right shows more of its left: the focus moves against the drag.
      const fx = clamp01(d.focus0.x - (at.x - d.start.x) / d.box.w);
      const fy = clamp01(d.focus0.y - (at.y - d.start.y) / d.box.h);
      p.onPhotoFocus(d.frameId, { x: fx, y: fy }, false);
    }
  };

  const onPointerUp = (e: ReactPointerEvent) => {
    const d = dragRef.current;
    setDrag(null);
    if (!d || d.kind === 'pan') return;
    const t = templateOf(d.pageIndex);
    if (!t) return;
    if (d.kind === 'draw') {
      const click = Math.hypot(d.b.x - d.a.x, d.b.y - d.a.y) * p.scale <= CLICK_SLOP;
      // A click in an empty template slot fills the slot (as dropping into a placeholder frame).
      const slot = click ? slotAt(t, p.issue.pages[d.pageIndex].frames, d.a, d.type) : undefined;
      if (slot) p.onDraw(d.pageIndex, d.type, slot.rect, slot.name);
      else if (!click) p.onDraw(d.pageIndex, d.type, rectFromDrag(t, d.a, d.b));
    } else if (d.kind === 'move') {
      if (d.moved && d.toPage !== undefined) p.onFrameToPage(d.frameId, d.toPage, d.rect);
      else if (d.moved) p.onFrameRect(d.frameId, d.rect, 'move');
      else {
        const f = p.issue.pages[d.pageIndex].frames.find((x) => x.id === d.frameId);
        if (f?.type === 'story') p.onEditFrame(f.id, { pageIndex: d.pageIndex, ...d.at });
      }
    } else if (d.kind === 'resize') {
      p.onFrameRect(d.frameId, d.rect, 'resize');
    } else if (d.kind === 'focus') {
      const at = toPage(d.pageIndex, e.clientX, e.clientY);
      p.onPhotoFocus(d.frameId, { x: clamp01(d.focus0.x - (at.x - d.start.x) / d.box.w), y: clamp01(d.focus0.y - (at.y - d.start.y) / d.box.h) }, true);
    }
  };

  // Drops: an unplaced story from the stories panel, or image files from the system.
  const onDragOver = (pageIndex: number, e: React.DragEvent) => {
    const types = e.dataTransfer.types;
    if (!types.includes(STORY_DRAG_TYPE) && !types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = types.includes('Files') ? 'link' : 'copy';
    const t = templateOf(pageIndex);
    if (!t) return;
    const at = toPage(pageIndex, e.clientX, e.clientY);
    const slot = types.includes(STORY_DRAG_TYPE) ? slotAt(t, p.issue.pages[pageIndex].frames, at, 'story') : undefined;
    setDropSlot(slot ? { pageIndex, rect: slot.rect } : null);
  };
  const onDrop = (pageIndex: number, e: React.DragEvent) => {
    setDropSlot(null);
    const at = toPage(pageIndex, e.clientX, e.clientY);
    const storyId = e.dataTransfer.getData(STORY_DRAG_TYPE);
    if (storyId) {
      e.preventDefault();
      p.onDropStory(storyId, pageIndex, at);
      return;
    }
    const files = [...e.dataTransfer.files].filter((f) => /^image\//.test(f.type) || /\.(jpe?g|png|tiff?|webp)$/i.test(f.name));
    if (files.length) {
      e.preventDefault();
      p.onDropFiles(files, pageIndex, at);
    }
  };

  const cursor = drag?.kind === 'pan' || space ? (drag ? 'grabbing' : 'grab') : p.tool === 'story' || p.tool === 'photo' ? 'crosshair' : p.tool === 'link' ? 'alias' : 'default';

  return (
    <div className="bs-ws-canvas-wrap">
      <Rulers pasteboard={pasteboard} templates={p.templates} issue={p.issue} scale={p.scale} currentPage={p.currentPage} viewport={viewport} />
      <div
        className="bs-ws-viewport"
        ref={(el) => {
          viewport.current = el;
          p.viewportRef(el);
        }}
        onScroll={onScroll}
        style={{ cursor }}
        data-testid="canvas"
      >
        <div
          className="bs-ws-stack"
          style={{ width: pasteboard.width, height: pasteboard.height }}
          onPointerDown={(e) => {
            // The pasteboard: pan with Space or the middle button, else deselect.
            if (e.target !== e.currentTarget) return;
            if (e.button === 1 || space) startPan(e);
            else if (e.button === 0) p.onSelect(null);
          }}
          onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={() => setDrag(null)}>
          {p.issue.pages.map((page, i) => {
            const o = pasteboard.origins[i];
            const tpl = templateOf(i);
            const display = p.composed.pages[i];
            if (!o || !display) return null;
            return (
              <div
                key={page.id}
                className="bs-ws-page"
                data-page-index={i}
                data-page-number={page.number}
                style={{ left: o.x, top: o.y, width: pasteboard.sizes[i].w, height: pasteboard.sizes[i].h }}
                onPointerDown={(e) => onPagePointerDown(i, e)}
                onDragOver={(e) => onDragOver(i, e)}
                onDragLeave={() => setDropSlot(null)}
                onDrop={(e) => onDrop(i, e)}
              >
                {near(i) ? <PageSvg
                  page={withoutStory(display, p.editingStoryId)}
                  scale={p.scale}
                  fonts={p.fonts}
                  assetUrl={p.assetUrl}
                  label={t('pages.page', { number: page.number })}
                  overlay={overlayFor(tpl)}
                /> : <div className="bs-ws-page-blank" aria-label={t('pages.page', { number: page.number })} />}
                {tpl && (
                  <FrameLayer
                    pageIndex={i}
                    issue={p.issue}
                    composed={p.composed}
                    template={tpl}
                    scale={p.scale}
                    guides={p.guides}
                    selection={p.selection}
                    editingFrameId={p.editingFrameId}
                    linkFrom={p.linkFrom}
                    lastFrameOf={lastFrameOf}
                    pendingPhotos={p.pendingPhotos}
                    drag={drag && 'pageIndex' in drag && (drag.kind === 'move' && drag.toPage !== undefined ? drag.toPage === i : drag.pageIndex === i) ? drag : null}
                    dropSlot={dropSlot?.pageIndex === i ? dropSlot.rect : null}
                    onFramePointerDown={onFramePointerDown}
                    onHandlePointerDown={onHandlePointerDown}
                    onStartLink={p.onStartLink}
                    t={(l) => t(l.key, l.values ?? {})}
                  />
                )}
              </div>
            );
          })}
          {!p.guides.preview && <ThreadLayer issue={p.issue} templates={p.templates} pasteboard={pasteboard} scale={p.scale} selection={p.selection} />}
          <div className="bs-ws-editor-host" ref={p.editorHostRef} />
        </div>
      </div>
    </div>
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

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
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
  template: Template;
  scale: number;
  guides: Guides;
  selection: CanvasSelection;
  editingFrameId: string | null;
  linkFrom: string | null;
  lastFrameOf: ReadonlyMap<string, string>;
  pendingPhotos?: Record<string, string>;
  drag: Drag | null;
  dropSlot: GridRect | null;
  onFramePointerDown(pageIndex: number, f: Frame, e: ReactPointerEvent): void;
  onHandlePointerDown(pageIndex: number, f: Frame, h: ResizeHandle, e: ReactPointerEvent): void;
  onStartLink(frameId: string): void;
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
  const ghost = p.drag && (p.drag.kind === 'move' || p.drag.kind === 'resize') ? { id: p.drag.frameId, rect: p.drag.rect } : null;
  const drawRect = p.drag?.kind === 'draw' ? rectFromDrag(t, p.drag.a, p.drag.b) : null;
  const markers: ReactElement[] = [];
  const frames = page.frames.map((f) => {
    const b = t.box(f.rect);
    const selected = p.selection?.frameId === f.id;
    const editing = p.editingFrameId === f.id;
    const cls = ['bs-ws-frame', `bs-ws-frame-${f.type}`, selected ? 'is-selected' : '', editing ? 'is-editing' : '', p.linkFrom === f.id ? 'is-link-source' : '', preview ? 'is-preview' : !guides.frames ? 'no-edge' : ''].join(' ');
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
        style={{ left: s(b.x), top: s(b.y), width: s(b.w), height: s(b.h) }}
        onPointerDown={(e) => p.onFramePointerDown(p.pageIndex, f, e)}
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
        {selected && !preview && HANDLES.map((h) => <span key={h} className={`bs-ws-handle bs-ws-handle-${h}`} style={{ cursor: CURSOR[h] }} onPointerDown={(e) => p.onHandlePointerDown(p.pageIndex, f, h, e)} />)}
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
      {drawRect && <Ghost rect={drawRect} t={t} scale={scale} />}
      {p.dropSlot && <Ghost rect={p.dropSlot} t={t} scale={scale} />}
    </div>
  );
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
