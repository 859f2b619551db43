import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bodyStyle, charClass, noLineEndMask, noLineStartMask, typesetParagraph } from '../../core/typeset/index.js';
import type { ParagraphStyle } from '../../core/typeset/types.js';
import { fonts, lineEnd, lineText } from './helpers.js';

// Random paragraphs mixing every class of cjk-typesetting.md §1.1–§1.2 (Han, Latin words, digits,
// all punctuation, spaces, newlines, astral and missing characters) at random measures and styles.
const POOL = [...'中文排版报纸河西区社区居民甲乙丙', ...'，。、；：！？“”‘’（）《》【】「」『』·—…～／%％℃¥＄+', ...'abcdefghij ABC 0123456789,.;:!?-()/ ', 'inter', 'national', '——', '……', '\n', '\u{20000}', '\u{1FAE8}', '\u3000'];
const styles: Array<Partial<ParagraphStyle>> = [
  {},
  { punctuation: 'full', kinsoku: 'strict' },
  { punctuation: 'half', kinsoku: 'basic', hangingPunctuation: true },
  { kinsoku: 'none', align: 'distribute' },
  { align: 'center', adjacentPunctuationKerning: false, lineEndHalfWidth: false },
];

test('any paragraph: text round trip, ordered offsets, 禁则 kept or explained (§1.1), justified lines end at the measure (§1.5)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...POOL), { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: styles.length - 1 }), fc.boolean(), fc.boolean(), (parts, ems, si, bold, wrap) => {
      const text = parts.join('');
      const style = bodyStyle(styles[si]);
      const runs = bold && text.length > 2 ? [{ text: text.slice(0, 2), font: 'serif', size: 9 }, { text: text.slice(2), font: 'sans-bold', size: 9 }] : [{ text, font: 'serif', size: 9 }];
      // wrap: every line its own slot (a photo cut-out, a change of measure), as composition asks.
      const slot = (i: number) => ({ width: ems * 9 + (i % 3) * 9, offset: (i % 2) * 4.5 });
      const layout = typesetParagraph({ runs, style, measure: wrap ? slot : ems * 9 }, fonts);
      assert.equal(layout.lines.map(lineText).join(''), text);
      let at = 0;
      for (const line of layout.lines) {
        assert.equal(line.start, at);
        assert.ok(line.end >= line.start);
        at = line.end;
        for (const r of line.runs) {
          assert.equal(r.glyphs.length, r.xs.length);
          assert.equal(r.glyphs.length, r.advances.length);
          for (const x of r.xs) assert.ok(Number.isFinite(x));
        }
      }
      assert.equal(at, text.length);
      const explained = new Set(layout.diagnostics.filter((d) => d.kind !== 'missing-glyph').map((d) => d.offset));
      const noStart = noLineStartMask(style.kinsoku);
      const noEnd = noLineEndMask(style.kinsoku);
      for (let i = 1; i < layout.lines.length; i++) {
        const prev = layout.lines[i - 1];
        const line = layout.lines[i];
        if (lineText(prev).endsWith('\n') || line.start === line.end) continue;
        const first = charClass(text.codePointAt(line.start)!);
        const lastText = lineText(prev).replace(/ +$/, '');
        const last = charClass(lastText.codePointAt(lastText.length - 1) ?? 0);
        if ((noStart >> first) & 1 || (noEnd >> last) & 1) assert.ok(explained.has(line.start), `break before ${line.start} in ${JSON.stringify(text)}`);
      }
      if (style.align === 'justify') {
        for (const line of layout.lines) {
          const n = line.runs.reduce((k, r) => k + r.chars.filter((c) => c.trim() !== '').length, 0); // a lone glyph cannot be justified
          const overlong = layout.diagnostics.some((d) => d.kind === 'overlong-unbreakable' || d.kind === 'kinsoku-violation');
          const hard = lineText(line).endsWith('\n');
          if (line.last || n < 2 || overlong || hard || line.adjustments.hanging) continue;
          const right = line.slot.offset + line.slot.width;
          assert.ok(Math.abs(lineEnd(line) - right) < 0.01, `“${lineText(line)}” ends at ${lineEnd(line)} ≠ ${right}`);
        }
      }
    }),
    { seed: 20261123, numRuns: 400 },
  );
});
