import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInStories, replaceAllInStories } from '../../renderer/editor/find.js';
import { storyDoc } from '../fixtures/build.js';

// Find and replace across the issue.

const stories = [
  { id: 'a', doc: storyDoc('全国**规模**以上工业，规模增长。') },
  { id: 'b', doc: storyDoc('No match here.', '规模经济') },
];

test('finds every match in every story, across mark boundaries', () => {
  const m = findInStories(stories, '模以');
  assert.deepEqual(m.map((x) => x.storyId), ['a']);
  const all = findInStories(stories, '规模');
  assert.deepEqual(all.map((x) => x.storyId), ['a', 'a', 'b']);
  assert.equal(stories[0].doc.textBetween(all[0].from, all[0].to), '规模');
});

test('case-insensitive unless asked', () => {
  assert.equal(findInStories(stories, 'no match').length, 1);
  assert.equal(findInStories(stories, 'no match', { caseSensitive: true }).length, 0);
});

test('replace all changes every story that matched and keeps the marks of the match', () => {
  const { docs, count } = replaceAllInStories(stories, '规模', '体量');
  assert.equal(count, 3);
  assert.equal(docs.get('a')!.textContent, '全国体量以上工业，体量增长。');
  assert.equal(docs.get('b')!.child(1).textContent, '体量经济');
  let boldText = '';
  docs.get('a')!.descendants((n) => { if (n.isText && n.marks.length) boldText += n.text; });
  assert.equal(boldText, '体量');
});
