import type { FontKey } from '../../core/display/types.js';
import type { Pt } from '../../core/units.js';

/**
 * The editor's view of a composed story: every placed line with its document range and the
 * page position of every glyph, in reading order (column by column, frame by frame along the
 * thread). It is what the composer decided; the editor never breaks a line itself.
 * Page coordinates in points, y downwards, as in the display list.
 */

/** One glyph the composer placed, with the document position of its first character. */
export interface PlacedGlyph {
  /** ProseMirror position before the first character this glyph stands for. */
  pos: number;
  /** Absolute x of the glyph's origin on its page. */
  x: Pt;
  /** Advance given to the glyph after line adjustment (for carets and hit boxes). */
  advance: Pt;
  /** Left edge of the glyph's box when it is not the origin (a mark trimmed on its left, §1.4). */
  boxX?: Pt;
  /** The text the glyph stands for ('' for a glyph that has no character, e.g. a hyphen). */
  char: string;
}

/** Glyphs of one font at one size on a line. */
export interface PlacedRun {
  font: FontKey;
  size: Pt;
  emphasisDots?: boolean;
  glyphs: PlacedGlyph[];
}

/** One placed line of the story. */
export interface PlacedLine {
  frameId: string;
  pageIndex: number;
  /** Document range [from, to] of the line's text (equal for an empty paragraph). */
  from: number;
  to: number;
  /** Left edge of the column the line sits in; vertical caret movement keeps x relative to it. */
  columnX: Pt;
  /** Where the caret of an empty line stands (the line start after any indent). */
  x: Pt;
  baseline: Pt;
  ascent: Pt;
  descent: Pt;
  /** Font of an empty line, for the caret's height. */
  font: FontKey;
  size: Pt;
  runs: PlacedRun[];
}

/** A composed story as the editor needs it. */
export interface LineTable {
  lines: PlacedLine[];
  /** Text left over after the last frame of the thread. */
  overset: { chars: number; lines: number };
}

/** All glyphs of a line in document order (runs are in document order, glyphs too). */
export function lineGlyphs(line: PlacedLine): PlacedGlyph[] {
  if (line.runs.length === 1) return line.runs[0].glyphs;
  const all: PlacedGlyph[] = [];
  for (const run of line.runs) for (const g of run.glyphs) all.push(g);
  return all;
}
