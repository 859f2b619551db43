import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import { buildPieces } from '../../renderer/editor/pieces.js';
import { lineGlyphs } from '../../renderer/editor/line-table.js';
import { composeTypeset } from './typeset-composer.js';
import { storyDoc, threeColumns } from '../fixtures/build.js';

// Pieces over the real typesetter's lines (core/typeset, Noto Serif SC): 开明 punctuation
// (cjk-typesetting.md §1.4) compresses "：“" — the "“" is trimmed on its left and drawn from
// left of its box.

const fontDir = join(import.meta.dirname, '..', '..', 'node_modules', '@expo-google-fonts');
const faces = new Map<string, FontFace>([
  ['serif', createFontFace('serif', readFileSync(join(fontDir, 'noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')))],
  ['serif-bold', createFontFace('serif-bold', readFileSync(join(fontDir, 'noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')))],
]);
const fonts: FontSource = { face: (k) => faces.get(k) ?? faces.get('serif')!, fallback: () => undefined };
const doc = storyDoc('第三段：“十四五”规划实施以来，各地区各部门认真贯彻落实党中央决策部署，GDP增长5.2%。');
const table = composeTypeset(doc, threeColumns(10), { size: 10.5, pitch: 16 }, fonts);
const natural = (font: string, size: number, char: string) => {
  const f = faces.get(font)!;
  return (f.advance(f.glyphId(char.codePointAt(0)!)) / f.unitsPerEm) * size;
};
const pieces = buildPieces(doc, table.lines, natural);
const textOf = (p: { from: number; to: number }) => doc.textBetween(p.from, p.to);

test('a left-trimmed opening mark is alone, its empty half clipped, so it does not cover the mark before it', () => {
  const quote = pieces.find((p) => textOf(p).startsWith('“'))!;
  assert.equal(textOf(quote), '“');
  assert.ok(quote.clipLeft > 0.2 * 10.5, `clip ${quote.clipLeft}`);
});

test('every piece ends where the composer\'s last box ends (within 0.2 em), so the caret after it stands right', () => {
  const glyphs = table.lines.flatMap((l) => lineGlyphs(l));
  for (const p of pieces) {
    const inside = glyphs.filter((g) => g.pos >= p.from && g.pos < p.to && g.char !== '');
    const last = inside[inside.length - 1];
    const browserEnd = p.x + inside.reduce((w, g) => w + natural(p.font, p.size, g.char) + p.letterSpacing, 0);
    const composerEnd = (last.boxX ?? last.x) + last.advance;
    assert.ok(Math.abs(browserEnd - composerEnd) <= 0.2 * 10.5 + 1e-9, `${textOf(p)}: ${browserEnd} vs ${composerEnd}`);
  }
});
