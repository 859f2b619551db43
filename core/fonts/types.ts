import type { FontKey } from '../display/types.js';

/**
 * Metrics of one font face, as the composer needs them. Implemented over fontkit
 * (core/fonts/fontkit-face.ts) from the real font files; painters embed the same files.
 * All metrics are in font units; divide by unitsPerEm and multiply by the size.
 */
export interface FontFace {
  readonly key: FontKey;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  /** Glyph id for a code point; 0 (.notdef) when the font lacks it. */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph. */
  advance(glyphId: number): number;
  /** Ink bounds of a glyph (for which side of a punctuation mark is empty). */
  bounds(glyphId: number): { xMin: number; xMax: number; yMin: number; yMax: number };
  /**
   * Shapes a run (Latin words, digits) with kerning and the font's default features.
   * Returns one entry per glyph with the index of the first UTF-16 code unit it covers.
   */
  shape(text: string): ShapedGlyph[];
  /**
   * Empty space on each side of a code point's full-width glyph, in font units: from the
   * font's `halt` feature when it has one, else from the glyph's ink bounds (§1.4, §3.3).
   * Optional: the typesetter falls back to bounds() when a face lacks it.
   */
  emptySides?(codePoint: number): EmptySides;
  /** The full-width (`fwid`) glyph for a code point when the default one is proportional (— in SC fonts), else glyphId(). */
  fullWidthGlyph?(codePoint: number): number;
  /** The proportional (`pwid`) glyph for a code point when the default one is full-width (’ “ ” in SC fonts), else glyphId(). */
  proportionalGlyph?(codePoint: number): number;
}

/** Trimmable empty space beside a punctuation mark's ink, in font units. */
export interface EmptySides {
  left: number;
  right: number;
  /** Where the numbers came from. */
  source: 'halt' | 'bounds';
}

/** One glyph out of shaping. */
export interface ShapedGlyph {
  glyphId: number;
  /** Advance including kerning, in font units. */
  advance: number;
  /** UTF-16 index in the shaped text of the first character this glyph covers. */
  cluster: number;
}

/** The set of faces the composer may use, by key, with per-face fallback. */
export interface FontSource {
  face(key: FontKey): FontFace;
  /** The face to use for a code point the given face lacks (e.g. serif → sans), if any. */
  fallback(key: FontKey): FontKey | undefined;
}
