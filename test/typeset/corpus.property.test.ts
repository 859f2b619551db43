import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cls, charClass, noLineEndMask, noLineStartMask } from '../../core/typeset/index.js';
import { bodyStyle, typesetParagraph } from '../../core/typeset/index.js';
import { corpusParagraphs, fonts, lineEnd, lineText } from './helpers.js';

// Property tests over the corpus page (test/fixtures/corpus): every paragraph at measures of
// 8..30 em, body style (cjk-typesetting.md §1.1 GB level, §1.4 开明, §1.5 justification, §1.8).
const paras = corpusParagraphs();
const SIZE = 9;
const MEASURES = [8, 9, 10, 11, 13, 15, 17, 20, 23, 26, 30];
// The body style (GB 禁则, 开明), plus 全身 with the strict level and 对开 with the basic level.
const STYLES = [bodyStyle(), bodyStyle({ punctuation: 'full', kinsoku: 'strict', hanLatinSpacing: 0.125 }), bodyStyle({ punctuation: 'half', kinsoku: 'basic', adjacentPunctuationKerning: false })];
const PUNCT = (1 << Cls.Open) | (1 << Cls.Close) | (1 << Cls.Pause) | (1 << Cls.Stop) | (1 << Cls.Middle) | (1 << Cls.Connector) | (1 << Cls.Solidus) | (1 << Cls.Dash) | (1 << Cls.Ellipsis) | (1 << Cls.AsciiPunct) | (1 << Cls.Space);

type Each = (p: string, ems: number, layout: ReturnType<typeof typesetParagraph>, noStart: number, noEnd: number) => void;
function each(fn: Each) {
  for (const style of STYLES) {
    const noStart = noLineStartMask(style.kinsoku);
    const noEnd = noLineEndMask(style.kinsoku);
    for (const p of paras) {
      for (const ems of MEASURES) {
        const layout = typesetParagraph({ runs: [{ text: p, font: 'serif', size: SIZE }], style, measure: ems * SIZE }, fonts);
        fn(p, ems, layout, noStart, noEnd);
      }
    }
  }
}

test('corpus is present', () => {
  assert.ok(paras.length > 50);
});

test('§1.5: every justified line that is not the last ends exactly at the measure (±0.01 pt)', () => {
  each((p, ems, layout) => {
    for (const line of layout.lines) {
      if (line.last) continue;
      const end = lineEnd(line);
      assert.ok(Math.abs(end - ems * SIZE) <= 0.01, `${ems} em: line “${lineText(line)}” ends at ${end} (measure ${ems * SIZE})`);
    }
  });
});

test('§1.1: no line starts with NO_LINE_START or ends with NO_LINE_END unless a diagnostic explains', () => {
  each((p, ems, layout, noStart, noEnd) => {
    const explained = new Set(layout.diagnostics.filter((d) => d.kind === 'kinsoku-violation' || d.kind === 'overlong-unbreakable').map((d) => d.offset));
    for (let i = 0; i < layout.lines.length; i++) {
      const line = layout.lines[i];
      const txt = lineText(line);
      if (i > 0) {
        const first = charClass(txt.codePointAt(0)!);
        if ((noStart >> first) & 1) assert.ok(explained.has(line.start), `${ems} em: line starts with ${txt[0]}: “${txt}”`);
      }
      if (!line.last) {
        const trimmed = txt.replace(/ +$/, '');
        const lastCls = charClass(trimmed.codePointAt(trimmed.length - 1)!);
        if ((noEnd >> lastCls) & 1) assert.ok(explained.has(line.end), `${ems} em: line ends with ${trimmed.at(-1)}: “${txt}”`);
      }
    }
  });
});

test('lines joined give back the paragraph text, offsets cover it in order', () => {
  each((p, ems, layout) => {
    assert.equal(layout.lines.map(lineText).join(''), p, `${ems} em`);
    let at = 0;
    for (const line of layout.lines) {
      assert.equal(line.start, at);
      at = line.end;
    }
    assert.equal(at, p.length);
  });
});

test('§1.8: no last line of a single character (孤字)', () => {
  each((p, ems, layout) => {
    if (layout.lines.length < 2) return;
    const last = lineText(layout.lines[layout.lines.length - 1]);
    let real = 0;
    for (const ch of last) if (!((PUNCT >> charClass(ch.codePointAt(0)!)) & 1)) real++;
    const orphanDiag = layout.diagnostics.some((d) => d.kind === 'orphan');
    assert.ok(real >= 2 || orphanDiag, `${ems} em: last line “${last}” of “${p.slice(0, 20)}…”`);
  });
});
