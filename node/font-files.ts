import { createRequire } from 'node:module';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
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
  // Resolved once per key (and fonts folder): require.resolve walks package.json files each time.
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

/**
 * A font file read piecewise, for the PDF: `bytes` has the file's length, but only the ranges
 * asked for with ensure() hold the file's contents (read in whole 1 KB blocks, nearby blocks in
 * one call). A CJK subset needs ~0.5 MB of a 10–15 MB file (its tables and the outlines of the
 * glyphs used; ~3 MB read with the blocks between them), so the rest is neither read nor paged
 * in. Readers must call ensure() before every read (ttf-subset.ts and truetype-font.ts do):
 * elsewhere the array holds zeros.
 */
export class SparseFontFile {
  readonly bytes: Uint8Array;
  private readonly loaded: Uint8Array;

  private constructor(
    private readonly fd: number,
    size: number,
  ) {
    this.bytes = new Uint8Array(size); // zero pages from the OS, touched only where read
    this.loaded = new Uint8Array(Math.ceil(size / SparseFontFile.BLOCK));
  }

  static readonly BLOCK = 1024;

  /** Opens the file (kept open for the process); throws the fs error. */
  static open(path: string): SparseFontFile {
    const fd = openSync(path, 'r');
    try {
      return new SparseFontFile(fd, fstatSync(fd).size);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** Reads whatever of these [offset, length] ranges was not read yet; throws the fs error. */
  ensure(ranges: ReadonlyArray<readonly [number, number]>): void {
    const B = SparseFontFile.BLOCK;
    const missing: number[] = [];
    for (const [offset, length] of ranges) {
      if (length <= 0) continue;
      const last = Math.min(Math.ceil((offset + length) / B), this.loaded.length);
      for (let b = Math.max(0, Math.floor(offset / B)); b < last; b++) {
        if (this.loaded[b] === 0) {
          this.loaded[b] = 2; // asked for, read below
          missing.push(b);
        }
      }
    }
    if (missing.length === 0) return;
    missing.sort((a, b) => a - b);
    try {
      // Runs of blocks, joined across gaps of up to 16 blocks: a read call costs about what copying 16 KB does
      // (a CJK galley: ~130 reads of ~3 MB in all, instead of ~300 of ~1 MB).
      for (let i = 0; i < missing.length; ) {
        let j = i;
        while (j + 1 < missing.length && missing[j + 1] - missing[j] <= 17) j++;
        const from = missing[i] * B;
        const to = Math.min((missing[j] + 1) * B, this.bytes.length);
        for (let at = from; at < to; ) {
          const n = readSync(this.fd, this.bytes, at, to - at, at);
          if (n === 0) throw new Error(`font file shorter than ${to} bytes`);
          at += n;
        }
        for (let b = missing[i]; b <= missing[j]; b++) this.loaded[b] = 1;
        i = j + 1;
      }
    } catch (err) {
      for (const b of missing) if (this.loaded[b] === 2) this.loaded[b] = 0; // not read: asked for again next time
      throw err;
    }
  }
}
