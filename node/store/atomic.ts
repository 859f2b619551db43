import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Atomic replacement of a file: the data goes to a temporary file beside the target (same
 * directory, so the rename cannot cross file systems), is flushed to disk, and is renamed over
 * the target; the directory is flushed so the rename itself survives a power cut. At every
 * instant the target is either the complete old file or the complete new one: a kill, a crash
 * or a full disk leaves at worst a stray temporary file, which later saves clean up.
 */

/** The file-system calls an atomic write uses; tests replace them to inject failures (ENOSPC). */
export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  link: typeof fsp.link;
  copyFile: typeof fsp.copyFile;
  readdir: typeof fsp.readdir;
}

export const nodeFs: AtomicFs = {
  open: fsp.open,
  rename: fsp.rename,
  unlink: fsp.unlink,
  link: fsp.link,
  copyFile: fsp.copyFile,
  readdir: fsp.readdir,
};

export interface AtomicWriteOptions {
  /** Keep the replaced file as this path (e.g. `issue.broadsheet.bak`), itself replaced atomically. */
  backupPath?: string;
  /** Flush file and directory to disk (default true; recovery files may skip it for speed). */
  fsync?: boolean;
  /** File-system implementation (tests inject failures). */
  fs?: AtomicFs;
  /** Bytes per write call (default 1 MiB). */
  chunkSize?: number;
}

const TMP_SUFFIX = '.tmp';

/**
 * The temporary file name used while replacing `target`: hidden, beside it, tagged with our pid
 * and 8 random hex digits. Every user creates it exclusively ('wx'), so the digits only need to
 * differ between writes of one process: Math.random, which needs no
 * node:crypto module loaded for a CLI export or galley.
 */
export function tempPathFor(target: string): string {
  const tag = Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
  return join(dirname(target), `.${basename(target)}.${process.pid}.${tag}${TMP_SUFFIX}`);
}

/** Writes `data` to `target` atomically (see the module comment). Throws the fs error on failure, target untouched. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const sync = opts.fsync !== false;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  // Saving through a symlink replaces the file it points to, not the link; the new file keeps the old one's permissions.
  let mode = 0o644;
  try {
    target = await fsp.realpath(target);
    mode = (await fsp.stat(target)).mode & 0o777;
  } catch {
    /* a new file */
  }
  const tmp = tempPathFor(target);
  const chunk = opts.chunkSize ?? 1 << 20;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    for (let off = 0; off < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, off, Math.min(chunk, bytes.length - off));
      if (bytesWritten <= 0) throw Object.assign(new Error('write returned no progress'), { code: 'EIO' });
      off += bytesWritten;
    }
    if (sync) await handle.sync();
    await handle.close();
    handle = undefined;
    if (opts.backupPath) await replaceBackup(fs, target, opts.backupPath);
    await renameRetrying(fs, tmp, target);
  } catch (err) {
    await handle?.close().catch(() => {});
    await fs.unlink(tmp).catch(() => {});
    throw err;
  }
  if (sync) await syncDir(dirname(target));
}

/**
 * rename, retried briefly on Windows, where a virus scanner or the search indexer holding the
 * target open makes MoveFileEx fail with EPERM/EBUSY for a moment.
 */
async function renameRetrying(fs: AtomicFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 10 || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** Keeps the current target as `backup`: a hard link to the old content (no copy, no window), else a copy. */
async function replaceBackup(fs: AtomicFs, target: string, backup: string): Promise<void> {
  const tmp = tempPathFor(backup);
  try {
    await fs.link(target, tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first save: nothing to keep
    // File systems without hard links (FAT, some network shares): copy instead.
    await fs.copyFile(target, tmp).catch(async (e) => {
      await fs.unlink(tmp).catch(() => {});
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    });
  }
  try {
    await fs.rename(tmp, backup);
  } catch (err) {
    await fs.unlink(tmp).catch(() => {});
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Flushes a directory entry list to disk; not supported on Windows, where rename is already durable enough. */
export async function syncDir(dir: string): Promise<void> {
  let h: fsp.FileHandle | undefined;
  try {
    h = await fsp.open(dir, 'r');
    await h.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on platforms that cannot fsync a directory.
  } finally {
    await h?.close().catch(() => {});
  }
}

/**
 * Removes temporary files left beside `target` by writers that were killed mid-save
 * (their pid is gone), and any of ours older than a minute. Never touches other files.
 */
export async function cleanStaleTemps(target: string, fs: AtomicFs = nodeFs): Promise<string[]> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TMP_SUFFIX)) continue;
    const m = /\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    await fs.unlink(join(dir, name)).then(
      () => removed.push(name),
      () => {},
    );
  }
  return removed;
}

/** Whether a process with this pid exists on this machine. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
