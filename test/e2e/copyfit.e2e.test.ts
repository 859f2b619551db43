import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { editStoryAt, openWorkspaceHarness, session, type WorkspaceHarness } from './workspace-harness-host.js';

// Copyfit (自动调整) in Chromium on the sample issue: copy typed until it just runs over its
// frame is fitted back by one click in the inspector (tighter body tracking, shown there), the
// status line says what changed, and one undo takes it back.

const fit = (page: Page) => session<{ state: string; chars: number }>(page, `s.composed.stories['s-ear'].fit`);

describe('copyfit', () => {
  let h: WorkspaceHarness;
  before(async () => {
    h = await openWorkspaceHarness();
  });
  after(async () => h?.close());

  test('overset by a few characters → 自动调整 → fits; the tracking shows in the inspector; undo', async () => {
    const { page } = h;
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
    // Type at the end of the body (Enter starts editing at the frame's first line: the headline).
    await editStoryAt(page, 'ear', 's-ear', 'end');
    for (let i = 0; i < 60 && (await fit(page)).state !== 'overset'; i++) await page.keyboard.insertText('居');
    const over = await fit(page);
    assert.equal(over.state, 'overset');
    assert.ok(over.chars <= 3, `just over: ${over.chars}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('copyfit').click();
    await page.locator('.bs-ws-statusbar').getByText(/^自动调整：正文字距 −\d+（溢出 \d+ 字 → (合适|差 \d+ 行)）$/).waitFor();
    assert.notEqual((await fit(page)).state, 'overset');
    const tracking = await session<number>(page, `s.issue.stories.find((x) => x.id === 's-ear').tracking`);
    assert.ok(tracking < 0 && tracking >= -0.08, String(tracking));
    assert.equal(await page.getByTestId('story-tracking').inputValue(), String(Math.round(tracking * 1000)));
    await page.keyboard.press('Control+z');
    assert.equal((await fit(page)).state, 'overset', 'one undo: the tracking goes, the copy runs over again');
    assert.equal(await session<unknown>(page, `s.issue.stories.find((x) => x.id === 's-ear').tracking ?? null`), null);
  });
});
