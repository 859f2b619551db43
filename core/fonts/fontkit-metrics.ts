import type * as fontkit from 'fontkit';
import type { FontKey } from '../display/types.js';
import type { EmptySides, FontFace, ShapedGlyph } from './types.js';

/**
 * A FontFace over a parsed fontkit font. The font is parsed once; glyph ids, advances, bounds,
 * empty sides and shaped words are cached, because the editor recomposes on every keystroke and
 * a 10–15 MB CJK font must never be asked the same question twice. This module imports fontkit
 * for its types only, so a host can hand in a font parsed by whichever copy of fontkit it
 * already loaded (in Node, the CommonJS copy pdfkit uses).
 */
export function faceFromFontkit(key: FontKey, font: fontkit.Font): FontFace {
  return new FontkitFace(key, font);
}

const NO_GLYPH = -1;

/** A FontFace over an already parsed fontkit font (see createFontFace for bytes). */
export class FontkitFace implements FontFace {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  private readonly bmpGlyph = new Int32Array(0x10000).fill(NO_GLYPH);
  private readonly astralGlyph = new Map<number, number>();
  private readonly advances: Float64Array;
  private readonly boundsCache = new Map<number, { xMin: number; xMax: number; yMin: number; yMax: number }>();
  private readonly sidesCache = new Map<number, EmptySides>();
  private readonly fwidCache = new Map<number, number>();
  private readonly pwidCache = new Map<number, number>();
  private readonly shapeCache = new Map<string, ShapedGlyph[]>();
  private readonly hmtx: { length: number; get(index: number): { advance: number } } | undefined;
  private readonly hasHalt: boolean;
  private readonly hasFwid: boolean;
  private readonly hasPwid: boolean;

  constructor(
    readonly key: FontKey,
    private readonly font: fontkit.Font,
  ) {
    this.unitsPerEm = font.unitsPerEm;
    this.ascent = font.ascent;
    this.descent = Math.abs(font.descent);
    this.advances = new Float64Array(font.numGlyphs).fill(NaN);
    // Advances straight from hmtx (a static font's answer; fontkit's Glyph would decode the outline too).
    const axes = font.variationAxes;
    const hmtx = axes && Object.keys(axes).length > 0 ? undefined : font.hmtx;
    if (hmtx && hmtx.metrics.length > 0) this.hmtx = hmtx.metrics;
    const features = font.availableFeatures ?? [];
    this.hasHalt = features.includes('halt');
    this.hasFwid = features.includes('fwid');
    this.hasPwid = features.includes('pwid');
  }

  glyphId(cp: number): number {
    if (cp < 0x10000) {
      let g = this.bmpGlyph[cp];
      if (g === NO_GLYPH) {
        g = this.font.glyphForCodePoint(cp).id; // .notdef (0) when the font lacks it
        this.bmpGlyph[cp] = g;
      }
      return g;
    }
    let g = this.astralGlyph.get(cp);
    if (g === undefined) {
      g = this.font.hasGlyphForCodePoint(cp) ? this.font.glyphForCodePoint(cp).id : 0;
      this.astralGlyph.set(cp, g);
    }
    return g;
  }

  advance(glyphId: number): number {
    let a = this.advances[glyphId];
    if (a !== a) {
      const h = this.hmtx;
      a = h ? h.get(glyphId < h.length ? glyphId : h.length - 1).advance : this.font.getGlyph(glyphId).advanceWidth;
      this.advances[glyphId] = a;
    }
    return a;
  }

  bounds(glyphId: number): { xMin: number; xMax: number; yMin: number; yMax: number } {
    let b = this.boundsCache.get(glyphId);
    if (!b) {
      const bb = this.font.getGlyph(glyphId).bbox;
      b = Number.isFinite(bb.minX) ? { xMin: bb.minX, xMax: bb.maxX, yMin: bb.minY, yMax: bb.maxY } : { xMin: 0, xMax: 0, yMin: 0, yMax: 0 };
      this.boundsCache.set(glyphId, b);
    }
    return b;
  }

  emptySides(cp: number): EmptySides {
    let s = this.sidesCache.get(cp);
    if (s) return s;
    s = this.measureSides(cp);
    this.sidesCache.set(cp, s);
    return s;
  }

  /** From `halt` (the font's own half-width alternates) when it changes the mark, else from ink bounds. */
  private measureSides(cp: number): EmptySides {
    const gid = this.fullWidthGlyph(cp);
    const adv = this.advance(gid);
    if (this.hasHalt) {
      const run = this.font.layout(String.fromCodePoint(cp), ['halt']);
      const p = run.positions[0];
      if (p && run.glyphs.length === 1 && p.xAdvance < adv - 1) {
        const cut = adv - p.xAdvance;
        return p.xOffset < 0 ? { left: cut, right: 0, source: 'halt' } : { left: 0, right: cut, source: 'halt' };
      }
    }
    const b = this.bounds(gid);
    if (b.xMax <= b.xMin) return { left: 0, right: 0, source: 'bounds' };
    return { left: Math.max(0, b.xMin), right: Math.max(0, adv - b.xMax), source: 'bounds' };
  }

  fullWidthGlyph(cp: number): number {
    let g = this.fwidCache.get(cp);
    if (g !== undefined) return g;
    g = this.glyphId(cp);
    if (g && this.hasFwid && this.advance(g) < this.unitsPerEm * 0.95) {
      const run = this.font.layout(String.fromCodePoint(cp), ['fwid']);
      if (run.glyphs.length === 1 && run.glyphs[0].id && this.advance(run.glyphs[0].id) >= this.unitsPerEm * 0.95) g = run.glyphs[0].id;
    }
    this.fwidCache.set(cp, g);
    return g;
  }

  proportionalGlyph(cp: number): number {
    let g = this.pwidCache.get(cp);
    if (g !== undefined) return g;
    g = this.glyphId(cp);
    if (g && this.hasPwid && this.advance(g) >= this.unitsPerEm * 0.95) {
      const run = this.font.layout(String.fromCodePoint(cp), ['pwid']);
      if (run.glyphs.length === 1 && run.glyphs[0].id && this.advance(run.glyphs[0].id) < this.unitsPerEm * 0.95) g = run.glyphs[0].id;
    }
    this.pwidCache.set(cp, g);
    return g;
  }

  shape(text: string): ShapedGlyph[] {
    let out = this.shapeCache.get(text);
    if (out) return out;
    const run = this.font.layout(text, ['kern']);
    out = new Array(run.glyphs.length);
    // fontkit gives glyphs, not clusters: recover each glyph's first code unit from its code points.
    let cursor = 0;
    for (let i = 0; i < run.glyphs.length; i++) {
      const g = run.glyphs[i];
      out[i] = { glyphId: g.id, advance: run.positions[i].xAdvance, cluster: Math.min(cursor, text.length) };
      let units = 0;
      for (const cp of g.codePoints) units += cp > 0xffff ? 2 : 1;
      cursor += units;
    }
    if (this.shapeCache.size > 20000) this.shapeCache.clear();
    this.shapeCache.set(text, out);
    return out;
  }
}
