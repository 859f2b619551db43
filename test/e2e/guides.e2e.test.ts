import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Issue } from '../../core/model/issue.js';
import { openIssueFile, saveIssueFile } from '../../node/store/index.js';
import { openWorkspaceHarness, session, type WorkspaceHarness } from './workspace-harness-host.js';

// Ruler guides (参考线) in Chromium on the sample issue: dragged from the rulers, a frame moved
// near one snaps onto it, undo, removal by dragging back onto the ruler, and the saved file.

type Rect = { column: number; span: number; line: number; lines: number };
const frameRect = (page: Page, id: string) => session<Rect>(page, `s.issue.pages.flatMap((p) => p.frames).find((f) => f.id === ${JSON.stringify(id)})?.rect`);
const guidesOf = (page: Page) => session<Array<{ axis: string; at: number }> | undefined>(page, 's.issue.pages[0].guides');
const tpl = (page: Page, expr: string) => session<number>(page, `((t) => ${expr})(s.templates.get(s.issue.pages[0].templateId))`);
const docs = join(import.meta.dirname, '..', '..', 'docs');

/** Presses at `from`, moves in steps to `to` (client px), and releases unless `hold`. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, hold = false) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
  if (!hold) await page.mouse.up();
}

describe('ruler guides in Chromium', () => {
  let h: WorkspaceHarness;
  before(async () => {
    h = await openWorkspaceHarness({ viewport: { width: 1400, height: 1000 } });
    await h.page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
    await h.page.waitForFunction(() => !document.querySelector('[data-testid=fonts-loading]'), null, { timeout: 60000 });
  });
  after(async () => h?.close());

  test('a guide dragged from the top ruler; a frame moved near it snaps onto it (highlighted); undo; a guide dragged back onto the ruler goes; the saved issue holds the guide', async () => {
    const { page } = h;
    const pageBox = (await page.locator('.bs-ws-page[data-page-index="0"]').boundingBox())!;
    const scale = pageBox.width / (await tpl(page, 't.pageWidth'));
    const pitchPx = (await tpl(page, 't.pitch')) * scale;
    const top = (await page.getByTestId('ruler-top').boundingBox())!;
    const left = (await page.getByTestId('ruler-left').boundingBox())!;

    // 1. From the top ruler to just below the top of line 34 (boundary 33): a horizontal guide, its reading shown on the way.
    const guideY = pageBox.y + (await tpl(page, 't.lineTop(33)')) * scale;
    await drag(page, { x: pageBox.x + pageBox.width * 0.3, y: top.y + top.height / 2 }, { x: pageBox.x + pageBox.width * 0.3, y: guideY + pitchPx * 0.2 }, true);
    assert.match((await page.getByTestId('guide-label').textContent()) ?? '', /^第 34 行 · [\d.]+ 毫米$/);
    await page.mouse.up();
    assert.deepEqual(await guidesOf(page), [{ axis: 'y', at: 33 }]);
    const line = page.locator('[data-testid=ruler-guide][data-axis=y][data-at="33"]');
    assert.equal(await line.count(), 1, 'painted on the page');
    assert.ok(Math.abs((await line.boundingBox())!.y + 3.5 - guideY) < 1.5, 'at the top of line 34');

    // 2. The 图书馆 frame (lines 36–48) dragged up by (2 + f) lines: the grid alone would put its top on
    //    line 34 (index 34); the guide, 1 − f lines (under 6 px) away, pulls it onto boundary 33.
    const before = await frameRect(page, 'library');
    assert.deepEqual(before, { column: 4, span: 2, line: 36, lines: 13 });
    const f = Math.min(0.9, 1 - 4 / pitchPx);
    assert.ok(f > 0.5 && (1 - f) * pitchPx < 6, `at this zoom (${scale.toFixed(2)} px/pt) the grid and the guide disagree: f = ${f.toFixed(2)}`);
    const fb = (await page.locator('.bs-ws-frame[data-frame="library"]').boundingBox())!;
    const grab = { x: fb.x + fb.width * 0.4, y: fb.y + fb.height * 0.6 };
    await drag(page, grab, { x: grab.x, y: grab.y - (2 + f) * pitchPx }, true);
    assert.equal(await page.locator('.bs-ws-rguide.is-snapped').count(), 1, 'the guide the edge sits on is highlighted');
    await page.mouse.up();
    assert.deepEqual(await frameRect(page, 'library'), { ...before, line: 33 }, 'snapped onto the guide');
    assert.equal(await page.locator('.bs-ws-rguide.is-snapped').count(), 0);

    // 3. Undo: the move, then the guide stays (each its own step).
    await page.keyboard.press('Control+z');
    assert.deepEqual(await frameRect(page, 'library'), before);
    assert.deepEqual(await guidesOf(page), [{ axis: 'y', at: 33 }]);

    // 4. From the left ruler: a vertical guide on column 3's left edge (pulled there within the magnet); the screenshot while it is held.
    const col3 = pageBox.x + (await tpl(page, 't.columnX(2)')) * scale;
    await drag(page, { x: left.x + left.width / 2, y: pageBox.y + pageBox.height * 0.45 }, { x: col3 + 3, y: pageBox.y + pageBox.height * 0.45 }, true);
    assert.match((await page.getByTestId('guide-label').textContent()) ?? '', /^第 3 栏左 · [\d.]+ 毫米$/);
    await page.screenshot({ path: join(docs, 'ruler-guides.png') });
    await page.mouse.up();
    const xAt = await tpl(page, '2 * (t.spec.grid.charsPerColumn + t.spec.grid.gutterChars)');
    assert.deepEqual(await guidesOf(page), [{ axis: 'y', at: 33 }, { axis: 'x', at: xAt }]);

    // 5. Dragged back onto the left ruler, the vertical guide goes; a click selects the other, and Delete would remove it — here Escape keeps it.
    const vline = (await page.locator('[data-testid=ruler-guide][data-axis=x]').boundingBox())!;
    await drag(page, { x: vline.x + 3.5, y: pageBox.y + pageBox.height * 0.6 }, { x: left.x + left.width / 2, y: pageBox.y + pageBox.height * 0.6 }, true);
    assert.match((await page.getByTestId('guide-label').textContent()) ?? '', /松开即删除/);
    await page.mouse.up();
    assert.deepEqual(await guidesOf(page), [{ axis: 'y', at: 33 }]);

    // 6. Saved: the issue as edited, written by the store's save and opened again, holds the guide.
    //    (The harness opens its issue read-only — it holds no lock — so the page cannot save it itself.)
    const edited = await session<Issue>(page, 's.issue');
    const file = join(h.dir, 'saved.broadsheet');
    await saveIssueFile(file, edited);
    assert.match(readFileSync(file, 'utf8'), /"guides"/);
    const reopened = await openIssueFile(file, { knownTemplateIds: null });
    assert.deepEqual(reopened.issue.pages[0].guides, [{ axis: 'y', at: 33 }]);
    assert.equal(reopened.issue.pages[1].guides, undefined, 'other pages have none');

    // 7. Select + Delete, then undo brings it back; 锁定参考线 makes it unmovable.
    const hb = (await line.boundingBox())!;
    await page.mouse.click(pageBox.x + pageBox.width * 0.15, hb.y + 3.5);
    assert.equal(await page.locator('.bs-ws-rguide.is-selected').count(), 1);
    await page.keyboard.press('Delete');
    assert.equal(await guidesOf(page), undefined);
    await page.keyboard.press('Control+z');
    assert.deepEqual(await guidesOf(page), [{ axis: 'y', at: 33 }]);
    await page.keyboard.press('Control+Alt+;'); // 锁定参考线
    await drag(page, { x: pageBox.x + pageBox.width * 0.15, y: hb.y + 3.5 }, { x: pageBox.x + pageBox.width * 0.15, y: hb.y + 3.5 + 10 * pitchPx });
    assert.deepEqual(await guidesOf(page), [{ axis: 'y', at: 33 }], 'locked: not moved');
    await page.getByTestId('guide-rulerGuides').uncheck();
    assert.equal(await page.getByTestId('ruler-guide').count(), 0, 'hidden');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // the checkbox had the focus: keys in a field are its own
    await page.keyboard.press('Control+;');
    assert.equal(await page.getByTestId('ruler-guide').count(), 1, 'shown again (Ctrl+;)');
  });
});
