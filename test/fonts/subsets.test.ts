/// <reference path="../../types/fontkit.d.ts" />
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import * as fontkit from 'fontkit';
import { composeIssue } from '../../core/compose/index.js';
import { codePointsText, firstPaintCodePoints } from '../../core/fonts/coverage.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import { SubsetFace, subsetFontSource } from '../../core/fonts/subset-face.js';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { fontFilePath, fontManifest } from '../../node/font-files.js';
import { fontFileBytes, loadFontFace, nodeFontSource } from '../../node/fonts.js';
import { FontSubsets, subsetFont } from '../../node/font-subsets.js';
import { createResourceResolver } from '../../node/services/resources.js';
import { bundledSampleIssue, templates } from '../fixtures/build.js';

// The first paint's fonts: subsets of the faces for the characters an issue uses
// (node/font-subsets.ts, read by core/fonts/subset-face.ts). The composer must lay the issue
// out exactly as with the full files — design.md, "one composer": the screen is the print.

const root = join(import.meta.dirname, '..', '..');
const sample = issueSchema.parse(bundledSampleIssue()) as Issue;
const keys = Object.keys(fontManifest());
const tmp = mkdtempSync(join(tmpdir(), 'bs-subsets-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const sampleChars = () => firstPaintCodePoints(sample, [...new Set(sample.pages.map((p) => p.templateId))].map((id) => templates.get(id)));

async function subsetSource(cps: Set<number>) {
  const faces = new Map<string, SubsetFace>();
  for (const key of keys) faces.set(key, new SubsetFace(key, createFontFace(key, await subsetFont(fontFileBytes(key), cps)), cps));
  return subsetFontSource(faces, new Map(keys.map((k) => [k, fontManifest()[k].fallback])));
}

test('the sample issue composed on subsets of its characters equals its composition on the full font files, and no answer came from outside them', async () => {
  const source = await subsetSource(sampleChars());
  const onSubsets = composeIssue(sample, { fonts: source, templates });
  const onFull = composeIssue(sample, { fonts: nodeFontSource(), templates });
  assert.deepEqual(onSubsets, onFull);
  for (const [key, face] of source.faces) assert.equal(face.inexact, false, `${key} was asked about a character outside its subset`);
});

test('a subset keeps exactly the characters asked for: the cmap of every painted character, glyph ids and advances as in the full file', async () => {
  const cps = sampleChars();
  const composed = composeIssue(sample, { fonts: nodeFontSource(), templates });
  // Every character the composer put on a page, by face.
  const painted = new Map<string, Set<number>>();
  for (const page of composed.pages)
    for (const item of page.items as { kind: string; font?: string; chars?: string[] }[]) {
      if (item.kind !== 'glyphs' || !item.font || !item.chars) continue;
      const set = painted.get(item.font) ?? new Set<number>();
      painted.set(item.font, set);
      for (const s of item.chars) for (const ch of s) set.add(ch.codePointAt(0)!);
    }
  assert.ok(painted.size >= 2, 'the sample paints in several faces');
  for (const [key, chars] of painted) {
    const full = loadFontFace(key);
    const sub = fontkit.create(Buffer.from(await subsetFont(fontFileBytes(key), cps))) as fontkit.Font;
    for (const cp of chars) {
      assert.ok(cps.has(cp), `U+${cp.toString(16)} painted in ${key} is in the first paint's characters`);
      const g = full.glyphId(cp);
      if (g === 0) continue; // drawn by the fallback face
      assert.equal(sub.glyphForCodePoint(cp).id, g, `${key} U+${cp.toString(16)}: same glyph id`);
      assert.equal(sub.getGlyph(g).advanceWidth, full.advance(g));
    }
    // Characters outside the set are not in the subset's cmap (the browser falls back for them).
    assert.equal(sub.hasGlyphForCodePoint(0x946b), false); // 鑫, not in the sample
  }
});

test('a subset face asked outside its characters says so (inexact) and, once grown to the full file, answers as the full face', async () => {
  const cps = new Set(Array.from('中文，。Hello', (c) => c.codePointAt(0)!));
  const full = loadFontFace('serif');
  const face = new SubsetFace('serif', createFontFace('serif', await subsetFont(fontFileBytes('serif'), cps)), cps);
  assert.equal(face.glyphId(0x4e2d), full.glyphId(0x4e2d));
  assert.deepEqual(face.shape('Hello'), full.shape('Hello'));
  assert.deepEqual(face.emptySides(0xff0c), full.emptySides!(0xff0c));
  assert.equal(face.inexact, false);
  assert.equal(face.glyphId(0x946b), 0); // 鑫: the subset lacks it
  assert.equal(face.inexact, true);
  face.grow(full, null);
  assert.equal(face.glyphId(0x946b), full.glyphId(0x946b));
  assert.notEqual(face.glyphId(0x946b), 0);
  assert.deepEqual(face.shape('Wörter'), full.shape('Wörter'));
});

test('the subsets cache: the same font file and characters give the same file, made once; a changed font file gives a new subset', async () => {
  // A copy of one face in a fonts folder of our own (BROADSHEET_FONTS_DIR, as the packaged app has).
  const fontsDir = join(tmp, 'fonts');
  const face = fontManifest().sans;
  const file = join(fontsDir, face.package, face.file);
  const original = fontFilePath('sans');
  const black = fontFilePath('sans-black');
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(original, file);
  process.env.BROADSHEET_FONTS_DIR = fontsDir;
  try {
    const cache = new FontSubsets(join(tmp, 'cache'));
    const cps = [...Array.from('报纸排版', (c) => c.codePointAt(0)!), 0x41];
    const a = await cache.subset('sans', cps);
    assert.match(a.url, /^font-subsets\/sans-[0-9a-f]{32}\.ttf$/);
    const made = statSync(a.file).mtimeMs;
    const again = await new FontSubsets(join(tmp, 'cache')).subset('sans', [...cps].reverse());
    assert.equal(again.url, a.url, 'same characters in another order: the same subset');
    assert.equal(statSync(again.file).mtimeMs, made, 'taken from the disk cache, not made again');
    assert.notEqual((await cache.subset('sans', [...cps, 0x42])).url, a.url, 'other characters: another subset');
    // The font file changes (a newer package: here another weight copied over it).
    copyFileSync(black, file);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const b = await cache.subset('sans', cps);
    assert.notEqual(b.url, a.url, 'a changed font file gets a new subset (and URL: the old one stays immutable)');
    const bFont = fontkit.create(readFileSync(b.file)) as fontkit.Font;
    const changed = fontkit.create(readFileSync(file)) as fontkit.Font;
    assert.equal(bFont.glyphForCodePoint(0x62a5).advanceWidth, changed.glyphForCodePoint(0x62a5).advanceWidth);
    assert.equal(await cache.file(b.url.slice('font-subsets/'.length, -'.ttf'.length)), b.file);
    assert.equal(await cache.file('../../etc/passwd'), undefined);
    assert.equal(await cache.file('sans-0123456789abcdef0123456789abcdef'), undefined, 'a name never made');
  } finally {
    delete process.env.BROADSHEET_FONTS_DIR;
  }
});

test('the subsets cache keeps at most its limit of files, dropping the oldest', async () => {
  const cache = new FontSubsets(join(tmp, 'small-cache'), 2);
  const made = [];
  for (const ch of '甲乙丙') {
    made.push(await cache.subset('serif', [ch.codePointAt(0)!]));
    await new Promise((r) => setTimeout(r, 20)); // distinct modification times
  }
  assert.equal(readdirSync(join(tmp, 'small-cache')).length, 2);
  assert.equal(await cache.file(made[0].url.slice('font-subsets/'.length, -4)), undefined, 'the oldest went');
  assert.equal(await cache.file(made[2].url.slice('font-subsets/'.length, -4)), made[2].file);
});

test('the hosts serve subsets and the hashed bundle immutable, the page itself revalidated', async () => {
  const rendererDir = join(tmp, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(rendererDir, 'index.html'));
  copyFileSync(join(root, 'package.json'), join(rendererDir, 'assets', 'index-BCOz3Yg5.js'));
  process.env.BROADSHEET_CACHE_DIR = join(tmp, 'host-cache');
  try {
    const resolve = createResourceResolver({ rendererDir, lastIssue: () => undefined });
    const { fontSubsets } = await import('../../node/font-subsets.js');
    const made = await fontSubsets().subset('serif', [0x4e2d]);
    const served = await resolve(made.url);
    assert.equal(served?.file, made.file);
    assert.equal(served?.immutable, true);
    assert.equal(served?.type, 'font/ttf');
    assert.equal(await resolve('font-subsets/serif-ffffffffffffffffffffffffffffffff.ttf'), undefined);
    assert.equal((await resolve('assets/index-BCOz3Yg5.js'))?.immutable, true);
    assert.equal((await resolve('index.html'))?.immutable, undefined);
    assert.equal((await resolve(''))?.immutable, undefined);
  } finally {
    delete process.env.BROADSHEET_CACHE_DIR;
  }
});

test('the first paint characters: the issue’s own, the composer’s words, Latin and punctuation; as one sorted string', () => {
  const cps = sampleChars();
  for (const ch of '云杉区报第版期下转上接星期一，。“”—…ABCxyz019-') assert.ok(cps.has(ch.codePointAt(0)!), ch);
  assert.equal(codePointsText([0x4e2d, 0x41, 0x4e2d, 0x1f600]), 'A中😀');
});
