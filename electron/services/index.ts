import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BroadsheetApi, ExportPdfArgs, OpenedIssueDto, UiLocale } from '../../core/api/index.js';
import type { Asset, Issue } from '../../core/model/issue.js';
import { fontManifest } from '../font-files.js';
import { openIssueFile, saveIssueFile, RecentFiles, type OpenedIssue } from '../store/index.js';
import { runExportInWorker } from '../export/run-in-worker.js';
import { ExportJobs, linkDroppedPhoto, preflightEdited } from './editing.js';

/**
 * The service implementations behind BroadsheetApi, composed from the store, fonts, templates
 * and export modules. Both hosts (Electron IPC and the loopback HTTP host) construct one of
 * these and dispatch validated calls to it (dispatch.ts); nothing here knows the transport.
 */

export interface ServiceOptions {
  /** The issue `openStartupIssue` opens (the bundled sample unless the host was given a file). */
  startupIssue: string;
  /** Folder of templates/*.json. */
  templatesDir: string;
  /** JSON file of the Open Recent list; none = an empty list. */
  recentFile?: string;
  /** The UI locale the host suggests. */
  locale?: UiLocale;
  version?: string;
  /** Called after every successful open (the Electron host updates its menu and title). */
  onOpened?: (opened: OpenedIssueDto) => void;
  /** Called when a photo was linked for the issue at `issuePath` (the hosts serve it as issue-assets/<id>). */
  onPhotoLinked?: (issuePath: string, asset: Asset) => void;
  /** Called after every successful save (Save As moves the issue: the hosts follow it). */
  onSaved?: (path: string, issue: Issue) => void;
  /** Called when the user switches the UI language (the Electron shell relabels its menu). */
  onUiLocale?: (locale: UiLocale) => void;
}

/** The UI locale for a system locale string: Simplified Chinese for any zh, else English. */
export function uiLocaleFor(systemLocale: string | undefined): UiLocale {
  return systemLocale && /^zh\b/i.test(systemLocale.replace('_', '-')) ? 'zh-CN' : 'en';
}

/** The system locale of this Node process (LANG, LC_ALL, or Intl). */
export function systemLocale(): string {
  return process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
}

function dto(opened: OpenedIssue): OpenedIssueDto {
  // The lock handle stays in the main process; the renderer gets data only.
  return { path: opened.path, issue: opened.issue, warnings: opened.warnings, readOnly: !!opened.readOnly };
}

/** Creates the services for one host process. */
export function createServices(opts: ServiceOptions): BroadsheetApi {
  const recent = opts.recentFile ? new RecentFiles(opts.recentFile) : undefined;
  const jobs = new ExportJobs();
  const open = async (path: string): Promise<OpenedIssueDto> => {
    // Read-only until the editing session (save/autosave/locks) is wired to the window.
    const opened = await openIssueFile(path, { readOnly: true });
    await recent?.add(path, opened.issue.paper).catch(() => {});
    const result = dto(opened);
    opts.onOpened?.(result);
    return result;
  };
  return {
    async appInfo() {
      return { name: 'Broadsheet', version: opts.version ?? '0.1.0', locale: opts.locale ?? uiLocaleFor(systemLocale()) };
    },
    openStartupIssue: () => open(opts.startupIssue),
    openIssue: ({ path }) => open(path),
    async saveIssue({ path, issue }: { path: string; issue: Issue }) {
      await saveIssueFile(path, issue);
      await recent?.add(path, issue.paper).catch(() => {});
      opts.onSaved?.(path, issue);
      return { path };
    },
    async recentIssues() {
      if (!recent) return [];
      return (await recent.list()).map((e) => ({ path: e.path, title: e.title, exists: e.exists }));
    },
    async listTemplates() {
      let names: string[];
      try {
        names = (await readdir(opts.templatesDir)).filter((n) => n.endsWith('.json')).sort();
      } catch {
        return [];
      }
      return Promise.all(
        names.map(async (name) => {
          const data = JSON.parse(await readFile(join(opts.templatesDir, name), 'utf8')) as { id?: unknown };
          return { id: typeof data.id === 'string' ? data.id : name.replace(/\.json$/, ''), data };
        }),
      );
    },
    async listFonts() {
      return Object.entries(fontManifest()).map(([key, f]) => ({ key, family: f.family, weight: f.weight, url: `fonts/${key}`, ...(f.fallback ? { fallback: f.fallback } : {}) }));
    },
    async exportPdf(arg: ExportPdfArgs) {
      // Off the host's event loop: a worker thread (design.md, Print).
      const result = await runExportInWorker({ issuePath: arg.issuePath, output: arg.output, pages: arg.pages, pdfx: arg.pdfx }).done;
      return {
        ok: result.ok,
        files: result.files,
        pages: result.pages,
        bytes: result.bytes,
        errors: result.report.errors.map((f) => f.message),
        warnings: result.report.warnings.map((f) => f.message),
      };
    },
    preflightIssue: (arg) => preflightEdited(arg),
    startExport: (arg) => jobs.start(arg),
    async exportStatus({ jobId }) {
      return jobs.status(jobId);
    },
    async setUiLocale({ locale }) {
      opts.onUiLocale?.(locale);
      return { locale };
    },
    async linkPhoto(arg) {
      const asset = await linkDroppedPhoto(arg);
      opts.onPhotoLinked?.(arg.issuePath, asset);
      return { asset };
    },
  };
}
