// The renderer's font loads (renderer/src/fonts.ts): the full files, the first paint's subsets
// and the full files that follow them all go through one fetch-and-parse step, so a missing or
// broken font file fails every one of them the same way, naming the face and the file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FontFaceDto } from '../../core/api/methods.js';
import { fontFileBytes } from '../../node/fonts.js';
import { subsetFont } from '../../node/font-subsets.js';
import { loadFonts, loadFontSubsets } from '../../renderer/src/fonts.js';

const base = new URL('http://127.0.0.1:1/');
/** The host's files as the loopback transport gives them (the stubbed global fetch below). */
const host = { base, fetch: (url: URL) => globalThis.fetch(url) };
const serif: FontFaceDto = { key: 'serif', family: 'Noto Serif SC', weight: 400, url: 'fonts/serif', fallback: 'sans' };

/** What the stand-in host answers, by path. */
let files: Record<string, { status: number; bytes?: Uint8Array }> = {};
const added: unknown[] = [];
const saved = { fetch: globalThis.fetch, FontFace: (globalThis as { FontFace?: unknown }).FontFace, document: (globalThis as { document?: unknown }).document };

before(() => {
  globalThis.fetch = (async (url: URL) => {
    const f = files[url.pathname];
    if (!f) return new Response(null, { status: 404, statusText: 'Not Found' });
    return new Response(f.bytes ? new Blob([f.bytes as Uint8Array<ArrayBuffer>]) : null, { status: f.status });
  }) as typeof fetch;
  // The browser checks the file again when registering it; here fontkit's parse is the check.
  (globalThis as { FontFace?: unknown }).FontFace = class {
    constructor(readonly family: string, readonly bytes: ArrayBuffer) {}
    async load() {
      return this;
    }
  };
  (globalThis as { document?: unknown }).document = { fonts: { add: (f: unknown) => added.push(f), delete: (f: unknown) => added.splice(added.indexOf(f), 1) } };
});
after(() => {
  globalThis.fetch = saved.fetch;
  (globalThis as { FontFace?: unknown }).FontFace = saved.FontFace;
  (globalThis as { document?: unknown }).document = saved.document;
});

describe('a missing or broken font file names the face and the file', () => {
  test('full files: missing', async () => {
    files = {};
    await assert.rejects(loadFonts([serif], host), (err: Error) => {
      assert.match(err.message, /Font "serif" \(Noto Serif SC 400, \/fonts\/serif\) could not be loaded: 404 Not Found/);
      return true;
    });
  });

  test('full files: not a font', async () => {
    files = { '/fonts/serif': { status: 200, bytes: new TextEncoder().encode('<html>not a font</html>') } };
    await assert.rejects(loadFonts([serif], host), (err: Error) => {
      assert.match(err.message, /Font "serif" \(Noto Serif SC 400, \/fonts\/serif\) is not a usable font file \(23 bytes\)/);
      return true;
    });
  });

  test('the full files after the subsets: the same step, the same message; the subsets stay registered', async () => {
    const subset = await subsetFont(fontFileBytes('serif'), [0x4e00, 0x5e74]);
    files = { '/font-subsets/serif-1.ttf': { status: 200, bytes: subset }, '/fonts/serif': { status: 200, bytes: new Uint8Array(64) } };
    added.length = 0;
    const api = { fontSubsets: async () => [{ key: 'serif', url: 'font-subsets/serif-1.ttf' }] };
    const fonts = await loadFontSubsets(api, [serif], host, ['serif'], '一年');
    assert.equal(added.length, 1, 'the subset is registered');
    await assert.rejects(fonts.full!(), (err: Error) => {
      assert.match(err.message, /Font "serif" \(Noto Serif SC 400, \/fonts\/serif\) is not a usable font file \(64 bytes\)/);
      return true;
    });
    assert.equal(added.length, 1, 'the subset is still there to draw with');
  });

  test('a subset the host did not make is named', async () => {
    const api = { fontSubsets: async () => [] };
    await assert.rejects(loadFontSubsets(api, [serif], host, ['serif'], '一'), /no subset of font "serif"/);
  });
});
