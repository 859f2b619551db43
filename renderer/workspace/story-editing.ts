import { useEffect, useRef, useState } from 'react';
import { Node as PMNode } from 'prosemirror-model';
import { storySchema } from '../../core/model/story-schema.js';
import { TextSelection } from 'prosemirror-state';
import type { StoryLayout } from '../../core/compose/types.js';
import type { FontKey } from '../../core/display/types.js';
import { lineTableFromStoryLayout, mountStoryEditor, posAtX, type StoryEditor } from '../editor/index.js';
import { setStoryDoc } from './model/operations.js';
import type { IssueSession } from './model/session.js';

/**
 * The in-place story editor as the workspace runs it (design.md "Editing on the page"): the
 * editor of the story in the frame being edited, mounted over the whole canvas so a thread's
 * lines land on every page it runs through. Each change goes into the session as one
 * coalesced "typing" step, which recomposes that story's pages — the overset marker and the
 * page follow every keystroke — and hands the editor its new lines.
 */

export interface EditingTarget {
  storyId: string;
  frameId: string;
  /** Where the click that started editing landed (page points), to put the caret there. */
  at?: { pageIndex: number; x: number; y: number };
  /** A range to select instead (a find match). */
  select?: { from: number; to: number };
  /** The caret at the frame's first line (Enter on a selected frame), not its last. */
  atStart?: boolean;
}

export interface StoryEditingOptions {
  session: IssueSession;
  host: HTMLElement | null;
  target: EditingTarget | null;
  scale: number;
  pageOrigin: (pageIndex: number) => { x: number; y: number };
  fontCss: Record<FontKey, { family: string; weight: number }>;
  /** The session version (re-run on every change). */
  version: number;
  /**
   * Whether the fonts answered every question of the compositions so far (renderer/src/fonts.ts
   * FontGrowth.exact). When a keystroke's composition was not exact, the editor keeps the lines
   * it shows until the fonts have grown and the story is composed again: no line break that
   * later jumps. Default: always exact.
   */
  fontsExact?: () => boolean;
  onEditor?: (editor: StoryEditor | null) => void;
  /** The caret moved or the document changed (the inspector shows the paragraph style). */
  onSelectionChange?: () => void;
  /** Undo (redo) past the text's own history, into the layout's (see StoryEditorOptions.onHistoryEnd). */
  onHistoryEnd?: (what: 'undo' | 'redo') => boolean;
}

const EMPTY_LAYOUT = (storyId: string): StoryLayout => ({ storyId, lines: [], overset: { lines: 0, chars: 0 }, fit: { state: 'fits', lines: 0, chars: 0 } });

let editingSessions = 0;

export function useStoryEditing(o: StoryEditingOptions): void {
  const editorRef = useRef<StoryEditor | null>(null);
  /** The story JSON the editor last wrote (or was mounted with): another doc means an undo from outside. */
  const docRef = useRef<unknown>(null);
  const layoutRef = useRef<StoryLayout | undefined>(undefined);
  const optsRef = useRef(o);
  optsRef.current = o;

  // Mount / unmount when the target story changes, or its document was replaced from outside (undo, redo).
  const storyId = o.target?.storyId ?? null;
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const { session, host, target } = optsRef.current;
    if (!host || !target) return;
    const story = session.issue.stories.find((s) => s.id === target.storyId);
    if (!story) return;
    const coalesce = `text:${target.storyId}:${++editingSessions}`;
    const layout = session.composed.stories[target.storyId] ?? EMPTY_LAYOUT(target.storyId);
    let lastDoc: PMNode | null = null;
    // The document as mounted: typing undone back to it gives the session the very same object.
    let mountNode: PMNode | null = null;
    const mountJson = story.doc;
    docRef.current = story.doc;
    layoutRef.current = layout;
    const editor = mountStoryEditor(host, {
      story: { id: story.id, doc: story.doc },
      layout,
      scale: optsRef.current.scale,
      pageOrigin: (i) => optsRef.current.pageOrigin(i),
      fontCss: (key) => {
        const f = optsRef.current.fontCss[key];
        return f ? { family: f.family, weight: f.weight } : { family: 'Noto Serif SC', weight: 400 };
      },
      onHistoryEnd: (what) => !!optsRef.current.onHistoryEnd?.(what),
      onRequestLayout(doc) {
        if (!lastDoc || !doc.eq(lastDoc)) {
          lastDoc = doc;
          mountNode ??= PMNode.fromJSON(storySchema, mountJson);
          const json = doc.eq(mountNode) ? mountJson : (doc.toJSON() as { type: 'doc' });
          docRef.current = json;
          session.apply(setStoryDoc(target.storyId, json, coalesce));
        }
        const next = session.composed.stories[target.storyId] ?? EMPTY_LAYOUT(target.storyId);
        layoutRef.current = next;
        // Composed with a guess for a character the fonts are growing to: the recomposition that
        // follows brings the lines (the version effect below hands them over).
        return optsRef.current.fontsExact?.() === false ? null : next;
      },
    });
    editorRef.current = editor;
    // The inspector follows the caret at the next frame (not inside the keystroke's task).
    let caretFrame = 0;
    const caretMoved = () => {
      caretFrame ||= requestAnimationFrame(() => {
        caretFrame = 0;
        optsRef.current.onSelectionChange?.();
      });
    };
    editor.view.dom.addEventListener('keyup', caretMoved);
    editor.view.dom.addEventListener('mouseup', caretMoved);
    optsRef.current.onEditor?.(editor);
    const pos = target.atStart ? frameStart(layout, target.frameId) : caretNear(layout, target.frameId, target.at);
    const view = editor.view;
    const size = view.state.doc.content.size;
    const clampPos = (n: number) => Math.max(0, Math.min(size, n));
    const sel = target.select
      ? TextSelection.create(view.state.doc, clampPos(target.select.from), clampPos(target.select.to))
      : TextSelection.near(view.state.doc.resolve(clampPos(pos ?? size)));
    // A click put the caret where the editor looked (no scroll, which would force a layout of the
    // whole canvas); a find match or a frame's start may be out of view.
    const tr = view.state.tr.setSelection(sel).setMeta('addToHistory', false);
    view.dispatch(target.at ? tr : tr.scrollIntoView());
    view.focus();
    return () => {
      cancelAnimationFrame(caretFrame);
      editor.destroy();
      editorRef.current = null;
      docRef.current = null;
      session.seal();
      optsRef.current.onEditor?.(null);
    };
    // Re-mounted for another story, another host, or a document replaced from outside (undo).
  }, [storyId, o.host, o.target?.frameId, generation]);

  // Follow zoom and page positions.
  useEffect(() => {
    editorRef.current?.setScale(o.scale, (i) => optsRef.current.pageOrigin(i));
  }, [o.scale, o.pageOrigin]);

  // A layout change from outside the editor (a frame moved, a template changed): place the text again.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !storyId) return;
    if (storyChangedOutside(o.session, storyId, docRef.current)) {
      setGeneration((g) => g + 1);
      return;
    }
    const layout = o.session.composed.stories[storyId];
    if (layout && layout !== layoutRef.current) {
      layoutRef.current = layout;
      editor.update(layout);
    }
  }, [o.version, storyId]);
}

/**
 * The document position nearest a click in a frame: the frame's line nearest the click (by
 * distance to its box, across columns), at the clicked x; without a click, the frame's last line end.
 */
export function caretNear(layout: StoryLayout, frameId: string, at?: { pageIndex: number; x: number; y: number }): number | undefined {
  const table = lineTableFromStoryLayout(layout);
  let pos: number | undefined;
  let best = Infinity;
  layout.lines.forEach((l, i) => {
    if (l.frameId !== frameId || (at && l.pageIndex !== at.pageIndex)) return;
    if (!at) {
      pos = l.to;
      return;
    }
    const dx = Math.max(0, l.x - at.x, at.x - (l.x + l.width));
    const dy = Math.abs(at.y - (l.baseline - l.ascent / 2));
    if (dx * 4 + dy < best) {
      best = dx * 4 + dy;
      pos = posAtX(table.lines[i], at.x);
    }
  });
  return pos;
}

/** The document position where a frame's text starts (its first line); undefined when no line of the story is in it. */
export function frameStart(layout: StoryLayout, frameId: string): number | undefined {
  return layout.lines.find((l) => l.frameId === frameId)?.from;
}

/** Puts the caret of a mounted editor where a click in a frame landed. */
export function placeCaret(editor: StoryEditor, layout: StoryLayout, frameId: string, at: { pageIndex: number; x: number; y: number }): void {
  const pos = caretNear(layout, frameId, at);
  if (pos === undefined) return;
  const view = editor.view;
  view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(Math.max(0, Math.min(view.state.doc.content.size, pos))))));
  view.focus();
}

/** Whether the story's document in the session is not the one the editor holds (changed by undo/redo outside it). */
export function storyChangedOutside(session: IssueSession, storyId: string, editorDoc: unknown): boolean {
  const s = session.issue.stories.find((x) => x.id === storyId);
  return !!s && s.doc !== editorDoc;
}
