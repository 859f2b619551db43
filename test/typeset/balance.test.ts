import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParagraphLayout } from '../../core/typeset/types.js';
import { set, texts } from './helpers.js';

// Headlines and subheads without runts (issue 21 item 4): a style with `balance` sets even lines
// turned at phrase or word boundaries; 36 pt headline type, measures of 6–16 em.

const SIZE = 36;
const HEADLINES = [
  '市民夜间出行更方便公交线路延长到晚九点',
  '老旧小区改造方案由居民来定',
  '把群众的冷暖安危时刻放在心上',
  '河西区推进“15分钟生活圈”建设 让居民在家门口享受便利',
  '小区加装电梯“最后一公里”如何打通',
  '越是艰险越向前，越是困难越要上',
  '新建口袋公园三处 改造老旧小区两个',
];
const WIDTHS = Array.from({ length: 21 }, (_, i) => 6 + i / 2);
const head = (text: string, em: number, balance = true): ParagraphLayout => set(text, em * SIZE, { align: 'center', balance, minLastLineChars: 2 }, SIZE);
const chars = (line: string) => line.replace(/[\s“”‘’（）《》，。、；：！？]/g, '').length;

test('no runt: every line of a balanced headline holds at least half the longest line’s characters', () => {
  let runtsBefore = 0;
  for (const h of HEADLINES) {
    for (const w of WIDTHS) {
      const lines = texts(head(h, w));
      const plain = texts(head(h, w, false));
      assert.equal(lines.join(''), plain.join(''), 'nothing added or lost');
      assert.equal(lines.length, plain.length, `${h} at ${w} em: balancing never costs a line`);
      if (plain.length > 1 && chars(plain.at(-1)!) <= 3) runtsBefore++;
      if (lines.length < 2) continue;
      const counts = lines.map(chars);
      assert.ok(Math.min(...counts) >= Math.max(...counts) / 2, `${h} at ${w} em: ${lines.join(' / ')}`);
      assert.ok(chars(lines.at(-1)!) > 3 || chars(h) <= 8, `runt at ${w} em: ${lines.join(' / ')}`);
    }
  }
  assert.ok(runtsBefore > 10, `the greedy breaker leaves runts here (${runtsBefore}): the cases test something`);
});

test('the turn falls at a phrase boundary when one gives even lines: a space, after a mark, before a quote', () => {
  assert.deepEqual(texts(head('新建口袋公园三处 改造老旧小区两个', 12)), ['新建口袋公园三处 ', '改造老旧小区两个']);
  assert.deepEqual(texts(head('越是艰险越向前，越是困难越要上', 10)), ['越是艰险越向前，', '越是困难越要上']);
  assert.deepEqual(texts(head('小区加装电梯“最后一公里”如何打通', 12)), ['小区加装电梯', '“最后一公里”如何打通']);
});

test('without a phrase boundary the turn falls between words, not inside one (放在心上, 居民)', () => {
  assert.deepEqual(texts(head('把群众的冷暖安危时刻放在心上', 12)), ['把群众的冷暖安危', '时刻放在心上']);
  assert.deepEqual(texts(head('老旧小区改造方案由居民来定', 11)), ['老旧小区改造', '方案由居民来定']);
});

test('a headline on one line, and body text, are left as the breaker set them', () => {
  assert.deepEqual(texts(head('老旧小区改造方案由居民来定', 16)), ['老旧小区改造方案由居民来定']);
  const body = '社区今年新建口袋公园三处，改造老旧小区两个，增设健身器材四十套，居民出门就能锻炼身体。';
  assert.deepEqual(texts(set(body, 10 * 9, {}, 9)), texts(set(body, 10 * 9, { balance: false }, 9)));
});
