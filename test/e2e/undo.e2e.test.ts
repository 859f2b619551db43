import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';
import { editStoryAt, openWorkspaceHarness, session, type WorkspaceHarness } from './workspace-harness-host.js';

// Undo as a layout editor expects it (issue 22 item 8), in Chromium on the sample issue: one undo
// step is one action — a run of typing, a run of deleting, one input-method composition — never
// what fell within half a second; with the caret in the text, Ctrl+Z goes on past the text edits
// into the frame edits before them, and Ctrl+Shift+Z redoes one step per press.

const text = (page: Page) => page.evaluate(() => (window as any).bsw.text() as string);
const frameLine = (page: Page, id: string) => session<number>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === ${JSON.stringify(id)}).rect.line`);

describe('undo steps are actions', () => {
  let h: WorkspaceHarness;
  let cdp: CDPSession;
  before(async () => {
    h = await openWorkspaceHarness();
    cdp = await h.page.context().newCDPSession(h.page);
  });
  after(async () => h?.close());
  beforeEach(async () => {
    await h.page.reload();
    await h.page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
  });

  test('typing then deleting at once are two steps; a pause inside a run of typing does not split it', async () => {
    const { page } = h;
    await editStoryAt(page, 'library', 's-library', 5);
    const t0 = await text(page);
    await page.keyboard.insertText('夜');
    await page.waitForTimeout(700);
    await page.keyboard.insertText('读');
    const typed = await text(page);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    const deleted = await text(page);
    assert.equal(deleted.length, t0.length - 1);
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), typed, 'first undo: the three deletions, nothing of the typing');
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), t0, 'second undo: both characters typed, 700 ms apart');
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await text(page), typed, 'one redo: one step');
  });

  test('moving the caret between two runs of typing makes two steps', async () => {
    const { page } = h;
    await editStoryAt(page, 'library', 's-library', 8);
    const t0 = await text(page);
    await page.keyboard.insertText('甲');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.insertText('乙');
    await page.keyboard.press('Control+z');
    assert.equal((await text(page)).length, t0.length + 1);
    assert.ok((await text(page)).includes('甲') && !(await text(page)).includes('乙'));
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), t0);
  });

  test('a composition is one step of its own, apart from the typing before and after it', async () => {
    const { page } = h;
    await editStoryAt(page, 'library', 's-library', 6);
    const t0 = await text(page);
    await page.keyboard.insertText('A');
    for (const t of ['b', 'be', 'bei', 'beij', 'beijing']) await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
    await cdp.send('Input.insertText', { text: '北京' });
    await page.waitForFunction(() => !(window as any).bsw.editor.composing);
    await page.keyboard.insertText('，');
    const all = await text(page);
    assert.ok(all.includes('A北京，'), all.slice(0, 40));
    await page.keyboard.press('Control+z');
    assert.ok((await text(page)).includes('A北京') && !(await text(page)).includes('A北京，'), 'the comma typed after');
    await page.keyboard.press('Control+z');
    assert.ok((await text(page)).includes('A') && !(await text(page)).includes('北京'), 'the composition');
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), t0, 'the typing before');
  });

  test('Ctrl+Shift+V pastes a list keeping every line a paragraph, as one undo step; Ctrl+V joins wrapped lines', async () => {
    const { page } = h;
    // In the body (the headline block takes no paragraphs): the end of the last paragraph.
    await editStoryAt(page, 'library', 's-library', 5);
    await page.evaluate(() => {
      const view = (window as any).bsw.editor.view;
      view.dispatch(view.state.tr.setSelection((view.state.selection.constructor as any).near(view.state.doc.resolve(view.state.doc.content.size - 1))));
    });
    const paragraphs = () => page.evaluate(() => (window as any).bsw.editor.view.state.doc.childCount as number);
    const n0 = await paragraphs();
    const t0 = await text(page);
    // The paste event Chromium sends for Ctrl+Shift+V (headless Chromium has no system clipboard
    // shortcut): text only, with Shift held, which ProseMirror reads as "paste without formatting".
    const paste = (list: string) =>
      page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        (window as any).bsw.editor.view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, list);
    const list = '供暖热线：12345\n燃气抢修：96777\n\n社区医院：8:00—17:00\n周六照常门诊';
    await page.keyboard.down('Shift');
    await paste(list);
    await page.keyboard.up('Shift');
    assert.equal(await paragraphs(), n0 + 3, 'four lines: the first joins the caret’s paragraph, three new ones');
    assert.match(await text(page), /供暖热线：12345\n燃气抢修：96777\n社区医院：8:00—17:00\n周六照常门诊/);
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), t0, 'the paste is one step');
    await paste(list);
    assert.equal(await paragraphs(), n0 + 1, 'a normal paste: blocks between blank lines are the paragraphs');
  });

  test('Ctrl+Z in the text goes on past its edits into the frame move before them; Ctrl+Shift+Z redoes one step a press', async () => {
    const { page } = h;
    const line0 = await frameLine(page, 'library');
    // Select the frame (a click on its edge selects without editing), move it one line up.
    await editStoryAt(page, 'library', 's-library', 3);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowUp');
    assert.equal(await frameLine(page, 'library'), line0 - 1);
    await editStoryAt(page, 'library', 's-library', 3);
    const t0 = await text(page);
    await page.keyboard.insertText('ab');
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), t0, 'the typing');
    await page.keyboard.press('Control+z');
    // (It leaves the text first: the undo follows the key's own handling.)
    await page.waitForFunction(() => !(window as any).bsw.editor);
    assert.equal(await frameLine(page, 'library'), line0, 'the next Ctrl+Z undoes the move, not an empty text step');
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await frameLine(page, 'library'), line0 - 1, 'one redo: the move again');
    assert.equal(await session<boolean>(page, 's.canRedo'), false, 'nothing else to redo: the typing was undone in the text and is no step');
  });
});
