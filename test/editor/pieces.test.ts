import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPieces } from '../../renderer/editor/pieces.js';
import { buildDecorations, lineOrigins } from '../../renderer/editor/decorations.js';
import { defaultFontCss, type RenderContext } from '../../renderer/editor/render-context.js';
import { lineGlyphs } from '../../renderer/editor/line-table.js';
import { composeToy } from './toy-composer.js';
import { storyDoc, threeColumns } from '../fixtures/build.js';

// The browser advances glyphs inside a span by their natural width plus letter-spacing; the
// composer adjusts glyph by glyph (cjk-typesetting.md §1.4 compression, §1.5 justification,
// §1.7 Han–Latin spacing). Pieces must reproduce the composer's x for every glyph.

const doc = storyDoc('今年前三季度，全国规模以上工业增加值同比增长5.9%，其中**高技术制造业**增长9.6%，GDP与CPI走势平稳。', '据新华社电，the State Council met on Monday 研究部署下一步工作。');
const table = composeToy(doc, threeColumns(10), { size: 10.5, pitch: 16 });
const pieces = buildPieces(doc, table.lines);

const LATIN_NATURAL = 0.5; // em: a stand-in for measured widths, unlike the toy composer's 0.55
const natural = (_font: string, size: number, char: string) => (/[A-Za-z0-9]/.test(char) ? LATIN_NATURAL * size : /[，。、]/.test(char) ? size : undefined);

/** Where the browser puts each glyph of each piece: piece x, then natural advance + letter-spacing per glyph. */
function browserXs(ps: typeof pieces, nat: (font: string, size: number, char: string) => number | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of ps) {
    const glyphs = lineGlyphs(table.lines[p.line]).filter((g) => g.pos >= p.from && g.pos < p.to && g.char !== '');
    let x = p.x;
    for (const g of glyphs) {
      out.set(g.pos, x);
      const n = /[\p{Script=Han}]/u.test(g.char) ? p.size : nat(p.font, p.size, g.char);
      x += (n ?? NaN) + p.letterSpacing;
    }
  }
  return out;
}

for (const [name, nat] of [['Han widths only', () => undefined], ['measured widths', natural]] as const) {
  test(`every glyph is where the composer put it, on justified and mixed lines (§1.5, §1.7) — ${name}`, () => {
    const ps = buildPieces(doc, table.lines, nat === natural ? natural : undefined);
    const placed = browserXs(ps, nat);
    let checked = 0;
    for (const line of table.lines) {
      for (const g of lineGlyphs(line)) {
        assert.ok(Math.abs(placed.get(g.pos)! - g.x) < 0.001, `glyph ${g.char} at ${g.pos}: ${placed.get(g.pos)} vs ${g.x}`);
        checked++;
      }
    }
    assert.equal(checked, placed.size);
  });
}

test('a justified run of Han is one piece with letter-spacing = the stretch', () => {
  const stretched = pieces.filter((p) => p.letterSpacing > 0.01);
  assert.ok(stretched.length > 0, 'some line is stretched');
  assert.ok(stretched.some((p) => p.to - p.from >= 3));
});

test('with measured widths a Latin word is one piece, its spacing the composer\'s extra', () => {
  const ps = buildPieces(doc, table.lines, natural);
  const word = ps.find((p) => doc.textBetween(p.from, p.to).startsWith('Counci'));
  assert.ok(word, ps.map((p) => doc.textBetween(p.from, p.to)).join('|'));
  assert.ok(Math.abs(word.letterSpacing - 0.05 * 10.5) < 1e-6);
});

test('pieces cover each line exactly and never cross a mark boundary', () => {
  for (const [li, line] of table.lines.entries()) {
    const mine = pieces.filter((p) => p.line === li);
    let at = line.from;
    for (const p of mine) {
      assert.equal(p.from, at, `line ${li} gap at ${at}`);
      let marksSame = true;
      doc.nodesBetween(p.from, p.to, (n, pos) => {
        if (n.isText && (pos > p.from || pos + n.nodeSize < p.to)) marksSame = false;
      });
      assert.ok(marksSame, `piece ${p.from}-${p.to} crosses a text node`);
      at = p.to;
    }
    assert.equal(at, line.to, `line ${li} covered to its end`);
  }
});

test('decorations: one inline decoration per piece, positioned in CSS pixels', () => {
  const ctx: RenderContext = { scale: 2, pageOrigin: () => ({ x: 100, y: 10 }), fontCss: defaultFontCss, baselineOffset: () => 12 };
  const set = buildDecorations(doc, table, ctx);
  const decos = set.find();
  assert.equal(decos.length, pieces.length);
  const first = decos.find((d) => d.from === pieces[0].from)!;
  const style = (first as unknown as { type: { attrs: { style: string } } }).type.attrs.style;
  const line = table.lines[pieces[0].line];
  assert.ok(style.startsWith(`left:${(pieces[0].x - line.columnX) * 2}px;top:-12px;transform:translate(var(--bx0),var(--by0));`), style);
  assert.equal(lineOrigins(table, table.lines.map((_, i) => i), ctx).get(0), `${100 + line.columnX * 2}px ${10 + line.baseline * 2}px`);
  assert.match(style, /font-family:"Noto Serif SC";font-weight:400/);
});

test('an empty paragraph is placed by a node decoration', () => {
  const d2 = storyDoc('一段。', '');
  const t2 = composeToy(d2, threeColumns(10), { size: 10.5, pitch: 16 });
  const ctx: RenderContext = { scale: 1, pageOrigin: () => ({ x: 0, y: 0 }), fontCss: defaultFontCss, baselineOffset: () => 10 };
  const decos = buildDecorations(d2, t2, ctx).find();
  const empty = decos.filter((d) => (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class === 'bs-empty');
  assert.equal(empty.length, 1);
  assert.equal(empty[0].from, d2.child(0).nodeSize);
});
