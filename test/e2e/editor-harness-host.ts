// Serves the editor harness on 127.0.0.1 and opens it in Debian's Chromium (playwright-core).
// Shared by test/e2e/editor.e2e.test.ts and bench/cases/editor.bench.ts.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const font = (pkg: string, file: string) => join(root, 'node_modules', '@expo-google-fonts', pkg, file);
const FONTS: Record<string, string> = {
  '/fonts/serif-400.ttf': font('noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'),
  '/fonts/serif-700.ttf': font('noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'),
  '/fonts/sans-700.ttf': font('noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'),
};

const HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@font-face { font-family: "Noto Serif SC"; font-weight: 400; src: url(/fonts/serif-400.ttf); }
@font-face { font-family: "Noto Serif SC"; font-weight: 700; src: url(/fonts/serif-700.ttf); }
@font-face { font-family: "Noto Sans SC"; font-weight: 700; src: url(/fonts/sans-700.ttf); }
html, body { margin: 0; background: #eee; }
#page { position: absolute; left: 20px; top: 20px; width: 900px; height: 700px; background: #fff; }
</style></head><body><div id="page"></div><script src="/harness.js"></script></body></html>`;

export interface Harness {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

/** Bundles the harness, serves it and opens it; `query` goes to the page (scale, lines, paras). */
export async function openHarness(query = ''): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'bs-editor-'));
  await build({ entryPoints: [join(root, 'test/e2e/editor-harness.ts')], bundle: true, format: 'iife', outfile: join(dir, 'harness.js'), logLevel: 'silent', target: 'chrome120' });
  writeFileSync(join(dir, 'index.html'), HTML);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const file = FONTS[path] ?? (path === '/harness.js' ? join(dir, 'harness.js') : path === '/' ? join(dir, 'index.html') : null);
    if (!file) { res.writeHead(404).end(); return; }
    const type = file.endsWith('.ttf') ? 'font/ttf' : file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  const url = `http://127.0.0.1:${port}/${query ? `?${query}` : ''}`;
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 20000 });
  return {
    browser,
    page,
    url,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
