import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caretX, lineEnd, lineIndexAt, lineStart, moveHorizontal, moveVertical } from '../../renderer/editor/caret.js';
import { composeToy } from './toy-composer.js';
import { storyDoc, threeColumns } from '../fixtures/build.js';

// design.md "Editing on the page": caret movement comes from the composer's line table,
// because Chromium treats every placed line as its own block.

const doc = storyDoc('新华社北京电记者从国家统计局获悉，今年前三季度全国规模以上工业增加值同比增长百分之五点九，增速比上半年加快零点一个百分点。', '第二段。');
const table = composeToy(doc, threeColumns(3), { size: 10.5, pitch: 16 });
const L = table.lines;

test('the toy layout has soft breaks to move across (fixture sanity)', () => {
  assert.ok(L.length >= 5);
  assert.equal(L[0].to, L[1].from);
});

test('ArrowRight crosses a soft line break in one press, drawn at the next line start', () => {
  const endOfFirst = L[0].to;
  const before = moveHorizontal(L, { pos: endOfFirst - 1, side: 1 }, 1)!;
  assert.deepEqual(before, { pos: endOfFirst, side: 1 });
  assert.equal(lineIndexAt(L, before.pos, before.side), 1);
  const after = moveHorizontal(L, before, 1)!;
  assert.equal(after.pos, endOfFirst + 1);
});

test('ArrowLeft from a line start goes before the previous line\'s last character', () => {
  const start = L[1].from;
  assert.deepEqual(moveHorizontal(L, { pos: start, side: 1 }, -1), { pos: start - 1, side: 1 });
});

test('ArrowRight at a paragraph end goes to the next paragraph start', () => {
  const last = L.findIndex((l, i) => L[i + 1] && L[i + 1].from > l.to);
  assert.deepEqual(moveHorizontal(L, { pos: L[last].to, side: -1 }, 1), { pos: L[last + 1].from, side: 1 });
  assert.deepEqual(moveHorizontal(L, { pos: L[last + 1].from, side: 1 }, -1), { pos: L[last].to, side: -1 });
});

test('End draws the caret at the end of its line; Home at the start', () => {
  const end = lineEnd(L, { pos: L[1].from + 2, side: 1 })!;
  assert.deepEqual(end, { pos: L[1].to, side: -1 });
  assert.equal(lineIndexAt(L, end.pos, end.side), 1);
  assert.deepEqual(lineStart(L, end), { pos: L[1].from, side: 1 });
});

test('ArrowDown at a column foot goes to the next column head at the same character column', () => {
  const foot = 2; // three lines per column
  assert.notEqual(L[foot].columnX, L[foot + 1].columnX);
  const pos = L[foot].from + 3;
  const down = moveVertical(L, { pos, side: 1 }, 1)!;
  assert.equal(lineIndexAt(L, down.pos, down.side), foot + 1);
  const dx = (l: number, p: number) => caretX(L[l], p) - L[l].columnX;
  assert.ok(Math.abs(dx(foot + 1, down.pos) - dx(foot, pos)) < 10.5 / 2 + 2, 'same column of characters');
  const up = moveVertical(L, { pos: down.pos, side: down.side }, -1, down.goal)!;
  assert.equal(up.pos, pos);
});

test('a position in overset text is off the table (left to the browser)', () => {
  const overset = composeToy(doc, threeColumns(1), { size: 10.5, pitch: 16 });
  const beyond = overset.lines[overset.lines.length - 1].to + 1;
  assert.equal(moveHorizontal(overset.lines, { pos: beyond, side: 1 }, 1), null);
  assert.ok(overset.overset.chars > 0);
});
