import { mkdir, readFile, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from './atomic.js';

/**
 * The Open Recent list, kept as JSON in the user data folder (`<userData>/recent-issues.json`),
 * newest first, and the canonical form of an issue path that keeps one window per issue.
 */

export interface RecentEntry {
  path: string;
  /** ISO time of the last open. */
  openedAt: string;
  /** E.g. "滨海日报 2026-11-23 第123期", for the menu. */
  title?: string;
}

/** The same issue reached by different paths (case, symlinks, `..`) maps to one key. */
export function canonicalIssuePath(path: string): string {
  let p = resolve(path);
  try {
    p = realpathSync.native(p);
  } catch {
    /* not there (yet): the resolved path */
  }
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

export class RecentFiles {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The JSON file, e.g. join(app.getPath('userData'), 'recent-issues.json'). */
    readonly file: string,
    readonly max = 12,
  ) {}

  private async read(): Promise<RecentEntry[]> {
    try {
      const j = JSON.parse(await readFile(this.file, 'utf8')) as { files?: unknown };
      return Array.isArray(j.files) ? j.files.filter((e): e is RecentEntry => typeof e?.path === 'string' && typeof e?.openedAt === 'string') : [];
    } catch {
      return []; // missing or damaged: an empty list, rewritten on the next open
    }
  }

  private async write(files: RecentEntry[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    return writeFileAtomic(this.file, JSON.stringify({ version: 1, files }, null, 1), { fsync: false });
  }

  /** Serializes read-modify-write so two quick opens do not lose an entry. */
  private update(fn: (files: RecentEntry[]) => RecentEntry[]): Promise<void> {
    const next = this.queue.then(async () => this.write(fn(await this.read())));
    this.queue = next.catch(() => {});
    return next;
  }

  /** The list, newest first, each marked whether the file still exists. */
  async list(): Promise<Array<RecentEntry & { exists: boolean }>> {
    await this.queue;
    const files = await this.read();
    return Promise.all(files.map(async (e) => ({ ...e, exists: await stat(e.path).then((s) => s.isFile(), () => false) })));
  }

  /** Moves (or adds) an issue to the top of the list. */
  add(path: string, title?: string): Promise<void> {
    const key = canonicalIssuePath(path);
    return this.update((files) => [{ path: resolve(path), openedAt: new Date().toISOString(), ...(title ? { title } : {}) }, ...files.filter((e) => canonicalIssuePath(e.path) !== key)].slice(0, this.max));
  }

  remove(path: string): Promise<void> {
    const key = canonicalIssuePath(path);
    return this.update((files) => files.filter((e) => canonicalIssuePath(e.path) !== key));
  }

  clear(): Promise<void> {
    return this.update(() => []);
  }
}
