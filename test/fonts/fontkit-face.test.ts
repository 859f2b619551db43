/// <reference path="../../types/fontkit.d.ts" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as fontkit from 'fontkit';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import { fontFilePath, fontManifest } from '../../node/font-files.js';
import { loadFontFace, nodeFontSource } from '../../node/fonts.js';

const bytes = readFileSync(fontFilePath('serif'));
const face = createFontFace('serif', new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));

test('nodeFontSource parses each face once and answers with the manifest fallback', () => {
  const src = nodeFontSource();
  assert.equal(src.face('serif'), src.face('serif'));
  assert.equal(src.face('serif'), loadFontFace('serif'));
  for (const [key, entry] of Object.entries(fontManifest())) assert.equal(src.fallback(key), entry.fallback);
  assert.throws(() => src.face('no-such-face'), /Unknown font 'no-such-face'/);
});

test('metrics come from the real file: Noto Serif SC is 1000 units per em, Han is 1 em wide', () => {
  assert.equal(face.unitsPerEm, 1000);
  assert.ok(face.ascent > 800 && face.descent > 0);
  const g = face.glyphId(0x4e2d);
  assert.ok(g > 0);
  assert.equal(face.advance(g), 1000);
  assert.equal(face.glyphId(0x1fae8), 0, 'a code point the font lacks is .notdef');
});

test('empty sides of punctuation come from the font’s halt feature (cjk-typesetting.md §1.4, §3.3)', () => {
  const rows: Array<[string, 'left' | 'right']> = [['，', 'right'], ['。', 'right'], ['、', 'right'], ['：', 'right'], ['”', 'right'], ['）', 'right'], ['》', 'right'], ['“', 'left'], ['（', 'left'], ['《', 'left'], ['【', 'left']];
  for (const [ch, side] of rows) {
    const s = face.emptySides!(ch.codePointAt(0)!);
    assert.equal(s.source, 'halt', ch);
    assert.equal(s[side], 500, `${ch} ${side}`);
    assert.equal(s[side === 'left' ? 'right' : 'left'], 0, ch);
  }
});

test('—— uses the full-width (fwid) dash: two full positions (GB/T 15834 §5.1.4)', () => {
  assert.ok(face.advance(face.glyphId(0x2014)) < 1000, 'the default U+2014 is proportional in this font');
  assert.equal(face.advance(face.fullWidthGlyph!(0x2014)), 1000);
});

test('Latin is shaped with the font’s kerning, one entry per glyph with its cluster', () => {
  const av = face.shape('AV');
  assert.equal(av.length, 2);
  assert.deepEqual(av.map((g) => g.cluster), [0, 1]);
  assert.ok(av[0].advance < face.advance(av[0].glyphId));
  assert.equal(face.shape('AV'), av, 'shaped words are cached');
});

test('advances read from hmtx equal fontkit’s glyph advances (every 97th glyph and the last)', () => {
  const font = fontkit.create(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const ids = [];
  for (let id = 0; id < font.numGlyphs; id += 97) ids.push(id);
  ids.push(font.numGlyphs - 1);
  for (const id of ids) assert.equal(face.advance(id), font.getGlyph(id).advanceWidth, `glyph ${id}`);
});
