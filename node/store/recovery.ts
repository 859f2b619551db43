import { differenceText, issueDifferences, textLength as storiesTextLength, type IssueDifference } from '../../core/model/differences.js';
import { readFile, unlink, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Issue } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { cleanStaleTemps, writeFileAtomic } from './atomic.js';
import { readIssueFile } from './issue-file.js';
import { writeFailure } from '../write-failure.js';

/**
 * Autosave and crash recovery.
 *
 * Where: beside the issue, as `.<name>.broadsheet.recovery` (hidden), so the recovery travels
 * with the issue on a USB stick or shared folder and is found whichever machine opens the issue
 * next. The renderer's editing session decides when (renderer/src/autosave.ts); the services'
 * autosaveIssue writes what it sends with writeRecovery.
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
  const body: RecoveryData = { format: 'broadsheet-recovery', version: 1, ...data };
  try {
    await mkdir(dirname(recoveryPath), { recursive: true });
    await writeFileAtomic(recoveryPath, JSON.stringify(body), { fsync: opts.fsync });
  } catch (err) {
    throw writeFailure(`Cannot autosave to "${recoveryPath}"`, err, 'The edits are still open here; save them when there is room again.');
  }
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
  /** The same as data, for the app to word in the user's language (none when the file cannot be read). */
  items?: IssueDifference[];
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
    ...(onDisk ? { items: issueDifferences(onDisk, data.issue) } : {}),
    fileChangedSince: data.base !== null && hash !== null && hash !== data.base,
    issue: data.issue,
  };
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
  return storiesTextLength(issue.stories);
}

/** Lines describing how `after` differs from `before` (core/model/differences.ts, in English). */
export function describeDifferences(before: Issue, after: Issue): string[] {
  const out = issueDifferences(before, after).map(differenceText);
  return out.length ? out : ['no differences from the saved file'];
}
