import { setBlockType, toggleMark } from 'prosemirror-commands';
import type { MarkType } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { storySchema } from '../../core/model/story-schema.js';
import type { EditorView } from 'prosemirror-view';
import { lineEnd, lineIndexAt, lineStart, moveHorizontal, moveVertical, type Caret, type CaretSide } from './caret.js';
import { currentTable, lineTableState, setLineTableMeta } from './line-table-plugin.js';
import { LINE_ATTR, PIECE_CLASS } from './decorations.js';

/**
 * Caret movement and single-character deletion from the composer's line table. Each command
 * returns false (and leaves the key to ProseMirror and the browser) where the table has no
 * answer: overset text, or while an input method is composing.
 */

/** The side the caret is drawn on now: the editor's own record, else where the DOM caret is. */
function caretSide(state: EditorState, view?: EditorView): CaretSide {
  const s = lineTableState(state);
  const head = state.selection.head;
  if (s.caret && s.caret.pos === head) return s.caret.side;
  const focus = view && typeof document !== 'undefined' ? document.getSelection()?.focusNode : null;
  const piece = focus ? (focus.nodeType === 1 ? (focus as Element) : focus.parentElement)?.closest(`.${PIECE_CLASS}`) : null;
  if (piece) {
    const lines = s.table.lines;
    const drawnOn = s.keys.indexOf(Number(piece.getAttribute(LINE_ATTR)));
    if (drawnOn === lineIndexAt(lines, head, -1) && drawnOn !== lineIndexAt(lines, head, 1)) return -1;
  }
  return 1;
}

function moveTo(state: EditorState, dispatch: ((tr: import('prosemirror-state').Transaction) => void) | undefined, to: Caret, extend: boolean, goal?: number): boolean {
  if (dispatch) {
    const sel = extend ? TextSelection.create(state.doc, state.selection.anchor, to.pos) : TextSelection.create(state.doc, to.pos);
    dispatch(setLineTableMeta(state.tr.setSelection(sel).scrollIntoView(), { caret: to, goal }));
  }
  return true;
}

/** ArrowLeft / ArrowRight (with Shift: extend the selection). */
export function moveCharacter(dir: 1 | -1, extend = false): Command {
  return (state, dispatch, view) => {
    const table = currentTable(state);
    if (!table || view?.composing) return false;
    const sel = state.selection;
    if (!extend && !sel.empty) return moveTo(state, dispatch, { pos: dir > 0 ? sel.to : sel.from, side: dir > 0 ? -1 : 1 }, false);
    const to = moveHorizontal(table.lines, { pos: sel.head, side: caretSide(state, view) }, dir);
    return to ? moveTo(state, dispatch, to, extend) : false;
  };
}

/** ArrowDown / ArrowUp across lines, columns and frames in reading order. */
export function moveLine(dir: 1 | -1, extend = false): Command {
  return (state, dispatch, view) => {
    const table = currentTable(state);
    if (!table || view?.composing) return false;
    const s = lineTableState(state);
    const head = state.selection.head;
    const goal = s.caret && s.caret.pos === head ? s.goal : undefined;
    const to = moveVertical(table.lines, { pos: head, side: caretSide(state, view) }, dir, goal);
    return to ? moveTo(state, dispatch, { pos: to.pos, side: to.side }, extend, to.goal) : false;
  };
}

/** Home (dir -1) / End (dir 1) of the caret's line. */
export function moveLineBoundary(dir: 1 | -1, extend = false): Command {
  return (state, dispatch, view) => {
    const table = currentTable(state);
    if (!table || view?.composing) return false;
    const from = { pos: state.selection.head, side: caretSide(state, view) };
    const to = dir > 0 ? lineEnd(table.lines, from) : lineStart(table.lines, from);
    return to ? moveTo(state, dispatch, to, extend) : false;
  };
}

/** UTF-16 length of the code point before (dir -1) or after (dir 1) an offset in a string. */
function codePointLength(text: string, offset: number, dir: 1 | -1): number {
  if (dir < 0) {
    const lo = text.charCodeAt(offset - 1);
    const hi = text.charCodeAt(offset - 2);
    return lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff ? 2 : 1;
  }
  const hi = text.charCodeAt(offset);
  const lo = text.charCodeAt(offset + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
}

/**
 * Backspace (dir -1) / Delete (dir 1) of one character inside a textblock. Chromium
 * swallows them at a placed line's start or end, because each line is its own block to
 * its editing code; joining textblocks is left to the base keymap.
 */
export function deleteCharacter(dir: 1 | -1): Command {
  return (state, dispatch, view) => {
    if (view?.composing) return false;
    const sel = state.selection;
    if (!sel.empty || !(sel instanceof TextSelection)) return false;
    const $head = sel.$head;
    const off = $head.parentOffset;
    const text = $head.parent.textContent;
    if (!$head.parent.isTextblock || (dir < 0 ? off === 0 : off >= text.length)) return false;
    const n = codePointLength(text, off, dir);
    if (dispatch) {
      const from = dir < 0 ? sel.head - n : sel.head;
      dispatch(state.tr.delete(from, from + n).scrollIntoView());
    }
    return true;
  };
}

/**
 * A paragraph style applied to the paragraphs the selection touches (the styles panel): each
 * textblock in it becomes `block` where the story schema allows it there (a kicker only at the
 * story's head, a caption stays in its figure), in one transaction — one undo step. False when
 * no paragraph of the selection can take it (or `block` is no block of the schema).
 */
export function setParagraphStyle(block: string): Command {
  const type = storySchema.nodes[block];
  if (!type?.isTextblock) return () => false;
  const set = setBlockType(type);
  return (state, dispatch, view) => {
    if (view?.composing) return false;
    return set(state, dispatch);
  };
}

/** A character style (a mark of the story schema: bold 粗, emphasis 着重) toggled over the selection; false where the text takes no marks (credits). */
export function toggleCharacterStyle(mark: string): Command {
  const type = storySchema.marks[mark];
  if (!type) return () => false;
  const toggle = toggleMark(type);
  return (state, dispatch, view) => (view?.composing ? false : toggle(state, dispatch));
}

/** Whether the selection is all in a character style (the stored marks at an empty caret). */
export function characterStyleActive(state: EditorState, mark: string): boolean {
  const type: MarkType | undefined = storySchema.marks[mark];
  if (!type) return false;
  const { from, to, empty, $from } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  let all = true;
  let any = false;
  state.doc.nodesBetween(from, to, (node) => {
    if (!node.isText) return true;
    any = true;
    if (!type.isInSet(node.marks)) all = false;
    return false;
  });
  return any && all;
}
