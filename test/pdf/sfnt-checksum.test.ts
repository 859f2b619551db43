import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fontFileBytes } from '../../node/fonts.js';
import { tableChecksum, spanChecksums } from '../../node/pdf/sfnt-checksum.js';
import { TrueTypeSubset } from '../../node/pdf/ttf-subset.js';
import { rng } from '../store/generate-issue.js';

// sfnt checksums (the OpenType spec's CalcTableChecksum): big-endian uint32 words summed mod 2³²,
// the last word zero-padded. The reference here reads byte by byte, apart from the loop it checks.
function reference(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word = ((bytes[i] ?? 0) * 0x1000000 + (bytes[i + 1] ?? 0) * 0x10000 + (bytes[i + 2] ?? 0) * 0x100 + (bytes[i + 3] ?? 0)) % 0x100000000;
    sum = (sum + word) % 0x100000000;
  }
  return sum;
}

test('span checksums equal the byte-by-byte reference, for every length mod 4 and for words with the top bit set', () => {
  const random = rng(20261123);
  const file = new Uint8Array(300_003);
  for (let i = 0; i < file.length; i++) file[i] = Math.floor(random() * 256);
  file.fill(0xff, 4096, 4096 + 4000); // sums that wrap past 2³² many times over
  const spans: Array<[number, number]> = [];
  for (let at = 0; at < file.length; ) {
    const length = Math.min(file.length - at, [0, 1, 2, 3, 4, 5, 4097, 70_001][spans.length % 8]);
    spans.push([at, length]);
    at += (length + 3) & ~3;
    if (length === 0) at += 4;
  }
  const sums = spanChecksums(file, spans);
  spans.forEach(([at, length], i) => {
    const bytes = file.subarray(at, at + length);
    assert.equal(sums[i], reference(bytes), `span ${i}: ${length} bytes at ${at}`);
    assert.equal(tableChecksum(bytes), reference(bytes), `tableChecksum, span ${i}`);
  });
  assert.equal(spanChecksums(file.subarray(0, 100), [[0, 100]])[0], reference(file.subarray(0, 100)), 'a small file');
});

test('a subset font file: every table record carries its table’s checksum', () => {
  const bytes = fontFileBytes('serif');
  const subset = TrueTypeSubset.open(bytes)!;
  for (let gid = 1000; gid < 1400; gid++) subset.includeGlyph(gid);
  const out = subset.encode();
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const numTables = v.getUint16(4);
  assert.ok(numTables >= 6);
  for (let i = 0; i < numTables; i++) {
    const r = 12 + i * 16;
    const tag = String.fromCharCode(...out.subarray(r, r + 4));
    const [sum, offset, length] = [v.getUint32(r + 4), v.getUint32(r + 8), v.getUint32(r + 12)];
    const table = out.slice(offset, offset + length);
    // head's checksum is taken with checkSumAdjustment as 0 (the spec's rule)
    if (tag === 'head') new DataView(table.buffer).setUint32(8, 0);
    assert.equal(sum, reference(table), `table ${tag}`);
  }
});
