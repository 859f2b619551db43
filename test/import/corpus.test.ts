import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, toModelStory, type ImportedStory } from '../../core/import/index.js';
import { storySchema } from '../../core/model/story-schema.js';
import { readCorpus } from '../fixtures/corpus.js';

// The corpus page (../shared/corpus): a district bulletin page as PDF-extracted text. What a
// human editor reads in it, written down by reading the file, and the import finding exactly that.


interface Expected {
  banner?: string;
  kicker?: string;
  headline?: string;
  deck?: string;
  bylines: string[];
  captions?: Array<[string, string]>;
  paragraphs: number;
  photoStory?: boolean;
  line: number;
}

const EXPECTED: Expected[] = [
  { line: 3, banner: '谋发展 转作风 办实事', headline: '“红色引领”解民忧 “暖心物管”办实事', bylines: ['■ 通讯员 许浩然'], paragraphs: 4 },
  { line: 17, headline: '“双向联系”凝聚合力 电表“入户”百姓安心', bylines: ['■ 通讯员 张津津'], paragraphs: 5 },
  {
    line: 33,
    photoStory: true,
    bylines: [],
    captions: [['图为青年志愿者与“老妈妈志愿服务队”一起包饺子，并为古海里社区独居老人送上门。', '金志成 摄影报道']],
    paragraphs: 1,
  },
  // 民心工程向您汇报 stands between the headline lines and the byline in the extracted text; on the page it is the 栏目 above.
  { line: 37, banner: '民心工程向您汇报', headline: '民心工程进行时 幸福生活来敲门', deck: '切实将群众“急难愁盼”变成“满意答卷”', bylines: ['■ 通讯员 万彤'], paragraphs: 5 },
  { line: 61, banner: '十项行动见行见效', headline: '河西区数字经济经济发展稳步推进', deck: '上半年实现营收58.76亿元', bylines: ['■ 通讯员 张媛芮'], paragraphs: 4 },
  // No byline: the headline is recognised from its shape and the lead (日前，…) after it.
  { line: 81, headline: '河西区与上海建科集团召开对接会 深化合作扩大投资', bylines: [], paragraphs: 3 },
  { line: 89, headline: '河西区接待阳狮集团一行 洽谈合作发展前景', bylines: ['■ 通讯员 张媛芮'], paragraphs: 3 },
  { line: 99, headline: '“心”“驿”“驿网”暖心 河西区职工服务中心工会户外劳动者服务站揭牌', bylines: ['■ 通讯员 赵钰琪'], paragraphs: 3 },
  { line: 113, headline: '打造消费新场景 探索跨界融合模式', deck: '促进文旅产业提质升级', bylines: ['■ 通讯员 万彤'], paragraphs: 4 },
  { line: 127, headline: '律企同行 法护营商 法治体检活动走进建筑工程行业', bylines: ['■ 通讯员 赵钰琪'], paragraphs: 3 },
  { line: 137, headline: '红旗新里城市更新项目老旧小区改造提速', bylines: ['■ 通讯员 岳志欣'], paragraphs: 2 },
];

type Node = { type: string; text?: string; content?: Node[]; attrs?: Record<string, unknown> };
const text = (n: Node): string => n.text ?? (n.content ?? []).map(text).join('');
const parts = (s: ImportedStory, type: string) => (s.doc.content as Node[]).filter((n) => n.type === type).map(text);

function corpus() {
  return importText('corpus.txt', readCorpus());
}

test('corpus: the import finds the stories an editor sees — headline blocks, bylines, banners, captions', () => {
  const { stories } = corpus();
  assert.equal(stories.length, EXPECTED.length, `stories: ${stories.map((s) => s.slug).join(' / ')}`);
  stories.forEach((s, i) => {
    const e = EXPECTED[i];
    const where = `story ${i + 1} (line ${e.line})`;
    assert.equal(s.line, e.line, `${where}: starts at its line`);
    assert.equal(s.banner, e.banner, `${where}: banner`);
    assert.deepEqual(parts(s, 'kicker'), e.kicker ? [e.kicker] : [], `${where}: kicker`);
    assert.deepEqual(parts(s, 'headline'), e.headline ? [e.headline] : [], `${where}: headline`);
    assert.deepEqual(parts(s, 'deck'), e.deck ? [e.deck] : [], `${where}: deck`);
    assert.deepEqual(parts(s, 'byline'), e.bylines, `${where}: bylines`);
    assert.equal(parts(s, 'paragraph').length, e.paragraphs, `${where}: paragraphs after joining`);
    assert.equal(s.photoStory, !!e.photoStory, `${where}: photo story`);
    const figs = (s.doc.content as Node[]).filter((n) => n.type === 'figure');
    assert.deepEqual(
      figs.map((f) => [text(f.content!.find((n) => n.type === 'caption')!), text(f.content!.find((n) => n.type === 'credit')!)]),
      e.captions ?? [],
      `${where}: captions`,
    );
    for (const f of figs) assert.equal(f.content![0].attrs?.assetId, null, `${where}: the photo waits for its image`);
  });
});

test('corpus: every story is a valid document of the story schema', () => {
  for (const s of corpus().stories) assert.doesNotThrow(() => storySchema.nodeFromJSON(toModelStory(s).doc).check(), s.id);
});

test('corpus: paragraphs broken mid-sentence by PDF extraction are joined and each join is reported (cjk-typesetting.md §1.8)', () => {
  const { stories, report } = corpus();
  const joins = report.changes.filter((c) => c.kind === 'joined').map((c) => c.line);
  assert.deepEqual(joins, [47, 51, 55, 71, 75, 105, 107, 141, 143]);
  const all = stories.flatMap((s) => parts(s, 'paragraph'));
  assert.ok(all.some((p) => p.includes('无障碍设施建设；改造富源里')), 'line 47 + 49');
  assert.ok(all.some((p) => p.includes('扩大托育服务有效供给；着力优化')), 'line 55 + 57');
  assert.ok(all.some((p) => p.includes('有限责任公司签订共建协议') && p.endsWith('为全区站点建设起到了示范引领的作用。')), 'lines 105 + 107 + 109');
  // Every body paragraph now ends a sentence.
  for (const p of all) assert.match(p, /[。！？…”）]$/, p.slice(-20));
});

test('corpus: the repeated paragraph is flagged and kept, not silently dropped', () => {
  const { stories, report } = corpus();
  const flags = report.changes.filter((c) => c.kind === 'repeated');
  assert.equal(flags.length, 1);
  assert.equal(flags[0].line, 125);
  assert.match(flags[0].message, /line 121/);
  const story = stories.find((s) => s.id === flags[0].storyId)!;
  const paras = parts(story, 'paragraph');
  assert.equal(paras.filter((p) => p.startsWith('为更好发挥文旅事业')).length, 2, 'both copies are still in the story');
  const dropped = importText('corpus.txt', readCorpus(), { dropRepeats: true });
  assert.equal(dropped.report.changes.filter((c) => c.kind === 'removed-repeat').length, 1, 'removal on request is reported too');
});

test('corpus: ASCII punctuation beside Chinese is made full-width; decimals and Latin stay', () => {
  const { stories, report } = corpus();
  const body = stories.flatMap((s) => (s.doc.content as Node[]).map(text)).join('\n');
  assert.doesNotMatch(body, /[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/, 'no ASCII , ; : ( ) beside Han');
  assert.ok(body.includes('（初级）'), '(初级) → （初级）');
  assert.ok(body.includes('出租车（网约车）'));
  for (const kept of ['58.76亿元', '2.9122万平方米', '面包叫醒市集5.0', 'Live到场', '“1+10”']) assert.ok(body.includes(kept), kept);
  const punct = report.changes.filter((c) => c.kind === 'punctuation');
  assert.ok(punct.length > 30, 'one report entry per paragraph changed');
  for (const c of punct) assert.notEqual(c.before, c.after);
});

test('corpus: every character of the copy survives import in order (only punctuation width and joins change)', () => {
  const raw = readCorpus();
  const { stories } = corpus();
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/[,，]/g, '，').replace(/[;；]/g, '；').replace(/[:：]/g, '：').replace(/[(（]/g, '（').replace(/[)）]/g, '）');
  const out = stories.map((s) => {
    // The banner stands where the source had it: 民心工程向您汇报 came after the headline lines.
    return (s.doc.content as Node[]).map(text).join('');
  });
  const rawNorm = norm(raw);
  let at = 0;
  for (const [i, s] of out.entries()) {
    for (const ch of norm(s)) {
      const k = rawNorm.indexOf(ch, at);
      assert.ok(k >= 0 && k - at < 40, `story ${i + 1}: “${ch}” not found in order near source offset ${at}`);
      at = k + 1;
    }
  }
});
