import { basename, dirname } from 'node:path';
import type { BroadsheetApi, ExportPdfArgs, OpenedIssueDto, RecoveryOfferDto, UiLocale } from '../../core/api/index.js';
import type { Asset, Issue } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { fontManifest } from '../font-files.js';
import { fontSubsets } from '../font-subsets.js';
import { packageIssue } from '../store/package.js';
import { checkRecovery, discardRecovery, fileHash, openIssueFile, recoveryPathFor, saveIssueFile, writeRecovery, RecentFiles, type HashedIssue, type IssueOnDisk, type OpenedIssue } from '../store/index.js';
import { runExportInWorker } from '../export/run-in-worker.js';
import { ExportJobs, linkUploadedPhoto, preflightEdited } from './editing.js';
import { Uploads } from './uploads.js';
import { acceptOutsideLink, linksReport } from '../store/index.js';
import { importCopyFiles } from './import-copy.js';
import { readTemplateFolder } from '../templates.js';
import { listFolder } from './folders.js';

/**
 * The service implementations behind BroadsheetApi, composed from the store, fonts, templates
 * and export modules. Both hosts (Electron IPC and the loopback HTTP host) construct one of
 * these and dispatch validated calls to it (dispatch.ts); nothing here knows the transport.
 */

export interface ServiceOptions {
  /** The issue `openStartupIssue` opens (the bundled sample unless the host was given a file). */
  startupIssue: string;
  /** JSON file of the Open Recent list; none = an empty list. */
  recentFile?: string;
  /** The UI locale the host suggests. */
  locale?: UiLocale;
  version?: string;
  /**
   * Called after every successful open (the Electron host updates its menu and title), with the
   * file as read: the host's editing session adopts it rather than reading the file again.
   */
  onOpened?: (opened: OpenedIssueDto, read: HashedIssue) => void;
  /** Called when a photo was linked for the issue at `issuePath` (the hosts serve it as issue-assets/<id>). */
  onPhotoLinked?: (issuePath: string, asset: Asset) => void;
  /** Called after every successful save (Save As moves the issue: the hosts follow it). */
  onSaved?: (path: string, issue: Issue) => void;
  /** Called when the user switches the UI language (the Electron shell relabels its menu). */
  onUiLocale?: (locale: UiLocale) => void;
  /** The home folder the in-page file dialogs start from (tests give a throwaway one); default the user's. */
  homeFolder?: string;
  /** The export jobs (the hosts serve the files they wrote); default: the services' own. */
  exportJobs?: ExportJobs;
  /** Paths importCopy may read: the desktop shell grants the files its Import Copy dialog returned (the loopback host: none). */
  mayReadCopyPath?: (path: string) => boolean;
  /** Where uploaded files wait for linkPhoto (the host that receives them passes its own); default one of these services' own. */
  uploads?: Uploads;
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

/** The recovery offer beside an issue file, as data; a damaged recovery file becomes a warning. */
async function recoveryOffer(path: string, warnings: string[], file: IssueOnDisk): Promise<RecoveryOfferDto | undefined> {
  const offer = await checkRecovery(path, { file }).catch(() => null);
  if (!offer) return undefined;
  if ('problem' in offer) {
    warnings.push(offer.problem);
    return undefined;
  }
  return { savedAt: offer.savedAt, changes: offer.changes, differences: offer.differences, ...(offer.items ? { items: offer.items } : {}), fileChangedSince: offer.fileChangedSince, issue: offer.issue };
}

/** Creates the services for one host process. */
export function createServices(opts: ServiceOptions): BroadsheetApi {
  const recent = opts.recentFile ? new RecentFiles(opts.recentFile) : undefined;
  const jobs = opts.exportJobs ?? new ExportJobs();
  const uploads = opts.uploads ?? new Uploads();
  // The file's hash when its edits began, per issue path (recovery tells whether it was saved elsewhere since).
  const bases = new Map<string, string | null>();
  const open = async (path: string): Promise<OpenedIssueDto> => {
    // Read once, without a lock: the host's session (onOpened) adopts these bytes and takes the lock.
    const opened = await openIssueFile(path, { readOnly: true, hash: true });
    const hash = opened.hash!;
    const read: HashedIssue = { issue: opened.issue, warnings: [...opened.warnings], hash, stamp: opened.stamp, migratedFrom: opened.migratedFrom };
    await recent?.add(path, opened.issue.paper).catch(() => {});
    const result = dto(opened);
    const recovery = await recoveryOffer(path, result.warnings, { issue: opened.issue, hash });
    bases.set(path, hash);
    if (recovery) result.recovery = recovery;
    opts.onOpened?.(result, read);
    return result;
  };
  return {
    async appInfo() {
      return { name: 'Broadsheet', version: opts.version ?? '0.1.0', locale: opts.locale ?? uiLocaleFor(systemLocale()) };
    },
    openStartupIssue: () => open(opts.startupIssue),
    openIssue: ({ path }) => open(path),
    async saveIssue({ path, issue }: { path: string; issue: Issue }) {
      // The hash of the bytes written is autosave's new base (no reading the file back).
      const { hash } = await saveIssueFile(path, issue, { hash: true });
      // The saved file now holds these edits: the autosaved copy has done its job.
      await discardRecovery(recoveryPathFor(path)).catch(() => {});
      bases.set(path, hash ?? null);
      await recent?.add(path, issue.paper).catch(() => {});
      opts.onSaved?.(path, issue);
      return { path };
    },
    async recentIssues() {
      if (!recent) return [];
      return (await recent.list()).map((e) => ({ path: e.path, title: e.title, exists: e.exists }));
    },
    listFolder: ({ path }) =>
      listFolder(
        {
          startupFolder: dirname(opts.startupIssue),
          recentFolders: async () => (recent ? (await recent.list()).filter((e) => e.exists).map((e) => dirname(e.path)) : []),
          ...(opts.homeFolder ? { home: opts.homeFolder } : {}),
        },
        path,
      ),
    async listTemplates() {
      // The folder's files as they are: the renderer builds the same registry from them as
      // export does (core/templates' templateRegistry). Named relative to the folder.
      return readTemplateFolder().map((f) => ({ ...f, file: `templates/${basename(f.file)}` }));
    },
    async listFonts() {
      return Object.entries(fontManifest()).map(([key, f]) => ({ key, family: f.family, weight: f.weight, url: `fonts/${key}`, ...(f.fallback ? { fallback: f.fallback } : {}) }));
    },
    async fontSubsets({ keys, text }) {
      const cps = [...new Set(Array.from(text, (ch) => ch.codePointAt(0)!))];
      const known = keys.filter((k) => Object.hasOwn(fontManifest(), k));
      if (known.length !== keys.length) throw new Error(`Unknown font: ${keys.filter((k) => !known.includes(k)).join(', ')}`);
      const cache = fontSubsets();
      return Promise.all(known.map(async (key) => ({ key, url: (await cache.subset(key, cps)).url })));
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
    async packageIssue({ issuePath, issue, to, overwrite }) {
      const r = await packageIssue(issuePath, issue, { to, overwrite });
      return { path: r.path, kind: r.kind, files: r.files.length, photos: issue.assets.length - r.missingPhotos.length, missingPhotos: r.missingPhotos, modifiedPhotos: r.modifiedPhotos, templates: r.templates, missingTemplates: r.missingTemplates };
    },
    async exportStatus({ jobId }) {
      return jobs.status(jobId);
    },
    async setUiLocale({ locale }) {
      opts.onUiLocale?.(locale);
      return { locale };
    },
    async autosaveIssue({ path, issue, changes }) {
      const v = validateIssue(issue);
      if (!v.ok) throw new Error(`not autosaved: ${v.problems[0].message} (at ${v.problems[0].path})`);
      const recoveryPath = recoveryPathFor(path);
      const savedAt = new Date().toISOString();
      const base = bases.get(path) ?? (await fileHash(path));
      bases.set(path, base);
      await writeRecovery(recoveryPath, { savedAt, issuePath: path, base, changes, issue });
      return { recoveryPath, savedAt };
    },
    async takeOverIssue({ path }) {
      // Locks are the host's (HostIssue wraps this); services without a host hold none.
      throw new Error(`this host holds no lock on ${path} to take over`);
    },
    async issueStatus() {
      return { readOnly: false };
    },
    async discardRecovery({ path }) {
      return { discarded: await discardRecovery(recoveryPathFor(path)) };
    },
    importCopy: (arg) => importCopyFiles(arg, { mayReadPath: opts.mayReadCopyPath }),
    async linkPhoto(arg) {
      const asset = await linkUploadedPhoto(arg, uploads);
      opts.onPhotoLinked?.(arg.issuePath, asset);
      return { asset };
    },
    async linksReport({ issuePath, issue }) {
      const r = await linksReport(issuePath, issue);
      return { ...r, entries: r.entries.map(({ expectedHash: _e, actualHash: _a, actualSize: _s, ...e }) => e) };
    },
    async acceptOutsideLink({ issuePath, issue, assetId, realPath }) {
      const a = issue.assets.find((x) => x.id === assetId);
      if (!a) throw Object.assign(new Error(`The issue has no photo '${assetId}'`), { code: 'ENOENT' });
      const asset = await acceptOutsideLink(issuePath, a, realPath);
      opts.onPhotoLinked?.(issuePath, asset);
      return { asset };
    },
  };
}
