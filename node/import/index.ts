import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { importCopy } from '../../core/import/index.js';
import { textSource } from '../../core/import/text.js';
import type { CopySource, ImportOptions, ImportResult } from '../../core/import/types.js';
import { CopyFileError, decodeCopy, type CopyEncoding } from './decode.js';
import { docxParagraphs } from './docx.js';

/**
 * Reading copy files for import (Node): plain text in UTF-8, GB18030/GBK or UTF-16, and Word
 * .docx. Files are opened read-only and never written. Anything that is not copy gets a
 * CopyFileError naming the file: empty, too large, binary, an image or archive in disguise.
 */

export { CopyFileError, decodeCopy, sniffBinary, type CopyEncoding, type DecodedText } from './decode.js';
export { docxParagraphs, paragraphsFromHtml } from './docx.js';

/** Plain copy larger than this is refused before it is read: a whole issue's copy is well under 1 MB. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;
/** Word files carry their photos, so they may be larger. */
export const MAX_DOCX_BYTES = 64 * 1024 * 1024;

export interface ReadCopy {
  source: CopySource;
  /** How the file was read (encoding, or "docx"). */
  format: CopyEncoding | 'docx';
  /** Things to tell the editor: an unsure encoding guess, Word conversion messages. */
  warnings: string[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The size limit for a copy file by its name's extension. */
const limitFor = (name: string) => (extname(name).toLowerCase() === '.docx' ? MAX_DOCX_BYTES : MAX_TEXT_BYTES);

/** Refuses a copy file of `size` bytes that is over its limit `max` or empty. */
function checkSize(name: string, size: number, max: number): void {
  if (size > max) throw new CopyFileError(name, 'too-large', `"${name}" is ${mb(size)}; copy files are limited to ${mb(max)} (a whole page of copy is about 20 KB). Is it the right file? Split it if it really is copy.`);
  if (size === 0) throw new CopyFileError(name, 'empty', `"${name}" is empty (0 bytes): there is no copy to import.`);
}

/** Reads one copy file (by extension: .docx through mammoth, anything else as text). */
export async function readCopyFile(path: string, name = basename(path)): Promise<ReadCopy> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CopyFileError(name, 'unreadable', `"${name}" is a folder, not a copy file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof CopyFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CopyFileError(name, 'unreadable', `Cannot read "${name}": ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}.`);
  }
  const max = limitFor(path);
  checkSize(name, size, max);
  // Read no more than the limit even if the file grows while we read it.
  const fh = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(size, max) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (!bytesRead) break;
      got += bytesRead;
      if (got >= buf.length) throw new CopyFileError(name, 'too-large', `"${name}" grew past ${mb(max)} while it was read; copy files are limited to ${mb(max)}.`);
    }
    bytes = buf.subarray(0, got);
  } finally {
    await fh.close();
  }
  return readCopyBytes(name, bytes);
}

/**
 * Reads copy already in memory (a file the browser sent): by its name's extension, .docx
 * through mammoth, anything else as text — the same checks as for a file on disk.
 */
export async function readCopyBytes(name: string, bytes: Buffer): Promise<ReadCopy> {
  checkSize(name, bytes.length, limitFor(name));
  if (extname(name).toLowerCase() === '.docx') {
    const { paragraphs, warnings } = await docxParagraphs(name, bytes);
    if (!paragraphs.length) throw new CopyFileError(name, 'empty', `"${name}" holds no text: there is no copy to import.`);
    return { source: { file: name, paragraphs }, format: 'docx', warnings };
  }
  const d = decodeCopy(name, bytes);
  return { source: textSource(name, d.text), format: d.encoding, warnings: [...(d.unsure ? [d.unsure] : []), ...(d.notes ?? [])] };
}

/** Reads several copy files in order; the first bad file stops the import with its error. */
export async function readCopyFiles(paths: string[]): Promise<ReadCopy[]> {
  const names = paths.map((p) => basename(p));
  // Same-named files from different folders are told apart by their path.
  const label = (p: string, i: number) => (names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? p : names[i]);
  const out: ReadCopy[] = [];
  for (let i = 0; i < paths.length; i++) out.push(await readCopyFile(paths[i], label(paths[i], i)));
  return out;
}

/** Stories from copy files read here (core/import's importCopy), the files' own warnings first in the report. */
export function importReadCopy(read: ReadCopy[], opts: ImportOptions = {}): ImportResult {
  const result = importCopy(read.map((r) => r.source), opts);
  result.report.warnings = [...read.flatMap((r) => r.warnings), ...result.report.warnings];
  return result;
}
