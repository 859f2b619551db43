import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openWorkspaceHarness, type WorkspaceHarness } from './workspace-harness-host.js';

// The page by keyboard (issue 22 item 7), in Chromium on the sample issue with the UI in Chinese:
// Tab from the toolbar enters the page at its first frame in reading order, Tab and Shift+Tab go
// from frame to frame, each named for what it holds, with a visible focus ring; Enter edits the
// story, Escape leaves the text with focus back on the frame; past the last frame Tab leaves the page.

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { frame: el?.dataset.frame ?? null, label: el?.getAttribute('aria-label') ?? null, ring: el ? getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth : '' };
  });
const selected = (page: Page) => page.evaluate(() => (window as any).bsw.selected?.() ?? [...document.querySelectorAll('.bs-ws-frame.is-selected')].map((e) => (e as HTMLElement).dataset.frame));

describe('the page by keyboard', () => {
  let h: WorkspaceHarness;
  before(async () => {
    h = await openWorkspaceHarness();
    await h.page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
  });
  after(async () => h?.close());

  test('Tab into the page, through its frames in reading order, Enter edits, Escape comes back, Tab out at the end', async () => {
    const { page } = h;
    // The frames of the first page in reading order, as the page shows them.
    const order = await page.evaluate(() => {
      const frames = [...document.querySelectorAll<HTMLElement>('.bs-ws-frames[data-page-index="0"] .bs-ws-frame')];
      return frames
        .map((el, i) => ({ id: el.dataset.frame!, top: Math.round(el.getBoundingClientRect().top), left: Math.round(el.getBoundingClientRect().left), i }))
        .sort((a, b) => a.top - b.top || a.left - b.left || a.i - b.i)
        .map((f) => f.id);
    });
    assert.ok(order.length >= 5, String(order.length));
    // From the toolbar's first button, Tab until focus reaches the page.
    await page.locator('.bs-ws-toolbar button').first().focus();
    let at = await focused(page);
    for (let i = 0; i < 80 && !at.frame; i++) {
      await page.keyboard.press('Tab');
      at = await focused(page);
    }
    assert.equal(at.frame, order[0], 'the page is entered at its first frame in reading order');
    assert.match(at.label ?? '', /^(稿件框|图片框|栏目|线条)/);
    assert.match(at.ring, /^solid [1-9]/, 'a visible focus ring');
    assert.deepEqual(await selected(page), [order[0]], 'the focused frame is the selection');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).frame, order[1]);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).frame, order[2]);
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused(page)).frame, order[1]);
    assert.deepEqual(await selected(page), [order[1]]);
    // A story frame: its name is its headline; Enter edits it, Escape leaves with focus back on it.
    let story: string | null = null;
    for (let i = 0; i < order.length && !story; i++) {
      const f = await focused(page);
      if (f.label?.startsWith('稿件框：')) story = f.frame;
      else await page.keyboard.press('Tab');
    }
    assert.ok(story, 'a story frame on the page');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !!(window as any).bsw.editor);
    await page.keyboard.press('Escape');
    await page.waitForFunction((id) => (document.activeElement as HTMLElement | null)?.dataset.frame === id, story);
    // Past the last frame Tab leaves the page: focus is not kept there.
    for (let i = 0; i < order.length + 2; i++) await page.keyboard.press('Tab');
    const out = await focused(page);
    assert.equal(out.frame, null, 'past the last frame focus moves on out of the page');
  });

  test('a click selects and focuses the frame; Tab goes on from it', async () => {
    const { page } = h;
    await page.keyboard.press('Escape');
    const frames = page.locator('.bs-ws-frames[data-page-index="0"] .bs-ws-frame');
    const first = frames.first();
    const b = (await first.boundingBox())!;
    await page.mouse.click(b.x + 3, b.y + 3);
    const id = await first.getAttribute('data-frame');
    assert.equal((await focused(page)).frame, id);
    await page.keyboard.press('Tab');
    const next = await focused(page);
    assert.ok(next.frame && next.frame !== id, JSON.stringify(next));
  });
});
