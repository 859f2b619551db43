import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openWorkspaceHarness, session, type WorkspaceHarness } from './workspace-harness-host.js';

// The styles panel and the headline face in Chromium on the sample issue: the panel (Ctrl+F11)
// applies 小标题 to the 报眼 story's body paragraph at the caret — the editor shows a subhead, the
// page is painted in the subhead style (黑体 bold, 五号) — and one undo takes it back; the same from
// the keyboard (↓, Enter in the list). The inspector's 主题字体 sets the frame's headline in 宋体 black.

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
const blocks = (page: Page) => session<string[]>(page, `s.issue.stories.find((x) => x.id === 's-ear').doc.content.map((b) => b.type)`);
const earFrame = (page: Page) => session<{ headlineFont?: string }>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === 'ear')`);
/** The painted runs of the 报眼 story: font key, size and text of each SVG text element. */
const painted = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<SVGTextElement>('.bs-ws-page text[data-story="s-ear"]')].map((t) => ({ font: t.getAttribute('data-font'), size: Number(t.getAttribute('font-size')), text: (t.textContent ?? '').replace(/\s/g, '') })),
  );

async function editEarBody(page: Page) {
  const frame = page.locator('.bs-ws-frame[data-frame="ear"]');
  await frame.scrollIntoViewIfNeeded();
  const b = (await frame.boundingBox())!;
  await page.mouse.dblclick(b.x + b.width / 2, b.y + b.height * 0.7);
  await page.waitForFunction(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') === 's-ear');
  // The caret in the body paragraph (the double-click put it there; make sure, as the headline is above).
  await page.evaluate(() => {
    const view = (window as any).bsw.editor.view;
    if (view.state.selection.$from.parent.type.name !== 'paragraph') view.dispatch(view.state.tr.setSelection((view.state.selection.constructor as any).near(view.state.doc.resolve(view.state.doc.content.size - 3))));
  });
}

describe('styles panel', () => {
  let h: WorkspaceHarness;
  before(async () => {
    h = await openWorkspaceHarness();
    await h.page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
    await h.page.selectOption('[data-testid=zoom]', '1');
  });
  after(async () => h?.close());

  test('Ctrl+F11 opens it read-only; in the text: 小标题 applied to the caret\'s paragraph, painted as a subhead; one undo', async () => {
    const { page } = h;
    await page.keyboard.press('Control+F11');
    const panel = page.getByTestId('styles-panel');
    await panel.waitFor();
    assert.match((await page.getByTestId('styles-hint').textContent()) ?? '', /双击文字框进入文字/);
    assert.equal(await page.getByTestId('paragraph-styles').getAttribute('aria-readonly'), 'true');
    // Each style in its own face and size: 主题 in 黑体 bold larger than 正文 in 宋体.
    const look = (style: string) =>
      page.locator(`[data-style="${style}"] .bs-ws-style-sample`).evaluate((el) => {
        const cs = getComputedStyle(el);
        return { family: cs.fontFamily, weight: cs.fontWeight, size: parseFloat(cs.fontSize), text: el.textContent };
      });
    const [head, body] = [await look('headline'), await look('body')];
    assert.deepEqual([head.family, head.weight, head.text], ['"Noto Sans SC"', '700', '主题']);
    assert.deepEqual([body.family, body.weight, body.text], ['"Noto Serif SC"', '400', '正文']);
    assert.ok(head.size > body.size);
    assert.match((await page.locator('[data-style="body"] .bs-ws-style-info').textContent()) ?? '', /小五 · 9 磅 · 行距 11\.25 磅/);

    await editEarBody(page);
    await page.waitForFunction(() => document.querySelector('[data-style="body"]')?.getAttribute('aria-selected') === 'true');
    assert.equal(await page.getByTestId('styles-hint').count(), 0);
    assert.equal(await page.getByTestId('style-count-body').textContent(), '本稿 1 段');
    assert.deepEqual(await blocks(page), ['headline', 'paragraph']);
    const before = await painted(page);
    assert.ok(!before.some((r) => r.size === 10.5), 'no subhead yet');

    await page.locator('[data-style="subhead"]').click();
    await page.waitForFunction(() => (window as any).bsw.session.issue.stories.find((x: any) => x.id === 's-ear').doc.content[1].type === 'subhead');
    assert.deepEqual(await blocks(page), ['headline', 'subhead']);
    // The text stays, the editor keeps the focus and shows a subhead; the panel marks it.
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.ProseMirror') !== null), true);
    assert.equal(await page.locator('.ProseMirror h3').count(), 1);
    assert.equal(await page.locator('[data-style="subhead"]').getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('style-count-subhead').textContent(), '本稿 1 段');
    assert.equal(await page.getByTestId('style-count-body').textContent(), '');
    const lines = await session<string[]>(page, `[...new Set(s.composed.stories['s-ear'].lines.map((l) => l.style))]`);
    assert.deepEqual(lines, ['headline', 'subhead']);
    await page.screenshot({ path: join(docs, 'styles-panel.png') });

    // Out of the text, the page shows the paragraph in the subhead style: 黑体 bold at 10.5 pt (五号).
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('.bs-ws-page text[data-story="s-ear"]').length > 0);
    const sub = (await painted(page)).filter((r) => r.size === 10.5);
    assert.ok(sub.length > 0, JSON.stringify(await painted(page)));
    assert.ok(sub.every((r) => r.font === 'sans-bold'));
    assert.ok(sub[0].text.startsWith('11月20日'), sub[0].text);
    assert.ok(!(await painted(page)).some((r) => r.size === 9 && r.font === 'serif'), 'no body text left');

    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => (window as any).bsw.session.issue.stories.find((x: any) => x.id === 's-ear').doc.content[1].type === 'paragraph');
    await page.waitForFunction(() => [...document.querySelectorAll('.bs-ws-page text[data-story="s-ear"]')].some((t) => t.getAttribute('data-font') === 'serif' && t.getAttribute('font-size') === '9'));
    assert.ok(!(await painted(page)).some((r) => r.size === 10.5));
  });

  test('from the keyboard: ↓ from 正文 to 小标题 and Enter applies it; Ctrl+Z in the text takes it back', async () => {
    const { page } = h;
    await editEarBody(page);
    await page.waitForFunction(() => document.querySelector('[data-style="body"]')?.getAttribute('aria-selected') === 'true');
    await page.focus('[data-testid=paragraph-styles]');
    assert.equal(await page.getAttribute('[data-testid=paragraph-styles]', 'aria-activedescendant'), 'bs-style-body');
    const frameBefore = await session<unknown>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === 'ear').rect`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getAttribute('[data-testid=paragraph-styles]', 'aria-activedescendant'), 'bs-style-subhead');
    // The arrow moved in the list, not the frame.
    assert.deepEqual(await session<unknown>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === 'ear').rect`), frameBefore);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as any).bsw.editor.view.state.doc.child(1).type.name === 'subhead');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => (window as any).bsw.editor.view.state.doc.child(1).type.name === 'paragraph');
    assert.deepEqual(await blocks(page), ['headline', 'paragraph']);
    // Bold as a character style over a selection of the paragraph, toggled back.
    await page.evaluate(() => {
      const view = (window as any).bsw.editor.view;
      const from = view.state.doc.child(0).nodeSize + 1;
      view.dispatch(view.state.tr.setSelection((view.state.selection.constructor as any).create(view.state.doc, from, from + 4)));
    });
    await page.getByTestId('char-style-bold').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=char-style-bold]')?.getAttribute('aria-pressed') === 'true');
    assert.equal(await session<string>(page, `JSON.stringify(s.issue.stories.find((x) => x.id === 's-ear').doc.content[1].content[0].marks)`), '[{"type":"bold"}]');
    await page.getByTestId('char-style-bold').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=char-style-bold]')?.getAttribute('aria-pressed') === 'false');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+F11');
    await page.getByTestId('styles-panel').waitFor({ state: 'detached' });
  });

  test('the inspector\'s headline face: 宋体 black for this frame\'s 主题, painted in it; undo gives the template\'s', async () => {
    const { page } = h;
    await page.keyboard.press('Escape');
    const frame = page.locator('.bs-ws-frame[data-frame="ear"]');
    const b = (await frame.boundingBox())!;
    await page.mouse.click(b.x + b.width / 2, b.y + b.height * 0.5);
    const select = page.getByTestId('frame-headline-font');
    await select.waitFor();
    assert.equal(await select.inputValue(), '');
    const options = await select.locator('option').allTextContents();
    assert.equal(options[0], '模板默认（黑体 粗（Noto Sans SC））');
    assert.ok(options.includes('宋体 超粗（Noto Serif SC）'), options.join(' / '));
    const headline = async () => (await painted(page)).filter((r) => r.text.includes('社区食堂') && r.size > 20);
    assert.ok((await headline()).every((r) => r.font === 'sans-bold') && (await headline()).length > 0);
    await select.selectOption('serif-black');
    assert.equal((await earFrame(page)).headlineFont, 'serif-black');
    await page.waitForFunction(() => [...document.querySelectorAll('.bs-ws-page text[data-story="s-ear"]')].some((t) => t.getAttribute('data-font') === 'serif-black'));
    assert.ok((await headline()).every((r) => r.font === 'serif-black'));
    // Painted in that face (the SVG text asks for Noto Serif SC 900).
    const css = await page.locator('.bs-ws-page text[data-story="s-ear"][data-font="serif-black"]').first().evaluate((el) => [getComputedStyle(el).fontFamily, getComputedStyle(el).fontWeight]);
    assert.deepEqual(css, ['"Noto Serif SC"', '900']);
    await page.click('[data-testid=undo]');
    assert.equal((await earFrame(page)).headlineFont, undefined);
    await page.waitForFunction(() => ![...document.querySelectorAll('.bs-ws-page text[data-story="s-ear"]')].some((t) => t.getAttribute('data-font') === 'serif-black'));
    assert.equal(await select.inputValue(), '');
  });
});
