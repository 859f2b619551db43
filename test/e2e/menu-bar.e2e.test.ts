import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, root, type OpenedApp } from './app-host.js';

// The browser host's File menu (issue 22 item 2), as an editor in Chinese uses it through
// `broadsheet serve` in Chromium: a new issue from a template picked by its thumbnail, saved
// with Save As into a folder browsed to, opened again from Open… and from Open Recent, the export
// dialog reached from the menu proposing a PDF beside the saved file. HOME is a throwaway folder:
// the dialogs browse it, never the machine's real home, and a link out of it is not followed.

describe('the in-page menu bar and its dialogs', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let dir: string;
  let home: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-menubar-'));
    home = join(dir, 'home');
    mkdirSync(join(home, '版面', '第46期'), { recursive: true });
    mkdirSync(join(dir, 'private'));
    symlinkSync(join(dir, 'private'), join(home, 'link-out'));
    cpSync(join(root, 'assets', 'sample'), join(dir, 'desk'), { recursive: true });
    app = await openApp(['--issue', join(dir, 'desk', 'sample.broadsheet'), '--recent', join(home, 'recent.json')], { env: { HOME: home } });
    page = app.page;
    await page.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 90_000 });
  });
  after(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const menu = (name: string) => page.getByRole('menubar').getByRole('menuitem', { name, exact: true });
  const item = (name: RegExp) => page.getByRole('menu').getByRole('menuitem', { name });

  test('the menu bar: File, Edit, View, Help in Chinese; items show their keys; Escape closes', async () => {
    for (const m of ['文件', '编辑', '视图', '帮助']) await menu(m).waitFor();
    await menu('文件').click();
    await item(/^打开….*Ctrl\+O$/).waitFor();
    await item(/^另存为….*Ctrl\+Shift\+S$/).waitFor();
    await item(/^导出 PDF…/).waitFor();
    // Hovering another menu while one is open switches to it, as a desktop menu bar does.
    await menu('视图').hover();
    await item(/^适合页面/).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('menu').count(), 0);
  });

  test('Preflight panel (Ctrl+Shift+F, or File ▸ 印前检查): findings of the issue as edited; a click goes there; it checks again after an edit', async () => {
    await page.keyboard.press('Control+Shift+F');
    const panel = page.getByTestId('preflight-panel');
    await panel.getByTestId('preflight-summary').filter({ hasText: '0 个错误，2 个提示' }).waitFor();
    const photo = panel.getByTestId('preflight-finding').filter({ hasText: 'A02' });
    await photo.getByRole('button').click();
    // Page 2 is current and the photo's frame selected: the inspector shows the photo.
    await page.locator('[data-testid=inspector]').getByText('photos/qingshi-lane.jpg').waitFor();
    await page.keyboard.press('Delete');
    await panel.getByTestId('preflight-summary').filter({ hasText: '0 个错误，1 个提示' }).waitFor();
    await page.keyboard.press('Control+z');
    await panel.getByTestId('preflight-summary').filter({ hasText: '0 个错误，2 个提示' }).waitFor();
    // The same from the menu closes it again.
    await menu('文件').click();
    await item(/^印前检查.*Ctrl\+Shift\+F$/).click();
    await panel.waitFor({ state: 'detached' });
  });

  test('New Issue…: templates as thumbnails; the chosen one is the first page’s', async () => {
    await menu('文件').click();
    await item(/^新建期刊…/).click();
    const dialog = page.getByTestId('new-issue-dialog');
    await dialog.waitFor();
    const cards = dialog.locator('[role=radio]');
    assert.ok((await cards.count()) >= 4, 'every bundled template offered');
    // Each card is a painted page (the masthead's furniture), with its grid and slots.
    assert.ok((await dialog.locator('.bs-new-template svg text').count()) > 0, 'thumbnails are composed pages');
    assert.ok((await dialog.locator('.bs-new-slot').count()) > 4, 'slots drawn over the thumbnails');
    await dialog.locator('[data-template=broadsheet-8col]').click();
    await dialog.getByTestId('new-paper').fill('东湖周报');
    await dialog.getByTestId('new-create').click();
    await page.getByText('已新建期刊（未保存）').waitFor();
    await page.locator('.bs-title', { hasText: '东湖周报' }).waitFor();
    // 对开 8 栏: the ruler counts 8 columns of 字 across the page.
    await page.locator('[data-testid=inspector]').waitFor();
  });

  test('Save (no file yet) asks where: browse into a folder, name it, the file is written', async () => {
    // Type something so there is an edit to save (the new issue's inspector: 报名 field is one edit too).
    await page.keyboard.press('Control+s');
    const dialog = page.getByTestId('file-dialog');
    await dialog.waitFor();
    await dialog.getByRole('heading', { name: '期刊另存为' }).waitFor();
    await dialog.getByRole('button', { name: '主文件夹' }).click();
    await dialog.getByTestId('file-folder').filter({ hasText: home }).waitFor();
    // The link out of home is not listed; the folder is.
    await dialog.getByRole('option', { name: /版面/ }).waitFor();
    assert.equal(await dialog.getByRole('option', { name: /link-out/ }).count(), 0);
    await dialog.getByRole('option', { name: /版面/ }).dblclick();
    await dialog.getByRole('option', { name: /第46期/ }).dblclick();
    await dialog.getByTestId('file-folder').filter({ hasText: '第46期' }).waitFor();
    await dialog.getByTestId('file-name').fill('东湖/周报');
    await dialog.getByTestId('file-choose').click();
    await dialog.getByTestId('file-error').filter({ hasText: '文件名不能为空' }).waitFor();
    await dialog.getByTestId('file-name').fill('东湖周报 第1期');
    await dialog.getByTestId('file-choose').click();
    await dialog.waitFor({ state: 'detached' });
    const saved = join(home, '版面', '第46期', '东湖周报 第1期.broadsheet');
    // The status bar names the file once the save is done (the session is then on that file).
    await page.locator('.bs-ws-statusbar').getByText(saved).waitFor();
    const issue = JSON.parse(readFileSync(saved, 'utf8'));
    assert.equal(issue.paper, '东湖周报');
    assert.equal(issue.pages[0].templateId, 'broadsheet-8col');
  });

  test('Save As over an existing file asks before replacing it', async () => {
    await page.keyboard.press('Control+Shift+s');
    const dialog = page.getByTestId('file-dialog');
    await dialog.getByRole('option', { name: /东湖周报 第1期\.broadsheet/ }).click();
    await dialog.getByTestId('file-choose').click();
    await dialog.getByTestId('file-confirm').filter({ hasText: '已存在' }).waitFor();
    assert.equal(await dialog.getByTestId('file-choose').textContent(), '替换');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('Open…: back to the sample through the dialog; Open Recent lists the saved issue and opens it', async () => {
    await page.keyboard.press('Control+o');
    const dialog = page.getByTestId('file-dialog');
    await dialog.getByRole('heading', { name: '打开期刊' }).waitFor();
    // It starts in the shown issue's folder.
    await dialog.getByTestId('file-folder').filter({ hasText: '第46期' }).waitFor();
    await dialog.getByRole('button', { name: '启动期刊所在文件夹' }).click();
    await dialog.getByRole('option', { name: /sample\.broadsheet/ }).dblclick();
    await page.locator('.bs-title', { hasText: '云杉区报' }).waitFor();
    await menu('文件').click();
    await item(/^最近打开/).click();
    const recent = page.getByTestId('menu-open-recent');
    await recent.getByRole('menuitem', { name: /东湖周报 — 东湖周报 第1期\.broadsheet/ }).click();
    await page.locator('.bs-title', { hasText: '东湖周报' }).waitFor();
  });

  test('Open… a damaged issue: the banner says why in Chinese, naming the file; the shown issue stays', async () => {
    writeFileSync(join(dir, 'desk', '损坏.broadsheet'), '');
    await page.keyboard.press('Control+o');
    const dialog = page.getByTestId('file-dialog');
    await dialog.getByRole('button', { name: '启动期刊所在文件夹' }).click();
    await dialog.getByRole('option', { name: /损坏\.broadsheet/ }).dblclick();
    const banner = page.getByRole('alert').filter({ hasText: '损坏.broadsheet' });
    await banner.waitFor();
    assert.match(await banner.innerText(), /无法打开“损坏\.broadsheet”：文件是空的/);
    assert.doesNotMatch(await banner.innerText(), /Cannot open/);
    await page.locator('.bs-title', { hasText: '东湖周报' }).waitFor();
    await banner.getByRole('button').click();
  });

  test('Export PDF… from the menu: the export dialog proposes a PDF beside the issue', async () => {
    await menu('文件').click();
    await item(/^导出 PDF…/).click();
    const output = page.getByTestId('export-output');
    await output.waitFor();
    assert.equal(await output.inputValue(), join(home, '版面', '第46期', '东湖周报 第1期.pdf'));
  });

  test('Export as the CLI does: this page, one PDF per page named for the plant, bleed and crop marks; the result downloads', async () => {
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-pages').fill('1-x');
    await dialog.getByTestId('export-problem').filter({ hasText: '版次写法' }).waitFor();
    assert.equal(await dialog.getByTestId('export-run').isDisabled(), true);
    await dialog.getByTestId('export-current').check();
    await dialog.getByTestId('export-split').check();
    const folder = join(home, '版面', '第46期', '东湖周报 第1期 PDF');
    assert.equal(await dialog.getByTestId('export-folder').inputValue(), folder);
    await dialog.getByTestId('export-bleed').fill('25');
    await dialog.getByTestId('export-problem').filter({ hasText: '出血' }).waitFor();
    await dialog.getByTestId('export-bleed').fill('3');
    await dialog.getByTestId('export-marks').check();
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-done').waitFor({ timeout: 120_000 });
    const written = readdirSync(folder);
    assert.deepEqual(written, [`${new Date().toISOString().slice(0, 10)}_A01.pdf`]);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
    assert.equal(download.suggestedFilename(), written[0]);
    const got = join(dir, 'downloaded.pdf');
    await download.saveAs(got);
    assert.deepEqual(readFileSync(got), readFileSync(join(folder, written[0])));
    // 3 mm of bleed on every side (8.5 pt), and room for the crop marks outside it.
    const box = execFileSync('pdfinfo', ['-box', got], { encoding: 'utf8' });
    const size = (name: string) => box.match(new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`))!.slice(1).map(Number);
    const [tx0, , tx1] = size('TrimBox');
    const [bx0, , bx1] = size('BleedBox');
    assert.ok(Math.abs(tx0 - bx0 - 8.5) < 0.2 && Math.abs(bx1 - tx1 - 8.5) < 0.2, box);
    const [mx0] = size('MediaBox');
    assert.ok(bx0 - mx0 > 5, `crop marks need room outside the bleed: ${box}`);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('File ▸ 打包…: the issue with its photos and templates into a zip beside it', async () => {
    await menu('文件').click();
    await item(/^打包…/).click();
    const dialog = page.getByTestId('package-dialog');
    const to = join(home, '版面', '第46期', '东湖周报 第1期 打包.zip');
    assert.equal(await dialog.getByTestId('package-to').inputValue(), to);
    await dialog.getByTestId('package-run').click();
    await dialog.getByTestId('package-done').filter({ hasText: '已打包到' }).waitFor();
    assert.ok(readFileSync(to).subarray(0, 2).toString() === 'PK', 'a zip');
    assert.equal(await dialog.getByTestId('package-run').isDisabled(), true, 'done: packaging again needs another name');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
