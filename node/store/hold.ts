import type { HashedIssue } from './issue-file.js';
import type { IssueLock, LockStatus } from './lock.js';
import { openIssueFile } from './open.js';

/**
 * The hold a host keeps on the issue it shows: the lock beside the file that makes the issue
 * editable here, or why it is read-only (someone else holds the lock, or the file is one the
 * host always shows read-only). Edits, dirty state and autosave live in the renderer's editing
 * session (renderer/workspace/model/session.ts, renderer/src/autosave.ts); the services write
 * what it sends. Releasing the hold releases the lock and nothing else: a recovery file the
 * renderer autosaved stays for the next open to offer.
 */

export interface HoldOptions {
  /** When someone else has the issue open: fail with IssueLockedError (default) or hold it read-only. */
  ifLocked?: 'fail' | 'read-only';
  /** The user confirmed breaking a stale lock. */
  breakStaleLock?: boolean;
  /** The user takes the issue over from a live holder (AcquireOptions.takeOverLiveLock). */
  takeOverLiveLock?: boolean;
  /** Hold without a lock, read-only (the bundled sample). */
  readOnly?: boolean;
  /** Lock heartbeat interval (0: none). */
  heartbeatMs?: number;
  /** Template ids to validate against (default: the templates folder's and the built-ins). */
  knownTemplateIds?: Iterable<string> | null;
  /** The file as this process just read it (the services' open): adopted, not read again. */
  read?: HashedIssue;
}

export class IssueHold {
  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private lock: IssueLock | undefined,
    /** Warnings from the open (migration, read-only because locked…). */
    readonly warnings: string[],
    /** Who holds the lock when held read-only because of it. */
    readonly lockedBy?: LockStatus,
  ) {}

  /** Validates the issue file and takes its lock (or notes why it is read-only). Throws IssueFileError. */
  static async take(path: string, { read, ...opts }: HoldOptions = {}): Promise<IssueHold> {
    const opened = await openIssueFile(path, {
      lock: !opts.readOnly,
      readOnly: opts.readOnly,
      ifLocked: opts.ifLocked,
      breakStaleLock: opts.breakStaleLock,
      takeOverLiveLock: opts.takeOverLiveLock,
      heartbeatMs: opts.heartbeatMs,
      knownTemplateIds: opts.knownTemplateIds,
      read,
    });
    return new IssueHold(path, !!opened.readOnly, opened.lock, opened.warnings, opened.lockedBy);
  }

  /** Whether this hold still has the issue: its lock file is still its own (someone may have taken it over). */
  async stillHeld(): Promise<boolean> {
    return !this.readOnly && !!this.lock && (await this.lock.stillMine());
  }

  /** Releases the lock (the host closes the issue or shows another). */
  async release(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
  }
}
