// Where the story editor's undo steps begin (renderer/editor/undo-groups.ts), on real
// ProseMirror transactions under Node: by the kind of edit and the caret, never by time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { history, undo, undoDepth } from 'prosemirror-history';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { storySchema } from '../../core/model/story-schema.js';
import { editKind, NO_TIME_GROUPING, UndoGroups } from '../../renderer/editor/undo-groups.js';

const doc = storySchema.node('doc', null, [storySchema.node('paragraph', null, [storySchema.text('区图书馆夜读')])]);

/** An editor state with the groups deciding, and a way to apply edits as the view does. */
function editor() {
  let state = EditorState.create({ doc, plugins: [history({ newGroupDelay: NO_TIME_GROUPING })], selection: TextSelection.create(doc, 3) });
  const groups = new UndoGroups();
  const apply = (make: (s: EditorState) => Transaction, composing = false) => {
    const tr = make(state);
    groups.mark(tr, state, composing);
    state = state.apply(tr);
    groups.applied(state);
  };
  return { apply, groups, get state() { return state; } };
}

test('edit kinds: typing, deleting, replacing a selection, pasting', () => {
  const s = EditorState.create({ doc });
  assert.equal(editKind(s.tr.insertText('甲', 2), false), 'type');
  assert.equal(editKind(s.tr.delete(2, 3), false), 'delete');
  assert.equal(editKind(s.tr.insertText('甲', 2, 4), false), 'other');
  assert.equal(editKind(s.tr.insertText('甲', 2).setMeta('uiEvent', 'paste'), false), 'other');
  assert.equal(editKind(s.tr.insertText('甲', 2), true), 'compose');
});

test('a run of typing is one step however slow; deleting after it is another; a moved caret starts another', () => {
  const e = editor();
  e.apply((s) => s.tr.insertText('甲'));
  e.apply((s) => s.tr.insertText('乙'));
  assert.equal(undoDepth(e.state), 1);
  e.apply((s) => s.tr.delete(s.selection.from - 1, s.selection.from));
  assert.equal(undoDepth(e.state), 2, 'deleting is its own step');
  e.apply((s) => s.tr.setSelection(TextSelection.create(s.doc, 1)));
  e.apply((s) => s.tr.insertText('丙'));
  assert.equal(undoDepth(e.state), 3, 'typing elsewhere is its own step');
  e.apply((s) => s.tr.insertText('丁').setMeta('uiEvent', 'paste'));
  e.apply((s) => s.tr.insertText('戊'));
  assert.equal(undoDepth(e.state), 5, 'a paste is one step, and typing after it another');
});

test('a composition is one step from its start, commit included; the typing before and after are others', () => {
  const e = editor();
  e.apply((s) => s.tr.insertText('A'));
  e.groups.compositionStart();
  e.apply((s) => s.tr.insertText('北', undefined), true);
  e.apply((s) => s.tr.insertText('京'), true);
  e.apply((s) => s.tr.insertText('，'));
  assert.equal(undoDepth(e.state), 3);
  let st = e.state;
  undo(st, (tr) => (st = st.apply(tr)));
  assert.equal(st.doc.textContent, '区图A北京书馆夜读');
  undo(st, (tr) => (st = st.apply(tr)));
  assert.equal(st.doc.textContent, '区图A书馆夜读');
});
