import { randomBytes } from 'node:crypto';
import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportStatusDto, LinkPhotoArgs, PreflightIssueArgs, PreflightReportDto, StartExportArgs } from '../../core/api/index.js';
import type { Asset, Issue } from '../../core/model/issue.js';
import { composeForExport } from '../export/composer.js';
import { preflight, type PreflightReport } from '../export/preflight.js';
import { runExportInWorker } from '../export/run-in-worker.js';
import { linkPhotoFile, serializeIssue } from '../store/index.js';
import { errorMessage } from '../../core/error-message.js';
import { writeFailure } from '../write-failure.js';
import { pidAlive } from '../store/atomic.js';
import type { Uploads } from './uploads.js';

/**
 * The services the page editor needs for an issue as it is on screen, saved or not:
 * preflight, export with progress (a job polled by id, since the loopback host has no push
 * channel), and linking a photo dropped on the page (sent first as an upload). An edited issue is written to a hidden
 * file beside the real one for the export (so photo paths resolve the same) and removed after.
 */

function reportDto(r: PreflightReport): PreflightReportDto {
  const print = r.print && { condition: r.print.condition, info: r.print.info, profile: r.print.profile, inkLimit: r.print.inkLimit, intent: r.print.intent };
  return { errors: r.errors.map((f) => ({ ...f })), warnings: r.warnings.map((f) => ({ ...f })), ...(print ? { print } : {}) };
}

/** Preflight of an edited issue: the export's own checks over the composer's pages. */
export async function preflightEdited({ issuePath, issue, pdfx }: PreflightIssueArgs): Promise<PreflightReportDto> {
  let composed;
  try {
    composed = await composeForExport(issue, issuePath);
  } catch (err) {
    return { errors: [{ severity: 'error', code: 'compose-failed', message: `the pages cannot be composed: ${errorMessage(err)}`, params: { detail: errorMessage(err) } }], warnings: [] };
  }
  return reportDto(await preflight({ issue, issuePath, pages: composed.pages, overset: composed.overset, templateProblems: composed.templateProblems, pdfx: !!pdfx }));
}

/**
 * A hidden sibling of the issue file holding the edited issue (its photos resolve beside it),
 * named with this process's id: one a crashed process left behind is removed by the next export.
 * A failed write leaves nothing.
 */
async function writeSibling(issuePath: string, issue: Issue): Promise<string> {
  const stem = `.${basename(issuePath, '.broadsheet')}.export-`;
  await removeStaleSiblings(dirname(issuePath), stem);
  const file = join(dirname(issuePath), `${stem}${process.pid}-${randomBytes(4).toString('hex')}.broadsheet`);
  try {
    await writeFile(file, serializeIssue(issue), 'utf8');
  } catch (err) {
    await unlink(file).catch(() => {});
    throw writeFailure(`Cannot export: the working copy beside "${issuePath}" cannot be written`, err, 'Nothing was exported.');
  }
  return file;
}

/** Working copies of exports whose process is gone. */
async function removeStaleSiblings(dir: string, stem: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = name.startsWith(stem) ? /-(\d+)-[0-9a-f]{8}\.broadsheet$/.exec(name) : null;
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) await unlink(join(dir, name)).catch(() => {});
  }
}

/** Export jobs of this process by id; a finished job is kept a while for its last poll. */
export class ExportJobs {
  private jobs = new Map<string, ExportStatusDto>();

  async start(arg: StartExportArgs): Promise<{ jobId: string }> {
    const jobId = randomBytes(8).toString('hex');
    const status: ExportStatusDto = { phase: 'open', done: 0, total: 0 };
    this.jobs.set(jobId, status);
    const sibling = await writeSibling(arg.issuePath, arg.issue);
    const { output, splitDir, pages, pdfx, bleedMm, marks, ignoreErrors } = arg;
    const run = runExportInWorker({ issuePath: sibling, output, splitDir, pages, pdfx, bleedMm, marks, ignoreErrors }, (p) => {
      status.phase = p.phase;
      status.done = p.done;
      status.total = p.total;
    });
    // The job is done (or failed) only once its copy of the issue is gone: a caller that sees the end sees a clean folder.
    const dropCopy = () => unlink(sibling).catch(() => {});
    run.done.then(
      async (r) => {
        await dropCopy();
        status.result = { ok: r.ok, files: r.files, pages: r.pages, bytes: r.bytes, errors: r.report.errors.map((f) => f.message), warnings: r.report.warnings.map((f) => f.message), report: reportDto(r.report) };
        status.phase = 'done';
      },
      async (err: unknown) => {
        await dropCopy();
        status.error = errorMessage(err);
        status.phase = 'failed';
      },
    ).finally(() => setTimeout(() => this.jobs.delete(jobId), 10 * 60_000).unref?.());
    return { jobId };
  }

  /** The index-th file a finished export wrote (the hosts serve it as export-files/<jobId>/<index> for the page to download). */
  file(jobId: string, index: number): string | undefined {
    const s = this.jobs.get(jobId);
    return s?.phase === 'done' && s.result?.ok ? s.result.files[index] : undefined;
  }

  status(jobId: string): ExportStatusDto {
    const s = this.jobs.get(jobId);
    if (!s) throw Object.assign(new Error(`No export job '${jobId}'`), { code: 'ENOENT' });
    return { ...s };
  }
}

/**
 * Links an uploaded photo (its bytes already in a temp file, see uploads.ts) like a placed file:
 * copied into photos/ beside the issue under its own name, measured and hashed; the upload is
 * removed after, linked or not.
 */
export async function linkUploadedPhoto(arg: LinkPhotoArgs, uploads: Uploads): Promise<Asset> {
  return uploads.use(arg.upload, async (file) => {
    let named = file;
    if (basename(file) !== arg.name) {
      named = join(dirname(file), arg.name);
      await rename(file, named);
    }
    // linkPhotoFile reads only the asset list of the issue it is given (for ids); the renderer owns the issue.
    const { asset } = await linkPhotoFile(arg.issuePath, { assets: [] } as unknown as Issue, named, { id: arg.id, copy: true });
    return asset;
  });
}
