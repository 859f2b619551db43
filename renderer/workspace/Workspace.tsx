import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import type { ComposedIssue } from '../../core/compose/types.js';
import type { BroadsheetApi } from '../../core/api/methods.js';
import type { MenuCommand } from '../../core/api/shell.js';
import type { FontKey } from '../../core/display/types.js';
import type { FontSource } from '../../core/fonts/types.js';
import type { GridRect, Issue } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import type { StoryEditor } from '../editor/index.js';
import { templateFor, type Pasteboard } from './pasteboard.js';
import { ExportDialog } from './ExportDialog.js';
import { FindBar } from './FindBar.js';
import { useWorkspaceT } from './i18n.js';
import { keyAction } from './keys.js';
import { Inspector } from './Inspector.js';
import { arrowStep, cellAt, moveIntoGrid, moveRect, resizeRect } from './model/grid.js';
import {
  addPage, addPhotoFrame, addStoryFrame, deleteFrame, deletePage, duplicatePage, linkFrames, moveFrameToPage, movePage, setFrameRect, setPageTemplate, setPhotoProps, type Operation,
} from './model/operations.js';
import { IssueSession } from './model/session.js';
import { findFrame, threadOf } from './model/threads.js';
import { PageCanvas, slotAt, type Guides, type Tool } from './PageCanvas.js';
import { PagesPanel } from './PagesPanel.js';
import { RULER } from './Rulers.js';
import { StoriesPanel } from './StoriesPanel.js';
import { placeCaret, useStoryEditing, type EditingTarget } from './story-editing.js';
import { useSessionVersion } from './use-session.js';
import { installWorkspaceCss } from './workspace-css.js';
import { linkDroppedPhoto } from './photos.js';
import { useCopyImport } from './copy-import.js';
import { unplacedStories } from '../../core/layout/index.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * The page editor's workspace: pages panel, page canvas with rulers, stories panel
 * and inspector around one editing session of the issue. The app shell mounts it once an
 * issue is opened, its fonts loaded and its templates known.
 */

export interface WorkspaceProps {
  api: BroadsheetApi;
  opened: { path: string | null; issue: Issue; readOnly: boolean; warnings?: string[] };
  /** `full`: the faces are subsets so far (renderer/src/fonts.ts); called after the first paint, editing waits for it. */
  fonts: { source: FontSource; css: Record<FontKey, { family: string; weight: number }>; full?: () => Promise<{ inexact: boolean }> };
  templates: TemplateRegistry;
  /** Native menu commands (Electron); the loopback host has none. */
  menu?: { onMenuCommand(listener: (c: MenuCommand) => void): () => void };
  /** URL of a linked photo by asset id (default: the hosts' `issue-assets/<id>`). */
  assetUrl?: (assetId: string) => string;
  /** Called with the session once it exists (tests and benchmarks drive it). */
  onSession?: (session: IssueSession) => void;
  /** Called when the in-place story editor is mounted (null when it goes). */
  onEditor?: (editor: StoryEditor | null) => void;
}

/** CSS px per pt at 100 %. */
export const PX_PER_PT = 96 / 72;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;
const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];

type ZoomMode = 'fit-page' | 'fit-width' | null;

const defaultAssetUrl = (assetId: string) => `issue-assets/${encodeURIComponent(assetId)}`;

export function Workspace(props: WorkspaceProps) {
  const { t } = useWorkspaceT();
  useEffect(() => installWorkspaceCss(document), []);
  // The composer's context, as the session composes with (automatic layout measures and checks with it too).
  const ctx = useMemo(() => ({ fonts: props.fonts.source, templates: props.templates }), [props.fonts.source, props.templates]);
  // The session's compose cache is cleared when the full font files answer differently from
  // the subsets a composition used (recomposeAll below).
  const { session, cache } = useMemo(() => {
    const cache = new ComposeCache();
    const session = new IssueSession({
      issue: props.opened.issue,
      path: props.opened.path ?? '',
      readOnly: props.opened.readOnly,
      templates: props.templates,
      compose: (issue) => composeIssue(issue, ctx, { cache }),
      measure: (issue) => composeIssue(issue, ctx),
    });
    return { session, cache };
  }, [props.opened, ctx, props.templates]);
  useEffect(() => {
    props.onSession?.(session);
  }, [session, props.onSession]);
  // Subset fonts: the full files load once the first page is on screen; editing waits for them.
  const [fontsComplete, setFontsComplete] = useState(!props.fonts.full);
  // The full files could not be loaded (the message says why): no "loading" status any more.
  const [fontsFailed, setFontsFailed] = useState(false);
  useEffect(() => {
    const full = props.fonts.full;
    if (!full) return setFontsComplete(true);
    setFontsComplete(false);
    setFontsFailed(false);
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        void full().then(
          ({ inexact }) => {
            if (!live) return;
            if (inexact) {
              cache.clear();
              session.recomposeAll();
            }
            setFontsComplete(true);
          },
          (err: unknown) => {
            if (!live) return;
            setFontsFailed(true);
            setMessage(errorMessage(err));
          },
        );
      });
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [props.fonts, cache, session]);
  const version = useSessionVersion(session);
  const issue = session.issue;
  const composed: ComposedIssue = session.composed;
  // Photos dropped in this session show from the dropped file itself (no round trip).
  const [previews, setPreviews] = useState<Record<string, string>>({});
  /** Photos being linked, by frame: shown from the dropped file until the host has copied and measured it. */
  const [pendingPhotos, setPendingPhotos] = useState<Record<string, string>>({});
  const baseAssetUrl = props.assetUrl ?? defaultAssetUrl;
  const assetUrl = useCallback((id: string) => previews[id] ?? baseAssetUrl(id), [previews, baseAssetUrl]);

  const [zoom, setZoom] = useState(1);
  const [zoomMode, setZoomMode] = useState<ZoomMode>('fit-page');
  const [spreads, setSpreads] = useState(false);
  const [guides, setGuides] = useState<Guides>({ columns: true, baselines: false, frames: true, preview: false });
  const [tool, setTool] = useState<Tool>('select');
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditingTarget | null>(null);
  const [currentPage, setCurrentPage] = useState(0);
  const [linkFrom, setLinkFrom] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** Export dialog open, with the output the menu's save dialog chose (if any). */
  const [exportOpen, setExportOpen] = useState<false | { output?: string }>(false);
  const [editor, setEditor] = useState<StoryEditor | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [caretTick, setCaretTick] = useState(0);
  const [editorHost, setEditorHost] = useState<HTMLDivElement | null>(null);
  const viewport = useRef<HTMLDivElement | null>(null);
  const pasteboardRef = useRef<Pasteboard | null>(null);
  const scale = zoom * PX_PER_PT;

  // Selections that no longer exist (after undo, delete) are dropped.
  useEffect(() => {
    if (selected && !findFrame(issue, selected)) setSelected(null);
    if (editing && !findFrame(issue, editing.frameId)) setEditing(null);
    if (currentPage >= issue.pages.length) setCurrentPage(Math.max(0, issue.pages.length - 1));
  }, [version]);

  const apply = useCallback(
    (op: Operation) => {
      const r = session.apply(op);
      if (!r.ok) setMessage(t(r.error.key, r.error.values));
      else setMessage(null);
      return r.ok;
    },
    [session, t],
  );

  // ── zoom ─────────────────────────────────────────────────────────────────────────────
  const fitZoom = useCallback(
    (mode: Exclude<ZoomMode, null>) => {
      const el = viewport.current;
      const page = issue.pages[currentPage];
      const tpl = page && templateFor(props.templates, page.templateId);
      if (!el || !tpl) return 1;
      const w = (el.clientWidth - 2 * 48) / (tpl.pageWidth * PX_PER_PT * (spreads ? 2 : 1));
      const h = (el.clientHeight - 2 * 48) / (tpl.pageHeight * PX_PER_PT);
      return Math.max(MIN_ZOOM / 2, Math.min(MAX_ZOOM, mode === 'fit-page' ? Math.min(w, h) : w));
    },
    [issue, currentPage, props.templates, spreads],
  );
  const zoomTo = useCallback((z: number, anchor?: { clientX: number; clientY: number }) => {
    const el = viewport.current;
    const next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    setZoomMode(null);
    setZoom((old) => {
      if (el && old !== next) {
        const r = el.getBoundingClientRect();
        const ax = anchor ? anchor.clientX - r.left : el.clientWidth / 2;
        const ay = anchor ? anchor.clientY - r.top : el.clientHeight / 2;
        const cx = el.scrollLeft + ax;
        const cy = el.scrollTop + ay;
        requestAnimationFrame(() => {
          el.scrollLeft = (cx * next) / old - ax;
          el.scrollTop = (cy * next) / old - ay;
        });
      }
      return next;
    });
  }, []);
  // Before paint (a layout effect): the first page is painted at the zoom it fits at, not at 100 % first.
  useLayoutEffect(() => {
    if (!zoomMode) return;
    const apply = () => setZoom(fitZoom(zoomMode));
    apply();
    const el = viewport.current;
    if (!el) return;
    const ro = new ResizeObserver(apply);
    ro.observe(el);
    return () => ro.disconnect();
  }, [zoomMode, fitZoom]);
  const stepZoom = (dir: 1 | -1) => {
    const next = dir > 0 ? ZOOM_STEPS.find((z) => z > zoom + 1e-3) ?? MAX_ZOOM : [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-3) ?? MIN_ZOOM;
    zoomTo(next);
  };

  const scrollToPage = useCallback((i: number) => {
    setCurrentPage(i);
    const el = viewport.current;
    const o = pasteboardRef.current?.origins[i];
    if (el && o) el.scrollTo({ top: o.y - 24, left: Math.max(0, o.x - 24) });
  }, []);
  // Copy into the issue: Import Copy…, pasted stories, Lay out unplaced stories.
  const copy = useCopyImport({ api: props.api, session, ctx, apply, onLaidOut: scrollToPage, onError: setMessage, fontsReady: props.fonts.full });
  const copyInput = useRef<HTMLInputElement | null>(null);
  const unplacedCount = useMemo(() => unplacedStories(issue).length, [issue]);

  // Fit modes scroll the current page into view once laid out.
  useEffect(() => {
    if (zoomMode) requestAnimationFrame(() => scrollToPage(currentPage));
  }, [zoomMode, zoom]);

  // ── the in-place editor ───────────────────────────────────────────────────────────────
  // A new function only when a page actually moved on the canvas (the editor re-places every line then).
  const [originsKey, setOriginsKey] = useState('');
  const pageOrigin = useCallback((i: number) => pasteboardRef.current?.origins[i] ?? { x: 0, y: 0 }, [originsKey]);
  useStoryEditing({
    session,
    host: fontsComplete ? editorHost : null,
    target: editing,
    scale,
    pageOrigin,
    fontCss: props.fonts.css,
    version,
    onEditor: (e) => {
      setEditor(e);
      props.onEditor?.(e);
    },
    onSelectionChange: () => setCaretTick((n) => n + 1),
  });
  const stopEditing = () => {
    setEditing(null);
    session.seal();
  };

  // ── operations from the UI ───────────────────────────────────────────────────────────
  const deleteSelected = () => {
    if (!selected) return;
    if (editing?.frameId === selected) stopEditing();
    apply(deleteFrame(selected));
    setSelected(null);
  };
  const nudge = (key: string, shift: boolean, resize: boolean) => {
    if (!selected) return false;
    const at = findFrame(issue, selected);
    const step = arrowStep(key, shift);
    const tpl = at && props.templates.get(issue.pages[at.pageIndex].templateId);
    if (!at || !step || !tpl) return false;
    const rect = resize ? resizeRect(tpl, at.frame.rect, 'se', step.columns, step.lines) : moveRect(tpl, at.frame.rect, step.columns, step.lines);
    apply(setFrameRect(selected, rect, resize ? 'resize' : 'move'));
    return true;
  };
  const draw = (pageIndex: number, type: 'story' | 'photo', rect: GridRect, slot?: string) => {
    const id = session.newId('f');
    const ok = apply(type === 'story' ? addStoryFrame(pageIndex, rect, { id, slot }) : addPhotoFrame(pageIndex, rect, { id, slot }));
    if (!ok) return;
    setTool('select');
    setSelected(id);
    if (type === 'story') setEditing({ storyId: (findFrame(session.issue, id)!.frame as { storyId: string }).storyId, frameId: id });
  };
  const dropStory = (storyId: string, pageIndex: number, at: { x: number; y: number }) => {
    const tpl = props.templates.get(issue.pages[pageIndex].templateId);
    if (!tpl) return;
    const slot = slotAt(tpl, issue.pages[pageIndex].frames, at, 'story');
    const cell = cellAt(tpl, at);
    // Outside a slot: two columns by a quarter of the page, from the cell dropped on.
    const rect = slot?.rect ?? moveIntoGrid(tpl, { column: cell.column, span: 2, line: cell.line, lines: Math.max(10, Math.round(tpl.lines / 4)) });
    const id = session.newId('f');
    if (apply(addStoryFrame(pageIndex, rect, { id, storyId, slot: slot?.name }))) setSelected(id);
  };
  const dropFiles = async (files: File[], pageIndex: number, at: { x: number; y: number }) => {
    const tpl = props.templates.get(issue.pages[pageIndex].templateId);
    if (!tpl) return;
    const hit = [...issue.pages[pageIndex].frames].reverse().find((f) => {
      if (f.type !== 'photo') return false;
      const b = tpl.box(f.rect);
      return at.x >= b.x && at.x <= b.x + b.w && at.y >= b.y && at.y <= b.y + b.h;
    });
    let frameId = hit?.id;
    if (!frameId) {
      frameId = session.newId('f');
      const slot = slotAt(tpl, issue.pages[pageIndex].frames, at, 'photo');
      const cell = cellAt(tpl, at);
      if (!apply(addPhotoFrame(pageIndex, slot?.rect ?? moveIntoGrid(tpl, { column: cell.column, span: 2, line: cell.line, lines: 16 }), { id: frameId, slot: slot?.name }))) return;
    }
    setSelected(frameId);
    const id = frameId;
    const pending = URL.createObjectURL(files[0]);
    setPendingPhotos((p) => ({ ...p, [id]: pending }));
    try {
      const { asset, previewUrl } = await linkDroppedPhoto(props.api, session, frameId, files[0]);
      setPreviews((p) => ({ ...p, [asset.id]: previewUrl }));
    } catch (err) {
      setMessage(t('error.photoFailed', { message: errorMessage(err) }));
    } finally {
      setPendingPhotos(({ [id]: _done, ...rest }) => rest);
      URL.revokeObjectURL(pending);
    }
  };
  const save = async () => {
    // Read-only: another session holds the issue's lock; edits stay on screen and export works, saving does not.
    if (!session.path || session.readOnly) return;
    try {
      await session.save(props.api);
    } catch (err) {
      setMessage(t('error.saveFailed', { message: errorMessage(err) }));
    }
  };
  const undo = () => {
    if (session.undo()) setMessage(null);
  };
  const redo = () => {
    if (session.redo()) setMessage(null);
  };

  // ── keyboard ─────────────────────────────────────────────────────────────────────────
  const keysRef = useRef<(e: KeyboardEvent) => void>(() => {});
  keysRef.current = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    const action = keyAction(e, {
      inEditor: !!target?.closest?.('.ProseMirror'),
      inField: !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'),
      frameSelected: !!selected,
    });
    if (!action) return;
    if (action.do !== 'nudge') e.preventDefault();
    switch (action.do) {
      case 'leave-text':
        stopEditing();
        (document.activeElement as HTMLElement | null)?.blur();
        return;
      case 'save':
        return void save();
      case 'export':
        return setExportOpen({});
      case 'find':
        return setFindOpen(true);
      case 'undo':
      case 'redo':
        if (action.leaveText) stopEditing();
        return action.do === 'undo' ? undo() : redo();
      case 'zoom':
        return stepZoom(action.step);
      case 'fit-page':
        return setZoomMode('fit-page');
      case 'actual-size':
        return zoomTo(1);
      case 'deselect':
        setLinkFrom(null);
        setTool('select');
        return setSelected(null);
      case 'delete-frame':
        return deleteSelected();
      case 'nudge':
        if (nudge(action.key, action.big, action.resize)) e.preventDefault();
        return;
      case 'tool':
        return setTool(action.tool);
      case 'toggle-preview':
        return setGuides((g) => ({ ...g, preview: !g.preview }));
    }
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => keysRef.current(e);
    const up = (e: KeyboardEvent) => e.key.startsWith('Arrow') && session.seal();
    window.addEventListener('keydown', on);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', on);
      window.removeEventListener('keyup', up);
    };
  }, [session]);

  // Closing the window (or the tab) with unsaved edits asks first: the browser asks by itself;
  // Electron's main process asks on 'will-prevent-unload' (electron/main.ts). The one guard:
  // this session is what knows whether there are unsaved edits.
  useEffect(() => {
    const before = (e: BeforeUnloadEvent) => {
      if (!session.dirty) return;
      e.preventDefault();
      e.returnValue = ''; // older Chromium (and Electron) ask only when returnValue is set
    };
    window.addEventListener('beforeunload', before);
    return () => window.removeEventListener('beforeunload', before);
  }, [session]);

  // Native menu (Electron).
  const menuRef = useRef<(c: MenuCommand) => void>(() => {});
  menuRef.current = (c) => {
    if (c.command === 'save') void save();
    else if (c.command === 'save-as') void session.save(props.api, c.path).catch((err) => setMessage(t('error.saveFailed', { message: errorMessage(err) })));
    else if (c.command === 'export-pdf') setExportOpen({ output: c.output });
    else if (c.command === 'zoom-in') stepZoom(1);
    else if (c.command === 'zoom-out') stepZoom(-1);
    else if (c.command === 'zoom-reset') zoomTo(1);
    else if (c.command === 'show-grid') setGuides((g) => ({ ...g, columns: c.checked }));
    else if (c.command === 'import-copy') void copy.importPaths(c.paths);
    else if (c.command === 'layout-unplaced') void copy.layoutUnplaced();
  };
  useEffect(() => props.menu?.onMenuCommand((c) => menuRef.current(c)), [props.menu]);

  const measureLines = useCallback((id: string) => session.measureLines(id), [session]);
  const selectedStoryId = (() => {
    const f = selected ? findFrame(issue, selected)?.frame : undefined;
    return f?.type === 'story' ? f.storyId : null;
  })();
  const undoWhat = session.undoLabel ? t(session.undoLabel.key, session.undoLabel.values ?? {}) : '';
  const redoWhat = session.redoLabel ? t(session.redoLabel.key, session.redoLabel.values ?? {}) : '';
  const toggle = (k: keyof Guides) => setGuides((g) => ({ ...g, [k]: !g[k] }));

  return (
    <div className="bs-ws" data-testid="workspace" data-dirty={session.dirty ? '1' : '0'}>
      <div className="bs-ws-toolbar" role="toolbar">
        <button type="button" onClick={() => void save()} disabled={!session.dirty || !session.path || session.readOnly} data-testid="save">
          {t('toolbar.save')}
        </button>
        <button type="button" onClick={undo} disabled={!session.canUndo} title={undoWhat ? t('toolbar.undoWhat', { what: undoWhat }) : undefined} data-testid="undo">
          {t('toolbar.undo')}
        </button>
        <button type="button" onClick={redo} disabled={!session.canRedo} title={redoWhat ? t('toolbar.redoWhat', { what: redoWhat }) : undefined} data-testid="redo">
          {t('toolbar.redo')}
        </button>
        <button type="button" className={findOpen ? 'is-on' : ''} onClick={() => setFindOpen(!findOpen)} data-testid="find-toggle">
          {t('find.find')}
        </button>
        <span className="bs-ws-sep" />
        <button type="button" onClick={() => copyInput.current?.click()} disabled={copy.busy} data-testid="import-copy">
          {t('toolbar.importCopy')}
        </button>
        <input
          ref={copyInput}
          type="file"
          multiple
          accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          hidden
          data-testid="import-copy-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void copy.importFiles(files);
          }}
        />
        <button type="button" onClick={copy.layoutUnplaced} disabled={!unplacedCount || copy.layingOut} aria-busy={copy.layingOut} data-testid="layout-unplaced">
          {t('toolbar.layoutUnplaced')}
        </button>
        <span className="bs-ws-sep" />
        <div className="bs-ws-seg" role="group" aria-label={t('toolbar.tools')}>
          {(['select', 'story', 'photo'] as const).map((tl) => (
            <button key={tl} type="button" className={tool === tl ? 'is-on' : ''} onClick={() => setTool(tl)} data-testid={`tool-${tl}`}>
              {t(tl === 'select' ? 'toolbar.select' : tl === 'story' ? 'toolbar.storyFrame' : 'toolbar.photoFrame')}
            </button>
          ))}
        </div>
        <span className="bs-ws-sep" />
        <button type="button" className={zoomMode === 'fit-page' ? 'is-on' : ''} onClick={() => setZoomMode('fit-page')} data-testid="fit-page">{t('toolbar.fitPage')}</button>
        <button type="button" className={zoomMode === 'fit-width' ? 'is-on' : ''} onClick={() => setZoomMode('fit-width')}>{t('toolbar.fitWidth')}</button>
        <button type="button" onClick={() => stepZoom(-1)} title={t('toolbar.zoomOut')} aria-label={t('toolbar.zoomOut')}>−</button>
        <select
          value={ZOOM_STEPS.includes(zoom) ? String(zoom) : 'custom'}
          onChange={(e) => e.target.value !== 'custom' && zoomTo(Number(e.target.value))}
          aria-label={t('toolbar.zoom')}
          data-testid="zoom"
        >
          {!ZOOM_STEPS.includes(zoom) && <option value="custom">{Math.round(zoom * 100)}%</option>}
          {ZOOM_STEPS.map((z) => (
            <option key={z} value={z}>
              {Math.round(z * 100)}%
            </option>
          ))}
        </select>
        <button type="button" onClick={() => stepZoom(1)} title={t('toolbar.zoomIn')} aria-label={t('toolbar.zoomIn')}>+</button>
        <span className="bs-ws-sep" />
        {(['columns', 'baselines', 'frames', 'preview'] as const).map((k) => (
          <label key={k} className="bs-ws-check">
            <input type="checkbox" checked={guides[k]} onChange={() => toggle(k)} data-testid={`guide-${k}`} />
            {t(k === 'columns' ? 'toolbar.columnGrid' : k === 'baselines' ? 'toolbar.baselineGrid' : k === 'frames' ? 'toolbar.frameEdges' : 'toolbar.preview')}
          </label>
        ))}
        <span className="bs-ws-grow" />
        <button type="button" className="bs-ws-primary" onClick={() => setExportOpen({})} data-testid="export">
          {t('toolbar.export')}
        </button>
      </div>
      {findOpen && (
        <FindBar
          issue={issue}
          editor={editor}
          apply={apply}
          onClose={() => setFindOpen(false)}
          onOpenStory={(storyId, match) => {
            const first = threadOf(issue, storyId)[0];
            if (!first) {
              setMessage(t('find.unplaced'));
              return;
            }
            setSelected(first.frame.id);
            setEditing({ storyId, frameId: first.frame.id, select: match });
          }}
        />
      )}
      <PagesPanel
        issue={issue}
        composed={composed}
        templates={props.templates}
        fonts={props.fonts.css}
        assetUrl={assetUrl}
        current={currentPage}
        spreads={spreads}
        onSpreads={setSpreads}
        onGo={scrollToPage}
        onAdd={() => apply(addPage(currentPage + 1, issue.pages[currentPage]?.templateId ?? props.templates.ids()[0]))}
        onDuplicate={() => apply(duplicatePage(currentPage))}
        onDelete={() => apply(deletePage(currentPage))}
        onMove={(from, to) => apply(movePage(from, to)) && setCurrentPage(Math.max(0, Math.min(issue.pages.length - 1, to)))}
        onTemplate={(id) => apply(setPageTemplate(currentPage, id))}
      />
      <div className="bs-ws-center" style={{ ['--bs-ruler' as string]: `${RULER}px` }}>
        <PageCanvas
          issue={issue}
          composed={composed}
          templates={props.templates}
          fonts={props.fonts.css}
          assetUrl={assetUrl}
          scale={scale}
          spreads={spreads}
          guides={guides}
          tool={linkFrom ? 'link' : tool}
          selection={selected ? { frameId: selected } : null}
          editingStoryId={editing?.storyId ?? null}
          editingFrameId={editing?.frameId ?? null}
          linkFrom={linkFrom}
          pendingPhotos={pendingPhotos}
          onSelect={(sel) => {
            setSelected(sel?.frameId ?? null);
            if (!sel || sel.frameId !== editing?.frameId) {
              const f = sel ? findFrame(issue, sel.frameId)?.frame : undefined;
              if (!(f?.type === 'story' && editing && f.storyId === editing.storyId)) stopEditing();
            }
            if (sel) {
              const at = findFrame(issue, sel.frameId);
              if (at) setCurrentPage(at.pageIndex);
            }
          }}
          onEditFrame={(frameId, at) => {
            const f = findFrame(issue, frameId)?.frame;
            if (f?.type !== 'story') return;
            const layout = composed.stories[f.storyId];
            // A click in the frame already being edited (between lines, in a margin) moves the caret there.
            if (editing?.frameId === frameId && editor && layout) placeCaret(editor, layout, frameId, at);
            else setEditing({ storyId: f.storyId, frameId, at });
          }}
          onDraw={draw}
          onFrameRect={(id, rect, kind) => {
            apply(setFrameRect(id, rect, kind));
            session.seal();
          }}
          onFrameToPage={(id, pageIndex, rect) => {
            if (editing?.frameId === id) stopEditing();
            if (apply(moveFrameToPage(id, pageIndex, rect))) setCurrentPage(pageIndex);
          }}
          onStartLink={(from) => {
            setSelected(from);
            setLinkFrom(from);
          }}
          onLink={(to) => {
            if (linkFrom) apply(linkFrames(linkFrom, to));
            setLinkFrom(null);
            setSelected(to);
          }}
          onPhotoFocus={(frameId, focus, final) => {
            apply(setPhotoProps(frameId, { focus }, `focus:${frameId}`));
            if (final) session.seal();
          }}
          onDropStory={dropStory}
          onDropFiles={(files, pageIndex, at) => void dropFiles(files, pageIndex, at)}
          onZoom={zoomTo}
          editorHostRef={setEditorHost}
          viewportRef={(el) => {
            viewport.current = el;
          }}
          onPasteboard={(l) => {
            pasteboardRef.current = l;
            const key = l.origins.map((o) => `${o.x},${o.y}`).join(';');
            if (key !== originsKey) setOriginsKey(key);
          }}
          onCurrentPage={setCurrentPage}
          currentPage={currentPage}
        />
      </div>
      <div className="bs-ws-side">
        <Inspector
          issue={issue}
          composed={composed}
          templates={props.templates}
          frameId={selected}
          pageIndex={currentPage}
          editor={editor}
          caretTick={caretTick}
          apply={apply}
          onDelete={deleteSelected}
          onStartLink={() => setLinkFrom(linkFrom ? null : selected)}
          linking={!!linkFrom}
        />
        <StoriesPanel
          issue={issue}
          composed={composed}
          selectedStoryId={selectedStoryId}
          measureLines={measureLines}
          onLayoutUnplaced={unplacedCount && !copy.layingOut ? copy.layoutUnplaced : undefined}
          onPasteText={copy.importPasted}
          onShow={(storyId) => {
            const first = threadOf(issue, storyId)[0];
            if (!first) return;
            setSelected(first.frame.id);
            scrollToPage(first.pageIndex);
          }}
        />
      </div>
      <div className="bs-ws-statusbar" role="status">
        <span data-testid="dirty">{session.readOnly ? t('toolbar.readOnly') : session.dirty ? t('toolbar.unsaved') : t('toolbar.saved')}</span>
        {/* Before the path, which may be long: the status bar clips at its end. */}
        {!fontsComplete && !fontsFailed && (
          <span className="bs-ws-busy" title={t('status.fontsLoadingWhy')} data-testid="fonts-loading">
            {t('status.fontsLoading')}
          </span>
        )}
        {copy.layingOut && (
          <span className="bs-ws-busy" data-testid="layout-busy">
            {t('status.layingOut')}
          </span>
        )}
        <span>{session.path}</span>
        <span data-testid="recompose">{t('toolbar.recompose', { ms: session.lastRecompose.ms.toFixed(1), pages: session.lastRecompose.pages.length })}</span>
        <span>{Math.round(zoom * 100)}%</span>
        {message && (
          <span className="bs-ws-message" data-testid="message">
            {message}
          </span>
        )}
      </div>
      {copy.dialog}
      {exportOpen && <ExportDialog api={props.api} session={session} output={exportOpen.output} onClose={() => setExportOpen(false)} />}
    </div>
  );
}
