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
// subsets of the faces (the characters, made by the host); after it they widen to what
// editors type (GB 2312, Latin), and grow to any other character typed. Editing never waits for
// them, a character outside the subsets is drawn with the real face (never a fallback font), and
// no line break composed with a guess for it is ever shown. The full font files are never fetched.


describe('fonts of the first paint in the app', () => {
  let app: OpenedApp | undefined;
  let page: Page;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-app-fonts-'));
    cpSync(join(root, 'assets', 'sample'), join(dir, 'issue'), { recursive: true });
    // When the first glyph is on screen, in the page's own clock.
    const timeFirstText = `(function check() { if (document.querySelector('.bs-ws-page svg text')) window.__bsTextAt = performance.now(); else requestAnimationFrame(check); })();`;
    // The status bar's note while the subsets widen, as first shown.
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
    // At once, as an editor on deadline would: editing does not wait for the fonts to widen.
    await editStoryInFrame(page, 'ear', 's-ear', 10_000);
    mountedWhile = await page.evaluate(() => ({ widened: performance.getEntriesByName('bs:fonts typing').length > 0, sinceText: performance.now() - (window as unknown as { __bsTextAt: number }).__bsTextAt }));
  });
  let mountedWhile: { widened: boolean; sinceText: number };
  after(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the first page is painted from the subsets; the full font files are never fetched, also once the subsets have widened', async () => {
    await page.waitForFunction(() => performance.getEntriesByName('bs:fonts typing').length > 0, undefined, { timeout: 90_000 });
    const r = await page.evaluate(() => ({
      at: (window as unknown as { __bsTextAt: number }).__bsTextAt,
      res: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd, bytes: (e as PerformanceResourceTiming).encodedBodySize })),
    }));
    const subsets = r.res.filter((e) => e.path.startsWith('/font-subsets/'));
    assert.ok(subsets.length >= 4, `first and widened subsets fetched (${subsets.length})`);
    assert.ok(subsets.filter((s) => s.end <= r.at).length >= 2, 'subsets were there before the first paint');
    assert.deepEqual(r.res.filter((e) => e.path.startsWith('/fonts/')).map((e) => e.path), [], 'no full font file');
  });

  test('editing started at once after the first paint, before the fonts widened; the status bar says while they widen, and the note goes', async () => {
    assert.ok(mountedWhile, 'the editor mounted');
    const note = await page.evaluate(() => (window as unknown as { __bsFontsNote?: string }).__bsFontsNote);
    assert.match(note ?? '', /正在补充字体|Adding characters to fonts/, 'the note was shown');
    await page.waitForFunction(() => performance.getEntriesByName('bs:fonts typing').length > 0, undefined, { timeout: 90_000 });
    await page.locator('[data-testid="fonts-loading"]').waitFor({ state: 'detached', timeout: 90_000 });
    console.log(`editor mounted ${Math.round(mountedWhile.sinceText)} ms after the first text, fonts widened by then: ${mountedWhile.widened}`);
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

  test('no line break composed with a guess is ever shown: typed text outside every subset shows in the lines as they were until the faces have grown, then in its exact lines', async () => {
    // Vietnamese letters: in the faces, outside GB 2312 and the sample, and proportional (a guessed
    // em-wide advance would break the lines elsewhere).
    const typed = 'Tiếng Việt ạệẩỗ ựữởờ'.repeat(3);
    // Each frame, the editor's lines (its pieces grouped by line key), when they changed. A string:
    // the test runner's transform would name a function inside an evaluated closure.
    await page.evaluate(`(() => {
      window.__bsLines = [];
      window.__bsRec = true;
      const snap = () => {
        const root = document.querySelector('.ProseMirror[data-story="s-ear"]');
        if (root) {
          const lines = [];
          let k = null;
          for (const el of root.querySelectorAll('[data-k]')) {
            const kk = el.getAttribute('data-k');
            if (kk !== k) lines.push('');
            k = kk;
            lines[lines.length - 1] += el.textContent || '';
          }
          const sig = JSON.stringify(lines);
          if (sig !== window.__bsLast) window.__bsLines.push(lines);
          window.__bsLast = sig;
        }
        if (window.__bsRec) requestAnimationFrame(snap);
      };
      snap();
    })()`);
    const repaired = await page.evaluate(() => performance.getEntriesByName('bs:fonts repaired').length);
    await page.keyboard.insertText(typed);
    await page.waitForFunction((n) => performance.getEntriesByName('bs:fonts repaired').length > n, repaired, { timeout: 30_000 });
    await page.waitForTimeout(400);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __bsLines: string[][]; __bsRec: boolean };
      w.__bsRec = false;
      return w.__bsLines;
    });
    const before = seen[0];
    const final = seen.at(-1)!;
    assert.ok(final.join('').includes(typed), 'the text landed, once');
    assert.equal(final.join('').split(typed).length, 2);
    assert.notDeepEqual(final.length, 0);
    for (const lines of seen.slice(1, -1)) {
      if (JSON.stringify(lines) === JSON.stringify(final)) continue;
      // The lines as they were, the typed text inside the one it was typed into.
      assert.equal(lines.length, before.length, `a layout between: ${JSON.stringify(lines)}`);
      const changed = lines.flatMap((l, i) => (l === before[i] ? [] : [i]));
      assert.equal(changed.length, 1, `one line holds the typed text: ${JSON.stringify(lines)}`);
      assert.equal(lines[changed[0]].replace(typed, ''), before[changed[0]]);
    }
    assert.ok(seen.length >= 2, 'the typing was seen');
  });

  test('a character outside the subsets typed in a story is drawn with the real face (grown subset, the smaller one gone), not a fallback font', async () => {
    const ch = '龘'; // in Noto Serif/Sans SC, outside GB 2312 and the sample issue
    assert.ok(!readFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), 'utf8').includes(ch));
    const repaired = await page.evaluate(() => performance.getEntriesByName('bs:fonts repaired').length);
    await page.keyboard.insertText(ch);
    await page.waitForFunction((n) => performance.getEntriesByName('bs:fonts repaired').length > n, repaired, { timeout: 30_000 });
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
    assert.deepEqual(shown.faces, ['loaded'], 'one face registered for that family and weight: the grown subset (the one before it was removed)');
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
