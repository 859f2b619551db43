import { basename } from 'node:path';
import type { Issue } from '../../core/model/issue.js';
import { readIssueFile, type HashedIssue } from './issue-file.js';
import { IssueFileError } from './errors.js';
import { acquireLock, readLock, type IssueLock, type LockStatus, IssueLockedError } from './lock.js';
import { Autosaver, checkRecovery, discardRecovery, findRecoveryIn, type RecoveryOffer } from './recovery.js';
import { canonicalIssuePath } from './recent.js';
import { saveIssueFile, openIssueFile } from './open.js';

/**
 * One open issue as the main process keeps it for a window: the issue, its path, lock,
 * dirty state (saved generation vs current), autosave, and the recovery found at open.
 * The Electron shell wires menus and window events to these methods; it decides nothing
 * about files itself.
 */

export interface SessionOptions {
  /** app.getPath('userData'): recovery of untitled issues and of unwritable folders. */
  userDataDir?: string;
  autosaveDelayMs?: number;
  autosaveMaxDelayMs?: number;
  /** Lock heartbeat interval (0: none). */
  heartbeatMs?: number;
  onAutosaveError?: (err: unknown) => void;
  /** Template ids to validate against (default: templates/). */
  knownTemplateIds?: Iterable<string> | null;
}

export interface OpenSessionOptions extends SessionOptions {
  /** When someone else has the issue open: fail with IssueLockedError (default) or open read-only. */
  ifLocked?: 'fail' | 'read-only';
  /** The user confirmed breaking a stale lock. */
  breakStaleLock?: boolean;
  readOnly?: boolean;
  /** The file as this process just read it (the services' open): adopted, not read again. */
  read?: HashedIssue;
}

export class IssueSession {
  private generation = 0;
  private savedGeneration = 0;
  private autosaver: Autosaver;
  private closed = false;

  private constructor(
    public path: string | null,
    public issue: Issue,
    readonly opts: SessionOptions,
    public readOnly: boolean,
    private lock: IssueLock | undefined,
    base: string | null,
    /** Warnings from the open (migration, read-only because locked…). */
    readonly warnings: string[] = [],
    /** Recovery found beside the file at open: offer it (restore / discard) before editing. */
    public recovery: RecoveryOffer | { problem: string; recoveryPath: string } | null = null,
    /** Who holds the lock when opened read-only because of it. */
    readonly lockedBy?: LockStatus,
  ) {
    this.autosaver = this.makeAutosaver(base);
  }

  private makeAutosaver(base: string | null): Autosaver {
    return new Autosaver({
      issuePath: this.path,
      userDataDir: this.opts.userDataDir,
      current: () => this.issue,
      delayMs: this.opts.autosaveDelayMs,
      maxDelayMs: this.opts.autosaveMaxDelayMs,
      base,
      onError: this.opts.onAutosaveError,
    });
  }

  /** Opens an issue for editing: validates, takes the lock, checks for a recovery file. Throws IssueFileError. */
  static async open(path: string, { read, ...opts }: OpenSessionOptions = {}): Promise<IssueSession> {
    // One read of the file (or none, when adopted): the recovery check and autosave's base use its bytes.
    const opened = await openIssueFile(path, { lock: !opts.readOnly, readOnly: opts.readOnly, ifLocked: opts.ifLocked, breakStaleLock: opts.breakStaleLock, heartbeatMs: opts.heartbeatMs, knownTemplateIds: opts.knownTemplateIds, read, hash: true });
    const file = { issue: opened.issue, hash: opened.hash ?? null };
    let recovery = await checkRecovery(path, { file });
    // Autosaves that fell back to the user data folder (the issue's folder was not writable).
    if (!recovery && opts.userDataDir) recovery = await findRecoveryIn(opts.userDataDir, path, { file });
    return new IssueSession(path, opened.issue, opts, !!opened.readOnly, opened.lock, file.hash, opened.warnings, recovery, opened.lockedBy);
  }

  /** A new, never-saved issue (autosaves to the user data folder). */
  static untitled(issue: Issue, opts: SessionOptions): IssueSession {
    const s = new IssueSession(null, issue, opts, false, undefined, null);
    s.generation = 1; // unsaved from the start
    return s;
  }

  /** Unsaved changes exist. */
  get dirty(): boolean {
    return this.generation !== this.savedGeneration;
  }

  /** Where autosaves of this session go. */
  get recoveryPath(): string {
    return this.autosaver.recoveryPath;
  }

  /** The window title: modified mark, file name, read-only mark. */
  title(appName = 'Broadsheet', readOnlyLabel = 'read-only'): string {
    const name = this.path ? basename(this.path) : `${this.issue.paper} ${this.issue.date}`.trim() || 'Untitled';
    return `${this.dirty ? '● ' : ''}${name}${this.readOnly ? ` (${readOnlyLabel})` : ''} — ${appName}`;
  }

  /** Records an edit (the renderer sends the new issue); autosave follows within seconds. */
  update(issue: Issue): void {
    if (this.closed) throw new Error('IssueSession: update after close');
    if (this.readOnly) throw new IssueFileError(this.path ?? 'untitled', 'locked', `"${this.path}" is open read-only; save a copy with Save As to keep changes.`);
    this.issue = issue;
    this.generation++;
    this.autosaver.changed();
  }

  /** Restores the edits of the recovery offered at open; they stay in the recovery file until saved. */
  restoreRecovery(): Issue | undefined {
    const r = this.recovery;
    if (!r || 'problem' in r) return undefined;
    this.update(r.issue);
    this.recovery = null;
    return this.issue;
  }

  /** The user declined the recovery: removes the recovery file. */
  async discardRecovery(): Promise<void> {
    const r = this.recovery;
    this.recovery = null;
    if (r) await discardRecovery(r.recoveryPath);
  }

  /** Saves to the session's file (atomic, .bak kept); clears recovery when no edit came in meanwhile. */
  async save(): Promise<void> {
    if (!this.path) throw new IssueFileError('untitled', 'write-failed', 'This issue has not been saved yet: choose a file with Save As.');
    if (this.readOnly) throw new IssueFileError(this.path, 'locked', `"${this.path}" is open read-only; save a copy with Save As.`);
    const gen = this.generation;
    const changesAtSave = this.autosaver.pendingChanges;
    const { hash } = await saveIssueFile(this.path, this.issue, { clearRecovery: false, hash: true });
    this.savedGeneration = gen;
    await this.autosaver.saved({ issuePath: this.path, base: hash ?? null, changesAtSave });
  }

  /** Saves under a new name: takes the new file's lock, releases the old one; the session follows the new file. */
  async saveAs(newPath: string): Promise<void> {
    const same = this.path && canonicalIssuePath(newPath) === canonicalIssuePath(this.path);
    if (same) return this.save();
    const st = await readLock(newPath);
    if (st.held && !st.mine && !st.stale) throw new IssueLockedError(newPath, st, 'save');
    const lock = await acquireLock(newPath, { heartbeatMs: this.opts.heartbeatMs, breakStaleLock: true }).catch(() => undefined);
    const gen = this.generation;
    const changesAtSave = this.autosaver.pendingChanges;
    let written;
    try {
      written = await saveIssueFile(newPath, this.issue, { clearRecovery: false, hash: true });
    } catch (err) {
      await lock?.release();
      throw err;
    }
    await this.lock?.release();
    this.lock = lock;
    this.path = newPath;
    this.readOnly = false;
    this.savedGeneration = gen;
    await this.autosaver.saved({ issuePath: newPath, base: written.hash ?? null, changesAtSave });
  }

  /** Revert: drops unsaved edits (and their recovery file) and reloads the file. */
  async revert(): Promise<Issue> {
    if (!this.path) throw new IssueFileError('untitled', 'not-found', 'This issue has never been saved; there is nothing to revert to.');
    const parsed = await readIssueFile(this.path, { knownTemplateIds: this.opts.knownTemplateIds, hash: true });
    await this.autosaver.discard();
    this.issue = parsed.issue;
    this.generation = this.savedGeneration = 0;
    this.autosaver = this.makeAutosaver(parsed.hash ?? null);
    return this.issue;
  }

  /**
   * Closes the session. `discardChanges: true` when the user chose "Don't save" (the recovery
   * file goes); otherwise pending edits are flushed to the recovery file, which stays.
   */
  async close(opts: { discardChanges?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (opts.discardChanges || !this.dirty) await this.autosaver.discard();
    else {
      await this.autosaver.flush();
      this.autosaver.dispose();
    }
    await this.lock?.release();
  }
}

/** Open issues by canonical path, so a second open of the same issue focuses its window. */
export class OpenIssues<T> {
  private map = new Map<string, T>();
  get(path: string): T | undefined {
    return this.map.get(canonicalIssuePath(path));
  }
  set(path: string, owner: T): void {
    this.map.set(canonicalIssuePath(path), owner);
  }
  delete(path: string): void {
    this.map.delete(canonicalIssuePath(path));
  }
}
