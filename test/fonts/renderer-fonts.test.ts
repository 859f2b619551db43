// The renderer's font loads (renderer/src/fonts.ts): the full files, the first paint's subsets
// and the subsets they grow into all go through one fetch-and-parse step, so a missing or broken
// font file fails every one of them the same way, naming the face and the file. The subsets grow
// by themselves to any character a composition asks about, widen to what editors type, and never
// lose a character they had.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FontFaceDto } from '../../core/api/methods.js';
import { gb2312CodePoints } from '../../core/fonts/coverage.js';
import type { SubsetFace } from '../../core/fonts/subset-face.js';
import { loadFontFace } from '../../node/fonts.js';
import { loadFontSubsets, loadFonts, moreFonts } from '../../renderer/src/fonts.js';
import { installFontHost, nextGrown, type FontHost } from '../fixtures/font-host.js';

const serif: FontFaceDto = { key: 'serif', family: 'Noto Serif SC', weight: 400, url: 'fonts/serif', fallback: 'sans' };

let fh: FontHost;
before(() => {
  fh = installFontHost();
});
after(() => fh.restore());

const faceOf = (fonts: { source: { face(k: string): unknown } }, key: string) => fonts.source.face(key) as SubsetFace;

describe('a missing or broken font file names the face and the file', () => {
  test('full files: missing', async () => {
    fh.served.clear();
    await assert.rejects(loadFonts([serif], fh.files), (err: Error) => {
      assert.match(err.message, /Font "serif" \(Noto Serif SC 400, \/fonts\/serif\) could not be loaded: 404 Not Found/);
      return true;
    });
  });

  test('full files: not a font', async () => {
    fh.served.set('/fonts/serif', { status: 200, bytes: new TextEncoder().encode('<html>not a font</html>') });
    await assert.rejects(loadFonts([serif], fh.files), (err: Error) => {
      assert.match(err.message, /Font "serif" \(Noto Serif SC 400, \/fonts\/serif\) is not a usable font file \(23 bytes\)/);
      return true;
    });
  });

  test('a grown subset that is not a font: the same step, the same message; the subset before it stays registered and answers', async () => {
    fh.registered.clear();
    const fonts = await loadFontSubsets(fh.api, [serif], fh.files, ['serif'], '一年');
    assert.equal(fh.registered.size, 1, 'the subset is registered');
    fh.breakNext('serif');
    await assert.rejects(fonts.growth!.ensure('鑫'), (err: Error) => {
      assert.match(err.message, /Font "serif" \(Noto Serif SC 400, subset, \/font-subsets\/serif-\d+\.ttf\) is not a usable font file \(23 bytes\)/);
      return true;
    });
    assert.equal(fh.registered.size, 1, 'the subset is still there to draw with');
    assert.equal(faceOf(fonts, 'serif').glyphId(0x4e00), loadFontFace('serif').glyphId(0x4e00));
    assert.equal(fonts.growth!.covers('鑫'), false);
    // The host mended: the next ask grows it.
    await fonts.growth!.ensure('鑫');
    assert.equal(fonts.growth!.covers('鑫一年'), true);
  });

  test('a subset the host did not make is named', async () => {
    const api = { fontSubsets: async () => [] };
    await assert.rejects(loadFontSubsets(api, [serif], fh.files, ['serif'], '一'), /no subset of font "serif"/);
  });
});

describe('subsets that grow', () => {
  const keys = ['serif', 'sans'];

  test('a character a composition asks about outside the subsets: not exact until the face has grown to it, then exact and as the full face', async () => {
    const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, keys, '新闻 News');
    const growth = fonts.growth!;
    const face = faceOf(fonts, 'serif');
    const full = loadFontFace('serif');
    assert.equal(growth.exact, true);
    const calls = fh.calls.length;
    const grown = nextGrown(growth);
    // What the composer does for a character typed: ask its glyph (and, missing, its fallback's).
    assert.equal(face.glyphId(0x9f98), 0, 'outside the subset: looks missing');
    assert.equal(faceOf(fonts, 'sans').glyphId(0x9f98), 0);
    assert.equal(growth.exact, false, 'a guess was given');
    await grown;
    assert.equal(growth.exact, true);
    assert.equal(face.glyphId(0x9f98), full.glyphId(0x9f98));
    assert.ok(face.glyphId(0x9f98) > 0);
    assert.equal(face.advance(face.glyphId(0x9f98)), full.advance(full.glyphId(0x9f98)));
    // Both faces grew, each once, each asked for everything it had plus the new character.
    const asked = fh.calls.slice(calls);
    assert.deepEqual(asked.map((c) => c.keys).sort(), [['sans'], ['serif']]);
    for (const c of asked) assert.ok(c.text.includes('龘') && c.text.includes('闻') && c.text.includes('N'), c.text);
    // Everything it answered before stays as it was.
    assert.deepEqual(face.shape('News'), full.shape('News'));
  });

  test('the characters of one keystroke (a paste) are grown together, in one repair', async () => {
    const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, ['serif'], '一');
    const face = faceOf(fonts, 'serif');
    const calls = fh.calls.length;
    const grown = nextGrown(fonts.growth!);
    for (const ch of '犇鑫淼龘') face.glyphId(ch.codePointAt(0)!);
    await grown;
    assert.equal(fh.calls.length - calls, 1, 'one subset for the four');
    assert.equal(fonts.growth!.covers('犇鑫淼龘'), true);
  });

  test('widening: every face grows, one at a time, to GB 2312 and the Latin ranges editors type; the old subset is unregistered after the new one is in', async () => {
    fh.registered.clear();
    const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, keys, '要闻');
    assert.equal(fh.registered.size, 2);
    const calls = fh.calls.length;
    let busy = 0;
    const seen: boolean[] = [];
    fonts.growth!.on((e) => {
      if (e.type === 'busy') seen.push(e.busy);
    });
    await fonts.growth!.widen();
    busy = fh.calls.length - calls;
    assert.equal(busy, 2, 'one grown subset per face');
    assert.ok(fh.calls.slice(calls).every((c) => c.keys.length === 1), 'face by face');
    assert.ok(seen.includes(true) && seen.at(-1) === false, 'busy while fetching, then not');
    const gb = String.fromCodePoint(...gb2312CodePoints());
    assert.equal(gb2312CodePoints().length > 7400, true);
    assert.equal(fonts.growth!.covers(gb), true);
    assert.equal(fonts.growth!.covers('Dvořák ǚ é'), true);
    assert.equal(fonts.growth!.covers('龘'), false, 'outside GB 2312: grown on first use');
    assert.equal(fh.registered.size, 2, 'one registered face per key: the grown one');
    // Widening again costs nothing.
    await fonts.growth!.widen();
    assert.equal(fh.calls.length - calls, 2);
  });

  test('widened files are measured at once but registered for painting when the browser is idle, or a face at once when a composition uses a character only the grown file has', async () => {
    const idle: Array<() => void> = [];
    const g = globalThis as { requestIdleCallback?: unknown };
    const saved = g.requestIdleCallback;
    g.requestIdleCallback = (cb: () => void) => idle.push(cb);
    try {
      fh.registered.clear();
      const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, keys, '要闻');
      const first = new Set(fh.registered);
      const widened = fonts.growth!.widen();
      while (!idle.length) await new Promise((r) => setTimeout(r, 5));
      // Measured already: the composer answers exactly, no miss.
      assert.equal(fonts.growth!.covers('的确'), true);
      assert.deepEqual(new Set(fh.registered), first, 'not yet registered: the page is not laid out again for nothing');
      const serifFace = faceOf(fonts, 'serif');
      assert.equal(serifFace.glyphId(0x7684), loadFontFace('serif').glyphId(0x7684));
      assert.equal(fonts.growth!.exact, true);
      await new Promise((r) => setTimeout(r, 20));
      const now = [...fh.registered];
      assert.equal(now.length, 2);
      assert.equal(now.filter((f) => first.has(f)).length, 1, 'the serif face was registered grown, the sans one not yet');
      idle.shift()!();
      await widened;
      assert.equal([...fh.registered].filter((f) => first.has(f)).length, 0, 'idle: every grown file registered');
      assert.equal(fh.registered.size, 2);
    } finally {
      g.requestIdleCallback = saved;
    }
  });

  test('a subset may only grow: a smaller one is refused', async () => {
    const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, ['serif'], '一二三');
    const face = faceOf(fonts, 'serif');
    assert.throws(() => face.grow(loadFontFace('serif'), new Set([0x4e00])), /may only grow/);
  });

  test('another issue: the faces so far grow to its characters; a face it adds comes as a subset into the same source', async () => {
    const fonts = await loadFontSubsets(fh.api, fh.faces, fh.files, ['serif'], '一');
    const more = await moreFonts(fonts, fh.api, fh.faces, fh.files, ['serif', 'sans-bold'], '二〇二六年 Édition');
    assert.equal(more.source, fonts.source, 'one source: the compositions so far stay true');
    assert.deepEqual(Object.keys(more.css).sort(), ['sans-bold', 'serif']);
    assert.equal(more.growth!.covers('二〇二六年 Édition'), true);
    const bold = faceOf(more, 'sans-bold');
    assert.equal(bold.glyphId(0x5e74), loadFontFace('sans-bold').glyphId(0x5e74));
    assert.equal(more.growth!.exact, true, 'answered from the subset');
    assert.ok(!fh.calls.some((c) => c.chars > 100_000));
  });
});
