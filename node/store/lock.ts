import { link, open, readFile, stat, unlink, writeFile, rename } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { IssueFileError } from './errors.js';
import { pidAlive, tempPathFor } from './atomic.js';

/**
 * The lock file beside an open issue (`.<name>.broadsheet.lock`): who has it open (user, host,
 * pid, since when, last heartbeat). Another instance, or a colleague on a shared folder, sees
 * the holder and may open read-only. A lock is stale when its process is gone (same host) or
 * its heartbeat is older than `staleAfterMs` (any host); a stale lock may be broken, but only
 * when the caller passes the confirmation flag `breakStaleLock`.
 */

export interface LockInfo {
  app: 'broadsheet';
  /** User name of the holder. */
  owner: string;
  host: string;
  pid: number;
  /** When the lock was taken, ISO time. */
  since: string;
  /** Last heartbeat, ISO time (refreshed while the issue stays open). */
  heartbeat: string;
}

export interface LockStatus {
  /** A lock file exists. */
  held: boolean;
  info?: LockInfo;
  /** Held by this very process. */
  mine: boolean;
  stale: boolean;
  /** Why it is stale, in words. */
  staleReason?: string;
  /** Why it is stale, for a message in the UI's language: its process is gone, its holder silent, or the file damaged. */
  staleKind?: 'process-gone' | 'silent' | 'unreadable';
  /** Minutes since the last heartbeat (staleKind 'silent'). */
  silentMinutes?: number;
  /** The lock was taken on this computer. */
  sameHost?: boolean;
  /** "张三 on DESK-07 (since 2026-11-23 08:01)", for the editor. */
  holder?: string;
}

/** Default age of the last heartbeat after which a lock counts as stale. */
export const STALE_AFTER_MS = 30 * 60_000;
/** Default heartbeat interval of a held lock. */
export const HEARTBEAT_MS = 5 * 60_000;

export const lockPathFor = (file: string) => join(dirname(file), `.${basename(file)}.lock`);

function me(): Pick<LockInfo, 'owner' | 'host' | 'pid'> {
  let owner = 'unknown';
  try {
    owner = userInfo().username;
  } catch {
    owner = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return { owner, host: hostname(), pid: process.pid };
}

function describe(info: LockInfo): string {
  return `${info.owner} on ${info.host} (since ${info.since.slice(0, 16).replace('T', ' ')})`;
}

/** Reads the lock beside an issue file and judges whether it is stale. */
export async function readLock(file: string, staleAfterMs = STALE_AFTER_MS, now = Date.now()): Promise<LockStatus> {
  let text: string;
  try {
    text = await readFile(lockPathFor(file), 'utf8');
  } catch {
    return { held: false, mine: false, stale: false };
  }
  let info: LockInfo | undefined;
  try {
    const j = JSON.parse(text) as Partial<LockInfo>;
    if (typeof j.host === 'string' && typeof j.pid === 'number' && typeof j.since === 'string') {
      info = { app: 'broadsheet', owner: String(j.owner ?? 'unknown'), host: j.host, pid: j.pid, since: j.since, heartbeat: typeof j.heartbeat === 'string' ? j.heartbeat : j.since };
    }
  } catch {
    /* unreadable lock */
  }
  if (!info) {
    // A lock being written by a file system without hard links looks empty for a moment.
    const age = await stat(lockPathFor(file)).then((st) => now - st.mtimeMs, () => Infinity);
    if (age < 10_000) return { held: true, mine: false, stale: false, holder: 'another program (the lock is being written)' };
    return { held: true, mine: false, stale: true, staleKind: 'unreadable', staleReason: 'the lock file is unreadable (damaged)' };
  }
  const self = me();
  const sameHost = info.host === self.host;
  if (sameHost && info.pid === self.pid) return { held: true, info, mine: true, stale: false, holder: describe(info) };
  const status: LockStatus = { held: true, info, mine: false, stale: false, holder: describe(info), sameHost };
  if (sameHost && !pidAlive(info.pid)) {
    status.stale = true;
    status.staleKind = 'process-gone';
    status.staleReason = `the program that held it (process ${info.pid} on this computer) is no longer running`;
  } else {
    const age = now - Date.parse(info.heartbeat);
    if (!Number.isFinite(age) || age > staleAfterMs) {
      status.stale = true;
      status.staleKind = 'silent';
      if (Number.isFinite(age)) status.silentMinutes = Math.round(age / 60_000);
      status.staleReason = `its holder has not been heard from for ${Number.isFinite(age) ? Math.round(age / 60_000) + ' minutes' : 'an unknown time'}`;
    }
  }
  return status;
}

/** A lock this process holds; `release()` when the issue is closed. */
export class IssueLock {
  private timer?: ReturnType<typeof setInterval>;
  private released = false;

  constructor(
    readonly file: string,
    public info: LockInfo,
    heartbeatMs: number,
  ) {
    if (heartbeatMs > 0) {
      this.timer = setInterval(() => void this.refresh().catch(() => {}), heartbeatMs);
      this.timer.unref?.();
    }
  }

  get path(): string {
    return lockPathFor(this.file);
  }

  /** Whether the lock file is still this lock (someone may have taken the issue over). */
  async stillMine(): Promise<boolean> {
    if (this.released) return false;
    const st = await readLock(this.file);
    return st.mine;
  }

  /** Rewrites the heartbeat so colleagues see the issue is still open — unless it was taken over, which ends this lock. */
  async refresh(): Promise<void> {
    if (this.released) return;
    const st = await readLock(this.file);
    if (st.held && !st.mine) {
      // Taken over: never write over the new holder's lock.
      this.released = true;
      if (this.timer) clearInterval(this.timer);
      return;
    }
    this.info = { ...this.info, heartbeat: new Date().toISOString() };
    const tmp = tempPathFor(this.path);
    await writeFile(tmp, JSON.stringify(this.info));
    await rename(tmp, this.path).catch(async (e) => {
      await unlink(tmp).catch(() => {});
      throw e;
    });
  }

  /** Removes the lock file if it is still ours. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    const st = await readLock(this.file);
    if (st.mine) await unlink(this.path).catch(() => {});
  }
}

/** The issue is open elsewhere; `.lock` says by whom and whether the lock is stale. */
export class IssueLockedError extends IssueFileError {
  constructor(
    file: string,
    readonly lock: LockStatus,
    readonly action: 'open' | 'save' = 'open',
  ) {
    const who = `"${file}" is open by ${lock.holder ?? 'another program'}.`;
    const what =
      action === 'save'
        ? ' Saving over it would overwrite their work; save a copy with Save As instead. The file was not changed.'
        : lock.stale
          ? ` The lock looks stale: ${lock.staleReason}; it can be broken if you are sure nobody is editing the issue.`
          : ' You can open it read-only.';
    super(file, 'locked', who + what);
  }
}

export interface AcquireOptions {
  /** Break the lock if it is stale (the user confirmed). A live lock is never broken… */
  breakStaleLock?: boolean;
  /**
   * …unless the user takes the issue over from its live holder explicitly: the lock becomes
   * this process's, and the holder is told (its lock is no longer its own: IssueLock.stillMine)
   * and its saves are refused from then on.
   */
  takeOverLiveLock?: boolean;
  staleAfterMs?: number;
  /** Heartbeat interval; 0 for none (tests, CLI). */
  heartbeatMs?: number;
}

/**
 * Creates `path` with `content` only if it does not exist, never visible half-written: the
 * content goes to a temp file that is hard-linked into place (link fails with EEXIST, so of two
 * instances racing exactly one wins). Where hard links are unsupported, O_EXCL create + write.
 */
async function createExclusive(path: string, content: string): Promise<void> {
  const tmp = tempPathFor(path);
  await writeFile(tmp, content, { flag: 'wx' });
  try {
    await link(tmp, path);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    const h = await open(path, 'wx', 0o644);
    try {
      await h.writeFile(content);
    } finally {
      await h.close();
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** Takes the lock beside an issue file; throws IssueLockedError when someone else holds it. */
export async function acquireLock(file: string, opts: AcquireOptions = {}): Promise<IssueLock> {
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date().toISOString();
    const info: LockInfo = { app: 'broadsheet', ...me(), since: now, heartbeat: now };
    try {
      await createExclusive(lockPathFor(file), JSON.stringify(info));
      return new IssueLock(file, info, heartbeatMs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const st = await readLock(file, opts.staleAfterMs);
    if (!st.held) continue; // released meanwhile: try again
    if (st.mine && st.info) {
      const lock = new IssueLock(file, st.info, heartbeatMs);
      await lock.refresh();
      return lock;
    }
    if ((st.stale && opts.breakStaleLock) || opts.takeOverLiveLock) {
      await unlink(lockPathFor(file)).catch(() => {});
      continue;
    }
    throw new IssueLockedError(file, st);
  }
  throw new IssueLockedError(file, await readLock(file, opts.staleAfterMs));
}
