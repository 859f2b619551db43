import type { ImportReport } from '../import/types.js';
import type { Asset, Issue, Story } from '../model/issue.js';
import type { IssueDifference } from '../model/differences.js';

/**
 * The one typed API between the renderer and the main-process services. Electron's IPC
 * (preload + contextBridge) and the loopback HTTP host are two transports of it; the
 * renderer cannot tell which one it talks to. Every method takes at most one plain-object
 * argument and returns JSON-serialisable data, so both transports carry it unchanged.
 * This file is zod-free so the sandboxed preload stays small; schemas.ts validates.
 */
export interface BroadsheetApi {
  /** Name, version and the UI locale the host suggests (system locale). */
  appInfo(): Promise<AppInfo>;
  /** The issue the host was started on (`--issue FILE`, else the bundled sample issue). */
  openStartupIssue(): Promise<OpenedIssueDto>;
  /** Opens and validates a `.broadsheet` file. */
  openIssue(arg: { path: string }): Promise<OpenedIssueDto>;
  /** Saves an issue atomically (previous version kept as .bak). */
  saveIssue(arg: { path: string; issue: Issue }): Promise<{ path: string }>;
  /** Recently opened issues, newest first. */
  recentIssues(): Promise<RecentIssueDto[]>;
  /**
   * One folder's subfolders and issue files, for the in-page Open and Save As dialogs (the
   * browser has no native ones): only inside the user's folders (home, the startup issue's
   * folder, recent issues' folders), symbolic links followed. No path: the startup issue's folder.
   */
  listFolder(arg: { path?: string }): Promise<FolderListingDto>;
  /** The page templates (templates/*.json) as data; composition validates them. */
  listTemplates(): Promise<TemplateDto[]>;
  /** The font faces the renderer may load, with the URL (relative to the app) of each file. */
  listFonts(): Promise<FontFaceDto[]>;
  /**
   * Subsets of faces for the characters in `text` (glyph ids, metrics and layout tables as in the
   * full file), made once and cached by font file and characters: the renderer paints and
   * composes its first page with them while the full files load.
   */
  fontSubsets(arg: { keys: string[]; text: string }): Promise<FontSubsetDto[]>;
  /** Composes and writes print PDF(s) of an issue file. */
  exportPdf(arg: ExportPdfArgs): Promise<ExportPdfResult>;
  /** Preflight of an issue as edited (not yet saved): what the plant would reject, before exporting. */
  preflightIssue(arg: PreflightIssueArgs): Promise<PreflightReportDto>;
  /** Starts exporting an issue as edited (off the host's event loop); poll exportStatus for progress. */
  startExport(arg: StartExportArgs): Promise<{ jobId: string }>;
  /** Progress of an export started with startExport, and its result once done. */
  exportStatus(arg: { jobId: string }): Promise<ExportStatusDto>;
  /**
   * Package: the issue as edited with every linked photo and the templates its pages use,
   * collected into a folder or a `.zip` (`to`) for a colleague or the plant; a package-report.txt
   * says what was collected and what was missing. Never writes over an existing one unless `overwrite`.
   */
  packageIssue(arg: { issuePath: string; issue: Issue; to: string; overwrite?: boolean }): Promise<PackageResultDto>;
  /**
   * Links a photo dropped on the page, or relinks an asset (same id) to a file the user picked:
   * the file sent first as an upload (the loopback host's `POST /api/upload`, the desktop
   * shell's uploadFile) is copied beside the issue (photos/), measured and hashed.
   */
  linkPhoto(arg: LinkPhotoArgs): Promise<{ asset: Asset }>;
  /**
   * Every photo link of the issue as edited, checked on disk (the Links panel): its status
   * (missing, modified, outside the folder …), where it is used, its pixel size.
   */
  linksReport(arg: { issuePath: string; issue: Issue }): Promise<LinksReportDto>;
  /**
   * Accepts a photo that links outside the issue's folder (a symbolic link out), after the user
   * confirmed `realPath` — refused when the link now leads elsewhere. Returns the asset with the
   * accepted real path and content hash recorded; the issue holds it once the renderer applies it.
   */
  acceptOutsideLink(arg: { issuePath: string; issue: Issue; assetId: string; realPath: string }): Promise<{ asset: Asset }>;
  /** The UI language the user chose in the renderer (the desktop shell relabels its menus). */
  setUiLocale(arg: { locale: UiLocale }): Promise<{ locale: UiLocale }>;
  /**
   * Autosaves unsaved edits of an issue to its recovery file (beside it, `.name.broadsheet.recovery`),
   * atomically; the issue file itself is not touched. The next open offers the recovery.
   */
  autosaveIssue(arg: { path: string; issue: Issue; changes: number }): Promise<{ recoveryPath: string; savedAt: string }>;
  /**
   * Makes the issue this host shows editable when it was opened read-only because of a lock: a
   * stale lock (its program gone, or silent for long) is broken and taken; a lock file deleted
   * meanwhile is simply taken; a live lock is left alone (the answer says who still holds it)
   * unless `force` (the user confirmed taking it from them: they are told on their next
   * issueStatus, and their saves are refused). The renderer keeps its document (a restored
   * recovery included) and may save at once.
   */
  takeOverIssue(arg: { path: string; force?: boolean }): Promise<IssueAccessDto>;
  /**
   * Whether this page may edit the issue it shows, asked every few seconds: it is also the
   * heartbeat that keeps the issue this page's while another tab on the same host opens it
   * (that tab opens read-only and may take it over; this one is then told here).
   */
  issueStatus(arg: { path: string }): Promise<IssueAccessDto>;
  /** Deletes an issue's recovery file (the user discarded the recovered edits). A normal save deletes it too. */
  discardRecovery(arg: { path: string }): Promise<{ discarded: boolean }>;
  /**
   * Imports copy files (plain text in UTF-8, GB18030/GBK or UTF-16; Word .docx) into stories of
   * the story schema with the import report: the browser sends the files' bytes, the desktop
   * shell the paths its own file dialog returned. A file that is not copy is answered with
   * `ok: false` naming it (nothing is imported); the files themselves are only read.
   */
  importCopy(arg: ImportCopyArgs): Promise<ImportCopyResultDto>;
}

/** What importCopy accepts: at most this many files, of at most these sizes (bytes, before base64). */
export const IMPORT_COPY_LIMITS = {
  files: 20,
  /** Plain text: a whole page of copy is about 20 KB (node/import MAX_TEXT_BYTES). */
  textBytes: 8 * 1024 * 1024,
  /** Word files carry their photos; bounded by what one API request carries. */
  docxBytes: 40 * 1024 * 1024,
  /** All files of one call together. */
  totalBytes: 40 * 1024 * 1024,
} as const;

/** The size limit of one copy file by its name (.docx or text). */
export function copyFileLimit(name: string): number {
  return /\.docx$/i.test(name) ? IMPORT_COPY_LIMITS.docxBytes : IMPORT_COPY_LIMITS.textBytes;
}

export interface ImportCopyArgs {
  /** Files picked in the browser: the file's name (no folder) and its bytes, base64. */
  files?: Array<{ name: string; dataBase64: string }>;
  /** Files picked in the desktop shell's Import Copy dialog (the main process reads only paths its dialog returned). */
  paths?: string[];
  /** Story ids the issue already has: new stories get other ids. */
  existingIds?: string[];
  /** Remove repeated paragraphs instead of only flagging them. */
  dropRepeats?: boolean;
}

/** Why a copy file was refused (node/import's CopyFileError codes, and a file with no stories in it). */
export type CopyProblemCode = 'empty' | 'too-large' | 'binary' | 'wrong-format' | 'unreadable' | 'bad-docx' | 'no-stories';

export type ImportCopyResultDto =
  | {
      ok: true;
      /** Model stories, in copy order; none is placed yet. */
      stories: Story[];
      report: ImportReport;
      /** How each file was read: its encoding, or "docx". */
      files: Array<{ name: string; format: string }>;
    }
  | { ok: false; file: string; code: CopyProblemCode; message: string };

export interface PreflightIssueArgs {
  /** The issue file: photo paths resolve against its folder. */
  issuePath: string;
  issue: Issue;
  pdfx?: boolean;
}

export interface PreflightFindingDto {
  severity: 'error' | 'warning';
  code: string;
  /** Page number as printed, and the plant's label (A01). */
  page?: number;
  pageLabel?: string;
  storyId?: string;
  /** The story in the editor's words: its headline (or slug). */
  story?: string;
  assetId?: string;
  message: string;
  /** The message's values by name, for the UI to say it in the user's language (renderer: finding.<code>). */
  params?: Record<string, string | number>;
}

export interface PreflightReportDto {
  errors: PreflightFindingDto[];
  warnings: PreflightFindingDto[];
  /** For PDF/X: the printing condition and the profile photos are separated with. */
  print?: { condition: string; info: string; profile: string; inkLimit: number; intent: string };
}

export interface StartExportArgs {
  issuePath: string;
  /** The issue as edited; exported as it is on screen, whether saved or not. */
  issue: Issue;
  /** One PDF of the selected pages — or, with `splitDir`, one PDF per page in that folder, named for the plant (2026-11-22_A01.pdf). */
  output?: string;
  splitDir?: string;
  pages?: string;
  pdfx?: boolean;
  /** Grow each page by this much on every side (mm, 0–20) and add a BleedBox. */
  bleedMm?: number;
  /** Crop marks outside the trim. */
  marks?: boolean;
  /** Write the PDF although preflight found errors. */
  ignoreErrors?: boolean;
}

export interface ExportStatusDto {
  phase: 'open' | 'compose' | 'preflight' | 'paint' | 'done' | 'failed';
  done: number;
  total: number;
  /** Set once the export finished (ok or refused by preflight). */
  result?: ExportPdfResult & { report: PreflightReportDto };
  /** Set when the export failed (unreadable issue, write error). */
  error?: string;
}

export interface LinkPhotoArgs {
  issuePath: string;
  /** Asset id to give the photo (the renderer keeps ids unique in its issue; an existing id relinks that asset). */
  id: string;
  /** The dropped file's name, e.g. 现场.jpg. */
  name: string;
  /** The id the upload of the file's bytes answered (uploads are used once). */
  upload: string;
}

/** Limits of one upload (a photo's bytes sent before linkPhoto). */
export const UPLOAD_LIMITS = {
  /** A camera original is 5–30 MB; a scan or TIFF may be more. */
  maxBytes: 64 * 1024 * 1024,
  /** The whole upload, from the first byte to the last; under the host's 120 s request limit, so the answer is a 408, not a cut connection. */
  timeoutMs: 110_000,
} as const;

/** What an upload answers: the id linkPhoto takes, and the bytes received. */
export interface UploadDto {
  upload: string;
  bytes: number;
}

/** A photo link's state (node/store/links.ts, LinkStatus). */
export type LinkStatusDto = 'ok' | 'missing' | 'modified' | 'unverified' | 'invalid-path' | 'outside' | 'outside-accepted' | 'unreadable';

export interface LinkEntryDto {
  id: string;
  path: string;
  status: LinkStatusDto;
  usedOnPages: number[];
  /** The photo frames showing it. */
  frames: Array<{ page: number; pageIndex: number; frameId: string }>;
  usedInStories: string[];
  /** Pixel size on disk when readable, else as linked. */
  widthPx?: number;
  heightPx?: number;
  /** Where an outside link really leads. */
  realPath?: string;
  message: string;
}

export interface LinksReportDto {
  entries: LinkEntryDto[];
  counts: Record<LinkStatusDto, number>;
  summary: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** 'zh-CN' or 'en'. */
  locale: UiLocale;
}

export type UiLocale = 'zh-CN' | 'en';

export interface OpenedIssueDto {
  path: string;
  issue: Issue;
  warnings: string[];
  readOnly: boolean;
  /** Who holds the file's lock, when that is why the issue is read-only here. */
  lock?: IssueLockDto;
  /** Edits autosaved after the last save (a crash or a close without saving): offered for restoring. */
  recovery?: RecoveryOfferDto;
}

/** Another program's lock on an issue file (or another tab editing it), as data for a message in the UI's language. */
export interface IssueLockDto {
  /** Another tab of this host is editing it (the same user's; always free to take over). */
  tab?: boolean;
  owner: string;
  host: string;
  /** When the lock was taken (ISO), if the lock file says. */
  since?: string;
  /** When the other tab was last heard from (ISO; tab locks). */
  seen?: string;
  /** Taken on this computer. */
  sameHost: boolean;
  /** Its holder is gone (process ended) or silent past the limit: it may be taken over. */
  stale: boolean;
  staleKind?: 'process-gone' | 'silent' | 'unreadable';
  silentMinutes?: number;
}

export interface IssueAccessDto {
  readOnly: boolean;
  /** Who still holds the lock, when it could not be taken (a live holder). */
  lock?: IssueLockDto;
}

/** What a recovery file would restore. */
export interface RecoveryOfferDto {
  savedAt: string;
  /** Edits counted since the last save. */
  changes: number;
  /** How the recovered issue differs from the file, one line each (English). */
  differences: string[];
  /** The same as data, for the app to word in the user's language; none when the file cannot be read. */
  items?: IssueDifference[];
  /** The file was saved again (elsewhere) after these edits began. */
  fileChangedSince: boolean;
  issue: Issue;
}

export interface RecentIssueDto {
  path: string;
  title?: string;
  exists: boolean;
}

/** One file of the templates folder (core/templates' TemplateFile): its JSON, or why it is not a template. */
/** A folder the in-page file dialogs may browse from. */
export interface FolderRootDto {
  /** Its real path (symbolic links followed). */
  path: string;
  kind: 'home' | 'startup' | 'recent';
}

export interface FolderListingDto {
  /** The folder's real path. */
  path: string;
  name: string;
  /** The folder above, while still inside one of the roots. */
  parent?: string;
  /** The host's path separator (the renderer joins a typed file name with it). */
  sep: string;
  roots: FolderRootDto[];
  folders: { name: string; path: string }[];
  issues: { name: string; path: string; size: number; modified: string }[];
  /** More entries than listed (FOLDER_ENTRIES_MAX). */
  truncated?: boolean;
}

export interface PackageResultDto {
  path: string;
  kind: 'folder' | 'zip';
  files: number;
  photos: number;
  missingPhotos: string[];
  modifiedPhotos: string[];
  templates: string[];
  missingTemplates: string[];
}

export interface TemplateDto {
  /** templates/<name>.json */
  file: string;
  /** The file's JSON as written. */
  data?: unknown;
  /** Unreadable or not JSON. */
  problem?: string;
}

export interface FontFaceDto {
  key: string;
  family: string;
  weight: number;
  /** Relative URL of the font file, e.g. `fonts/serif` (served by the host). */
  url: string;
  fallback?: string;
}

export interface FontSubsetDto {
  key: string;
  /** Relative URL of the subset file, e.g. `font-subsets/serif-<hash>.ttf` (immutable). */
  url: string;
}

export interface ExportPdfArgs {
  issuePath: string;
  /** One PDF for the selected pages. */
  output: string;
  /** Page numbers as printed, "1,3-4"; default all. */
  pages?: string;
  pdfx?: boolean;
}

export interface ExportPdfResult {
  ok: boolean;
  files: string[];
  pages: number;
  bytes: number;
  errors: string[];
  warnings: string[];
}

export type ApiMethod = keyof BroadsheetApi;

/** Every method name, in a fixed order (the transports build their proxies from it). */
export const API_METHODS = [
  'appInfo',
  'openStartupIssue',
  'openIssue',
  'saveIssue',
  'recentIssues',
  'listFolder',
  'listTemplates',
  'listFonts',
  'fontSubsets',
  'exportPdf',
  'preflightIssue',
  'startExport',
  'exportStatus',
  'packageIssue',
  'linkPhoto',
  'linksReport',
  'acceptOutsideLink',
  'setUiLocale',
  'autosaveIssue',
  'takeOverIssue',
  'issueStatus',
  'discardRecovery',
  'importCopy',
] as const satisfies readonly ApiMethod[];

/** Why a call failed, as both transports report it. */
export type ApiErrorCode = 'bad-arguments' | 'unknown-method' | 'not-found' | 'refused' | 'failed';

/**
 * What went wrong, for the UI to say in its own language: `message` is the host's English
 * sentence (logs, the CLI); a Chinese UI says the reason with its `params` instead
 * (renderer/src/host-errors.ts), and shows the English message where there is no reason.
 */
export const HOST_ERROR_REASONS = [
  'issue.not-found',
  'issue.unreadable',
  'issue.too-large',
  'issue.empty',
  'issue.not-text',
  'issue.not-json',
  'issue.truncated',
  'issue.wrong-format',
  'issue.newer-version',
  'issue.invalid',
  'issue.locked',
  'issue.locked-save',
  'issue.disk-full',
  'issue.write-failed',
  'folder.not-found',
  'folder.outside',
  'folder.not-a-folder',
  'edit.taken-over',
  'edit.open-elsewhere',
  'upload.too-large',
  'upload.busy',
  'upload.full',
  'upload.timeout',
  'file.not-found',
  'host.unreachable',
  'host.bad-answer',
  'upload.unreachable',
] as const;
export type HostErrorReason = (typeof HOST_ERROR_REASONS)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** For bad-arguments: the dotted path of the first bad field, e.g. `issue.pages.0.number`. */
  field?: string;
  /** Why, as a key the UI translates (with `params`); absent for failures the host cannot name. */
  reason?: HostErrorReason;
  params?: Record<string, string | number>;
}

/** What a transport carries back for one call. */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** A failed API call, thrown on the renderer side by either transport. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly reason?: HostErrorReason;
  readonly params?: Record<string, string | number>;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    if (body.field !== undefined) this.field = body.field;
    if (body.reason !== undefined && (HOST_ERROR_REASONS as readonly string[]).includes(body.reason)) {
      this.reason = body.reason;
      this.params = body.params;
    }
  }
}

/** Builds a BroadsheetApi over a transport's raw call; failures become thrown ApiErrors. */
export function createApiClient(call: (method: ApiMethod, arg: unknown) => Promise<ApiResult>): BroadsheetApi {
  const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (arg?: unknown) => {
      const result = await call(method, arg);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    };
  }
  return api as unknown as BroadsheetApi;
}
