import type { Issue } from '../../core/model/issue.js';
import { readIssueFile, writeIssueFile, type ParseOptions, type SaveOptions } from './issue-file.js';

/**
 * The file store: open, save, autosave/recovery, locks, links and Package for `.broadsheet`
 * issue files. Main-process only (Node); the API hosts and the CLI call these functions.
 */

export { IssueFileError, isIssueFileError, type IssueFileErrorCode, type RecoverableContent } from './errors.js';
export { parseIssueBytes, readIssueFile, serializeIssue, backupPathFor, MAX_ISSUE_FILE_BYTES, type ParsedIssue, type ParseOptions, type SaveOptions } from './issue-file.js';
export { writeFileAtomic, cleanStaleTemps } from './atomic.js';
export { knownTemplateIds, setKnownTemplateIds } from './templates.js';

/** An issue opened for editing or inspection. */
export interface OpenedIssue {
  issue: Issue;
  /** The file as given. */
  path: string;
  /** Things the editor should know but that did not stop the open (migration, missing figure photos). */
  warnings: string[];
  /** Set when the issue was opened read-only (e.g. someone else holds the lock). */
  readOnly?: boolean;
  /** The format version the file was upgraded from, if it was older. */
  migratedFrom?: number;
}

export interface OpenOptions extends ParseOptions {}

/** Opens and validates an issue file; throws IssueFileError (message names file and problem). */
export async function openIssueFile(path: string, opts: OpenOptions = {}): Promise<OpenedIssue> {
  const parsed = await readIssueFile(path, opts);
  return { issue: parsed.issue, path, warnings: parsed.warnings, ...(parsed.migratedFrom !== undefined ? { migratedFrom: parsed.migratedFrom } : {}) };
}

/** Saves an issue atomically, keeping the previous version as `<path>.bak`; throws IssueFileError. */
export async function saveIssueFile(path: string, issue: Issue, opts: SaveOptions = {}): Promise<void> {
  await writeIssueFile(path, issue, opts);
}
