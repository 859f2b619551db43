import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { stats, type BenchCase, type BenchRow } from '../bench.js';

// Start-up of the app as `npm start` runs it where Electron cannot be downloaded: the loopback
// host from launch to its URL, then Chromium from navigation to the sample issue painted in
// the workspace (renderer start, the eight font files fetched and parsed, templates, the
// composition, first paint). Each run is a fresh browser context, so nothing is cached.

const root = join(import.meta.dirname, '..', '..');
const RUNS = 5;

function serve(): Promise<{ url: string; ms: number; stop: () => void }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'serve'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ url: out.slice(0, nl), ms: performance.now() - t0, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`broadsheet serve exited (${code})`)));
  });
}

const startup: BenchCase = {
  name: 'startup',
  async run(): Promise<BenchRow[]> {
    const host = await serve();
    const browser = await chromium.launch({
      executablePath: process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const painted: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        const page = await ctx.newPage();
        const t0 = performance.now();
        await page.goto(host.url);
        await page.waitForSelector('.bs-app[data-state="ready"] svg.bs-page text', { timeout: 120_000 });
        painted.push(performance.now() - t0);
        await ctx.close();
      }
    } finally {
      await browser.close();
      host.stop();
    }
    const s = stats(painted);
    return [
      { name: 'loopback host: launch → URL printed', value: host.ms, unit: 'ms', note: 'node + tsx, services loaded' },
      { name: 'app: navigation → sample issue painted, median', value: s.median, unit: 'ms', note: `n=${s.n}, cold browser context each run; 8 fonts (~100 MB) fetched and parsed` },
      { name: 'app: navigation → sample issue painted, worst', value: Math.max(...painted), unit: 'ms' },
    ];
  },
};
export default startup;
