import { readFileSync } from 'node:fs';
import type { GalleyGrid } from '../../core/typeset/galley.js';
import { bodyStyle } from '../../core/typeset/styles.js';
import { DEFAULT_TEMPLATE_ID, type Template } from '../../core/templates/index.js';
import { folderTemplates, templatesDir } from '../../node/templates.js';
import { UsageError, type Command } from '../command.js';

/** The grid of a template of the registry (its page, 版心, columns and body size), set in the body style. */
export function galleyGrid(t: Template): GalleyGrid {
  return {
    pageWidth: t.pageWidth,
    pageHeight: t.pageHeight,
    columns: t.columns,
    charsPerColumn: t.spec.grid.charsPerColumn,
    gutterChars: t.spec.grid.gutterChars,
    bodySize: t.em,
    pitch: t.pitch,
    textHeight: t.area.h,
    font: 'serif',
    style: bodyStyle(),
  };
}

/** The template `--template` names (default broadsheet-8col), from the registry every command uses. */
function templateNamed(id: string): Template {
  const templates = folderTemplates();
  const t = templates.get(id);
  if (!t) throw new UsageError(`unknown template '${id}': neither built in nor in ${templatesDir()} (known: ${templates.ids().join(', ')})`);
  return t;
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
    const grid = galleyGrid(templateNamed(template ?? DEFAULT_TEMPLATE_ID));
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
