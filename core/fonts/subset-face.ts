import type { FontKey } from '../display/types.js';
import type { EmptySides, FontFace, FontSource, ShapedGlyph } from './types.js';

/**
 * A face measured from a subset of its font file (glyph ids kept: node/font-subsets.ts) that
 * grows: first the characters an issue uses, then what editors type (GB 2312 and the common
 * ranges), then any character a composition asks about that the subset lacks. For every
 * character the subset covers it answers exactly as the full face does (same cmap entries,
 * glyph ids, advances, layout tables). A question about any other character is answered from the
 * subset as well (the character looks missing) but is remembered as a *miss*: whoever composed
 * with it takes the misses (`takeMisses`), has the subset grown to them (`grow`) and composes
 * again, so no line stays composed with a guess. The full file is a subset that covers everything.
 */
export class SubsetFace implements FontFace {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  private subset: FontFace;
  /** The code points the subset was made for (null: all of them, the full file). */
  private covered: ReadonlySet<number> | null;
  /** Code points asked about outside `covered` and not yet taken. */
  private missed = new Set<number>();
  /** Told (once per new code point) when a question outside the subset was answered: whoever grows the faces. */
  onMiss: ((cp: number) => void) | null = null;
  /**
   * What the painter's copy of the face covers when it lags behind the subset (a grown subset not
   * yet registered for painting); null when it has the subset itself. A question about a character
   * the subset covers but the painter's copy does not is told, once, to `onUndrawn`.
   */
  private drawn: ReadonlySet<number> | null = null;
  private undrawn = new Set<number>();
  onUndrawn: ((cp: number) => void) | null = null;

  constructor(
    readonly key: FontKey,
    subset: FontFace,
    covered: ReadonlySet<number> | null,
  ) {
    this.subset = subset;
    this.covered = covered;
    this.unitsPerEm = subset.unitsPerEm;
    this.ascent = subset.ascent;
    this.descent = subset.descent;
  }

  /**
   * Hands over a larger subset of the same file (or the full file: `covered` null). It must cover
   * at least what the current one does — an answer given before stays true — else it is refused.
   * Misses it covers are forgotten.
   */
  grow(subset: FontFace, covered: ReadonlySet<number> | null): void {
    if (covered && (!this.covered || [...this.covered].some((cp) => !covered.has(cp)))) {
      throw new Error(`Font "${this.key}": a subset may only grow (the new one lacks characters the current one has)`);
    }
    this.subset = subset;
    this.covered = covered;
    for (const cp of this.missed) if (this.covers(cp)) this.missed.delete(cp);
  }

  /** Says what the painter's copy of the face covers (null: what the subset covers). */
  setDrawn(drawn: ReadonlySet<number> | null): void {
    this.drawn = drawn;
    for (const cp of this.undrawn) if (!drawn || drawn.has(cp)) this.undrawn.delete(cp);
  }

  /** Whether the subset answers for `cp` exactly (it was made for it; the face may still lack it). */
  covers(cp: number): boolean {
    return this.covered === null || this.covered.has(cp);
  }

  /** The code points the subset was made for (null: every one). */
  get coverage(): ReadonlySet<number> | null {
    return this.covered;
  }

  /** A question outside the subset was answered and not yet taken. */
  get inexact(): boolean {
    return this.missed.size > 0;
  }

  /** The code points asked about outside the subset since the last call, sorted; forgets them. */
  takeMisses(): number[] {
    const out = [...this.missed].sort((a, b) => a - b);
    this.missed.clear();
    return out;
  }

  private from(cp: number): FontFace {
    if (!this.covers(cp)) {
      if (!this.missed.has(cp)) {
        this.missed.add(cp);
        this.onMiss?.(cp);
      }
    } else if (this.drawn && !this.drawn.has(cp) && !this.undrawn.has(cp)) {
      this.undrawn.add(cp);
      this.onUndrawn?.(cp);
    }
    return this.subset;
  }

  glyphId(cp: number): number {
    return this.from(cp).glyphId(cp);
  }

  advance(glyphId: number): number {
    // Only glyphs glyphId() or shape() gave out are asked for: those the subset kept (same ids).
    return this.subset.advance(glyphId);
  }

  bounds(glyphId: number): { xMin: number; xMax: number; yMin: number; yMax: number } {
    return this.subset.bounds(glyphId);
  }

  shape(text: string): ShapedGlyph[] {
    if (this.covered) for (const ch of text) this.from(ch.codePointAt(0)!);
    return this.subset.shape(text);
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
