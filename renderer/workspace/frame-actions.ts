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
import { addPhotoFrame, addStoryFrame, deleteFrame, linkFrames, moveFrameToPage, setFrameRect, setPhotoProps, type Operation } from './model/operations.js';
import type { IssueSession } from './model/session.js';
import { findFrame } from './model/threads.js';
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
  selected: string | null;
  setSelected(id: string | null): void;
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
}

type CanvasCallbacks = Pick<PageCanvasProps, 'onSelect' | 'onEditFrame' | 'onDraw' | 'onFrameRect' | 'onFrameToPage' | 'onStartLink' | 'onLink' | 'onPhotoFocus' | 'onDropStory' | 'onDropFiles'>;

export function useFrameActions(o: FrameActionsOptions) {
  const { t } = useWorkspaceT();
  const { session, templates, apply, state: s } = o;
  const issue = session.issue;
  const templateOf = (pageIndex: number) => templates.get(issue.pages[pageIndex].templateId);
  const photos = usePhotoDrops({ api: o.api, session, templates, apply, onLinking: s.setSelected, onError: (err) => o.onMessage(t('error.photoFailed', { message: errorMessage(err) })) });
  // Selections that no longer exist (after undo, delete) are dropped.
  useEffect(() => {
    if (s.selected && !findFrame(issue, s.selected)) s.setSelected(null);
    if (s.editing && !findFrame(issue, s.editing.frameId)) s.setEditing(null);
    if (s.currentPage >= issue.pages.length) s.setCurrentPage(Math.max(0, issue.pages.length - 1));
  }, [o.version]);

  const stopEditing = useCallback(() => {
    s.setEditing(null);
    session.seal();
  }, [s, session]);
  const deleteSelected = () => {
    if (!s.selected) return;
    if (s.editing?.frameId === s.selected) stopEditing();
    apply(deleteFrame(s.selected));
    s.setSelected(null);
  };
  /** Arrow keys: move (or resize from the bottom-right) the selected frame by the grid. */
  const nudge = (key: string, big: boolean, resize: boolean): boolean => {
    const at = s.selected ? findFrame(issue, s.selected) : undefined;
    const step = arrowStep(key, big);
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
    s.setSelected(sel?.frameId ?? null);
    const at = sel ? findFrame(issue, sel.frameId) : undefined;
    // Selecting another frame of the story being edited keeps editing it.
    if (!sel || sel.frameId !== s.editing?.frameId) {
      const f = at?.frame;
      if (!(f?.type === 'story' && s.editing && f.storyId === s.editing.storyId)) stopEditing();
    }
    if (at) s.setCurrentPage(at.pageIndex);
  };
  const canvas: CanvasCallbacks = {
    onSelect,
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
  return { canvas, stopEditing, deleteSelected, nudge, pendingPhotos: photos.pending, previews: photos.previews };
}
