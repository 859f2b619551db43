/// <reference path="../../types/fontkit.d.ts" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as fontkit from 'fontkit';
import type { Font as FontkitFont } from 'fontkit';
import { fontFilePath, fontManifest } from '../../node/font-files.js';
import { readSfntHeader } from '../../node/pdf/truetype-font.js';

// node/pdf/truetype-font.ts writes the font objects pdfkit's EmbeddedFont writes, from values
// read out of the font file: for every face the app ships they must be exactly fontkit's.

test('header values read from each shipped font file are the ones fontkit gives pdfkit', () => {
  for (const key of Object.keys(fontManifest())) {
    const bytes = readFileSync(fontFilePath(key));
    const h = readSfntHeader(bytes);
    assert.ok(h, `${key}: read`);
    const f = fontkit.create(bytes) as FontkitFont & Record<string, any>;
    assert.equal(h.postscriptName, f.postscriptName, `${key}: PostScript name`);
    assert.equal(h.unitsPerEm, f.unitsPerEm);
    assert.equal(h.ascent, f.ascent);
    assert.equal(h.descent, f.descent);
    assert.equal(h.lineGap, f.lineGap);
    assert.deepEqual(h.bbox, { minX: f.bbox.minX, minY: f.bbox.minY, maxX: f.bbox.maxX, maxY: f.bbox.maxY });
    assert.equal(h.italicAngle, f.italicAngle);
    assert.equal(h.capHeight, f.capHeight);
    assert.equal(h.xHeight, f.xHeight);
    assert.equal(h.familyClass, f['OS/2']?.sFamilyClass ?? 0);
    assert.equal(h.isFixedPitch, !!f.post.isFixedPitch);
    assert.equal(h.italic, !!f.head.macStyle.italic);
    assert.equal(h.advance0, f.getGlyph(0).advanceWidth);
  }
});

test('read piecewise (only the ranges it asks for), the header values are the same', () => {
  for (const key of Object.keys(fontManifest())) {
    const bytes = new Uint8Array(readFileSync(fontFilePath(key)));
    const copy = new Uint8Array(bytes.length);
    const ensure = (ranges: ReadonlyArray<readonly [number, number]>) => {
      for (const [offset, length] of ranges) copy.set(bytes.subarray(offset, offset + length), offset);
    };
    assert.deepEqual(readSfntHeader(copy, ensure), readSfntHeader(bytes), key);
  }
});

test('a file it cannot vouch for is left to fontkit', () => {
  assert.equal(readSfntHeader(new Uint8Array(8)), undefined);
  const bytes = new Uint8Array(readFileSync(fontFilePath('serif')));
  // The name table's records renamed to another language: fontkit's pick is no longer the simple one.
  const v = new DataView(bytes.buffer);
  const numTables = v.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const r = 12 + i * 16;
    if (String.fromCharCode(...bytes.subarray(r, r + 4)) !== 'name') continue;
    const name = v.getUint32(r + 8);
    const count = v.getUint16(name + 2);
    for (let k = 0; k < count; k++) v.setUint16(name + 6 + k * 12 + 4, 0x0804);
  }
  assert.equal(readSfntHeader(bytes), undefined);
});

test('a subset’s tag comes from what it holds: same face and glyphs, same tag; any other subset, another', async () => {
  const { subsetTag } = await import('../../node/pdf/truetype-font.js');
  const a = subsetTag('NotoSerifSC-Regular', [0, 17, 4021, 933]);
  assert.match(a, /^[A-Z]{6}$/);
  assert.equal(subsetTag('NotoSerifSC-Regular', [0, 17, 4021, 933]), a, 'the same subset, the same name, in any file');
  const others = [
    subsetTag('NotoSerifSC-Regular', [0, 17, 4021]),
    subsetTag('NotoSerifSC-Regular', [0, 4021, 17, 933]),
    subsetTag('NotoSerifSC-Bold', [0, 17, 4021, 933]),
    subsetTag('NotoSerifSC-Regular', [0, 17, 4021, 934]),
  ];
  for (const o of others) assert.notEqual(o, a);
  // Over many different subsets the tags spread: no two of 2,000 alike (26⁶ ≈ 3·10⁸ names).
  const tags = new Set(Array.from({ length: 2000 }, (_, i) => subsetTag('NotoSansSC-Bold', [0, i + 1, (i * 7919) % 30000])));
  assert.equal(tags.size, 2000);
});
