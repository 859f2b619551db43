import type { Pt } from '../../core/units.js';
import { lineGlyphs, type PlacedLine } from './line-table.js';

/**
 * Caret math over the composer's line table: which line a position is on, where the caret
 * stands, and where the arrow keys go. Chromium's own caret movement treats every placed line
 * as a separate block (an extra press at each line break, the character column lost at a
 * column foot — design.md "Editing on the page"), so the editor moves the caret from here.
 */

/**
 * Which side of a soft line break the caret is drawn on. A line's end and the next line's
 * start are the same document position: -1 draws it at the end of the earlier line, 1 at the
 * start of the later one.
 */
export type CaretSide = -1 | 1;

/** A caret position with the side it is drawn on. */
export interface Caret {
  pos: number;
  side: CaretSide;
}

/** Index of the line holding pos (-1 when the position is not on a placed line, e.g. overset). */
export function lineIndexAt(lines: readonly PlacedLine[], pos: number, side: CaretSide = 1): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].from <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0 || pos > lines[found].to) return -1;
  if (side < 0 && found > 0 && lines[found].from === pos && lines[found - 1].to === pos) return found - 1;
  return found;
}

/** Caret stops of a line: every glyph's position, the line start and the line end. */
function stops(line: PlacedLine): number[] {
  const s = [line.from];
  for (const g of lineGlyphs(line)) if (g.char !== '' && g.pos > s[s.length - 1] && g.pos < line.to) s.push(g.pos);
  if (line.to > s[s.length - 1]) s.push(line.to);
  return s;
}

/** The x where the caret stands at pos on this line (page points). */
export function caretX(line: PlacedLine, pos: number): Pt {
  const glyphs = lineGlyphs(line).filter((g) => g.char !== '');
  if (!glyphs.length) return line.x;
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i];
    if (g.pos === pos) return g.x;
    if (g.pos > pos) {
      // Inside the previous glyph's cluster (a ligature): share its advance out.
      if (i === 0) return g.x;
      const p = glyphs[i - 1];
      return p.x + (p.advance * (pos - p.pos)) / (g.pos - p.pos);
    }
  }
  const last = glyphs[glyphs.length - 1];
  return last.x + last.advance;
}

/** The position nearest to page x on this line. */
export function posAtX(line: PlacedLine, x: Pt): number {
  for (const g of lineGlyphs(line)) {
    if (g.char === '' || g.pos < line.from || g.pos >= line.to) continue;
    if (x < g.x + g.advance / 2) return g.pos;
  }
  return line.to;
}

/** The side a caret at pos on line i is drawn on: at the end only when the next line starts at the same position. */
function sideFor(lines: readonly PlacedLine[], i: number, pos: number): CaretSide {
  const next = lines[i + 1];
  return pos === lines[i].to && next && next.from === pos && pos > lines[i].from ? -1 : 1;
}

/** ArrowRight (dir 1) or ArrowLeft (dir -1): one caret stop in reading order, null off the table. */
export function moveHorizontal(lines: readonly PlacedLine[], from: Caret, dir: 1 | -1): Caret | null {
  let i = lineIndexAt(lines, from.pos, from.side);
  if (i < 0) return null;
  const pos = from.pos;
  while (i >= 0 && i < lines.length) {
    const line = lines[i];
    const s = stops(line);
    if (dir > 0) {
      const next = s.find((p) => p > pos);
      if (next !== undefined) return { pos: next, side: next === line.to && lines[i + 1]?.from !== next ? -1 : 1 };
      const nl = lines[i + 1];
      if (!nl) return { pos: line.to, side: -1 };
      if (nl.from > pos) return { pos: nl.from, side: 1 };
    } else {
      const prev = [...s].reverse().find((p) => p < pos);
      if (prev !== undefined) return { pos: prev, side: 1 };
      const pl = lines[i - 1];
      if (!pl) return { pos: line.from, side: 1 };
      if (pl.to < pos) return { pos: pl.to, side: -1 };
    }
    i += dir;
  }
  return null;
}

/**
 * ArrowDown (dir 1) or ArrowUp (dir -1): the next line in reading order — down from a
 * column's foot goes to the head of the next column or frame — at the same x from the
 * column's left edge. `goal` carries that x across consecutive vertical moves.
 */
export function moveVertical(
  lines: readonly PlacedLine[],
  from: Caret,
  dir: 1 | -1,
  goal?: Pt,
): (Caret & { goal: Pt }) | null {
  const i = lineIndexAt(lines, from.pos, from.side);
  if (i < 0) return null;
  const line = lines[i];
  const g = goal ?? caretX(line, from.pos) - line.columnX;
  const t = i + dir;
  if (t < 0) return { pos: line.from, side: 1, goal: g };
  if (t >= lines.length) return { pos: line.to, side: -1, goal: g };
  const target = lines[t];
  const pos = posAtX(target, target.columnX + g);
  return { pos, side: sideFor(lines, t, pos), goal: g };
}

/** Home: the start of the caret's line. */
export function lineStart(lines: readonly PlacedLine[], from: Caret): Caret | null {
  const i = lineIndexAt(lines, from.pos, from.side);
  return i < 0 ? null : { pos: lines[i].from, side: 1 };
}

/** End: the end of the caret's line, drawn on that line. */
export function lineEnd(lines: readonly PlacedLine[], from: Caret): Caret | null {
  const i = lineIndexAt(lines, from.pos, from.side);
  return i < 0 ? null : { pos: lines[i].to, side: sideFor(lines, i, lines[i].to) };
}
