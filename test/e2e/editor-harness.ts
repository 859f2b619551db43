// Browser entry of the editor's end-to-end harness: one story over a three-column frame,
// placed by the toy composer (test/editor/toy-composer.ts) until core/compose lands.
// Exposes window.bs for the tests to read the layout and drive the editor.
import type { Node as PMNode } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import { lineTableState, mountStoryEditor, type LineTable } from '../../renderer/editor/index.js';
import { lineGlyphs } from '../../renderer/editor/line-table.js';
import { charRectAt } from './char-rect.js';
import { composeToy, type ToyColumn } from '../editor/toy-composer.js';
import { composeTypeset } from '../editor/typeset-composer.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import { storyDoc } from '../fixtures/story-docs.js';

const params = new URLSearchParams(location.search);
const SIZE = 10.5;
const PITCH = 16;
const SCALE = Number(params.get('scale') ?? 96 / 72);
const LINES = Number(params.get('lines') ?? 8);
const PARAS = Number(params.get('paras') ?? 0);

// ?thread=1: a frame of two columns on page 0 continued by a one-column frame on page 1,
// drawn 340 px lower (the workspace's page origins).
const THREAD = params.get('thread') === '1';
const columns: ToyColumn[] = THREAD
  ? [
      { frameId: 'f1', pageIndex: 0, x: 40, firstBaseline: 60, width: 13 * SIZE, lines: 4 },
      { frameId: 'f1', pageIndex: 0, x: 40 + 15 * SIZE, firstBaseline: 60, width: 13 * SIZE, lines: 4 },
      { frameId: 'f2', pageIndex: 1, x: 80, firstBaseline: 40, width: 13 * SIZE, lines: 12 },
    ]
  : [0, 1, 2].map((k) => ({ frameId: 'f1', pageIndex: 0, x: 40 + k * 15 * SIZE, firstBaseline: 60, width: 13 * SIZE, lines: LINES }));
const pageOrigin = (pageIndex: number) => ({ x: 0, y: pageIndex * 340 });

const base = [
  '新华社北京电，记者从国家统计局获悉，今年前三季度全国规模以上工业增加值同比增长5.9%，增速比上半年加快0.1个百分点。',
  '其中**高技术制造业**增长9.6%。GDP与CPI走势平稳，the State Council met on Monday。',
  '',
  '第三段：“十四五”规划实施以来，各地区各部门认真贯彻落实党中央决策部署。',
];
const paras = PARAS ? Array.from({ length: PARAS }, (_, i) => base[i % base.length] || '空行之后的段落文字，继续排版。') : base;
const doc = storyDoc(...paras);

// ?composer=typeset lays the story out with the real typesetter and the real font files.
const useTypeset = params.get('composer') === 'typeset';
let fonts: FontSource | null = null;
const layOut = (d: PMNode) => (useTypeset ? composeTypeset(d, columns, { size: SIZE, pitch: PITCH }, fonts!) : composeToy(d, columns, { size: SIZE, pitch: PITCH }));
let table: LineTable;
const layouts: number[] = [];
const compose = (d: PMNode) => {
  table = layOut(d);
  layouts.push(table.overset.chars);
  return table;
};

async function loadFonts(): Promise<FontSource> {
  const files: Record<string, string> = { serif: '/fonts/serif-400.ttf', 'serif-bold': '/fonts/serif-700.ttf', 'sans-bold': '/fonts/sans-700.ttf' };
  const faces = new Map<string, FontFace>();
  await Promise.all(Object.entries(files).map(async ([key, url]) => faces.set(key, createFontFace(key, new Uint8Array(await (await fetch(url)).arrayBuffer())))));
  return { face: (key) => faces.get(key) ?? faces.get('serif')!, fallback: () => undefined };
}

const host = document.getElementById('page') as HTMLElement;

/** Page x/y (points) of every placed glyph with its document position, and the font size. */
function glyphs() {
  return table.lines.flatMap((line, li) =>
    line.runs.flatMap((run) => lineGlyphs({ ...line, runs: [run] }).map((g) => ({ li, pos: g.pos, char: g.char, x: g.x, advance: g.advance, baseline: line.baseline, size: run.size, font: run.font, ox: pageOrigin(line.pageIndex).x, oy: pageOrigin(line.pageIndex).y }))),
  );
}

// Bench mode: keystroke (beforeinput) to the editor's DOM updated and laid out again, and to
// the end of the next frame (which includes waiting for it).
const bench = { laidOut: [] as number[], frame: [] as number[] };
let t0 = -1;
function measure() {
  if (t0 < 0) return;
  const start = t0;
  t0 = -1;
  void host.offsetHeight;
  (host.querySelector('.bs-piece:last-child') as HTMLElement | null)?.getBoundingClientRect();
  bench.laidOut.push(performance.now() - start);
  performance.measure('bs-keystroke-laid-out', { start, end: performance.now() });
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => bench.frame.push(performance.now() - start);
    ch.port2.postMessage(0);
  });
}

async function start() {
  if (useTypeset) fonts = await loadFonts();
  table = layOut(doc);
  await Promise.all(['400 16px "Noto Serif SC"', '700 16px "Noto Serif SC"', '700 16px "Noto Sans SC"'].map((f) => document.fonts.load(f, '国A')));
  const editor = mountStoryEditor(host, {
    story: { id: 's1', doc: doc.toJSON() },
    layout: table,
    scale: SCALE,
    pageOrigin,
    onRequestLayout: compose,
    onChange: () => measure(),
  });
  const view = editor.view;
  view.dom.addEventListener('beforeinput', () => { t0 = performance.now(); }, true);
  (window as unknown as Record<string, unknown>).bs = {
    editor,
    view,
    TextSelection,
    scale: SCALE,
    get table() { return table; },
    get layouts() { return layouts; },
    glyphs,
    bench,
    text: () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n'),
    select(pos: number) {
      view.focus();
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
    },
    head: () => view.state.selection.head,
    /** Index in the table of the line with this key (the data-k of its pieces). */
    lineOfKey: (k: number) => lineTableState(view.state).keys.indexOf(k),
    /** The client rect of the character at a document position. */
    charRect: (pos: number) => charRectAt(view, pos),
    hostRect: () => { const r = host.getBoundingClientRect(); return { left: r.left, top: r.top }; },
  };
  document.body.dataset.ready = '1';
}
void start();
