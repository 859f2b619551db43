import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { editStoryInFrame, openApp, root, type OpenedApp } from './app-host.js';

// The workspace in the real app: `broadsheet serve` (built renderer, App shell, real services) on a
// copy of the sample issue, in Debian's Chromium — the workspace is what the app shows, and
// typing on the page moves the overset marker; undo makes the story fit again. (The detailed
// cases run on the workspace harness: workspace.e2e.test.ts.)


describe('the workspace in the app through broadsheet serve', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-ws-app-'));
    cpSync(join(root, 'assets', 'sample'), dir, { recursive: true });
    app = await openApp(['--issue', join(dir, 'sample.broadsheet')]);
    page = app.page;
    await page.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 90_000 });
  });
  after(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the app shows the workspace: pages panel, both pages, stories with their fit, inspector', async () => {
    assert.equal(await page.locator('[data-testid=page-thumb]').count(), 2);
    // Thumbnails are named as the desk says it (第 N 版 版名), not by the page's whole text.
    await page.getByRole('button', { name: /^第 1 版 要闻（A01，/ }).waitFor();
    await page.getByRole('button', { name: /^第 2 版 社区·民生（A02，/ }).waitFor();
    assert.equal(await page.locator('.bs-ws-page').count(), 2);
    assert.ok((await page.locator('[data-testid=story-row]').count()) >= 10);
    assert.equal(await page.locator('[data-testid=inspector]').count(), 1);
  });

  test('typing on the page oversets the story: the marker and its count appear and grow; undo makes it fit again', async () => {
    await editStoryInFrame(page, 'ear', 's-ear');
    const marker = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid=overset-marker][data-story="s-ear"]')?.dataset.chars ?? 0));
    let last = 0;
    for (let i = 0; i < 12; i++) {
      await page.keyboard.insertText('社区居民');
      // The page shows the keystroke's layout at the next frame.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
      const now = await marker();
      if (last > 0) assert.ok(now > last, `count grows: ${last} → ${now}`);
      last = now;
    }
    assert.ok(last > 0, 'overset');
    assert.match((await page.locator('[data-testid=story-row][data-story="s-ear"]').textContent())!, new RegExp(`溢出 ${last} 字|Overset ${last}`));
    for (let i = 0; i < 20 && (await marker()) > 0; i++) {
      await page.keyboard.press('Control+z');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    }
    assert.equal(await marker(), 0);
    assert.equal(await page.locator('[data-testid=story-row][data-story="s-ear"] [data-testid=fit]').getAttribute('data-state'), 'fits');
  });
});
