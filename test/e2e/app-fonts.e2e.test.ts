/// <reference path="../../types/fontkit.d.ts" />
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Page } from 'playwright-core';
import { editStoryInFrame, openApp, root, type OpenedApp } from './app-host.js';
import { fontFilePath, fontManifest } from '../../node/font-files.js';

// The first paint in the real app (broadsheet serve): the first page is painted with
// subsets of the faces (the characters, made by the host), the full files load after it,
// and editing — which may type any character — waits for them: a character outside the subsets
// is drawn with the real face, never a fallback font.


describe('fonts of the first paint in the app', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-app-fonts-'));
    cpSync(join(root, 'assets', 'sample'), join(dir, 'issue'), { recursive: true });
    // When the first glyph is on screen, in the page's own clock.
    const timeFirstText = `(function check() { if (document.querySelector('.bs-ws-page svg text')) window.__bsTextAt = performance.now(); else requestAnimationFrame(check); })();`;
    // The status bar's note while the full files load, as first shown.
    const watchFontsNote = `new MutationObserver(() => { const n = document.querySelector('[data-testid="fonts-loading"]'); if (n && !window.__bsFontsNote) window.__bsFontsNote = n.textContent; }).observe(document, { childList: true, subtree: true });`;
    app = await openApp(['--issue', join(dir, 'issue', 'sample.broadsheet')], {
      env: { BROADSHEET_CACHE_DIR: join(dir, 'cache') },
      beforeGoto: async (p) => {
        await p.addInitScript({ content: timeFirstText });
        await p.addInitScript({ content: watchFontsNote });
      },
    });
    page = app.page;
    await page.waitForFunction(() => (window as unknown as { __bsTextAt?: number }).__bsTextAt, undefined, { timeout: 90_000 });
  });
  after(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the first page is painted from the subsets; the full font files are fetched only after it', async () => {
    const r = await page.evaluate(() => ({
      at: (window as unknown as { __bsTextAt: number }).__bsTextAt,
      res: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
    }));
    const subsets = r.res.filter((e) => e.path.startsWith('/font-subsets/'));
    assert.ok(subsets.length >= 2, 'subsets fetched');
    for (const s of subsets) assert.ok(s.end <= r.at, `${s.path} was there before the first paint`);
    for (const f of r.res.filter((e) => e.path.startsWith('/fonts/'))) assert.ok(f.start >= r.at, `${f.path} fetched after the first paint`);
  });

  test('while the full files load (editing waits for them) the status bar says so; the note goes once they are in', async () => {
    const note = await page.evaluate(() => (window as unknown as { __bsFontsNote?: string }).__bsFontsNote);
    assert.match(note ?? '', /正在载入完整字体|Loading full fonts/, 'the note was shown');
    await page.locator('[data-testid="fonts-loading"]').waitFor({ state: 'detached', timeout: 90_000 });
    const full = await page.evaluate(() => performance.getEntriesByName('bs:fonts full').length);
    assert.equal(full, 1, 'it went when the full files were in');
  });

  test('every character painted on the first page is in the subsets', async () => {
    const painted = await page.evaluate(() => [...document.querySelectorAll('.bs-ws-page svg text')].map((t) => t.textContent ?? '').join(''));
    assert.ok(painted.length > 200);
    const cmaps = readdirSync(join(dir, 'cache', 'font-subsets'))
      .filter((f) => f.endsWith('.ttf'))
      .map((f) => fontkit.create(readFileSync(join(dir, 'cache', 'font-subsets', f))) as fontkit.Font);
    assert.ok(cmaps.length >= 2);
    for (const ch of new Set(painted)) assert.ok(cmaps.some((font) => font.hasGlyphForCodePoint(ch.codePointAt(0)!)), `“${ch}” U+${ch.codePointAt(0)!.toString(16)} painted from a subset`);
  });

  test('a character outside the subsets typed in a story is drawn with the real face (full file loaded, subsets gone), not a fallback font', async () => {
    // The editor mounts once the full font files are in.
    await editStoryInFrame(page, 'ear', 's-ear', 60_000);
    const ch = '鑫'; // in Noto Serif/Sans SC, not in the sample issue
    assert.ok(!readFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), 'utf8').includes(ch));
    await page.keyboard.insertText(ch);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    const shown = await page.evaluate((c) => {
      const root = document.querySelector('.ProseMirror[data-story="s-ear"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let el: Element | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.includes(c)) el = n.parentElement;
      if (!el) return null;
      const cs = getComputedStyle(el);
      const family = cs.fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, '');
      const weight = cs.fontWeight;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${weight} 100px "${family}"`;
      const m = ctx.measureText(c);
      const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === family && f.weight === weight);
      return { family, weight, left: -m.actualBoundingBoxLeft, right: m.actualBoundingBoxRight, top: m.actualBoundingBoxAscent, faces: faces.map((f) => f.status), all: document.fonts.size };
    }, ch);
    assert.ok(shown, 'the typed character is in the editor');
    const key = Object.entries(fontManifest()).find(([, f]) => f.family === shown.family && String(f.weight) === shown.weight)?.[0];
    assert.ok(key, `drawn in a face of the manifest (${shown.family} ${shown.weight})`);
    assert.deepEqual(shown.faces, ['loaded'], 'one face registered for that family and weight: the full file (its subset was removed)');
    // The ink of the glyph as the browser draws it is the real face's glyph (fontkit's bbox of the full file; the
    // canvas rounds to whole pixels). Droid Sans Fallback, the system CJK font here, stands 2.6 px lower.
    const font = fontkit.create(readFileSync(fontFilePath(key))) as fontkit.Font;
    const bbox = font.glyphForCodePoint(ch.codePointAt(0)!).bbox;
    const px = 100 / font.unitsPerEm;
    assert.ok(Math.abs(shown.left - bbox.minX * px) < 1, `left ${shown.left} ≈ ${bbox.minX * px}`);
    assert.ok(Math.abs(shown.right - bbox.maxX * px) < 1, `right ${shown.right} ≈ ${bbox.maxX * px}`);
    assert.ok(Math.abs(shown.top - bbox.maxY * px) < 1, `top ${shown.top} ≈ ${bbox.maxY * px}`);
  });
});
