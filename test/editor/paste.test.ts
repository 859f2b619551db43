import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fragment, Slice } from 'prosemirror-model';
import { storySchema as s } from '../../core/model/story-schema.js';
import { cleanHtml, cleanSlice, cleanText, plainTextSlice, splitPlainText } from '../../renderer/editor/paste.js';

// Paste from Word, web pages and plain text arrives cleaned into the story schema.
// Body paragraphs are indented by their style (2 em, cjk-typesetting.md §1.8), so the
// copy's own indentation must go.

test('plain Chinese copy: one paragraph per line, 全角 indentation and blank lines dropped', () => {
  assert.deepEqual(splitPlainText('　　第一段文字。\r\n\r\n　　第二段文字。\n   \n'), ['第一段文字。', '第二段文字。']);
  assert.deepEqual(splitPlainText('　　第一段。\n　　第二段。'), ['第一段。', '第二段。']);
});

test('hard-wrapped copy with blank lines between paragraphs: wraps inside a paragraph are joined', () => {
  assert.deepEqual(splitPlainText('记者从国家\n统计局获悉。\n\nThe State\nCouncil met.'), ['记者从国家统计局获悉。', 'The State Council met.']);
});

test('invisible characters go, no-break spaces become spaces', () => {
  assert.equal(cleanText('新\u200b华\ufeff社\u00ad电 A\u00a0B'), '新华社电 A B');
});

test('Word HTML: conditional comments, styles and Office tags are stripped before parsing', () => {
  const html = '<html><head><style>p.MsoNormal{}</style></head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--><p class=MsoNormal>正文<o:p></o:p></p>';
  const out = cleanHtml(html);
  assert.ok(!/style|mso 9|o:p|OfficeDocument/.test(out), out);
  assert.match(out, /正文/);
});

test('a pasted slice becomes paragraphs and subheads with bold kept; headlines become subheads; empty ones go', () => {
  const slice = new Slice(
    Fragment.fromArray([
      s.node('headline', null, [s.text('标题')]),
      s.node('paragraph', null, [s.text('　　正文'), s.text('加粗', [s.marks.bold.create()]), s.text('。 ')]),
      s.node('paragraph'),
    ]),
    0,
    0,
  );
  const out = cleanSlice(slice);
  assert.equal(out.content.childCount, 2);
  assert.equal(out.content.child(0).type.name, 'subhead');
  const p = out.content.child(1);
  assert.equal(p.textContent, '正文加粗。');
  assert.ok(p.child(1).marks.some((m) => m.type.name === 'bold'));
  assert.equal(out.openStart, 1);
});

test('plain text pastes as story paragraphs that join the text around the caret', () => {
  const slice = plainTextSlice('一行');
  assert.equal(slice.content.childCount, 1);
  assert.equal(slice.content.child(0).type.name, 'paragraph');
  assert.deepEqual([slice.openStart, slice.openEnd], [1, 1]);
});

test('Ctrl+Shift+V keeps every line a paragraph: a 便民信息 list with blank lines between its groups', async () => {
  const { parsePlainText } = await import('../../renderer/editor/paste.js');
  const list = '便民信息\n\n供暖热线：12345\n燃气抢修：96777\n\n社区医院：8:00—17:00\n周六照常门诊\n';
  // A normal paste joins the lines of a block (copy wrapped by a mail program).
  assert.deepEqual(splitPlainText(list), ['便民信息', '供暖热线：12345燃气抢修：96777', '社区医院：8:00—17:00周六照常门诊']);
  const kept = parsePlainText(list, undefined as never, true);
  const paras: string[] = [];
  kept.content.forEach((n) => paras.push(n.textContent));
  assert.deepEqual(paras, ['便民信息', '供暖热线：12345', '燃气抢修：96777', '社区医院：8:00—17:00', '周六照常门诊']);
  assert.equal(kept.content.childCount, 5);
  const normal = parsePlainText(list, undefined as never, false);
  assert.equal(normal.content.childCount, 3);
});
