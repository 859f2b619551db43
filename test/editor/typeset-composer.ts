import type { Node as PMNode } from 'prosemirror-model';
import type { FontSource } from '../../core/fonts/types.js';
import { bodyStyle, typesetParagraph, type StyledRun } from '../../core/typeset/index.js';
import type { LineTable, PlacedLine, PlacedRun } from '../../renderer/editor/line-table.js';
import type { ToyColumn, ToyOptions } from './toy-composer.js';

/**
 * A story laid into columns with the real typesetter (core/typeset: 禁则, 开明 compression,
 * line-end halving, ¼ em Han–Latin spacing, justification, hyphenation, fontkit advances of
 * the real font files), until core/compose lands. Each textblock is one paragraph in body
 * style; bold is the bold face. Lines fill the columns in order; the rest is overset.
 */
export function composeTypeset(doc: PMNode, columns: readonly ToyColumn[], opts: ToyOptions, fonts: FontSource): LineTable {
  const em = opts.size;
  const lines: PlacedLine[] = [];
  let col = 0;
  let row = 0;
  let oversetLines = 0;
  let oversetChars = 0;
  doc.descendants((block, blockPos) => {
    if (!block.isTextblock) return true;
    const start = blockPos + 1;
    const runs: StyledRun[] = [];
    block.forEach((t) => runs.push({ text: t.text ?? '', font: t.marks.some((m) => m.type.name === 'bold') ? 'serif-bold' : 'serif', size: em }));
    const width = columns[Math.min(col, columns.length - 1)].width;
    const set = runs.length ? typesetParagraph({ runs, style: bodyStyle(), measure: width }, fonts).lines : [];
    const empty = !set.length;
    for (let i = 0; i < Math.max(1, set.length); i++) {
      while (col < columns.length && row >= columns[col].lines) {
        col++;
        row = 0;
      }
      const line = set[i];
      if (col >= columns.length) {
        oversetLines++;
        oversetChars += line ? line.end - line.start : 0;
        continue;
      }
      const c = columns[col];
      const baseline = c.firstBaseline + row * opts.pitch;
      row++;
      if (empty || !line) {
        lines.push({ frameId: c.frameId, pageIndex: c.pageIndex, from: start, to: start, columnX: c.x, x: c.x + 2 * em, baseline, ascent: 0.88 * em, descent: 0.12 * em, font: 'serif', size: em, runs: [] });
        continue;
      }
      const placed: PlacedRun[] = line.runs.map((r) => ({
        font: r.font,
        size: r.size,
        glyphs: r.glyphs.map((_, g) => ({ pos: start + r.offsets[g], x: c.x + r.xs[g], advance: r.advances[g], char: r.chars[g], boxX: r.boxXs ? c.x + r.boxXs[g] : undefined })),
      }));
      lines.push({
        frameId: c.frameId,
        pageIndex: c.pageIndex,
        from: start + line.start,
        to: start + line.end,
        columnX: c.x,
        x: c.x + line.slot.offset,
        baseline,
        ascent: line.ascent,
        descent: line.descent,
        font: runs[0].font,
        size: em,
        runs: placed,
      });
    }
    return false;
  });
  return { lines, overset: { chars: oversetChars, lines: oversetLines } };
}
