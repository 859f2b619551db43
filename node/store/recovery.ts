import { readFile, unlink, mkdir, readdir, stat } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { cleanStaleTemps, writeFileAtomic } from './atomic.js';
import { readIssueFile } from './issue-file.js';
import { canonicalIssuePath } from './recent.js';

/**
 * Autosave and crash recovery.
 *
 * Where: beside the issue, as `.<name>.broadsheet.recovery` (hidden), so the recovery travels
 * with the issue on a USB stick or shared folder and is found whichever machine opens the issue
 * next; an issue never saved yet (untitled) autosaves to `<userData>/Recovery/untitled-<id>.broadsheet.recovery`.
 * If the issue's folder is not writable the autosave falls back to the user data folder too.
 *
 * What: `{ format: 'broadsheet-recovery', version: 1, savedAt, issuePath, base, changes, issue }`,
 * written atomically (the same temp + rename as a save, so a crash during an autosave leaves
 * the previous recovery intact). `base` is the sha256 of the issue file the edits started from,
 * so recovery can tell whether the file was saved again elsewhere since.
 *
 * When it goes: only after a normal save of the same edits, or an explicit discard.
 */

export interface RecoveryData {
  format: 'broadsheet-recovery';
  version: 1;
  savedAt: string;
  /** The issue file these edits belong to; null for an untitled issue. */
  issuePath: string | null;
  /** sha256 of the issue file's bytes when editing started (or at its last save). */
  base: string | null;
  /** Edits since the last save, as counted by the autosaver. */
  changes: number;
  issue: Issue;
}

export const recoveryPathFor = (file: string) => join(dirname(file), `.${basename(file)}.recovery`);

/** The folder for recovery files of untitled issues (and unwritable folders). */
export const recoveryDirIn = (userDataDir: string) => join(userDataDir, 'Recovery');

/** sha256 of a file's bytes, hex; null when it does not exist. */
export async function fileHash(file: string): Promise<string | null> {
  try {
    return createHash('sha256').update(await readFile(file)).digest('hex');
  } catch {
    return null;
  }
}

/** Writes a recovery file atomically. */
export async function writeRecovery(recoveryPath: string, data: Omit<RecoveryData, 'format' | 'version'>, opts: { fsync?: boolean } = {}): Promise<void> {
  await mkdir(dirname(recoveryPath), { recursive: true });
  const body: RecoveryData = { format: 'broadsheet-recovery', version: 1, ...data };
  await writeFileAtomic(recoveryPath, JSON.stringify(body), { fsync: opts.fsync });
  await cleanStaleTemps(recoveryPath).catch(() => {});
}

/** Reads and validates a recovery file; returns null when there is none, `{ problem }` when it is damaged. */
export async function readRecovery(recoveryPath: string): Promise<RecoveryData | { problem: string } | null> {
  let text: string;
  try {
    text = await readFile(recoveryPath, 'utf8');
  } catch {
    return null;
  }
  try {
    const j = JSON.parse(text) as Partial<RecoveryData>;
    if (j.format !== 'broadsheet-recovery') return { problem: `"${recoveryPath}" is not a recovery file` };
    const v = validateIssue(j.issue);
    if (!v.ok) return { problem: `the recovery file "${recoveryPath}" holds an invalid issue: ${v.problems[0].message} (at ${v.problems[0].path})` };
    return { ...(j as RecoveryData), issue: v.issue };
  } catch {
    return { problem: `the recovery file "${recoveryPath}" is damaged (not complete JSON)` };
  }
}

/** An issue file as already read by the caller, so a recovery check need not read it again. */
export interface IssueOnDisk {
  /** The issue in the file; undefined when it cannot be read. */
  issue: Issue | undefined;
  /** sha256 of the file's bytes; null when there is no file. */
  hash: string | null;
}

/** What a recovery would restore, for the start-up prompt. */
export interface RecoveryOffer {
  recoveryPath: string;
  issuePath: string | null;
  /** When the edits were autosaved. */
  savedAt: string;
  pages: number;
  stories: number;
  /** Characters of story text in the recovered issue. */
  characters: number;
  changes: number;
  /** How the recovered issue differs from the file on disk, one line each. */
  differences: string[];
  /** The file on disk was saved again after these edits began (by another instance or colleague). */
  fileChangedSince: boolean;
  issue: Issue;
}

/** The recovery offer for an issue file, if a valid recovery file exists beside it; `{ problem }` if it is damaged. */
export async function checkRecovery(issuePath: string, opts: { recoveryPath?: string; file?: IssueOnDisk } = {}): Promise<RecoveryOffer | { problem: string; recoveryPath: string } | null> {
  const recoveryPath = opts.recoveryPath ?? recoveryPathFor(issuePath);
  const data = await readRecovery(recoveryPath);
  if (!data) return null;
  if ('problem' in data) return { problem: data.problem, recoveryPath };
  let onDisk: Issue | undefined;
  let hash: string | null;
  if (opts.file) ({ issue: onDisk, hash } = opts.file);
  else {
    try {
      const read = await readIssueFile(issuePath, { knownTemplateIds: null, hash: true });
      onDisk = read.issue;
      hash = read.hash ?? null;
    } catch {
      onDisk = undefined;
      hash = await fileHash(issuePath);
    }
  }
  return {
    recoveryPath,
    issuePath,
    savedAt: data.savedAt,
    pages: data.issue.pages.length,
    stories: data.issue.stories.length,
    characters: textLength(data.issue),
    changes: data.changes,
    differences: onDisk ? describeDifferences(onDisk, data.issue) : ['the issue file itself cannot be read; the recovery holds the whole issue'],
    fileChangedSince: data.base !== null && hash !== null && hash !== data.base,
    issue: data.issue,
  };
}

/**
 * The recovery in the user data folder for one issue file (its autosave fell back there because
 * the issue's folder was not writable), or null; `file`: that issue file as already read.
 */
export async function findRecoveryIn(userDataDir: string, issuePath: string, opts: { file?: IssueOnDisk } = {}): Promise<RecoveryOffer | null> {
  const key = canonicalIssuePath(issuePath);
  for await (const { recoveryPath, data } of recoveriesIn(userDataDir)) {
    if (!data.issuePath || canonicalIssuePath(data.issuePath) !== key) continue;
    const offer = await checkRecovery(data.issuePath, { recoveryPath, file: opts.file });
    if (offer && !('problem' in offer)) return offer;
  }
  return null;
}

/** The readable recovery files of the user data folder's recovery folder, one at a time (none when it does not exist). */
async function* recoveriesIn(userDataDir: string): AsyncGenerator<{ recoveryPath: string; data: RecoveryData }> {
  const dir = recoveryDirIn(userDataDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.recovery'));
  } catch {
    return;
  }
  for (const name of names) {
    const recoveryPath = join(dir, name);
    const data = await readRecovery(recoveryPath);
    if (data && !('problem' in data)) yield { recoveryPath, data };
  }
}

/** Recovery offers for untitled issues (and issues in unwritable folders) in the user data folder. */
export async function listRecoveryFiles(userDataDir: string): Promise<RecoveryOffer[]> {
  const offers: RecoveryOffer[] = [];
  for await (const { recoveryPath, data } of recoveriesIn(userDataDir)) {
    const offer = data.issuePath ? await checkRecovery(data.issuePath, { recoveryPath }) : null;
    if (offer && !('problem' in offer)) offers.push(offer);
    else
      offers.push({ recoveryPath, issuePath: data.issuePath, savedAt: data.savedAt, pages: data.issue.pages.length, stories: data.issue.stories.length, characters: textLength(data.issue), changes: data.changes, differences: ['an issue that was never saved'], fileChangedSince: false, issue: data.issue });
  }
  return offers;
}

/** Removes a recovery file (after a normal save or when the user discards the edits); whether there was one. */
export async function discardRecovery(recoveryPath: string): Promise<boolean> {
  return unlink(recoveryPath).then(
    () => true,
    (e) => {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      return false;
    },
  );
}

/** Characters of text in an issue's stories. */
export function textLength(issue: Issue): number {
  let n = 0;
  for (const s of issue.stories) {
    const stack: unknown[] = [s.doc];
    while (stack.length) {
      const node = stack.pop() as { text?: unknown; content?: unknown };
      if (typeof node?.text === 'string') n += node.text.length;
      if (Array.isArray(node?.content)) stack.push(...node.content);
    }
  }
  return n;
}

/** Lines describing how `after` differs from `before`: metadata, pages and stories added, removed or changed. */
export function describeDifferences(before: Issue, after: Issue): string[] {
  const out: string[] = [];
  const metaKeys = ['paper', 'issueNumber', 'totalNumber', 'date', 'edition', 'serial', 'publisher'] as const;
  for (const k of metaKeys) if (before[k] !== after[k]) out.push(`${k}: "${before[k]}" → "${after[k]}"`);
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const pb = byId(before.pages);
  const pa = byId(after.pages);
  for (const [id, p] of pa) {
    const old = pb.get(id);
    if (!old) out.push(`page ${p.number} added`);
    else if (JSON.stringify(old) !== JSON.stringify(p)) out.push(`page ${p.number} changed (${p.frames.length} frames${old.frames.length !== p.frames.length ? `, was ${old.frames.length}` : ''})`);
  }
  for (const [id, p] of pb) if (!pa.has(id)) out.push(`page ${p.number} removed`);
  const sb = byId(before.stories);
  const sa = byId(after.stories);
  const len = (s: Issue['stories'][number]) => textLength({ stories: [s] } as Issue);
  for (const [id, s] of sa) {
    const old = sb.get(id);
    const name = `story "${s.slug || id}"`;
    if (!old) out.push(`${name} added (${len(s)} characters)`);
    else if (JSON.stringify(old) !== JSON.stringify(s)) {
      const d = len(s) - len(old);
      out.push(`${name} edited (${d >= 0 ? '+' : ''}${d} characters)`);
    }
  }
  for (const [id, s] of sb) if (!sa.has(id)) out.push(`story "${s.slug || id}" removed`);
  if (JSON.stringify(before.assets) !== JSON.stringify(after.assets)) out.push(`photo links changed (${after.assets.length}, was ${before.assets.length})`);
  return out.length ? out : ['no differences from the saved file'];
}

export interface AutosaverOptions {
  /** The issue file, or null while untitled. */
  issuePath: string | null;
  /** Needed for untitled issues and as fallback when the issue's folder is not writable. */
  userDataDir?: string;
  /** The current issue, read when an autosave runs. */
  current: () => Issue;
  /** Quiet time after the last change before autosaving (default 1500 ms). */
  delayMs?: number;
  /** Longest time a change waits while typing continues (default 5000 ms). */
  maxDelayMs?: number;
  /** sha256 of the file the edits start from (see RecoveryData.base). */
  base?: string | null;
  /** Flush recovery writes to disk (default true). */
  fsync?: boolean;
  /** Called when an autosave fails (disk full…); autosave keeps trying on later changes. */
  onError?: (err: unknown) => void;
  onSaved?: (info: { path: string; ms: number; bytes: number }) => void;
}

/**
 * Autosaves edits to the recovery file a short time after each change (debounced, but never
 * later than `maxDelayMs` after the first unsaved change), one write at a time.
 */
export class Autosaver {
  private opts: AutosaverOptions;
  private changes = 0;
  private savedChanges = 0;
  private firstPending = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private writing?: Promise<void>;
  private disposed = false;
  private untitledId = randomUUID();
  /** Where the recovery file is (or will be) written. */
  recoveryPath: string;

  constructor(opts: AutosaverOptions) {
    this.opts = opts;
    this.recoveryPath = this.primaryPath();
  }

  private primaryPath(): string {
    if (this.opts.issuePath) return recoveryPathFor(this.opts.issuePath);
    if (!this.opts.userDataDir) throw new Error('Autosaver: an untitled issue needs userDataDir');
    return join(recoveryDirIn(this.opts.userDataDir), `untitled-${this.untitledId}.broadsheet.recovery`);
  }

  /** Edits since the last normal save. */
  get pendingChanges(): number {
    return this.changes;
  }

  /** Call on every edit. */
  changed(): void {
    if (this.disposed) return;
    this.changes++;
    const now = Date.now();
    if (!this.firstPending) this.firstPending = now;
    const delay = Math.max(0, Math.min(this.opts.delayMs ?? 1500, this.firstPending + (this.opts.maxDelayMs ?? 5000) - now));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** Writes the recovery file now if there are unsaved-to-recovery changes. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (this.disposed || this.changes === this.savedChanges || this.changes === 0) return;
    this.firstPending = 0;
    const changes = this.changes;
    const t0 = performance.now();
    const issue = this.opts.current();
    this.writing = (async () => {
      const data = { savedAt: new Date().toISOString(), issuePath: this.opts.issuePath, base: this.opts.base ?? null, changes, issue };
      try {
        try {
          await writeRecovery(this.recoveryPath, data, { fsync: this.opts.fsync });
        } catch (err) {
          // The issue's folder may be read-only or full: fall back to the user data folder.
          if (!this.opts.userDataDir || this.recoveryPath.startsWith(recoveryDirIn(this.opts.userDataDir))) throw err;
          this.recoveryPath = join(recoveryDirIn(this.opts.userDataDir), `${basename(this.opts.issuePath ?? 'untitled')}-${this.untitledId}.recovery`);
          await writeRecovery(this.recoveryPath, data, { fsync: this.opts.fsync });
        }
        this.savedChanges = changes;
        const bytes = await stat(this.recoveryPath).then((s) => s.size, () => 0);
        this.opts.onSaved?.({ path: this.recoveryPath, ms: performance.now() - t0, bytes });
      } catch (err) {
        this.opts.onError?.(err);
      }
    })();
    try {
      await this.writing;
    } finally {
      this.writing = undefined;
    }
  }

  /**
   * After a normal save of the issue as it was at `changesAtSave` edits: removes the recovery
   * file unless edits were made since (then the next autosave covers them).
   */
  async saved(opts: { issuePath: string; base: string | null; changesAtSave?: number }): Promise<void> {
    while (this.writing) await this.writing;
    const at = opts.changesAtSave ?? this.changes;
    const old = this.recoveryPath;
    this.opts.issuePath = opts.issuePath;
    this.opts.base = opts.base;
    this.recoveryPath = this.primaryPath();
    this.changes -= at;
    this.savedChanges = Math.max(0, this.savedChanges - at);
    if (this.changes === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.firstPending = 0;
      await discardRecovery(old);
      if (old !== this.recoveryPath) await discardRecovery(this.recoveryPath);
    } else if (old !== this.recoveryPath) {
      this.savedChanges = 0;
      await this.flush();
      await discardRecovery(old);
    }
  }

  /** Explicit discard (close without saving): removes the recovery file. */
  async discard(): Promise<void> {
    this.dispose();
    while (this.writing) await this.writing;
    await discardRecovery(this.recoveryPath);
  }

  /** Stops autosaving; leaves the recovery file in place. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Checks that a value is a whole valid issue (for recovery consumers). */
export const isValidIssue = (v: unknown): v is Issue => issueSchema.safeParse(v).success;
