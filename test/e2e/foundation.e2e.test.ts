// The app end to end, as `npm start` runs it where Electron cannot be downloaded: the real
// `broadsheet serve` (loopback host, real services) opened in Debian's Chromium. It sees the
// bundled sample issue's pages painted from the composer's display list, checks that text
// sits at the composer's positions, that the page's CSP holds, and that the host refuses
// requests without the launch token. Where an Electron binary is on disk, the same checks
// run in Electron through Playwright's launcher; otherwise that test says why in one line.
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { _electron, chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, root, serve } from './app-host.js';


// Known text of assets/sample/sample.broadsheet (scripts/sample/copy.ts).
const PAPER = '云杉区报';
const LEAD_HEADLINE = '云杉区十项民生工程年内全部交账';
const INSIDE_BANNER = '社区微治理';

let host: ChildProcess;
let url: string;
let origin: string;
let browser: Browser;
let page: Page;
const violations: string[] = [];
const pageErrors: string[] = [];
const screenshot = join(tmpdir(), `broadsheet-foundation-${process.pid}.png`);

/** Waits until the app shows composed pages (or an error, which fails with its message). */
async function waitForPages(p: Page): Promise<void> {
  await p.waitForSelector('.bs-app[data-state="ready"] svg.bs-page, .bs-app[data-state="error"], body[data-state="error"]', { timeout: 90_000 });
  const error = await p.locator('[role="alert"]').first().textContent({ timeout: 100 }).catch(() => null);
  assert.equal(error, null, `the app shows an error: ${error}`);
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), or set BROADSHEET_CHROMIUM`);
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--renderer'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  ({ child: host, url } = await serve([]));
  origin = new URL(url).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(url);
  await waitForPages(page);
});

after(async () => {
  await browser?.close();
  host?.kill('SIGTERM');
  rmSync(screenshot, { force: true });
});

describe('the app in Chromium through the loopback host (broadsheet serve)', () => {
  test('serve prints a 127.0.0.1 URL with the launch token as its first line', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  test('the sample issue opens in the workspace: both pages are painted, each labelled', async () => {
    // The workspace paints each page twice (pages panel thumbnail and canvas), with one painter.
    const pages = page.locator('svg.bs-page');
    assert.deepEqual(await pages.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-page')))]), ['1', '2']);
    for (const label of await pages.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) assert.ok(label.trim(), 'a page without an accessible name');
    assert.equal(await page.locator('.bs-app').getAttribute('data-state'), 'ready');
    assert.equal(await page.locator('[data-testid="workspace"]').count(), 1, 'the page editor workspace is mounted');
  });

  test('the first page shows the masthead and the lead headline as text in the painted page', async () => {
    const first = await page.locator('svg.bs-page[data-page="1"]').last().evaluate((svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent ?? ''));
    assert.ok(first.some((t) => t.includes(PAPER)), `masthead "${PAPER}" not painted`);
    assert.ok(first.some((t) => t.includes(LEAD_HEADLINE)), `lead headline not painted; runs: ${first.slice(0, 12).join(' | ')}`);
    const second = await page.locator('svg.bs-page[data-page="2"]').last().evaluate((svg) => svg.textContent ?? '');
    assert.ok(second.includes(INSIDE_BANNER), 'the inside page\'s 栏目 banner');
  });

  test('Chromium draws every character of a line at the composer\'s x (design.md: one composer, two painters)', async () => {
    const worst = await page.locator('svg.bs-page[data-page="1"]').last().evaluate((svg) => {
      let max = 0;
      let n = 0;
      for (const t of svg.querySelectorAll('text')) {
        const el = t as SVGTextElement;
        const xs = (el.getAttribute('x') ?? '').split(' ').map(Number);
        const chars = el.getNumberOfChars();
        for (let i = 0; i < Math.min(chars, xs.length); i++) {
          const p = el.getStartPositionOfChar(i);
          const scale = el.transform.baseVal.numberOfItems ? el.transform.baseVal.getItem(0).matrix.a : 1;
          max = Math.max(max, Math.abs(p.x - xs[i]) * scale);
          n++;
        }
      }
      return { max, n };
    });
    assert.ok(worst.n > 2000, `only ${worst.n} characters checked`);
    assert.ok(worst.max < 0.02, `a character is ${worst.max} pt off its composed position`);
  });

  test('the served font files are the ones drawn with, and the photos load', async () => {
    // The photos arrive as blob URLs (fetched with the token): wait for both.
    await page.waitForFunction(() => new Set([...document.querySelectorAll('svg.bs-page image')].map((i) => i.getAttribute('href')).filter((h) => h?.startsWith('blob:'))).size === 2, undefined, { timeout: 30_000 });
    const r = await page.evaluate(async () => {
      await document.fonts.ready;
      const token = sessionStorage.getItem('broadsheet-token') ?? '';
      const photo = await fetch('issue-assets/photo-heping', { headers: { 'x-broadsheet-token': token } });
      const bare = await fetch('issue-assets/photo-heping');
      return {
        serif: document.fonts.check('12px "Noto Serif SC"', '云'),
        sansBold: document.fonts.check('bold 12px "Noto Sans SC"', '云'),
        photo: photo.status,
        type: photo.headers.get('content-type'),
        withoutToken: bare.status,
        cookies: document.cookie,
        images: new Set([...document.querySelectorAll('svg.bs-page image')].map((i) => i.getAttribute('href'))).size,
      };
    });
    assert.deepEqual(r, { serif: true, sansBold: true, photo: 200, type: 'image/jpeg', withoutToken: 401, cookies: '', images: 2 });
  });

  test('the page\'s CSP holds: no violation, no script error while starting and painting', async () => {
    const inPage = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
    assert.deepEqual([...violations, ...inPage], []);
    assert.deepEqual(pageErrors, []);
    const headers = await (await page.request.get(`${origin}/`)).headersArray();
    assert.match(headers.find((h) => h.name.toLowerCase() === 'content-security-policy')?.value ?? '', /script-src 'self'/);
  });

  test('the interface switches between Chinese and English, and remembers the choice', async () => {
    const lang = page.getByRole('combobox', { name: /界面语言|Language/ });
    await lang.selectOption('zh-CN');
    await page.locator('.bs-status', { hasText: '浏览器（本机回环主机）' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    // The choice is remembered over the host's suggestion.
    await page.reload();
    await waitForPages(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await lang.selectOption('en');
    await page.locator('.bs-status', { hasText: 'Browser (loopback host)' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  });

  test('without a choice of their own, the UI speaks the browser’s language, whatever the host’s LANG', async () => {
    // One of the two disagrees with the host's own locale, whichever it is.
    for (const [locale, lang, status] of [['zh-CN', 'zh-CN', '浏览器（本机回环主机）'], ['en-US', 'en', 'Browser (loopback host)']] as const) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale });
      try {
        const p = await ctx.newPage();
        await p.goto(url);
        await p.locator('.bs-status', { hasText: status }).waitFor({ timeout: 60_000 });
        assert.equal(await p.evaluate(() => document.documentElement.lang), lang);
      } finally {
        await ctx.close();
      }
    }
  });

  test('a screenshot of the first page is taken', async () => {
    await page.locator('svg.bs-page[data-page="1"]').last().screenshot({ path: screenshot });
    const png = readFileSync(screenshot);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(statSync(screenshot).size > 20_000, 'the screenshot is a painted page, not a blank');
  });
});

describe('unsaved edits are not lost by leaving', () => {
  test('closing the page with unsaved edits in the workspace asks first (beforeunload; Electron asks on will-prevent-unload)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const p = await ctx.newPage();
    try {
      await p.goto(url);
      await waitForPages(p);
      // An edit: the page label (版号) in the inspector.
      const field = p.locator('[data-testid="inspector"] input[type="text"]').first();
      await field.fill('A01 改');
      await field.press('Tab');
      await p.locator('[data-testid="workspace"][data-dirty="1"]').waitFor({ timeout: 10_000 });
      const asked = p.waitForEvent('dialog', { timeout: 20_000 });
      await p.close({ runBeforeUnload: true });
      const dialog = await asked;
      assert.equal(dialog.type(), 'beforeunload');
      await dialog.dismiss();
      assert.equal(p.isClosed(), false, 'dismissing the question keeps the page and its edits');
      assert.equal(await p.locator('[data-testid="workspace"]').getAttribute('data-dirty'), '1');
    } finally {
      await ctx.close();
    }
  });
});

describe('menu commands (File ▸ Open, New; Edit ▸ Undo) reach the app', () => {
  // In a browser the commands arrive as `broadsheet-menu` events (renderer/src/transport.ts);
  // in Electron the same commands come from the native menu through the preload.
  const menu = (p: Page, command: Record<string, unknown>) => p.evaluate((detail) => window.dispatchEvent(new CustomEvent('broadsheet-menu', { detail })), command);

  test('Open shows another issue (a file that cannot be opened leaves it shown), New an untitled one; Undo takes back a page edit; malformed commands are ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-open-'));
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const p = await ctx.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    try {
      const other = JSON.parse(readFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), 'utf8')) as { paper: string; pages: unknown[]; assets: unknown[] };
      other.paper = '青禾社区报';
      other.pages = other.pages.slice(0, 1);
      other.assets = [];
      for (const pg of other.pages as Array<{ frames: Array<{ type: string }> }>) pg.frames = pg.frames.filter((f) => f.type !== 'photo');
      const otherPath = join(dir, 'other.broadsheet');
      writeFileSync(otherPath, JSON.stringify(other));
      await p.goto(url);
      await waitForPages(p);
      const appbar = p.locator('.bs-appbar');

      await menu(p, { command: 'open' });
      await menu(p, { command: 'format-disk' });
      assert.match((await appbar.textContent()) ?? '', /云杉区报/, 'malformed commands change nothing');

      await menu(p, { command: 'open', path: otherPath });
      await p.locator('.bs-appbar', { hasText: '青禾社区报' }).waitFor({ timeout: 30_000 });
      await waitForPages(p);
      assert.deepEqual(await p.locator('svg.bs-page').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-page')))]), ['1']);

      // A file that cannot be opened leaves the shown issue as it is, with the reason on top.
      const broken = join(dir, 'broken.broadsheet');
      writeFileSync(broken, '{"format": "broadsheet-issue", "version": 1, "pa');
      await menu(p, { command: 'open', path: broken });
      const banner = p.locator('.bs-banner[role="alert"]');
      await banner.waitFor({ timeout: 30_000 });
      assert.match((await banner.textContent()) ?? '', /broken\.broadsheet/);
      assert.match((await appbar.textContent()) ?? '', /青禾社区报/);
      assert.equal(await p.locator('[data-testid="workspace"]').count(), 1);
      await banner.getByRole('button').click();

      const field = p.locator('[data-testid="inspector"] input[type="text"]').first();
      const before = await field.inputValue();
      await field.fill('A09');
      await field.press('Tab');
      await p.locator('[data-testid="workspace"][data-dirty="1"]').waitFor({ timeout: 10_000 });
      await p.locator('.bs-appbar').click();
      await menu(p, { command: 'undo' });
      await p.waitForFunction((v) => (document.querySelector('[data-testid="inspector"] input[type="text"]') as HTMLInputElement | null)?.value === v, before, { timeout: 10_000 });

      p.once('dialog', (d) => void d.accept()); // "discard the unsaved changes?" if undo left the session dirty
      await menu(p, { command: 'new' });
      await p.locator('.bs-appbar', { hasText: '新期刊' }).waitFor({ timeout: 30_000 });
      assert.deepEqual(errors, [], 'no script error while switching issues');
    } finally {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the loopback host refuses requests without the launch token', () => {
  test('API call and font without the token: 401; with a wrong token: 403; the app’s own code is served to anyone', async () => {
    const api = await fetch(`${origin}/api/appInfo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(api.status, 401);
    assert.equal(((await api.json()) as { ok: boolean }).ok, false);
    assert.equal((await fetch(`${origin}/fonts/serif`)).status, 401);
    assert.equal((await fetch(`${origin}/api/appInfo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-broadsheet-token': 'not-the-token' }, body: '{}' })).status, 403);
    assert.equal((await fetch(`${origin}/`)).status, 200);
  });

  test('a browser without the token gets the refusal, not the app', async () => {
    const ctx = await browser.newContext();
    try {
      const p = await ctx.newPage();
      await p.goto(`${origin}/`);
      await p.locator('.bs-error[role="alert"]', { hasText: 'Missing token' }).waitFor({ timeout: 30_000 });
      assert.equal(await p.locator('svg.bs-page').count(), 0);
    } finally {
      await ctx.close();
    }
  });

  test('the token leaves the address bar; two hosts in one browser both keep working, and neither sees the other’s token', async () => {
    const second = await serve([]);
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    try {
      const a = await ctx.newPage();
      await a.goto(url);
      await waitForPages(a);
      const b = await ctx.newPage();
      await b.goto(second.url);
      await waitForPages(b);
      for (const p of [a, b]) assert.doesNotMatch(p.url(), /token/, 'no token in the address bar');
      assert.deepEqual(await ctx.cookies(), [], 'no cookie at all');
      // The first host still answers its tab after the second was opened (a cookie would have been overwritten).
      const info = (p: Page) => p.evaluate(async () => (await fetch('api/appInfo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-broadsheet-token': sessionStorage.getItem('broadsheet-token') ?? '' }, body: '{}' })).status);
      assert.equal(await info(a), 200);
      assert.equal(await info(b), 200);
      // Reloading keeps working (the tab's sessionStorage), and each tab holds only its own host's token.
      await a.reload();
      await waitForPages(a);
      const tokens = await Promise.all([a, b].map((p) => p.evaluate(() => sessionStorage.getItem('broadsheet-token'))));
      assert.equal(tokens[0], new URL(url).searchParams.get('token'));
      assert.equal(tokens[1], new URL(second.url).searchParams.get('token'));
    } finally {
      await ctx.close();
      second.child.kill('SIGTERM');
    }
  });
});

describe('bad input gets a clear message, not a blank window', () => {
  test('an issue file cut off mid-save: the app names the file, the place and the likely cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-broken-'));
    const file = join(dir, '第46期.broadsheet');
    writeFileSync(file, readFileSync(join(root, 'assets', 'sample', 'sample.broadsheet')).subarray(0, 3000));
    const { child, url: brokenUrl } = await serve(['--issue', file]);
    const p = await browser.newPage();
    try {
      await p.goto(brokenUrl);
      const alert = p.locator('.bs-app[data-state="error"] [role="alert"]');
      await alert.waitFor({ timeout: 60_000 }).catch(async (err: Error) => {
        const state = await p.locator('.bs-app').getAttribute('data-state').catch(() => null);
        throw new Error(`${err.message}\napp state: ${state}; page text: ${(await p.locator('body').innerText().catch(() => '')).slice(0, 300)}`);
      });
      const text = (await alert.textContent()) ?? '';
      assert.match(text, /第46期\.broadsheet/);
      assert.match(text, /line \d+, column \d+/);
      assert.match(text, /cut off/);
      assert.equal(await p.locator('svg.bs-page').count(), 0);
    } finally {
      await p.close();
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The Electron executable when it is on disk (Electron 42+ downloads it on first use, not at npm ci). */
function electronBinary(): string | undefined {
  const dir = join(root, 'node_modules', 'electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const p = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(p) ? p : undefined;
}

describe('the app in Electron (Playwright\'s Electron launcher)', () => {
  const binary = electronBinary();
  test('opens the sample issue in the desktop shell', { skip: binary ? false : 'no Electron binary on this machine (it could not be downloaded); the Chromium path above ran instead' }, async () => {
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--electron'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    const app = await _electron.launch({ executablePath: binary!, args: [root], cwd: root, timeout: 60_000 });
    try {
      const win = await app.firstWindow();
      assert.match(win.url(), /^broadsheet:\/\/app\//);
      await waitForPages(win);
      assert.deepEqual(await win.locator('svg.bs-page').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-page')))]), ['1', '2']);
      assert.ok((await win.locator('svg.bs-page[data-page="1"]').last().textContent())?.includes(LEAD_HEADLINE));
      assert.equal(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require), 'undefined', 'no Node in the renderer');
    } finally {
      await app.close();
    }
  });
});
