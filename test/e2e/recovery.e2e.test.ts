import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { editStoryInFrame, ensureRendererBuilt, launchChromium, root, serve } from './app-host.js';

// Issue files, in the app: text typed on the page reaches the recovery file within seconds;
// the host is killed (a crash: nothing saved); the next start offers the edits, and restoring
// shows them on the page. The issue file itself is untouched until the editor saves.


// The host runs in the C locale; the pages' browser asks for Chinese, and the UI follows the browser.
const serveIssue = (issue: string) => serve(['--issue', issue], { LANG: 'C', LC_ALL: '' });

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('autosave and recovery in the app', () => {
  let browser: Browser;
  let dir: string;
  const children: ChildProcess[] = [];
  before(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'bs-recovery-e2e-'));
    cpSync(join(root, 'assets', 'sample'), dir, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const c of children) c.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('typed text survives a crash of the host: offered at the next start, restored on the page, the stale lock taken over and saved', async () => {
    const file = join(dir, 'sample.broadsheet');
    const recovery = join(dir, '.sample.broadsheet.recovery');
    const original = readFileSync(file, 'utf8');
    const first = await serveIssue(file);
    children.push(first.child);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(first.url);
    await page.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 90_000 });
    await editStoryInFrame(page, 'ear', 's-ear');
    await page.keyboard.insertText('恢复测试');
    await until('the recovery file', () => existsSync(recovery) && readFileSync(recovery, 'utf8').includes('恢复测试'));
    first.child.kill('SIGKILL');
    await page.close();
    assert.equal(readFileSync(file, 'utf8'), original, 'the issue file is untouched until saved');

    const second = await serveIssue(file);
    children.push(second.child);
    const again = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await again.goto(second.url);
    await again.waitForSelector('.bs-recovery', { timeout: 90_000 });
    assert.match((await again.locator('.bs-recovery').textContent())!, /未保存的修改|were not saved \(1 change\)/);
    await again.getByRole('button', { name: /^(恢复|Restore)$/ }).click();
    await again.waitForFunction(() => [...document.querySelectorAll('.bs-ws-page svg text')].some((t) => (t.textContent ?? '').includes('恢复测试')), null, { timeout: 60_000 });
    assert.equal(await again.locator('.bs-recovery').count(), 0, 'the offer goes once taken');
    assert.ok(existsSync(recovery), 'the recovery file stays until a normal save');

    // The killed host left its lock: the issue is read-only, and says so in Chinese with a one-click takeover.
    const banner = again.locator('.bs-lock');
    await banner.waitFor({ timeout: 10_000 });
    assert.equal(await banner.getAttribute('data-stale'), '1');
    assert.match((await banner.textContent())!, /以只读方式打开.*打开它的程序已不在运行/);
    assert.equal(await again.getByTestId('save').isDisabled(), true);
    await again.getByRole('button', { name: '接管并编辑' }).click();
    await again.waitForFunction(() => !document.querySelector('.bs-lock'), null, { timeout: 30_000 });
    await again.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 60_000 });
    // The restored edits are unsaved: Save is offered at once, and writes them.
    await again.waitForFunction(() => !(document.querySelector('[data-testid=save]') as HTMLButtonElement | null)?.disabled, null, { timeout: 10_000 });
    await again.getByTestId('save').click();
    await until('the save', () => readFileSync(file, 'utf8').includes('恢复测试'));
    await until('the recovery file to go', () => !existsSync(recovery));
    assert.notEqual(JSON.parse(readFileSync(join(dir, '.sample.broadsheet.lock'), 'utf8')).pid, first.child.pid, 'the lock is the new host’s');
  });

  test('two tabs on one issue: the second opens read-only without a recovery offer, takes over with the first tab’s autosaved edits, and the first is told', async () => {
    const tabsDir = mkdtempSync(join(tmpdir(), 'bs-tabs-e2e-'));
    cpSync(join(root, 'assets', 'sample'), tabsDir, { recursive: true });
    const file = join(tabsDir, 'sample.broadsheet');
    const recovery = join(tabsDir, '.sample.broadsheet.recovery');
    const host = await serveIssue(file);
    children.push(host.child);
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    try {
      const a = await context.newPage();
      await a.goto(host.url);
      await a.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 90_000 });
      await editStoryInFrame(a, 'ear', 's-ear');
      await a.keyboard.insertText('甲页修改');
      await until('tab A’s autosave', () => existsSync(recovery) && readFileSync(recovery, 'utf8').includes('甲页修改'));

      const b = await context.newPage();
      b.on('dialog', (d) => void d.accept());
      await b.goto(host.url);
      const banner = b.locator('.bs-lock');
      await banner.waitFor({ timeout: 90_000 });
      assert.match((await banner.textContent())!, /另一个标签页正在编辑/);
      assert.equal(await b.locator('.bs-recovery').count(), 0, 'tab A’s autosave is not a crash to recover from');
      assert.equal(await b.getByTestId('save').isDisabled(), true);

      await b.getByRole('button', { name: '在此标签页编辑' }).click();
      // Opened again, editable: tab A's autosaved edits are offered, restored, and saved from here.
      await b.waitForSelector('.bs-recovery', { timeout: 60_000 });
      assert.equal(await b.locator('.bs-lock').count(), 0);
      await b.getByRole('button', { name: '恢复' }).click();
      await b.waitForFunction(() => [...document.querySelectorAll('.bs-ws-page svg text')].some((t) => (t.textContent ?? '').includes('甲页修改')), null, { timeout: 60_000 });
      await b.waitForFunction(() => !(document.querySelector('[data-testid=save]') as HTMLButtonElement | null)?.disabled, null, { timeout: 10_000 });
      await b.getByTestId('save').click();
      await until('tab B’s save', () => readFileSync(file, 'utf8').includes('甲页修改'));

      // Tab A learns within seconds: read-only, its text still on its page.
      const told = a.locator('.bs-lock');
      await told.waitFor({ timeout: 20_000 });
      assert.match((await told.textContent())!, /另一个标签页正在编辑/);
      assert.equal(await a.getByTestId('save').isDisabled(), true);
      // (The page is painted again read-only; the frame shows the edited text once its fonts are in.)
      await a.waitForFunction(() => [...document.querySelectorAll('.bs-ws-page svg text')].some((t) => (t.textContent ?? '').includes('甲页修改')), null, { timeout: 60_000 });
      if (process.env.BROADSHEET_SHOTS) await a.screenshot({ path: join(process.env.BROADSHEET_SHOTS, 'tab-taken-over.png') });
    } finally {
      await context.close();
      host.child.kill('SIGKILL');
      rmSync(tabsDir, { recursive: true, force: true });
    }
  });
});
