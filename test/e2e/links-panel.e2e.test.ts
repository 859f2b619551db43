import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Issue } from '../../core/model/issue.js';
import { hashFile } from '../../node/store/index.js';
import { oneStoryIssue, writeIssue, writePhoto } from '../fixtures/build.js';
import { openApp, root, type OpenedApp } from './app-host.js';

// The Links panel in the real app (`broadsheet serve`, Chromium, zh-CN): an issue folder with one
// good photo, one missing and one symbolic link to a file outside the folder. The panel shows the
// three states in Chinese, the page with the missing photo is marked in the pages panel at once,
// the outside link is accepted after a confirm naming its real file, and the missing photo is
// relinked through the panel's file picker (the file goes as a streamed upload).

describe('the Links panel', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let top: string;
  let dir: string;
  let issuePath: string;
  const wire = () => join(top, 'wire-library', 'wire.jpg');

  before(async () => {
    top = mkdtempSync(join(tmpdir(), 'bs-links-e2e-'));
    mkdirSync(join(top, 'wire-library'));
    await writePhoto(wire(), 1200, 800, 3);
    dir = join(top, 'issue');
    mkdirSync(join(dir, 'photos'), { recursive: true });
    await writePhoto(join(dir, 'photos', 'good.jpg'), 1600, 1200, 1);
    symlinkSync(wire(), join(dir, 'photos', 'wire.jpg'));
    const issue: Issue = oneStoryIssue('正文。', { photo: { path: 'photos/good.jpg', widthPx: 1600, heightPx: 1200 } });
    issue.assets[0].hash = await hashFile(join(dir, 'photos', 'good.jpg'));
    issue.assets.push({ id: 'gone', path: 'photos/gone.jpg', widthPx: 900, heightPx: 600 }, { id: 'wire', path: 'photos/wire.jpg', widthPx: 1200, heightPx: 800 });
    issue.pages[0].frames.push(
      { id: 'ph-gone', type: 'photo', assetId: 'gone', rect: { column: 0, span: 2, line: 22, lines: 12 }, fit: 'fill', caption: 'none' },
      { id: 'ph-wire', type: 'photo', assetId: 'wire', rect: { column: 2, span: 3, line: 22, lines: 12 }, fit: 'fill', caption: 'none' },
    );
    issuePath = writeIssue(dir, issue).issuePath;
    app = await openApp(['--issue', issuePath]);
    page = app.page;
    await page.waitForSelector('[data-testid=workspace] .bs-ws-page', { timeout: 90_000 });
  });
  after(async () => {
    await app?.close();
    if (top) rmSync(top, { recursive: true, force: true });
  });

  const row = (id: string) => page.locator(`[data-testid=link-row][data-asset="${id}"]`);

  test('opens in Chinese with the three states; the page with the missing photo is marked at once', async () => {
    // Flagged before the panel is ever opened.
    await page.locator('[data-testid=page-thumb] [data-testid=page-links-broken]').waitFor({ timeout: 20_000 });
    // And on the frames themselves: 缺图 on the missing one, 文件夹外 on the link out.
    await page.locator('[data-testid=frame-flag] [data-kind=photo-missing]', { hasText: '缺图' }).waitFor();
    await page.locator('[data-testid=frame-flag] [data-kind=photo-outside]', { hasText: '文件夹外' }).waitFor();
    await page.keyboard.press('Control+Shift+L');
    await page.locator('[data-testid=links-panel]').waitFor();
    await row('wire').waitFor();
    assert.equal(await page.locator('[data-testid=links-panel] h2').textContent(), '链接');
    assert.equal(await row('p1').getAttribute('data-status'), 'ok');
    assert.equal(await row('gone').getAttribute('data-status'), 'missing');
    assert.equal(await row('wire').getAttribute('data-status'), 'outside');
    assert.equal(await row('p1').locator('[data-testid=link-status]').textContent(), '正常');
    assert.equal(await row('gone').locator('[data-testid=link-status]').textContent(), '缺失');
    assert.equal(await row('wire').locator('[data-testid=link-status]').textContent(), '文件夹外');
    assert.match((await row('wire').textContent())!, /wire-library\/wire\.jpg/, 'the real target is named');
    assert.match((await row('gone').textContent())!, /第 1 版/);
    assert.match((await row('p1').textContent())!, /1600×1200/);
    // Broken rows are red.
    assert.match((await row('gone').getAttribute('class'))!, /is-broken/);
    assert.doesNotMatch((await row('p1').getAttribute('class'))!, /is-broken/);
    // Clicking a row selects its frame.
    await row('gone').locator('td').nth(1).click();
    await page.locator('.bs-ws-frame.is-selected[data-frame="ph-gone"]').waitFor();
    mkdirSync(join(root, 'docs'), { recursive: true });
    await page.locator('[data-testid=links-panel]').screenshot({ path: join(root, 'docs', 'links-panel.png') });
  });

  test('accepting the outside link asks first, naming its real file; then it is 已接受的外部链接 and saves with the issue', async () => {
    // Not served before it is accepted: the page shows no picture for it.
    const wireImage = page.locator('.bs-ws-page svg g[data-asset="wire"] image[href^="blob:"]');
    assert.equal(await wireImage.count(), 0);
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await row('wire').locator('[data-testid=link-accept]').click();
    await page.locator('[data-testid=link-row][data-asset="wire"][data-status="outside-accepted"]').waitFor();
    assert.ok(asked.includes(wire()), asked);
    assert.equal(await row('wire').locator('[data-testid=link-status]').textContent(), '已接受的外部链接');
    // Served once accepted: the page fetches it again and paints it.
    await wireImage.first().waitFor({ state: 'attached', timeout: 10_000 });
    await page.keyboard.press('Control+s');
    await page.locator('[data-testid=dirty]', { hasText: '已保存' }).waitFor();
    const saved = JSON.parse(readFileSync(issuePath, 'utf8')) as Issue;
    assert.deepEqual(saved.assets.find((a) => a.id === 'wire')!.acceptedOutside, { realPath: wire(), hash: await hashFile(wire()) });
  });

  test('the missing photo is relinked through the file picker: uploaded, copied into photos/, then 正常', async () => {
    const bytes = readFileSync(join(dir, 'photos', 'good.jpg'));
    const chooser = page.waitForEvent('filechooser');
    await row('gone').locator('[data-testid=link-relink]').click();
    await (await chooser).setFiles({ name: '新图.jpg', mimeType: 'image/jpeg', buffer: bytes });
    await page.locator('[data-testid=link-row][data-asset="gone"][data-status="ok"]').waitFor({ timeout: 20_000 });
    assert.equal(await row('gone').locator('[data-testid=link-status]').textContent(), '正常');
    assert.ok(existsSync(join(dir, 'photos', '新图.jpg')));
    assert.deepEqual(readFileSync(join(dir, 'photos', '新图.jpg')), bytes);
    await page.locator('.bs-ws-page svg g[data-asset="gone"] image[href^="blob:"]').first().waitFor({ state: 'attached', timeout: 10_000 });
    // No page is marked any more, nor the frame.
    await page.locator('[data-testid=page-links-broken]').waitFor({ state: 'detached' });
    await page.locator('[data-testid=frame-flag] [data-kind=photo-missing]').waitFor({ state: 'detached' });
    // One undoable step.
    assert.equal(await page.locator('[data-testid=dirty]').textContent(), '未保存');
  });
});
