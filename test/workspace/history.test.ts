// The layout history (renderer/workspace/model/history.ts): a text-editing session is one step,
// and typing undone back to where it began leaves none — the next undo reaches the edit before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyIssue, type Issue } from '../../core/model/issue.js';
import { History, sameIssue } from '../../renderer/workspace/model/history.js';

const doc0 = { type: 'doc' as const, content: [{ type: 'paragraph' }] };
const base: Issue = emptyIssue({ paper: 'p', date: '2026-12-07', stories: [{ id: 's', slug: 's', status: 'draft', doc: doc0 }] });
const withDoc = (i: Issue, doc: Issue['stories'][number]['doc']): Issue => ({ ...i, stories: [{ ...i.stories[0], doc }] });
const label = { key: 'op.editText' } as never;

test('typing undone back to the mounted document drops the text step; the move before it is next', () => {
  const h = new History();
  const moved: Issue = { ...base, pages: [] };
  h.push({ label, before: base, after: moved });
  const typed = withDoc(moved, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '夜读' }] }] });
  h.push({ label, before: moved, after: typed, coalesce: 'text:s:1' });
  const back = withDoc(typed, doc0);
  assert.ok(sameIssue(moved, back));
  h.push({ label, before: typed, after: back, coalesce: 'text:s:1' });
  assert.equal(h.undo()?.after, moved, 'the undo reaches the move');
  assert.equal(h.canUndo, false);
});

test('an edit that changes something stays; same-looking but different objects are not the same', () => {
  const h = new History();
  const a = withDoc(base, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] });
  h.push({ label, before: base, after: a, coalesce: 'text:s:2' });
  h.push({ label, before: a, after: withDoc(a, { type: 'doc', content: [{ type: 'paragraph' }] }), coalesce: 'text:s:2' });
  assert.equal(h.canUndo, true, 'a new empty doc object is an edit (only the very object mounted is "unchanged")');
  assert.equal(sameIssue(base, { ...base }), true);
  assert.equal(sameIssue(base, { ...base, paper: 'q' }), false);
  assert.equal(sameIssue(base, { ...base, stories: [{ ...base.stories[0], slug: 'x' }] }), false);
});
