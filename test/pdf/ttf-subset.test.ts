import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fontkit from 'fontkit';
import { fontFilePath, SparseFontFile } from '../../node/font-files.js';
import { fontFileBytes } from '../../node/fonts.js';
import { TrueTypeSubset, writeSfnt } from '../../node/pdf/ttf-subset.js';

// The PDF's embedded font subset (cjk-typesetting.md §4.1: fonts embedded as subsets) is
// written by copying glyph outlines from the file; these tests read the subset back with
// fontkit, independently of the writer, and compare it with the original font.

interface AnyFont {
  numGlyphs: number;
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { id: number };
  getGlyph(id: number): { advanceWidth: number; path: { toSVG(): string } };
}
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as unknown as AnyFont;

function sfntChecksum(bytes: Uint8Array): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

test('a subset of Noto Serif SC: every glyph keeps its outline and advance, in order of first use, .notdef first', () => {
  const bytes = fontFileBytes('serif');
  const original = open(bytes);
  const subset = TrueTypeSubset.open(bytes)!;
  assert.ok(subset, 'a static glyf font is handled');
  const text = '新华社北京十一月二十二日电，记者从国家统计局获悉：“十四五”GDP 增长 5.2%。';
  const gids = [...new Set(Array.from(text, (c) => original.glyphForCodePoint(c.codePointAt(0)!).id))];
  const ids = gids.map((g) => subset.includeGlyph(g));
  assert.deepEqual(ids, gids.map((_, i) => i + 1), 'subset ids follow first use; 0 is .notdef');
  assert.equal(subset.includeGlyph(gids[3]), 4, 'a glyph included again keeps its id');
  const out = subset.encode();
  assert.equal(sfntChecksum(out), 0xb1b0afba, 'head.checkSumAdjustment makes the file sum to 0xB1B0AFBA');
  const read = open(out);
  assert.equal(read.numGlyphs, gids.length + 1);
  for (let i = 0; i < gids.length; i++) {
    const a = original.getGlyph(gids[i]);
    const b = read.getGlyph(i + 1);
    assert.equal(b.path.toSVG(), a.path.toSVG(), `outline of glyph ${gids[i]} (${text[i]})`);
    assert.equal(b.advanceWidth, a.advanceWidth, `advance of glyph ${gids[i]}`);
  }
  assert.equal(read.getGlyph(0).path.toSVG(), original.getGlyph(0).path.toSVG(), '.notdef');
  assert.equal(read.unitsPerEm, original.unitsPerEm);
});

/** A three-glyph TrueType font: .notdef (empty), a triangle, and a composite of two triangles. */
function compositeFont(): Uint8Array {
  const be = (n: number, bytes: number, signed = false) => {
    const b = new Uint8Array(bytes);
    const v = new DataView(b.buffer);
    if (bytes === 2) signed ? v.setInt16(0, n) : v.setUint16(0, n);
    else v.setUint32(0, n);
    return [...b];
  };
  // triangle (0,0) (400,0) (200,600): 1 contour, on-curve points, word coordinates (deltas)
  const triangle = [...be(1, 2), ...be(0, 2), ...be(0, 2), ...be(400, 2), ...be(600, 2), ...be(2, 2), ...be(0, 2), 1, 1, 1, ...be(0, 2, true), ...be(400, 2, true), ...be(-200, 2, true), ...be(0, 2, true), ...be(0, 2, true), ...be(600, 2, true)];
  // composite: triangle at (0,0) and at (500,0); ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES (| MORE_COMPONENTS)
  const composite = [...be(0xffff, 2), ...be(0, 2), ...be(0, 2), ...be(900, 2), ...be(600, 2), ...be(0x0023, 2), ...be(1, 2), ...be(0, 2), ...be(0, 2), ...be(0x0003, 2), ...be(1, 2), ...be(500, 2), ...be(0, 2)];
  const pad = (a: number[]) => (a.length % 4 ? [...a, ...new Array(4 - (a.length % 4)).fill(0)] : a);
  const glyf = [...pad(triangle), ...pad(composite)];
  const loca = [0, 0, pad(triangle).length, glyf.length].flatMap((o) => be(o, 4));
  const head = [...be(0x00010000, 4), ...be(0x00010000, 4), ...be(0, 4), ...be(0x5f0f3cf5, 4), ...be(0, 2), ...be(1000, 2), ...new Array(16).fill(0), ...be(0, 2), ...be(0, 2), ...be(900, 2), ...be(600, 2), ...be(0, 2), ...be(8, 2), ...be(2, 2), ...be(1, 2), ...be(0, 2)];
  const hhea = [...be(0x00010000, 4), ...be(880, 2), ...be(-120, 2, true), ...new Array(26).fill(0), ...be(3, 2)];
  const maxp = [...be(0x00010000, 4), ...be(3, 2), ...new Array(26).fill(0)];
  const hmtx = [...be(1000, 2), ...be(0, 2), ...be(500, 2), ...be(0, 2), ...be(1000, 2), ...be(0, 2)];
  const t = (a: number[]) => new Uint8Array(a);
  return writeSfnt([['head', t(head)], ['hhea', t(hhea)], ['maxp', t(maxp)], ['hmtx', t(hmtx)], ['loca', t(loca)], ['glyf', t(glyf)]]);
}

test('a composite glyph brings its component into the subset, renumbered, and draws the same', () => {
  const bytes = compositeFont();
  const original = open(bytes);
  assert.ok(original.getGlyph(2).path.toSVG().length > 0, 'the hand-built font reads back');
  const subset = TrueTypeSubset.open(bytes)!;
  assert.equal(subset.includeGlyph(2), 1);
  const read = open(subset.encode());
  assert.deepEqual(subset.glyphs, [0, 2, 1], 'the component joined after the glyphs asked for');
  assert.equal(read.numGlyphs, 3);
  assert.equal(read.getGlyph(1).path.toSVG(), original.getGlyph(2).path.toSVG(), 'the composite draws its two triangles');
  assert.equal(read.getGlyph(2).path.toSVG(), original.getGlyph(1).path.toSVG());
  assert.equal(read.getGlyph(1).advanceWidth, 1000);
});

test('a font it does not handle (not TrueType outlines) is left to fontkit’s subset', () => {
  assert.equal(TrueTypeSubset.open(new TextEncoder().encode('OTTO' + '\0'.repeat(64))), undefined);
  assert.equal(TrueTypeSubset.open(new Uint8Array(4)), undefined);
});

/**
 * A copy of `bytes` that holds only what was asked for through `ensure` (exact ranges, zeros
 * elsewhere): a reader that reads anything it did not ask for sees zeros and writes something else.
 */
function askedOnly(bytes: Uint8Array) {
  const copy = new Uint8Array(bytes.length);
  const ensure = (ranges: ReadonlyArray<readonly [number, number]>) => {
    for (const [offset, length] of ranges) copy.set(bytes.subarray(offset, offset + length), offset);
  };
  return { copy, ensure };
}

test('read piecewise (only the ranges it asks for), the subset is the same file, composites included', () => {
  for (const [bytes, gids] of [
    [fontFileBytes('serif'), [...'新华社北京“十四五”GDP 增长 5.2%。'].map((c) => open(fontFileBytes('serif')).glyphForCodePoint(c.codePointAt(0)!).id)],
    [compositeFont(), [2]],
  ] as Array<[Uint8Array, number[]]>) {
    const whole = TrueTypeSubset.open(bytes)!;
    const { copy, ensure } = askedOnly(bytes);
    const piecewise = TrueTypeSubset.open(copy, ensure)!;
    for (const g of gids) assert.equal(piecewise.includeGlyph(g), whole.includeGlyph(g));
    assert.deepEqual(piecewise.encode(), whole.encode());
    assert.deepEqual(piecewise.glyphs, whole.glyphs);
  }
});

test('SparseFontFile reads what is asked for (in whole blocks) and nothing else', () => {
  const path = fontFilePath('serif');
  const bytes = new Uint8Array(fontFileBytes('serif'));
  const file = SparseFontFile.open(path);
  assert.equal(file.bytes.length, bytes.length);
  file.ensure([[0, 12], [5_000_000, 300], [5_003_000, 10]]);
  assert.deepEqual(file.bytes.subarray(0, 12), bytes.subarray(0, 12));
  assert.deepEqual(file.bytes.subarray(5_000_000, 5_000_300), bytes.subarray(5_000_000, 5_000_300));
  assert.deepEqual(file.bytes.subarray(5_003_000, 5_003_010), bytes.subarray(5_003_000, 5_003_010));
  assert.ok(file.bytes.subarray(9_000_000, 9_100_000).every((b) => b === 0), 'far from anything asked for: not read');
  file.ensure([[bytes.length - 5, 5]]);
  assert.deepEqual(file.bytes.subarray(bytes.length - 5), bytes.subarray(bytes.length - 5));
});
