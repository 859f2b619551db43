// Screenshots of the browser host's File menu, its dialogs and the preflight panel for docs/ (shown in renderer/workspace/README.md):
// node --import tsx scripts/menu-screenshots.ts
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, root } from '../test/e2e/app-host.js';

const dir = mkdtempSync(join(tmpdir(), 'bs-menu-shots-'));
const home = join(dir, 'home');
for (const d of ['版面/第45期', '版面/第46期', '稿件']) mkdirSync(join(home, d), { recursive: true });
cpSync(join(root, 'assets', 'sample'), join(home, '版面', '第46期'), { recursive: true });
const app = await openApp(['--issue', join(home, '版面', '第46期', 'sample.broadsheet'), '--recent', join(dir, 'recent.json')], { env: { HOME: home } });
try {
  const page = app.page;
  await page.waitForSelector('[data-testid=workspace] .bs-ws-page svg text', { timeout: 90_000 });
  await page.getByRole('menubar').getByRole('menuitem', { name: '文件', exact: true }).click();
  await page.getByRole('menu').waitFor();
  await page.screenshot({ path: join(root, 'docs', 'menu-bar.png'), clip: { x: 0, y: 0, width: 700, height: 380 } });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+F');
  await page.getByTestId('preflight-panel').locator('[data-testid=preflight-finding]').first().waitFor();
  await page.screenshot({ path: join(root, 'docs', 'preflight-panel.png') });
  await page.keyboard.press('Control+Shift+F');
  await page.keyboard.press('Control+o');
  await page.getByTestId('file-list').getByRole('option').first().waitFor();
  await page.screenshot({ path: join(root, 'docs', 'open-dialog.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('menubar').getByRole('menuitem', { name: '文件', exact: true }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: /^新建期刊/ }).click();
  await page.getByTestId('new-issue-dialog').locator('svg text').first().waitFor();
  await page.screenshot({ path: join(root, 'docs', 'new-from-template.png') });
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
