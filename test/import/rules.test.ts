import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captionParts, fullWidthPunctuation, importText, isBannerText, isByline, removeStraySpaces, type ImportedStory } from '../../core/import/index.js';

// Import rules, one case each. Punctuation forms: GB/T 15834 (cjk-typesetting.md §1.2: real
// Chinese text uses the full-width forms); spacing: §1.7 (the typesetter adds Han–Latin space).

type Node = { type: string; text?: string; content?: Node[]; marks?: Array<{ type: string }> };
const text = (n: Node): string => n.text ?? (n.content ?? []).map(text).join('');
const blocks = (s: ImportedStory) => (s.doc.content as Node[]).map((n) => [n.type, text(n)]);
const fw = (s: string) => fullWidthPunctuation({ text: s }).rich.text;

test('ASCII , ; : ! ? ( ) beside Chinese become full-width (GB/T 15834, cjk §1.2)', () => {
  assert.equal(fw('日前,社区召开会议;居民说:好!真的?'), '日前，社区召开会议；居民说：好！真的？');
  assert.equal(fw('出租车(网约车)司机'), '出租车（网约车）司机');
  assert.equal(fw('他说"好"。'), '他说“好”。');
  assert.equal(fw('等等...'), '等等……');
  assert.equal(fw('完成了. 下一步'), '完成了。下一步');
});

test('numbers and Latin text keep their own punctuation', () => {
  assert.equal(fw('营收1,000万元,增长5.5%'), '营收1,000万元，增长5.5%');
  assert.equal(fw('10:30开会'), '10:30开会');
  assert.equal(fw('Hello, world (test).'), 'Hello, world (test).');
  assert.equal(fw('市集5.0,七里'), '市集5.0，七里');
});

test('stray spaces between Chinese characters are removed; Latin word spaces stay; headline halves keep one space', () => {
  const rs = (s: string, keep = false) => removeStraySpaces({ text: s }, keep).rich.text;
  assert.equal(rs('河西区 数字 经济'), '河西区数字经济');
  assert.equal(rs('共 2023 年'), '共2023年');
  assert.equal(rs('Live  music 到场'), 'Live music到场');
  assert.equal(rs('民心工程进行时   幸福生活来敲门', true), '民心工程进行时 幸福生活来敲门');
  const r = importText('t.txt', '标题一行 第二半\n\n■ 通讯员 张三\n\n河西区 近日 召开会议。\n');
  const change = r.report.changes.find((c) => c.kind === 'spaces')!;
  assert.equal(change.before, '河西区 近日 召开会议。');
  assert.equal(change.after, '河西区近日召开会议。');
  assert.equal(change.line, 5);
});

test('a paragraph that does not end a sentence continues in the next one; ；and ， do not end one', () => {
  const r = importText('t.txt', '主题\n\n■ 记者 李四\n\n第一段到这里没有\n\n结束，还有；\n\n第三行。\n\n新的一段。\n');
  assert.deepEqual(blocks(r.stories[0]).filter(([t]) => t === 'paragraph').map(([, s]) => s), ['第一段到这里没有结束，还有；第三行。', '新的一段。']);
  const joins = r.report.changes.filter((c) => c.kind === 'joined');
  assert.deepEqual(joins.map((c) => c.line), [5, 7]);
  assert.match(joins[0].message, /joined with line 7/);
});

test('a headline block: short lines without sentence punctuation before the byline — 引题 / 主题 / 副题 by count', () => {
  const three = importText('t.txt', '为民办实事\n\n老旧小区换新颜\n\n今年改造小区十二个\n\n本报记者 王五 通讯员 赵六\n\n正文开始。\n');
  assert.deepEqual(blocks(three.stories[0]).slice(0, 4), [
    ['kicker', '为民办实事'],
    ['headline', '老旧小区换新颜'],
    ['deck', '今年改造小区十二个'],
    ['byline', '本报记者 王五 通讯员 赵六'],
  ]);
  // Two lines: a short line over a long one reads as 引题 + 主题.
  const kicker = importText('t.txt', '民生无小事\n\n全区举办系列文化活动丰富市民节日生活\n\n记者 张三\n\n正文。\n');
  assert.deepEqual(blocks(kicker.stories[0]).slice(0, 2), [['kicker', '民生无小事'], ['headline', '全区举办系列文化活动丰富市民节日生活']]);
});

test('bylines: ■ 通讯员, 本报记者 with several names, 记者; not ordinary sentences', () => {
  for (const b of ['■ 通讯员 许浩然', '本报记者 张三 李四', '记者 王五 通讯员 赵六', '本报讯（记者 张三）', '通讯员 张三、李四']) assert.ok(isByline(b), b);
  for (const b of ['记者从区委网信办获悉，截至6月底。', '河西区与上海建科集团召开对接会']) assert.ok(!isByline(b), b);
});

test('本报讯 at the start of a paragraph is the dateline: set bold, listed in the report', () => {
  const r = importText('t.txt', '主题在此\n\n本报讯（记者 张三）日前，全区召开大会。\n');
  const p = (r.stories[0].doc.content as Node[]).find((n) => n.type === 'paragraph')!;
  assert.equal(p.content![0].text, '本报讯（记者 张三）');
  assert.deepEqual(p.content![0].marks, [{ type: 'bold' }]);
  assert.ok(r.report.recognised.some((x) => x.kind === 'dateline' && x.text === '本报讯（记者 张三）'));
});

test('captions: 图为…… with ×× 摄 / 摄影报道 / bracketed credits become figures with an empty photo', () => {
  assert.deepEqual(captionParts('图为志愿者包饺子。 金志成 摄影报道'), { caption: '图为志愿者包饺子。', credit: '金志成 摄影报道' });
  assert.deepEqual(captionParts('图为新建的口袋公园。（记者 张三 摄）'), { caption: '图为新建的口袋公园。', credit: '记者 张三 摄' });
  assert.deepEqual(captionParts('市民在公园健身 本报记者 李四 摄'), { caption: '市民在公园健身', credit: '本报记者 李四 摄' });
  assert.equal(captionParts('日前，河西区召开会议。'), undefined);
  const r = importText('t.txt', '公园改造完成\n\n■ 记者 张三\n\n第一段。\n\n图为改造后的公园。 李四 摄\n\n第二段。\n');
  const fig = (r.stories[0].doc.content as Node[]).find((n) => n.type === 'figure')!;
  assert.deepEqual(fig.content!.map((n) => n.type), ['photo', 'caption', 'credit']);
  assert.deepEqual(blocks(r.stories[0]).map(([t]) => t), ['headline', 'byline', 'paragraph', 'figure', 'paragraph'], 'the figure stays where the caption was');
});

test('a photo story: after a wide gap, a short text with a caption and no headline', () => {
  const r = importText('t.txt', '主题一\n\n■ 记者 甲乙\n\n正文结束。\n\n\n\n社区志愿者开展活动。\n\n图为活动现场。 张三 摄影报道\n');
  assert.equal(r.stories.length, 2);
  assert.equal(r.stories[1].photoStory, true);
  assert.equal(r.stories[1].figures, 1);
  assert.equal(r.report.warnings.length, 0, 'a photo story needs no headline');
});

test('section banners: column names and three-phrase slogans in a headline block, never a lone headline', () => {
  for (const b of ['民心工程向您汇报', '十项行动见行见效', '谋发展 转作风 办实事', '聚焦两会']) assert.ok(isBannerText(b), b);
  for (const b of ['河西区数字经济经济发展稳步推进', '民心工程进行时 幸福生活来敲门', '上半年实现营收58.76亿元']) assert.ok(!isBannerText(b), b);
  const lone = importText('t.txt', '民心工程向您汇报\n\n■ 记者 张三\n\n正文。\n');
  assert.equal(lone.stories[0].banner, undefined);
  assert.deepEqual(blocks(lone.stories[0])[0], ['headline', '民心工程向您汇报']);
});

test('subheads: numbered or marked short lines inside a story', () => {
  const r = importText('t.txt', '全区推进民生工程\n\n■ 记者 张三\n\n导语一段。\n\n一、改造老旧小区\n\n第一部分正文。\n\n■ 新建公园\n\n第二部分正文。\n');
  assert.deepEqual(blocks(r.stories[0]).filter(([t]) => t === 'subhead').map(([, s]) => s), ['一、改造老旧小区', '■ 新建公园']);
  assert.equal(r.stories.length, 1);
});

test('several files at once: stories in file order, repeats across files flagged with the other file', () => {
  const a = { file: 'a.txt', text: '第一篇\n\n■ 记者 张三\n\n这是一段足够长的重复的正文内容。\n' };
  const b = { file: 'b.txt', text: '第二篇\n\n■ 记者 李四\n\n这是一段足够长的重复的正文内容。\n' };
  const r = importText(a.file, a.text);
  assert.equal(r.stories.length, 1);
  const both = importCopyOf([a, b]);
  assert.deepEqual(both.stories.map((s) => s.file), ['a.txt', 'b.txt']);
  const rep = both.report.changes.find((c) => c.kind === 'repeated')!;
  assert.equal(rep.file, 'b.txt');
  assert.match(rep.message, /a\.txt line 5/);
});

test('story ids avoid the ids already in the issue; import is deterministic', () => {
  const src = '主题\n\n■ 记者 张三\n\n正文。\n';
  const r = importText('t.txt', src, { existingIds: ['story-1', 'story-2'] });
  assert.equal(r.stories[0].id, 'story-3');
  assert.equal(JSON.stringify(importText('t.txt', src)), JSON.stringify(importText('t.txt', src)));
});

import { importCopy, textSource } from '../../core/import/index.js';
function importCopyOf(files: Array<{ file: string; text: string }>) {
  return importCopy(files.map((f) => textSource(f.file, f.text)));
}

test('hard-wrapped copy (one line length throughout) is rejoined into its paragraphs, even where a line ends with 。', () => {
  const paras = ['今年以来，河西区坚持以人民为中心，扎实推进市、区两级民心工程。一项项民心工程更加精准务实。', '民生连着民心，民生稳，人心就稳，社会稳。河西区着力满足群众生活服务需求，打造群众幸福港湾。全力将发展成果不断转化为生活品质。', '下一步，区里将总结经验做法，推动改造工作由“有”向“优”转变，让更多居民受益，惠及居民四千八百余户。'];
  const wrap = (p: string) => p.match(/.{1,20}/g)!.join('\n');
  const src = `老旧小区改造提速\n\n■ 通讯员 岳志欣\n\n${paras.map(wrap).join('\n\n')}\n`;
  const r = importText('wrapped.txt', src);
  assert.deepEqual(blocks(r.stories[0]).filter(([t]) => t === 'paragraph').map(([, s]) => s), paras);
  assert.ok(r.report.changes.some((c) => c.kind === 'joined' && /hard-wrapped/.test(c.message)), 'a join at a line ending in 。 says why');
});

test('Latin copy: "By …" bylines and "Photo by …" credits are recognised; English sentences are not headlines', () => {
  const r = importText('en.txt', 'Council approves new budget\n\nBy Jane Doe and John Roe\n\nThe city council approved the budget on Monday.\n\nIt was hard-wrapped here and\n\ncontinues on this line.\n\nResidents at the new park. Photo by Li Ming\n');
  assert.deepEqual(blocks(r.stories[0]), [
    ['headline', 'Council approves new budget'],
    ['byline', 'By Jane Doe and John Roe'],
    ['paragraph', 'The city council approved the budget on Monday.'],
    ['paragraph', 'It was hard-wrapped here and continues on this line.'],
    ['figure', 'Residents at the new park.Photo by Li Ming'],
  ]);
  assert.equal(r.report.changes.filter((c) => c.kind === 'spaces').length, 0, 'the join space is not reported as a stray space');
});

test('a headline block of more than three lines: the extra lines join the deck, and the report says so', () => {
  const r = importText('t.txt', '为民办实事\n\n老旧小区换新颜\n\n今年改造小区十二个\n\n惠及居民四千余户\n\n■ 记者 王五\n\n正文开始。\n');
  assert.deepEqual(blocks(r.stories[0]).slice(0, 3), [['kicker', '为民办实事'], ['headline', '老旧小区换新颜'], ['deck', '今年改造小区十二个 惠及居民四千余户']]);
  const c = r.report.changes.find((x) => x.kind === 'merged-headline')!;
  assert.equal(c.line, 5);
  assert.match(c.message, /2 lines \(5, 7\) set as one deck/);
});
