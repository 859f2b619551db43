import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { broadsheetGrid, type GalleyGrid } from '../../core/typeset/galley.js';
import { mmToPt } from '../../core/units.js';
import { templatesDir } from '../../node/store/templates-dir.js';
import { UsageError, type Command } from '../command.js';

/** Reads the grid of <dir>/<id>.json (the templates folder) when it has one (tolerant: unknown fields keep the defaults). */
export function gridFromTemplate(id: string, dir: string): GalleyGrid {
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

/** A monotonic clock in ms (process.hrtime: the performance global would load perf_hooks at every start). */
const clock = (): number => Number(process.hrtime.bigint()) / 1e6;

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
    // templates-dir.ts, not the store's TEMPLATES_DIR: importing the store would load the template registry.
    const grid = template ? gridFromTemplate(template, templatesDir()) : broadsheetGrid();
    // Heavy modules load here, not at import: cli/main imports every command for --help.
    const [{ galleyPages, splitParagraphs }, { nodeFontSource }] = await Promise.all([import('../../core/typeset/galley.js'), import('../../node/fonts.js')]);
    const t0 = clock();
    const { pages, lines, diagnostics } = galleyPages(splitParagraphs(text), grid, nodeFontSource());
    const t1 = clock();
    const { writePdf } = await import('../../node/pdf/painter.js');
    await writePdf(pages, output, { title: `Galley: ${input}` });
    const t2 = clock();
    process.stdout.write(
      `${output}: ${pages.length} page(s), ${lines} lines, ${diagnostics} diagnostic(s); typeset ${(t1 - t0).toFixed(1)} ms, PDF ${(t2 - t1).toFixed(1)} ms\n`,
    );
    return 0;
  },
};
export default command;
