import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import { bodyStyle, typesetParagraph } from '../../core/typeset/index.js';
import type { KinsokuLevel } from '../../core/typeset/types.js';
import { fonts, glyphs, lineEnd, set, setRuns, texts } from './helpers.js';

// Table-driven rule tests; each cites the section of ../shared/reference/cjk-typesetting.md it checks.
// Size 10 pt, so 1 em = 10 pt; measure 50 = 5 em unless stated.
const EM = 10;
const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 0.01, `${msg ?? ''} ${a} ≠ ${b}`);

describe('§1.1 禁则: NO_LINE_START classes never start a line', () => {
  // "甲乙丙丁戊" fills 5 em exactly; the mark that follows would start line 2.
  const cases: Array<[string, string]> = [
    ['、', '点号 U+3001'], ['，', '点号 U+FF0C'], ['。', '点号 U+3002'], ['．', '点号 U+FF0E'], ['：', '点号 U+FF1A'], ['；', '点号 U+FF1B'],
    ['！', '点号 U+FF01'], ['？', '点号 U+FF1F'], ['”', 'closing quote U+201D'], ['’', 'closing quote U+2019'], ['）', 'closing bracket U+FF09'],
    ['］', 'U+FF3D'], ['｝', 'U+FF5D'], ['】', 'U+3011'], ['〕', 'U+3015'], ['〗', 'U+3017'], ['〉', 'U+3009'], ['》', 'U+300B'], ['」', 'U+300D'],
    ['』', 'U+300F'], ['〙', 'U+3019'], ['–', 'connector U+2013'], ['～', 'connector U+FF5E'], ['~', 'connector U+007E'], ['·', 'interpunct U+00B7'],
    ['・', 'interpunct U+30FB'], ['‧', 'interpunct U+2027'], ['/', 'solidus U+002F'], ['／', 'solidus U+FF0F'], [',', 'ASCII comma after CJK'],
    ['.', 'ASCII full stop after CJK'], [';', 'ASCII semicolon after CJK'], ['!', 'ASCII ! after CJK'], ['?', 'ASCII ? after CJK'], [':', 'ASCII : after CJK'],
    ['—', 'single 一字线 as connector U+2014'],
  ];
  for (const [mark, what] of cases) {
    test(`${mark} (${what}) is kept off the line start`, () => {
      const layout = set(`甲乙丙丁戊${mark}己庚辛壬癸子丑`, 5 * EM);
      for (const t of texts(layout).slice(1)) assert.notEqual(t[0], mark, texts(layout).join('|'));
      assert.equal(layout.diagnostics.length, 0);
    });
  }
  test('the level none lets a closing mark start a line (§1.1 table, "none")', () => {
    assert.equal(texts(set('甲乙丙丁戊，己庚辛壬', 5 * EM, { kinsoku: 'none' }))[1][0], '，');
  });
});

describe('§1.1 禁则: NO_LINE_END classes never end a line', () => {
  const cases = ['“', '‘', '（', '［', '｛', '【', '〔', '〈', '《', '「', '『', '〖', '〘'];
  for (const mark of cases) {
    test(`${mark} (opening mark U+${mark.codePointAt(0)!.toString(16).toUpperCase()}) is kept off the line end`, () => {
      // The opening mark would be the 5th position of line 1 (開明 half width leaves room for it).
      const layout = set(`甲乙丙丁${mark}戊己${String.fromCodePoint(mark.codePointAt(0)! + 1)}庚辛壬癸`, 5 * EM);
      const first = texts(layout)[0];
      assert.notEqual(first.at(-1), mark, texts(layout).join('|'));
    });
  }
  const levels: Array<[KinsokuLevel, boolean]> = [['basic', true], ['gb', false], ['strict', false]];
  for (const [level, allowed] of levels) {
    test(`solidus at line end: ${allowed ? 'allowed' : 'barred'} at level ${level} (GB/T 15834 §5.1.9, §1.1 GB法)`, () => {
      const t = texts(set('甲乙丙丁／戊己庚辛壬', 5 * EM, { kinsoku: level, punctuation: 'full' }));
      assert.equal(t[0].endsWith('／'), allowed, t.join('|'));
    });
  }
});

describe('§1.1 strict level: —— and …… never start a line', () => {
  for (const seq of ['——', '……']) {
    test(`${seq} may start a line at basic, not at strict`, () => {
      assert.ok(texts(set(`一二三四${seq}五六七八九十`, 4 * EM, { kinsoku: 'basic' }))[1].startsWith(seq));
      for (const t of texts(set(`一二三四${seq}五六七八九十`, 4 * EM, { kinsoku: 'strict' }))) assert.ok(!t.startsWith(seq), t);
    });
  }
});

describe('§1.2 unbreakable sequences are never split', () => {
  const cases: Array<[string, string]> = [
    ['——', 'EM DASH pair (GB/T 15834 §5.1.4)'],
    ['……', 'ellipsis pair (§5.1.5)'],
    ['12,345.67', 'number with grouping and decimal point'],
    ['¥100', 'prefix + number (cl-12)'],
    ['￥100', 'fullwidth prefix + number'],
    ['50%', 'number + postfix (cl-13)'],
    ['37℃', 'number + ℃'],
    ['+15', 'sign + number'],
    ['km', 'Latin unit'],
    ['Broadsheet', 'Latin word'],
  ];
  for (const [seq, what] of cases) {
    test(`${seq}: ${what}`, () => {
      for (let pad = 0; pad < 8; pad++) {
        const text = '甲乙丙丁戊己庚辛'.slice(0, pad) + seq + '子丑寅卯辰巳午未';
        const layout = set(text, 6 * EM, { hyphenate: false });
        const at = text.indexOf(seq);
        for (const line of layout.lines) assert.ok(line.end <= at || line.end >= at + seq.length, `split “${seq}” in ${texts(layout).join('|')}`);
      }
    });
  }
  test('an unbreakable longer than the measure is split with an overlong-unbreakable diagnostic', () => {
    const layout = set('一二三四1234567890五六', 5 * EM);
    assert.ok(layout.diagnostics.some((d) => d.kind === 'overlong-unbreakable'));
  });
});

describe('§1.1 process order: compression before prohibition, push in before push out', () => {
  test('push in: the barred comma is squeezed back by compressing punctuation on the line (全身)', () => {
    const layout = set('甲，乙丙丁，戊己庚辛壬癸', 5 * EM, { punctuation: 'full' });
    assert.equal(texts(layout)[0], '甲，乙丙丁，');
    assert.ok(layout.lines[0].adjustments.pushIn);
    close(lineEnd(layout.lines[0]), 5 * EM);
  });
  test('push out: when nothing can be compressed, the last character goes down with the mark', () => {
    const layout = set('甲乙丙丁戊，己庚辛壬', 5 * EM);
    assert.equal(texts(layout)[0], '甲乙丙丁');
    assert.ok(texts(layout)[1].startsWith('戊，'));
    assert.ok(layout.lines[0].adjustments.pushOut);
    close(lineEnd(layout.lines[0]), 5 * EM);
  });
  test('line-end half width counts before deciding the break (GB/T 15834 §5.1.10): 。 fits as the 6th mark of a 5.5-em line', () => {
    const layout = set('甲乙丙丁戊。己庚辛壬癸', 5.5 * EM, { punctuation: 'full' });
    assert.equal(texts(layout)[0], '甲乙丙丁戊。');
    assert.equal(layout.lines[0].adjustments.pushIn, false);
  });
});

describe('§1.5 shrink order', () => {
  test('，、； are compressed (step 5) before 。？！ (step 7)', () => {
    const layout = set('甲，乙。丙，丁戊己庚辛壬癸子丑', 5 * EM, { punctuation: 'full' });
    assert.equal(texts(layout)[0], '甲，乙。丙，');
    const g = glyphs(layout.lines[0]);
    close(g[1].adv, 0.5 * EM, '，');
    close(g[3].adv, 1 * EM, '。 untouched');
    close(lineEnd(layout.lines[0]), 5 * EM);
  });
  test('brackets (step 4) before commas (step 5)', () => {
    const layout = set('甲（乙）、丙丁，戊己庚辛壬癸子丑', 6.5 * EM, { punctuation: 'full' });
    const g = glyphs(layout.lines[0]);
    assert.equal(texts(layout)[0], '甲（乙）、丙丁，');
    close(g[1].adv, 0.5 * EM, '（ compressed');
    close(g[4].adv, 1 * EM, '、 untouched');
    close(lineEnd(layout.lines[0]), 6.5 * EM);
  });
  test('word spaces shrink to ¼ em (step 2) before punctuation', () => {
    const layout = set('Aa bb cc，dd ee ff gg hh ii', 60, { punctuation: 'full', hyphenate: false });
    for (const line of layout.lines) if (!line.last) close(lineEnd(line), 60);
  });
});

describe('§1.5 stretch order, no stretching inside unbreakables', () => {
  test('word spaces stretch first, up to ½ em; then every gap between Han characters', () => {
    const layout = set('甲乙 丙丁戊己庚辛壬', 5.2 * EM, { hanLatinSpacing: 0 });
    const g = glyphs(layout.lines[0]);
    assert.equal(texts(layout)[0], '甲乙 丙丁');
    close(g[2].adv, 0.5 * EM, 'space at ½ em');
    close(g[1].x - g[0].x, g[4].x - g[3].x, 'the rest spread equally over the Han gaps');
    assert.ok(g[1].x - g[0].x > EM);
    close(lineEnd(layout.lines[0]), 5.2 * EM);
  });
  test('a number keeps its natural spacing while the line around it is stretched', () => {
    const natural = glyphs(set('甲乙2023丙丁', 100, { align: 'left' }).lines[0]);
    const layout = set('甲乙2023丙丁戊己庚辛', 9 * EM);
    const g = glyphs(layout.lines[0]);
    assert.ok(layout.lines[0].adjustments.stretched > 0);
    for (let i = 2; i < 5; i++) close(g[i + 1].x - g[i].x, natural[i + 1].x - natural[i].x, `digit ${g[i].ch}`);
  });
  test('a Latin word keeps its letter spacing in a justified line', () => {
    const natural = glyphs(set('甲乙Word丙', 200, { align: 'left' }).lines[0]);
    const g = glyphs(set('甲乙Word丙丁戊己庚辛', 8 * EM).lines[0]);
    for (let i = 2; i < 5; i++) close(g[i + 1].x - g[i].x, natural[i + 1].x - natural[i].x);
  });
});

describe('§1.5 stretch step 3 exceptions', () => {
  test('no stretch beside a solidus or a connector', () => {
    const g = glyphs(set('甲乙／丙丁戊己庚辛壬癸', 5.6 * EM, { punctuation: 'full' }).lines[0]);
    assert.equal(g.map((x) => x.ch).join(''), '甲乙／丙丁');
    close(g[2].x - g[1].x, EM, '乙|／ not stretched');
    close(g[3].x - g[2].x, EM, '／|丙 not stretched');
    assert.ok(g[1].x - g[0].x > EM + 0.1);
  });
  test('brackets hug the text they enclose: no stretch after an opening or before a closing mark (§1.4)', () => {
    const g = glyphs(set('甲「乙丙」丁戊己庚辛', 6.2 * EM, { punctuation: 'full' }).lines[0]);
    assert.equal(g.map((x) => x.ch).join(''), '甲「乙丙」丁');
    close(g[2].x - g[1].x, EM, '「|乙');
    close(g[4].x - g[3].x, EM, '丙|」');
    assert.ok(g[3].x - g[2].x > EM + 0.1, '乙|丙 stretched');
  });
});

describe('§1.7 Han–Latin spacing', () => {
  test('¼ em between Han and Latin or digits, as the style says', () => {
    const g = glyphs(set('中文ABC中文', 200, { align: 'left', hanLatinSpacing: 0.25 }).lines[0]);
    close(g[2].x - (g[1].x + EM), 0.25 * EM);
    const g0 = glyphs(set('中文ABC中文', 200, { align: 'left', hanLatinSpacing: 0 }).lines[0]);
    close(g0[2].x - (g0[1].x + EM), 0);
  });
  test('none beside Chinese punctuation', () => {
    const g = glyphs(set('中文，ABC”中', 200, { align: 'left', punctuation: 'full' }).lines[0]);
    close(g[3].x, g[2].x + EM);
  });
  test('none at the line start or end', () => {
    const layout = set('甲乙丙丁戊ABC己', 5 * EM);
    assert.equal(texts(layout)[1].slice(0, 3), 'ABC');
    close(glyphs(layout.lines[1])[0].x, 0);
    close(lineEnd(layout.lines[0]), 5 * EM);
  });
});

describe('§1.4 punctuation styles and widths', () => {
  const widthOf = (text: string, punctuation: 'full' | 'kaiming' | 'half', index: number) =>
    glyphs(set(text, 300, { align: 'left', punctuation, adjacentPunctuationKerning: false }).lines[0])[index].adv;
  const rows: Array<[string, number, number, number]> = [
    // mark, 全身, 开明, 对开 (em)
    ['，', 1, 0.5, 0.5],
    ['、', 1, 0.5, 0.5],
    ['；', 1, 0.5, 0.5],
    ['：', 1, 0.5, 0.5],
    ['。', 1, 1, 0.5],
    ['？', 1, 1, 0.5],
    ['！', 1, 1, 0.5],
    ['“', 1, 0.5, 0.5],
    ['”', 1, 0.5, 0.5],
    ['（', 1, 0.5, 0.5],
    ['》', 1, 0.5, 0.5],
  ];
  for (const [mark, full, kaiming, half] of rows) {
    test(`${mark}: 全身 ${full} em, 开明 ${kaiming} em, 对开 ${half} em mid-line`, () => {
      close(widthOf(`甲${mark}乙丙`, 'full', 1), full * EM);
      close(widthOf(`甲${mark}乙丙`, 'kaiming', 1), kaiming * EM);
      close(widthOf(`甲${mark}乙丙`, 'half', 1), half * EM);
    });
  }
  test('the empty side comes from the font: an opening mark loses its left half (ink stays put), a closing mark its right', () => {
    const g = glyphs(set('甲“乙”丙', 300, { align: 'left', punctuation: 'half' }).lines[0]);
    const layout = set('甲“乙”丙', 300, { align: 'left', punctuation: 'half' });
    const run = layout.lines[0].runs[0];
    close(run.boxXs![1] - run.xs[1], 0.5 * EM, 'opening quote drawn ½ em left of its box');
    close(run.boxXs![3] - run.xs[3], 0, 'closing quote drawn at its box');
    void g;
  });
  test('GB/T 15834 §5.1.10: full-width punctuation at line end takes half a position', () => {
    const on = set('甲乙丙。丁戊己', 4.5 * EM, { punctuation: 'full', align: 'left' });
    assert.equal(texts(on)[0], '甲乙丙。');
    close(glyphs(on.lines[0])[3].adv, 0.5 * EM);
    const off = set('甲乙丙。丁戊己', 4 * EM, { punctuation: 'full', align: 'left', lineEndHalfWidth: false });
    close(glyphs(off.lines[0])[3].adv, 1 * EM);
  });
  test('an opening bracket at line start loses its leading half, also on an indented first line', () => {
    const layout = set('（甲乙丙）丁戊', 300, { punctuation: 'full', align: 'left', firstLineIndent: 2 });
    const run = layout.lines[0].runs[0];
    close(run.boxXs![0], 2 * EM);
    close(run.advances[0], 0.5 * EM);
  });
  test('adjacent punctuation: two full-width marks take 1.5 em, not 2', () => {
    const g = glyphs(set('甲。”乙', 300, { punctuation: 'full', align: 'left' }).lines[0]);
    close(g[1].adv + g[2].adv, 1.5 * EM);
    const g2 = glyphs(set('甲。”乙', 300, { punctuation: 'full', align: 'left', adjacentPunctuationKerning: false }).lines[0]);
    close(g2[1].adv + g2[2].adv, 2 * EM);
  });
  test('style boundaries never interrupt compression (Typst #5474): 。 in one run, ” in a bold run', () => {
    const layout = setRuns([{ text: '甲。', font: 'serif', size: EM }, { text: '”乙', font: 'serif-bold', size: EM }], 300, { punctuation: 'full', align: 'left' });
    const g = glyphs(layout.lines[0]);
    assert.equal(g[2].font, 'serif-bold');
    close(g[1].adv + g[2].adv, 1.5 * EM);
  });
  test('GB/T 15834 §5.1.2: two stacked ？！ take one position, three take two', () => {
    for (const [marks, ems] of [['？！', 1], ['！！', 1], ['？？', 1], ['！！！', 2]] as const) {
      const g = glyphs(set(`甲${marks}乙`, 300, { punctuation: 'full', align: 'left' }).lines[0]);
      close(g.at(-1)!.x - g[1].x, ems * EM, marks);
    }
    const single = glyphs(set('甲！乙', 300, { punctuation: 'full', align: 'left' }).lines[0]);
    close(single[2].x - single[1].x, EM, 'a single ！ keeps its position');
  });
  test('—— takes two full positions (GB/T 15834 §5.1.4) from the font’s fwid glyphs', () => {
    const g = glyphs(set('甲——乙', 300, { align: 'left' }).lines[0]);
    close(g[1].adv, EM);
    close(g[2].adv, EM);
  });
  test('the interpunct takes half a position (§5.1.7)', () => {
    const g = glyphs(set('马克·吐温', 300, { align: 'left' }).lines[0]);
    close(g[2].adv, 0.5 * EM);
  });
});

describe('§1.6 hanging punctuation (off by default)', () => {
  test('when on, one 点号 hangs past the measure instead of pushing out', () => {
    const layout = set('甲乙丙丁戊，己庚辛壬', 5 * EM, { hangingPunctuation: true });
    assert.equal(texts(layout)[0], '甲乙丙丁戊，');
    assert.ok(layout.lines[0].adjustments.hanging);
    close(glyphs(layout.lines[0])[5].x, 5 * EM);
  });
  test('never two marks in a row', () => {
    const layout = set('甲乙丙丁戊。”己庚辛壬', 5 * EM, { hangingPunctuation: true });
    assert.ok(!layout.lines[0].adjustments.hanging);
  });
});

describe('§1.8 paragraphs', () => {
  test('first-line indent of 2 em', () => {
    const layout = set('甲乙丙丁戊己庚辛壬癸', 5 * EM, { firstLineIndent: 2 });
    close(glyphs(layout.lines[0])[0].x, 2 * EM);
    close(glyphs(layout.lines[1])[0].x, 0);
  });
  test('no 孤字: a single last character is fixed by pushing one down from the line above', () => {
    const layout = set('甲乙丙丁戊己庚辛壬癸子', 5 * EM);
    assert.deepEqual(texts(layout), ['甲乙丙丁戊', '己庚辛壬', '癸子']);
    close(lineEnd(layout.lines[1]), 5 * EM);
  });
  test('no 孤字 with punctuation: “子。” alone is fixed too', () => {
    const layout = set('甲乙丙丁戊己庚辛壬癸子。', 5 * EM);
    assert.ok([...texts(layout).at(-1)!].filter((c) => c !== '。').length >= 2, texts(layout).join('|'));
  });
});

describe('alignments', () => {
  const text = '甲乙丙丁戊己庚';
  test('left, right, centre place the last line; justify fills the others', () => {
    close(glyphs(set(text, 5 * EM, { align: 'left' }).lines[1])[0].x, 0);
    close(lineEnd(set(text, 5 * EM, { align: 'right' }).lines[1]), 5 * EM);
    close(glyphs(set(text, 5 * EM, { align: 'center' }).lines[1])[0].x, 1.5 * EM);
  });
  test('均排 distribute spreads even the last line over the measure (§1.8)', () => {
    const layout = set('金鑫', 3 * EM, { align: 'distribute', minLastLineChars: 1 });
    const g = glyphs(layout.lines[0]);
    close(g[0].x, 0);
    close(lineEnd(layout.lines[0]), 3 * EM);
  });
});

describe('Latin text', () => {
  const english = 'Typesetting newspapers requires extraordinary attention to hyphenation, justification and the spacing between words in narrow columns.';
  test('English breaks at spaces and at hyphenation points (en-us patterns), adding a hyphen', () => {
    const layout = set(english, 120, { lang: 'en' });
    assert.ok(layout.lines.some((l) => l.adjustments.hyphenated));
    const hy = layout.lines.find((l) => l.adjustments.hyphenated)!;
    const r = hy.runs.at(-1)!;
    assert.equal(r.chars.at(-1), '');
    assert.equal(layout.lines.map((l) => l.runs.flatMap((x) => x.chars).join('')).join(''), english);
  });
  test('only the word at the edge is hyphenated, never an earlier word that fits whole', () => {
    const t = texts(set('Chinese newsrooms, but Latin-only pages must also work.', 117, {}, 9));
    assert.ok(t[0].startsWith('Chinese newsrooms, but'), t.join('|'));
  });
  test('justified with word spaces: every non-last line ends at the measure', () => {
    for (const w of [100, 140, 200, 260]) {
      const layout = set(english, w, { lang: 'en' });
      for (const line of layout.lines) if (!line.last) close(lineEnd(line), w, `${w}`);
    }
  });
  test('kerning from the font (fontkit layout): “AV” is tighter than A + V apart', () => {
    const g = glyphs(set('AV', 300, { align: 'left' }).lines[0]);
    const face = fonts.face('serif');
    assert.ok(g[0].adv < (face.advance(g[0].gid) / face.unitsPerEm) * EM - 0.01);
  });
});

describe('fonts', () => {
  test('a glyph missing from the face falls back to the manifest fallback and is reported', () => {
    const serif = fonts.face('serif');
    const hiding: FontFace = Object.create(serif, { glyphId: { value: (cp: number) => (cp === 0x6c49 ? 0 : serif.glyphId(cp)) } });
    const src: FontSource = { face: (k) => (k === 'serif' ? hiding : fonts.face(k)), fallback: (k) => fonts.fallback(k) };
    const layout = typesetParagraph({ runs: [{ text: '甲汉乙', font: 'serif', size: EM }], style: bodyStyle({ firstLineIndent: 0 }), measure: 300 }, src);
    assert.deepEqual(layout.lines[0].runs.map((r) => r.font), ['serif', 'sans', 'serif']);
    assert.equal(layout.diagnostics[0].kind, 'missing-glyph');
    assert.equal(layout.diagnostics[0].offset, 1);
  });
  test('a code point in neither font is reported as tofu', () => {
    const layout = set('甲\u{1FAE8}乙', 300);
    assert.ok(layout.diagnostics.some((d) => d.kind === 'missing-glyph' && /tofu/.test(d.message)));
  });
});

describe('line slots', () => {
  test('each line takes its width and offset from the measure provider; xs are relative to the column', () => {
    const layout = typesetParagraph(
      { runs: [{ text: '甲乙丙丁戊己庚辛壬癸子丑寅卯', font: 'serif', size: EM }], style: bodyStyle({ firstLineIndent: 0 }), measure: (i) => (i === 0 ? { width: 3 * EM, offset: 2 * EM } : { width: 5 * EM, offset: 0 }) },
      fonts,
    );
    assert.equal(texts(layout)[0], '甲乙丙');
    close(glyphs(layout.lines[0])[0].x, 2 * EM);
    close(lineEnd(layout.lines[0]), 5 * EM);
    assert.equal(texts(layout)[1], '丁戊己庚辛');
  });
  test('glyph boxes tile the line: boxXs[i] + advances[i] = boxXs[i + 1]', () => {
    const layout = set('“甲乙”，丙·丁（ABC 12%）。戊己庚辛壬癸', 6 * EM);
    for (const line of layout.lines) {
      const boxes = line.runs.flatMap((r) => r.boxXs!.map((x, i) => [x, r.advances[i]]));
      for (let i = 0; i + 1 < boxes.length; i++) close(boxes[i][0] + boxes[i][1], boxes[i + 1][0]);
    }
  });
});

describe('§1.8 orphan diagnostics', () => {
  test('when no earlier line can give a character (a single unbreakable word above), the 孤字 is reported', () => {
    const layout = set('Broadsheet甲', 6 * EM, { hyphenate: false });
    assert.deepEqual(texts(layout), ['Broadsheet', '甲']);
    assert.ok(layout.diagnostics.some((d) => d.kind === 'orphan' && d.offset === 10));
  });
});

describe('run styles', () => {
  test('tracking adds its em after every character; hscale narrows glyphs for 长/扁 type', () => {
    const tracked = glyphs(setRuns([{ text: '甲乙丙', font: 'serif', size: EM, tracking: 0.1 }], 300, { align: 'left' }).lines[0]);
    close(tracked[1].x - tracked[0].x, 1.1 * EM);
    const layout = setRuns([{ text: '甲乙丙', font: 'serif', size: EM, hscale: 0.8 }], 300, { align: 'left' });
    const g = glyphs(layout.lines[0]);
    close(g[1].x - g[0].x, 0.8 * EM);
    assert.equal(layout.lines[0].runs[0].hscale, 0.8);
  });
  test('colour and emphasis dots pass through to the line runs; ascent is the largest of the line', () => {
    const layout = setRuns(
      [
        { text: '甲乙', font: 'serif', size: EM, color: { c: 100, m: 0, y: 0, k: 0 } },
        { text: '丙', font: 'sans-bold', size: 2 * EM, emphasisDots: true },
      ],
      300,
      { align: 'left' },
    );
    const [a, b] = layout.lines[0].runs;
    assert.deepEqual(a.color, { c: 100, m: 0, y: 0, k: 0 });
    assert.equal(b.emphasisDots, true);
    assert.equal(b.font, 'sans-bold');
    assert.ok(layout.lines[0].ascent > 1.5 * EM);
  });
});

describe('hard line breaks', () => {
  test('a line ended by a newline inside the paragraph is set like a last line, not justified', () => {
    const layout = set('甲乙\n丙丁戊己庚辛壬癸', 5 * EM);
    assert.deepEqual(texts(layout).slice(0, 2), ['甲乙\n', '丙丁戊己庚']);
    close(glyphs(layout.lines[0])[1].x, EM);
  });
});
