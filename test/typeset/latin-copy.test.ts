import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { glyphs, set, texts } from './helpers.js';

// Latin copy inside Chinese text is set as written (issue 21 item 2): an apostrophe between
// letters is the Latin one, URLs and e-mail addresses break only after / . and @ and are never
// hyphenated, a number's hyphen holds it together. Size 10 pt: 1 em = 10 pt.

const EM = 10;
/** Every measure from 4 to 16 em in half-em steps: the break falls at every place once. */
const MEASURES = Array.from({ length: 25 }, (_, i) => (4 + i / 2) * EM);

describe('the apostrophe in Latin words', () => {
  for (const word of ['Liu’an', 'don’t', 'rock’n’roll', 'Xi’an']) {
    test(`${word}: ’ is set proportional, part of the word (no Han–Latin space, no break)`, () => {
      const text = `安徽${word}市`;
      const line = set(text, 40 * EM, { align: 'left' }).lines[0];
      const gs = glyphs(line);
      for (const g of gs.filter((x) => x.ch === '’')) assert.ok(g.adv < 0.4 * EM, `’ is ${g.adv} pt wide (a full-width mark is ${EM})`);
      // the word sits tight: its letters and apostrophes follow each other with no gap
      const inWord = gs.filter((g) => /[A-Za-z’]/.test(g.ch));
      for (let i = 1; i < inWord.length; i++) assert.ok(Math.abs(inWord[i].x - (inWord[i - 1].x + inWord[i - 1].adv)) < 0.01, `no gap before ${inWord[i].ch}`);
      for (const m of MEASURES) for (const l of texts(set(text, m))) assert.ok(!l.startsWith('’') && !/’$/.test(l), `never broken at ’: ${l}`);
    });
  }
  test('a closing ’ after Chinese is still the full-width mark', () => {
    const gs = glyphs(set('他说‘好’就走', 40 * EM, { align: 'left', punctuation: 'full' }).lines[0]);
    const close = gs.find((g) => g.ch === '’')!;
    assert.ok(close.adv > 0.9 * EM, `${close.adv}`);
  });
});

describe('URLs and e-mail addresses', () => {
  const cases = [
    { text: '详情请登录网站www.yun-shan.gov.cn/news/2024/list.html查询。', address: 'www.yun-shan.gov.cn/news/2024/list.html' },
    { text: '报名网址：https://bm.yunshan-edu.cn/apply?id=20241203，截止日期为本月底。', address: 'https://bm.yunshan-edu.cn/apply?id=20241203' },
    { text: '来稿请发至邮箱news-desk@yun-shan.gov.cn，来信请注明“投稿”字样。', address: 'news-desk@yun-shan.gov.cn' },
    { text: 'Readers can find the full report at yunshan.gov.cn/report-2024 before Friday.', address: 'yunshan.gov.cn/report-2024' },
  ];
  for (const c of cases) {
    test(`${c.address}: breaks only after / . or @, never hyphenated, never at its hyphens`, () => {
      let brokenInside = 0;
      for (const m of MEASURES) {
        for (const hyphenate of [true, false]) {
          const layout = set(c.text, m, { hyphenate, lang: /^[A-Z]/.test(c.text) ? 'en' : 'zh' });
          const lines = texts(layout);
          // A piece between break points wider than the measure must be cut somewhere (and is reported).
          if (layout.diagnostics.some((d) => d.kind === 'overlong-unbreakable')) continue;
          assert.equal(lines.join('').replace(/\s/g, ''), c.text.replace(/\s/g, ''), 'nothing added or lost');
          let at = 0;
          const start = c.text.replace(/\s/g, '').indexOf(c.address);
          const end = start + c.address.length;
          for (const [i, l] of lines.entries()) {
            at += l.replace(/\s/g, '').length;
            if (i === lines.length - 1 || at <= start || at >= end) continue;
            brokenInside++;
            assert.ok(/[/.@]$/.test(l), `inside the address a line ends after / . or @ only: «${l}» (measure ${m / EM} em)`);
            assert.ok(!layout.lines[i].adjustments.hyphenated, 'no hyphen added');
          }
        }
      }
      assert.ok(brokenInside > 0, 'some measure breaks inside the address');
    });
  }
});

test('a number with a hyphen (telephone, year range) is never split at it', () => {
  const text = '咨询电话0551-65881234，活动时间为2023-2024学年，欢迎来电。';
  for (const m of MEASURES) {
    for (const l of texts(set(text, m))) {
      assert.ok(!/\d-$/.test(l), `no line ends in a number's hyphen: «${l}»`);
    }
  }
});

test('English compounds still break after their hyphen, and long words still hyphenate', () => {
  const english = 'The well-known editor-in-chief reviewed extraordinary international contributions.';
  const all = MEASURES.flatMap((m) => texts(set(english, m, { hyphenate: true, lang: 'en' })));
  assert.ok(all.some((l) => /-$/.test(l) && /(well|editor|in)-$/.test(l)), 'a compound broke after its hyphen');
});
