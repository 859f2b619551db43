// Copyfit from the workspace (renderer/workspace/copyfit.ts): one operation with the tracking the
// search chose, undoable as 自动调整, and the status line in Chinese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import i18next from 'i18next';
import { copyfitMessage, copyfitStory, trackingLabel } from '../../renderer/workspace/copyfit.js';
import { NS, workspaceResources } from '../../renderer/workspace/i18n.js';
import { setStoryTracking } from '../../renderer/workspace/model/operations.js';
import { compose, ctx, oneStoryIssue } from '../fixtures/build.js';

const BODY = '社区食堂开餐了，居民在家门口就能吃上热乎饭。街道联合物业改造闲置用房，设置六十个座位。';
const env = { templates: ctx.templates, newId: (p: string) => `${p}-x` } as never;

async function zh() {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { [NS]: workspaceResources['zh-CN'] } }, defaultNS: NS, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}

test('short copy: one operation sets the tracking; the message says before and after', async () => {
  const issue = oneStoryIssue(BODY.repeat(6), { lines: 30 });
  assert.equal(compose(issue).stories.lead.fit.state, 'short');
  const { result, op } = copyfitStory(issue, ctx, 'lead');
  assert.ok(op && result);
  assert.equal(op.label.key, 'op.copyfit');
  const after = op.run(issue, env);
  assert.equal(after.stories[0].tracking, result.tracking);
  assert.equal(compose(after).stories.lead.fit.state, 'fits');
  assert.equal(copyfitMessage(await zh(), result), `自动调整：正文字距 ${trackingLabel(result.tracking)}（差 2 行 → 合适）`);
});

test('far over: the message says cut the copy; copy that fits: nothing to do, no operation', async () => {
  const over = copyfitStory(oneStoryIssue(BODY.repeat(12), { lines: 15 }), ctx, 'lead');
  assert.match(copyfitMessage(await zh(), over.result), /^自动调整：字距已到版式下限 −80，仍溢出 \d+ 字——请删稿$/);
  const fits = copyfitStory(oneStoryIssue(BODY.repeat(6), { lines: 28 }), ctx, 'lead');
  assert.equal(fits.op, undefined);
  assert.equal(copyfitMessage(await zh(), fits.result), '自动调整：稿件已正好排满，无需调整');
  assert.equal(copyfitMessage(await zh(), null), '这篇稿件还没有上版，无法自动调整');
});

test('tracking typed by hand: thousandths of an em within ±200; 0 takes the style’s', () => {
  const issue = oneStoryIssue(BODY, { lines: 30 });
  const tight = setStoryTracking('lead', -0.025).run(issue, env);
  assert.equal(tight.stories[0].tracking, -0.025);
  assert.equal('tracking' in setStoryTracking('lead', 0).run(tight, env).stories[0], false);
  assert.throws(() => setStoryTracking('lead', 0.5).run(issue, env), /trackingRange/);
  assert.equal(trackingLabel(-0.025), '−25');
  assert.equal(trackingLabel(0.005), '+5');
});
