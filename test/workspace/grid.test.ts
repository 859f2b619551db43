import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellAt, moveIntoGrid, gridDelta, moveRect, rectFromDrag, resizeRect } from '../../renderer/workspace/model/grid.js';
import { INSIDE, templates } from '../fixtures/build.js';

// Frames sit on the page grid: every edge on a column edge and a body line (cjk-typesetting.md §2.1).

const t = templates.get(INSIDE)!;
const mid = (column: number, line: number) => ({ x: t.columnX(column) + t.columnWidth / 2, y: t.lineTop(line) + t.pitch / 2 });

test('a point snaps to the column and body line under it; half the gutter belongs to each neighbour', () => {
  assert.deepEqual(cellAt(t, mid(3, 10)), { column: 3, line: 10 });
  // just right of column 2's right edge, inside the gutter's left half: still column 2
  assert.equal(cellAt(t, { x: t.columnX(2) + t.columnWidth + t.gutter * 0.4, y: t.lineTop(0) }).column, 2);
  assert.equal(cellAt(t, { x: t.columnX(2) + t.columnWidth + t.gutter * 0.6, y: t.lineTop(0) }).column, 3);
});

test('points outside the 版心 snap to the nearest cell', () => {
  assert.deepEqual(cellAt(t, { x: -100, y: -100 }), { column: 0, line: 0 });
  assert.deepEqual(cellAt(t, { x: 1e5, y: 1e5 }), { column: t.columns - 1, line: t.lines - 1 });
});

test('a drag covers every cell between its ends, in either direction', () => {
  const r = rectFromDrag(t, mid(5, 40), mid(2, 10));
  assert.deepEqual(r, { column: 2, span: 4, line: 10, lines: 31 });
  assert.deepEqual(rectFromDrag(t, mid(1, 1), mid(1, 1)), { column: 1, span: 1, line: 1, lines: 1 });
});

test('pointer deltas become whole columns and lines', () => {
  assert.deepEqual(gridDelta(t, (t.columnWidth + t.gutter) * 1.6, t.pitch * -2.4), { columns: 2, lines: -2 });
});

test('moving keeps the size and stops at the grid edge', () => {
  const r = { column: 6, span: 2, line: 5, lines: 10 };
  assert.deepEqual(moveRect(t, r, 3, 0), { column: t.columns - 2, span: 2, line: 5, lines: 10 });
  assert.deepEqual(moveRect(t, r, 0, -20), { column: 6, span: 2, line: 0, lines: 10 });
});

test('resizing moves only the dragged edges and keeps at least one column and one line', () => {
  const r = { column: 2, span: 3, line: 10, lines: 10 };
  assert.deepEqual(resizeRect(t, r, 'e', 2, 0), { column: 2, span: 5, line: 10, lines: 10 });
  assert.deepEqual(resizeRect(t, r, 'w', -1, 0), { column: 1, span: 4, line: 10, lines: 10 });
  assert.deepEqual(resizeRect(t, r, 'nw', 5, 30), { column: 4, span: 1, line: 19, lines: 1 });
  assert.deepEqual(resizeRect(t, r, 's', 0, 1000), { column: 2, span: 3, line: 10, lines: t.lines - 10 });
});

test('moveIntoGrid fits any rectangle into the grid', () => {
  assert.deepEqual(moveIntoGrid(t, { column: 7, span: 20, line: 500, lines: 3 }), { column: 0, span: t.columns, line: t.lines - 3, lines: 3 });
});
