import { parseOptions, UsageError, type Command } from '../command.js';
import { formatFinding, formatPrint } from '../../node/export/preflight.js';
import { exportIssue, type ExportProgress } from '../../node/export/service.js';

const usage = `Usage: broadsheet export <issue.broadsheet> -o <out.pdf> [options]
       broadsheet export <issue.broadsheet> --split <dir> [options]

Composes the issue, runs preflight and writes print PDF: the whole issue as one file (-o),
or one file per page named for the plant (--split, e.g. 2026-11-22_A01.pdf).

Options:
  -o, --output FILE   the PDF to write (written atomically: all or nothing)
  --split DIR         one PDF per page in DIR
  --pages LIST        only these pages (as printed), e.g. 1,3-4
  --pdfx              PDF/X-1a:2001 for the plant (CMYK only, output intent IFRA26)
  --bleed MM          grow each page by MM on every side and add a BleedBox
  --marks             crop marks outside the trim
  --force             write even when preflight finds errors

Exit codes: 0 written (warnings on stderr), 1 failed (file unreadable, write error),
2 bad usage, 3 stopped by preflight errors, 130 cancelled (Ctrl-C).`;

const PHASES: Record<ExportProgress['phase'], string> = { open: 'Opening', compose: 'Composing', preflight: 'Preflight', paint: 'Writing', done: 'Done' };

const command: Command = {
  name: 'export',
  summary: 'Export print-ready PDF (whole issue, --split per page, --pdfx, --bleed, --marks).',
  usage,
  async run(argv) {
    const parsed = parseOptions(argv, {
      output: { type: 'string', short: 'o' },
      split: { type: 'string' },
      pages: { type: 'string' },
      pdfx: { type: 'boolean' },
      bleed: { type: 'string' },
      marks: { type: 'boolean' },
      force: { type: 'boolean' },
    });
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError('give exactly one issue file (see --help)');
    if (!values.output === !values.split) throw new UsageError('give either -o FILE or --split DIR');
    let bleedMm: number | undefined;
    if (values.bleed !== undefined) {
      bleedMm = Number(values.bleed);
      if (!Number.isFinite(bleedMm) || bleedMm < 0 || bleedMm > 20) throw new UsageError(`--bleed wants millimetres between 0 and 20, got '${values.bleed}'`);
    }
    const tty = process.stderr.isTTY;
    let lastLine = '';
    const onProgress = (p: ExportProgress) => {
      if (!tty) return;
      const line = p.phase === 'paint' ? `${PHASES[p.phase]} page ${p.done}/${p.total}` : `${PHASES[p.phase]}…`;
      if (line !== lastLine) process.stderr.write(`\r\x1b[K${line}`);
      lastLine = line;
    };
    // The CLI is itself a headless process, so the export runs here (a worker thread would only
    // add its own start-up); the app runs the same exportIssue in a worker (run-in-worker.ts).
    const controller = new AbortController();
    const done = exportIssue(
      {
        issuePath: positionals[0],
        output: values.output,
        splitDir: values.split,
        pages: values.pages,
        pdfx: values.pdfx,
        bleedMm,
        marks: values.marks,
        ignoreErrors: values.force,
        composerModule: process.env.BROADSHEET_EXPORT_COMPOSER,
      },
      {
        onProgress,
        signal: controller.signal,
        onNote: (message) => {
          process.stderr.write(`${tty ? '\r\x1b[K' : ''}note: ${message}\n`);
          lastLine = '';
        },
      },
    );
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await done;
      if (tty) process.stderr.write('\r\x1b[K');
      if (result.report.print) process.stderr.write(formatPrint(result.report.print) + '\n');
      for (const f of [...result.report.errors, ...result.report.warnings]) process.stderr.write(formatFinding(f) + '\n');
      if (result.cancelled) {
        process.stderr.write('Export cancelled; nothing was written.\n');
        return 130;
      }
      if (result.paintFailed) {
        const earlier = result.files.length ? ` (${result.files.length} earlier page file(s) were written and are complete)` : '';
        process.stderr.write(`Export failed while writing the PDF; nothing half-written was left${earlier}.\n`);
        return 1;
      }
      if (!result.ok) {
        process.stderr.write(`Export stopped: ${result.report.errors.length} preflight error(s); nothing was written (--force writes anyway).\n`);
        return 3;
      }
      process.stderr.write(`Wrote ${result.files.length === 1 ? result.files[0] : `${result.files.length} files`} (${result.pages} page${result.pages === 1 ? '' : 's'}, ${(result.bytes / 1024 / 1024).toFixed(1)} MB)${result.report.warnings.length ? ` with ${result.report.warnings.length} warning(s)` : ''}.\n`);
      return 0;
    } catch (err) {
      if (tty) process.stderr.write('\r\x1b[K');
      const message = err instanceof Error ? err.message : '';
      if (/^bad page|^page \d+ is not in this issue/.test(message)) throw new UsageError(message);
      throw err;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
export default command;
