import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { FontKey } from '../core/display/types.js';
import { fontFilePath, fontManifest } from './font-files.js';
import { writeFileAtomic } from './store/atomic.js';

/**
 * Subsets of the manifest's fonts for the renderer's first paint: a face cut down to the
 * characters an issue uses (core/fonts/coverage.ts), with HarfBuzz's hb-subset (harfbuzzjs,
 * WebAssembly). Glyph ids are kept (retain-gids), every layout feature and script is kept and
 * .notdef keeps its outline, so the subset answers the composer exactly as the full file does for
 * those characters (fontkit reads it: core/fonts/subset-face.ts) and the browser can load it as a
 * CSS font in a fraction of the time (a cmap, unlike fontkit's subsetter). A 10–15 MB face becomes
 * some 0.7–0.9 MB.
 *
 * Subsets are cached on disk by font file (path, size, modification time) and character set, so a
 * changed font file gets new subsets, and are served immutable under a content-derived name.
 */

/** Bumped when what a subset contains changes (flags, harfbuzzjs' major version). */
const FORMAT = 'hb-subset 1 retain-gids+notdef, all features and scripts';

const require = createRequire(import.meta.url);

interface HbSubset {
  memory: { buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(b: number): void;
  hb_blob_get_length(b: number): number;
  hb_blob_get_data(b: number, len: number): number;
  hb_face_create(b: number, index: number): number;
  hb_face_destroy(f: number): void;
  hb_face_reference_blob(f: number): number;
  hb_set_add(s: number, v: number): void;
  hb_set_clear(s: number): void;
  hb_set_invert(s: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(i: number): void;
  hb_subset_input_unicode_set(i: number): number;
  hb_subset_input_set(i: number, which: number): number;
  hb_subset_input_set_flags(i: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG = 7;

let hb: Promise<HbSubset> | undefined;

function harfbuzz(): Promise<HbSubset> {
  hb ??= (async () => {
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    // (Node's WebAssembly global; the main process's TypeScript lib has no WebAssembly types.)
    const wa = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;
    const { instance } = await wa.instantiate(wasm);
    return instance.exports as HbSubset;
  })();
  return hb;
}

/** A subset of a font file (TTF/OTF bytes) keeping exactly `codePoints`' cmap entries, glyph ids and all layout features. */
export async function subsetFont(bytes: Uint8Array, codePoints: Iterable<number>): Promise<Uint8Array> {
  const e = await harfbuzz();
  const ptr = e.malloc(bytes.length);
  if (!ptr) throw new Error('hb-subset: out of memory');
  let face = 0;
  let input = 0;
  let out = 0;
  try {
    new Uint8Array(e.memory.buffer).set(bytes, ptr);
    const blob = e.hb_blob_create(ptr, bytes.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
    face = e.hb_face_create(blob, 0);
    e.hb_blob_destroy(blob);
    input = e.hb_subset_input_create_or_fail();
    if (!input) throw new Error('hb-subset: no input');
    const unicodes = e.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) e.hb_set_add(unicodes, cp);
    for (const which of [HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG]) {
      const set = e.hb_subset_input_set(input, which);
      e.hb_set_clear(set);
      e.hb_set_invert(set); // all of them
    }
    e.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    out = e.hb_subset_or_fail(face, input);
    if (!out) throw new Error('hb-subset failed');
    const blobOut = e.hb_face_reference_blob(out);
    const len = e.hb_blob_get_length(blobOut);
    const data = e.hb_blob_get_data(blobOut, 0);
    const result = new Uint8Array(e.memory.buffer, data, len).slice();
    e.hb_blob_destroy(blobOut);
    return result;
  } finally {
    if (out) e.hb_face_destroy(out);
    if (input) e.hb_subset_input_destroy(input);
    if (face) e.hb_face_destroy(face);
    e.free(ptr);
  }
}

/** One face's subset as the host serves it. */
export interface FontSubsetFile {
  key: FontKey;
  /** `font-subsets/<name>.ttf`: immutable, the name changes with the font file and the characters. */
  url: string;
  file: string;
}

const NAME = /^[a-z0-9-]+-[0-9a-f]{32}$/;

/** The subsets cache of one process: a folder on disk (kept across launches) and the names made or found in it. */
export class FontSubsets {
  private readonly pending = new Map<string, Promise<FontSubsetFile>>();

  /** `keep`: how many subset files the folder holds at most; the least recently made go first. */
  constructor(
    readonly dir: string,
    private readonly keep = 256,
  ) {}

  /** The subset of face `key` for `codePoints`: from the cache when the font file and the characters are unchanged, else made now. */
  async subset(key: FontKey, codePoints: readonly number[]): Promise<FontSubsetFile> {
    if (!Object.hasOwn(fontManifest(), key)) throw new Error(`Unknown font '${key}'`);
    const path = fontFilePath(key);
    const info = await stat(path);
    const cps = [...new Set(codePoints)].sort((a, b) => a - b);
    const hash = createHash('sha256').update(JSON.stringify([FORMAT, path, info.size, info.mtimeMs, cps])).digest('hex').slice(0, 32);
    const name = `${key}-${hash}`;
    let job = this.pending.get(name);
    if (!job) {
      job = this.make(key, name, path, cps);
      this.pending.set(name, job);
      job.catch(() => this.pending.delete(name));
    }
    return job;
  }

  private async make(key: FontKey, name: string, path: string, cps: number[]): Promise<FontSubsetFile> {
    const file = join(this.dir, `${name}.ttf`);
    const done = { key, url: `font-subsets/${name}.ttf`, file };
    if (await stat(file).then((s) => s.size > 0, () => false)) return done;
    const bytes = await subsetFont(await readFile(path), cps);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Written aside and renamed: a half-written subset is never served.
    await writeFileAtomic(file, bytes, { fsync: false });
    await this.prune().catch(() => {});
    return done;
  }

  /** Keeps the folder to `keep` subsets (every issue opened adds one per face). */
  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.ttf') && NAME.test(n.slice(0, -4)));
    if (names.length <= this.keep) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(this.dir, n))).mtimeMs })));
    dated.sort((a, b) => a.t - b.t);
    for (const { n } of dated.slice(0, dated.length - this.keep)) await unlink(join(this.dir, n)).catch(() => {});
  }

  /** The file of a subset by its URL name, when it lies in this cache. */
  async file(name: string): Promise<string | undefined> {
    if (!NAME.test(name)) return undefined;
    const file = join(this.dir, `${name}.ttf`);
    return (await stat(file).then((s) => s.isFile(), () => false)) ? file : undefined;
  }
}

let shared: FontSubsets | undefined;

/** The process's subsets cache: BROADSHEET_CACHE_DIR/font-subsets, else a per-user folder in the temp dir (Electron: set by main). */
export function fontSubsets(): FontSubsets {
  shared ??= new FontSubsets(join(process.env.BROADSHEET_CACHE_DIR ?? join(tmpdir(), `broadsheet-cache-${safeUser()}`), 'font-subsets'));
  return shared;
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w-]/g, '_') || 'user';
  } catch {
    return 'user';
  }
}
