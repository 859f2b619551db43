import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Asset, Issue } from '../../core/model/issue.js';
import { checkAssetPath } from '../../core/model/validate.js';

/**
 * Photo links, as InDesign keeps them: each photo is linked by its path relative to the issue
 * file, with the sha256 of its content and its pixel size, so that a moved or edited photo is
 * noticed (links report) and a moved folder is found again by content (relink).
 */

/** The folder, beside the issue, that photos placed from elsewhere are copied into. */
export const PHOTOS_DIR = 'photos';
const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.gif', '.psd', '.eps', '.pdf', '.bmp', '.heic']);

export interface PhotoInfo {
  hash: string;
  widthPx?: number;
  heightPx?: number;
  colorSpace?: 'rgb' | 'cmyk' | 'gray';
  bytes: number;
}

/** sha256 of a file, streamed (photos can be large). */
export function hashFile(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (b) => h.update(b))
      .on('error', rej)
      .on('end', () => res(h.digest('hex')));
  });
}

/** Hash, pixel size and colour space of a photo file (size unknown for formats sharp cannot read). */
export async function photoInfo(path: string): Promise<PhotoInfo> {
  const [hash, st] = await Promise.all([hashFile(path), stat(path)]);
  const info: PhotoInfo = { hash, bytes: st.size };
  try {
    const { default: sharp } = await import('sharp');
    const m = await sharp(path).metadata();
    if (m.width) info.widthPx = m.width;
    if (m.height) info.heightPx = m.height;
    info.colorSpace = m.space === 'cmyk' ? 'cmyk' : m.space === 'b-w' || m.channels === 1 ? 'gray' : 'rgb';
  } catch {
    /* not an image sharp reads (EPS, PSD…): linked by hash only */
  }
  return info;
}

/**
 * Absolute path of a linked photo; undefined when it would leave the issue's folder — by its
 * path (`..`, absolute) or through a symbolic link (the photo, or a folder on its way, linked
 * to somewhere outside). The host serves, preflight checks and export embeds only these.
 */
export function resolveAsset(issuePath: string, asset: Pick<Asset, 'path'>): string | undefined {
  if (checkAssetPath(asset.path)) return undefined;
  const abs = resolve(dirname(issuePath), ...asset.path.split(/[\\/]+/));
  return realInside(dirname(resolve(issuePath)), abs) ? abs : undefined;
}

/**
 * Whether `file` lies inside `folder` once symbolic links are followed: the file itself when it
 * exists, else its nearest existing ancestor (so a missing photo under a folder that links out
 * is outside too, and nothing is ever written through such a folder).
 */
export function realInside(folder: string, file: string): boolean {
  let existing = resolve(file);
  while (!existsSync(existing)) {
    const up = dirname(existing);
    if (up === existing) return false;
    existing = up;
  }
  try {
    const real = realpathSync(existing);
    const root = realpathSync(folder);
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  } catch {
    return false;
  }
}

/** Whether a photo path that stays in the folder by its name leaves it through a symbolic link. */
function linksOut(issuePath: string, path: string): boolean {
  return !checkAssetPath(path) && !realInside(dirname(resolve(issuePath)), resolve(dirname(issuePath), ...path.split(/[\\/]+/)));
}

/**
 * Where a photo path that leaves the issue's folder through a symbolic link really leads: the
 * real path of the file (or of its nearest existing folder, with the rest of the path after it,
 * when the file is not there). Undefined for a path that stays inside or is invalid by its name.
 */
export function outsideTarget(issuePath: string, asset: Pick<Asset, 'path'>): string | undefined {
  if (!linksOut(issuePath, asset.path)) return undefined;
  let existing = resolve(dirname(issuePath), ...asset.path.split(/[\\/]+/));
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const up = dirname(existing);
    if (up === existing) return undefined;
    rest.unshift(basename(existing));
    existing = up;
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return undefined;
  }
}

/** Hashes of outside files by real path, kept while their size, time and inode stay (the host serves them again and again). */
const outsideHashes = new Map<string, { stamp: string; hash: string }>();

async function hashIfUnchanged(real: string): Promise<string> {
  const st = await stat(real);
  const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  const known = outsideHashes.get(real);
  if (known?.stamp === stamp) return known.hash;
  const hash = await hashFile(real);
  if (outsideHashes.size > 1000) outsideHashes.clear();
  outsideHashes.set(real, { stamp, hash });
  return hash;
}

/** Why an accepted outside link no longer holds, or undefined while it does (same real path, same content). */
async function acceptanceBroken(issuePath: string, asset: Pick<Asset, 'path' | 'acceptedOutside'>): Promise<string | undefined> {
  const accepted = asset.acceptedOutside;
  if (!accepted) return 'it was not accepted';
  const real = outsideTarget(issuePath, asset);
  if (!real) return 'it no longer leads out of the folder';
  if (real !== accepted.realPath) return `it now leads to ${real}, not to the accepted ${accepted.realPath}`;
  let hash: string;
  try {
    hash = await hashIfUnchanged(real);
  } catch {
    return `the accepted file ${real} cannot be read`;
  }
  return hash === accepted.hash ? undefined : `the accepted file ${real} has changed since it was accepted`;
}

/**
 * The file the host may serve, preflight check and export embed for a photo: a path inside the
 * issue's folder (resolveAsset), or an outside link the user accepted whose real path and content
 * are still the accepted ones (then its real path). Undefined for anything else.
 */
export async function resolveLinkedFile(issuePath: string, asset: Pick<Asset, 'path' | 'acceptedOutside'>): Promise<string | undefined> {
  const inside = resolveAsset(issuePath, asset);
  if (inside) return inside;
  if (!asset.acceptedOutside) return undefined;
  return (await acceptanceBroken(issuePath, asset)) ? undefined : asset.acceptedOutside.realPath;
}

/**
 * Accepts a photo that links outside the issue's folder, as the user confirmed it: records its
 * real path and content hash on the asset. `expectedRealPath`, the path the user was shown,
 * must still be where the link leads. Returns the new asset; throws naming the photo otherwise.
 */
export async function acceptOutsideLink(issuePath: string, asset: Asset, expectedRealPath?: string): Promise<Asset> {
  const real = outsideTarget(issuePath, asset);
  if (!real) throw new Error(`photo '${asset.id}' (${asset.path}) does not link outside the issue's folder: there is nothing to accept`);
  if (expectedRealPath !== undefined && expectedRealPath !== real) throw new Error(`photo '${asset.id}' (${asset.path}) now leads to ${real}, not to ${expectedRealPath} as shown: look at the links again before accepting`);
  let info: PhotoInfo;
  try {
    info = await photoInfo(real);
  } catch (err) {
    throw new Error(`photo '${asset.id}' (${asset.path}) leads to ${real}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}): nothing to accept`);
  }
  if (!(await stat(real)).isFile()) throw new Error(`photo '${asset.id}' (${asset.path}) leads to ${real}, which is not a file`);
  outsideHashes.set(real, { stamp: '', hash: info.hash });
  return {
    ...asset,
    ...(info.widthPx ? { widthPx: info.widthPx, heightPx: info.heightPx } : {}),
    ...(info.colorSpace && !asset.colorSpace ? { colorSpace: info.colorSpace } : {}),
    hash: info.hash,
    acceptedOutside: { realPath: await realpath(real), hash: info.hash },
  };
}

/** A path relative to the issue file with `/` separators, or undefined when outside its folder. */
export function relativeAssetPath(issuePath: string, file: string): string | undefined {
  const rel = relative(dirname(resolve(issuePath)), resolve(file)).split(sep).join('/');
  return checkAssetPath(rel) || linksOut(issuePath, rel) ? undefined : rel;
}

/**
 * A link's state, as the Links panel shows it: `outside` is a symbolic link (a photo or a folder
 * on its way) leading out of the issue's folder, not accepted; `outside-accepted` one the user
 * accepted whose target is still the accepted file; `unreadable` a file that is there but cannot
 * be read (permissions, not a file, or not an image its name says it is).
 */
export type LinkStatus = 'ok' | 'missing' | 'modified' | 'unverified' | 'invalid-path' | 'outside' | 'outside-accepted' | 'unreadable';

export const LINK_STATUSES: readonly LinkStatus[] = ['ok', 'missing', 'modified', 'unverified', 'invalid-path', 'outside', 'outside-accepted', 'unreadable'];

/** Whether a status is a problem the page must show at once (export would leave the photo out). */
export function linkBroken(status: LinkStatus): boolean {
  return status === 'missing' || status === 'unreadable' || status === 'invalid-path' || status === 'outside';
}

export interface LinkEntry {
  id: string;
  path: string;
  status: LinkStatus;
  /** Pages whose frames show the photo. */
  usedOnPages: number[];
  /** The photo frames showing it: page number, page index and frame id. */
  frames: Array<{ page: number; pageIndex: number; frameId: string }>;
  /** Stories whose figures show the photo. */
  usedInStories: string[];
  expectedHash?: string;
  actualHash?: string;
  /** Pixel size now on disk when it differs from the linked size. */
  actualSize?: { widthPx?: number; heightPx?: number };
  /** Pixel size: on disk when readable, else as linked. */
  widthPx?: number;
  heightPx?: number;
  /** Where an outside link really leads (outside, outside-accepted). */
  realPath?: string;
  /** One line for the links panel. */
  message: string;
}

export interface LinksReport {
  entries: LinkEntry[];
  counts: Record<LinkStatus, number>;
  /** E.g. "12 photos: 10 OK, 1 missing, 1 modified". */
  summary: string;
}

function usage(issue: Issue) {
  const pages = new Map<string, Set<number>>();
  const frames = new Map<string, LinkEntry['frames']>();
  const stories = new Map<string, Set<string>>();
  issue.pages.forEach((p, pageIndex) => {
    for (const f of p.frames)
      if (f.type === 'photo' && f.assetId) {
        (pages.get(f.assetId) ?? pages.set(f.assetId, new Set()).get(f.assetId)!).add(p.number);
        (frames.get(f.assetId) ?? frames.set(f.assetId, []).get(f.assetId)!).push({ page: p.number, pageIndex, frameId: f.id });
      }
  });
  for (const s of issue.stories) {
    const stack: unknown[] = [s.doc];
    while (stack.length) {
      const n = stack.pop() as { type?: string; attrs?: { assetId?: unknown }; content?: unknown[] };
      if (n?.type === 'photo' && typeof n.attrs?.assetId === 'string') (stories.get(n.attrs.assetId) ?? stories.set(n.attrs.assetId, new Set()).get(n.attrs.assetId)!).add(s.id);
      if (Array.isArray(n?.content)) for (const c of n.content) stack.push(c);
    }
  }
  return { pages, frames, stories };
}

/** Photo formats whose pixels sharp reads: such a file it cannot read is not the photo its name says. */
const DECODED_EXT = /\.(jpe?g|png|tiff?|webp)$/i;

/** Facts of the photos the links report read, by path, kept while their size, time and inode stay. */
const reportCache = new Map<string, { stamp: string; info: PhotoInfo }>();

/** Reads a photo for the report: its facts, or whether it is missing or unreadable. */
async function readPhoto(abs: string): Promise<PhotoInfo | { missing: true } | { unreadable: string }> {
  let info: PhotoInfo;
  try {
    const st = await stat(abs);
    if (!st.isFile()) return { unreadable: 'not a file' };
    // The panel asks again on every focus: a file whose size, time and inode are unchanged is not read again.
    const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    const known = reportCache.get(abs);
    if (known?.stamp === stamp) info = known.info;
    else {
      info = await photoInfo(abs);
      if (reportCache.size > 5000) reportCache.clear();
      reportCache.set(abs, { stamp, info });
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { unreadable: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? err) };
  }
  if (DECODED_EXT.test(abs) && !info.widthPx) return { unreadable: 'not a readable image' };
  return info;
}

/** Checks every photo link of an issue: missing, modified (hash differs), outside the folder, or OK. */
export async function linksReport(issuePath: string, issue: Issue): Promise<LinksReport> {
  const { pages, frames, stories } = usage(issue);
  const entries: LinkEntry[] = [];
  for (const a of issue.assets) {
    const base = {
      id: a.id,
      path: a.path,
      usedOnPages: [...(pages.get(a.id) ?? [])].sort((x, y) => x - y),
      frames: frames.get(a.id) ?? [],
      usedInStories: [...(stories.get(a.id) ?? [])],
      expectedHash: a.hash,
      ...(a.widthPx ? { widthPx: a.widthPx, heightPx: a.heightPx } : {}),
    };
    let abs = resolveAsset(issuePath, a);
    let realPath: string | undefined;
    if (!abs) {
      realPath = outsideTarget(issuePath, a);
      if (!realPath) {
        entries.push({ ...base, status: 'invalid-path', message: `${a.path}: the path leaves the issue's folder` });
        continue;
      }
      abs = realPath;
    }
    const read = await readPhoto(abs);
    if ('missing' in read) {
      entries.push({ ...base, status: 'missing', ...(realPath ? { realPath } : {}), message: `${a.path}: missing (not found at ${abs})` });
      continue;
    }
    if ('unreadable' in read) {
      entries.push({ ...base, status: 'unreadable', ...(realPath ? { realPath } : {}), message: `${a.path}: cannot be read (${read.unreadable}) at ${abs}` });
      continue;
    }
    const info = read;
    const sizeChanged = (a.widthPx && info.widthPx && a.widthPx !== info.widthPx) || (a.heightPx && info.heightPx && a.heightPx !== info.heightPx);
    const actualSize = sizeChanged ? { widthPx: info.widthPx, heightPx: info.heightPx } : undefined;
    const found = { ...base, actualHash: info.hash, ...(info.widthPx ? { widthPx: info.widthPx, heightPx: info.heightPx } : {}) };
    if (realPath) {
      const broken = await acceptanceBroken(issuePath, a);
      if (!broken) entries.push({ ...found, realPath, status: 'outside-accepted', message: `${a.path}: outside link accepted: ${realPath}` });
      else
        entries.push({
          ...found,
          realPath,
          status: 'outside',
          message: a.acceptedOutside ? `${a.path}: links outside the issue's folder, to ${realPath}; the acceptance no longer holds: ${broken}` : `${a.path}: a symbolic link leads out of the issue's folder, to ${realPath}`,
        });
    } else if (!a.hash) entries.push({ ...found, status: 'unverified', message: `${a.path}: found, but no content hash was recorded to verify it` });
    else if (a.hash !== info.hash)
      entries.push({ ...found, actualSize, status: 'modified', message: `${a.path}: modified since it was placed${sizeChanged ? ` (now ${info.widthPx}×${info.heightPx} px, was ${a.widthPx}×${a.heightPx})` : ''}` });
    else entries.push({ ...found, status: 'ok', message: `${a.path}: OK` });
  }
  const counts = Object.fromEntries(LINK_STATUSES.map((k) => [k, 0])) as Record<LinkStatus, number>;
  for (const e of entries) counts[e.status]++;
  const parts = LINK_STATUSES.filter((k) => counts[k]).map((k) => `${counts[k]} ${k === 'ok' ? 'OK' : k}`);
  return { entries, counts, summary: `${entries.length} photo${entries.length === 1 ? '' : 's'}${parts.length ? ': ' + parts.join(', ') : ''}` };
}

async function uniqueName(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${stem}-${i}${ext}`;
    try {
      await stat(join(dir, candidate));
    } catch {
      return candidate;
    }
  }
}

/**
 * Links a photo file into an issue: records its relative path, hash and pixel size. A photo
 * outside the issue's folder is first copied into `photos/` beside the issue (links must stay
 * inside the folder so the issue travels whole). Returns a new issue; the input is unchanged.
 */
export async function linkPhotoFile(issuePath: string, issue: Issue, photo: string, opts: { id?: string; copy?: boolean } = {}): Promise<{ issue: Issue; asset: Asset; copiedTo?: string }> {
  let file = resolve(photo);
  // `copy`: into photos/ even from inside the folder (an upload's temp file is never the link).
  let rel = opts.copy ? undefined : relativeAssetPath(issuePath, file);
  let copiedTo: string | undefined;
  if (!rel) {
    const dir = join(dirname(resolve(issuePath)), PHOTOS_DIR);
    if (!realInside(dirname(resolve(issuePath)), dir)) throw new Error(`${PHOTOS_DIR}/ beside the issue is a symbolic link out of its folder: the photo is not copied there`);
    await mkdir(dir, { recursive: true });
    copiedTo = join(dir, await uniqueName(dir, basename(file)));
    await copyFile(file, copiedTo);
    file = copiedTo;
    rel = relativeAssetPath(issuePath, file)!;
  }
  const info = await photoInfo(file);
  const ids = new Set(issue.assets.map((a) => a.id));
  let id = opts.id;
  if (!id) for (let i = issue.assets.length + 1; ids.has((id = `a${i}`)); i++);
  const asset: Asset = { id: id!, path: rel, hash: info.hash, ...(info.widthPx ? { widthPx: info.widthPx, heightPx: info.heightPx } : {}), ...(info.colorSpace ? { colorSpace: info.colorSpace } : {}) };
  const assets = ids.has(asset.id) ? issue.assets.map((a) => (a.id === asset.id ? asset : a)) : [...issue.assets, asset];
  return { issue: { ...issue, assets }, asset, copiedTo };
}

/** Accepts a modified photo as it now is: records its new hash and pixel size. */
export async function updateLink(issuePath: string, issue: Issue, assetId: string): Promise<Issue> {
  const a = issue.assets.find((x) => x.id === assetId);
  const abs = a && resolveAsset(issuePath, a);
  if (!a || !abs) return issue;
  const info = await photoInfo(abs);
  const next: Asset = { ...a, hash: info.hash, ...(info.widthPx ? { widthPx: info.widthPx, heightPx: info.heightPx } : {}) };
  return { ...issue, assets: issue.assets.map((x) => (x.id === assetId ? next : x)) };
}

async function listImages(folder: string, limit = 50_000): Promise<string[]> {
  const out: string[] = [];
  const stack = [folder];
  while (stack.length && out.length < limit) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && IMAGE_EXT.has(extname(e.name).toLowerCase())) out.push(p);
    }
  }
  return out;
}

export interface RelinkResult {
  issue: Issue;
  relinked: Array<{ id: string; from: string; to: string; copied: boolean }>;
  /** Ids still missing after the search. */
  stillMissing: string[];
}

/**
 * Finds missing photos again in a folder (searched recursively): by content hash, trying files
 * of the same name first; by name alone for links without a hash. Photos found outside the
 * issue's folder are copied into `photos/`. Returns a new issue with the updated links.
 */
export async function relinkFolder(issuePath: string, issue: Issue, folder: string): Promise<RelinkResult> {
  const report = await linksReport(issuePath, issue);
  const wanted = report.entries.filter((e) => e.status === 'missing').map((e) => issue.assets.find((a) => a.id === e.id)!);
  const files = await listImages(folder);
  const byName = new Map<string, string[]>();
  for (const f of files) (byName.get(basename(f).toLowerCase()) ?? byName.set(basename(f).toLowerCase(), []).get(basename(f).toLowerCase())!).push(f);
  const hashes = new Map<string, string>();
  const hashOf = async (f: string) => hashes.get(f) ?? hashes.set(f, await hashFile(f).catch(() => '')).get(f)!;
  const found = new Map<string, string>();
  for (const a of wanted) {
    const name = basename(a.path.split(/[\\/]/).pop() ?? '').toLowerCase();
    for (const f of byName.get(name) ?? []) {
      if (!a.hash || (await hashOf(f)) === a.hash) {
        found.set(a.id, f);
        break;
      }
    }
  }
  // Renamed as well as moved: hash every candidate, but only while some hashed link is still missing.
  const rest = wanted.filter((a) => !found.has(a.id) && a.hash);
  if (rest.length) {
    const want = new Map(rest.map((a) => [a.hash!, a.id]));
    for (const f of files) {
      const id = want.get(await hashOf(f));
      if (id && !found.has(id)) found.set(id, f);
      if (found.size === wanted.length) break;
    }
  }
  let next = issue;
  const relinked: RelinkResult['relinked'] = [];
  for (const [id, file] of found) {
    const old = issue.assets.find((a) => a.id === id)!;
    const r = await linkPhotoFile(issuePath, next, file, { id });
    next = r.issue;
    relinked.push({ id, from: old.path, to: r.asset.path, copied: !!r.copiedTo });
  }
  return { issue: next, relinked, stillMissing: wanted.filter((a) => !found.has(a.id)).map((a) => a.id) };
}
