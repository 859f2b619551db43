import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DisplayPage } from '../../core/display/types.js';
import type { Issue } from '../../core/model/issue.js';
import { ImageConverter } from '../pdf/image-converter.js';
import { ExportCancelled, ImageFailed, writePdf } from '../pdf/painter.js';
import { openIssueFile } from '../store/index.js';
import { composeForExport, loadComposer, type ExportPages, type ExportComposer } from './composer.js';
import { parsePageList } from './page-list.js';
import { printConditionOf } from './print-condition.js';
import { assetPath, pageLabel, preflight, type PreflightFinding, type PreflightReport } from './preflight.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * The export service: open the issue, compose it, preflight, and paint the pages into one
 * PDF, one PDF per page (named for the plant) or a page list. The same function runs in the
 * CLI, in a worker thread for the app (worker.ts), and in tests.
 */

export interface ExportRequest {
  issuePath: string;
  /** One PDF of the (selected) pages. */
  output?: string;
  /** One PDF per page in this folder, named like 2026-11-22_A01.pdf. */
  splitDir?: string;
  /** Page numbers as printed: "1,3-4". Default all. */
  pages?: string;
  pdfx?: boolean;
  bleedMm?: number;
  marks?: boolean;
  /** Export even when preflight found errors. */
  ignoreErrors?: boolean;
  /** Module default-exporting an ExportComposer, instead of core/compose (tests, benchmarks). */
  composerModule?: string;
}

export type ExportPhase = 'open' | 'compose' | 'preflight' | 'paint' | 'done';

export interface ExportProgress {
  phase: ExportPhase;
  /** Pages painted so far and pages to paint (paint phase). */
  done: number;
  total: number;
}

export interface ExportResult {
  /** True when the PDF(s) were written. */
  ok: boolean;
  cancelled?: boolean;
  /** True when writing failed on an image (report.errors names it, page and photo); nothing half-written is left. */
  paintFailed?: boolean;
  report: PreflightReport;
  files: string[];
  pages: number;
  bytes: number;
}

export interface ExportHooks {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  composer?: ExportComposer;
  /** A remark for the user that is neither progress nor a finding (the CLI writes it to stderr). */
  onNote?: (message: string) => void;
}

/** Plant file name of a page: `<date>_<label>.pdf`. */
export function splitFileName(issue: Issue, pageNumber: number): string {
  return `${issue.date}_${pageLabel(issue, pageNumber).replace(/[^\w.-]+/g, '_')}.pdf`;
}

/** Runs the whole export; throws for an unreadable issue or a failed write, returns ok: false for preflight errors or a cancel. */
export async function exportIssue(req: ExportRequest, hooks: ExportHooks = {}): Promise<ExportResult> {
  if (!req.output && !req.splitDir) throw new Error('Nothing to write: give an output file or a split folder');
  const progress = (phase: ExportPhase, done = 0, total = 0) => hooks.onProgress?.({ phase, done, total });
  const cancelled = (report: PreflightReport = { errors: [], warnings: [] }): ExportResult => ({ ok: false, cancelled: true, report, files: [], pages: 0, bytes: 0 });

  progress('open');
  const { issue } = await openIssueFile(req.issuePath, { readOnly: true });
  const selected = req.pages ? parsePageList(req.pages, issue.pages.map((p) => p.number)) : undefined;
  if (hooks.signal?.aborted) return cancelled();

  progress('compose');
  const composer = hooks.composer ?? (req.composerModule ? await loadComposer(req.composerModule) : composeForExport);
  let composed: ExportPages;
  try {
    composed = await composer(issue, req.issuePath);
  } catch (err) {
    const message = errorMessage(err);
    const code = /^Font '/.test(message) || /font/i.test(message) ? 'font-missing' : 'compose-failed';
    return { ok: false, report: { errors: [{ severity: 'error', code, message: `the pages cannot be composed: ${message}` }], warnings: [] }, files: [], pages: 0, bytes: 0 };
  }
  const pages = selected ? selected.map((n) => composed.pages.find((p) => p.number === n)).filter((p): p is DisplayPage => !!p) : composed.pages;
  if (hooks.signal?.aborted) return cancelled();

  progress('preflight');
  const report = await preflight({
    issue,
    issuePath: req.issuePath,
    pages,
    overset: selected ? composed.overset.filter((o) => o.page === undefined || selected.includes(o.page)) : composed.overset,
    templateProblems: composed.templateProblems,
    pdfx: !!req.pdfx,
  });
  if (report.errors.length && !req.ignoreErrors) return { ok: false, report, files: [], pages: 0, bytes: 0 };

  // Not even ignoreErrors writes a PDF/X whose output intent and photos name no usable condition.
  if (report.errors.some((e) => e.code === 'print-profile')) return { ok: false, report, files: [], pages: 0, bytes: 0 };
  const condition = req.pdfx ? printConditionOf(issue, req.issuePath) : undefined;
  const total = pages.length;
  const converter = req.pdfx
    ? new ImageConverter({
        signal: hooks.signal,
        onFallback: (reason) => hooks.onNote?.(`Image conversions run in the export's own process (more memory): the image converter process could not be started: ${reason}`),
      })
    : undefined;
  // Resolved once, after preflight: an outside link is embedded only while its acceptance holds.
  const imageFiles = new Map(await Promise.all(issue.assets.map(async (a) => [a.id, await assetPath(issue, req.issuePath, a.id)] as const)));
  const options = {
    title: `${issue.paper} ${issue.date}${issue.issueNumber ? ' ' + issue.issueNumber : ''}`,
    images: (id: string) => imageFiles.get(id),
    pdfx: req.pdfx,
    condition,
    bleedMm: req.bleedMm,
    marks: req.marks,
    signal: hooks.signal,
    // PDF/X converts RGB photos: in a process of its own, started on the first one and ended with the export.
    convertImage: converter?.convert,
  };
  const files: string[] = [];
  try {
    if (req.output) {
      await writePdf(pages, req.output, { ...options, onProgress: (done) => progress('paint', done, total) });
      files.push(req.output);
    } else if (req.splitDir) {
      await mkdir(req.splitDir, { recursive: true });
      progress('paint', 0, total);
      for (let i = 0; i < pages.length; i++) {
        const file = join(req.splitDir, splitFileName(issue, pages[i].number));
        await writePdf([pages[i]], file, { ...options, title: `${options.title} ${pageLabel(issue, pages[i].number)}` });
        files.push(file);
        progress('paint', i + 1, total);
      }
    }
  } catch (err) {
    if (err instanceof ExportCancelled) return { ...cancelled(report), files };
    if (err instanceof ImageFailed) {
      const finding: PreflightFinding = { severity: 'error', code: 'image-unreadable', page: err.page, pageLabel: pageLabel(issue, err.page), assetId: err.assetId, params: { path: err.path, detail: err.reason }, message: `photo ${err.path} cannot be put into the PDF: ${err.reason}` };
      return { ok: false, paintFailed: true, report: { errors: [...report.errors, finding], warnings: report.warnings }, files, pages: 0, bytes: 0 };
    }
    throw err;
  } finally {
    await converter?.close();
  }
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  progress('done', total, total);
  return { ok: true, report, files, pages: total, bytes };
}
