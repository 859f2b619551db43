import type { BroadsheetApi, OpenedIssueDto } from '../../core/api/index.js';
import type { Asset, Issue } from '../../core/model/issue.js';
import { IssueHold, canonicalIssuePath, type HashedIssue } from '../store/index.js';

/**
 * The issue a host shows — the Electron window's, or the loopback host's page — with the file
 * store's IssueHold on it: the lock that makes it editable here (read-only when someone else
 * has it open), and the path photos are served from. Both hosts keep one of these, so the
 * renderer is told the same thing about an issue in either.
 */
export interface HostIssueOptions {
  /** Files opened read-only whatever their lock says (the bundled sample). */
  readOnlyPaths?: string[];
  /** "read-only" in the UI language, for the holder's note. */
  readOnlyLabel?: () => string;
  /** After the shown issue or its hold changed (title, recent list, menu). */
  onChange?: (host: HostIssue) => void;
  /** The issue could not be held (it stays shown, read-only). */
  onHoldError?: (path: string, err: unknown) => void;
}

export class HostIssue {
  /** The issue as last opened or saved; null path until one is. */
  shown: OpenedIssueDto | undefined;
  hold: IssueHold | null = null;
  private adopting: Promise<void> = Promise.resolve();
  private readonly readOnly: Set<string>;

  constructor(private readonly opts: HostIssueOptions = {}) {
    this.readOnly = new Set((opts.readOnlyPaths ?? []).map((p) => canonicalIssuePath(p)));
  }

  /** ServiceOptions.onOpened: `read` is the file as the services read it, which a new hold adopts. */
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
    if (this.hold && this.hold.path !== path) {
      await this.hold.release().catch(() => {});
      this.hold = null;
    }
    if (!this.hold) {
      this.hold = await IssueHold.take(path, { ifLocked: 'read-only', readOnly: this.isReadOnlyPath(path), read }).catch((err) => {
        this.opts.onHoldError?.(path, err);
        return null;
      });
    }
    this.opts.onChange?.(this);
  }

  /** An opened issue as the renderer should see it: editable per the hold, with who holds it otherwise. */
  async describe(opened: OpenedIssueDto): Promise<OpenedIssueDto> {
    await this.adopting;
    const s = this.hold;
    if (!s || s.path !== opened.path) return { ...opened, readOnly: true };
    const warnings = [...new Set([...opened.warnings, ...s.warnings])];
    const holder = s.lockedBy?.holder;
    if (holder && !warnings.some((w) => w.includes(holder))) warnings.push(`${this.opts.readOnlyLabel?.() ?? 'read-only'}: ${holder}`);
    return { ...opened, readOnly: s.readOnly, warnings };
  }

  /** The services with openStartupIssue / openIssue answering per the hold; `startup` may replace the startup issue. */
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

  /** Releases the lock (the host is closing, or shows no issue). Autosaved edits stay on disk. */
  async close(): Promise<void> {
    await this.adopting.catch(() => {});
    const s = this.hold;
    this.hold = null;
    await s?.release().catch(() => {});
  }
}
