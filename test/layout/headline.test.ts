import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeIssue } from '../../core/compose/index.js';
import { emptyIssue, type StoryFrame } from '../../core/model/issue.js';
import { ctx } from '../fixtures/build.js';

// The headline treatments automatic layout relies on: a frame's headline size, and headlines of
// two phrases turning their line at the space between the phrases (回行 at a phrase boundary).

function compose(headline: string, frame: Partial<StoryFrame>) {
  const issue = emptyIssue({
    paper: 'p',
    date: '2026-11-23',
    stories: [{ id: 's', slug: '', status: 'draft', doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: headline }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文。' }] }] } }],
    pages: [{ id: 'p1', number: 1, section: '', editor: '', designer: '', templateId: 'broadsheet-8col-inside', frames: [{ type: 'story', id: 'f', storyId: 's', rect: { column: 0, span: 2, line: 0, lines: 30 }, ...frame }] }],
  });
  const c = composeIssue(issue, ctx);
  return c.stories.s.lines.filter((l) => l.style === 'headline');
}

const text = (l: { runs: Array<{ chars: string[] }> }) => l.runs.flatMap((r) => r.chars).join('').replace(/[\s\u2028]/g, '');

test('a two-phrase headline that needs two lines breaks at the space between its phrases', () => {
  const lines = compose('民心工程进行时 幸福生活来敲门', { headlineSize: 30 });
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map(text), ['民心工程进行时', '幸福生活来敲门']);
});

test('headlineSize sets the frame\'s headline size; headlineMaxLines still shrinks it to fit', () => {
  const big = compose('老旧小区换新颜', { headlineSize: 30 });
  assert.equal(big[0].runs[0].size, 30);
  const one = compose('河西区召开项目对接会议', { headlineSize: 30, headlineMaxLines: 1 });
  assert.equal(one.length, 1);
  assert.ok(one[0].runs[0].size < 30);
});
