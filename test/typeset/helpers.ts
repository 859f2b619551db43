import { bodyStyle, typesetParagraph } from '../../core/typeset/index.js';
import type { ParagraphLayout, ParagraphStyle, StyledRun, TypesetLine } from '../../core/typeset/types.js';
import { nodeFontSource } from '../../node/fonts.js';

export { CORPUS, corpusParagraphs } from '../fixtures/corpus.js';

export const fonts = nodeFontSource();

/** Sets plain text in one run. */
export function set(text: string, measure: number, style: Partial<ParagraphStyle> = {}, size = 10, font = 'serif'): ParagraphLayout {
  return typesetParagraph({ runs: [{ text, font, size }], style: bodyStyle({ firstLineIndent: 0, ...style }), measure }, fonts);
}

/** Sets styled runs. */
export function setRuns(runs: StyledRun[], measure: number, style: Partial<ParagraphStyle> = {}): ParagraphLayout {
  return typesetParagraph({ runs, style: bodyStyle({ firstLineIndent: 0, ...style }), measure }, fonts);
}

/** Text of a line (glyph chars joined). */
export function lineText(line: TypesetLine): string {
  return line.runs.flatMap((r) => r.chars).join('');
}

/** Texts of all lines. */
export function texts(layout: ParagraphLayout): string[] {
  return layout.lines.map(lineText);
}

/** Right edge of a line's last glyph box. */
export function lineEnd(line: TypesetLine): number {
  const r = line.runs[line.runs.length - 1];
  return r.boxXs![r.boxXs!.length - 1] + r.advances[r.advances.length - 1];
}

/** All glyphs of a line in order, flattened. */
export function glyphs(line: TypesetLine): Array<{ ch: string; x: number; adv: number; font: string; size: number; gid: number }> {
  return line.runs.flatMap((r) => r.glyphs.map((gid, i) => ({ ch: r.chars[i], x: r.xs[i], adv: r.advances[i], font: r.font, size: r.size, gid })));
}
