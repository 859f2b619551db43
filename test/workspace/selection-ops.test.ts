import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, GridRect, Issue, StoryFrame } from '../../core/model/issue.js';
import {
  alignFrames, arrangeFrames, clipboardText, copyFrames, deleteFrames, distributeFrames, duplicateFrames, moveFrames, pasteFrames, pasteThreaded, setFramesRect,
  OperationError, type Operation, type PasteResult,
} from '../../renderer/workspace/model/operations.js';
import { findFrame, threadOf } from '../../renderer/workspace/model/threads.js';
import { unplacedStories } from '../../core/layout/index.js';
import { counterIds, FRONT, issueOf, recordingComposer, storyOfParagraphs, templates, threadedIssue } from '../fixtures/build.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';

// The selection's operations: several frames moved, deleted, aligned, distributed, copied and
// pasted — each one step, frames on the grid, stories never lost.

const run = (issue: Issue, op: Operation, newId = counterIds()) => op.run(issue, { templates, newId });
const rectOf = (issue: Issue, id: string) => findFrame(issue, id)!.frame.rect;
const chain = (issue: Issue, storyId: string) => threadOf(issue, storyId).map((a) => a.frame.id);
const refused = (fn: () => unknown, key: string) => assert.throws(fn, (e) => e instanceof OperationError && e.key === key);
const inside = templates.get('broadsheet-8col-inside')!;

/** Page 1 of a fresh inside issue with these frames (story frames each show their own story). */
function pageWith(frames: Frame[]): Issue {
  const stories = frames.filter((f): f is StoryFrame => f.type === 'story').map((f) => storyOfParagraphs(f.storyId, `题${f.storyId}`, `正文${f.storyId}。`));
  return issueOf([{ frames }, { frames: [] }], [...new Map(stories.map((s) => [s.id, s])).values()]);
}
const sf = (id: string, rect: GridRect, extra: Partial<StoryFrame> = {}): StoryFrame => ({ id, type: 'story', storyId: `s-${id}`, rect, ...extra });

// ── delete ──────────────────────────────────────────────────────────────────────────────

test('deleting frames on two pages, two of one thread among them, is one step that closes the thread and keeps every story', () => {
  const before = threadedIssue();
  const after = run(before, deleteFrames(['fa2', 'fb1', 'fc1']));
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa3'], 'the thread closes over fa2');
  assert.equal(findFrame(after, 'fb1'), undefined);
  assert.equal(findFrame(after, 'fc1'), undefined);
  assert.deepEqual(unplacedStories(after), ['b', 'c', 'd']);
  assert.deepEqual(after.stories, before.stories, 'no story text lost');
});

test('deleting nothing changes nothing; an unknown frame is refused', () => {
  const issue = threadedIssue();
  assert.equal(run(issue, deleteFrames([])), issue);
  refused(() => run(issue, deleteFrames(['fa1', 'nope'])), 'error.noFrame');
});

// ── move ────────────────────────────────────────────────────────────────────────────────

test('nudging a selection moves every frame by the same step, frames on other pages too', () => {
  const issue = threadedIssue();
  const after = run(issue, moveFrames(['fb1', 'ph1', 'fc1'], 0, 3));
  assert.deepEqual(rectOf(after, 'fb1'), { column: 0, span: 4, line: 33, lines: 30 });
  assert.deepEqual(rectOf(after, 'ph1'), { column: 5, span: 3, line: 3, lines: 20 });
  assert.deepEqual(rectOf(after, 'fc1'), { column: 2, span: 4, line: 3, lines: 40 });
  assert.equal(findFrame(after, 'fa1')!.frame, findFrame(issue, 'fa1')!.frame, 'the others are the same objects');
});

test('a selection with a frame at the page edge keeps its shape: the step stops where that frame stops', () => {
  // ph1 spans columns 5–7, the last of 8: nothing of the group can go right.
  const issue = threadedIssue();
  assert.equal(run(issue, moveFrames(['fb1', 'ph1'], 2, 0)), issue, 'at the right edge: no move at all');
  const left = run(issue, moveFrames(['fa2', 'ph1'], -5, 0));
  // fa2 is at column 3: only three columns to the left are possible for the pair.
  assert.deepEqual([rectOf(left, 'fa2').column, rectOf(left, 'ph1').column], [0, 2]);
});

test('a held arrow over a selection is one undo step (one coalesce key for the same frames)', () => {
  assert.equal(moveFrames(['a', 'b'], 1, 0).coalesce, moveFrames(['a', 'b'], 0, 1).coalesce);
  assert.notEqual(moveFrames(['a', 'b'], 1, 0).coalesce, moveFrames(['a'], 1, 0).coalesce);
});

test('a moved frame leaves its template slot', () => {
  const issue = pageWith([sf('x', { column: 0, span: 2, line: 0, lines: 10 }, { slot: '头条' })]);
  const after = run(issue, moveFrames(['x'], 1, 0));
  assert.equal(findFrame(after, 'x')!.frame.slot, undefined);
});

// ── z-order ─────────────────────────────────────────────────────────────────────────────

test('bring to front / send to back reorder only the page of the selected frames', () => {
  const issue = threadedIssue();
  const front = run(issue, arrangeFrames(['fa1', 'fb1'], 'front'));
  assert.deepEqual(front.pages[0].frames.map((f) => f.id), ['fa2', 'ph1', 'fa1', 'fb1']);
  assert.equal(front.pages[1], issue.pages[1]);
  const back = run(issue, arrangeFrames(['ph1'], 'back'));
  assert.deepEqual(back.pages[0].frames.map((f) => f.id), ['ph1', 'fa1', 'fa2', 'fb1']);
  assert.deepEqual(chain(back, 'a'), ['fa1', 'fa2', 'fa3'], 'threads are by id, not by order');
});

// ── align ───────────────────────────────────────────────────────────────────────────────

test('align left / right / top / bottom of two frames: to the edge of their common bounds', () => {
  const issue = pageWith([sf('x', { column: 1, span: 2, line: 10, lines: 20 }), sf('y', { column: 4, span: 3, line: 40, lines: 10 })]);
  const l = run(issue, alignFrames(['x', 'y'], 'left'));
  assert.deepEqual([rectOf(l, 'x').column, rectOf(l, 'y').column], [1, 1]);
  assert.deepEqual(rectOf(l, 'y'), { column: 1, span: 3, line: 40, lines: 10 }, 'only the column changes');
  const r = run(issue, alignFrames(['x', 'y'], 'right'));
  assert.deepEqual([rectOf(r, 'x').column + 2, rectOf(r, 'y').column + 3], [7, 7]);
  const top = run(issue, alignFrames(['x', 'y'], 'top'));
  assert.deepEqual([rectOf(top, 'x').line, rectOf(top, 'y').line], [10, 10]);
  const bottom = run(issue, alignFrames(['x', 'y'], 'bottom'));
  assert.deepEqual([rectOf(bottom, 'x').line + 20, rectOf(bottom, 'y').line + 10], [50, 50]);
});

test('align centres on the grid: a centre between two columns goes to the left one', () => {
  // Bounds columns 0–7 (8 wide); x spans 3 → exact start 2.5 → column 2; y spans 2 → column 3.
  const issue = pageWith([sf('x', { column: 0, span: 3, line: 0, lines: 10 }), sf('y', { column: 6, span: 2, line: 20, lines: 11 })]);
  const c = run(issue, alignFrames(['x', 'y'], 'center'));
  assert.deepEqual([rectOf(c, 'x').column, rectOf(c, 'y').column], [2, 3]);
  // Bounds lines 0–31; x (10 lines) → 10.5 → 10; y (11 lines) → 10.
  const m = run(issue, alignFrames(['x', 'y'], 'middle'));
  assert.deepEqual([rectOf(m, 'x').line, rectOf(m, 'y').line], [10, 10]);
});

test('one frame aligns to the page’s type area (the template grid)', () => {
  const issue = pageWith([sf('x', { column: 2, span: 2, line: 30, lines: 23 })]);
  assert.equal(rectOf(run(issue, alignFrames(['x'], 'left')), 'x').column, 0);
  assert.equal(rectOf(run(issue, alignFrames(['x'], 'right')), 'x').column, inside.columns - 2);
  assert.equal(rectOf(run(issue, alignFrames(['x'], 'center')), 'x').column, 3);
  assert.equal(rectOf(run(issue, alignFrames(['x'], 'top')), 'x').line, 0);
  assert.equal(rectOf(run(issue, alignFrames(['x'], 'bottom')), 'x').line, inside.lines - 23);
  assert.equal(rectOf(run(issue, alignFrames(['x'], 'middle')), 'x').line, Math.floor((inside.lines - 23) / 2));
});

test('align refuses an empty selection and frames on different pages; already aligned is no change', () => {
  const issue = threadedIssue();
  refused(() => run(issue, alignFrames([], 'left')), 'sel.error.nothingSelected');
  refused(() => run(issue, alignFrames(['fa1', 'fa3'], 'left')), 'sel.error.framesOnPages');
  assert.equal(run(issue, alignFrames(['fa1', 'fb1'], 'left')), issue, 'both at column 0 already');
});

// ── distribute ──────────────────────────────────────────────────────────────────────────

test('distribute horizontally: the outermost stay, equal gaps between, in their order', () => {
  // Columns 0 (1 wide), 2 (1 wide), 7 (1 wide): span 0–8, 3 columns of frames, gaps (8−3)/2 = 2.5.
  const issue = pageWith([sf('a', { column: 0, span: 1, line: 0, lines: 10 }), sf('c', { column: 7, span: 1, line: 0, lines: 10 }), sf('b', { column: 2, span: 1, line: 50, lines: 10 })]);
  const d = run(issue, distributeFrames(['a', 'b', 'c'], 'horizontal'));
  assert.deepEqual(['a', 'b', 'c'].map((id) => rectOf(d, id).column), [0, 4, 7], 'b at 3.5 → the nearest column, 4');
  assert.equal(rectOf(d, 'b').line, 50, 'lines untouched');
});

test('distribute vertically with an even split gives exactly equal gaps', () => {
  const issue = pageWith([sf('a', { column: 0, span: 2, line: 0, lines: 10 }), sf('b', { column: 2, span: 2, line: 12, lines: 10 }), sf('c', { column: 4, span: 2, line: 60, lines: 10 })]);
  const d = run(issue, distributeFrames(['c', 'a', 'b'], 'vertical'));
  const [a, b, c] = ['a', 'b', 'c'].map((id) => rectOf(d, id));
  assert.deepEqual([a.line, b.line, c.line], [0, 30, 60]);
  assert.equal(b.line - (a.line + a.lines), c.line - (b.line + b.lines), 'equal gaps');
});

test('distribute needs three frames on one page', () => {
  const issue = threadedIssue();
  refused(() => run(issue, distributeFrames(['fa1', 'fb1'], 'horizontal')), 'sel.error.distributeThree');
  refused(() => run(issue, distributeFrames(['fa1', 'fb1', 'fc1'], 'horizontal')), 'sel.error.framesOnPages');
});

// ── copy / paste ────────────────────────────────────────────────────────────────────────

test('a pasted story frame gets a copy of its story under a new id; the original story is untouched', () => {
  const issue = threadedIssue();
  const clip = copyFrames(issue, ['fb1']);
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, pasteFrames(clip, 2, out));
  assert.equal(out.frameIds.length, 1);
  const copy = findFrame(after, out.frameIds[0])!;
  assert.equal(copy.pageIndex, 2);
  assert.deepEqual(copy.frame.rect, rectOf(issue, 'fb1'), 'same place on another page');
  const sid = (copy.frame as StoryFrame).storyId;
  assert.notEqual(sid, 'b');
  assert.deepEqual(after.stories.find((s) => s.id === sid)!.doc, issue.stories.find((s) => s.id === 'b')!.doc, 'headline and body copied');
  assert.equal(after.stories.find((s) => s.id === 'b'), issue.stories.find((s) => s.id === 'b'));
});

test('pasting onto the page copied from, exactly over the originals, moves the paste one column and one line', () => {
  const issue = threadedIssue();
  const clip = copyFrames(issue, ['fb1']);
  const ids = counterIds();
  const out: PasteResult = { frameIds: [] };
  const once = run(issue, pasteFrames(clip, 0, out), ids);
  assert.deepEqual(rectOf(once, out.frameIds[0]), { column: 1, span: 4, line: 31, lines: 30 });
  const out2: PasteResult = { frameIds: [] };
  const twice = run(once, pasteFrames(clip, 0, out2), ids);
  assert.deepEqual(rectOf(twice, out2.frameIds[0]), { column: 2, span: 4, line: 32, lines: 30 }, 'the second paste does not land on the first');
});

test('a paste at the page edge stays in the grid (the offset is clamped, the frame keeps its size)', () => {
  const issue = pageWith([sf('x', { column: 6, span: 2, line: inside.lines - 10, lines: 10 })]);
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, pasteFrames(copyFrames(issue, ['x']), 0, out));
  const r = rectOf(after, out.frameIds[0]);
  assert.deepEqual(r, { column: 6, span: 2, line: inside.lines - 10, lines: 10 }, 'no room to offset: the copy lies on the original, inside the grid');
});

test('frames copied from one thread paste as one new story with that thread; a thread leaving the copy is cut', () => {
  const issue = threadedIssue();
  const clip = copyFrames(issue, ['fa1', 'fa2', 'ph1']);
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, pasteFrames(clip, 2, out));
  const [c1, c2, cp] = out.frameIds.map((id) => findFrame(after, id)!.frame);
  assert.equal(c1.type === 'story' && c2.type === 'story' && c1.storyId === c2.storyId, true);
  assert.deepEqual(chain(after, (c1 as StoryFrame).storyId), [c1.id, c2.id]);
  assert.equal((c2 as StoryFrame).next, undefined, 'fa2 → fa3 (not copied) is cut');
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa2', 'fa3'], 'the original thread is untouched');
  assert.equal(cp.type, 'photo');
  assert.equal(after.stories.length, issue.stories.length + 1);
});

test('a pasted photo frame links the same photo; an asset removed since is linked again', () => {
  const asset = { id: 'a1', path: 'photos/x.jpg', hash: 'h', width: 2000, height: 1500 } as Issue['assets'][number];
  const issue = issueOf([{ frames: [{ id: 'ph', type: 'photo', assetId: 'a1', rect: { column: 0, span: 3, line: 0, lines: 20 }, fit: 'fill', caption: 'below', focus: { x: 0.2, y: 0.3 } }] }], [], [asset]);
  const clip = copyFrames(issue, ['ph']);
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, pasteFrames(clip, 0, out));
  const copy = findFrame(after, out.frameIds[0])!.frame;
  assert.equal(copy.type === 'photo' && copy.assetId, 'a1');
  assert.deepEqual(copy.type === 'photo' && copy.focus, { x: 0.2, y: 0.3 }, 'the crop comes along');
  assert.equal(after.assets, issue.assets, 'no second asset record');
  const withoutAsset = { ...issue, assets: [], pages: [{ ...issue.pages[0], frames: [] }] };
  const again = run(withoutAsset, pasteFrames(clip, 0));
  assert.deepEqual(again.assets.map((a) => a.id), ['a1']);
});

test('pasting onto a page of another template snaps the frames into its grid', () => {
  const issue = issueOf([{ frames: [sf('x', { column: 5, span: 3, line: 100, lines: 23 })] }, { templateId: FRONT, frames: [] }], [storyOfParagraphs('s-x', '题', '文。')]);
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, pasteFrames(copyFrames(issue, ['x']), 1, out));
  const front = templates.get(FRONT)!;
  const r = rectOf(after, out.frameIds[0]);
  assert.ok(r.column + r.span <= front.columns && r.line + r.lines <= front.lines, 'inside the front page grid');
});

test('the clipboard holds the text as copied: editing the story afterwards does not change what is pasted', () => {
  const issue = threadedIssue();
  const clip = copyFrames(issue, ['fb1']);
  const edited = { ...issue, stories: issue.stories.map((s) => (s.id === 'b' ? storyOfParagraphs('b', '改过', '新文。') : s)) };
  const out: PasteResult = { frameIds: [] };
  const after = run(edited, pasteFrames(clip, 2, out));
  const sid = (findFrame(after, out.frameIds[0])!.frame as StoryFrame).storyId;
  assert.deepEqual(after.stories.find((s) => s.id === sid)!.doc, issue.stories.find((s) => s.id === 'b')!.doc);
});

test('an empty clipboard and a missing page are refused', () => {
  const issue = threadedIssue();
  refused(() => run(issue, pasteFrames({ frames: [], stories: [], assets: [] }, 0)), 'sel.error.clipboardEmpty');
  refused(() => run(issue, pasteFrames(copyFrames(issue, ['fb1']), 9)), 'error.noPage');
  refused(() => copyFrames(issue, ['nope']), 'error.noFrame');
});

test('paste as threaded frame: the copy becomes the last frame of the original story’s thread', () => {
  const issue = threadedIssue();
  const clip = copyFrames(issue, ['fa1']);
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, pasteThreaded(clip, 2, out));
  assert.deepEqual(chain(after, 'a'), ['fa1', 'fa2', 'fa3', out.frameIds[0]], 'the text runs on from fa3 into the new frame');
  assert.equal(after.stories, issue.stories, 'no story added');
  // A story with no frame left is placed in the pasted frame.
  const unplaced = run(issue, deleteFrames(['fb1']));
  const out2: PasteResult = { frameIds: [] };
  const placed = run(unplaced, pasteThreaded(copyFrames(issue, ['fb1']), 0, out2));
  assert.deepEqual(chain(placed, 'b'), out2.frameIds);
  refused(() => run(issue, pasteThreaded(copyFrames(issue, ['ph1']), 0)), 'sel.error.pasteThreadedNotStory');
});

test('duplicate copies frames on their own pages, one step off, stories copied', () => {
  const issue = threadedIssue();
  const out: PasteResult = { frameIds: [] };
  const after = run(issue, duplicateFrames(['fb1', 'fc1'], out));
  const [b2, c2] = out.frameIds.map((id) => findFrame(after, id)!);
  assert.deepEqual([b2.pageIndex, c2.pageIndex], [0, 1]);
  assert.deepEqual(b2.frame.rect, { column: 1, span: 4, line: 31, lines: 30 });
  assert.deepEqual(c2.frame.rect, { column: 3, span: 4, line: 1, lines: 40 });
  assert.equal(after.stories.length, issue.stories.length + 2);
  refused(() => run(issue, duplicateFrames([])), 'sel.error.nothingSelected');
});

test('the system clipboard gets the copied stories as plain text, a line a block', () => {
  const issue = threadedIssue();
  assert.equal(clipboardText(copyFrames(issue, ['fa1', 'fa2', 'fb1', 'ph1'])), '头条\n正文一。\n正文二。\n\n二条\n正文。', 'story a once, though two of its frames were copied');
  assert.equal(clipboardText(copyFrames(issue, ['ph1'])), '');
});

test('the inspector’s shared fields set every selected frame, each snapped into its own page’s grid', () => {
  const issue = issueOf([{ frames: [sf('x', { column: 6, span: 2, line: 0, lines: 10 })] }, { templateId: FRONT, frames: [sf('y', { column: 0, span: 1, line: 5, lines: 20 })] }], [storyOfParagraphs('s-x', '题', '文。'), storyOfParagraphs('s-y', '题', '文。')]);
  const after = run(issue, setFramesRect(['x', 'y'], { span: 3 }));
  assert.deepEqual(rectOf(after, 'x'), { column: 5, span: 3, line: 0, lines: 10 }, 'at the right edge the frame moves left to keep the span');
  assert.deepEqual(rectOf(after, 'y'), { column: 0, span: 3, line: 5, lines: 20 });
  const lines = run(issue, setFramesRect(['x', 'y'], { lines: 1000 }));
  assert.deepEqual([rectOf(lines, 'x').lines, rectOf(lines, 'y').lines], [inside.lines, templates.get(FRONT)!.lines], 'no taller than the page');
  assert.equal(run(issue, setFramesRect(['x'], { span: 2 })), issue, 'no change, the same issue');
});

test('in the session each selection operation is one undo step: a held arrow over three frames, a paste, an align', () => {
  const rec = recordingComposer();
  const s = new IssueSession({ issue: threadedIssue(), path: '/tmp/x.broadsheet', templates, compose: rec.compose, newId: counterIds() });
  const original = s.issue;
  for (let i = 0; i < 4; i++) s.apply(moveFrames(['fb1', 'ph1', 'fc1'], 0, 1));
  s.seal(); // the key goes up
  assert.equal(rectOf(s.issue, 'fc1').line, 4);
  const out: PasteResult = { frameIds: [] };
  assert.equal(s.apply(pasteFrames(copyFrames(s.issue, ['fb1']), 2, out)).ok, true);
  assert.equal(s.apply(alignFrames(['fa1', 'fb1'], 'right')).ok, true);
  assert.deepEqual(s.undoLabel, { key: 'sel.op.align.right' });
  s.undo();
  assert.equal(findFrame(s.issue, out.frameIds[0])?.pageIndex, 2, 'the paste is still there');
  s.undo();
  assert.equal(findFrame(s.issue, out.frameIds[0]), undefined, 'one undo removes the pasted frame');
  assert.equal(s.issue.stories.length, original.stories.length, '…and its story copy');
  s.undo();
  assert.equal(s.issue, original, 'one undo for the four presses of the held key');
  const refusedResult = s.apply(alignFrames(['fa1', 'fc1'], 'left'));
  assert.equal(refusedResult.ok, false, 'frames on two pages: refused, nothing recorded');
  assert.equal(s.canUndo, false);
});
