import { test } from 'node:test';
import assert from 'node:assert/strict';
import { salvageIssue, validateIssue } from '../../core/model/validate.js';
import { serializeIssue } from '../../node/store/index.js';
import { compose, threadedIssue } from '../fixtures/build.js';

// The issue file's ruler guides (page.guides): optional, on the grid, clear errors when wrong.

const withGuides = (guides: unknown) => {
  const issue = threadedIssue() as unknown as { pages: Array<Record<string, unknown>> };
  issue.pages[1].guides = guides;
  return issue;
};

test('a file without guides loads as before, and one with guides keeps them through a save', () => {
  const old = validateIssue(threadedIssue());
  assert.ok(old.ok);
  assert.equal(old.issue.pages[0].guides, undefined);
  const r = validateIssue(withGuides([{ axis: 'y', at: 0 }, { axis: 'y', at: 123 }, { axis: 'x', at: 27.5 }]));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.deepEqual(r.issue.pages[1].guides, [{ axis: 'y', at: 0 }, { axis: 'y', at: 123 }, { axis: 'x', at: 27.5 }]);
  assert.deepEqual(r.warnings, []);
  const again = validateIssue(JSON.parse(serializeIssue(r.issue)));
  assert.ok(again.ok);
  assert.deepEqual(again.issue.pages[1].guides, r.issue.pages[1].guides);
});

test('bad guides are named by page and guide, with what is wrong', () => {
  const cases: Array<[unknown, RegExp, string]> = [
    [[{ axis: 'y', at: 12.5 }], /horizontal guide sits on a line boundary, a whole number of lines \(found 12\.5\)/, 'pages[1].guides[0].at'],
    [[{ axis: 'x', at: 3 }, { axis: 'x', at: 3.25 }], /vertical guide sits on a whole or half character \(found 3\.25\)/, 'pages[1].guides[1].at'],
    [[{ axis: 'z', at: 3 }], /"axis" should be "x" or "y", found "z"/, 'pages[1].guides[0].axis'],
    [[{ axis: 'y', at: -2 }], /"at" must be at least 0, found -2/, 'pages[1].guides[0].at'],
    [[{ axis: 'y' }], /the field "at" is missing/, 'pages[1].guides[0].at'],
    [{ axis: 'y', at: 1 }, /"guides" should be a list/, 'pages[1].guides'],
  ];
  for (const [guides, message, path] of cases) {
    const r = validateIssue(withGuides(guides));
    assert.equal(r.ok, false, JSON.stringify(guides));
    if (r.ok) continue;
    assert.equal(r.problems[0].path, path);
    assert.match(r.problems[0].message, message);
    assert.match(r.problems[0].where, /^page 2/);
    if (path.includes('[')) assert.match(r.problems[0].where, path.endsWith('guides') ? /page 2/ : /ruler guide #\d/);
  }
});

test('salvage drops only the bad guides of a page (its frames kept), and names them', () => {
  const raw = withGuides([{ axis: 'y', at: 1.5 }, { axis: 'y', at: 3 }]);
  (raw.pages[0] as { frames: unknown }).frames = 'broken';
  const s = salvageIssue(raw);
  assert.ok(s);
  assert.equal(s.kept.pages, 2, 'page 1 (broken frames) dropped, pages 2 and 3 kept');
  assert.equal(s.issue.pages[0].id, 'p2');
  assert.equal(s.issue.pages[0].frames.length, 2);
  assert.equal(s.issue.pages[0].guides, undefined);
  assert.match(s.dropped.join('\n'), /page 2: its ruler guides \(.*whole number of lines/);
});

test('guides never reach the composition (the display list the screen and the PDF are painted from)', () => {
  const plain = threadedIssue();
  const guided = { ...plain, pages: plain.pages.map((p, i) => (i === 0 ? { ...p, guides: [{ axis: 'y' as const, at: 30 }, { axis: 'x' as const, at: 14 }] } : p)) };
  const a = compose(plain);
  const b = compose(guided);
  assert.deepEqual(b.pages, a.pages);
  assert.doesNotMatch(JSON.stringify(b.pages), /guide/i);
});
