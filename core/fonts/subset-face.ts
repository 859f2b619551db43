import type { FontKey } from '../display/types.js';
import type { EmptySides, FontFace, FontSource, ShapedGlyph } from './types.js';

/**
 * A face measured from a subset of its font file (the characters an issue uses, glyph ids kept:
 * node/font-subsets.ts) until the full file is there. For every character the subset covers
 * it answers exactly as the full face does (same cmap entries, glyph ids, advances, layout
 * tables); a question about any other character is answered from the subset as well (the
 * character looks missing) but marks the face *inexact*, so that whoever composed with it
 * composes again once `complete()` has handed over the full face. From then on every question
 * goes to the full face.
 */
export class SubsetFace implements FontFace {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  private full: FontFace | undefined;
  /** A question outside the subset was answered before the full face came. */
  inexact = false;

  constructor(
    readonly key: FontKey,
    private readonly subset: FontFace,
    private readonly covered: ReadonlySet<number>,
  ) {
    this.unitsPerEm = subset.unitsPerEm;
    this.ascent = subset.ascent;
    this.descent = subset.descent;
  }

  /** Hands over the full face: every later question goes to it. */
  complete(full: FontFace): void {
    this.full = full;
  }

  get isComplete(): boolean {
    return this.full !== undefined;
  }

  private from(cp: number): FontFace {
    if (this.full) return this.full;
    if (!this.covered.has(cp)) this.inexact = true;
    return this.subset;
  }

  glyphId(cp: number): number {
    return this.from(cp).glyphId(cp);
  }

  advance(glyphId: number): number {
    // Only glyphs glyphId() or shape() gave out are asked for: those the subset kept (same ids).
    return (this.full ?? this.subset).advance(glyphId);
  }

  bounds(glyphId: number): { xMin: number; xMax: number; yMin: number; yMax: number } {
    return (this.full ?? this.subset).bounds(glyphId);
  }

  shape(text: string): ShapedGlyph[] {
    if (!this.full) for (const ch of text) this.from(ch.codePointAt(0)!);
    return (this.full ?? this.subset).shape(text);
  }

  emptySides(cp: number): EmptySides {
    const f = this.from(cp);
    return f.emptySides ? f.emptySides(cp) : { left: 0, right: 0, source: 'bounds' };
  }

  fullWidthGlyph(cp: number): number {
    const f = this.from(cp);
    return f.fullWidthGlyph ? f.fullWidthGlyph(cp) : f.glyphId(cp);
  }

  proportionalGlyph(cp: number): number {
    const f = this.from(cp);
    return f.proportionalGlyph ? f.proportionalGlyph(cp) : f.glyphId(cp);
  }
}

/** A FontSource over loaded faces, with the manifest's fallbacks among the loaded keys. */
export function mapFontSource<F extends FontFace>(faces: ReadonlyMap<FontKey, F>, fallbacks: ReadonlyMap<FontKey, FontKey | undefined>): FontSource & { faces: ReadonlyMap<FontKey, F> } {
  return {
    faces,
    face(key) {
      const face = faces.get(key);
      if (!face) throw new Error(`Font "${key}" is not loaded (loaded: ${[...faces.keys()].join(', ') || 'none'}); is it in assets/fonts.json?`);
      return face;
    },
    fallback(key) {
      const f = fallbacks.get(key);
      return f && faces.has(f) ? f : undefined;
    },
  };
}

/** A FontSource over subset faces, with the manifest's fallbacks among the loaded keys. */
export const subsetFontSource = mapFontSource<SubsetFace>;
