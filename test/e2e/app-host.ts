import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * What the app's end-to-end tests share: the built renderer, `broadsheet serve` (the loopback
 * host with its real services) and Debian's Chromium with the flags these machines need.
 */

export const root = join(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Builds dist/renderer unless it is there (npm test builds it before the e2e tests). */
export function ensureRendererBuilt(): void {
  if (existsSync(join(root, 'dist', 'renderer', 'index.html'))) return;
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--renderer'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`renderer build failed (${b.status}): ${b.stderr}`);
}

/** Starts `broadsheet serve ARGS` and resolves with the first line it prints (the URL with its token). */
export function serve(args: string[], env?: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'serve', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env ? { ...process.env, ...env } : process.env,
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, url: out.slice(0, nl) });
    });
    child.on('exit', (code) => reject(new Error(`broadsheet serve exited (${code}) before printing its URL:\n${err}`)));
  });
}

/** Debian's Chromium, headless, as every e2e test drives it. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), or set BROADSHEET_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** The app as an editor sees it: `broadsheet serve ARGS` in a Chromium page of its own. */
export interface OpenedApp {
  child: ChildProcess;
  browser: Browser;
  page: Page;
  /** Closes the browser and stops the host. */
  close(): Promise<void>;
}

/**
 * Starts `broadsheet serve ARGS` and opens its URL in a new Chromium page (1600 × 1000, zh-CN).
 * `beforeGoto` runs on the page before the URL loads (init scripts that time the first paint).
 */
export async function openApp(args: string[], opts: { env?: Record<string, string>; beforeGoto?: (page: Page) => Promise<unknown> } = {}): Promise<OpenedApp> {
  ensureRendererBuilt();
  const { child, url } = await serve(args, opts.env);
  const browser = await launchChromium().catch((err: unknown) => {
    child.kill();
    throw err;
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  await opts.beforeGoto?.(page);
  await page.goto(url);
  return {
    child,
    browser,
    page,
    async close() {
      await browser.close();
      child.kill();
    },
  };
}

/**
 * At 100 % zoom, double-clicks into a story frame (below its headline: a single click only
 * selects the frame) and waits for that story's in-place editor (`timeout`: ms, Playwright's
 * default when omitted).
 */
export async function editStoryInFrame(page: Page, frameId: string, storyId: string, timeout?: number): Promise<void> {
  await page.selectOption('[data-testid=zoom]', '1');
  const frame = page.locator(`.bs-ws-frame[data-frame="${frameId}"]`);
  await frame.scrollIntoViewIfNeeded();
  const b = (await frame.boundingBox())!;
  await page.mouse.dblclick(b.x + b.width / 2, b.y + b.height * 0.6);
  await page.waitForSelector(`.ProseMirror[data-story="${storyId}"]`, { state: 'attached', timeout });
}
