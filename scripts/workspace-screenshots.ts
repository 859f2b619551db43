// Screenshots of the page editor workspace for renderer/workspace/README.md: the sample issue
// at fit page, and at 100 % with the lead story being edited. Run: node --import tsx scripts/workspace-screenshots.ts
import { join } from 'node:path';
import sharp from 'sharp';
import { openWorkspaceHarness } from '../test/e2e/workspace-harness-host.js';

/** A screenshot as a palette PNG (a third of the size, no visible loss on UI and text). */
async function save(png: Buffer, file: string) {
  await sharp(png).png({ palette: true, quality: 90, compressionLevel: 9 }).toFile(file);
}

const out = join(import.meta.dirname, '..', 'docs');
const h = await openWorkspaceHarness({ viewport: { width: 1600, height: 1000 } });
try {
  const { page } = h;
  await page.locator('.bs-ws-frame[data-frame="ear"]').click({ position: { x: 5, y: 5 } }); // selects it
  await page.waitForTimeout(600);
  await save(await page.screenshot(), join(out, 'workspace-fit-page.png'));
  await page.selectOption('[data-testid=zoom]', '1');
  const lead = page.locator('.bs-ws-frame[data-frame="lead"]');
  await lead.scrollIntoViewIfNeeded();
  const b = (await lead.boundingBox())!;
  await page.mouse.dblclick(b.x + b.width * 0.2, b.y + b.height * 0.45);
  await page.waitForTimeout(600);
  await save(await page.screenshot(), join(out, 'workspace-100.png'));
  // Copy that no longer fits: the 报眼 story typed long, its overset marker and count; the
  // 供暖 story threaded on into the frame beside it (the thread line).
  await page.keyboard.press('Escape');
  const ear = page.locator('.bs-ws-frame[data-frame="ear"]');
  await ear.scrollIntoViewIfNeeded();
  const e = (await ear.boundingBox())!;
  await page.mouse.dblclick(e.x + e.width * 0.5, e.y + e.height * 0.6);
  await page.keyboard.insertText('社区食堂开餐以来，每天接待老人三百余人次。'.repeat(3));
  await page.keyboard.press('Escape');
  await page.locator('.bs-ws-frame[data-frame="heating"] [data-testid=port-out]').click();
  const canteen = page.locator('.bs-ws-frame[data-frame="canteen"]');
  const c = (await canteen.boundingBox())!;
  await page.mouse.click(c.x + c.width / 2, c.y + c.height / 2);
  await page.click('[data-testid=fit-page]');
  await page.locator('.bs-ws-frame[data-frame="heating"]').click({ position: { x: 4, y: 4 } }); // selects it: the thread line shows
  await page.waitForTimeout(600);
  await save(await page.screenshot(), join(out, 'workspace-overset-thread.png'));
} finally {
  await h.close();
}
