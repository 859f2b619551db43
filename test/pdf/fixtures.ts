import type { Cmyk, DisplayPage, GlyphRunItem } from '../../core/display/types.js';
import { BLACK } from '../../core/display/types.js';
import { fontkitFont } from '../../node/fonts.js';

/**
 * Hand-built display lists for painter tests: glyph runs shaped with fontkit from the Noto
 * files (one glyph per character here), placed at fixed pitches like the composer would.
 */

/** A run of `text` at (x, baseline y): each glyph at x + i × (size + tracking) for Han, natural advance otherwise. */
export function run(text: string, x: number, y: number, opts: { font?: string; size?: number; fill?: Cmyk; hscale?: number; justifyTo?: number; storyId?: string } = {}): GlyphRunItem {
  const font = fontkitFont(opts.font ?? 'serif');
  const size = opts.size ?? 9;
  const hs = opts.hscale ?? 1;
  const chars = [...text];
  const glyphs = chars.map((c) => font.glyphForCodePoint(c.codePointAt(0)!));
  const advances = glyphs.map((g) => (g.advanceWidth / font.unitsPerEm) * size * hs);
  const natural = advances.reduce((a, b) => a + b, 0);
  const extra = opts.justifyTo && chars.length > 1 ? (opts.justifyTo - natural) / (chars.length - 1) : 0;
  const xs: number[] = [];
  let pen = x;
  for (const a of advances) {
    xs.push(pen);
    pen += a + extra;
  }
  const fill = opts.fill ?? BLACK;
  const isK = fill.c === 0 && fill.m === 0 && fill.y === 0 && fill.k === 100;
  return { kind: 'glyphs', font: opts.font ?? 'serif', size, y, glyphs: glyphs.map((g) => g.id), xs, chars, hscale: opts.hscale, fill, overprint: isK, storyId: opts.storyId };
}

/** An A4-ish page with a headline, a justified body column and a rule. */
export function samplePage(number = 1, lines: string[] = ['新华社北京十一月二十二日电，记者从国家统计局获悉。', '今年前十个月，全国规模以上工业增加值同比增长百分之五点八，', '比前三季度加快零点一个百分点。']): DisplayPage {
  const items: DisplayPage['items'] = [run('经济运行稳中向好', 56, 90, { font: 'sans-bold', size: 28 })];
  lines.forEach((l, i) => items.push(run(l, 56, 130 + i * 13.5, { size: 9, justifyTo: 9 * 27, storyId: 'story-1' })));
  items.push({ kind: 'rule', x1: 56, y1: 100, x2: 539, y2: 100, width: 1, color: BLACK, overprint: true });
  return { number, width: 595.276, height: 841.89, items };
}
