import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLACK, type DisplayItem, type DisplayPage } from '../../core/display/types.js';
import type { FontSource } from '../../core/fonts/types.js';
import { bodyStyle, typesetParagraph } from '../../core/typeset/index.js';
import type { ParagraphStyle } from '../../core/typeset/types.js';
import { mmToPt, type Pt } from '../../core/units.js';
import { nodeFontSource } from '../../electron/fonts.js';
import { TEMPLATES_DIR } from '../../electron/store/templates.js';
import { UsageError, type Command } from '../command.js';

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
export function galleyPages(paragraphs: string[], grid: GalleyGrid, fonts: FontSource = nodeFontSource()): { pages: DisplayPage[]; lines: number; diagnostics: number } {
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
  for (const text of paragraphs) {
    const layout = typesetParagraph({ runs: [{ text, font: grid.font, size: em }], style: grid.style, measure: colWidth }, fonts);
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

/** Reads the grid of templates/<id>.json when it has one (tolerant: unknown fields keep the defaults). */
export function gridFromTemplate(id: string, dir = TEMPLATES_DIR): GalleyGrid {
  const grid = broadsheetGrid();
  if (id === 'broadsheet-8col' && !existsSync(join(dir, `${id}.json`))) return grid;
  let file: string | undefined;
  if (existsSync(join(dir, `${id}.json`))) file = join(dir, `${id}.json`);
  else if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      try {
        if ((JSON.parse(readFileSync(join(dir, name), 'utf8')) as { id?: string }).id === id) file = join(dir, name);
      } catch {
        /* not a template */
      }
    }
  }
  if (!file) throw new UsageError(`unknown template '${id}' (no ${id}.json in ${dir})`);
  const t = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const num = (...paths: string[]): number | undefined => {
    for (const p of paths) {
      let v: unknown = t;
      for (const k of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
    }
    return undefined;
  };
  const mm = (v: number | undefined, unitsMm: boolean) => (v === undefined ? undefined : unitsMm ? mmToPt(v) : v);
  const pw = num('page.widthMm', 'pageWidthMm', 'size.widthMm');
  const ph = num('page.heightMm', 'pageHeightMm', 'size.heightMm');
  grid.pageWidth = mm(pw, true) ?? num('page.width', 'pageWidth', 'width') ?? grid.pageWidth;
  grid.pageHeight = mm(ph, true) ?? num('page.height', 'pageHeight', 'height') ?? grid.pageHeight;
  grid.columns = num('grid.columns', 'columns') ?? grid.columns;
  grid.charsPerColumn = num('grid.charsPerColumn', 'grid.characters', 'grid.chars', 'charsPerColumn') ?? grid.charsPerColumn;
  grid.gutterChars = num('grid.gutterChars', 'grid.gutter', 'gutterChars') ?? grid.gutterChars;
  grid.bodySize = num('grid.bodySize', 'grid.size', 'bodySize', 'styles.body.size') ?? grid.bodySize;
  grid.pitch = num('grid.pitch', 'grid.baselinePitch', 'grid.lineHeight', 'pitch') ?? grid.bodySize * 1.25;
  const th = num('textArea.heightMm', 'typeArea.heightMm', 'grid.heightMm');
  const lines = num('grid.lines', 'grid.linesPerColumn', 'linesPerColumn');
  grid.textHeight = th !== undefined ? mmToPt(th) : lines !== undefined ? (lines - 1) * grid.pitch + grid.bodySize : grid.textHeight;
  return grid;
}

function parseArgs(argv: string[]): { input: string; output: string; template?: string } {
  let input: string | undefined;
  let output: string | undefined;
  let template: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--output') output = argv[++i];
    else if (a === '--template' || a === '-t') template = argv[++i];
    else if (a.startsWith('--template=')) template = a.slice(11);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (!input) input = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!input) throw new UsageError('missing <text-file>');
  if (!output) throw new UsageError('missing -o <out.pdf>');
  return { input, output, template };
}

const command: Command = {
  name: 'galley',
  summary: 'Flow a plain text file through a template’s columns and write a PDF (typesetting debug view).',
  usage: [
    'Usage: broadsheet galley <text-file> -o <out.pdf> [--template ID]',
    '',
    'Paragraphs are separated by blank lines (or one per line when the file has none). They are',
    'set in the body style (宋 serif, justified, 2-em indent, GB 禁则, 开明 punctuation) through',
    'every column of the template’s 版心, page after page. Default grid: broadsheet-8col, an 对开',
    'page 390 × 540 mm with 8 columns of 13 小五 (9 pt) characters and 1-character gutters.',
  ].join('\n'),
  async run(argv) {
    const { input, output, template } = parseArgs(argv);
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${input}: ${(err as Error).message}`, 1);
    }
    const grid = template ? gridFromTemplate(template) : broadsheetGrid();
    const t0 = performance.now();
    const { pages, lines, diagnostics } = galleyPages(splitParagraphs(text), grid);
    const t1 = performance.now();
    const { writePdf } = await import('../../electron/pdf/painter.js');
    await writePdf(pages, output, { title: `Galley: ${input}` });
    const t2 = performance.now();
    process.stdout.write(
      `${output}: ${pages.length} page(s), ${lines} lines, ${diagnostics} diagnostic(s); typeset ${(t1 - t0).toFixed(1)} ms, PDF ${(t2 - t1).toFixed(1)} ms\n`,
    );
    return 0;
  },
};
export default command;
