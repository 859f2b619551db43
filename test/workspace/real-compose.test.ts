import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { addStoryFrame, deleteFrame, duplicatePage, linkFrames, movePage, setFrameRect, setStoryDoc, setStoryFrameProps } from '../../renderer/workspace/model/operations.js';
import { bundledSampleIssue, counterIds, ctx } from '../fixtures/build.js';

// The workspace with the real composer (core/compose) on the sample issue: after every
// operation and every undo, what the session shows is what a fresh composition of the issue
// gives (the screen is the print: design.md "The one idea"), though only changed pages get new
// display lists and only changed stories are recomposed.

const sample = issueSchema.parse(bundledSampleIssue()) as Issue;

test('sample issue: incremental session composition equals a fresh composition after each operation and undo', () => {
  const cache = new ComposeCache();
  const s = new IssueSession({ issue: sample, path: '/tmp/sample.broadsheet', templates: ctx.templates, compose: (i) => composeIssue(i, ctx, { cache }), newId: counterIds() });
  const fresh = () => composeIssue(s.issue, ctx);
  assert.deepEqual(s.composed, fresh());
  const lead = sample.stories.find((x) => x.id === 's-lead')!;
  const longer = structuredClone(lead.doc) as unknown as { content: { type: string; content?: { type: string; text: string }[] }[] };
  longer.content.push({ type: 'paragraph', content: [{ type: 'text', text: '补充段落：'.repeat(200) }] });
  const ops = [
    setStoryDoc('s-lead', longer as unknown as Issue['stories'][number]['doc'], 'typing'),
    setFrameRect('canteen', { column: 3, span: 3, line: 55, lines: 31 }),
    setStoryFrameProps('heating', { columns: 2 }),
    linkFrames('lead', 'bench'),
    deleteFrame('library'),
    addStoryFrame(1, { column: 0, span: 2, line: 5, lines: 38 }, { id: 'placed', storyId: 's-library' }),
    duplicatePage(0),
    movePage(2, 0),
  ];
  for (const op of ops) {
    const r = s.apply(op);
    assert.equal(r.ok, true, `${op.label.key} applies`);
    assert.deepEqual(s.composed, fresh(), `after ${op.label.key}`);
  }
  while (s.undo()) assert.deepEqual(s.composed, fresh(), 'after undo');
  assert.deepEqual(s.issue, sample);
});

test('typing in one story gives new display lists only to the pages its thread runs through', () => {
  const cache = new ComposeCache();
  const s = new IssueSession({ issue: sample, path: '/tmp/sample.broadsheet', templates: ctx.templates, compose: (i) => composeIssue(i, ctx, { cache }), newId: counterIds() });
  const before = s.composed.pages;
  const bench = sample.stories.find((x) => x.id === 's-bench')!;
  const doc = structuredClone(bench.doc) as unknown as { content: { type: string; content?: { type: string; text: string }[] }[] };
  doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: '新增一句。' }] });
  s.apply(setStoryDoc('s-bench', doc as unknown as Issue['stories'][number]['doc']));
  assert.deepEqual(s.lastRecompose.pages, [1]);
  assert.equal(s.composed.pages[0], before[0], 'page 1 keeps its display list');
  assert.notEqual(s.composed.pages[1], before[1]);
  assert.deepEqual(cache.recomposed, ['s-bench']);
});

test('an unplaced story is measured in lines of one column by the real composer, once per document', () => {
  let measures = 0;
  const s = new IssueSession({
    issue: sample,
    path: '/tmp/sample.broadsheet',
    templates: ctx.templates,
    compose: (i) => composeIssue(i, ctx),
    measure: (i) => (measures++, composeIssue(i, ctx)),
    newId: counterIds(),
  });
  const placedLines = s.composed.stories['s-library'].lines.length;
  s.apply(deleteFrame('library'));
  const lines = s.measureLines('s-library')!;
  // Its columns were one grid column each: the body sets the same lines; the headline, over one column instead of two, takes more.
  assert.ok(lines >= placedLines, `${lines} lines in one column, ${placedLines} placed before`);
  assert.equal(s.measureLines('s-library'), lines);
  assert.equal(measures, 1, 'cached');
});
