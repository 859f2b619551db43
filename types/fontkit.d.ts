// Minimal typings for the part of fontkit that Broadsheet uses. Written here rather than
// taken from @types/fontkit, whose Buffer-based types would pull Node's globals into core/.
declare module 'fontkit' {
  export interface BBox {
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    bbox: BBox;
    name?: string;
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    numGlyphs: number;
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(glyphId: number, codePoints?: number[]): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>, script?: string, language?: string): GlyphRun;
    availableFeatures: string[];
    /** Variation axes by tag ({} for a static font). */
    variationAxes: Record<string, unknown>;
    /** The horizontal metrics table (advance and left side bearing per glyph; the last advance repeats). */
    hmtx?: { metrics: { length: number; get(index: number): { advance: number; bearing: number } } };
    // GPOS/GSUB access for halt/chws probing
    GPOS?: unknown;
    GSUB?: unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
  const fontkit: { create: typeof create };
  export default fontkit;
}
