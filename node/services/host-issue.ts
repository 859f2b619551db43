import type { BroadsheetApi, OpenedIssueDto } from '../../core/api/index.js';
import type { Asset, Issue } from '../../core/model/issue.js';
import { IssueSession, canonicalIssuePath, type HashedIssue } from '../store/index.js';

/**
 * The issue a host shows — the Electron window's, or the loopback host's page — with the file
 * store's IssueSession behind it: the lock that makes it editable here (read-only when someone
 * else has it open), recovery found at open, and the path photos are served from. Both hosts
 * keep one of these, so the renderer is told the same thing about an issue in either.
 */
export interface HostIssueOptions {
  /** app.getPath('userData') (Electron): recovery of untitled issues and unwritable folders. */
  userDataDir?: string;
  /** Files opened read-only whatever their lock says (the bundled sample). */
  readOnlyPaths?: string[];
  /** "read-only" in the UI language, for the holder's note. */
  readOnlyLabel?: () => string;
  /** After the shown issue or its session changed (title, recent list, menu). */
  onChange?: (host: HostIssue) => void;
  /** A session could not be opened (the issue stays shown, read-only). */
  onSessionError?: (path: string, err: unknown) => void;
}

export class HostIssue {
  /** The issue as last opened or saved; null path until one is. */
  shown: OpenedIssueDto | undefined;
  session: IssueSession | null = null;
  private adopting: Promise<void> = Promise.resolve();
  private readonly readOnly: Set<string>;

  constructor(private readonly opts: HostIssueOptions = {}) {
    this.readOnly = new Set((opts.readOnlyPaths ?? []).map((p) => canonicalIssuePath(p)));
  }

  /** ServiceOptions.onOpened: `read` is the file as the services read it, which a new session adopts. */
  readonly opened = (o: OpenedIssueDto, read?: HashedIssue): void => {
    this.shown = o;
    this.adopting = this.adopt(o.path, read);
  };

  /** ServiceOptions.onSaved: Save As moves the issue (and its lock). */
  readonly saved = (path: string, issue: Issue): void => {
    this.shown = { path, issue, warnings: [], readOnly: false };
    this.adopting = this.adopt(path);
  };

  /** ServiceOptions.onPhotoLinked: a photo dropped in the workspace is served at once. */
  readonly photoLinked = (path: string, asset: Asset): void => {
    const o = this.shown;
    if (o && o.path === path) this.shown = { ...o, issue: { ...o.issue, assets: [...o.issue.assets.filter((a) => a.id !== asset.id), asset] } };
  };

  /** Whether a path is one of the always-read-only files. */
  isReadOnlyPath(path: string): boolean {
    return this.readOnly.has(canonicalIssuePath(path));
  }

  private async adopt(path: string, read?: HashedIssue): Promise<void> {
    await this.adopting.catch(() => {});
    if (this.session && this.session.path !== path) {
      await this.session.close().catch(() => {});
      this.session = null;
    }
    if (!this.session) {
      this.session = await IssueSession.open(path, { userDataDir: this.opts.userDataDir, ifLocked: 'read-only', readOnly: this.isReadOnlyPath(path), read }).catch((err) => {
        this.opts.onSessionError?.(path, err);
        return null;
      });
    }
    this.opts.onChange?.(this);
  }

  /** An opened issue as the renderer should see it: editable per the session, with who holds it otherwise. */
  async describe(opened: OpenedIssueDto): Promise<OpenedIssueDto> {
    await this.adopting;
    const s = this.session;
    if (!s || s.path !== opened.path) return { ...opened, readOnly: true };
    const warnings = [...new Set([...opened.warnings, ...s.warnings])];
    const holder = s.lockedBy?.holder;
    if (holder && !warnings.some((w) => w.includes(holder))) warnings.push(`${this.opts.readOnlyLabel?.() ?? 'read-only'}: ${holder}`);
    return { ...opened, readOnly: s.readOnly, warnings };
  }

  /** The services with openStartupIssue / openIssue answering per the session; `startup` may replace the startup issue. */
  wrap(base: BroadsheetApi, startup?: () => string | undefined): BroadsheetApi {
    return {
      ...base,
      openStartupIssue: async () => {
        const path = startup?.();
        return this.describe(await (path ? base.openIssue({ path }) : base.openStartupIssue()));
      },
      openIssue: async (arg) => this.describe(await base.openIssue(arg)),
    };
  }

  /** Releases the lock and flushes autosave (the host is closing). */
  async close(): Promise<void> {
    await this.adopting.catch(() => {});
    const s = this.session;
    this.session = null;
    await s?.close().catch(() => {});
  }
}
