// Takes docs/screenshot.png, the README's picture of the app: `broadsheet serve` on the bundled
// sample issue in Chromium (Chinese UI), 1280 × 860, palette PNG. Needs a built renderer
// (npm run build) and /usr/bin/chromium.   node --import tsx scripts/readme-screenshot.ts
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshot.png');

const host = spawn(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'serve'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
const [first] = (await once(host.stdout!, 'data')) as [Buffer];
const url = String(first).split('\n')[0];
const browser = await chromium.launch({
  executablePath: process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.waitForSelector('.bs-app[data-state="ready"] svg.bs-page text', { timeout: 120_000 });
  await page.waitForTimeout(500); // thumbnails are painted after the canvas
  await sharp(await page.screenshot()).png({ palette: true, quality: 90, compressionLevel: 9 }).toFile(out);
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
}
