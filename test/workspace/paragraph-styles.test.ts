// The styles panel's model (renderer/workspace/model/paragraph-styles.ts) and the editor's
// style commands (renderer/editor/commands.ts): which styles a template offers, which paragraphs
// use them, and what applying one does to the selections an editor makes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { history, undo, undoDepth } from 'prosemirror-history';
import { storySchema } from '../../core/model/story-schema.js';
import { builtinTemplates } from '../../core/templates/index.js';
import { characterStyleActive, setParagraphStyle, toggleCharacterStyle } from '../../renderer/editor/commands.js';
import { blockOfStyle, faceLabel, paragraphStyleRows, styleCounts, styleOfBlock, stylesInRange } from '../../renderer/workspace/model/paragraph-styles.js';

const s = storySchema;
const templates = builtinTemplates();
const front = templates.get('broadsheet-8col')!;
const tabloid = templates.get('tabloid-6col')!;
const text = (t: string) => (t ? [s.text(t)] : []);
const p = (t: string) => s.node('paragraph', null, text(t));

/** A news story: kicker, headline, byline, three body paragraphs, a figure with caption and credit. */
function news() {
  return s.node('doc', null, [
    s.node('kicker', null, text('老旧小区改造')),
    s.node('headline', null, text('民心工程进行时')),
    s.node('byline', null, text('本报记者 李明')),
    p('第一段正文，社区食堂开餐了。'),
    p('第二段正文，居民在家门口吃饭。'),
    p('第三段正文。'),
    s.node('figure', null, [s.node('photo', { assetId: 'a1' }), s.node('caption', null, text('食堂开餐')), s.node('credit', null, text('王芳 摄'))]),
  ]);
}

/** Position inside the textblock whose text starts with `start` (offset characters in). */
function at(doc: ReturnType<typeof news>, start: string, offset = 1): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent.startsWith(start)) found = pos + 1 + offset;
    return found < 0;
  });
  assert.ok(found >= 0, `no block starting ${start}`);
  return found;
}

const stateOf = (doc: ReturnType<typeof news>, from: number, to = from) => EditorState.create({ doc, selection: TextSelection.create(doc, from, to), plugins: [history()] });
const blocks = (st: EditorState) => {
  const out: string[] = [];
  st.doc.descendants((n) => {
    if (n.isTextblock) out.push(n.type.name);
    return true;
  });
  return out;
};
function run(st: EditorState, cmd: (st: EditorState, d?: (tr: import('prosemirror-state').Transaction) => void) => boolean) {
  let next = st;
  const ok = cmd(st, (tr) => (next = next.apply(tr)));
  return { ok, state: next };
}

test('the rows: the story blocks\' styles first in reading order with the template\'s labels, 号, sizes and leading, then its other styles', () => {
  const rows = paragraphStyleRows(front);
  assert.deepEqual(
    rows.slice(0, 8).map((r) => [r.style, r.block, r.label]),
    [
      ['kicker', 'kicker', '引题'],
      ['headline', 'headline', '主题'],
      ['deck', 'deck', '副题'],
      ['byline', 'byline', '署名'],
      ['body', 'paragraph', '正文'],
      ['subhead', 'subhead', '小标题'],
      ['caption', 'caption', '图说'],
      ['credit', 'credit', front.spec.styles.credit.label],
    ],
  );
  const by = Object.fromEntries(rows.map((r) => [r.style, r]));
  // Body leading is the grid pitch; a style with its own leading keeps it; one without: 1.2 × size.
  assert.deepEqual([by.body.size, by.body.hao, by.body.leading], [9, '小五', 11.25]);
  assert.deepEqual([by.headline.size, by.headline.hao, by.headline.leading, by.headline.font], [36, '小初', 42, 'sans-bold']);
  assert.equal(front.spec.styles.kicker.leading, undefined);
  assert.equal(by.kicker.leading, 19.2);
  assert.equal(by.kicker.hao, '三号');
  // Every template style is listed once; the furniture's have no block.
  assert.equal(rows.length, Object.keys(front.spec.styles).length);
  assert.equal(new Set(rows.map((r) => r.style)).size, rows.length);
  for (const r of rows.slice(8)) assert.equal(r.block, undefined, r.style);
  assert.ok(rows.some((r) => r.style === 'banner') && rows.some((r) => r.style === 'jump'));
  // Another template, other sizes.
  const tb = Object.fromEntries(paragraphStyleRows(tabloid).map((r) => [r.style, r]));
  assert.equal(tb.body.leading, tabloid.pitch);
  assert.equal(tb.headline.size, tabloid.spec.styles.headline.size);
});

test('counts: how many paragraphs of the story are set in each style (caption and credit inside the figure too)', () => {
  const rows = paragraphStyleRows(front, news());
  const count = Object.fromEntries(rows.map((r) => [r.style, r.count]));
  assert.deepEqual([count.kicker, count.headline, count.deck, count.byline, count.body, count.subhead, count.caption, count.credit, count.banner], [1, 1, 0, 1, 3, 0, 1, 1, 0]);
  assert.deepEqual(styleCounts(s.node('doc')), {});
  assert.equal(styleOfBlock('paragraph'), 'body');
  assert.equal(styleOfBlock('unknown-block'), 'body');
  assert.equal(blockOfStyle('body'), 'paragraph');
  assert.equal(blockOfStyle('banner'), undefined);
});

test('the current styles: every paragraph the selection touches, caret in one paragraph or across several', () => {
  const doc = news();
  assert.deepEqual(stylesInRange(doc, at(doc, '第二段'), at(doc, '第二段')), ['body']);
  assert.deepEqual(stylesInRange(doc, at(doc, '民心'), at(doc, '第一段')), ['headline', 'byline', 'body']);
  assert.deepEqual(stylesInRange(doc, at(doc, '食堂'), at(doc, '王芳')), ['caption', 'credit']);
});

test('apply 小标题 across three paragraphs: each becomes a subhead, one undo step puts them back', () => {
  const doc = news();
  const st = stateOf(doc, at(doc, '第一段', 3), at(doc, '第三段', 2));
  const r = run(st, setParagraphStyle('subhead'));
  assert.ok(r.ok);
  assert.deepEqual(blocks(r.state), ['kicker', 'headline', 'byline', 'subhead', 'subhead', 'subhead', 'caption', 'credit']);
  // The text is unchanged and the selection still covers it.
  assert.equal(r.state.doc.textContent, doc.textContent);
  assert.equal(r.state.doc.textBetween(r.state.selection.from, r.state.selection.to), doc.textBetween(st.selection.from, st.selection.to));
  assert.equal(undoDepth(r.state), 1);
  let back = r.state;
  undo(r.state, (tr) => (back = back.apply(tr)));
  assert.ok(back.doc.eq(doc));
});

test('apply to a selection that also covers the headline block: the body paragraphs change, the headline (which cannot be a subhead before a byline) stays', () => {
  const doc = news();
  const r = run(stateOf(doc, at(doc, '民心'), at(doc, '第一段')), setParagraphStyle('subhead'));
  assert.ok(r.ok);
  assert.deepEqual(blocks(r.state), ['kicker', 'headline', 'subhead', 'subhead', 'paragraph', 'paragraph', 'caption', 'credit']);
});

test('in a headline: to body when nothing of the headline block follows, refused before a byline; a body paragraph cannot become a kicker mid-story', () => {
  const doc = news();
  assert.equal(setParagraphStyle('paragraph')(stateOf(doc, at(doc, '民心'))), false, 'a paragraph before the byline breaks kicker? headline? deck? byline* block*');
  const plain = s.node('doc', null, [s.node('headline', null, text('标题')), p('正文')]);
  const r = run(stateOf(plain, 2), setParagraphStyle('paragraph'));
  assert.ok(r.ok);
  assert.deepEqual(blocks(r.state), ['paragraph', 'paragraph']);
  // And back: a paragraph at the head can become the headline, not a later one.
  assert.ok(setParagraphStyle('headline')(r.state));
  assert.equal(setParagraphStyle('kicker')(stateOf(doc, at(doc, '第二段'))), false);
  assert.equal(setParagraphStyle('headline')(stateOf(doc, at(doc, '第二段'))), false);
});

test('in a figure caption: no body style applies (the caption stays in its figure); the caret\'s own style is no change', () => {
  const doc = news();
  const st = stateOf(doc, at(doc, '食堂'));
  for (const b of ['paragraph', 'subhead', 'headline', 'kicker', 'byline']) assert.equal(setParagraphStyle(b)(st), false, b);
  // The figure as a node selection: no textblock is in its text range to change.
  let figurePos = -1;
  doc.forEach((n, off) => n.type.name === 'figure' && (figurePos = off));
  assert.equal(setParagraphStyle('subhead')(EditorState.create({ doc, selection: NodeSelection.create(doc, figurePos) })), false);
});

test('an empty story: nothing to apply a style to; a story of one empty paragraph takes one', () => {
  const empty = s.node('doc');
  const st = EditorState.create({ doc: empty });
  assert.equal(setParagraphStyle('subhead')(st), false);
  assert.equal(toggleCharacterStyle('bold')(st), false);
  assert.deepEqual(paragraphStyleRows(front, empty).map((r) => r.count).filter(Boolean), []);
  const one = s.node('doc', null, [p('')]);
  const r = run(EditorState.create({ doc: one, selection: TextSelection.create(one, 1) }), setParagraphStyle('headline'));
  assert.ok(r.ok);
  assert.deepEqual(blocks(r.state), ['headline']);
});

test('unknown and non-text block names are refused, not thrown', () => {
  const doc = news();
  const st = stateOf(doc, at(doc, '第一段'));
  assert.equal(setParagraphStyle('figure')(st), false);
  assert.equal(setParagraphStyle('banner')(st), false);
  assert.equal(setParagraphStyle('')(st), false);
  assert.equal(toggleCharacterStyle('underline')(st), false);
});

test('character styles: bold and emphasis toggle over the selection; a credit takes none', () => {
  const doc = news();
  const from = at(doc, '第一段', 0);
  const st = stateOf(doc, from, from + 3);
  assert.equal(characterStyleActive(st, 'bold'), false);
  const on = run(st, toggleCharacterStyle('bold'));
  assert.ok(on.ok);
  assert.equal(characterStyleActive(on.state, 'bold'), true);
  assert.equal(characterStyleActive(on.state, 'emphasis'), false);
  const marked = on.state.doc.nodeAt(from)!;
  assert.equal(marked.text, '第一段');
  assert.deepEqual(marked.marks.map((m) => m.type.name), ['bold']);
  const off = run(on.state, toggleCharacterStyle('bold'));
  assert.ok(off.state.doc.eq(doc));
  // A selection half bold is not all bold.
  const wider = on.state.apply(on.state.tr.setSelection(TextSelection.create(on.state.doc, from, from + 6)));
  assert.equal(characterStyleActive(wider, 'bold'), false);
  assert.equal(toggleCharacterStyle('bold')(stateOf(doc, at(doc, '王芳'), at(doc, '王芳', 2))), false);
  assert.equal(toggleCharacterStyle('emphasis')(stateOf(doc, at(doc, '王芳'))), false);
});

test('face names: 宋体/黑体 and the weight in Chinese, family and weight in English', () => {
  assert.equal(faceLabel({ family: 'Noto Serif SC', weight: 400 }, 'zh-CN'), '宋体 常规（Noto Serif SC）');
  assert.equal(faceLabel({ family: 'Noto Sans SC', weight: 700 }, 'zh-CN'), '黑体 粗（Noto Sans SC）');
  assert.equal(faceLabel({ family: 'Noto Sans SC', weight: 900 }, 'en'), 'Noto Sans SC Black');
  assert.equal(faceLabel({ family: 'FZ Kai', weight: 450 }, 'en'), 'FZ Kai 450');
  assert.equal(faceLabel({ family: 'Noto Serif SC', weight: 500 }, 'zh-CN', true), '宋体 中');
  assert.equal(faceLabel({ family: 'FZ Kai', weight: 400 }, 'zh-CN'), 'FZ Kai 常规');
});
