import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAO_SIZES, haoLabel, mmToPt, parseTypeSize, ptToMm, typeSizeLabel } from '../../core/units.js';

test('号 sizes: 小五 is 9 pt and 五号 is 10.5 pt (cjk-typesetting.md §1.10)', () => {
  assert.equal(haoLabel(9), '小五');
  assert.equal(haoLabel(10.5), '五号');
  assert.equal(haoLabel(9.1), undefined);
});

test('mm and pt convert both ways', () => {
  assert.ok(Math.abs(mmToPt(25.4) - 72) < 1e-9);
  assert.ok(Math.abs(ptToMm(mmToPt(390)) - 390) < 1e-9);
});

test('type sizes typed as an editor types them: 号 names, points with or without a unit; shown with their 号', () => {
  const cases: Array<[string, number | undefined]> = [
    ['小初', 36], ['初号', 42], ['初', 42], ['一号', 26], ['小五', 9], ['五号', 10.5], ['五', 10.5], ['八号', 5],
    ['36', 36], ['10.5pt', 10.5], ['9 磅', 9], [' 24 ', 24], ['36（小初）', 36], ['18 (小二)', 18],
    ['大号', undefined], ['', undefined], ['-3', undefined], ['12px', undefined], ['abc', undefined],
  ];
  for (const [text, pt] of cases) assert.equal(parseTypeSize(text), pt, JSON.stringify(text));
  assert.equal(typeSizeLabel(36), '36（小初）');
  assert.equal(typeSizeLabel(33), '33');
  for (const h of HAO_SIZES) assert.equal(parseTypeSize(typeSizeLabel(h.pt)), h.pt, 'what is shown parses back');
});
