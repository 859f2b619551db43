import type { Pt } from '../units.js';

/**
 * The display list: what the composer decided, in page coordinates, for both painters
 * (the renderer's SVG/canvas painter and the PDF painter). Origin is the page's top-left
 * corner of the trim box, y grows downwards, all lengths in points.
 */

/** A CMYK colour, each channel 0–100 (percent ink). */
export interface Cmyk {
  c: number;
  m: number;
  y: number;
  k: number;
}

/** 100 % K: body and headline black (plants require single black, overprinting). */
export const BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };

/** Identifies a font face across the process boundary: a key of the font registry. */
export type FontKey = string;

/** A run of glyphs of one font at one size, positioned by the composer. */
export interface GlyphRunItem {
  kind: 'glyphs';
  font: FontKey;
  /** Font size in points. */
  size: Pt;
  /** Baseline y of the run on the page. */
  y: Pt;
  /** Glyph ids in the font, in visual order. */
  glyphs: number[];
  /** Absolute x of every glyph's origin on the page (same length as glyphs). */
  xs: Pt[];
  /** Unicode text each glyph stands for (same length as glyphs; '' for the later glyphs of a ligature). */
  chars: string[];
  /** Horizontal scale for 长/扁 type, 1 = normal. */
  hscale?: number;
  fill: Cmyk;
  /** Overprint the fill (true for 100 % K text). */
  overprint?: boolean;
  /** Story this run belongs to, for hit testing and diagnostics. */
  storyId?: string;
}

/** A straight rule (天线, 地线, rules between stories, crop marks). */
export interface RuleItem {
  kind: 'rule';
  x1: Pt;
  y1: Pt;
  x2: Pt;
  y2: Pt;
  width: Pt;
  color: Cmyk;
  dash?: Pt[];
  overprint?: boolean;
}

/** A rectangle: a tint, a border box, a photo placeholder. */
export interface BoxItem {
  kind: 'box';
  x: Pt;
  y: Pt;
  w: Pt;
  h: Pt;
  fill?: Cmyk;
  stroke?: Cmyk;
  strokeWidth?: Pt;
}

/**
 * A placed image: the frame box clips; the image itself is drawn at (ix, iy, iw, ih),
 * which may extend beyond the frame (fill/crop) or sit inside it (fit).
 */
export interface ImageItem {
  kind: 'image';
  /** Asset id in the issue (resolved to a file by the painter's host). */
  assetId: string;
  x: Pt;
  y: Pt;
  w: Pt;
  h: Pt;
  ix: Pt;
  iy: Pt;
  iw: Pt;
  ih: Pt;
}

export type DisplayItem = GlyphRunItem | RuleItem | BoxItem | ImageItem;

/** One composed page. */
export interface DisplayPage {
  /** Page number as printed (版次). */
  number: number;
  /** Trim size. */
  width: Pt;
  height: Pt;
  items: DisplayItem[];
}
