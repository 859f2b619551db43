import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, root, type OpenedApp } from './app-host.js';
import { emptyIssue } from '../../core/model/issue.js';
import { saveIssueFile } from '../../node/store/index.js';
import { CORPUS } from '../fixtures/corpus.js';

// Copy import in the app through `broadsheet serve`, in Debian's Chromium: copy files picked in the
// browser go through the API (importCopy) into the open issue as unplaced stories with a report
// to review; "Lay out unplaced stories" puts them on the blank page with no overset, and one
// Ctrl+Z takes the whole layout back. An empty, a binary and a huge file are named and change nothing.


const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));

// Records the first moment "Lay out unplaced stories" shows its busy state: the status text and
// whether its buttons (toolbar, stories panel, the import dialog's) were off.
const watchLayoutBusy = `new MutationObserver(() => {
  const note = document.querySelector('[data-testid="layout-busy"]');
  if (!note || window.__bsLayoutBusy) return;
  const off = (sel) => { const b = document.querySelector(sel); return b ? b.disabled : null; };
  window.__bsLayoutBusy = { text: note.textContent, toolbar: off('[data-testid="layout-unplaced"]'), panel: off('[data-testid="stories-layout-unplaced"]'), dialog: off('[data-testid="copy-layout"]') };
}).observe(document, { childList: true, subtree: true });`;

describe('copy import and automatic layout in the app', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-copy-app-'));
    // A new issue: one blank front page, no stories.
    const blank = emptyIssue({
      paper: '河西报',
      date: '2026-11-23',
      pages: [{ id: 'p1', number: 1, section: '要闻', editor: '', designer: '', templateId: 'broadsheet-8col', frames: [] }],
    });
    await saveIssueFile(join(dir, 'blank.broadsheet'), blank);
    app = await openApp(['--issue', join(dir, 'blank.broadsheet')], { beforeGoto: (p) => p.addInitScript({ content: watchLayoutBusy }) });
    page = app.page;
    await page.waitForSelector('[data-testid=workspace] .bs-ws-page', { timeout: 90_000 });
  });
  after(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rows = () => page.locator('[data-testid=story-row]').count();
  /** What the page showed while the last layout ran (watchLayoutBusy); forgotten for the next one. */
  const layoutBusy = () =>
    page.evaluate(() => {
      const w = window as unknown as { __bsLayoutBusy?: { text: string; toolbar: boolean; panel: boolean; dialog: boolean | null } };
      const seen = w.__bsLayoutBusy;
      delete w.__bsLayoutBusy;
      return seen;
    });
  const frames = () => page.locator('.bs-ws-frame[data-story]').count();

  test('an empty file, a binary file named .txt and a 9 MB file: each named in a message, the issue unchanged', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    for (const [name, buffer, code] of [
      ['空稿.txt', Buffer.alloc(0), 'empty'],
      ['照片.txt', png, 'binary'],
      ['巨大.txt', Buffer.alloc(9 * 1024 * 1024, 0x61), 'too-large'],
    ] as const) {
      await page.setInputFiles('[data-testid=import-copy-input]', { name, mimeType: 'text/plain', buffer });
      const problem = page.locator('[data-testid=copy-problem]');
      await problem.waitFor({ timeout: 30_000 });
      assert.equal(await problem.getAttribute('data-code'), code);
      assert.match((await problem.textContent())!, new RegExp(name.replace('.', '\\.')));
      await page.click('[data-testid=copy-close]');
      assert.equal(await rows(), 0, `${name}: no story added`);
      assert.equal(await page.getAttribute('[data-testid=workspace]', 'data-dirty'), '0', `${name}: the issue is unchanged`);
      assert.equal(await page.isDisabled('[data-testid=undo]'), true);
    }
  });

  test('the corpus page imported, reviewed, laid out on the blank page with no overset; one Ctrl+Z undoes the layout, redo brings it back', async () => {
    await page.setInputFiles('[data-testid=import-copy-input]', { name: '河西报.txt', mimeType: 'text/plain', buffer: readFileSync(CORPUS) });
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 30_000 });
    assert.equal(await report.getAttribute('data-stories'), '11');
    assert.equal(await page.locator('[data-testid=import-story]').count(), 11);
    assert.equal(await page.getAttribute('[data-testid=import-changes][data-kind=repeated]', 'data-count'), '1', 'the repeated paragraph is flagged');
    assert.ok(Number(await page.getAttribute('[data-testid=import-changes][data-kind=joined]', 'data-count')) >= 5, 'broken lines joined');
    assert.equal(await rows(), 11);
    assert.equal(await page.locator('.bs-ws-fit-unplaced').count(), 11, 'imported stories are unplaced');
    assert.equal(await frames(), 0);

    const t0 = Date.now();
    await page.click('[data-testid=copy-layout]');
    const outcome = page.locator('[data-testid=layout-outcome]');
    await outcome.waitFor({ timeout: 30_000 });
    const ms = Date.now() - t0;
    assert.equal(await outcome.getAttribute('data-placed'), '11');
    assert.equal(await outcome.getAttribute('data-unplaced'), '0');
    assert.equal(await page.locator('[data-testid=layout-note]').count(), 0, 'nothing left to report');
    const busy = await layoutBusy();
    assert.ok(busy, 'while the layout ran, the status bar said so');
    assert.match(busy.text, /排入未上版稿件|Laying out unplaced stories/);
    assert.deepEqual([busy.toolbar, busy.panel, busy.dialog], [true, true, true], 'and its buttons were off');
    await page.locator('[data-testid=layout-busy]').waitFor({ state: 'detached', timeout: 5_000 });
    process.stdout.write(`# corpus laid out in the app: ${ms} ms click to outcome\n`);
    await page.click('[data-testid=copy-close]');
    await page.evaluate(frame);

    assert.equal(await page.locator('.bs-ws-page').count(), 1, 'on the blank page, no page added');
    assert.ok((await frames()) >= 11, 'a story frame per story');
    const states = await page.locator('[data-testid=story-row] [data-testid=fit]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.state));
    assert.equal(states.length, 11);
    assert.deepEqual([...new Set(states)], ['fits']);
    assert.equal(await page.locator('[data-testid=overset-marker]').count(), 0);
    assert.ok((await page.locator('.bs-ws-page svg text').count()) > 100, 'the copy is painted on the page');

    await page.locator('[data-testid=workspace] .bs-ws-statusbar').click();
    await page.keyboard.press('Control+z');
    await page.evaluate(frame);
    assert.equal(await frames(), 0, 'one Ctrl+Z takes the whole layout back');
    assert.equal(await page.locator('.bs-ws-fit-unplaced').count(), 11);
    assert.equal(await rows(), 11, 'the imported stories stay');
    await page.keyboard.press('Control+Shift+z');
    await page.evaluate(frame);
    assert.ok((await frames()) >= 11, 'redo lays them out again');
  });

  test('plain text of two stories pasted into the stories panel comes in as two unplaced stories', async () => {
    const before = await rows();
    await page.locator('[data-testid=stories-panel]').focus();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '社区食堂开张\n\n本报讯 记者 王明\n\n社区食堂昨天开张，老人们在家门口吃上了热饭。\n\n\n\n图书馆延长开放时间\n\n本报讯 通讯员 李华\n\n区图书馆从下周起每晚开放到九点。\n');
      document.querySelector('[data-testid=stories-panel]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.locator('[data-testid=import-report]').waitFor();
    assert.equal(await page.getAttribute('[data-testid=import-report]', 'data-stories'), '2');
    await page.click('[data-testid=copy-close]');
    assert.equal(await rows(), before + 2);
    assert.equal(await page.locator('.bs-ws-fit-unplaced').count(), 2);
    // The panel's own button lays them out (new page after the laid-out one).
    await page.click('[data-testid=stories-layout-unplaced]');
    await page.locator('[data-testid=layout-outcome]').waitFor();
    assert.equal(await page.getAttribute('[data-testid=layout-outcome]', 'data-placed'), '2');
    assert.ok(await layoutBusy(), 'the busy status showed for this layout too');
    await page.locator('[data-testid=layout-busy]').waitFor({ state: 'detached', timeout: 5_000 });
    await page.click('[data-testid=copy-close]');
    assert.equal(await page.locator('.bs-ws-fit-unplaced').count(), 0);
  });
});
