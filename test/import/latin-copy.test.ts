import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullWidthPunctuation, importText, removeStraySpaces, type ImportedStory } from '../../core/import/index.js';

// Latin copy comes through import as written (issue 21 item 2): only marks with Chinese beside
// them become Chinese punctuation, only spaces next to Chinese go, and every change is listed.

type Node = { type: string; text?: string; content?: Node[] };
const text = (n: Node): string => n.text ?? (n.content ?? []).map(text).join('');
const paragraphs = (s: ImportedStory) => (s.doc.content as Node[]).filter((n) => n.type === 'paragraph').map(text);
const fw = (s: string) => fullWidthPunctuation({ text: s }).rich.text;
const rs = (s: string) => removeStraySpaces({ text: s }).rich.text;

const ENGLISH = [
  "In 2024, according to the city's report, Liu’an saw 5.8% growth; exports rose by a third.",
  'Mr. Chen (the director) said: "We will open 12 new routes!" Is that enough? Visit www.yun-shan.gov.cn/news or write to news-desk@yun-shan.gov.cn.',
  "Call 0551-65881234 between 9:30 and 17:00. Don't wait... the offer ends on 31 Dec.",
];

test('an English story is imported character for character', () => {
  const copy = ['City Adds Twelve Bus Routes', '', 'By Jane Doe', '', ...ENGLISH.flatMap((p) => [p, ''])].join('\n');
  const r = importText('english.txt', copy);
  assert.equal(r.stories.length, 1);
  assert.deepEqual(paragraphs(r.stories[0]), ENGLISH);
  assert.deepEqual(r.report.changes.filter((c) => c.kind === 'punctuation' || c.kind === 'spaces'), [], 'nothing to report: nothing changed');
});

test('word spaces after Latin punctuation stay; spaces next to Chinese go', () => {
  assert.equal(rs('In 2024, according to'), 'In 2024, according to');
  assert.equal(rs('Mr. Liu; Ms. Wang: hello'), 'Mr. Liu; Ms. Wang: hello');
  assert.equal(rs('Liu’an 市 GDP 增长 5.8 %'), 'Liu’an市GDP增长5.8 %');
  assert.equal(rs('（ Liu’an ）'), '（Liu’an）');
});

test('marks become full-width only with Chinese beside them', () => {
  assert.equal(fw('六安(Liu’an)市今年增长5.8%,据统计'), '六安（Liu’an）市今年增长5.8%，据统计');
  assert.equal(fw("他说'好的'。"), '他说‘好的’。');
  assert.equal(fw("Xi'an的城墙"), "Xi'an的城墙");
  assert.equal(fw("It's 'fine', he said."), "It's 'fine', he said.");
  assert.equal(fw('网址:www.a-b.gov.cn.'), '网址：www.a-b.gov.cn.');
  assert.equal(fw('邮箱:news@a.cn,电话:0551-1234'), '邮箱：news@a.cn，电话：0551-1234');
});

test('mixed copy: every paragraph that changed is in the report with its line, before and after', () => {
  const lines = [
    '六安城区新增公交线路',
    '',
    '■ 通讯员 许浩然',
    '',
    "本报讯 据统计,2024年Liu’an共开通12条线路 , 详情见 www.yun-shan.gov.cn/news 。市民说:'很方便'。",
    '',
    'The city said in English: "Routes open on Monday, 2 Dec."',
    '',
  ];
  const r = importText('mixed.txt', lines.join('\n'));
  const body = paragraphs(r.stories[0]);
  assert.equal(body[0], '本报讯据统计，2024年Liu’an共开通12条线路，详情见www.yun-shan.gov.cn/news。市民说：‘很方便’。');
  assert.equal(body[1], 'The city said in English: "Routes open on Monday, 2 Dec."');
  const changed = r.report.changes.filter((c) => c.kind === 'punctuation' || c.kind === 'spaces');
  assert.ok(changed.length >= 2, JSON.stringify(changed));
  for (const c of changed) {
    assert.equal(c.line, 5, 'only the Chinese paragraph changed');
    assert.ok((c.count ?? 0) > 0 && c.before !== c.after, 'each change says how many');
  }
});
