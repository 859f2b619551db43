import type { StoryLayout } from '../../core/compose/types.js';
import type { LineTable, PlacedLine } from './line-table.js';

/**
 * The editor's line table from the composer's layout of a story (core/compose): glyph x and
 * box x to the page, document positions from the runs' pmPos. An empty line (an empty
 * paragraph) carries no run, so its caret takes the style's face at the line's height.
 */
export function lineTableFromStoryLayout(layout: StoryLayout): LineTable {
  const lines: PlacedLine[] = layout.lines.map((l) => {
    const first = l.runs[0];
    return {
      frameId: l.frameId,
      pageIndex: l.pageIndex,
      from: l.from,
      to: l.to,
      columnX: l.x,
      x: l.x + (first?.boxXs?.[0] ?? first?.xs[0] ?? 0),
      baseline: l.baseline,
      ascent: l.ascent,
      descent: l.descent,
      font: first?.font ?? (l.style === 'headline' || l.style === 'kicker' ? 'sans-bold' : 'serif'),
      size: first?.size ?? l.ascent + l.descent,
      runs: l.runs.map((r) => ({
        font: r.font,
        size: r.size,
        emphasisDots: r.emphasisDots,
        glyphs: r.glyphs.map((_, i) => ({
          pos: r.pmPos[i],
          x: l.x + r.xs[i],
          advance: r.advances[i],
          char: r.chars[i],
          boxX: r.boxXs ? l.x + r.boxXs[i] : undefined,
        })),
      })),
    };
  });
  return { lines, overset: { chars: layout.overset.chars, lines: layout.overset.lines } };
}
