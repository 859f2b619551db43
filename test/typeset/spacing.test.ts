import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TypesetLine } from '../../core/typeset/types.js';
import { corpusParagraphs, fonts, glyphs, set, texts } from './helpers.js';

// Even spacing in justified lines (issue 21 item 3), measured the way a reader sees it: the gap
// after each glyph beyond its own advance, per kind of neighbour, on every justified line of real
// bulletin copy, mixed Chinese–English copy and English copy, at column widths of a bulletin.

const EM = 9;
const WIDTHS = [11, 12, 13, 16, 22];
const han = (c: string) => /\p{Script=Han}/u.test(c);
const latin = (c: string) => /[A-Za-z0-9%’']/.test(c);

const MIXED = [
  '六安市Liu’an今年GDP增长5.8%，全市新增就业岗位12000个，其中高校毕业生占比超过40%，据市统计局12月3日发布的数据显示。',
  '记者从市交通局获悉，12条新开通的公交线路覆盖了Wi-Fi信号，市民可登录www.yun-shan.gov.cn查询线路，也可拨打0551-65881234咨询。',
  '本届马拉松共有来自Kenya、Ethiopia等23个国家和地区的1.5万名选手参赛，男子组冠军成绩为2小时08分。',
];
const ENGLISH = [
  'Typesetting newspapers requires extraordinary attention to hyphenation, justification and the spacing between words in narrow columns.',
  "In 2024, according to the city's report, Liu’an saw 5.8% growth; exports rose by a third, the statistics bureau said on Monday.",
  'Visit www.yun-shan.gov.cn/news or write to news-desk@yun-shan.gov.cn for the full schedule of the 12 new bus routes.',
  "The mayor, Ms. Wang, opened the new library on Saturday; more than 3,000 residents came to see the 120,000 books and the children's reading room.",
];

interface Gaps {
  word: number;
  hanLatin: number;
  han: number;
  letter: number;
  /** The line has a gap between two Han characters (somewhere Chinese justification can go). */
  hasHanGap: boolean;
}

/** The widest gap of each kind on a line, in em. */
function gaps(line: TypesetLine): Gaps {
  const gs = glyphs(line);
  const extra = gs.map((g) => {
    const f = fonts.face(g.font);
    return g.adv - (f.advance(g.gid) * g.size) / f.unitsPerEm;
  });
  const r: Gaps = { word: 0, hanLatin: 0, han: 0, letter: 0, hasHanGap: false };
  for (let i = 0; i + 1 < gs.length; i++) {
    const a = gs[i].ch;
    const b = gs[i + 1].ch;
    if (b === ' ' && i + 2 < gs.length) r.word = Math.max(r.word, (extra[i] + gs[i + 1].adv) / EM);
    else if (a === ' ') continue;
    else if ((han(a) && latin(b)) || (latin(a) && han(b))) r.hanLatin = Math.max(r.hanLatin, extra[i] / EM);
    else if (han(a) && han(b)) {
      r.han = Math.max(r.han, extra[i] / EM);
      r.hasHanGap = true;
    } else if (latin(a) && latin(b)) r.letter = Math.max(r.letter, extra[i] / EM);
  }
  return r;
}

function justifiedLines(paragraphs: string[], lang: 'zh' | 'en') {
  return WIDTHS.flatMap((w) => paragraphs.flatMap((p) => set(p, w * EM, { lang }, EM).lines.filter((l) => !l.last).map((line) => ({ w, line, g: gaps(line) }))));
}

test('Han–Latin spacing stays at its ¼ em where Han gaps can take the stretch (corpus and mixed copy)', () => {
  const lines = justifiedLines([...corpusParagraphs(), ...MIXED], 'zh');
  let checked = 0;
  for (const { w, line, g } of lines) {
    if (!g.hasHanGap || g.hanLatin === 0) continue;
    checked++;
    assert.ok(g.hanLatin <= 0.25 + 1e-6, `${w} em: Han–Latin gap ${g.hanLatin.toFixed(3)} em on «${glyphs(line).map((x) => x.ch).join('')}»`);
  }
  assert.ok(checked > 20, `${checked} lines with both`);
});

test('word spaces in Chinese lines never stretch past ½ em; Latin words in them keep their letter spacing', () => {
  for (const { w, line, g } of justifiedLines(MIXED, 'zh')) {
    if (!g.hasHanGap) continue;
    const text = glyphs(line).map((x) => x.ch).join('');
    assert.ok(g.word <= 0.5 + 1e-6, `${w} em: word gap ${g.word.toFixed(2)} em on «${text}»`);
    assert.ok(g.letter < 0.01, `${w} em: letters spaced ${g.letter.toFixed(3)} em on «${text}»`);
  }
});

test('English lines: stretch spread over word spaces and letters — no word gap past 2.2 em, no letter gap past ⅕ em, and within 1 em at two columns', () => {
  for (const { w, line, g } of justifiedLines(ENGLISH, 'en')) {
    const text = glyphs(line).map((x) => x.ch).join('');
    assert.ok(g.word <= 2.2, `${w} em: word gap ${g.word.toFixed(2)} em on «${text}»`);
    assert.ok(g.letter <= 0.2, `${w} em: letter gap ${g.letter.toFixed(3)} em on «${text}»`);
    if (w >= 22) assert.ok(g.word <= 1, `${w} em: word gap ${g.word.toFixed(2)} em on «${text}»`);
  }
});

test('a better break before letter-spacing: the next character comes in when compressing costs less than half the stretch', () => {
  // 5.2 em: “甲乙”丙 leaves 0.7 em to stretch; with 丁 the line is 0.3 em over and ” gives 0.5 em.
  const tight = set('“甲乙”丙丁戊己庚辛壬癸', 5.2 * 10, { punctuation: 'full' }, 10);
  assert.deepEqual(texts(tight).slice(0, 1), ['“甲乙”丙丁']);
  assert.equal(tight.lines[0].adjustments.pushIn, true);
  assert.equal(tight.lines[0].adjustments.stretched, 0);
  // 5.1 em: 0.6 em to stretch against 0.4 em to compress — not worth it, the line stretches.
  const loose = set('“甲乙”丙丁戊己庚辛壬癸', 5.1 * 10, { punctuation: 'full' }, 10);
  assert.deepEqual(texts(loose).slice(0, 1), ['“甲乙”丙']);
  // a sentence-end mark is never compressed mid-line to save a gap
  assert.deepEqual(texts(set('甲乙丙。丁戊己庚辛', 4.4 * 10, { punctuation: 'full' }, 10)).slice(0, 1), ['甲乙丙。']);
});

test('on the composed sample issue: no Han–Latin gap past ¼ em and no word gap past ½ em in a body line that has Han gaps', async () => {
  const { bundledSampleIssue, compose } = await import('../fixtures/build.js');
  const composed = compose(bundledSampleIssue());
  let pairs = 0;
  for (const page of composed.pages) {
    for (const item of page.items) {
      if (item.kind !== 'glyphs') continue;
      const run = item as import('../../core/display/types.js').GlyphRunItem;
      const face = fonts.face(run.font);
      const em = run.size;
      const extra = (i: number) => run.xs[i + 1] - run.xs[i] - (face.advance(run.glyphs[i]) * run.size * (run.hscale ?? 1)) / face.unitsPerEm;
      const chars = run.chars;
      let hasHanGap = false;
      for (let i = 0; i + 1 < chars.length; i++) if (han(chars[i]) && han(chars[i + 1])) hasHanGap = true;
      if (!hasHanGap) continue;
      for (let i = 0; i + 1 < chars.length; i++) {
        const a = chars[i];
        const b = chars[i + 1];
        if ((han(a) && /[A-Za-z0-9]/.test(b)) || (/[A-Za-z0-9]/.test(a) && han(b))) {
          pairs++;
          assert.ok(extra(i) / em <= 0.25 + 1e-3, `page ${page.number}: ${a}|${b} gap ${(extra(i) / em).toFixed(3)} em in «${chars.join('')}»`);
        }
        if (a === ' ') assert.ok((run.xs[i + 1] - run.xs[i]) / em <= 0.5 + 1e-3, `page ${page.number}: word gap in «${chars.join('')}»`);
      }
    }
  }
  assert.ok(pairs > 10, `${pairs} Han–Latin pairs on the sample's pages`);
});
