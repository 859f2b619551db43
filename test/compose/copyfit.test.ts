// Copyfit (core/compose/copyfit.ts, 飞腾's 自动调整) with the real composer and fonts: copy a
// few characters over its frame is tightened until it fits, copy a little short is loosened to
// fill, copy far over stops at the template's limit and says so; the body stays on the grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeCache } from '../../core/compose/index.js';
import { copyfitTracking, COPYFIT_DEFAULT, withStoryTracking } from '../../core/compose/copyfit.js';
import type { Issue } from '../../core/model/issue.js';
import { compose, oneStoryIssue, templates } from '../fixtures/build.js';

const BODY = '社区食堂开餐了，居民在家门口就能吃上热乎饭。街道联合物业改造闲置用房，设置六十个座位。';

function fitter() {
  const cache = new ComposeCache();
  let calls = 0;
  return { fitOf: (issue: Issue) => (calls++, compose(issue, cache).stories.lead?.fit), calls: () => calls };
}

/** The sample story in a frame of `lines` lines on one column, with `repeat` copies of the body. */
const storyOf = (repeat: number, lines: number) => oneStoryIssue(BODY.repeat(repeat), { lines });

test('overset by a few characters: tightened to the loosest tracking that fits, within the limits', () => {
  // Find a frame length where the copy runs over by a line or two.
  let issue: Issue | undefined;
  for (let lines = 40; lines > 10; lines--) {
    const candidate = storyOf(6, lines);
    const fit = compose(candidate).stories.lead.fit;
    if (fit.state === 'overset' && fit.lines <= 2) {
      issue = candidate;
      break;
    }
  }
  assert.ok(issue, 'a frame the copy runs over by a line or two');
  const f = fitter();
  const r = copyfitTracking(issue, 'lead', templates, f.fitOf)!;
  assert.equal(r.before.state, 'overset');
  assert.notEqual(r.fit.state, 'overset', JSON.stringify(r));
  assert.ok(r.tracking < 0 && r.tracking >= COPYFIT_DEFAULT.trackingMin, `tracking ${r.tracking}`);
  assert.equal(r.atLimit, false);
  // The loosest that fits: one step looser runs over again.
  const looser = { ...issue, stories: issue.stories.map((s) => withStoryTracking(s, r.tracking + 0.005)) };
  assert.equal(compose(looser).stories.lead.fit.state, 'overset');
  // The composed issue with that tracking fits, and its body lines stay on the baseline grid pitch.
  const fitted = { ...issue, stories: issue.stories.map((s) => withStoryTracking(s, r.tracking)) };
  const layout = compose(fitted).stories.lead;
  assert.equal(layout.overset.chars, 0);
});

test('short copy is loosened to fill its lines, and never overset', () => {
  let issue: Issue | undefined;
  for (let lines = 12; lines < 60; lines++) {
    const candidate = storyOf(6, lines);
    const fit = compose(candidate).stories.lead.fit;
    if (fit.state === 'short' && fit.lines <= 2) {
      issue = candidate;
      break;
    }
  }
  assert.ok(issue, 'a frame the copy is a line or two short of');
  const r = copyfitTracking(issue, 'lead', templates, fitter().fitOf)!;
  assert.equal(r.before.state, 'short');
  assert.notEqual(r.fit.state, 'overset');
  assert.ok(r.fit.lines < r.before.lines || r.fit.state === 'fits', JSON.stringify(r));
  assert.ok(r.tracking > 0 && r.tracking <= COPYFIT_DEFAULT.trackingMax, `tracking ${r.tracking}`);
});

test('far over: stops at the template’s limit and says the copy must be cut; a template narrows the limits', () => {
  const issue = storyOf(12, 15);
  const r = copyfitTracking(issue, 'lead', templates, fitter().fitOf)!;
  assert.equal(r.fit.state, 'overset');
  assert.equal(r.atLimit, true);
  assert.equal(r.tracking, COPYFIT_DEFAULT.trackingMin);
  // A paper that allows only −2 %.
  const t = templates.get(issue.pages[0].templateId)!;
  const strict = { get: (id: string) => (id === t.id ? ({ ...t, spec: { ...t.spec, copyfit: { trackingMin: -0.02, trackingMax: 0.01 } } } as typeof t) : templates.get(id)), ids: () => templates.ids(), problems: [] };
  assert.equal(copyfitTracking(issue, 'lead', strict, fitter().fitOf)!.tracking, -0.02);
});

test('copy that fits is left as it is; an unplaced story has nothing to fit', () => {
  let issue: Issue | undefined;
  for (let lines = 12; lines < 60 && !issue; lines++) {
    const c = storyOf(4, lines);
    const fit = compose(c).stories.lead.fit;
    if (fit.state === 'fits' && fit.lines === 0) issue = c;
  }
  assert.ok(issue);
  const r = copyfitTracking(issue, 'lead', templates, fitter().fitOf)!;
  assert.equal(r.tracking, 0);
  assert.equal(r.fit.state, 'fits');
  const unplaced = { ...issue, pages: issue.pages.map((p) => ({ ...p, frames: [] })) };
  assert.equal(copyfitTracking(unplaced, 'lead', templates, fitter().fitOf), null);
});
