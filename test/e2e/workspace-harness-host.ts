// The workspace harness on the real loopback host (node/host): real services (open, save,
// preflight, export, photo linking) on a copy of the sample issue in a temp folder; only the
// renderer folder is the harness bundle instead of dist/renderer. Opened in Debian's Chromium.
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { OpenedIssueDto } from '../../core/api/index.js';
import { startLoopbackHost, type LoopbackHost } from '../../node/host/index.js';
import { createServices } from '../../node/services/index.js';
import { Uploads } from '../../node/services/uploads.js';
import { appPaths, createResourceResolver } from '../../node/services/resources.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Broadsheet workspace harness</title>
<style>html, body { margin: 0; height: 100%; } #root { position: fixed; inset: 0; }</style></head><body><div id="root"></div><script src="/harness.js"></script></body></html>`;

export interface WorkspaceHarness {
  browser: Browser;
  page: Page;
  host: LoopbackHost;
  /** Folder holding the copy of the sample issue (issue.broadsheet, photos/). */
  dir: string;
  issuePath: string;
  close(): Promise<void>;
}

/** `editIssue`: changes the sample issue's file (its parsed JSON) before the harness opens it. */
export async function openWorkspaceHarness(opts: { query?: string; viewport?: { width: number; height: number }; editIssue?: (issue: any) => unknown } = {}): Promise<WorkspaceHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'bs-ws-'));
  const web = join(dir, 'web');
  const issueDir = join(dir, 'issue');
  cpSync(join(root, 'assets', 'sample'), issueDir, { recursive: true });
  const issuePath = join(issueDir, 'sample.broadsheet');
  if (opts.editIssue) writeFileSync(issuePath, JSON.stringify(opts.editIssue(JSON.parse(readFileSync(issuePath, 'utf8')))));
  await build({
    entryPoints: [join(root, 'test/e2e/workspace-harness.ts')],
    bundle: true,
    format: 'iife',
    outfile: join(web, 'harness.js'),
    logLevel: 'silent',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
  });
  writeFileSync(join(web, 'index.html'), HTML);
  let last: OpenedIssueDto | undefined;
  const paths = appPaths(root);
  // A dropped photo is sent as an upload first (POST /api/upload), as in the app.
  const uploads = new Uploads();
  const api = createServices({
    uploads,
    startupIssue: issuePath,
    locale: 'zh-CN',
    onOpened: (o) => (last = o),
    onPhotoLinked: (path, asset) => {
      if (last && last.path === path) last = { ...last, issue: { ...last.issue, assets: [...last.issue.assets.filter((a) => a.id !== asset.id), asset] } };
    },
  });
  const resources = createResourceResolver({ rendererDir: web, lastIssue: () => last });
  const host = await startLoopbackHost({ api, resources, uploads });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const url = host.url + (opts.query ? `&${opts.query}` : '');
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 60000 });
  const error = await page.evaluate(() => document.body.dataset.error);
  if (error) throw new Error(`harness failed: ${error}`);
  return {
    browser,
    page,
    host,
    dir,
    issuePath,
    async close() {
      await browser.close();
      await host.close();
      await uploads.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A value computed in the page from the harness's editing session (`s`), e.g. `s.issue.stories.length`. */
export const session = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(() => { const s = window.bsw.session; return ${fn}; })()`) as Promise<T>;

/**
 * Puts the caret into a frame's story (a click, or Enter on the selected frame where a click only
 * selects), at document position `pos`, or at the end of the story's text when `pos` is 'end'.
 */
export async function editStoryAt(page: Page, frameId: string, storyId: string, pos: number | 'end'): Promise<void> {
  const frame = page.locator(`.bs-ws-frame[data-frame="${frameId}"]`);
  await frame.scrollIntoViewIfNeeded();
  const b = (await frame.boundingBox())!;
  await page.mouse.click(b.x + b.width / 2, b.y + b.height * 0.7);
  const editing = () => page.evaluate(() => (window as any).bsw.editor?.view.dom.getAttribute('data-story') ?? null);
  if ((await editing()) !== storyId) await page.keyboard.press('Enter');
  await page.waitForFunction((id) => (window as any).bsw.editor?.view.dom.getAttribute('data-story') === id, storyId);
  await page.evaluate((p) => {
    const view = (window as any).bsw.editor.view;
    view.focus();
    const at = p === 'end' ? view.state.doc.content.size - 1 : p;
    view.dispatch(view.state.tr.setSelection((view.state.selection.constructor as any).near(view.state.doc.resolve(at))));
  }, pos);
}
