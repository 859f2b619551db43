import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haoLabel, mmToPt, ptToMm } from '../../core/units.js';

test('号 sizes: 小五 is 9 pt and 五号 is 10.5 pt (cjk-typesetting.md §1.10)', () => {
  assert.equal(haoLabel(9), '小五');
  assert.equal(haoLabel(10.5), '五号');
  assert.equal(haoLabel(9.1), undefined);
});

test('mm and pt convert both ways', () => {
  assert.ok(Math.abs(mmToPt(25.4) - 72) < 1e-9);
  assert.ok(Math.abs(ptToMm(mmToPt(390)) - 390) < 1e-9);
});
