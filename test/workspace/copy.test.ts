import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import { importText, toModelStory } from '../../core/import/index.js';
import { unplacedStories } from '../../core/layout/index.js';
import type { Issue } from '../../core/model/issue.js';
import { addStories, layOutUnplaced, layoutTarget, type AutoLayoutOutcome } from '../../renderer/workspace/model/copy.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { counterIds, ctx, page, storyOfParagraphs, threadedIssue } from '../fixtures/build.js';
import { readCorpus } from '../fixtures/corpus.js';

// Copy into the open issue: imported stories are added unplaced in one undoable step,
// and "Lay out unplaced stories" lays them out with the real composer as one undoable step —
// on the issue's trailing empty page first (a new issue's blank front page), no overset.

function sessionOf(issue: Issue) {
  const cache = new ComposeCache();
  return new IssueSession({ issue, path: '/tmp/x.broadsheet', templates: ctx.templates, compose: (i) => composeIssue(i, ctx, { cache }), newId: counterIds() });
}

function blankIssue(templateId = 'broadsheet-8col'): Issue {
  return { ...threadedIssue(), pages: [{ ...page('p1', 1, [], templateId), section: '要闻', editor: '李编' }], stories: [] };
}

test('imported stories are added unplaced in one undo step; ids the issue has get a suffix', () => {
  const s = sessionOf(threadedIssue());
  const before = s.issue;
  const r = s.apply(addStories([storyOfParagraphs('d', '重名', '正文。'), storyOfParagraphs('new', '新稿', '正文。')]));
  assert.ok(r.ok);
  const ids = s.issue.stories.map((x) => x.id);
  assert.deepEqual(ids.slice(-2), ['d-2', 'new']);
  assert.deepEqual(unplacedStories(s.issue), ['d', 'd-2', 'new']);
  assert.equal(s.issue.pages, before.pages, 'pages untouched');
  assert.deepEqual(s.undoLabel, { key: 'op.importCopy', values: { count: 2 } });
  s.undo();
  assert.equal(s.issue, before);
  const none = s.apply(addStories([]));
  assert.equal(!none.ok && none.error.key, 'error.noCopy');
});

test('lay out unplaced: the corpus onto a blank front page — every story placed, no overset, one Ctrl+Z undoes it, redo redoes it', () => {
  const imported = importText('corpus.txt', readCorpus());
  const s = sessionOf(blankIssue());
  s.apply(addStories(imported.stories.map(toModelStory)));
  const withCopy = s.issue;
  let outcome: AutoLayoutOutcome | undefined;
  const t0 = performance.now();
  const r = s.apply(layOutUnplaced(ctx, (o) => (outcome = o)));
  const ms = performance.now() - t0;
  assert.ok(r.ok);
  assert.ok(outcome);
  assert.equal(s.issue.pages.length, 1, 'the blank page is used, no page added');
  const p = s.issue.pages[0];
  assert.equal(p.id, 'p1');
  assert.equal(p.section, '要闻', 'what the editor set on the page is kept');
  assert.deepEqual([...outcome.placed].sort(), imported.stories.map((x) => x.id).sort());
  assert.deepEqual(outcome.unplaced, []);
  assert.deepEqual(unplacedStories(s.issue), []);
  for (const id of outcome.placed) assert.equal(s.composed.stories[id].fit.state, 'fits', `${id} fits on screen`);
  assert.ok(!s.composed.diagnostics.some((d) => d.kind === 'overset'));
  assert.deepEqual(s.undoLabel, { key: 'op.layoutUnplaced' });
  const laidOut = s.issue;
  s.undo();
  assert.equal(s.issue, withCopy, 'one undo takes the whole layout back');
  s.redo();
  assert.equal(s.issue, laidOut);
  // Deterministic: the same issue lays out the same.
  const again = sessionOf(withCopy);
  again.apply(layOutUnplaced(ctx, () => {}));
  assert.equal(JSON.stringify(again.issue.pages), JSON.stringify(laidOut.pages));
  console.log(`# corpus page laid out in the session: ${ms.toFixed(0)} ms (layout ${outcome.ms.toFixed(0)} ms, the rest recompose)`);
});

test('lay out unplaced on an issue with laid-out pages: new pages after them on the inside template, the old pages untouched', () => {
  const base = threadedIssue();
  base.pages = base.pages.slice(0, 2);
  base.stories.push(storyOfParagraphs('e', '新增稿件', '社区食堂开业以来，每天为老人提供午餐。'.repeat(20)));
  assert.deepEqual(layoutTarget(base, ctx.templates).templateId, 'broadsheet-8col-inside');
  const s = sessionOf(base);
  let outcome: AutoLayoutOutcome | undefined;
  assert.ok(s.apply(layOutUnplaced(ctx, (o) => (outcome = o))).ok);
  assert.equal(s.issue.pages[0], base.pages[0]);
  assert.equal(s.issue.pages[1], base.pages[1]);
  assert.ok(s.issue.pages.length >= 3);
  assert.deepEqual(s.issue.pages.map((p) => p.number), s.issue.pages.map((_, i) => i + 1));
  assert.deepEqual([...outcome!.placed].sort(), ['d', 'e']);
  assert.ok(outcome!.notes.every((n) => n.kind !== 'unplaced'));
});

test('lay out unplaced with nothing to place is refused and changes nothing; empty stories are left alone', () => {
  const s = sessionOf({ ...threadedIssue(), stories: threadedIssue().stories.filter((x) => x.id !== 'd') });
  const r = s.apply(layOutUnplaced(ctx, () => {}));
  assert.equal(!r.ok && r.error.key, 'error.noUnplaced');
  const e = sessionOf({ ...threadedIssue(), stories: [...threadedIssue().stories.filter((x) => x.id !== 'd'), { id: 'blank', slug: '', status: 'draft', doc: { type: 'doc', content: [{ type: 'paragraph' }] } }] });
  const r2 = e.apply(layOutUnplaced(ctx, () => {}));
  assert.equal(!r2.ok && r2.error.key, 'error.noUnplacedText');
  assert.equal(e.canUndo, false);
});

test('copy too long for the pages allowed: what is left is reported, nothing is lost', () => {
  const s = sessionOf(blankIssue('tabloid-6col'));
  const long = Array.from({ length: 12 }, (_, i) => storyOfParagraphs(`long${i}`, `第${i + 1}篇稿件的标题`, '社区食堂开业以来，每天为老人提供午餐，附近居民也常来就餐。'.repeat(40)));
  s.apply(addStories(long));
  let outcome: AutoLayoutOutcome | undefined;
  assert.ok(s.apply(layOutUnplaced(ctx, (o) => (outcome = o), { maxPages: 1 })).ok);
  assert.equal(s.issue.pages.length, 1);
  assert.ok(outcome!.placed.length > 0 && outcome!.unplaced.length > 0);
  assert.ok(outcome!.notes.some((n) => n.kind === 'unplaced' && n.values?.pages === 1));
  assert.equal(s.issue.stories.length, 12, 'every story is still in the issue');
  assert.deepEqual(unplacedStories(s.issue), outcome!.unplaced);
});
