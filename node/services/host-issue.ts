import type { BroadsheetApi, IssueLockDto, OpenedIssueDto, IssueAccessDto } from '../../core/api/index.js';
import type { LockStatus } from '../store/lock.js';
import { TabEditors, EditRefused } from './tab-editors.js';
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
  private readonly tabs = new TabEditors();

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
    // Another issue, or this one held read-only because of someone's lock (which may be gone
    // by now: opening again takes it, no restart needed).
    if (this.hold && (this.hold.path !== path || this.hold.lockedBy)) {
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
    const lock = s.readOnly ? lockDto(s.lockedBy) : undefined;
    // The lock is told as data (the renderer words it in its language), not as a warning too.
    const shown = lock ? warnings.filter((w) => !w.startsWith('Opened read-only: ')) : warnings;
    return { ...opened, readOnly: s.readOnly, warnings: shown, ...(lock ? { lock } : {}) };
  }

  /**
   * Takes the shown issue's lock when it was held read-only because of one: a stale lock is
   * broken (the user asked, in one click), a lock file deleted meanwhile is simply taken, a live
   * one stays (and is told again). Nothing is re-read: the renderer keeps its document.
   */
  async takeOver(path: string, force = false): Promise<IssueAccessDto> {
    await this.adopting.catch(() => {});
    const s = this.hold;
    if (!s || canonicalIssuePath(s.path) !== canonicalIssuePath(path)) throw new Error(`"${path}" is not the issue open here; open it first`);
    if (!s.readOnly) return { readOnly: false };
    if (!s.lockedBy) return { readOnly: true };
    const next = await IssueHold.take(s.path, { ifLocked: 'read-only', breakStaleLock: true, takeOverLiveLock: force });
    await s.release().catch(() => {});
    this.hold = next;
    if (this.shown?.path === s.path) this.shown = { ...this.shown, readOnly: next.readOnly };
    this.opts.onChange?.(this);
    const lock = next.readOnly ? lockDto(next.lockedBy) : undefined;
    return { readOnly: next.readOnly, ...(lock ? { lock } : {}) };
  }

  /**
   * The services with openStartupIssue / openIssue answering per the hold; `startup` may replace
   * the startup issue. With `client` (the loopback host's per-tab id), which tab edits the issue
   * is kept too (TabEditors): a second tab opens it read-only and may take it over.
   */
  wrap(base: BroadsheetApi, startup?: () => string | undefined, client?: string): BroadsheetApi {
    const open = async (opened: Promise<OpenedIssueDto>): Promise<OpenedIssueDto> => {
      const r = await this.describe(await opened);
      if (!client || r.readOnly) return r;
      const other = this.tabs.other(r.path, client);
      if (other && !other.stale) {
        // Another tab edits it: read-only here, and its autosave is not a crash to recover from.
        const { recovery: _, ...rest } = r;
        return { ...rest, readOnly: true, lock: other };
      }
      this.tabs.claim(r.path, client);
      return r;
    };
    const write = (path: string) => {
      const hold = this.hold;
      if (!hold || canonicalIssuePath(path) !== canonicalIssuePath(hold.path)) return;
      // Held read-only (someone else took it over, or holds it): this page's writes would go over theirs.
      if (hold.readOnly && hold.lockedBy?.held && !hold.lockedBy.stale) throw new EditRefused('open-elsewhere', path.split(/[\\/]/).pop() ?? path, `"${path.split(/[\\/]/).pop()}" is open by ${hold.lockedBy.holder ?? 'someone else'}; this page's edits were not written — keep them with Save As`, hold.lockedBy.holder);
      if (client) this.tabs.mayWrite(path, client);
    };
    return {
      ...base,
      openStartupIssue: async () => {
        const path = startup?.();
        return open(path ? base.openIssue({ path }) : base.openStartupIssue());
      },
      openIssue: (arg) => open(base.openIssue(arg)),
      takeOverIssue: async ({ path, force }) => {
        const r = await this.takeOver(path, force);
        if (client && !r.readOnly) this.tabs.claim(path, client);
        return r;
      },
      issueStatus: async ({ path }) => this.status(path, client),
      saveIssue: async (arg) => (write(arg.path), base.saveIssue(arg)),
      autosaveIssue: async (arg) => (write(arg.path), base.autosaveIssue(arg)),
      discardRecovery: async (arg) => (write(arg.path), base.discardRecovery(arg)),
      linkPhoto: async (arg) => (write(arg.issuePath), base.linkPhoto(arg)),
      acceptOutsideLink: async (arg) => (write(arg.issuePath), base.acceptOutsideLink(arg)),
    };
  }

  /** Whether `client` may edit `path` now (issueStatus); the editing tab's call keeps it its own. */
  private async status(path: string, client: string | undefined): Promise<IssueAccessDto> {
    await this.adopting.catch(() => {});
    const s = this.hold;
    if (!s || canonicalIssuePath(s.path) !== canonicalIssuePath(path)) return { readOnly: true };
    if (!s.readOnly && !this.isReadOnlyPath(s.path) && !(await s.stillHeld())) {
      // Taken over by another program: from now on this host holds the issue read-only.
      await s.release().catch(() => {});
      this.hold = await IssueHold.take(s.path, { ifLocked: 'read-only' }).catch(() => null);
      this.opts.onChange?.(this);
      return this.status(path, client);
    }
    if (s.readOnly) {
      const lock = lockDto(s.lockedBy);
      return { readOnly: true, ...(lock ? { lock } : {}) };
    }
    if (!client) return { readOnly: false };
    if (this.tabs.touch(path, client)) return { readOnly: false };
    const other = this.tabs.other(path, client);
    if (other) return { readOnly: true, lock: other };
    this.tabs.claim(path, client);
    return { readOnly: false };
  }

  /** Releases the lock (the host is closing, or shows no issue). Autosaved edits stay on disk. */
  async close(): Promise<void> {
    await this.adopting.catch(() => {});
    const s = this.hold;
    this.hold = null;
    await s?.release().catch(() => {});
  }
}

function lockDto(l: LockStatus | undefined): IssueLockDto | undefined {
  if (!l?.held || l.mine) return undefined;
  return {
    owner: l.info?.owner ?? '',
    host: l.info?.host ?? '',
    ...(l.info?.since ? { since: l.info.since } : {}),
    sameHost: !!l.sameHost,
    stale: l.stale,
    ...(l.staleKind ? { staleKind: l.staleKind } : {}),
    ...(l.silentMinutes !== undefined ? { silentMinutes: l.silentMinutes } : {}),
  };
}
