import { copyFile, lstat, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough, unzipSync } from 'fflate';
import type { Asset, Issue } from '../../core/model/issue.js';
import { serializeIssue } from './issue-file.js';
import { IssueFileError } from './errors.js';
import { linkBroken, linksReport, realInside, resolveLinkedFile, PHOTOS_DIR } from './links.js';
import { templateFileFor } from '../templates.js';
import { syncDir } from './atomic.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * Package: the issue, every linked photo and a copy of each template its pages use, collected
 * into one folder or zip for a colleague or the plant:
 *
 *   <name>/<name>.broadsheet      links rewritten to photos/…
 *   <name>/photos/…               the photos (names made unique)
 *   <name>/templates/<id>.json    the templates
 *   <name>/package-report.txt     what was collected, and what was missing
 *
 * The package is built under a temporary name and renamed into place, so an interrupted
 * Package never leaves a half-package under the final name.
 */

export interface PackageOptions {
  /** Destination folder, or a path ending in `.zip` for a zip archive. */
  to: string;
  /** Replace an existing destination (default false). */
  overwrite?: boolean;
  /** Where the templates' JSON files are (default: the app's templates/ folder). */
  templatesDir?: string;
}

export interface PackageResult {
  path: string;
  kind: 'folder' | 'zip';
  /** Entries written, relative to the package root. */
  files: string[];
  missingPhotos: string[];
  modifiedPhotos: string[];
  templates: string[];
  missingTemplates: string[];
  report: string;
}

interface Entry {
  name: string;
  /** Source file to copy, or the bytes. */
  from?: string;
  data?: Uint8Array;
}

/** Collects an issue with its photos and templates into a folder or zip. */
export async function packageIssue(issuePath: string, issue: Issue, opts: PackageOptions): Promise<PackageResult> {
  const to = resolve(opts.to);
  const kind = extname(to).toLowerCase() === '.zip' ? 'zip' : 'folder';
  if (!opts.overwrite && (await stat(to).then(() => true, () => false))) {
    throw new IssueFileError(to, 'write-failed', `Cannot package to "${to}": it already exists.`);
  }
  const name = basename(issuePath).replace(/\.broadsheet$/i, '') || 'issue';
  const links = await linksReport(issuePath, issue);
  const entries: Entry[] = [];
  const used = new Set<string>();
  const missingPhotos: string[] = [];
  const modifiedPhotos: string[] = [];
  const assets: Asset[] = [];
  for (const a of issue.assets) {
    const st = links.entries.find((e) => e.id === a.id)!;
    // An accepted outside link is collected as the file it leads to (read, never written through).
    const abs = await resolveLinkedFile(issuePath, a);
    if (linkBroken(st.status) || !abs) {
      missingPhotos.push(`${a.id} (${a.path})`);
      assets.push(a);
      continue;
    }
    if (st.status === 'modified') modifiedPhotos.push(`${a.id} (${a.path})`);
    let file = basename(abs);
    const ext = extname(file);
    for (let i = 2; used.has(file.toLowerCase()); i++) file = `${basename(abs, ext)}-${i}${ext}`;
    used.add(file.toLowerCase());
    const rel = `${PHOTOS_DIR}/${file}`;
    entries.push({ name: rel, from: abs });
    // The package records what it carries: the file's hash as packaged.
    const { acceptedOutside: _inPackage, ...kept } = a;
    assets.push({ ...kept, path: rel, ...(st.actualHash ? { hash: st.actualHash } : {}) });
  }
  const templates: string[] = [];
  const missingTemplates: string[] = [];
  for (const id of [...new Set(issue.pages.map((p) => p.templateId))]) {
    const file = templateFileFor(id, opts.templatesDir);
    if (file) {
      // By the file's own name: an id is data from the issue and the template, never a path to write to.
      entries.push({ name: `templates/${basename(file)}`, from: file });
      templates.push(id);
    } else missingTemplates.push(id);
  }
  const packaged: Issue = { ...issue, assets };
  entries.unshift({ name: `${name}.broadsheet`, data: Buffer.from(serializeIssue(packaged)) });
  const report = [
    `Broadsheet package: ${issue.paper} ${issue.issueNumber} ${issue.date}`.trim(),
    `Packaged ${new Date().toISOString()} from ${resolve(issuePath)}`,
    `${issue.pages.length} pages, ${issue.stories.length} stories, ${issue.assets.length} photos`,
    '',
    `Photos collected: ${issue.assets.length - missingPhotos.length}`,
    ...(missingPhotos.length ? [`MISSING photos (not in the package): ${missingPhotos.join(', ')}`] : []),
    ...(modifiedPhotos.length ? [`Photos modified since placing (packaged as they are now): ${modifiedPhotos.join(', ')}`] : []),
    `Templates: ${templates.join(', ') || 'none'}`,
    ...(missingTemplates.length ? [`Templates not found as files (built in, or missing): ${missingTemplates.join(', ')}`] : []),
    'Fonts: Noto Serif SC and Noto Sans SC (open-source, part of Broadsheet); not copied.',
    '',
  ].join('\n');
  entries.push({ name: 'package-report.txt', data: Buffer.from(report) });

  // Every entry a plain relative name (a zip entry with `..` would write outside where it is unpacked).
  for (const e of entries) {
    if (e.name.split('/').some((seg) => seg === '..' || seg === '' || seg === '.') || /^[a-zA-Z]:|^[\\/]|\\/.test(e.name)) throw new IssueFileError(to, 'write-failed', `Cannot package to "${to}": the entry "${e.name}" is not a plain relative name; nothing was written.`);
  }
  const tmp = join(dirname(to), `.${basename(to)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    if (kind === 'folder') await writeFolder(tmp, entries);
    else await writeZip(tmp, name, entries);
    if (opts.overwrite) await rm(to, { recursive: true, force: true });
    await rename(tmp, to);
    await syncDir(dirname(to));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    if (err instanceof IssueFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new IssueFileError(to, code === 'ENOSPC' ? 'disk-full' : 'write-failed', `Cannot package to "${to}": ${code === 'ENOSPC' ? 'the disk is full' : errorMessage(err)}.`, { cause: err });
  }
  return { path: to, kind, files: entries.map((e) => (kind === 'zip' ? `${name}/${e.name}` : e.name)), missingPhotos, modifiedPhotos, templates, missingTemplates, report };
}

async function writeFolder(dir: string, entries: Entry[]): Promise<void> {
  const root = resolve(dir);
  for (const e of entries) {
    const dest = resolve(root, ...e.name.split('/'));
    if (!dest.startsWith(root + sep)) throw new Error(`the package entry "${e.name}" would be written outside the package folder`);
    await mkdir(dirname(dest), { recursive: true });
    // Only new files: never over (or through) anything already there.
    if (e.from) await copyFile(e.from, dest, fsConstants.COPYFILE_EXCL);
    else await writeFile(dest, e.data!, { flag: 'wx' });
  }
}

/** Streams a zip to `file`, one entry at a time (photos stored, text deflated): memory stays at one photo. */
async function writeZip(file: string, root: string, entries: Entry[]): Promise<void> {
  const h = await open(file, 'wx');
  let pending: Promise<unknown> = Promise.resolve();
  let failed: unknown;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else pending = pending.then(() => h.write(chunk)).catch((e) => (failed = e));
    if (final || err) pending.then(() => done());
  });
  try {
    for (const e of entries) {
      const data = e.data ?? (await readFile(e.from!));
      const compressed = /\.(jpe?g|png|gif|webp|heic|zip)$/i.test(e.name);
      const f = compressed ? new ZipPassThrough(`${root}/${e.name}`) : new ZipDeflate(`${root}/${e.name}`, { level: 6 });
      zip.add(f);
      f.push(data, true);
      await pending;
      if (failed) throw failed;
    }
    zip.end();
    await finished;
    if (failed) throw failed;
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Unpacks a packaged issue zip into a folder; returns the path of the issue file inside.
 * Entries that would land outside the folder (`..`, absolute paths) are refused.
 */
export async function unpackIssueZip(zipPath: string, destDir: string): Promise<string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(await readFile(zipPath));
  } catch (err) {
    throw new IssueFileError(zipPath, 'unreadable', `Cannot unpack "${zipPath}": it is not a readable zip archive (${errorMessage(err)}).`);
  }
  let issueFile: string | undefined;
  const root = resolve(destDir);
  await mkdir(root, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    const dest = resolve(root, ...name.split(/[\\/]+/));
    if (!dest.startsWith(root.endsWith(sep) ? root : root + sep) || /^[a-zA-Z]:|^[\\/]/.test(name)) {
      throw new IssueFileError(zipPath, 'invalid', `Cannot unpack "${zipPath}": the entry "${name}" would be written outside the destination folder.`);
    }
    // Never through a symbolic link already in the destination (a folder or the file itself).
    if (!realInside(root, dirname(dest)) || (await lstat(dest).catch(() => undefined))?.isSymbolicLink()) {
      throw new IssueFileError(zipPath, 'invalid', `Cannot unpack "${zipPath}": "${name}" would be written through a symbolic link in the destination folder.`);
    }
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, data);
    if (/\.broadsheet$/i.test(name) && (!issueFile || dest.length < issueFile.length)) issueFile = dest;
  }
  if (!issueFile) throw new IssueFileError(zipPath, 'wrong-format', `"${zipPath}" holds no .broadsheet issue file.`);
  return issueFile;
}
