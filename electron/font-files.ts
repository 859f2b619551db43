import { createRequire } from 'node:module';
import { closeSync, fstatSync, openSync, read, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontKey } from '../core/display/types.js';

/** One face of assets/fonts.json. */
export interface FontManifestFace {
  package: string;
  file: string;
  family: string;
  weight: number;
  fallback?: FontKey;
}

const here = dirname(fileURLToPath(import.meta.url));
const manifestPath = join(here, '..', 'assets', 'fonts.json');
const require = createRequire(import.meta.url);
let manifest: Record<FontKey, FontManifestFace> | undefined;

/** The font manifest (assets/fonts.json): faces by key. */
export function fontManifest(): Record<FontKey, FontManifestFace> {
  manifest ??= (JSON.parse(readFileSync(manifestPath, 'utf8')) as { faces: Record<FontKey, FontManifestFace> }).faces;
  return manifest;
}

/**
 * Absolute path of a face's TTF file, resolved from its npm package; throws a clear error for an
 * unknown key or a missing file. When BROADSHEET_FONTS_DIR is set (the packaged app, whose fonts
 * are resources beside the asar), the file is `<dir>/<package>/<file>` instead.
 */
export function fontFilePath(key: FontKey): string {
  // Resolved once per key (and fonts folder): require.resolve walks package.json files each time (~0.5 ms cold).
  const dir = process.env.BROADSHEET_FONTS_DIR ?? '';
  const memo = resolvedPaths.get(key);
  if (memo && memo.dir === dir) return memo.path;
  const path = resolveFontFilePath(key);
  resolvedPaths.set(key, { dir, path });
  return path;
}

const resolvedPaths = new Map<FontKey, { dir: string; path: string }>();

function resolveFontFilePath(key: FontKey): string {
  const face = fontManifest()[key];
  if (!face) throw new Error(`Unknown font '${key}' (assets/fonts.json lists: ${Object.keys(fontManifest()).join(', ')})`);
  const dir = process.env.BROADSHEET_FONTS_DIR;
  if (dir) return join(dir, face.package, face.file);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve(`${face.package}/package.json`));
  } catch {
    throw new Error(`Font '${key}' is missing: npm package ${face.package} is not installed (run npm ci)`);
  }
  return join(pkgDir, face.file);
}

/** A file's identity as stat() gives it: equal stamps, same contents (any write moves mtime and ctime). */
function stamp(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

const prefetched = new Map<string, { bytes: Buffer; stamp: string }>();
const prefetching = new Map<string, Promise<void>>();

/**
 * Starts reading a face's font file on libuv's thread pool — one read call for the whole file
 * (fs.readFile would come back to the main thread every 512 KB) — so the 10–15 MB arrive while
 * the main thread loads modules or typesets. Resolves once the bytes are in memory; never
 * rejects (fontkitFont reads the file itself, and reports its errors, when this did not).
 */
export function prefetchFontFile(key: FontKey): Promise<void> {
  let path: string;
  try {
    path = fontFilePath(key);
  } catch {
    return Promise.resolve();
  }
  let pending = prefetching.get(path);
  if (!pending) {
    pending = new Promise<void>((resolve) => {
      let fd: number;
      let before: string;
      let bytes: Buffer;
      try {
        fd = openSync(path, 'r');
        const s = fstatSync(fd);
        before = stamp(s);
        bytes = Buffer.allocUnsafe(s.size);
      } catch {
        resolve();
        return;
      }
      const done = (ok: boolean) => {
        try {
          // Kept only when the file did not change while it was read.
          if (ok && stamp(fstatSync(fd)) === before) prefetched.set(path, { bytes, stamp: before });
          closeSync(fd);
        } catch {
          /* not kept */
        }
        resolve();
      };
      const next = (at: number) =>
        read(fd, bytes, at, bytes.length - at, at, (err, n) => {
          if (err || (n === 0 && at < bytes.length)) done(false);
          else if (at + n < bytes.length) next(at + n);
          else done(true);
        });
      if (bytes.length === 0) done(true);
      else next(0);
    });
    prefetching.set(path, pending);
  }
  return pending;
}

/** The bytes prefetchFontFile read for `path`, handed over once, while the file is still the one read; else undefined. */
export function prefetchedFontFile(path: string): Buffer | undefined {
  const p = prefetched.get(path);
  if (!p) return undefined;
  prefetched.delete(path);
  try {
    return stamp(statSync(path)) === p.stamp ? p.bytes : undefined;
  } catch {
    return undefined;
  }
}
