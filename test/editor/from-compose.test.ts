import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoryLayout } from '../../core/compose/types.js';
import { lineTableFromStoryLayout } from '../../renderer/editor/from-compose.js';
import { caretX, moveVertical } from '../../renderer/editor/caret.js';

// The composer gives run x relative to the column's left edge (core/compose/types.ts StoryLine);
// the editor needs page x and the document position of every glyph.

const layout: StoryLayout = {
  storyId: 's1',
  lines: [
    {
      frameId: 'f1', pageIndex: 0, column: 0, blockPos: 0, from: 1, to: 4, x: 100, baseline: 50, width: 31.5, ascent: 9.24, descent: 1.26, style: 'body',
      runs: [{ font: 'serif', size: 10.5, glyphs: [1, 2, 3], xs: [21, 31.5, 36.75], boxXs: [21, 31.5, 42], advances: [10.5, 5.25, 5.25], chars: ['新', '，', '“'], offsets: [0, 1, 2], pmPos: [1, 2, 3] }],
    },
    {
      frameId: 'f1', pageIndex: 0, column: 1, blockPos: 0, from: 4, to: 6, x: 200, baseline: 50, width: 31.5, ascent: 9.24, descent: 1.26, style: 'body',
      runs: [{ font: 'serif', size: 10.5, glyphs: [4, 5], xs: [0, 10.5], advances: [10.5, 10.5], chars: ['华', '社'], offsets: [3, 4], pmPos: [4, 5] }],
    },
  ],
  overset: { lines: 0, chars: 0 },
  fit: { state: 'fits', lines: 0, chars: 0 },
};

test('glyphs get page x, box x and document positions; columns keep their left edge', () => {
  const t = lineTableFromStoryLayout(layout);
  const g = t.lines[0].runs[0].glyphs;
  assert.deepEqual(g.map((x) => [x.pos, x.x, x.boxX]), [[1, 121, 121], [2, 131.5, 131.5], [3, 136.75, 142]]);
  assert.equal(t.lines[0].columnX, 100);
  assert.equal(t.lines[0].x, 121, 'the indented line starts at its first glyph');
  assert.equal(caretX(t.lines[1], 5), 210.5);
});

test('ArrowDown keeps the x within the column when it moves to the next column', () => {
  const t = lineTableFromStoryLayout(layout);
  const down = moveVertical(t.lines, { pos: 2, side: 1 }, 1)!;
  // The caret before '，' is 31.5 pt into column 0; 31.5 pt into column 1 is past '社' (10.5–21): the line end.
  assert.equal(down.pos, 6);
});
