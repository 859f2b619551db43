import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from 'prosemirror-state';
import { lineTablePlugin, lineTableState, setLineTableMeta } from '../../renderer/editor/line-table-plugin.js';
import { defaultFontCss, type RenderContext } from '../../renderer/editor/render-context.js';
import { composeToy } from './toy-composer.js';
import { storyDoc, threeColumns } from '../fixtures/build.js';

// design.md "Editing on the page": keep the decoration set in plugin state and map it; a
// keystroke must not rebuild (and so redraw) the text that did not change.

const ctx: RenderContext = { scale: 1, pageOrigin: () => ({ x: 0, y: 0 }), fontCss: defaultFontCss, baselineOffset: () => 11 };
const cols = threeColumns(20);
const opts = { size: 10.5, pitch: 16 };
const doc = storyDoc('第一段文字，记者从国家统计局获悉。', '第二段文字，今年前三季度全国规模以上工业增加值同比增长。', '第三段。');

function start() {
  return EditorState.create({ doc, plugins: [lineTablePlugin(composeToy(doc, cols, opts), () => ctx)] });
}

function typeAt(state: EditorState, pos: number, text: string) {
  const tr = state.tr.insertText(text, pos);
  setLineTableMeta(tr, { table: composeToy(tr.doc, cols, opts) });
  return state.apply(tr);
}

const decoTypes = (state: EditorState, from: number) => lineTableState(state).decos.find(from).map((d) => (d as unknown as { type: object }).type);

test('typing in one paragraph keeps the decorations of the others (mapped, not rebuilt)', () => {
  const s0 = start();
  const p2 = doc.child(0).nodeSize;
  const before = decoTypes(s0, p2);
  const s1 = typeAt(s0, 3, '新');
  const after = decoTypes(s1, p2 + 1);
  assert.equal(after.length, before.length);
  after.forEach((t, i) => assert.equal(t, before[i], 'same decoration type object: ProseMirror leaves its DOM alone'));
});

test('when a paragraph gains a line, the lines below keep their keys and only their origins move', () => {
  const s0 = start();
  const l0 = lineTableState(s0);
  const s1 = typeAt(s0, 3, '新闻稿件内容经济发展');
  const l1 = lineTableState(s1);
  assert.equal(l1.table.lines.length, l0.table.lines.length + 1);
  const lastKey0 = l0.keys[l0.keys.length - 1];
  assert.equal(l1.keys[l1.keys.length - 1], lastKey0);
  assert.notEqual(l1.origins.get(lastKey0), l0.origins.get(lastKey0));
});

test('decorations cover exactly the placed text after a change at a line boundary', () => {
  const s0 = start();
  const l = lineTableState(s0).table.lines;
  const boundary = l.find((line, i) => l[i + 1] && l[i + 1].from === line.to)!.to;
  const s1 = typeAt(s0, boundary, '字');
  const decos = lineTableState(s1).decos.find().filter((d) => d.from !== d.to && (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class === 'bs-piece');
  decos.sort((a, b) => a.from - b.from);
  for (let i = 1; i < decos.length; i++) assert.ok(decos[i].from >= decos[i - 1].to, `overlap at ${decos[i].from}`);
  const covered = decos.reduce((n, d) => n + d.to - d.from, 0);
  const placed = lineTableState(s1).table.lines.reduce((n, line) => n + line.to - line.from, 0);
  assert.equal(covered, placed);
});
