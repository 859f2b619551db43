import type { Mapping } from 'prosemirror-transform';
import type { PlacedLine } from './line-table.js';

/**
 * Which lines of a new layout are an old line unchanged (same text, same glyph positions
 * relative to the column, same size), possibly moved to another place on the page. Such a
 * line keeps its key and its decorations; only its origin variables change.
 */
export function sameLine(a: PlacedLine, b: PlacedLine, shift: number): boolean {
  if (a.to - a.from !== b.to - b.from || a.ascent !== b.ascent || a.descent !== b.descent || a.runs.length !== b.runs.length) return false;
  if (a.x - a.columnX !== b.x - b.columnX || a.font !== b.font || a.size !== b.size) return false;
  for (let r = 0; r < a.runs.length; r++) {
    const ra = a.runs[r];
    const rb = b.runs[r];
    if (ra.font !== rb.font || ra.size !== rb.size || ra.glyphs.length !== rb.glyphs.length) return false;
    for (let g = 0; g < ra.glyphs.length; g++) {
      const ga = ra.glyphs[g];
      const gb = rb.glyphs[g];
      if (ga.char !== gb.char || ga.pos + shift !== gb.pos || ga.x - a.columnX !== gb.x - b.columnX || ga.advance !== gb.advance) return false;
    }
  }
  return true;
}

/**
 * For every new line, the index of the old line it is (or -1). Old positions are mapped
 * through the transaction's mapping; a line matches only if its whole range mapped across
 * unchanged (nothing inserted or deleted inside it).
 */
export function matchLines(oldLines: readonly PlacedLine[], newLines: readonly PlacedLine[], mapping: Mapping | null): number[] {
  const byRange = new Map<string, number>();
  oldLines.forEach((l, j) => {
    const from = mapping ? mapping.map(l.from, 1) : l.from;
    const to = mapping ? mapping.map(l.to, -1) : l.to;
    if (to - from === l.to - l.from) byRange.set(`${from}:${to}`, j);
  });
  return newLines.map((l) => {
    const j = byRange.get(`${l.from}:${l.to}`);
    return j !== undefined && sameLine(oldLines[j], l, l.from - oldLines[j].from) ? j : -1;
  });
}
