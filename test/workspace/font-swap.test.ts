import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import { firstPaintCodePoints } from '../../core/fonts/coverage.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import { SubsetFace, subsetFontSource } from '../../core/fonts/subset-face.js';
import type { FontSource } from '../../core/fonts/types.js';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { fontManifest } from '../../node/font-files.js';
import { fontFileBytes, loadFontFace, nodeFontSource } from '../../node/fonts.js';
import { subsetFont } from '../../node/font-subsets.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { setStoryDoc } from '../../renderer/workspace/model/operations.js';
import { bundledSampleIssue, counterIds, templates } from '../fixtures/build.js';

// The workspace opens on subset fonts and swaps in the full files after the first paint
// (renderer/workspace/Workspace.tsx). Text typed outside the subsets before then is composed
// inexactly; the swap then composes the whole issue again with the full faces — the result is
// a fresh composition on the full files, and the editing history is untouched.

const sample = issueSchema.parse(bundledSampleIssue()) as Issue;

test('a story typed outside the subsets is composed again, exactly, once the full faces are there; history and dirty state stay', async () => {
  const cps = firstPaintCodePoints(sample, [...new Set(sample.pages.map((p) => p.templateId))].map((id) => templates.get(id)));
  const keys = Object.keys(fontManifest());
  const faces = new Map<string, SubsetFace>();
  for (const key of keys) faces.set(key, new SubsetFace(key, createFontFace(key, await subsetFont(fontFileBytes(key), cps)), cps));
  const source = subsetFontSource(faces, new Map(keys.map((k) => [k, fontManifest()[k].fallback])));
  // As the workspace does: one context and one compose cache, cleared after the swap.
  const ctx: { fonts: FontSource; templates: typeof templates } = { fonts: source, templates };
  const cache = new ComposeCache();
  const s = new IssueSession({ issue: sample, path: '/tmp/sample.broadsheet', templates, compose: (i) => composeIssue(i, ctx, { cache }), newId: counterIds() });
  assert.deepEqual(s.composed, composeIssue(sample, { fonts: nodeFontSource(), templates }));

  const lead = sample.stories.find((x) => x.id === 's-lead')!;
  const doc = structuredClone(lead.doc) as unknown as { content: { type: string; content?: { type: string; text: string }[] }[] };
  doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: '鑫鑫鑫淼淼淼犇犇犇。' }] });
  assert.ok(s.apply(setStoryDoc('s-lead', doc as never)).ok);
  assert.ok([...faces.values()].some((f) => f.inexact), 'characters outside the subsets were asked about');
  const onFull = () => composeIssue(s.issue, { fonts: nodeFontSource(), templates });
  assert.notDeepEqual(s.composed, onFull(), 'composed with the subsets: the new characters look missing');

  for (const [key, face] of faces) face.complete(loadFontFace(key));
  const version = s.version;
  cache.clear();
  s.recomposeAll();
  assert.ok(s.version > version, 'the views are told');
  assert.deepEqual(s.composed, onFull());
  assert.equal(s.dirty, true);
  assert.ok(s.canUndo);
  s.undo();
  assert.deepEqual(s.composed, composeIssue(sample, { fonts: nodeFontSource(), templates }));
});
