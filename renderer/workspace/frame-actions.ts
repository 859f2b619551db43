import { useCallback, useEffect } from 'react';
import type { BroadsheetApi } from '../../core/api/methods.js';
import type { ComposedIssue } from '../../core/compose/types.js';
import type { GridRect } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { errorMessage } from '../../core/error-message.js';
import type { StoryEditor } from '../editor/index.js';
import type { Tool } from './commands.js';
import { slotAt } from './gestures.js';
import { useWorkspaceT } from './i18n.js';
import { arrowStep, cellAt, moveIntoGrid, moveRect, resizeRect, type PagePoint } from './model/grid.js';
import {
  addPhotoFrame, addStoryFrame, alignFrames, arrangeFrames, clipboardText, copyFrames, deleteFrame, deleteFrames, distributeFrames, duplicateFrames, linkFrames, moveFrames, moveFrameToPage, pasteFrames, pasteThreaded, setFrameRect, setPhotoProps,
  type AlignEdge, type FrameClipboard, type Operation, type PasteResult,
} from './model/operations.js';
import type { IssueSession } from './model/session.js';
import { findFrame } from './model/threads.js';
import { frameAfter } from './model/tab-order.js';
import type { CanvasSelection, PageCanvasProps } from './PageCanvas.js';
import { usePhotoDrops } from './photos.js';
import { placeCaret, type EditingTarget } from './story-editing.js';

/**
 * What the layout editor does to frames — select, edit in place, draw, move, resize, thread,
 * crop, delete, nudge, drop a story or a photo file (photos.ts) — as session operations, over the
 * workspace's selection state. The canvas's callbacks come from here, and the commands
 * (delete, nudge) too.
 */

/** The workspace state frame actions read and set. */
export interface FrameSelection {
  /** The frame the inspector and the single-frame commands act on: the selection's last. */
  selected: string | null;
  setSelected(id: string | null): void;
  /** Every selected frame (a set, in the order selected). */
  selection: readonly string[];
  setSelection(ids: readonly string[]): void;
  editing: EditingTarget | null;
  setEditing(target: EditingTarget | null): void;
  linkFrom: string | null;
  setLinkFrom(id: string | null): void;
  setTool(tool: Tool): void;
  currentPage: number;
  setCurrentPage(i: number): void;
}

export interface FrameActionsOptions {
  api: BroadsheetApi;
  session: IssueSession;
  /** The session's version: a change may have removed the selected frame. */
  version: number;
  composed: ComposedIssue;
  templates: TemplateRegistry;
  editor: StoryEditor | null;
  state: FrameSelection;
  /** Applies an operation, showing its refusal; says whether it was applied. */
  apply(op: Operation): boolean;
  onMessage(message: string): void;
  /** An issue with no file yet: ask where to save it, then go on (a photo drop needs a folder to copy into). */
  ensureSaved?(then: () => void): void;
}

type CanvasCallbacks = Pick<PageCanvasProps, 'onSelect' | 'onSelectFrames' | 'onFramesMove' | 'onEditFrame' | 'onDraw' | 'onFrameRect' | 'onFrameToPage' | 'onStartLink' | 'onLink' | 'onPhotoFocus' | 'onDropStory' | 'onDropFiles'>;

/**
 * The in-app clipboard of frames (one per window: a copy on one issue pastes into another
 * opened after it). Pasting text inside a story being edited is the editor's own paste.
 */
let frameClipboard: FrameClipboard | null = null;

/** Whether frames have been copied. */
export function hasCopiedFrames(): boolean {
  return !!frameClipboard?.frames.length;
}
/** The copied frames' stories as plain text (what a copy event puts on the system clipboard). */
export function copiedFramesText(): string {
  return frameClipboard ? clipboardText(frameClipboard) : '';
}
/** Whether the copied frames hold a story frame (粘贴为串接框). */
export function hasCopiedStoryFrame(): boolean {
  return !!frameClipboard?.frames.some((c) => c.frame.type === 'story');
}

export function useFrameActions(o: FrameActionsOptions) {
  const { t } = useWorkspaceT();
  const { session, templates, apply, state: s } = o;
  const issue = session.issue;
  const templateOf = (pageIndex: number) => templates.get(issue.pages[pageIndex].templateId);
  const photos = usePhotoDrops({ api: o.api, session, templates, apply, onLinking: s.setSelected, onError: (err) => o.onMessage(t('error.photoFailed', { message: errorMessage(err) })), ensureSaved: o.ensureSaved });
  // Selections that no longer exist (after undo, delete) are dropped.
  useEffect(() => {
    if (s.selection.some((id) => !findFrame(issue, id))) s.setSelection(s.selection.filter((id) => findFrame(issue, id)));
    if (s.editing && !findFrame(issue, s.editing.frameId)) s.setEditing(null);
    if (s.currentPage >= issue.pages.length) s.setCurrentPage(Math.max(0, issue.pages.length - 1));
  }, [o.version]);

  const stopEditing = useCallback(() => {
    s.setEditing(null);
    session.seal();
  }, [s, session]);
  const deleteSelected = () => {
    if (!s.selection.length) return;
    if (s.editing && s.selection.includes(s.editing.frameId)) stopEditing();
    apply(s.selection.length === 1 ? deleteFrame(s.selection[0]) : deleteFrames(s.selection));
    s.setSelection([]);
  };
  /** Arrow keys: move (or resize from the bottom-right) the selected frame by the grid; several frames move together (one step per held key). */
  const nudge = (key: string, big: boolean, resize: boolean): boolean => {
    const step = arrowStep(key, big);
    if (s.selection.length > 1) {
      if (!step || resize) return false;
      apply(moveFrames(s.selection, step.columns, step.lines));
      return true;
    }
    const at = s.selected ? findFrame(issue, s.selected) : undefined;
    const tpl = at && templateOf(at.pageIndex);
    if (!at || !step || !tpl) return false;
    const rect = resize ? resizeRect(tpl, at.frame.rect, 'se', step.columns, step.lines) : moveRect(tpl, at.frame.rect, step.columns, step.lines);
    apply(setFrameRect(at.frame.id, rect, resize ? 'resize' : 'move'));
    return true;
  };
  const onDraw = (pageIndex: number, type: 'story' | 'photo', rect: GridRect, slot?: string) => {
    const id = session.newId('f');
    if (!apply(type === 'story' ? addStoryFrame(pageIndex, rect, { id, slot }) : addPhotoFrame(pageIndex, rect, { id, slot }))) return;
    s.setTool('select');
    s.setSelected(id);
    if (type === 'story') s.setEditing({ storyId: (findFrame(session.issue, id)!.frame as { storyId: string }).storyId, frameId: id });
  };
  const onDropStory = (storyId: string, pageIndex: number, at: PagePoint) => {
    const tpl = templateOf(pageIndex);
    if (!tpl) return;
    const slot = slotAt(tpl, issue.pages[pageIndex].frames, at, 'story');
    const cell = cellAt(tpl, at);
    // Outside a slot: two columns by a quarter of the page, from the cell dropped on.
    const rect = slot?.rect ?? moveIntoGrid(tpl, { column: cell.column, span: 2, line: cell.line, lines: Math.max(10, Math.round(tpl.lines / 4)) });
    const id = session.newId('f');
    if (apply(addStoryFrame(pageIndex, rect, { id, storyId, slot: slot?.name }))) s.setSelected(id);
  };
  const onSelect = (sel: CanvasSelection) => {
    if (sel?.toggle) {
      // Shift-click: the frame joins or leaves the selection (the text being edited is left).
      if (s.editing) stopEditing();
      s.setSelection(s.selection.includes(sel.frameId) ? s.selection.filter((id) => id !== sel.frameId) : [...s.selection, sel.frameId]);
      return;
    }
    // A press on a frame of a selection of several keeps the selection (to drag it).
    if (sel && s.selection.length > 1 && s.selection.includes(sel.frameId)) return;
    s.setSelected(sel?.frameId ?? null);
    const at = sel ? findFrame(issue, sel.frameId) : undefined;
    // Selecting another frame of the story being edited keeps editing it.
    if (!sel || sel.frameId !== s.editing?.frameId) {
      const f = at?.frame;
      if (!(f?.type === 'story' && s.editing && f.storyId === s.editing.storyId)) stopEditing();
    }
    if (at) s.setCurrentPage(at.pageIndex);
  };
  /** Clipboard: the selection's frames, stories and photos; the story text on the system clipboard too (plain). */
  const copySelected = () => {
    if (!s.selection.length) return;
    frameClipboard = copyFrames(session.issue, s.selection);
    // From the menu (no copy event): the async clipboard; a key's copy event also sets it (workspace-commands.ts).
    const text = clipboardText(frameClipboard);
    if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
  };
  const cutSelected = () => {
    if (!s.selection.length) return;
    copySelected();
    if (s.editing && s.selection.includes(s.editing.frameId)) stopEditing();
    if (apply(deleteFrames(s.selection, 'sel.op.cutFrames'))) s.setSelection([]);
  };
  /** Paste onto the current page; the pasted frames are the selection. */
  const paste = (threaded: boolean) => {
    if (!frameClipboard) return;
    const out: PasteResult = { frameIds: [] };
    stopEditing();
    if (apply(threaded ? pasteThreaded(frameClipboard, s.currentPage, out) : pasteFrames(frameClipboard, s.currentPage, out))) s.setSelection(out.frameIds);
  };
  const duplicate = () => {
    const out: PasteResult = { frameIds: [] };
    if (s.selection.length && apply(duplicateFrames(s.selection, out))) s.setSelection(out.frameIds);
  };
  const align = (edge: AlignEdge) => s.selection.length > 0 && apply(alignFrames(s.selection, edge));
  const distribute = (axis: 'horizontal' | 'vertical') => s.selection.length > 2 && apply(distributeFrames(s.selection, axis));
  const arrange = (to: 'front' | 'back') => s.selection.length > 0 && apply(arrangeFrames(s.selection, to));
  /** Ctrl+A: every frame of the current page. */
  const selectAll = () => {
    stopEditing();
    s.setSelection(issue.pages[s.currentPage]?.frames.map((f) => f.id) ?? []);
  };
  /** Tab / Shift+Tab: the next (previous) frame of the current page in reading order, selected and focused. */
  const selectStep = (step: 1 | -1) => {
    const page = issue.pages[s.currentPage];
    const id = page && frameAfter(page, s.selection.length === 1 ? s.selection[0] : null, step);
    if (!id) return;
    stopEditing();
    s.setSelection([id]);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.bs-ws-frame[data-frame="${CSS.escape(id)}"]`)?.focus());
  };
  /** Enter (编辑文字): the selected story frame's text, caret at the frame's start. */
  const editText = () => {
    const f = s.selected ? findFrame(issue, s.selected)?.frame : undefined;
    if (f?.type !== 'story') return;
    s.setSelection([f.id]);
    s.setEditing({ storyId: f.storyId, frameId: f.id, atStart: true });
  };
  const canvas: CanvasCallbacks = {
    onSelect,
    onSelectFrames: (ids, additive) => {
      stopEditing();
      s.setSelection(additive ? [...s.selection, ...ids.filter((id) => !s.selection.includes(id))] : ids);
    },
    onFramesMove: (ids, columns, lines) => {
      apply(moveFrames(ids, columns, lines));
      session.seal();
    },
    onEditFrame: (frameId, at) => {
      const f = findFrame(issue, frameId)?.frame;
      if (f?.type !== 'story') return;
      const layout = o.composed.stories[f.storyId];
      // A click in the frame already being edited (between lines, in a margin) moves the caret there.
      if (s.editing?.frameId === frameId && o.editor && layout) placeCaret(o.editor, layout, frameId, at);
      else s.setEditing({ storyId: f.storyId, frameId, at });
    },
    onDraw,
    onFrameRect: (id, rect, kind) => {
      apply(setFrameRect(id, rect, kind));
      session.seal();
    },
    onFrameToPage: (id, pageIndex, rect) => {
      if (s.editing?.frameId === id) stopEditing();
      if (apply(moveFrameToPage(id, pageIndex, rect))) s.setCurrentPage(pageIndex);
    },
    onStartLink: (from) => {
      s.setSelected(from);
      s.setLinkFrom(from);
    },
    onLink: (to) => {
      if (s.linkFrom) apply(linkFrames(s.linkFrom, to));
      s.setLinkFrom(null);
      s.setSelected(to);
    },
    onPhotoFocus: (frameId, focus, final) => {
      apply(setPhotoProps(frameId, { focus }, `focus:${frameId}`));
      if (final) session.seal();
    },
    onDropStory,
    onDropFiles: photos.onDropFiles,
  };
  const clipboard = { copySelected, cutSelected, paste, duplicate, align, distribute, arrange, selectAll, selectStep, editText };
  return { canvas, stopEditing, deleteSelected, nudge, ...clipboard, pendingPhotos: photos.pending, previews: photos.previews };
}
