// Where the preflight panel takes the editor for a finding (renderer/workspace/model/finding-target.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { findingTarget } from '../../renderer/workspace/model/finding-target.js';

const root = join(import.meta.dirname, '..', '..');
const sample = issueSchema.parse(JSON.parse(readFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), 'utf8'))) as Issue;
const photo = sample.pages.flatMap((p, pageIndex) => p.frames.filter((f) => f.type === 'photo' && f.assetId).map((f) => ({ pageIndex, f })))[0];
const storyFrames = sample.pages.flatMap((p, pageIndex) => p.frames.filter((f) => f.type === 'story').map((f) => ({ pageIndex, f })));

test('a photo finding goes to that photo’s frame; a story finding to its frame on the named page', () => {
  assert.ok(photo, 'the sample has a placed photo');
  const asset = photo.f.type === 'photo' ? photo.f.assetId! : '';
  assert.deepEqual(findingTarget(sample, { page: sample.pages[photo.pageIndex].number, assetId: asset }), { pageIndex: photo.pageIndex, frameId: photo.f.id });
  // The page number may be missing or wrong: the photo is found anywhere.
  assert.deepEqual(findingTarget(sample, { assetId: asset }), { pageIndex: photo.pageIndex, frameId: photo.f.id });
  const s = storyFrames[storyFrames.length - 1];
  const storyId = s.f.type === 'story' ? s.f.storyId : '';
  assert.deepEqual(findingTarget(sample, { page: sample.pages[s.pageIndex].number, storyId }), { pageIndex: s.pageIndex, frameId: s.f.id });
});

test('a page-only finding goes to the page; an unknown page, story and asset to nothing', () => {
  assert.deepEqual(findingTarget(sample, { page: sample.pages[1].number }), { pageIndex: 1 });
  assert.equal(findingTarget(sample, { page: 99 }), null);
  assert.equal(findingTarget(sample, { storyId: 'no-such-story', assetId: 'no-such-asset' }), null);
  assert.deepEqual(findingTarget(sample, { page: sample.pages[0].number, storyId: 'no-such-story' }), { pageIndex: 0 });
});
