import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue, Page } from '../../core/model/issue.js';
import { frameAfter, frameWords, readingOrder } from '../../renderer/workspace/model/tab-order.js';

// Tab through a page's frames (issue 22 item 7): reading order, out of the page at either end.

const sample = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'sample', 'sample.broadsheet'), 'utf8')) as Issue;
const rect = (column: number, line: number) => ({ column, span: 2, line, lines: 10 });
const page = (frames: Array<[string, number, number]>): Page => ({
  id: 'p',
  number: 1,
  section: '',
  editor: '',
  designer: '',
  templateId: 't',
  frames: frames.map(([id, column, line]) => ({ id, type: 'rule', orientation: 'horizontal', weight: 0.5, rect: rect(column, line) })),
});

test('reading order: top to bottom, then left to right, the file’s order between equals — not the z-order', () => {
  const p = page([['lower-left', 0, 40], ['top-right', 6, 0], ['top-left', 0, 0], ['mid', 3, 20], ['twin-b', 3, 60], ['twin-a', 3, 60]]);
  assert.deepEqual(readingOrder(p).map((f) => f.id), ['top-left', 'top-right', 'mid', 'lower-left', 'twin-b', 'twin-a']);
});

test('Tab and Shift+Tab step through, start at either end, and leave the page past the ends', () => {
  const p = page([['b', 4, 0], ['a', 0, 0], ['c', 0, 30]]);
  assert.equal(frameAfter(p, null, 1), 'a');
  assert.equal(frameAfter(p, null, -1), 'c');
  assert.equal(frameAfter(p, 'a', 1), 'b');
  assert.equal(frameAfter(p, 'b', 1), 'c');
  assert.equal(frameAfter(p, 'c', 1), null, 'past the last: out of the page');
  assert.equal(frameAfter(p, 'a', -1), null, 'before the first: out of the page');
  assert.equal(frameAfter(p, 'c', -1), 'b');
  assert.equal(frameAfter(p, 'on-another-page', 1), 'a', 'a selection elsewhere starts at the page’s first');
  assert.equal(frameAfter(page([]), null, 1), null, 'an empty page has nothing to stop at');
});

test('frame names: headline of a story, a photo’s caption or file, a banner’s words, cut at 40 characters', () => {
  const frames = sample.pages.flatMap((p) => p.frames);
  const story = frames.find((f) => f.type === 'story')!;
  const w = frameWords(sample, story);
  assert.equal(w.kind, 'story');
  assert.ok(w.words.length > 2 && w.words.length <= 41, w.words);
  const banner = frames.find((f) => f.type === 'banner');
  if (banner?.type === 'banner') assert.equal(frameWords(sample, banner).words, banner.text.slice(0, 40) + (banner.text.length > 40 ? '…' : ''));
  const photo = frames.find((f) => f.type === 'photo')!;
  assert.equal(frameWords(sample, photo).kind, 'photo');
  assert.notEqual(frameWords(sample, photo).words, '');
  const orphan = { ...story, storyId: 'gone' } as typeof story;
  assert.equal(frameWords(sample, orphan).words, 'gone');
  assert.equal(frameWords(sample, { ...photo, type: 'photo', assetId: null, captionText: '一'.repeat(50) } as typeof photo).words, '一'.repeat(40) + '…');
});
