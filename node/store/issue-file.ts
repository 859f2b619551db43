import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { issue as issueSchema, ISSUE_FORMAT_VERSION, type Issue } from '../../core/model/issue.js';
import { migrateIssue } from '../../core/model/migrate.js';
import { salvageIssue, validateIssue, type IssueProblem, type ValidateOptions } from '../../core/model/validate.js';
import { IssueFileError, type RecoverableContent } from './errors.js';
import { findJsonBreak } from './json-syntax.js';
import { cleanStaleTemps, writeFileAtomic, type AtomicFs } from './atomic.js';
import { knownTemplateIds } from '../templates.js';
import { fontManifest } from '../font-files.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * Reading and writing `.broadsheet` files: JSON with `format: "broadsheet-issue"` and a format
 * `version`, migrated in memory from older versions and validated on every load (shape, story
 * documents, template ids, photo paths, references). Every failure is an IssueFileError whose
 * message names the file and the problem; the file itself is never modified by reading.
 */

/** Files larger than this are refused before reading: no issue comes near it. */
export const MAX_ISSUE_FILE_BYTES = 256 * 1024 * 1024;

export interface ParseOptions {
  /** Template ids to check pages against; default: the templates/ folder (unchecked when empty). */
  knownTemplateIds?: Iterable<string> | null;
  /** Font keys a frame's headline face is checked against; default: assets/fonts.json (unchecked when null). */
  knownFontKeys?: Iterable<string> | null;
  /**
   * Also hash the bytes read (`ParsedIssue.hash`): the editor's open does, for autosave's base,
   * so the file is not read a second time; the CLI's reads leave node:crypto unloaded.
   */
  hash?: boolean;
}

export interface ParsedIssue {
  issue: Issue;
  warnings: string[];
  /** The version the file was in, when it was upgraded on load. */
  migratedFrom?: number;
  /** sha256 (hex) of the bytes the issue was parsed from, when asked for (`hash: true`). */
  hash?: string;
  /** The file's modification time and size just before it was read (readIssueFile). */
  stamp?: FileStamp;
}

/** What tells whether a file changed since it was read, without reading it again. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

/** An issue file as read, with the sha256 of the bytes it was parsed from. */
export type HashedIssue = ParsedIssue & { hash: string };

/** sha256 of a file's content, hex: of the bytes read, or of the text a save writes (UTF-8). */
export async function contentHash(content: Uint8Array | string): Promise<string> {
  // Loaded here, not at the top: reading for the CLI (export, inspect) needs no hash.
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(content).digest('hex');
}

/** Path of the backup kept by each save. */
export const backupPathFor = (path: string) => `${path}.bak`;

const quote = (file: string) => `"${file}"`;

function problemLine(p: IssueProblem): string {
  return `${p.where ? p.where + ': ' : ''}${p.message} (at ${p.path})`;
}

/** Serializes an issue the way saves write it: stable key order, photo links before the big stories. */
export function serializeIssue(issue: Issue): string {
  const { format, version, pages, stories, assets, ...meta } = issue;
  return JSON.stringify({ format, version, ...meta, assets, pages, stories }, null, 1) + '\n';
}

function recoverFrom(raw: unknown, opts: ValidateOptions, note: string): RecoverableContent | undefined {
  const m = migrateIssue(raw);
  if (!m.ok) return undefined;
  const s = salvageIssue(m.data, opts);
  return s && { ...s, note };
}

/**
 * Parses the bytes of an issue file: decode, JSON, migrate, validate. Pure apart from reading
 * the template list; throws IssueFileError for anything that is not a valid issue.
 */
export function parseIssueBytes(file: string, bytes: Uint8Array, opts: ParseOptions = {}): ParsedIssue {
  const templates = opts.knownTemplateIds === null ? undefined : (opts.knownTemplateIds ?? knownTemplateIds());
  const faces = opts.knownFontKeys === null ? undefined : (opts.knownFontKeys ?? Object.keys(fontManifest()));
  const vopts: ValidateOptions = { knownTemplateIds: templates, knownFontKeys: faces };
  const f = quote(file);
  if (bytes.length === 0) throw new IssueFileError(file, 'empty', `Cannot open ${f}: the file is empty (0 bytes).`);
  if (bytes.every((b) => b === 0)) {
    throw new IssueFileError(file, 'empty', `Cannot open ${f}: the file holds only zero bytes (${bytes.length}); it was damaged, typically by a crash of the machine while it was being written.`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new IssueFileError(file, 'wrong-format', `Cannot open ${f}: this is a zip archive, not an issue file; if it is a packaged issue, unpack it and open the .broadsheet file inside.`);
  }

  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let badUtf8At = -1;
  if (text.includes('\ufffd')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      badUtf8At = Buffer.byteLength(text.slice(0, text.indexOf('\ufffd')), 'utf8');
    }
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const brk = findJsonBreak(text);
    const where = brk ? `line ${brk.line}, column ${brk.column} (character offset ${brk.offset})` : 'an unknown place';
    let repaired: unknown;
    try {
      repaired = brk?.repaired ? JSON.parse(brk.repaired) : undefined;
    } catch {
      repaired = undefined;
    }
    const recoverable = repaired === undefined ? undefined : recoverFrom(repaired, vopts, `read up to ${where}, where the file breaks off`);
    if (badUtf8At >= 0 && !(brk?.truncated && brk.offset >= text.length - 4)) {
      throw new IssueFileError(file, 'not-text', `Cannot open ${f}: the file is not UTF-8 text (invalid bytes at byte offset ${badUtf8At}); it is damaged or not an issue file.`, { recoverable });
    }
    if (!brk) throw new IssueFileError(file, 'not-json', `Cannot open ${f}: the file is not valid JSON.`, { recoverable });
    if (brk.truncated) {
      throw new IssueFileError(file, 'truncated', `Cannot open ${f}: ${brk.message} at ${where}; the file is incomplete, probably cut off while being copied or saved.`, { recoverable });
    }
    throw new IssueFileError(file, 'not-json', `Cannot open ${f}: the file is damaged or not an issue file: ${brk.message} at ${where}.`, { recoverable });
  }

  const m = migrateIssue(raw);
  if (!m.ok) throw new IssueFileError(file, m.code, `Cannot open ${f}: ${m.problem}.`);
  const v = validateIssue(m.data, vopts);
  if (!v.ok) {
    const first = v.problems[0];
    const more = v.problems.length > 1 ? ` (and ${v.problems.length - 1} more problem${v.problems.length > 2 ? 's' : ''})` : '';
    const recoverable = recoverFrom(raw, vopts, 'kept every page, story and photo link that is valid on its own');
    throw new IssueFileError(file, 'invalid', `Cannot open ${f}: ${problemLine(first)}${more}.`, { problems: v.problems, recoverable });
  }
  const warnings = [...m.notes, ...v.warnings];
  if (badUtf8At >= 0) {
    // The damage sits inside text (a story or a caption): the issue is whole, but a character is lost.
    const recoverable: RecoverableContent = { issue: v.issue, kept: { pages: v.issue.pages.length, stories: v.issue.stories.length, assets: v.issue.assets.length }, dropped: [], note: 'damaged characters replaced by �' };
    throw new IssueFileError(file, 'not-text', `Cannot open ${f}: the file is not valid UTF-8 text (invalid bytes at byte offset ${badUtf8At}); the rest of the issue is readable and can be recovered.`, { recoverable });
  }
  return { issue: v.issue, warnings, migratedFrom: m.fromVersion < ISSUE_FORMAT_VERSION ? m.fromVersion : undefined };
}

/** Reads and parses an issue file (no lock taken); see `openIssueFile` for the editor's open. */
export async function readIssueFile(file: string, opts: ParseOptions = {}): Promise<ParsedIssue> {
  let bytes: Buffer;
  let stamp: FileStamp;
  try {
    const st = await stat(file);
    stamp = { mtimeMs: st.mtimeMs, size: st.size };
    if (st.isDirectory()) throw new IssueFileError(file, 'unreadable', `Cannot open ${quote(file)}: it is a folder, not an issue file.`);
    if (st.size > MAX_ISSUE_FILE_BYTES) {
      throw new IssueFileError(file, 'too-large', `Cannot open ${quote(file)}: the file is ${(st.size / 2 ** 20).toFixed(0)} MB, far larger than any issue file; it is not a Broadsheet issue.`);
    }
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof IssueFileError) throw err;
    throw fsError(file, err, 'open');
  }
  let parsed: ParsedIssue;
  try {
    parsed = parseIssueBytes(file, bytes, opts);
  } catch (err) {
    if (err instanceof IssueFileError && err.code !== 'newer-version' && err.code !== 'wrong-format' && existsSync(backupPathFor(file))) {
      throw new IssueFileError(file, err.code, `${err.problem} The previous save is kept as ${quote(backupPathFor(file))}.`, { problems: err.problems, recoverable: err.recoverable });
    }
    throw err;
  }
  if (opts.hash) parsed.hash = await contentHash(bytes);
  parsed.stamp = stamp;
  return parsed;
}

/** Turns a Node fs error into an IssueFileError with a sentence for the editor. */
export function fsError(file: string, err: unknown, action: 'open' | 'save'): IssueFileError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const verb = action === 'open' ? 'Cannot open' : 'Cannot save';
  const f = quote(file);
  const unchanged = action === 'save' ? ' The file on disk was not changed.' : '';
  switch (code) {
    case 'ENOENT':
      return action === 'open'
        ? new IssueFileError(file, 'not-found', `${verb} ${f}: there is no such file (moved, renamed or on a disconnected drive?).`, { cause: err })
        : new IssueFileError(file, 'write-failed', `${verb} ${f}: the folder does not exist.`, { cause: err });
    case 'ENOSPC':
    case 'EDQUOT':
      return new IssueFileError(file, 'disk-full', `${verb} ${f}: the disk is full.${unchanged} Free some space and save again.`, { cause: err });
    case 'EACCES':
    case 'EPERM':
      return new IssueFileError(file, action === 'open' ? 'unreadable' : 'write-failed', `${verb} ${f}: permission denied.${unchanged}`, { cause: err });
    case 'EROFS':
      return new IssueFileError(file, 'write-failed', `${verb} ${f}: the disk is read-only.${unchanged}`, { cause: err });
    case 'EISDIR':
      return new IssueFileError(file, 'unreadable', `${verb} ${f}: it is a folder, not an issue file.`, { cause: err });
    default: {
      const msg = errorMessage(err);
      return new IssueFileError(file, action === 'open' ? 'unreadable' : 'write-failed', `${verb} ${f}: ${code ? code + ': ' : ''}${msg.replace(/^\w+: /, '')}.${unchanged}`, { cause: err });
    }
  }
}

export interface SaveOptions {
  /** Keep the replaced version as `<file>.bak` (default true). */
  backup?: boolean;
  /** File-system implementation (tests inject ENOSPC). */
  fs?: AtomicFs;
  /** Flush to disk (default true). */
  fsync?: boolean;
  /** Also return the sha256 of the bytes written (autosave's new base), rather than reading the file back to hash it. */
  hash?: boolean;
}

/**
 * Writes an issue atomically (temp file beside it, fsync, rename, previous kept as `.bak`).
 * Refuses to write an issue that would not open again. Throws IssueFileError; on any failure
 * the file on disk still holds the previous save. With `hash: true`, returns the sha256 of the
 * bytes written.
 */
export async function writeIssueFile(file: string, issue: Issue, opts: SaveOptions = {}): Promise<{ hash?: string }> {
  const v = validateIssue(issue, { knownTemplateIds: undefined });
  if (!v.ok) {
    throw new IssueFileError(file, 'invalid', `Cannot save ${quote(file)}: the issue in memory is not valid: ${problemLine(v.problems[0])}. The file on disk was not changed.`, { problems: v.problems });
  }
  const text = serializeIssue(issueSchema.parse(issue));
  try {
    await writeFileAtomic(file, text, { backupPath: opts.backup === false ? undefined : backupPathFor(file), fs: opts.fs, fsync: opts.fsync });
  } catch (err) {
    throw fsError(file, err, 'save');
  }
  await cleanStaleTemps(file).catch(() => {});
  return opts.hash ? { hash: await contentHash(text) } : {};
}
