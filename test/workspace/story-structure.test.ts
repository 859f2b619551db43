import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue, Story } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { canSplitAt, mergeIntoPrevious, splitStoryAt } from '../../renderer/workspace/model/story-structure.js';
import { threadOf } from '../../renderer/workspace/model/threads.js';
import { bundledSampleIssue, counterIds, recordingComposer, storyOfBlocks, storyTextChars, templates, threadedIssue } from '../fixtures/build.js';

// Issue 18: the importer's decisions changed by hand. A "story" that is a 小标题 of the one before
// goes back into it; a story that is two is split — nothing lost, photos and frames kept.

const env = { templates, newId: counterIds() };
const block = (type: string, text: string) => ({ type, content: [{ type: 'text', text }] });
const figure = (caption: string) => ({ type: 'figure', content: [{ type: 'photo' }, { type: 'caption', content: [{ type: 'text', text: caption }] }] });
const blocks = (s: Story) => ((s.doc as unknown as { content: Array<{ type: string; content?: Array<{ text?: string }> }> }).content).map((n) => `${n.type}:${(n.content ?? []).map((c) => c.text ?? '').join('')}`);
const story = (issue: Issue, id: string) => issue.stories.find((s) => s.id === id)!;
const valid = (issue: Issue) => assert.deepEqual(validateIssue(JSON.parse(JSON.stringify(issue))).ok ? [] : (validateIssue(JSON.parse(JSON.stringify(issue))) as { problems: unknown[] }).problems, []);

/** A long story the importer cut in three at its 小标题: 'b' and 'c' have a headline and body only, 'c' a photo. */
function cutIssue(): Issue {
  const base = threadedIssue();
  return {
    ...base,
    pages: base.pages.map((p, i) => (i === 0 ? { ...p, frames: [...p.frames, { id: 'phc', type: 'photo', assetId: null, storyId: 'c', figure: 0, rect: { column: 5, span: 3, line: 40, lines: 20 }, fit: 'fill', caption: 'below' }] } : p)),
    stories: [
      storyOfBlocks('a', [block('kicker', '民心工程'), block('headline', '十项民生工程年内交账'), block('byline', '■ 本报记者 林晓岚'), block('paragraph', '导语。'), figure('图一')]),
      storyOfBlocks('b', [block('headline', '推进“家门口”服务'), block('paragraph', '第二段。')]),
      storyOfBlocks('c', [block('headline', '把“一老一小”放在心上'), block('paragraph', '第三段。'), figure('图二')]),
      storyOfBlocks('d', [block('headline', '未上版'), block('paragraph', '稿件。')]),
    ],
  };
}

test('merge: the headline becomes a 小标题 of the story before, its body follows, every character kept', () => {
  const before = cutIssue();
  const chars = storyTextChars(story(before, 'a')) + storyTextChars(story(before, 'b'));
  const out = mergeIntoPrevious('b').run(before, env);
  assert.equal(out.stories.some((s) => s.id === 'b'), false);
  assert.deepEqual(blocks(story(out, 'a')), ['kicker:民心工程', 'headline:十项民生工程年内交账', 'byline:■ 本报记者 林晓岚', 'paragraph:导语。', 'figure:', 'subhead:推进“家门口”服务', 'paragraph:第二段。']);
  assert.equal(storyTextChars(story(out, 'a')), chars);
  // b's frame continues a's thread (fa1 → fa2 → fa3 → fb1).
  assert.deepEqual(threadOf(out, 'a').map((x) => x.frame.id), ['fa1', 'fa2', 'fa3', 'fb1']);
  valid(out);
  assert.equal(before.stories.length, 4, 'the issue before is untouched');
});

test('merge: a figure’s photo frame goes with it, numbered after the previous story’s figures; kicker, deck and byline kept as text', () => {
  const b = cutIssue();
  const withHead: Issue = { ...b, stories: b.stories.map((s) => (s.id === 'c' ? storyOfBlocks('c', [block('kicker', '引'), block('headline', '把“一老一小”放在心上'), block('deck', '副'), block('byline', '■ 通讯员 周亦然'), block('paragraph', '第三段。'), figure('图二')]) : s)) };
  const out = mergeIntoPrevious('c').run(withHead, env);
  assert.deepEqual(blocks(story(out, 'b')), ['headline:推进“家门口”服务', 'paragraph:第二段。', 'subhead:引', 'subhead:把“一老一小”放在心上', 'subhead:副', 'paragraph:■ 通讯员 周亦然', 'paragraph:第三段。', 'figure:']);
  const photo = out.pages[0].frames.find((f) => f.id === 'phc')!;
  assert.deepEqual([photo.type === 'photo' && photo.storyId, photo.type === 'photo' && photo.figure], ['b', 0]);
  // Into 'a' (one figure already): the photo is a's second figure.
  const twice = mergeIntoPrevious('b').run(out, env);
  const p2 = twice.pages[0].frames.find((f) => f.id === 'phc')!;
  assert.deepEqual([p2.type === 'photo' && p2.storyId, p2.type === 'photo' && p2.figure], ['a', 1]);
  valid(twice);
});

test('merge: an unplaced story into a placed one adds only text; a placed one into an unplaced one gives it the frames; the first story has nothing before it', () => {
  const issue = cutIssue();
  const unplaced = mergeIntoPrevious('d').run(issue, env);
  assert.deepEqual(threadOf(unplaced, 'c').map((x) => x.frame.id), threadOf(issue, 'c').map((x) => x.frame.id));
  const reordered: Issue = { ...issue, stories: [story(issue, 'd'), story(issue, 'a'), story(issue, 'b'), story(issue, 'c')] };
  const adopted = mergeIntoPrevious('a').run(reordered, env);
  assert.deepEqual(threadOf(adopted, 'd').map((x) => x.frame.id), ['fa1', 'fa2', 'fa3']);
  valid(adopted);
  assert.throws(() => mergeIntoPrevious('a').run(issue, env), /struct\.error\.noPrevious/);
  assert.throws(() => mergeIntoPrevious('nope').run(issue, env), /error\.noStory/);
});

test('split: from a 小标题 on, a new story headed by it, after the old one, unplaced; its photos go with their figures', () => {
  const merged = mergeIntoPrevious('c').run(mergeIntoPrevious('b').run(cutIssue(), env), env);
  const a = story(merged, 'a');
  const at = blocks(a).indexOf('subhead:把“一老一小”放在心上');
  assert.ok(canSplitAt(a, at));
  const out = splitStoryAt('a', at, 's-new').run(merged, env);
  assert.deepEqual(out.stories.map((s) => s.id), ['a', 's-new', 'd']);
  assert.deepEqual(blocks(story(out, 's-new')), ['headline:把“一老一小”放在心上', 'paragraph:第三段。', 'figure:']);
  assert.equal(story(out, 's-new').slug, '把“一老一小”放在心上');
  assert.deepEqual(blocks(story(out, 'a')).slice(-3), ['figure:', 'subhead:推进“家门口”服务', 'paragraph:第二段。']);
  const photo = out.pages[0].frames.find((f) => f.id === 'phc')!;
  assert.deepEqual([photo.type === 'photo' && photo.storyId, photo.type === 'photo' && photo.figure], ['s-new', 0]);
  assert.deepEqual(threadOf(out, 's-new'), [], 'unplaced: the stories panel lists it');
  assert.equal(storyTextChars(story(out, 'a')) + storyTextChars(story(out, 's-new')), storyTextChars(a));
  valid(out);
});

test('split: at a paragraph (no headline then), never in the headline block or at the start, never onto an id in use', () => {
  const issue = cutIssue();
  const a = story(issue, 'a');
  assert.deepEqual([0, 1, 2].map((i) => canSplitAt(a, i)), [false, false, false], 'kicker, headline, byline');
  assert.equal(canSplitAt(a, 3), true);
  assert.equal(canSplitAt(a, 9), false);
  const out = splitStoryAt('a', 3, 's-x').run(issue, env);
  assert.deepEqual(blocks(story(out, 's-x')), ['paragraph:导语。', 'figure:']);
  assert.throws(() => splitStoryAt('a', 1, 's-y').run(issue, env), /struct\.error\.cannotSplit/);
  assert.throws(() => splitStoryAt('a', 3, 'b').run(issue, env), /struct\.error\.cannotSplit/);
});

test('in a session: merge, then split back, each one undo step; the sample issue survives both', () => {
  const rec = recordingComposer();
  const s = new IssueSession({ issue: bundledSampleIssue(), path: '/tmp/x.broadsheet', templates, compose: rec.compose, newId: counterIds() });
  const ids = s.issue.stories.map((x) => x.id);
  const second = ids[1];
  s.apply(mergeIntoPrevious(second));
  assert.equal(s.issue.stories.length, ids.length - 1);
  valid(s.issue);
  assert.deepEqual(s.undoLabel, { key: 'struct.op.merge' });
  s.undo();
  assert.deepEqual(s.issue.stories.map((x) => x.id), ids);
  s.redo();
  const merged = story(s.issue, ids[0]);
  const at = blocks(merged).findIndex((b, i) => i > 0 && b.startsWith('subhead:'));
  s.apply(splitStoryAt(ids[0], at, 's-back'));
  valid(s.issue);
  assert.equal(s.issue.stories.length, ids.length);
});
