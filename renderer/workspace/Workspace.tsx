import type { ComposeContext } from '../../core/compose/types.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import type { BroadsheetApi } from '../../core/api/methods.js';
import type { FileUploads, MenuCommand } from '../../core/api/shell.js';
import type { FontKey } from '../../core/display/types.js';
import type { FontSource } from '../../core/fonts/types.js';
import type { FontGrowth } from '../src/fonts.js';
import type { Issue } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { unplacedStories } from '../../core/layout/index.js';
import { errorMessage } from '../../core/error-message.js';
import type { StoryEditor } from '../editor/index.js';
import { commandEnabled, runCommand, type CommandTable, type GuideName } from './commands.js';
import { useCopyImport } from './copy-import.js';
import { ExportDialog } from './ExportDialog.js';
import { PreflightPanel } from './PreflightPanel.js';
import { PackageDialog } from './PackageDialog.js';
import { copyfitMessage, copyfitStory } from './copyfit.js';
import { ShortcutSheet } from './ShortcutSheet.js';
import { FindBar } from './FindBar.js';
import { useFrameActions } from './frame-actions.js';
import { useWorkspaceT } from './i18n.js';
import { Inspector } from './Inspector.js';
import { useLinks } from './links.js';
import { usePlace } from './photos.js';
import { captionAt, captionBoxes, type CaptionBox } from './caption-edit.js';
import { CaptionEditor } from './CaptionEditor.js';
import { setPhotoCaption } from './model/captions.js';
import { LinksPanel } from './LinksPanel.js';
import { StylesPanel } from './StylesPanel.js';
import { addPage, deletePage, duplicatePage, movePage, setPageTemplate, type Operation } from './model/operations.js';
import { addGuide, clearGuides, deleteGuide, moveGuide } from './model/guides.js';
import { canSplitAt, mergeIntoPrevious, previousStory, splitStoryAt } from './model/story-structure.js';
import type { GuideOutcome } from './gestures.js';
import { IssueSession } from './model/session.js';
import { findFrame, threadOf } from './model/threads.js';
import { PageCanvas, type Guides, type Tool } from './PageCanvas.js';
import { PagesPanel } from './PagesPanel.js';
import type { Pasteboard } from './pasteboard.js';
import { RULER } from './Rulers.js';
import { StoriesPanel } from './StoriesPanel.js';
import { useStoryEditing, type EditingTarget } from './story-editing.js';
import { Toolbar } from './Toolbar.js';
import { useFontGrowth } from './use-font-growth.js';
import { useSessionVersion } from './use-session.js';
import { PX_PER_PT, useZoom } from './use-zoom.js';
import { undoFocusedText, useCommandSources } from './workspace-commands.js';
import { installWorkspaceCss } from './workspace-css.js';
import { canvasMenu, type CanvasMenuItem } from './canvas-menu.js';
import { ContextMenu, installSelectionCss } from './ContextMenu.js';
import type { CanvasMenuRequest } from './PageCanvas.js';
import { selectionCommands } from './selection-commands.js';

/**
 * The page editor's workspace: pages panel, page canvas with rulers, stories panel and
 * inspector around one editing session of the issue. The app shell mounts it once an issue is
 * opened, its fonts loaded and its templates known. State lives in the session (the issue,
 * history, composition) and in this component (selection, tool, zoom, panels); what the user
 * can ask for is the command table (`useCommandTable`), which the toolbar, the keys and the
 * native menu share; frame gestures go through frame-actions.ts.
 */

export interface WorkspaceProps {
  /** The services; with the transport's uploads (the photo drop and the Links panel's relink send files). */
  api: BroadsheetApi & Partial<FileUploads>;
  /** `baseline`: what the file holds, when `issue` is edits restored from a recovery (they start unsaved). */
  opened: { path: string | null; issue: Issue; readOnly: boolean; warnings?: string[]; baseline?: Issue };
  /** `growth`: the faces are growing subsets (renderer/src/fonts.ts); editing never waits for them. */
  fonts: { source: FontSource; css: Record<FontKey, { family: string; weight: number }>; growth?: FontGrowth };
  templates: TemplateRegistry;
  /** Native menu commands (Electron); the loopback host has none. */
  menu?: { onMenuCommand(listener: (c: MenuCommand) => void): () => void };
  /** URL of a linked photo by asset id (default: the hosts' `issue-assets/<id>`); `rev` changes when the link does (relinked, accepted). */
  assetUrl?: (assetId: string, rev?: string) => string;
  /** Called with the session once it exists (tests and benchmarks drive it). */
  onSession?: (session: IssueSession) => void;
  /** Saves a file the host serves (an exported PDF, by relative URL) into the user's downloads. */
  download?: (url: string, name: string) => Promise<void>;
  /**
   * Save of an issue with no file yet: the frame asks where (the browser host's Save As dialog); none = Save waits for Save As.
   * `done` hears whether a file was chosen (a photo placed into the untitled issue goes on after the save, or is dropped).
   */
  onSaveAs?: (done?: (chosen: boolean) => void) => void;
  /** Where to save an issue with no file yet before a photo is placed into it, when not `onSaveAs`: the desktop shell's native Save As. */
  askSaveAs?: (done: (chosen: boolean) => void) => void;
  /** Called when the in-place story editor is mounted (null when it goes). */
  onEditor?: (editor: StoryEditor | null) => void;
}

export { PX_PER_PT };

const defaultAssetUrl = (assetId: string, rev?: string) => `issue-assets/${encodeURIComponent(assetId)}${rev ? `?v=${encodeURIComponent(rev)}` : ''}`;

export function Workspace(props: WorkspaceProps) {
  const { t } = useWorkspaceT();
  useEffect(() => installWorkspaceCss(document), []);
  useEffect(() => installSelectionCss(document), []);
  const { session, ctx, recomposeAll } = useEditingSession(props);
  const [message, setMessage] = useState<string | null>(null);
  const fonts = useFontGrowth(props.fonts.growth, recomposeAll, (err) => setMessage(errorMessage(err)));
  const version = useSessionVersion(session);
  const issue = session.issue;
  const composed = session.composed;

  const [spreads, setSpreads] = useState(false);
  const [guides, setGuides] = useState<Guides>({ columns: true, baselines: false, frames: true, preview: false, rulerGuides: true, lockGuides: false });
  // A ruler guide clicked (Delete removes it); selecting a frame unselects it.
  const [guideSel, setGuideSel] = useState<{ pageIndex: number; index: number } | null>(null);
  const [tool, setTool] = useState<Tool>('select');
  // The selection: a set of frames (shift-click, marquee, Ctrl+A); `selected` is its last, the one single-frame commands act on.
  const [selection, setSelection] = useState<readonly string[]>([]);
  const selected = selection.length ? selection[selection.length - 1] : null;
  const setSelected = useCallback((id: string | null) => setSelection(id ? [id] : []), []);
  const [menu, setMenu] = useState<{ x: number; y: number; items: CanvasMenuItem[] } | null>(null);
  const [editing, setEditing] = useState<EditingTarget | null>(null);
  const [currentPage, setCurrentPage] = useState(0);
  const [linkFrom, setLinkFrom] = useState<string | null>(null);
  /** Export dialog open, with the output the menu's save dialog chose (if any). */
  const [exportOpen, setExportOpen] = useState<false | { output?: string }>(false);
  const [editor, setEditor] = useState<StoryEditor | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [preflightOpen, setPreflightOpen] = useState(false);
  /** Package dialog open, with the destination the native dialog chose (if any). */
  const [packageOpen, setPackageOpen] = useState<false | { to?: string }>(false);
  const [linksOpen, setLinksOpen] = useState(false);
  const [stylesOpen, setStylesOpen] = useState(false);
  const [caretTick, setCaretTick] = useState(0);
  const [editorHost, setEditorHost] = useState<HTMLDivElement | null>(null);
  const { viewport, pasteboardRef, pageOrigin, onPasteboard } = useCanvasViewport();
  const zoom = useZoom({ viewport, issue, currentPage, templates: props.templates, spreads });
  const scale = zoom.zoom * PX_PER_PT;

  const apply = useCallback(
    (op: Operation) => {
      const r = session.apply(op);
      setMessage(r.ok ? null : t(r.error.key, r.error.values));
      return r.ok;
    },
    [session, t],
  );
  const frameState = useMemo(() => ({ selected, setSelected, selection, setSelection, editing, setEditing, linkFrom, setLinkFrom, setTool, currentPage, setCurrentPage }), [selection, editing, linkFrom, currentPage]);
  // A photo placed or dropped into an issue with no file yet: Save As first (photos are copied beside the issue), then on.
  const afterSave = useRef<(() => void) | null>(null);
  const ensureSaved = (then: () => void) => {
    if (session.path) return then();
    const ask = props.onSaveAs ?? props.askSaveAs;
    if (!ask) return setMessage(t('ph.noSaveDialog'));
    afterSave.current = then;
    setMessage(t('ph.saveFirst'));
    ask((chosen) => {
      if (chosen || afterSave.current !== then) return;
      afterSave.current = null;
      setMessage(t('ph.saveCancelled'));
    });
  };
  const frames = useFrameActions({ api: props.api, session, version, composed, templates: props.templates, editor, state: frameState, apply, onMessage: setMessage, ensureSaved });
  const place = usePlace({ api: props.api, session, templates: props.templates, target: () => ({ selected, pageIndex: currentPage }), onPlaced: (ids) => setSelection(ids), setMessage, ensureSaved });
  const baseAssetUrl = props.assetUrl ?? defaultAssetUrl;
  const assetUrl = useCallback(
    (id: string) => {
      const a = issue.assets.find((x) => x.id === id);
      // A relinked photo has another hash, an accepted outside link its acceptance: a new URL, fetched again.
      const rev = a ? `${a.hash ?? ''}${a.acceptedOutside ? '.accepted' : ''}` : undefined;
      return frames.previews[id] ?? baseAssetUrl(id, rev || undefined);
    },
    [frames.previews, baseAssetUrl, issue.assets],
  );

  const scrollToPage = useCallback((i: number) => {
    setCurrentPage(i);
    const el = viewport.current;
    const o = pasteboardRef.current?.origins[i];
    if (el && o) el.scrollTo({ top: o.y - 24, left: Math.max(0, o.x - 24) });
  }, []);
  // After a page is added, duplicated or moved: it is the current page in the panel and on the canvas, scrolled to once
  // the canvas has it where it now is (otherwise the viewport's centre page would become the current one again).
  const showPage = useCallback(
    (i: number) => {
      setCurrentPage(i);
      requestAnimationFrame(() => scrollToPage(i));
    },
    [scrollToPage],
  );
  // Copy into the issue: Import Copy…, pasted stories, Lay out unplaced stories.
  const copy = useCopyImport({ api: props.api, session, ctx, apply, onLaidOut: scrollToPage, onError: setMessage, fontsFor: props.fonts.growth && ((text: string) => props.fonts.growth!.ensure(text)) });
  const copyInput = useRef<HTMLInputElement | null>(null);
  const unplacedCount = useMemo(() => unplacedStories(issue).length, [issue]);
  // Fit modes scroll the current page into view once laid out.
  useEffect(() => {
    if (zoom.zoomMode) requestAnimationFrame(() => scrollToPage(currentPage));
  }, [zoom.zoomMode, zoom.zoom]);

  const onEditor = (e: StoryEditor | null) => {
    setEditor(e);
    props.onEditor?.(e);
  };
  useStoryEditing({ session, host: editorHost, fontsExact: () => props.fonts.growth?.exact ?? true, target: editing, scale, pageOrigin, fontCss: props.fonts.css, version, onEditor, onSelectionChange: () => setCaretTick((n) => n + 1), onHistoryEnd: undoPastText });

  // Photo links: checked by the host as soon as the issue opens, so a missing photo is marked on its page at once.
  const links = useLinks({ api: props.api, session, apply, setMessage, confirm: (text) => window.confirm(text) });
  const copyfitTarget = () => {
    if (editing) return editing.storyId;
    const f = selected ? findFrame(issue, selected)?.frame : undefined;
    return f?.type === 'story' ? f.storyId : null;
  };
  // Ctrl+Z in the text with its own history used up goes on into the layout's; after the key's own handling (the editor goes).
  const commandsRef = useRef<CommandTable | null>(null);
  function undoPastText(what: 'undo' | 'redo'): boolean {
    const table = commandsRef.current;
    if (!table || !commandEnabled(table, { do: what, leaveText: true })) return false;
    setTimeout(() => runCommand(table, { do: what, leaveText: true }), 0);
    return true;
  }
  // A photo's caption (or credit) edited on the page: the box it stands in, while the field is open.
  const [captionEdit, setCaptionEdit] = useState<CaptionBox | null>(null);
  const boxesOf = (frameId: string) => captionBoxes(issue, composed, props.templates, props.fonts.source, frameId);
  const editCaption = (box: CaptionBox | undefined) => {
    if (!box || session.readOnly) return;
    frames.stopEditing();
    setSelected(box.frameId);
    setCaptionEdit(box);
  };
  const selectedPhoto = () => {
    const f = selection.length === 1 && selected ? findFrame(issue, selected)?.frame : undefined;
    return f?.type === 'photo' && f.caption !== 'none' ? f : undefined;
  };
  const selectedPhotoCaption = () => {
    const f = selectedPhoto();
    return f ? boxesOf(f.id).find((b) => b.part === 'caption') : undefined;
  };
  const baseSelection = selectionCommands({ issue, frames, selection, currentPage, setLinkFrom });
  const selectionTable = {
    ...baseSelection,
    // Enter on a selected photo frame edits its caption; on a story frame its text.
    'edit-text': {
      run: (c: { do: 'edit-text' }) => (selectedPhotoCaption() ? editCaption(selectedPhotoCaption()) : baseSelection['edit-text'].run(c)),
      enabled: (c: { do: 'edit-text' }) => (!!selectedPhoto() && !session.readOnly) || !!baseSelection['edit-text'].enabled?.(c),
    },
    'open-menu': { run: () => openMenuFromKeys() },
  };
  const baseCommands = useCommandTable({ session, api: props.api, frames, zoom, copy, copyInput, unplacedCount, selected, setMessage, setExportOpen, setFindOpen, setShortcutsOpen, setGuides, setTool, setLinkFrom, setSelected, onSaveAs: props.onSaveAs, afterSave, place, setPreflightOpen, setLinksOpen, setStylesOpen, ctx, copyfitTarget, selectionTable, setPackageOpen });
  useEffect(() => {
    if (selection.length) setGuideSel(null);
  }, [selection]);
  const selectedGuide = guideSel && !guides.lockGuides && issue.pages[guideSel.pageIndex]?.guides?.[guideSel.index] ? guideSel : null;
  /** Where 从此处拆分稿件 would split: the story being edited, before the caret's paragraph. */
  const splitPoint = () => {
    const story = editing ? issue.stories.find((s) => s.id === editing.storyId) : undefined;
    const index = editor?.view.state.selection.$from.index(0);
    return story && index !== undefined && canSplitAt(story, index) ? { storyId: story.id, index } : null;
  };
  const commands: CommandTable = {
    ...baseCommands,
    deselect: { run: (c) => (setGuideSel(null), baseCommands.deselect.run(c)) },
    'clear-guides': { run: () => (apply(clearGuides(currentPage)), setGuideSel(null)), enabled: () => !!issue.pages[currentPage]?.guides?.length },
    'merge-story': {
      run: () => {
        const f = selected ? findFrame(issue, selected)?.frame : undefined;
        if (f?.type !== 'story') return;
        frames.stopEditing();
        apply(mergeIntoPrevious(f.storyId));
      },
      enabled: () => {
        const f = selected ? findFrame(issue, selected)?.frame : undefined;
        return f?.type === 'story' && !!previousStory(issue, f.storyId);
      },
    },
    'split-story': {
      run: () => {
        const at = splitPoint();
        if (!at) return;
        frames.stopEditing();
        apply(splitStoryAt(at.storyId, at.index));
      },
      enabled: () => !!splitPoint(),
    },
    'delete-guide': { run: () => selectedGuide && (apply(deleteGuide(selectedGuide.pageIndex, selectedGuide.index)), setGuideSel(null)), enabled: () => !!selectedGuide },
  };
  commandsRef.current = commands;
  /** A guide gesture's outcome (PageCanvas): one operation each; a click selects the guide. */
  const onGuide = (o: GuideOutcome) => {
    if (o.do === 'guide-select') {
      setSelected(null);
      setGuideSel({ pageIndex: o.pageIndex, index: o.index });
      return;
    }
    setGuideSel(null);
    if (o.do === 'guide-add') apply(addGuide(o.pageIndex, o.guide));
    else if (o.do === 'guide-move') apply(moveGuide(o.pageIndex, o.index, o.at));
    else apply(deleteGuide(o.pageIndex, o.index));
  };
  /** Right click on the canvas: on a frame outside the selection, that frame is selected first. */
  const openMenu = (at: CanvasMenuRequest) => {
    const f = at.frameId ? findFrame(issue, at.frameId)?.frame : undefined;
    if (f) {
      if (!selection.includes(f.id)) frames.canvas.onSelect({ frameId: f.id });
    } else {
      frames.canvas.onSelect(null);
      setCurrentPage(at.pageIndex);
    }
    setMenu({ x: at.x, y: at.y, items: canvasMenu(f ? { frame: f.type === 'story' ? 'story' : 'other' } : 'page') });
  };
  /** Shift+F10 or the menu key: the menu at the selected frame's top-left, else at the current page's. */
  const openMenuFromKeys = () => {
    const el = document.querySelector<HTMLElement>(selected ? `.bs-ws-frame[data-frame="${CSS.escape(selected)}"]` : `.bs-ws-page[data-page-index="${currentPage}"]`);
    const r = el?.getBoundingClientRect();
    if (!r) return;
    openMenu({ frameId: selected ?? undefined, pageIndex: currentPage, x: Math.max(0, r.left) + 12, y: Math.max(0, r.top) + 12 });
  };
  useCommandSources(commands, session, selected, props.menu, !!selectedGuide);

  const showStory = (storyId: string, match?: { from: number; to: number }) => {
    const first = threadOf(issue, storyId)[0];
    if (!first) return match && setMessage(t('find.unplaced'));
    setSelected(first.frame.id);
    if (match) setEditing({ storyId, frameId: first.frame.id, select: match });
    else scrollToPage(first.pageIndex);
  };
  const selectedFrame = selected ? findFrame(issue, selected)?.frame : undefined;
  const measureLines = useCallback((id: string) => session.measureLines(id), [session]);

  return (
    <div className="bs-ws" data-testid="workspace" data-dirty={session.dirty ? '1' : '0'}>
      <Toolbar commands={commands} tool={tool} zoom={zoom.zoom} zoomMode={zoom.zoomMode} guides={guides} findOpen={findOpen} preflightOpen={preflightOpen} linksOpen={linksOpen} stylesOpen={stylesOpen} undoLabel={session.undoLabel} redoLabel={session.redoLabel} onPickCopy={(files) => void copy.importFiles(files)} copyInput={(el) => (copyInput.current = el)} layingOut={copy.layingOut} />
      {findOpen && <FindBar issue={issue} editor={editor} apply={apply} onClose={() => setFindOpen(false)} onOpenStory={showStory} />}
      <PagesPanel issue={issue} composed={composed} templates={props.templates} fonts={props.fonts.css} assetUrl={assetUrl} current={currentPage} spreads={spreads} onSpreads={setSpreads} onGo={scrollToPage} brokenLinks={links.brokenPages} {...pageActions(apply, issue, currentPage, showPage, props.templates, (count) => window.confirm(t('pages.confirmRenumber', { count })))} />
      <div className="bs-ws-center" style={{ ['--bs-ruler' as string]: `${RULER}px` }}>
        <PageCanvas
          {...frames.canvas}
          brokenPhotos={links.brokenPhotos}
          issue={issue}
          composed={composed}
          templates={props.templates}
          fonts={props.fonts.css}
          assetUrl={assetUrl}
          scale={scale}
          spreads={spreads}
          guides={guides}
          selectedGuide={selectedGuide}
          onGuide={onGuide}
          tool={linkFrom ? 'link' : tool}
          selection={selected ? { frameId: selected } : null}
          selectedIds={selection}
          onContextMenu={openMenu}
          editingStoryId={editing?.storyId ?? null}
          editingFrameId={editing?.frameId ?? null}
          linkFrom={linkFrom}
          pendingPhotos={frames.pendingPhotos}
          onZoom={zoom.zoomTo}
          editorHostRef={setEditorHost}
          viewportRef={(el) => (viewport.current = el)}
          onPasteboard={onPasteboard}
          onCurrentPage={setCurrentPage}
          currentPage={currentPage}
          onPhotoDoubleClick={(frameId, _pageIndex, at) => editCaption(captionAt(boxesOf(frameId), at))}
        />
        {captionEdit && editorHost && (
          <CaptionEditor
            key={`${captionEdit.frameId}:${captionEdit.part}`}
            box={captionEdit}
            host={editorHost}
            scale={scale}
            origin={pageOrigin(captionEdit.pageIndex)}
            fontCss={props.fonts.css}
            onCommit={(text) => {
              setCaptionEdit(null);
              apply(setPhotoCaption(captionEdit.frameId, captionEdit.part, text));
            }}
            onCancel={() => setCaptionEdit(null)}
          />
        )}
      </div>
      <div className={`bs-ws-side${linksOpen ? ' has-links' : ''}${stylesOpen ? ' has-styles' : ''}`}>
        <Inspector
          fonts={props.fonts.css}
          issue={issue}
          composed={composed}
          templates={props.templates}
          frameId={selection.length > 1 ? null : selected}
          selection={selection}
          commands={commands}
          pageIndex={currentPage}
          editor={editor}
          caretTick={caretTick}
          apply={apply}
          onDelete={frames.deleteSelected}
          onStartLink={() => setLinkFrom(linkFrom ? null : selected)}
          linking={!!linkFrom}
          onCopyfit={() => runCommand(commands, { do: 'copyfit' })}
          brokenPhotos={links.brokenPhotos}
          onRelinkPhoto={
            session.readOnly
              ? undefined
              : (assetId, file) => {
                  const entry = links.report?.entries.find((e) => e.id === assetId);
                  if (entry) links.relink({ entry, broken: true }, file);
                }
          }
        />
        {stylesOpen && <StylesPanel issue={issue} templates={props.templates} editor={editor} caretTick={caretTick} frameId={editing?.frameId ?? selected} pageIndex={currentPage} fonts={props.fonts.css} onClose={() => setStylesOpen(false)} />}
        <StoriesPanel issue={issue} composed={composed} selectedStoryId={selectedFrame?.type === 'story' ? selectedFrame.storyId : null} measureLines={measureLines} onLayoutUnplaced={unplacedCount && !copy.layingOut ? copy.layoutUnplaced : undefined} onPasteText={copy.importPasted} onShow={(storyId) => showStory(storyId)} />
        {linksOpen && (
          <LinksPanel
            issue={issue}
            templates={props.templates}
            report={links.report}
            error={links.error}
            readOnly={session.readOnly}
            onShow={(row) => {
              if (!row.frame) return;
              setSelected(row.frame.frameId);
              scrollToPage(row.frame.pageIndex);
            }}
            onAcceptOutside={links.acceptOutside}
            onRelink={links.relink}
            onClose={() => setLinksOpen(false)}
          />
        )}
      </div>
      <StatusBar session={session} fontsLoading={fonts.busy} layingOut={copy.layingOut} zoom={zoom.zoom} message={message} />
      {copy.dialog}
      {exportOpen && <ExportDialog api={props.api} session={session} output={exportOpen.output} currentPage={issue.pages[currentPage]?.number} download={props.download} onClose={() => setExportOpen(false)} />}
      {shortcutsOpen && <ShortcutSheet onClose={() => setShortcutsOpen(false)} />}
      {packageOpen && <PackageDialog api={props.api} session={session} to={packageOpen.to} onClose={() => setPackageOpen(false)} />}
      {preflightOpen && (
        <PreflightPanel
          api={props.api}
          session={session}
          version={version}
          onClose={() => setPreflightOpen(() => false)}
          onShow={({ pageIndex, frameId }) => {
            scrollToPage(pageIndex);
            setSelected(frameId ?? null);
          }}
        />
      )}
      <input
        ref={place.input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="place-file"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          place.picked(files);
        }}
      />
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menu.items} commands={commands} onClose={() => setMenu(null)} />}
    </div>
  );
}

/**
 * The canvas's viewport and where its pages are: for scrolling to a page, and for the story
 * editor, which places its lines from the page origins. A new `pageOrigin` only when a page
 * actually moved on the canvas (the editor re-places every line then).
 */
function useCanvasViewport() {
  const viewport = useRef<HTMLDivElement | null>(null);
  const pasteboardRef = useRef<Pasteboard | null>(null);
  const [originsKey, setOriginsKey] = useState('');
  const pageOrigin = useCallback((i: number) => pasteboardRef.current?.origins[i] ?? { x: 0, y: 0 }, [originsKey]);
  const onPasteboard = useCallback((l: Pasteboard) => {
    pasteboardRef.current = l;
    setOriginsKey(l.origins.map((o) => `${o.x},${o.y}`).join(';'));
  }, []);
  return { viewport, pasteboardRef, pageOrigin, onPasteboard };
}

/**
 * The pages panel's page operations, on the current page. A page added or duplicated goes right
 * after it and becomes the current page (so the template picker then acts on it); when pages
 * follow, their numbers change, which the editor confirms first (`confirmRenumber`).
 */
function pageActions(apply: (op: Operation) => boolean, issue: Issue, currentPage: number, showPage: (i: number) => void, templates: TemplateRegistry, confirmRenumber: (count: number) => boolean) {
  const after = (op: Operation) => {
    const following = issue.pages.length - (currentPage + 1);
    if (following > 0 && !confirmRenumber(following)) return;
    if (apply(op)) showPage(currentPage + 1);
  };
  return {
    onAdd: () => after(addPage(currentPage + 1, issue.pages[currentPage]?.templateId ?? templates.ids()[0])),
    onDuplicate: () => after(duplicatePage(currentPage)),
    onDelete: () => apply(deletePage(currentPage)),
    onMove: (from: number, to: number) => apply(movePage(from, to)) && showPage(Math.max(0, Math.min(issue.pages.length - 1, to))),
    onTemplate: (id: string) => apply(setPageTemplate(currentPage, id)),
  };
}

/** The session over the opened issue, composing with the compose cache (cleared when the fonts grew to characters compositions asked about). */
function useEditingSession(props: WorkspaceProps) {
  // The composer's context, as the session composes with (automatic layout measures and checks with it too).
  const ctx = useMemo(() => ({ fonts: props.fonts.source, templates: props.templates }), [props.fonts.source, props.templates]);
  const { session, cache } = useMemo(() => {
    const cache = new ComposeCache();
    const session = new IssueSession({
      issue: props.opened.issue,
      savedIssue: props.opened.baseline,
      path: props.opened.path ?? '',
      readOnly: props.opened.readOnly,
      templates: props.templates,
      compose: (issue) => composeIssue(issue, ctx, { cache }),
      measure: (issue) => composeIssue(issue, ctx),
      fontKeys: Object.keys(props.fonts.css),
    });
    return { session, cache };
  }, [props.opened, ctx, props.templates]);
  useEffect(() => {
    props.onSession?.(session);
  }, [session, props.onSession]);
  const recomposeAll = useCallback(() => {
    cache.clear();
    session.recomposeAll();
  }, [cache, session]);
  return { session, ctx, recomposeAll };
}

interface CommandTableOptions {
  session: IssueSession;
  api: BroadsheetApi;
  frames: ReturnType<typeof useFrameActions>;
  zoom: ReturnType<typeof useZoom>;
  copy: ReturnType<typeof useCopyImport>;
  copyInput: { current: HTMLInputElement | null };
  unplacedCount: number;
  selected: string | null;
  setMessage(m: string | null): void;
  setExportOpen(v: false | { output?: string }): void;
  setFindOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setPreflightOpen(f: (open: boolean) => boolean): void;
  setPackageOpen(v: false | { to?: string }): void;
  setLinksOpen(f: (open: boolean) => boolean): void;
  setStylesOpen(f: (open: boolean) => boolean): void;
  setGuides(f: (g: Guides) => Guides): void;
  setTool(tool: Tool): void;
  setLinkFrom(id: string | null): void;
  setSelected(id: string | null): void;
  onSaveAs?: (done?: (chosen: boolean) => void) => void;
  /** What waits for the next Save As to finish (a Place into an issue with no file yet). */
  afterSave: { current: (() => void) | null };
  place: ReturnType<typeof usePlace>;
  ctx: ComposeContext;
  /** The story copyfit works on: the selected story frame's, or the one being edited. */
  copyfitTarget(): string | null;
  /** The selection's commands (selection-commands.ts). */
  selectionTable: ReturnType<typeof selectionCommands> & Pick<CommandTable, 'open-menu'>;
}

/** What every workspace command does, and when it can be done (the ruler guides' commands: the workspace's own). */
function useCommandTable(o: CommandTableOptions): Omit<CommandTable, 'clear-guides' | 'delete-guide' | 'merge-story' | 'split-story'> {
  const { t } = useWorkspaceT();
  const { session, frames, zoom, copy } = o;
  const saveTo = (path?: string) =>
    void session.save(o.api, path).then(
      () => {
        const then = o.afterSave.current;
        o.afterSave.current = null;
        if (then && session.path) then();
      },
      (err: unknown) => {
        o.afterSave.current = null;
        o.setMessage(t('error.saveFailed', { message: errorMessage(err) }));
      },
    );
  const undoRedo = (what: 'undo' | 'redo', c: { leaveText: boolean; textFirst?: boolean }) => {
    if (c.textFirst && undoFocusedText(what)) return;
    if (c.leaveText) frames.stopEditing();
    if (what === 'undo' ? session.undo() : session.redo()) o.setMessage(null);
  };
  const setGuide = (guide: GuideName, on: boolean) => o.setGuides((g) => ({ ...g, [guide]: on }));
  return {
    'leave-text': {
      run: () => {
        frames.stopEditing();
        (document.activeElement as HTMLElement | null)?.blur();
        // Focus goes back to the frame (still selected), so Tab and Enter go on from there.
        const id = o.selected;
        if (id) requestAnimationFrame(() => document.querySelector<HTMLElement>(`.bs-ws-frame[data-frame="${CSS.escape(id)}"]`)?.focus({ preventScroll: true }));
      },
    },
    // Read-only: another session holds the issue's lock; edits stay on screen and export works, saving does not.
    // An issue with no file yet can be saved (asked where) even before its first edit.
    save: { run: () => (session.path ? saveTo() : o.onSaveAs?.()), enabled: () => !session.readOnly && (session.path ? session.dirty : !!o.onSaveAs) },
    'save-as': { run: (c) => saveTo(c.path) },
    export: { run: (c) => o.setExportOpen({ output: c.output }) },
    find: { run: () => o.setFindOpen(true) },
    'close-find': { run: () => o.setFindOpen(false) },
    undo: { run: (c) => undoRedo('undo', c), enabled: (c) => !!c.textFirst || session.canUndo },
    redo: { run: (c) => undoRedo('redo', c), enabled: (c) => !!c.textFirst || session.canRedo },
    zoom: { run: (c) => zoom.stepZoom(c.step) },
    'zoom-to': { run: (c) => zoom.zoomTo(c.zoom) },
    'fit-page': { run: () => zoom.setZoomMode('fit-page') },
    'fit-width': { run: () => zoom.setZoomMode('fit-width') },
    'actual-size': { run: () => zoom.zoomTo(1) },
    deselect: {
      run: () => {
        o.setLinkFrom(null);
        o.setTool('select');
        o.setSelected(null);
      },
    },
    'delete-frame': { run: () => frames.deleteSelected(), enabled: () => !!o.selected },
    nudge: { run: (c) => void frames.nudge(c.key, c.big, c.resize), enabled: () => !!o.selected },
    tool: { run: (c) => o.setTool(c.tool) },
    'toggle-preview': { run: () => o.setGuides((g) => ({ ...g, preview: !g.preview })) },
    'set-guide': { run: (c) => setGuide(c.guide, c.on) },
    'toggle-guide': { run: (c) => o.setGuides((g) => ({ ...g, [c.guide]: !g[c.guide] })) },
    'import-copy': { run: (c) => (c.paths ? void copy.importPaths(c.paths) : o.copyInput.current?.click()), enabled: () => !copy.busy },
    place: { run: () => o.place.open(), enabled: () => !session.readOnly && !o.place.busy },
    'layout-unplaced': { run: () => void copy.layoutUnplaced(), enabled: () => o.unplacedCount > 0 && !copy.layingOut },
    shortcuts: { run: () => o.setShortcutsOpen(true) },
    preflight: { run: () => o.setPreflightOpen((open) => !open) },
    package: { run: (c) => o.setPackageOpen({ to: c.to }) },
    copyfit: {
      run: () => {
        const storyId = o.copyfitTarget();
        if (!storyId) return;
        const { result, op } = copyfitStory(session.issue, o.ctx, storyId);
        if (op) session.apply(op);
        o.setMessage(copyfitMessage(t, result));
      },
      enabled: () => !!o.copyfitTarget(),
    },
    links: { run: () => o.setLinksOpen((open) => !open) },
    styles: { run: () => o.setStylesOpen((open) => !open) },
    ...o.selectionTable,
  };
}

function StatusBar(p: { session: IssueSession; fontsLoading: boolean; layingOut: boolean; zoom: number; message: string | null }) {
  const { t } = useWorkspaceT();
  const { session } = p;
  return (
    <div className="bs-ws-statusbar" role="status">
      <span data-testid="dirty">{session.readOnly ? t('toolbar.readOnly') : session.dirty ? t('toolbar.unsaved') : t('toolbar.saved')}</span>
      {/* Before the path, which may be long: the status bar clips at its end. */}
      {p.fontsLoading && (
        <span className="bs-ws-busy" title={t('status.fontsLoadingWhy')} data-testid="fonts-loading">
          {t('status.fontsLoading')}
        </span>
      )}
      {p.layingOut && (
        <span className="bs-ws-busy" data-testid="layout-busy">
          {t('status.layingOut')}
        </span>
      )}
      <span>{session.path}</span>
      <span data-testid="recompose">{t('toolbar.recompose', { ms: session.lastRecompose.ms.toFixed(1), pages: session.lastRecompose.pages.length })}</span>
      <span>{Math.round(p.zoom * 100)}%</span>
      {p.message && (
        <span className="bs-ws-message" data-testid="message">
          {p.message}
        </span>
      )}
    </div>
  );
}
