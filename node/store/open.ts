import type { Issue } from '../../core/model/issue.js';
import { stat } from 'node:fs/promises';
import { readIssueFile, writeIssueFile, type FileStamp, type HashedIssue, type ParsedIssue, type ParseOptions, type SaveOptions } from './issue-file.js';
import { acquireLock, readLock, IssueLock, IssueLockedError, type AcquireOptions, type LockStatus } from './lock.js';
import { discardRecovery, readRecovery, recoveryPathFor } from './recovery.js';
import { IssueFileError } from './errors.js';
import { cleanStaleTemps } from './atomic.js';

/** An issue opened for editing or inspection. */
export interface OpenedIssue {
  issue: Issue;
  /** The file as given. */
  path: string;
  /** Things the editor should know but that did not stop the open (migration, missing figure photos, read-only). */
  warnings: string[];
  /** Set when the issue was opened read-only (asked for, or someone else holds the lock). */
  readOnly?: boolean;
  /** The lock this process now holds (when `lock: true`); release it on close. */
  lock?: IssueLock;
  /** Who holds the lock, when opened read-only because of it. */
  lockedBy?: LockStatus;
  /** The format version the file was upgraded from, if it was older (saving writes the current version). */
  migratedFrom?: number;
  /** sha256 (hex) of the bytes read, with `hash: true` or when adopted from `read`. */
  hash?: string;
  /** The file's modification time and size when it was read (an adopted `read` is checked against it once locked). */
  stamp?: FileStamp;
}

export interface OpenOptions extends ParseOptions, AcquireOptions {
  /** Take the lock beside the file (the editor does; the CLI and previews do not). Default false. */
  lock?: boolean;
  /** Open without a lock, read-only. */
  readOnly?: boolean;
  /** When someone else holds the lock: throw IssueLockedError (default) or open read-only. */
  ifLocked?: 'fail' | 'read-only';
  /**
   * The file as this process read it a moment ago (another open of the same path): adopted
   * instead of reading the file again; the lock is taken as usual.
   */
  read?: HashedIssue;
}

/**
 * Opens and validates an issue file; throws IssueFileError (message names file and problem;
 * `.recoverable` offers the valid parts of a damaged file). With `lock: true` also takes the
 * lock, or opens read-only / throws IssueLockedError when someone else has the issue open.
 */
export async function openIssueFile(path: string, opts: OpenOptions = {}): Promise<OpenedIssue> {
  let parsed: ParsedIssue | undefined = opts.read;
  if (!parsed) {
    try {
      parsed = await readIssueFile(path, opts);
    } catch (err) {
      throw await withAutosave(path, err);
    }
  }
  // A copy: the lock's warnings below must not reach whoever else holds the adopted read.
  const opened: OpenedIssue = { issue: parsed.issue, path, warnings: [...parsed.warnings] };
  if (parsed.migratedFrom !== undefined) opened.migratedFrom = parsed.migratedFrom;
  if (parsed.hash !== undefined) opened.hash = parsed.hash;
  if (parsed.stamp !== undefined) opened.stamp = parsed.stamp;
  if (opts.readOnly) {
    opened.readOnly = true;
    return opened;
  }
  if (!opts.lock) return opened;
  try {
    opened.lock = await acquireLock(path, opts);
  } catch (err) {
    if (err instanceof IssueLockedError) {
      if (opts.ifLocked !== 'read-only') throw err;
      opened.readOnly = true;
      opened.lockedBy = err.lock;
      opened.warnings.push(`Opened read-only: ${err.problem}`);
      return opened;
    }
    const code = (err as NodeJS.ErrnoException).code;
    // A folder we may read but not write (a CD, a read-only share): read-only, with a word why.
    opened.readOnly = true;
    opened.warnings.push(`Opened read-only: cannot create a lock file beside "${path}" (${code ?? String(err)}).`);
    return opened;
  }
  // An adopted read came before the lock: if another editor saved in between, the file is read again.
  if (opts.read && (await changedSince(path, opts.read.stamp))) {
    let fresh: ParsedIssue;
    try {
      fresh = await readIssueFile(path, { ...opts, hash: true });
    } catch (err) {
      await opened.lock.release();
      throw await withAutosave(path, err);
    }
    const reopened: OpenedIssue = { issue: fresh.issue, path, warnings: [...fresh.warnings], hash: fresh.hash, stamp: fresh.stamp, lock: opened.lock };
    if (fresh.migratedFrom !== undefined) reopened.migratedFrom = fresh.migratedFrom;
    return reopened;
  }
  return opened;
}

/** Whether the file's modification time or size differs from `stamp` (true when there is no stamp to compare). */
async function changedSince(path: string, stamp: FileStamp | undefined): Promise<boolean> {
  if (!stamp) return true;
  const st = await stat(path).catch(() => undefined);
  return !st || st.mtimeMs !== stamp.mtimeMs || st.size !== stamp.size;
}

const DAMAGE = new Set(['empty', 'not-text', 'not-json', 'truncated', 'invalid']);

/**
 * A damaged issue file with a valid autosave beside it: the autosave is the better thing to
 * offer (it is whole, and newer), so it becomes `.recoverable` and the message says so.
 */
async function withAutosave(path: string, err: unknown): Promise<unknown> {
  if (!(err instanceof IssueFileError) || !DAMAGE.has(err.code)) return err;
  const rec = await readRecovery(recoveryPathFor(path)).catch(() => null);
  if (!rec || 'problem' in rec) return err;
  const i = rec.issue;
  return new IssueFileError(path, err.code, `${err.problem} Autosaved edits from ${rec.savedAt.slice(0, 16).replace('T', ' ')} (UTC) can be restored.`, {
    problems: err.problems,
    recoverable: { issue: i, kept: { pages: i.pages.length, stories: i.stories.length, assets: i.assets.length }, dropped: [], note: `the autosave ${recoveryPathFor(path)}` },
  });
}

export interface SaveIssueOptions extends SaveOptions {
  /** Remove the recovery file beside the issue after the save (default true: the save holds every edit). */
  clearRecovery?: boolean;
  /** Save even if another live program holds the lock (default false). */
  ignoreLock?: boolean;
}

/**
 * Saves an issue atomically (temp file, fsync, rename), keeping the previous version as
 * `<path>.bak`; refuses when someone else holds the issue's lock. Throws IssueFileError; the
 * file on disk then still holds the previous save. With `hash: true`, returns the sha256 of the
 * bytes written.
 */
export async function saveIssueFile(path: string, issue: Issue, opts: SaveIssueOptions = {}): Promise<{ hash?: string }> {
  if (!opts.ignoreLock) {
    const st = await readLock(path);
    if (st.held && !st.mine && !st.stale) throw new IssueLockedError(path, st, 'save');
  }
  const written = await writeIssueFile(path, issue, opts);
  if (opts.clearRecovery !== false) await discardRecovery(recoveryPathFor(path)).catch(() => {});
  await cleanStaleTemps(recoveryPathFor(path)).catch(() => {});
  return written;
}
