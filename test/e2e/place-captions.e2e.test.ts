import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import type { Issue } from '../../core/model/issue.js';
import { hashFile, serializeIssue } from '../../node/store/index.js';
import { oneStoryIssue, writePhoto } from '../fixtures/build.js';
import { openApp, root, type OpenedApp } from './app-host.js';

// Photos and captions in the real app (`broadsheet serve`, Chromium, zh-CN): Place… (Ctrl+D) with
// the page's file chooser into an empty frame and as new frames, one undo step; a text file
// refused by name; the inspector on a missing photo shows 缺图 and relinks; a caption edited on
// the page (double click, type, Enter) is what the page then shows, and undo takes it back; a
// photo placed into a new, unsaved issue asks Save As first (cancel: nothing; save: placed).

describe('Place… and captions on the page', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let top: string;
  let home: string;
  let issuePath: string;
  const pics = () => join(top, 'pics');
  let nextChooser: ((fc: FileChooser) => void) | null = null;

  before(async () => {
    top = mkdtempSync(join(tmpdir(), 'bs-place-e2e-'));
    home = join(top, 'home');
    mkdirSync(join(home, '版面'), { recursive: true });
    mkdirSync(pics());
    await writePhoto(join(pics(), '晨练.jpg'), 2400, 1600, 5);
    await writePhoto(join(pics(), '夜景.jpg'), 1800, 1200, 6);
    await writePhoto(join(pics(), 'fix.jpg'), 900, 600, 7);
    writeFileSync(join(pics(), 'notes.txt'), '这不是图片');
    writeFileSync(join(pics(), 'broken.jpg'), 'not a jpeg at all');
    const dir = join(top, 'issue');
    mkdirSync(join(dir, 'photos'), { recursive: true });
    await writePhoto(join(dir, 'photos', 'good.jpg'), 1600, 1200, 1);
    const issue: Issue = oneStoryIssue('正文。', { photo: { path: 'photos/good.jpg', widthPx: 1600, heightPx: 1200 } });
    issue.assets[0].hash = await hashFile(join(dir, 'photos', 'good.jpg'));
    issue.assets.push({ id: 'gone', path: 'photos/gone.jpg', widthPx: 900, heightPx: 600 });
    // A figure of the lead story shown in a photo frame: its caption is the story's.
    issue.stories[0].doc = {
      type: 'doc',
      content: [
        ...((issue.stories[0].doc as unknown as { content: unknown[] }).content),
        { type: 'figure', content: [{ type: 'photo', attrs: { assetId: 'p1' } }, { type: 'caption', content: [{ type: 'text', text: '清晨的湖边步道。' }] }] },
      ],
    } as Issue['stories'][number]['doc'];
    // An inside page (running head, no masthead under the photos).
    issue.pages[0].templateId = 'broadsheet-8col-inside';
    issue.pages[0].frames = issue.pages[0].frames.filter((f) => f.id !== 'ph');
    issue.pages[0].frames.push(
      { id: 'ph-fig', type: 'photo', assetId: 'p1', storyId: 'lead', figure: 0, rect: { column: 2, span: 3, line: 0, lines: 20 }, fit: 'fill', caption: 'below' },
      { id: 'ph-solo', type: 'photo', assetId: 'p1', rect: { column: 5, span: 3, line: 0, lines: 20 }, fit: 'fill', caption: 'below', captionText: '市民在公园晨练。' },
      { id: 'ph-gone', type: 'photo', assetId: 'gone', rect: { column: 0, span: 2, line: 22, lines: 12 }, fit: 'fill', caption: 'none' },
      { id: 'ph-empty', type: 'photo', assetId: null, rect: { column: 2, span: 3, line: 22, lines: 16 }, fit: 'fill', caption: 'none' },
    );
    // Written as it is (writeIssue would put the first known template on every page).
    issuePath = join(dir, 'issue.broadsheet');
    writeFileSync(issuePath, serializeIssue(issue));
    app = await openApp(['--issue', issuePath], { env: { HOME: home } });
    page = app.page;
    // One listener for the whole run keeps file-chooser interception on (enabling it per wait races the key press).
    page.on('filechooser', (fc) => nextChooser?.(fc));
    await page.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 90_000 });
    await page.locator('[data-testid=fonts-loading]').waitFor({ state: 'detached', timeout: 60_000 });
  });
  after(async () => {
    await app?.close();
    if (top) rmSync(top, { recursive: true, force: true });
  });

  const frame = (id: string) => page.locator(`.bs-ws-frame[data-frame="${id}"]`);
  const inspector = () => page.getByTestId('inspector');
  const message = () => page.getByTestId('message');
  const photoFrames = () => page.locator('.bs-ws-page[data-page-index="0"] .bs-ws-frame-photo');
  const pageText = async () => (await page.locator('.bs-ws-page[data-page-index="0"] svg').first().textContent()) ?? '';
  const select = async (id: string) => {
    await frame(id).scrollIntoViewIfNeeded();
    const b = (await frame(id).boundingBox())!;
    await page.mouse.click(b.x + 6, b.y + 6);
    await page.locator(`.bs-ws-frame.is-selected[data-frame="${id}"]`).waitFor();
  };
  const place = async (files: string[]) => {
    const chooser = new Promise<FileChooser>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no file chooser after Ctrl+D')), 20_000);
      nextChooser = (fc) => {
        clearTimeout(timer);
        nextChooser = null;
        resolve(fc);
      };
    });
    await page.keyboard.press('Control+d');
    const fc = await chooser;
    assert.ok(fc.isMultiple(), 'several photos at once');
    await fc.setFiles(files);
  };

  test('the inspector on a missing photo: 缺图 and Relink…, not the pixels and ppi recorded when it was placed', async () => {
    await page.locator('[data-testid=frame-flag] [data-kind=photo-missing]').waitFor({ timeout: 20_000 });
    await select('ph-gone');
    const status = inspector().getByTestId('photo-status');
    await status.waitFor();
    assert.equal(await status.getAttribute('data-kind'), 'missing');
    assert.match((await status.textContent())!, /缺图/);
    assert.match((await status.textContent())!, /photos\/gone\.jpg/);
    assert.equal(await inspector().getByText('900 × 600 像素').count(), 0, 'the old pixel size is not shown');
    assert.equal(await inspector().getByTestId('photo-ppi').count(), 0, 'nor a ppi');
    // Relink from the inspector: the Links panel's relink (an upload), then the real pixels.
    await inspector().getByTestId('photo-relink-file').setInputFiles(join(pics(), 'fix.jpg'));
    await status.waitFor({ state: 'detached', timeout: 20_000 });
    await inspector().getByText('900 × 600 像素').waitFor();
    await inspector().getByTestId('photo-ppi').waitFor();
    // A photo whose file is there shows its pixels as before.
    await select('ph-solo');
    await inspector().getByText('1600 × 1200 像素').waitFor();
    assert.equal(await inspector().getByTestId('photo-status').count(), 0);
  });

  test('Place… (Ctrl+D) into a selected empty frame: the first photo fills it, the second is a new frame; one undo step', async () => {
    const before = await photoFrames().count();
    await select('ph-empty');
    await place([join(pics(), '晨练.jpg'), join(pics(), '夜景.jpg')]);
    await message().filter({ hasText: '已置入 2 张图片' }).waitFor({ timeout: 30_000 });
    assert.equal(await photoFrames().count(), before + 1);
    // The frames placed into are selected: the empty one filled, the new one on the same page.
    assert.equal(await page.locator('.bs-ws-frame.is-selected').count(), 2);
    assert.equal(await frame('ph-empty').locator('.bs-ws-empty-photo').count(), 0, 'no longer empty');
    await page.locator('.bs-ws-page[data-page-index="0"] svg image').nth(3).waitFor({ state: 'attached' });
    assert.ok(existsSync(join(top, 'issue', 'photos', '晨练.jpg')) && existsSync(join(top, 'issue', 'photos', '夜景.jpg')), 'copied beside the issue');
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    assert.equal(await photoFrames().count(), before, 'one undo takes both back');
    await frame('ph-empty').locator('.bs-ws-empty-photo').waitFor();
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await photoFrames().count(), before + 1);
  });

  test('Place… of a text file or a broken image: the file is named, nothing changes', async () => {
    const before = await photoFrames().count();
    await select('ph-solo');
    await place([join(pics(), 'notes.txt')]);
    await message().filter({ hasText: '“notes.txt”不是可置入的图片' }).waitFor();
    await place([join(pics(), '夜景.jpg'), join(pics(), 'broken.jpg')]);
    await message().filter({ hasText: '“broken.jpg”读不出图片' }).waitFor({ timeout: 30_000 });
    assert.equal(await photoFrames().count(), before);
    await inspector().getByText('1600 × 1200 像素').waitFor();
  });

  /** Double-clicks the last grid line of a photo frame (its one caption line under the photo), at 100 %. */
  const dblclickCaption = async (id: string) => {
    await page.selectOption('[data-testid=zoom]', '1');
    // The zoom scrolls the page into view a frame later: measure once the frame stands still.
    let b = (await frame(id).boundingBox())!;
    for (let i = 0; i < 20; i++) {
      await frame(id).scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const next = (await frame(id).boundingBox())!;
      if (next.x === b.x && next.y === b.y && next.width === b.width) break;
      b = next;
    }
    await page.mouse.dblclick(b.x + 20, b.y + b.height - 6);
    return page.getByTestId('caption-editor');
  };

  test('a standalone caption edited on the page: double click, type, Enter — the page shows it; undo takes it back', async () => {
    assert.match(await pageText(), /市民在公园晨练。/);
    const editor = await dblclickCaption('ph-solo');
    // Where the composer painted the caption (its glyph run), measured before the field covers it.
    const painted = (await page.locator('.bs-ws-page[data-page-index="0"] svg text', { hasText: '市民在公园晨练' }).boundingBox())!;
    await editor.waitFor();
    assert.equal(await editor.getAttribute('data-part'), 'caption');
    assert.equal(await editor.inputValue(), '市民在公园晨练。');
    // In the caption's own face and size (小五 9 pt at 100 %: 12 px), at the caption's place.
    const style = await editor.evaluate((el) => ({ family: getComputedStyle(el).fontFamily, size: getComputedStyle(el).fontSize }));
    assert.match(style.family, /Noto|Source|Han|宋|黑|楷|SC/);
    const fb = (await frame('ph-solo').boundingBox())!;
    const eb = (await editor.boundingBox())!;
    assert.ok(eb.y > fb.y + fb.height * 0.8 && eb.y < fb.y + fb.height, `the field over the caption line (${eb.y} in ${fb.y}–${fb.y + fb.height})`);
    assert.ok(Math.abs(eb.x - fb.x) < 2, 'at the frame’s left edge');
    // The field's first line box is centred where the painted line is (its glyphs' box), to a pixel or two at 100 %.
    const lineHeight = parseFloat(await editor.evaluate((el) => getComputedStyle(el).lineHeight));
    const offset = eb.y + lineHeight / 2 - (painted.y + painted.height / 2);
    assert.ok(Math.abs(offset) < 2.5, `the field's line ${offset.toFixed(2)} px off the painted line`);
    console.log(`caption field line vs painted line: ${offset.toFixed(2)} px; painted starts ${(painted.x - fb.x).toFixed(1)} px in, the field's indent ${await editor.evaluate((el) => getComputedStyle(el).textIndent)}`);
    await editor.press('End');
    await page.keyboard.insertText('图为老人打太极。');
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('.bs-ws-page[data-page-index="0"] svg')?.textContent?.includes('图为老人打太极'));
    mkdirSync(join(root, 'docs'), { recursive: true });
    // Undo: one step.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('.bs-ws-page[data-page-index="0"] svg')?.textContent?.includes('图为老人打太极'));
    assert.match(await pageText(), /市民在公园晨练。/);
    // Escape cancels.
    const again = await dblclickCaption('ph-solo');
    await again.fill('不要这个');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });
    assert.doesNotMatch(await pageText(), /不要这个/);
  });

  test('a figure’s caption edited on the page goes into its story (the story’s caption node), and the screenshot', async () => {
    assert.match(await pageText(), /清晨的湖边步道。/);
    const editor = await dblclickCaption('ph-fig');
    await editor.waitFor();
    assert.equal(await editor.inputValue(), '清晨的湖边步道。');
    await editor.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('，摄于七时。');
    // The figure's caption being edited (left), the standalone photo's caption as painted beside it (right): same face, size and line.
    mkdirSync(join(root, 'docs'), { recursive: true });
    const l = (await frame('ph-fig').boundingBox())!;
    const r = (await frame('ph-solo').boundingBox())!;
    await page.screenshot({ path: join(root, 'docs', 'caption-edit.png'), clip: { x: l.x - 16, y: l.y + l.height - 150, width: r.x + r.width - l.x + 32, height: 180 } });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.bs-ws-page[data-page-index="0"] svg')?.textContent?.includes('清晨的湖边步道，摄于七时。'));
    // It is the story's text: saved into the story document, not the frame's captionText.
    await page.keyboard.press('Control+s');
    await page.getByTestId('dirty').filter({ hasText: '已保存' }).waitFor();
    const saved = JSON.parse(readFileSync(issuePath, 'utf8')) as Issue;
    assert.match(JSON.stringify(saved.stories[0].doc), /清晨的湖边步道，摄于七时。/);
    const fig = saved.pages[0].frames.find((f) => f.id === 'ph-fig') as { captionText?: string };
    assert.equal(fig.captionText, undefined);
  });


  test('a photo placed into a new issue with no file: Save As first — cancelled, nothing changes; saved, it is placed beside the file', async () => {
    const menu = (name: string) => page.getByRole('menubar').getByRole('menuitem', { name, exact: true });
    await menu('文件').click();
    await page.getByRole('menu').getByRole('menuitem', { name: /^新建期刊…/ }).click();
    const nd = page.getByTestId('new-issue-dialog');
    await nd.locator('[data-template=broadsheet-8col-inside]').click();
    await nd.getByTestId('new-create').click();
    await page.getByText('已新建期刊（未保存）').waitFor();
    await page.locator('[data-testid=workspace] .bs-ws-page').first().waitFor();
    const before = await photoFrames().count();
    await place([join(pics(), '晨练.jpg')]);
    const dialog = page.getByTestId('file-dialog');
    await dialog.waitFor();
    await message().filter({ hasText: '这一期还没有保存' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await message().filter({ hasText: '没有保存，图片没有置入' }).waitFor();
    assert.equal(await photoFrames().count(), before);
    // Again, and this time saved: the photo goes on into the page, copied beside the new file.
    await place([join(pics(), '晨练.jpg')]);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '主文件夹' }).click();
    await dialog.getByRole('option', { name: /版面/ }).dblclick();
    await dialog.getByTestId('file-folder').filter({ hasText: '版面' }).waitFor();
    await dialog.getByTestId('file-name').fill('新一期');
    await dialog.getByTestId('file-choose').click();
    await dialog.waitFor({ state: 'detached' });
    await message().filter({ hasText: '已置入 1 张图片' }).waitFor({ timeout: 30_000 });
    assert.equal(await photoFrames().count(), before + 1);
    assert.ok(existsSync(join(home, '版面', '新一期.broadsheet')));
    assert.deepEqual(readdirSync(join(home, '版面', 'photos')), ['晨练.jpg']);
  });
});
