import { closeHistory } from 'prosemirror-history';
import type { EditorState, Selection, Transaction } from 'prosemirror-state';
import { ReplaceStep } from 'prosemirror-transform';

/**
 * What one undo step of the story editor is: one action, as the editor meant it — a run of
 * typing, a run of deleting, one input-method composition, one paste — never what happened to
 * fall within half a second (prosemirror-history's default groups by time). A new step starts
 * when the kind of edit changes, when the caret was moved or the selection changed between two
 * edits, at every composition's start and end, and for every paste, cut, drop or replace.
 * The history itself is prosemirror-history with grouping by time switched off.
 */

/** prosemirror-history's `newGroupDelay` when the groups are decided here: never by time. */
export const NO_TIME_GROUPING = 2 ** 31 - 1;

export type EditKind = 'type' | 'delete' | 'compose' | 'other';

/** The kind of a document-changing transaction. `composing`: an input method is composing. */
export function editKind(tr: Transaction, composing: boolean): EditKind {
  if (composing) return 'compose';
  const ui = tr.getMeta('uiEvent') as string | undefined;
  if (ui === 'paste' || ui === 'cut' || ui === 'drop') return 'other';
  let inserted = 0;
  let deleted = 0;
  for (const step of tr.steps) {
    if (!(step instanceof ReplaceStep)) return 'other';
    const s = step as unknown as { from: number; to: number; slice: { size: number } };
    inserted += s.slice.size;
    deleted += s.to - s.from;
  }
  if (inserted > 0 && deleted === 0) return 'type';
  if (deleted > 0 && inserted === 0) return 'delete';
  // Typing over a selection, find/replace, an autocorrection: an action of its own.
  return 'other';
}

/** Decides, edit by edit, where a new undo step starts; `mark` closes the history group on the transaction when one does. */
export class UndoGroups {
  private last: EditKind | null = null;
  /** The selection the last edit left; a different one at the next edit means the caret moved. */
  private after: Selection | null = null;
  /** A composition started since the last edit (or nothing was edited yet). */
  private boundary = true;

  /** Called before a transaction is applied to `state`. */
  mark(tr: Transaction, state: EditorState, composing: boolean): void {
    if (!tr.docChanged || tr.getMeta('addToHistory') === false) return;
    const kind = editKind(tr, composing);
    const moved = !this.after || !state.selection.eq(this.after);
    const fresh = this.boundary || kind === 'other' || kind !== this.last || (moved && kind !== 'compose');
    if (fresh) closeHistory(tr);
    this.last = kind;
    this.boundary = kind === 'other';
    this.after = null;
    this.pending = true;
  }

  /** Called with the state after the transaction. */
  applied(state: EditorState): void {
    if (!this.pending) return;
    this.pending = false;
    this.after = state.selection;
  }

  /**
   * A composition starts: its edits are a new step. (Its end needs no mark: the commit still
   * comes in as part of it — ProseMirror's \`view.composing\` — and what follows is another kind.)
   */
  compositionStart(): void {
    this.boundary = true;
  }

  private pending = false;
}
