import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../../core/model/issue.js';
import {
  addPage, addStoryFrame, deleteFrame, setStoryDocs, moveFrameToPage, deletePage, duplicatePage, linkFrames, movePage, setFrameRect, setIssueProps, setPageTemplate, setStoryFrameProps, unlinkAfter,
  OperationError, type Operation,
} from '../../renderer/workspace/model/operations.js';
import { findFrame, threadOf } from '../../renderer/workspace/model/threads.js';
import { unplacedStories } from '../../core/layout/index.js';
import { counterIds, FRONT, threadedIssue, storyOfParagraphs, templates } from '../fixtures/build.js';

// Layout operations: stories are never lost, threads stay one chain, frames stay on the grid.

const run = (issue: Issue, op: Operation) => op.run(issue, { templates, newId: counterIds() });
const chain = (issue: Issue, storyId: string) => threadOf(issue, storyId).map((a) => a.frame.id);
const storyIds = (issue: Issue) => issue.stories.map((s) => s.id).sort();

/** Every story of `before` is still in `after` with the same document (none lost). */
function noStoryLost(before: Issue, after: Issue) {
  for (const s of before.stories) assert.deepEqual(after.stories.find((x) => x.id === s.id)?.doc, s.doc, `story ${s.id} kept`);
}

test('deleting a story frame in mid-thread closes the thread over it; the story keeps its other frames', () => {
  const before = threadedIssue();
  const after = run(before, deleteFrame('fa2'));
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa3']);
  assert.equal(findFrame(after, 'fa1')!.frame.type === 'story' && (findFrame(after, 'fa1')!.frame as { next?: string }).next, 'fa3');
  noStoryLost(before, after);
});

test("deleting a story's only frame returns the story to the unplaced list, text intact", () => {
  const before = threadedIssue();
  const after = run(before, deleteFrame('fb1'));
  assert.deepEqual(unplacedStories(after), ['b', 'd']);
  noStoryLost(before, after);
});

test('deleting a page keeps every story; threads through it close over the gap', () => {
  const before = threadedIssue();
  const after = run(before, deletePage(1));
  assert.deepEqual(after.pages.map((p) => [p.id, p.number]), [['p1', 1], ['p3', 2]]);
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa2']);
  assert.equal((findFrame(after, 'fa2')!.frame as { next?: string }).next, undefined);
  assert.deepEqual(unplacedStories(after), ['c', 'd']);
  noStoryLost(before, after);
});

test('the last page cannot be deleted', () => {
  let issue = threadedIssue();
  issue = run(issue, deletePage(2));
  issue = run(issue, deletePage(1));
  assert.throws(() => run(issue, deletePage(0)), (e) => e instanceof OperationError && e.key === 'error.lastPage');
});

test('pages are renumbered in order after add, move and delete; plant labels follow', () => {
  let issue = threadedIssue();
  issue = { ...issue, pages: issue.pages.map((p) => ({ ...p, label: `A0${p.number}` })) };
  issue = run(issue, addPage(0, FRONT, 'new'));
  assert.deepEqual(issue.pages.map((p) => [p.id, p.number, p.label]), [['new', 1, undefined], ['p1', 2, 'A02'], ['p2', 3, 'A03'], ['p3', 4, 'A04']]);
  issue = run(issue, movePage(0, 3));
  assert.deepEqual(issue.pages.map((p) => p.id), ['p1', 'p2', 'p3', 'new']);
  assert.deepEqual(issue.pages.map((p) => p.number), [1, 2, 3, 4]);
});

test('duplicating a page copies its stories (one thread per story), keeps threads inside the page, cuts threads leaving it', () => {
  const before = threadedIssue();
  const after = run(before, duplicatePage(0));
  assert.equal(after.pages.length, 4);
  const copy = after.pages[1];
  assert.equal(copy.frames.length, 4);
  const storiesOnCopy = new Set(copy.frames.flatMap((f) => (f.type === 'story' ? [f.storyId] : [])));
  assert.equal(storiesOnCopy.size, 2);
  for (const id of storiesOnCopy) assert.ok(!before.stories.some((s) => s.id === id), 'new story ids');
  const aCopy = (copy.frames[0] as { storyId: string }).storyId;
  assert.equal(chain(after, aCopy).length, 2, 'fa1 → fa2 kept on the copy, the link to page 2 cut');
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa2', 'fa3'], 'the original thread is unchanged');
  noStoryLost(before, after);
});

test('moving a frame snaps into the grid and leaves its slot; nothing else changes identity', () => {
  const before = threadedIssue();
  const after = run(before, setFrameRect('fb1', { column: 6, span: 4, line: 30, lines: 30 }));
  assert.deepEqual(findFrame(after, 'fb1')!.frame.rect, { column: 4, span: 4, line: 30, lines: 30 });
  assert.equal(after.pages[1], before.pages[1], 'other pages are shared');
  assert.equal(after.stories, before.stories, 'stories are shared');
});

test('linking a frame to a frame of another story moves that frame into this thread; its old story is unplaced, not lost', () => {
  const before = threadedIssue();
  const after = run(before, linkFrames('fa3', 'fc1'));
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa2', 'fa3', 'fc1']);
  assert.ok(unplacedStories(after).includes('c'));
  noStoryLost(before, after);
});

test('linking into the middle of a thread inserts the frame there; links back up the thread are refused', () => {
  const before = threadedIssue();
  const after = run(before, linkFrames('fa1', 'fb1'));
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fb1', 'fa2', 'fa3']);
  assert.throws(() => run(before, linkFrames('fa3', 'fa1')), (e) => e instanceof OperationError && e.key === 'error.linkCycle');
  assert.throws(() => run(before, linkFrames('fa1', 'fa1')), (e) => e instanceof OperationError && e.key === 'error.linkSelf');
  assert.throws(() => run(before, linkFrames('fa1', 'ph1')), (e) => e instanceof OperationError && e.key === 'error.linkNotStory');
});

test('unlinking after a frame gives the frames that followed a new empty story; the text stays with the first', () => {
  const before = threadedIssue();
  const after = run(before, unlinkAfter('fa1', 'new'));
  assert.deepEqual(chain(after, 'a'), ['fa1']);
  assert.deepEqual(chain(after, 'new'), ['fa2', 'fa3']);
  noStoryLost(before, after);
});

test('placing an unplaced story adds a frame; a placed story cannot be placed twice', () => {
  const before = threadedIssue();
  const after = run(before, addStoryFrame(2, { column: 0, span: 3, line: 0, lines: 30 }, { id: 'fd', storyId: 'd' }));
  assert.deepEqual(chain(after, 'd'), ['fd']);
  assert.deepEqual(storyIds(after), storyIds(before));
  assert.throws(() => run(after, addStoryFrame(2, { column: 4, span: 3, line: 0, lines: 30 }, { id: 'fd2', storyId: 'd' })), (e) => e instanceof OperationError && e.key === 'error.storyPlaced');
});

test('drawing a story frame starts a new empty story', () => {
  const after = run(threadedIssue(), addStoryFrame(2, { column: 0, span: 2, line: 0, lines: 10 }, { id: 'fx', newStoryId: 'sx' }));
  assert.deepEqual(after.stories.find((s) => s.id === 'sx')?.doc, { type: 'doc', content: [{ type: 'paragraph' }] });
});

test('another template: slotted frames go to the slot of the same name, others are kept inside the new grid', () => {
  let issue = threadedIssue();
  issue = run(issue, setFrameRect('fb1', { column: 0, span: 8, line: 60, lines: 60 }));
  issue = { ...issue, pages: issue.pages.map((p, i) => (i === 0 ? { ...p, frames: p.frames.map((f) => (f.id === 'fa1' ? { ...f, slot: '头条' } : f)) } : p)) };
  const after = run(issue, setPageTemplate(0, FRONT));
  const front = templates.get(FRONT)!;
  const slot = front.spec.slots.find((s) => s.name === '头条')!;
  assert.deepEqual(findFrame(after, 'fa1')!.frame.rect, slot.rect);
  for (const f of after.pages[0].frames) assert.ok(f.rect.line + f.rect.lines <= front.lines && f.rect.column + f.rect.span <= front.columns, `${f.id} inside the grid`);
});

test('frame columns are checked', () => {
  assert.throws(() => run(threadedIssue(), setStoryFrameProps('fa1', { columns: 0 })), OperationError);
  const after = run(threadedIssue(), setStoryFrameProps('fa1', { columns: 2, gutter: 1.5 }));
  assert.equal((findFrame(after, 'fa1')!.frame as { columns?: number }).columns, 2);
  const cleared = run(after, setStoryFrameProps('fa1', { columns: undefined }));
  assert.equal('columns' in findFrame(cleared, 'fa1')!.frame, false);
});

test('replace all across the issue changes several stories in one operation; unknown stories are refused', () => {
  const before = threadedIssue();
  const docs = new Map([['a', storyOfParagraphs('a', '新').doc], ['c', storyOfParagraphs('c', '新').doc]]);
  const after = run(before, setStoryDocs(docs));
  assert.deepEqual(after.stories.find((s) => s.id === 'a')!.doc, docs.get('a'));
  assert.equal(after.stories.find((s) => s.id === 'b'), before.stories.find((s) => s.id === 'b'), 'untouched stories are shared');
  assert.throws(() => run(before, setStoryDocs(new Map([['zz', storyOfParagraphs('zz', 'x').doc]]))), OperationError);
});

test('a frame moved to another page keeps its thread (links are by frame id) and lands on that page’s grid', () => {
  const before = threadedIssue();
  const after = run(before, moveFrameToPage('fa2', 2, { column: 7, span: 2, line: 0, lines: 20 }));
  assert.equal(findFrame(after, 'fa2')!.pageIndex, 2);
  assert.deepEqual(findFrame(after, 'fa2')!.frame.rect, { column: 6, span: 2, line: 0, lines: 20 });
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa2', 'fa3']);
  noStoryLost(before, after);
});

test('issue settings: fields and the printing condition set, cleared and refused', () => {
  const before = threadedIssue();
  const a = run(before, setIssueProps({ paper: '云杉日报', issueNumber: '第48期', date: '2026-12-08', serial: 'CN12-0001' }));
  assert.deepEqual([a.paper, a.issueNumber, a.date, a.serial], ['云杉日报', '第48期', '2026-12-08', 'CN12-0001']);
  assert.equal(a.print, undefined, 'no printing condition until one is set');
  const b = run(a, setIssueProps({ print: { inkLimit: 230 } }));
  assert.deepEqual(b.print, { condition: 'IFRA26', inkLimit: 230 }, 'an ink limit alone is IFRA26 with that limit');
  const c = run(b, setIssueProps({ print: { condition: 'Plant-3', profile: ' print/plant.icc ' } }));
  assert.deepEqual(c.print, { condition: 'Plant-3', profile: 'print/plant.icc', inkLimit: 230 });
  const d = run(c, setIssueProps({ print: { condition: '', profile: '', inkLimit: undefined } }));
  assert.equal(d.print, undefined, 'all cleared: back to the default');
  for (const [patch, key] of [
    [{ date: '2026-02-30' }, 'error.badDate'],
    [{ date: '7 Dec' }, 'error.badDate'],
    [{ paper: '  ' }, 'error.paperEmpty'],
    [{ print: { inkLimit: 500 } }, 'error.badInkLimit'],
  ] as const) {
    assert.throws(() => run(a, setIssueProps(patch)), (e: unknown) => e instanceof OperationError && e.key === key, JSON.stringify(patch));
  }
  assert.equal(before.paper, threadedIssue().paper, 'the issue given is not changed');
});
