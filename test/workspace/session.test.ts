import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../core/model/issue.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { addStoryFrame, deleteFrame, deletePage, linkFrames, movePage, setFrameRect, setPageProps, setStoryDoc, duplicatePage } from '../../renderer/workspace/model/operations.js';
import { pagesToRecompose } from '../../renderer/workspace/model/recompose.js';
import { counterIds, recordingComposer, threadedIssue, storyOfParagraphs, templates } from '../fixtures/build.js';

// The editing session: undo/redo of every operation, dirty flag, save, and
// recomposition limited to the pages that changed with the same result as composing everything.

function session(issue: Issue = threadedIssue()) {
  const rec = recordingComposer();
  const s = new IssueSession({ issue, path: '/tmp/x.broadsheet', templates, compose: rec.compose, newId: counterIds() });
  return { s, rec };
}

test('undo and redo walk back and forth through operations; dirty follows the saved state', async () => {
  const { s } = session();
  const original = s.issue;
  assert.equal(s.dirty, false);
  s.apply(setFrameRect('fb1', { column: 4, span: 4, line: 30, lines: 30 }));
  s.apply(deleteFrame('fc1'));
  assert.equal(s.dirty, true);
  assert.deepEqual(s.undoLabel, { key: 'op.deleteFrame' });
  assert.ok(s.undo());
  assert.ok(s.undo());
  assert.equal(s.issue, original);
  assert.equal(s.dirty, false, 'undone back to the opened issue: clean');
  assert.ok(s.redo());
  assert.equal(s.dirty, true);
  let saved: Issue | undefined;
  await s.save({ saveIssue: async ({ path, issue }) => ((saved = issue), { path }) });
  assert.equal(saved, s.issue);
  assert.equal(s.dirty, false);
  s.undo();
  assert.equal(s.dirty, true, 'undoing past the save makes it dirty again');
});

test('a refused operation changes nothing and says why', () => {
  const { s } = session();
  const v = s.version;
  const r = s.apply(linkFrames('fa3', 'fa1'));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.key, 'error.linkCycle');
  assert.equal(s.version, v);
  assert.equal(s.canUndo, false);
});

test('typing in one editing session is one undo step; a sealed session starts a new one', () => {
  const { s } = session();
  const docs = ['甲', '甲乙', '甲乙丙'].map((t) => storyOfParagraphs('a', '头条', t).doc);
  for (const d of docs) s.apply(setStoryDoc('a', d, 'text:a:1'));
  s.seal();
  s.apply(setStoryDoc('a', storyOfParagraphs('a', '头条', '丁').doc, 'text:a:1'));
  s.undo();
  assert.deepEqual(s.issue.stories[0].doc, docs[2]);
  s.undo();
  assert.deepEqual(s.issue.stories[0].doc, threadedIssue().stories[0].doc);
});

test('deleting a frame then undoing brings the frame and its thread back exactly', () => {
  const { s } = session();
  const before = structuredClone(s.issue);
  s.apply(deleteFrame('fa2'));
  s.apply(deletePage(1));
  s.undo();
  s.undo();
  assert.deepEqual(s.issue, before);
});

test('an edit repaints only the pages of the stories it touches, closed over threads', () => {
  const { s, rec } = session();
  const pagesBefore = s.composed.pages;
  s.apply(setStoryDoc('b', storyOfParagraphs('b', '二条', '改').doc));
  assert.deepEqual(s.lastRecompose.pages, [0, 1], 'b is on page 1, whose story a continues on page 2');
  assert.equal(s.composed.pages[2], pagesBefore[2], 'page 3 keeps its display list object');
  s.apply(setStoryDoc('c', storyOfParagraphs('c', '三条', '改').doc));
  assert.deepEqual(s.lastRecompose.pages, [0, 1], 'c is on page 2, which a threads through from page 1');
  s.apply(setPageProps(2, { section: '体育' }));
  assert.deepEqual(s.lastRecompose.pages, [2]);
  assert.equal(s.composed.pages[0], s.composed.pages[0]);
  rec.calls.length = 0;
  s.apply(setStoryDoc('d', storyOfParagraphs('d', '未上版', '改').doc));
  assert.deepEqual(rec.calls, [], 'an unplaced story composes nothing');
  assert.deepEqual(s.lastRecompose.pages, []);
});

test('pagesToRecompose: an issue-wide field (the date) recomposes every page', () => {
  const a = threadedIssue();
  assert.deepEqual(pagesToRecompose(a, { ...a, date: '2026-11-24' }), [0, 1, 2]);
  assert.deepEqual(pagesToRecompose(a, a), []);
});

test('after any sequence of operations the incremental composition equals composing everything', () => {
  const { s, rec } = session();
  const ops = [
    setStoryDoc('c', storyOfParagraphs('c', '三条', 'x'.repeat(5000)).doc),
    setFrameRect('fc1', { column: 2, span: 2, line: 0, lines: 10 }),
    addStoryFrame(2, { column: 0, span: 3, line: 0, lines: 30 }, { id: 'fd', storyId: 'd' }),
    linkFrames('fd', 'fb1'),
    movePage(2, 0),
    duplicatePage(1),
    deleteFrame('fa2'),
    setPageProps(3, { section: '要闻' }),
    deletePage(0),
  ];
  for (const op of ops) {
    assert.equal(s.apply(op).ok, true);
    assert.deepEqual(s.composed, rec.compose(s.issue), `after ${op.label.key}`);
  }
  while (s.undo()) assert.deepEqual(s.composed, rec.compose(s.issue), 'after undo');
});

test('a read-only issue is not saved over; Save As to another file is, and the session is then writable', async () => {
  const rec = recordingComposer();
  const s = new IssueSession({ issue: threadedIssue(), path: '/tmp/locked.broadsheet', readOnly: true, templates, compose: rec.compose, newId: counterIds() });
  s.apply(setPageProps(0, { section: '要闻' }));
  const saved: string[] = [];
  const api = { saveIssue: async ({ path }: { path: string }) => (saved.push(path), { path }) };
  await assert.rejects(s.save(api), /read-only/);
  assert.deepEqual(saved, []);
  await s.save(api, '/tmp/copy.broadsheet');
  assert.equal(s.readOnly, false);
  assert.equal(s.dirty, false);
  s.apply(setPageProps(0, { section: '体育' }));
  await s.save(api);
  assert.deepEqual(saved, ['/tmp/copy.broadsheet', '/tmp/copy.broadsheet']);
});

test('typing undone back to the saved text leaves the issue clean (the saved objects themselves)', () => {
  const { s } = session();
  const original = s.issue;
  const doc0 = original.stories[0].doc;
  s.apply(setStoryDoc('a', storyOfParagraphs('a', '头条', '改动').doc, 'text:a:9'));
  assert.equal(s.dirty, true);
  s.apply(setStoryDoc('a', doc0, 'text:a:9'));
  assert.equal(s.issue, original);
  assert.equal(s.dirty, false);
});
