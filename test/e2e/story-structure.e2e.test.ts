import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { editStoryAt, openWorkspaceHarness, session, type WorkspaceHarness } from './workspace-harness-host.js';

// Issue 18: the importer's structure changed in the app, in Chromium on the sample issue with the
// UI in Chinese. A story that should have been a 小标题 of the one before goes back into it from the
// frame's context menu (并入上一篇（作小标题）); a story is split at the caret's 小标题 from the
// inspector (从此处拆分稿件); each is one undo step, and the page and the stories panel follow.

const storyIds = (page: Page) => session<string[]>(page, 's.issue.stories.map((x) => x.id)');
const blocksOf = (page: Page, id: string) => session<string[]>(page, `s.issue.stories.find((x) => x.id === ${JSON.stringify(id)}).doc.content.map((n) => n.type + ':' + (n.content ?? []).map((c) => c.text ?? '').join(''))`);

describe('merge and split stories in the app', () => {
  let h: WorkspaceHarness;
  before(async () => {
    h = await openWorkspaceHarness();
    await h.page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60000 });
  });
  after(async () => h?.close());

  test('并入上一篇（作小标题） from the frame’s menu; undo; 从此处拆分稿件 at a 小标题 from the inspector; undo', async () => {
    const { page } = h;
    const ids = await storyIds(page);
    assert.deepEqual(ids.slice(1, 3), ['s-lead', 's-library']);
    const lead = await blocksOf(page, 's-lead');
    const libraryHead = (await blocksOf(page, 's-library')).find((b) => b.startsWith('headline:'))!.slice('headline:'.length);
    // Right-click the 图书馆 story's frame: its menu offers the merge.
    const frame = page.locator('.bs-ws-frame[data-frame="library"]');
    const b = (await frame.boundingBox())!;
    await page.mouse.click(b.x + 4, b.y + 4, { button: 'right' });
    await page.locator('[data-testid=canvas-menu] > [data-command=merge-story]').click();
    await page.waitForFunction(() => !(window as any).bsw.session.issue.stories.some((s: any) => s.id === 's-library'));
    const merged = await blocksOf(page, 's-lead');
    assert.deepEqual(merged.slice(0, lead.length), lead, 'the lead story as it was');
    assert.equal(merged[lead.length], `subhead:${libraryHead}`, 'the merged headline is now a 小标题');
    assert.equal(await session<string>(page, 's.issue.pages[0].frames.find((f) => f.id === "library").storyId'), 's-lead', 'its frame continues the lead story');
    // The page shows the subhead in the lead's thread and the stories panel lists one story fewer.
    await page.locator('[data-testid=stories-panel]').getByText('云杉区十项民生工程').first().waitFor();
    assert.equal(await page.locator('[data-testid=stories-panel] tbody tr').count(), ids.length - 1);
    await page.keyboard.press('Control+z');
    assert.deepEqual(await storyIds(page), ids, 'one undo brings the story back');

    // Split the lead story at its second 小标题 (the caret in it), from the inspector.
    const at = lead.findIndex((x, i) => x.startsWith('subhead:') && lead.slice(0, i).some((y) => y.startsWith('subhead:')));
    const pos = await session<number>(page, `(() => { const c = s.issue.stories.find((x) => x.id === 's-lead').doc.content; let p = 0; const size = (n) => n.text !== undefined ? n.text.length : 2 + (n.content ?? []).reduce((a, m) => a + size(m), 0); for (let i = 0; i < ${at}; i++) p += size(c[i]); return p + 1; })()`);
    await editStoryAt(page, 'lead', 's-lead', pos);
    // The inspector follows the caret as the user moves it (a key's keyup): one step right and back.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    const split = page.getByTestId('split-story');
    await page.waitForFunction(() => !(document.querySelector('[data-testid=split-story]') as HTMLButtonElement | null)?.disabled);
    await split.click();
    await page.waitForFunction((n) => (window as any).bsw.session.issue.stories.length === n, ids.length + 1);
    const after = await storyIds(page);
    const fresh = after[after.indexOf('s-lead') + 1];
    assert.equal((await blocksOf(page, fresh))[0], `headline:${lead[at].slice('subhead:'.length)}`, 'the 小标题 heads the new story');
    assert.deepEqual(await blocksOf(page, 's-lead'), lead.slice(0, at));
    await page.locator('[data-testid=stories-panel]').getByText('未上版 1').or(page.locator('[data-testid=stories-panel]').getByText(/未上版\s*1/)).first().waitFor();
    await page.keyboard.press('Control+z');
    assert.deepEqual(await storyIds(page), ids);
    assert.deepEqual(await blocksOf(page, 's-lead'), lead);
  });
});
