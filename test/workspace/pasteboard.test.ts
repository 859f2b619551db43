import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrangePasteboard, pageRows, PASTEBOARD_GAP } from '../../renderer/workspace/pasteboard.js';
import { UnknownTemplateError } from '../../core/templates/index.js';
import { page, threadedIssue, templates } from '../fixtures/build.js';

// The pasteboard (spread view): page 1 stands alone on the right, then facing pairs,
// even page on the left, odd on the right, as the printed pages face each other.

test('spreads: page 1 alone, then (2,3), (4,5) …; single view one page a row', () => {
  assert.deepEqual(pageRows(5, true), [[0], [1, 2], [3, 4]]);
  assert.deepEqual(pageRows(4, true), [[0], [1, 2], [3]]);
  assert.deepEqual(pageRows(3, false), [[0], [1], [2]]);
});

test('in spreads page 1 sits where a right-hand page sits, facing pages touch at the spine', () => {
  const issue = { ...threadedIssue(), pages: [1, 2, 3, 4].map((n) => page(`p${n}`, n)) };
  const l = arrangePasteboard(issue, templates, 1, true);
  const w = l.sizes[0].w;
  assert.equal(l.origins[0].x, l.origins[2].x, 'page 1 above page 3 (both right-hand)');
  assert.equal(l.origins[2].x - l.origins[1].x, Math.round(w), 'pages 2 and 3 face each other');
  assert.equal(l.origins[3].x, l.origins[1].x, 'page 4 is a left-hand page');
  assert.ok(l.origins[1].y > l.origins[0].y + l.sizes[0].h, 'rows do not overlap');
  assert.equal(l.origins[1].x, PASTEBOARD_GAP);
});

test('a page with a template the registry lacks is not laid out on another: the error names the template and the page', () => {
  const issue = { ...threadedIssue(), pages: [page('p1', 1), page('p2', 2, [], 'no-such-template')] };
  assert.throws(() => arrangePasteboard(issue, templates, 1, false), (err: unknown) => err instanceof UnknownTemplateError && err.templateId === 'no-such-template' && err.pageNumber === 2);
});
