import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import { codePointsText, firstPaintCodePoints } from '../../core/fonts/coverage.js';
import type { FontSource } from '../../core/fonts/types.js';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { fontManifest } from '../../node/font-files.js';
import { nodeFontSource } from '../../node/fonts.js';
import { loadFontSubsets } from '../../renderer/src/fonts.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { setStoryDoc } from '../../renderer/workspace/model/operations.js';
import { bundledSampleIssue, counterIds, templates } from '../fixtures/build.js';
import { installFontHost, nextGrown, type FontHost } from '../fixtures/font-host.js';

// The workspace opens on subsets of the fonts (renderer/src/fonts.ts) that grow by themselves
// (renderer/workspace/use-font-growth.ts): text typed outside them is composed with a guess,
// the growth says so (not exact), fetches the grown subsets and tells the workspace, which
// composes the whole issue again — the result equals a composition on the full files, and the
// editing history is untouched.

const sample = issueSchema.parse(bundledSampleIssue()) as Issue;
let fh: FontHost;
before(() => {
  fh = installFontHost();
});
after(() => fh.restore());

test('text typed outside the subsets is composed again, exactly, once the faces have grown; history and dirty state stay', async () => {
  const tids = [...new Set(sample.pages.map((p) => p.templateId))];
  const text = codePointsText(firstPaintCodePoints(sample, tids.map((id) => templates.get(id))));
  const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, Object.keys(fontManifest()), text);
  const growth = fonts.growth!;
  // As the workspace does: one context and one compose cache, cleared when the faces have grown.
  const ctx: { fonts: FontSource; templates: typeof templates } = { fonts: fonts.source, templates };
  const cache = new ComposeCache();
  const s = new IssueSession({ issue: sample, path: '/tmp/sample.broadsheet', templates, compose: (i) => composeIssue(i, ctx, { cache }), newId: counterIds() });
  assert.deepEqual(s.composed, composeIssue(sample, { fonts: nodeFontSource(), templates }));
  assert.equal(growth.exact, true, "the issue's own characters are in the first subsets");
  let recomposed = 0;
  growth.on((e) => {
    if (e.type === 'grown' && growth.exact) {
      recomposed++;
      cache.clear();
      s.recomposeAll();
    }
  });

  const lead = sample.stories.find((x) => x.id === 's-lead')!;
  const doc = structuredClone(lead.doc) as unknown as { content: { type: string; content?: { type: string; text: string }[] }[] };
  // Rare hanzi and Latin with diacritics (proportional: a guessed advance would move the breaks).
  const typed = '龘犇淼 Ŵőŕđş Ǆǉ 鱻。';
  doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: typed.repeat(6) }] });
  const version = s.version;
  assert.ok(s.apply(setStoryDoc('s-lead', doc as never)).ok);
  assert.equal(growth.exact, false, 'characters outside the subsets were asked about');
  const onFull = () => composeIssue(s.issue, { fonts: nodeFontSource(), templates });
  assert.notDeepEqual(s.composed, onFull(), 'composed with the subsets: the new characters look missing');

  await nextGrown(growth);
  assert.equal(recomposed, 1, 'one recomposition for the whole paste');
  assert.equal(growth.exact, true);
  assert.ok(s.version > version + 1, 'the views are told');
  assert.deepEqual(s.composed, onFull(), 'line for line as on the full files');
  assert.equal(s.dirty, true);
  assert.ok(s.canUndo);
  s.undo();
  assert.deepEqual(s.composed, composeIssue(sample, { fonts: nodeFontSource(), templates }));
  // Typed again, nothing is missing any more: exact at once, no repair.
  assert.ok(s.apply(setStoryDoc('s-lead', doc as never)).ok);
  assert.equal(growth.exact, true);
  assert.deepEqual(s.composed, onFull());
});
