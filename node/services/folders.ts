import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { FolderListingDto, FolderRootDto } from '../../core/api/index.js';

/**
 * The folder browser behind the in-page Open and Save As dialogs (the loopback host has no native
 * dialogs). It lists one folder at a time — its subfolders and its issue files — and only inside
 * the user's folders: the home folder, the folder of the issue the host started on, and the
 * folders of recently opened issues. Everything is compared once symbolic links are followed, so
 * a link inside a root that points elsewhere is neither listed nor browsable.
 */

/** At most this many entries of one folder are listed (a folder of photos from a camera card can hold many). */
export const FOLDER_ENTRIES_MAX = 2000;

/** A folder the browser host does not list: why, for the UI (not found, outside the user's folders, not a folder). */
export class FolderOutside extends Error {
  constructor(
    readonly why: 'not-found' | 'outside' | 'not-a-folder',
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FolderRootsSource {
  /** The folder of the issue the host started on (the bundled sample's, unless given a file). */
  startupFolder: string;
  /** The folders of recently opened issues, newest first. */
  recentFolders(): Promise<string[]>;
  /** The user's home folder (tests give their own). */
  home?: string;
}

/** The user's folders, each once (by real path), home first; folders that do not exist are left out. */
export async function folderRoots(src: FolderRootsSource): Promise<FolderRootDto[]> {
  const candidates: FolderRootDto[] = [
    { path: src.home ?? homedir(), kind: 'home' },
    { path: src.startupFolder, kind: 'startup' },
    ...(await src.recentFolders().catch(() => [])).map((path) => ({ path, kind: 'recent' as const })),
  ];
  const seen = new Set<string>();
  const roots: FolderRootDto[] = [];
  for (const c of candidates) {
    const real = await realpath(resolve(c.path)).catch(() => null);
    if (!real || seen.has(real)) continue;
    // A recent issue's folder inside the home folder is reachable from there already.
    if (c.kind === 'recent' && roots.some((r) => inside(r.path, real))) continue;
    seen.add(real);
    roots.push({ path: real, kind: c.kind });
  }
  return roots;
}

function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
const startsHan = (name: string) => (/^\p{Script=Han}/u.test(name) ? 1 : 0);
/** As a file manager lists them: digits and Latin first (Chinese collation would put Han first), then Chinese by pinyin, numbers by value. */
const byName = (a: { name: string }, b: { name: string }) => startsHan(a.name) - startsHan(b.name) || collator.compare(a.name, b.name);

/**
 * One folder's subfolders and `.broadsheet` files (hidden ones left out), sorted as a person
 * reads them (numbers by value, Chinese by pinyin). No path: the startup issue's folder.
 */
export async function listFolder(src: FolderRootsSource, path?: string): Promise<FolderListingDto> {
  const roots = await folderRoots(src);
  const wanted = path ?? src.startupFolder;
  const real = await realpath(resolve(wanted)).catch(() => null);
  if (!real) throw new FolderOutside('not-found', wanted, `Folder not found: ${wanted}`);
  if (!roots.some((r) => inside(r.path, real))) {
    throw new FolderOutside('outside', wanted, `${wanted} is outside your folders (${roots.map((r) => r.path).join(', ')}): the browser host lists only those`);
  }
  const info = await stat(real);
  if (!info.isDirectory()) throw new FolderOutside('not-a-folder', wanted, `Not a folder: ${wanted}`);
  const entries = (await readdir(real, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort(byName);
  const folders: FolderListingDto['folders'] = [];
  const issues: FolderListingDto['issues'] = [];
  let truncated = false;
  for (const e of entries) {
    const isIssue = e.name.toLowerCase().endsWith('.broadsheet');
    if (!isIssue && !e.isDirectory() && !e.isSymbolicLink()) continue;
    if (folders.length + issues.length >= FOLDER_ENTRIES_MAX) {
      truncated = true;
      break;
    }
    const full = join(real, e.name);
    // A symbolic link is followed only while it stays inside the user's folders.
    const target = e.isSymbolicLink() ? await realpath(full).catch(() => null) : full;
    if (!target || (target !== full && !roots.some((r) => inside(r.path, target)))) continue;
    const s = await stat(target).catch(() => null);
    if (s?.isDirectory()) folders.push({ name: e.name, path: full });
    else if (s?.isFile() && isIssue) issues.push({ name: e.name, path: full, size: s.size, modified: s.mtime.toISOString() });
  }
  // Up as far as the root this folder is in.
  const parentRoot = roots.find((r) => inside(r.path, real) && r.path !== real);
  const up = dirname(real);
  return {
    path: real,
    name: basename(real) || real,
    ...(parentRoot && up !== real ? { parent: up } : {}),
    sep,
    roots,
    folders,
    issues,
    ...(truncated ? { truncated } : {}),
  };
}
