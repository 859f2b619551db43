import { BLACK, type DisplayItem, type DisplayPage } from '../display/types.js';
import type { FontSource } from '../fonts/types.js';
import { mmToPt, type Pt } from '../units.js';
import { typesetParagraph } from './index.js';
import { bodyStyle } from './styles.js';
import type { ParagraphStyle } from './types.js';
import { TypesetWorkspace } from './workspace.js';

// The galley: plain paragraphs flowed through every column of a grid, page after page, with
// the body style. A debug view of the typesetter (the `galley` CLI command), not page composition.

/** The grid a galley flows through: page, 版心 and columns (cjk-typesetting.md §2.1). */
export interface GalleyGrid {
  pageWidth: Pt;
  pageHeight: Pt;
  columns: number;
  charsPerColumn: number;
  gutterChars: number;
  bodySize: Pt;
  pitch: Pt;
  /** Height of the 版心 in pt. */
  textHeight: Pt;
  font: string;
  style: ParagraphStyle;
}

/** 对开 page 390 × 540 mm, 8 columns × 13 小五 characters, 1-character gutters, ¼ gap leading (§2.1). */
export function broadsheetGrid(): GalleyGrid {
  return {
    pageWidth: mmToPt(390),
    pageHeight: mmToPt(540),
    columns: 8,
    charsPerColumn: 13,
    gutterChars: 1,
    bodySize: 9,
    pitch: 9 * 1.25,
    textHeight: mmToPt(490),
    font: 'serif',
    style: bodyStyle(),
  };
}

/** Paragraphs of a plain text file: blank-line separated blocks, or one per line when the file has no blank lines. */
export function splitParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  const hasBlank = lines.some((l) => l.trim() === '');
  if (!hasBlank) return lines.map((l) => l.trim()).filter(Boolean);
  const paras: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const l = raw.trim();
    if (!l) {
      if (cur) paras.push(cur);
      cur = '';
      continue;
    }
    // Joining a hard-wrapped line: a space only between two Latin characters.
    cur = cur && /[A-Za-z0-9,.;:!?]$/.test(cur) && /^[A-Za-z0-9]/.test(l) ? `${cur} ${l}` : cur + l;
  }
  if (cur) paras.push(cur);
  return paras;
}

/** Flows paragraphs through every column of the grid, page after page; returns the display list. */
export function galleyPages(paragraphs: string[], grid: GalleyGrid, fonts: FontSource): { pages: DisplayPage[]; lines: number; diagnostics: number } {
  const em = grid.bodySize;
  const colWidth = grid.charsPerColumn * em;
  const areaWidth = grid.columns * colWidth + (grid.columns - 1) * grid.gutterChars * em;
  const linesPerColumn = Math.max(1, Math.floor((grid.textHeight - em) / grid.pitch) + 1);
  const left = (grid.pageWidth - areaWidth) / 2;
  const top = (grid.pageHeight - ((linesPerColumn - 1) * grid.pitch + em)) / 2;
  // Baseline of a CJK em box: the ideographic em box spans 0.88 above to 0.12 below the baseline.
  const baselineDrop = em * 0.88;
  const pages: DisplayPage[] = [];
  let page: DisplayPage | undefined;
  let column = grid.columns;
  let row = linesPerColumn;
  let lineCount = 0;
  let diagnostics = 0;
  const newSlot = (): { x: Pt; y: Pt; items: DisplayItem[] } => {
    if (row >= linesPerColumn) {
      row = 0;
      column++;
      if (column >= grid.columns) {
        column = 0;
        page = { number: pages.length + 1, width: grid.pageWidth, height: grid.pageHeight, items: [] };
        pages.push(page);
      }
    }
    const x = left + column * (colWidth + grid.gutterChars * em);
    const y = top + row * grid.pitch + baselineDrop;
    row++;
    return { x, y, items: page!.items };
  };
  const workspace = new TypesetWorkspace();
  for (const text of paragraphs) {
    const layout = typesetParagraph({ runs: [{ text, font: grid.font, size: em }], style: grid.style, measure: colWidth }, fonts, workspace);
    diagnostics += layout.diagnostics.length;
    for (const line of layout.lines) {
      const slot = newSlot();
      lineCount++;
      for (const r of line.runs) {
        slot.items.push({
          kind: 'glyphs',
          font: r.font,
          size: r.size,
          y: slot.y,
          glyphs: r.glyphs,
          xs: r.xs.map((x) => x + slot.x),
          chars: r.chars,
          hscale: r.hscale,
          fill: BLACK,
          overprint: true,
        });
      }
    }
  }
  if (pages.length === 0) pages.push({ number: 1, width: grid.pageWidth, height: grid.pageHeight, items: [] });
  return { pages, lines: lineCount, diagnostics };
}

