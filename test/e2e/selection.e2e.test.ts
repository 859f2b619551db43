import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkspaceHarness, session, type WorkspaceHarness } from './workspace-harness-host.js';

// Everyday layout moves on the sample issue in Chromium: click selects and double click edits,
// shift-click and the marquee, the frame clipboard, align, the canvas's context menu.

type Rect = { column: number; span: number; line: number; lines: number };
const frameRect = (page: Page, id: string) => session<Rect>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === ${JSON.stringify(id)})?.rect`);
const frameIds = (page: Page, pageIndex = 0) => session<string[]>(page, `s.issue.pages[${pageIndex}].frames.map((f) => f.id)`);
const selectedIds = (page: Page) => page.$$eval('.bs-ws-frame.is-selected', (els) => els.map((e) => (e as HTMLElement).dataset.frame!).sort());
const editing = (page: Page) => page.evaluate(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') ?? null);
const nextFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
const docs = join(import.meta.dirname, '..', '..', 'docs');

async function box(page: Page, frameId: string) {
  const frame = page.locator(`.bs-ws-frame[data-frame="${frameId}"]`);
  await frame.scrollIntoViewIfNeeded();
  return (await frame.boundingBox())!;
}
async function clickFrame(page: Page, frameId: string, o: { fx?: number; fy?: number; double?: boolean; shift?: boolean; button?: 'right' } = {}) {
  const b = await box(page, frameId);
  const x = b.x + b.width * (o.fx ?? 0.5);
  const y = b.y + b.height * (o.fy ?? 0.5);
  if (o.shift) await page.keyboard.down('Shift');
  if (o.double) await page.mouse.dblclick(x, y);
  else await page.mouse.click(x, y, { button: o.button ?? 'left' });
  if (o.shift) await page.keyboard.up('Shift');
}

describe('selection, clipboard, align and the context menu in Chromium', () => {
  let h: WorkspaceHarness;
  before(async () => {
    h = await openWorkspaceHarness({ viewport: { width: 1400, height: 1000 } });
  });
  after(async () => h?.close());
  beforeEach(async () => {
    await h.page.reload();
    await h.page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
    // Editing waits for the full fonts.
    await h.page.waitForFunction(() => !document.querySelector('[data-testid=fonts-loading]'), null, { timeout: 60000 });
  });

  test('a click selects a story frame without entering its text; a double click edits at the point; Enter edits from the start; Escape, Escape', async () => {
    const { page } = h;
    await clickFrame(page, 'library', { fy: 0.7 });
    assert.deepEqual(await selectedIds(page), ['library']);
    assert.equal(await editing(page), null, 'a single click does not edit');
    assert.equal(await page.locator('.bs-ws-frame[data-frame="library"] .bs-ws-handle').count(), 8, 'the handles show');
    assert.equal(await page.locator('[data-testid=inspector] [data-testid=rect-column]').count(), 1, 'the inspector shows the frame');

    await clickFrame(page, 'library', { fy: 0.7, double: true });
    await page.waitForFunction(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') === 's-library');
    const caret = await page.evaluate(() => (window as any).bsw.editor.view.state.selection.from as number);
    const start = await session<number>(page, `s.composed.stories['s-library'].lines.find((l) => l.frameId === 'library').from`);
    assert.ok(caret > start, `the caret at the clicked point, not the frame's start (${caret} > ${start})`);

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !(window as any).bsw.editor);
    assert.deepEqual(await selectedIds(page), ['library'], 'leaving the text keeps the frame selected');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') === 's-library');
    assert.equal(await page.evaluate(() => (window as any).bsw.editor.view.state.selection.from as number), start, 'Enter: the caret at the frame’s first line');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    assert.deepEqual(await selectedIds(page), [], 'a second Escape deselects');
  });

  test('shift-click adds and removes frames; a marquee over the page selects the frames it touches; nudge and delete act on all, one undo step each', async () => {
    const { page } = h;
    await clickFrame(page, 'heating');
    await clickFrame(page, 'canteen', { shift: true });
    assert.deepEqual(await selectedIds(page), ['canteen', 'heating']);
    assert.match((await page.locator('[data-testid=selection-count]').textContent()) ?? '', /^2 个框$/);
    assert.equal(await page.locator('.bs-ws-handle').count(), 0, 'no resize handles on a multi-selection');
    await clickFrame(page, 'canteen', { shift: true });
    assert.deepEqual(await selectedIds(page), ['heating'], 'shift-click again takes it out');

    // From the page's top-left corner (outside every frame) to the middle of the heating story.
    const pageBox = (await page.locator('.bs-ws-page[data-page-index="0"]').boundingBox())!;
    const heating = await box(page, 'heating');
    await page.mouse.move(pageBox.x + 3, pageBox.y + 3);
    await page.mouse.down();
    await page.mouse.move(heating.x + heating.width * 0.4, heating.y + heating.height * 0.5, { steps: 8 });
    assert.equal(await page.locator('[data-testid=marquee]').count(), 1, 'the band shows while dragging');
    await page.mouse.up();
    assert.deepEqual(await selectedIds(page), ['fold', 'heating', 'lead']);
    assert.match((await page.locator('[data-testid=selection-count]').textContent()) ?? '', /^3 个框$/);
    await page.screenshot({ path: join(docs, 'canvas-multi-selection.png') });

    const r0 = await Promise.all(['lead', 'fold', 'heating'].map((id) => frameRect(page, id)));
    // The key held: two presses (auto-repeat), one release.
    await page.keyboard.down('ArrowUp');
    await page.keyboard.down('ArrowUp');
    await page.keyboard.up('ArrowUp');
    const r1 = await Promise.all(['lead', 'fold', 'heating'].map((id) => frameRect(page, id)));
    assert.deepEqual(r1, r0.map((r) => ({ ...r, line: r.line - 2 })), 'all three moved two lines up');
    await page.keyboard.press('Control+z');
    assert.deepEqual(await Promise.all(['lead', 'fold', 'heating'].map((id) => frameRect(page, id))), r0, 'one undo step for the held key');

    // Dragging one of them drags all three by the same whole lines; one undo.
    const pitch = await page.evaluate(() => {
      const s = (window as any).bsw.session;
      const t = s.templates.get(s.issue.pages[0].templateId);
      return t.pitch * ((document.querySelector('.bs-ws-page[data-page-index="0"]') as HTMLElement).getBoundingClientRect().width / t.pageWidth);
    });
    const lead0 = await box(page, 'lead');
    await page.mouse.move(lead0.x + lead0.width / 2, lead0.y + lead0.height / 2);
    await page.mouse.down();
    await page.mouse.move(lead0.x + lead0.width / 2, lead0.y + lead0.height / 2 - pitch * 3.2, { steps: 6 });
    assert.equal(await page.locator('[data-testid=ghost]').count(), 3, 'a ghost for each selected frame');
    await page.mouse.up();
    assert.deepEqual(await Promise.all(['lead', 'fold', 'heating'].map((id) => frameRect(page, id))), r0.map((r) => ({ ...r, line: r.line - 3 })));
    assert.deepEqual(await selectedIds(page), ['fold', 'heating', 'lead'], 'still all three selected');
    await page.keyboard.press('Control+z');
    assert.deepEqual(await Promise.all(['lead', 'fold', 'heating'].map((id) => frameRect(page, id))), r0);

    // From the pasteboard left of the page into the lead story: a band over the current page.
    const lead = await box(page, 'lead');
    await page.mouse.move(pageBox.x - 12, lead.y + lead.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(lead.x + 20, lead.y + lead.height * 0.5 + 10, { steps: 6 });
    await page.mouse.up();
    assert.deepEqual(await selectedIds(page), ['lead'], 'a marquee from the pasteboard');
    await page.keyboard.press('Escape');
    await page.mouse.move(pageBox.x + 3, pageBox.y + 3);
    await page.mouse.down();
    await page.mouse.move(heating.x + heating.width * 0.4, heating.y + heating.height * 0.5, { steps: 8 });
    await page.mouse.up();
    assert.deepEqual(await selectedIds(page), ['fold', 'heating', 'lead']);

    const before = await frameIds(page);
    await page.keyboard.press('Delete');
    assert.deepEqual(await frameIds(page), before.filter((id) => !['lead', 'fold', 'heating'].includes(id)));
    await page.keyboard.press('Control+z');
    assert.deepEqual(await frameIds(page), before, 'one undo brings all three back');
  });

  test('Ctrl+C, Ctrl+V pastes a story frame with a copy of its story, one grid step off; one undo removes it', async () => {
    const { page } = h;
    const stories0 = await session<number>(page, 's.issue.stories.length');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await clickFrame(page, 'library');
    await page.keyboard.press('Control+c');
    const headline = await session<string>(page, `s.issue.stories.find((x) => x.id === 's-library').doc.content.find((b) => b.type === 'headline').content.map((t) => t.text).join('')`);
    assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes(headline), 'the story’s text is on the system clipboard (plain)');
    await page.keyboard.press('Control+v');
    const ids = await frameIds(page);
    const pasted = ids.find((id) => !['ear', 'lead', 'lead-photo', 'library', 'fold', 'heating', 'canteen'].includes(id))!;
    assert.ok(pasted, 'a new frame on the page');
    assert.deepEqual(await selectedIds(page), [pasted], 'the pasted frame is selected');
    const r = await frameRect(page, 'library');
    assert.deepEqual(await frameRect(page, pasted), { ...r, line: r.line + 1 }, 'one line down (no column to its right on a 6-column page)');
    const copy = await session<{ id: string; same: boolean }>(page, `(() => { const f = s.issue.pages[0].frames.find((f) => f.id === ${JSON.stringify(pasted)}); const a = s.issue.stories.find((x) => x.id === f.storyId); const b = s.issue.stories.find((x) => x.id === 's-library'); return { id: a.id, same: JSON.stringify(a.doc) === JSON.stringify(b.doc) }; })()`);
    assert.notEqual(copy.id, 's-library');
    assert.equal(copy.same, true, 'headline and body copied');
    assert.equal(await session<number>(page, 's.issue.stories.length'), stories0 + 1);
    await page.waitForSelector(`.bs-ws-page[data-page-index="0"] svg text[data-story="${copy.id}"]`, { state: 'attached' });
    await page.keyboard.press('Control+z');
    assert.equal((await frameIds(page)).includes(pasted), false, 'one undo removes the pasted frame');
    assert.equal(await session<number>(page, 's.issue.stories.length'), stories0, '…and its story');

    // Pasting inside a story's text stays a paste of text there, frames copied or not.
    const frames0 = await frameIds(page);
    await clickFrame(page, 'ear', { fy: 0.6, double: true });
    await page.waitForFunction(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') === 's-ear');
    await page.keyboard.press('Control+v');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '贴进来的字');
      (window as any).bsw.editor.view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    assert.match(await page.evaluate(() => (window as any).bsw.text() as string), /贴进来的字/, 'the text is pasted into the story');
    assert.deepEqual(await frameIds(page), frames0, 'no frame pasted');
  });

  test('align left of two frames from the inspector: one undo step', async () => {
    const { page } = h;
    await clickFrame(page, 'library');
    await clickFrame(page, 'heating', { shift: true });
    const lib0 = await frameRect(page, 'library');
    const heat = await frameRect(page, 'heating');
    // A shared field: the spans differ (不同); typing one sets both, one undo step.
    assert.equal(await page.inputValue('[data-testid=shared-span]'), '');
    assert.equal(await page.getAttribute('[data-testid=shared-span]', 'placeholder'), '不同');
    assert.equal(await page.inputValue('[data-testid=shared-line]'), '', 'the lines differ too');
    await page.fill('[data-testid=shared-span]', '2');
    await page.press('[data-testid=shared-span]', 'Enter');
    assert.deepEqual(await frameRect(page, 'heating'), { ...heat, span: 2 });
    assert.equal(await page.inputValue('[data-testid=shared-span]'), '2', 'now shared');
    await page.click('[data-testid=undo]');
    assert.deepEqual(await frameRect(page, 'heating'), heat);
    assert.equal(await page.locator('[data-testid=align-horizontal]').isDisabled(), true, 'distribute needs three');
    await page.click('[data-testid=align-left]');
    assert.deepEqual(await frameRect(page, 'library'), { ...lib0, column: heat.column });
    assert.deepEqual(await frameRect(page, 'heating'), heat);
    await page.keyboard.press('Control+z');
    assert.deepEqual(await frameRect(page, 'library'), lib0);
  });

  test('the context menu: opens on a frame, shows 复制 with its key, moves with the arrows, runs 删除; on the empty page 粘贴 (greyed) and 全选; Escape and a click outside close it', async () => {
    const { page } = h;
    await clickFrame(page, 'library', { button: 'right' });
    const menu = page.getByRole('menu');
    await menu.first().waitFor();
    assert.deepEqual(await selectedIds(page), ['library'], 'the frame right-clicked is selected');
    const copy = page.locator('[data-testid=canvas-menu] > [data-command=copy-frames]');
    assert.match((await copy.textContent()) ?? '', /复制\s*Ctrl\+C/);
    assert.equal(await page.locator('[data-testid=canvas-menu] > [data-command=paste-frames]').getAttribute('aria-disabled'), 'true', 'nothing copied yet');
    assert.equal(await page.locator('[data-testid=canvas-menu] > [data-command=edit-text]').evaluate((el) => el === document.activeElement), true, 'focus on the first item');
    await page.keyboard.press('ArrowDown');
    assert.equal(await copy.evaluate((el) => el === document.activeElement), true, 'ArrowDown: the next item');
    // The align submenu opens with ArrowRight (for the screenshot), ArrowLeft closes it.
    await page.locator('[data-testid=canvas-menu] > [data-command=align]').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-testid=canvas-submenu]').waitFor();
    await page.screenshot({ path: join(docs, 'canvas-context-menu.png') });
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('[data-testid=canvas-submenu]').count(), 0);
    const r0 = await frameRect(page, 'library');
    await page.locator('[data-testid=canvas-menu] > [data-command=delete-frame]').click();
    assert.equal(await menu.count(), 0, 'running an item closes the menu');
    assert.equal(await frameRect(page, 'library'), undefined, '删除 deleted the frame');
    await page.keyboard.press('Control+z');
    assert.deepEqual(await frameRect(page, 'library'), r0);
    // From the keyboard: Shift+F10 on the selected frame; Enter on 复制 copies, and 粘贴 is no longer greyed.
    await clickFrame(page, 'library');
    await page.keyboard.press('Shift+F10');
    await menu.first().waitFor();
    await nextFrames(page);
    assert.equal(await page.locator('[data-testid=canvas-menu] > [data-command=edit-text]').evaluate((el) => el === document.activeElement), true, 'the first item keeps the focus though the menu opened under the resting pointer');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await menu.count(), 0);
    await page.keyboard.press('Shift+F10');
    assert.equal(await page.locator('[data-testid=canvas-menu] > [data-command=paste-frames]').getAttribute('aria-disabled'), null, 'something copied: 粘贴 can run');
    // 粘贴为串接框: the copy is the next frame of the library story's thread, its text runs on into it.
    await page.locator('[data-testid=canvas-menu] > [data-command=paste-threaded]').click();
    const next = await session<string | undefined>(page, `s.issue.pages[0].frames.find((f) => f.id === 'library').next`);
    assert.ok(next, 'the library frame threads on');
    assert.equal(await session<string>(page, `s.issue.pages[0].frames.find((f) => f.id === ${JSON.stringify(next)}).storyId`), 's-library');
    assert.deepEqual(await selectedIds(page), [next]);
    await page.keyboard.press('Control+z');
    assert.equal(await session<string | undefined>(page, `s.issue.pages[0].frames.find((f) => f.id === 'library').next`), undefined, 'one undo: no thread, no frame');
    assert.equal(await frameRect(page, next!), undefined);

    // On the empty page: paste and select all.
    const pageBox = (await page.locator('.bs-ws-page[data-page-index="0"]').boundingBox())!;
    await page.mouse.click(pageBox.x + 4, pageBox.y + 4, { button: 'right' });
    await menu.first().waitFor();
    assert.deepEqual(await page.$$eval('[data-testid=canvas-menu] > [role=menuitem]', (els) => els.map((e) => (e as HTMLElement).dataset.command)), ['paste-frames', 'paste-threaded', 'select-all', 'clear-guides']);
    assert.equal(await page.locator('[data-testid=canvas-menu] > [role=menuitem][data-command=clear-guides]').getAttribute('aria-disabled'), 'true', '清除本版参考线 greyed: the page has no guides');
    await page.keyboard.press('Escape');
    assert.equal(await menu.count(), 0, 'Escape closes it');
    assert.deepEqual(await selectedIds(page), [], 'Escape in the menu does not reach the page');
    await page.mouse.click(pageBox.x + 4, pageBox.y + 4, { button: 'right' });
    await menu.first().waitFor();
    await page.mouse.click(pageBox.x + pageBox.width - 4, pageBox.y + 4);
    assert.equal(await menu.count(), 0, 'a click outside closes it');
    await page.mouse.click(pageBox.x + 4, pageBox.y + 4, { button: 'right' });
    await page.locator('[data-testid=canvas-menu] > [data-command=select-all]').click();
    assert.deepEqual(await selectedIds(page), (await frameIds(page)).sort(), '全选: every frame of the page');
  });
});
