import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';
import { openWorkspaceHarness, type WorkspaceHarness } from './workspace-harness-host.js';

// Undo as a layout editor expects it (issue 22 item 8), in Chromium on the sample issue: one undo
// step is one action — a run of typing, a run of deleting, one input-method composition — never
// what fell within half a second; with the caret in the text, Ctrl+Z goes on past the text edits
// into the frame edits before them, and Ctrl+Shift+Z redoes one step per press.

const session = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(() => { const s = window.bsw.session; return ${fn}; })()`) as Promise<T>;
const text = (page: Page) => page.evaluate(() => (window as any).bsw.text() as string);
const frameLine = (page: Page, id: string) => session<number>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === ${JSON.stringify(id)}).rect.line`);
const editing = (page: Page) => page.evaluate(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') ?? null);

/** Puts the caret into a frame's story (a click, or Enter on the selected frame where a click only selects), at `pos`. */
async function editAt(page: Page, frameId: string, storyId: string, pos: number) {
  const frame = page.locator(`.bs-ws-frame[data-frame="${frameId}"]`);
  await frame.scrollIntoViewIfNeeded();
  const b = (await frame.boundingBox())!;
  await page.mouse.click(b.x + b.width / 2, b.y + b.height * 0.7);
  if ((await editing(page)) !== storyId) await page.keyboard.press('Enter');
  await page.waitForFunction((id) => (window as any).bsw.editor?.view.dom.getAttribute('data-story') === id, storyId);
  await page.evaluate((p) => {
    const view = (window as any).bsw.editor.view;
    view.focus();
    view.dispatch(view.state.tr.setSelection((view.state.selection.constructor as any).near(view.state.doc.resolve(p))));
  }, pos);
}

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
    await editAt(page, 'library', 's-library', 5);
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
    await editAt(page, 'library', 's-library', 8);
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
    await editAt(page, 'library', 's-library', 6);
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

  test('Ctrl+Z in the text goes on past its edits into the frame move before them; Ctrl+Shift+Z redoes one step a press', async () => {
    const { page } = h;
    const line0 = await frameLine(page, 'library');
    // Select the frame (a click on its edge selects without editing), move it one line up.
    await editAt(page, 'library', 's-library', 3);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowUp');
    assert.equal(await frameLine(page, 'library'), line0 - 1);
    await editAt(page, 'library', 's-library', 3);
    const t0 = await text(page);
    await page.keyboard.insertText('ab');
    await page.keyboard.press('Control+z');
    assert.equal(await text(page), t0, 'the typing');
    await page.keyboard.press('Control+z');
    assert.equal(await frameLine(page, 'library'), line0, 'the next Ctrl+Z undoes the move, not an empty text step');
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await frameLine(page, 'library'), line0 - 1, 'one redo: the move again');
    assert.equal(await session<boolean>(page, 's.canRedo'), false, 'nothing else to redo: the typing was undone in the text and is no step');
  });
});
