import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FontKey } from '../core/display/types.js';
import type { EmptySides, FontFace, ShapedGlyph } from '../core/fonts/types.js';

/**
 * The answers a font face gave, kept between runs of the bundled CLI (issue 3: a cold `galley`
 * spent ~20 ms of its typesetting in fontkit's first cmap lookups and GSUB/GPOS layouts, for
 * questions whose answers never change). A RecordingFace answers from the answers of earlier
 * runs and asks the real face (parsed only then) for anything new, recording it; the CLI writes
 * the new answers back after its command. Answers are reused only while both are unchanged:
 *
 * - the code that gave them: `version` is the CLI build's id (a hash of the bundle: the composer's
 *   face code and fontkit itself), so a rebuilt CLI starts afresh (the build also empties the cache
 *   folder); runs from sources configure no cache at all;
 * - the font file: its path, size, mtime, ctime, inode and device as stat() gives them (any write
 *   to the file moves mtime and ctime; a file replaced by another, even with the same times, has
 *   another inode or ctime). The file is stat'ed again before saving, and nothing is saved when it
 *   changed meanwhile, so answers from one version of a file are never filed under another.
 */

/** Where the answers live and which build gave them; undefined: no cache (the default). */
export interface FaceCacheConfig {
  dir: string;
  version: string;
}

let config: FaceCacheConfig | undefined;

/** Turns the cache on (the bundled CLI, before a command runs) or off (undefined). */
export function configureFaceCache(next: FaceCacheConfig | undefined): void {
  config = next;
}

type Fingerprint = { path: string; size: number; mtimeMs: number; ctimeMs: number; ino: number; dev: number };

interface Answers {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyph: Array<[number, number]>;
  advance: Array<[number, number]>;
  bounds: Array<[number, number, number, number, number]>;
  sides: Array<[number, number, number, EmptySides['source']]>;
  fwid: Array<[number, number]>;
  /** text, then glyph id, advance, cluster for each glyph */
  shape: Array<[string, number[]]>;
}

interface CacheFile extends Answers {
  format: 1;
  version: string;
  font: Fingerprint;
}

/** The face the answers come from: fontkit's (core/fonts/fontkit-metrics.ts), which answers every question. */
export type RealFace = Required<FontFace>;

const FORMAT = 1;
/** Shaped words kept at most (Latin words in Chinese copy are few; a pathological text must not grow the file without end). */
const MAX_SHAPES = 20000;

function fingerprint(path: string): Fingerprint | undefined {
  try {
    const s = statSync(path);
    return { path, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, dev: s.dev };
  } catch {
    return undefined;
  }
}

/** JSON keeps finite numbers only (NaN would come back as null): an entry with another number is not saved (it is asked again). */
const finite = (numbers: readonly unknown[]): boolean => numbers.every((n) => typeof n === 'number' && Number.isFinite(n));

const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.dev === b.dev;

/** Every answer of a file has the shape save() writes (numbers finite, sources named), or none is used. */
function validAnswers(a: Answers): boolean {
  const nums = (xs: unknown, n: number) => Array.isArray(xs) && xs.every((x) => Array.isArray(x) && x.length === n && finite(x));
  return (
    finite([a.unitsPerEm, a.ascent, a.descent]) &&
    nums(a.glyph, 2) &&
    nums(a.advance, 2) &&
    nums(a.bounds, 5) &&
    nums(a.fwid, 2) &&
    Array.isArray(a.sides) &&
    a.sides.every((x) => Array.isArray(x) && x.length === 4 && finite(x.slice(0, 3)) && (x[3] === 'halt' || x[3] === 'bounds')) &&
    Array.isArray(a.shape) &&
    a.shape.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && Array.isArray(x[1]) && x[1].length % 3 === 0 && finite(x[1]))
  );
}

/** Faces handed out while the cache is on, to be saved after the command. */
const recording = new Set<RecordingFace>();

/**
 * The face for `key` (font file `fontPath()`): over the cached answers when the cache is on, else the
 * real face itself. `real` parses the font; it is called at most once, on the first question the
 * cache cannot answer.
 */
export function cachedFace(key: FontKey, fontPath: () => string, real: () => RealFace): FontFace {
  const cfg = config;
  if (!cfg) return real();
  let path: string;
  try {
    path = fontPath();
  } catch {
    return real(); // the real face reports an unknown key or a missing package
  }
  const font = fingerprint(path);
  if (!font) return real(); // the real face reports the missing file
  const file = join(cfg.dir, `face-${key}.json`);
  let saved: CacheFile | undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (data.format === FORMAT && data.version === cfg.version && data.font && sameFingerprint(data.font, font)) saved = data;
  } catch {
    /* no answers yet, or unreadable: start afresh */
  }
  let face: RecordingFace;
  try {
    face = new RecordingFace(key, real, saved);
  } catch {
    face = new RecordingFace(key, real); // answers of the wrong shape (a damaged file): none
  }
  recording.add(face);
  face.savePath = file;
  face.font = font;
  face.version = cfg.version;
  return face;
}

/** Writes the new answers of every face of this process (atomically; a read-only install keeps none); says how many faces were used and how many of them had to parse their font. */
export function saveFaceCaches(): { faces: number; parsed: number } {
  let parsed = 0;
  for (const face of recording) {
    if (face.parsedFont) parsed++;
    face.save();
  }
  const faces = recording.size;
  recording.clear();
  return { faces, parsed };
}

/** A FontFace answering from recorded answers, asking the real face (once parsed) for the rest. */
export class RecordingFace implements FontFace {
  savePath = '';
  font: Fingerprint | undefined;
  version = '';
  private realFace: RealFace | undefined;
  private dirty = false;
  private readonly metrics: { unitsPerEm: number; ascent: number; descent: number } | undefined;
  private readonly glyphs = new Map<number, number>();
  private readonly advances = new Map<number, number>();
  private readonly boundsMap = new Map<number, { xMin: number; xMax: number; yMin: number; yMax: number }>();
  private readonly sides = new Map<number, EmptySides>();
  private readonly fwid = new Map<number, number>();
  private readonly shapes = new Map<string, ShapedGlyph[]>();

  constructor(
    readonly key: FontKey,
    private readonly real: () => RealFace,
    saved?: Answers,
  ) {
    if (!saved) return;
    if (!validAnswers(saved)) throw new Error('face cache: answers of the wrong shape');
    this.metrics = { unitsPerEm: saved.unitsPerEm, ascent: saved.ascent, descent: saved.descent };
    for (const [cp, g] of saved.glyph) this.glyphs.set(cp, g);
    for (const [g, a] of saved.advance) this.advances.set(g, a);
    for (const [g, xMin, xMax, yMin, yMax] of saved.bounds) this.boundsMap.set(g, { xMin, xMax, yMin, yMax });
    for (const [cp, left, right, source] of saved.sides) this.sides.set(cp, { left, right, source });
    for (const [cp, g] of saved.fwid) this.fwid.set(cp, g);
    for (const [text, flat] of saved.shape) {
      const glyphs: ShapedGlyph[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3) glyphs.push({ glyphId: flat[i], advance: flat[i + 1], cluster: flat[i + 2] });
      this.shapes.set(text, glyphs);
    }
  }

  private get face(): RealFace {
    this.realFace ??= this.real();
    return this.realFace;
  }

  /** Whether a question the cache could not answer made this face parse its font. */
  get parsedFont(): boolean {
    return this.realFace !== undefined;
  }

  get unitsPerEm(): number {
    return this.metrics ? this.metrics.unitsPerEm : this.face.unitsPerEm;
  }

  get ascent(): number {
    return this.metrics ? this.metrics.ascent : this.face.ascent;
  }

  get descent(): number {
    return this.metrics ? this.metrics.descent : this.face.descent;
  }

  glyphId(cp: number): number {
    let g = this.glyphs.get(cp);
    if (g === undefined) {
      g = this.face.glyphId(cp);
      this.glyphs.set(cp, g);
      this.dirty = true;
    }
    return g;
  }

  advance(glyphId: number): number {
    let a = this.advances.get(glyphId);
    if (a === undefined) {
      a = this.face.advance(glyphId);
      this.advances.set(glyphId, a);
      this.dirty = true;
    }
    return a;
  }

  bounds(glyphId: number): { xMin: number; xMax: number; yMin: number; yMax: number } {
    let b = this.boundsMap.get(glyphId);
    if (!b) {
      const r = this.face.bounds(glyphId);
      b = { xMin: r.xMin, xMax: r.xMax, yMin: r.yMin, yMax: r.yMax };
      this.boundsMap.set(glyphId, b);
      this.dirty = true;
    }
    return b;
  }

  emptySides(cp: number): EmptySides {
    let s = this.sides.get(cp);
    if (!s) {
      const r = this.face.emptySides(cp);
      s = { left: r.left, right: r.right, source: r.source };
      this.sides.set(cp, s);
      this.dirty = true;
    }
    return s;
  }

  fullWidthGlyph(cp: number): number {
    let g = this.fwid.get(cp);
    if (g === undefined) {
      g = this.face.fullWidthGlyph(cp);
      this.fwid.set(cp, g);
      this.dirty = true;
    }
    return g;
  }

  shape(text: string): ShapedGlyph[] {
    let out = this.shapes.get(text);
    if (!out) {
      out = this.face.shape(text).map((g) => ({ glyphId: g.glyphId, advance: g.advance, cluster: g.cluster }));
      if (this.shapes.size < MAX_SHAPES) {
        this.shapes.set(text, out);
        this.dirty = true;
      }
    }
    return out;
  }

  /** Writes the answers when there are new ones and the font file is still the one they came from. */
  save(): void {
    if (!this.dirty || !this.font || !this.savePath) return;
    const now = fingerprint(this.font.path);
    if (!now || !sameFingerprint(now, this.font)) return;
    const data: CacheFile = {
      format: FORMAT,
      version: this.version,
      font: this.font,
      unitsPerEm: this.unitsPerEm,
      ascent: this.ascent,
      descent: this.descent,
      glyph: [...this.glyphs].filter(finite),
      advance: [...this.advances].filter(finite),
      bounds: [...this.boundsMap].map(([g, b]): [number, number, number, number, number] => [g, b.xMin, b.xMax, b.yMin, b.yMax]).filter(finite),
      sides: [...this.sides].map(([cp, s]): [number, number, number, EmptySides['source']] => [cp, s.left, s.right, s.source]).filter((e) => finite(e.slice(0, 3))),
      fwid: [...this.fwid].filter(finite),
      shape: [...this.shapes].map(([text, glyphs]): [string, number[]] => [text, glyphs.flatMap((g) => [g.glyphId, g.advance, g.cluster])]).filter((e) => finite(e[1])),
    };
    if (![data.unitsPerEm, data.ascent, data.descent].every(Number.isFinite)) return;
    try {
      mkdirSync(join(this.savePath, '..'), { recursive: true });
      const tmp = `${this.savePath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.savePath);
      this.dirty = false;
    } catch {
      /* a read-only install runs without the cache */
    }
  }
}
