import type { BroadsheetApi, FontFaceDto } from '../../core/api/methods.js';
import type { FontKey } from '../../core/display/types.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import { mapFontSource, SubsetFace, subsetFontSource } from '../../core/fonts/subset-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { errorMessage } from '../../core/error-message.js';
import { codePointsText, typingCodePoints } from '../../core/fonts/coverage.js';
import type { HostFiles } from './transport.js';

/**
 * The renderer's fonts: the same TTF files the main process measures and embeds, fetched once
 * from the host (`fonts/<key>`). Each file is both parsed for the composer (fontkit metrics)
 * and registered with the document (CSS Font Loading API, under the family and weight of
 * assets/fonts.json), so the painter and the story editor draw with exactly those glyphs.
 * An issue opens on subsets of those files (loadFontSubsets) that grow as the text needs.
 */

export interface LoadedFonts {
  source: FontSource;
  /** CSS family and weight of each loaded key, for the painter. */
  css: Record<FontKey, { family: string; weight: number }>;
  /** Present while the faces are subsets (loadFontSubsets): how they grow. */
  growth?: FontGrowth;
}

/**
 * How the subset faces of an open issue grow (loadFontSubsets). Editing never waits for it. A
 * composition that asks about a character a subset lacks leaves a *miss*; the growth takes the
 * misses at once, grows those faces to them and says so (`grown`): the workspace then composes
 * again, and until then `exact` is false (the story editor keeps the lines it shows, so no wrong
 * line break is ever painted).
 */
export interface FontGrowth {
  /** Grows every face to what editors type (typingCodePoints), face by face, in the background. */
  widen(): Promise<void>;
  /** No composition since the last `grown` asked about a character outside the subsets. */
  readonly exact: boolean;
  /** Grows faces to code points; resolves once every one is covered. */
  grow(wanted: ReadonlyMap<FontKey, readonly number[]>): Promise<void>;
  /** Grows every face to the characters of `text` (copy about to be composed: an import). */
  ensure(text: string): Promise<void>;
  /** Whether the faces cover every character of `text`. */
  covers(text: string): boolean;
  /** Subsets being fetched now (for the status bar). */
  readonly busy: boolean;
  /** Hears `busy` change, a repair done (`grown`: compose again), or a repair that failed. */
  on(listener: (e: FontGrowthEvent) => void): () => void;
}

/** What a FontGrowth tells its listeners. After an `error` a `grown` follows: compose with what there is. */
export type FontGrowthEvent = { type: 'busy'; busy: boolean } | { type: 'grown' } | { type: 'error'; error: unknown };

/** The font keys a set of templates uses (and `extra`: frames' own headline faces), with every fallback they lead to. */
export function fontKeysFor(templates: TemplateRegistry, ids: Iterable<string>, faces: readonly FontFaceDto[], extra: Iterable<FontKey> = []): FontKey[] {
  const byKey = new Map(faces.map((f) => [f.key, f]));
  const keys = new Set<FontKey>();
  const add = (key: FontKey | undefined) => {
    while (key && !keys.has(key) && byKey.has(key)) {
      keys.add(key);
      key = byKey.get(key)?.fallback;
    }
  };
  for (const id of ids) {
    const t = templates.get(id);
    if (!t) continue;
    for (const style of Object.values(t.spec.styles)) add(style.font);
  }
  for (const key of extra) add(key);
  return [...keys].sort();
}

/** One face as fetched: parsed for the composer, and registered with the document (to remove when replaced). */
interface FetchedFace {
  face: FontFace;
  css: globalThis.FontFace;
}

/**
 * Fetches, parses and registers the faces `wanted`, from `urlOf(face)`: the one loop of every
 * font load (full files, subsets). A file that is missing or is not a font fails the load with
 * a message naming the face and the file.
 */
async function fetchFaces(files: HostFiles, wanted: readonly FontFaceDto[], urlOf: (f: FontFaceDto) => URL, kind: 'full' | 'subset'): Promise<Map<FontKey, FetchedFace>> {
  const fetched = new Map<FontKey, FetchedFace>();
  await Promise.all(
    wanted.map(async (f) => {
      const t0 = performance.now();
      fetched.set(f.key, await fetchFace(files, f, urlOf(f), kind));
      performance.measure(`bs:font ${kind === 'subset' ? 'subset ' : ''}${f.key}`, { start: t0 });
    }),
  );
  return fetched;
}

async function fetchFace(files: HostFiles, f: FontFaceDto, url: URL, kind: 'full' | 'subset'): Promise<FetchedFace> {
  const { face, bytes, what } = await fetchParsed(files, f, url, kind);
  return { face, css: await registerFace(f, bytes, what) };
}

/** A face's file fetched and parsed for the composer, not yet registered with the document. */
async function fetchParsed(files: HostFiles, f: FontFaceDto, url: URL, kind: 'full' | 'subset'): Promise<{ face: FontFace; bytes: ArrayBuffer; what: string }> {
  const what = `Font "${f.key}" (${f.family} ${f.weight}${kind === 'subset' ? ', subset' : ''}, ${url.pathname})`;
  let bytes: ArrayBuffer;
  try {
    const res = await files.fetch(url);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`.trim());
    bytes = await res.arrayBuffer();
  } catch (err) {
    throw new Error(`${what} could not be loaded: ${errorMessage(err)}`);
  }
  try {
    return { face: createFontFace(f.key, new Uint8Array(bytes)), bytes, what };
  } catch (err) {
    throw new Error(`${what} is not a usable font file (${bytes.byteLength} bytes): ${errorMessage(err)}`);
  }
}

/** Registers a face's file with the document (CSS Font Loading API), under its family and weight. */
async function registerFace(f: FontFaceDto, bytes: ArrayBuffer, what: string): Promise<globalThis.FontFace> {
  try {
    const css = new globalThis.FontFace(f.family, bytes, { weight: String(f.weight), style: 'normal' });
    document.fonts.add(await css.load());
    return css;
  } catch (err) {
    throw new Error(`${what} is not a usable font file (${bytes.byteLength} bytes): ${errorMessage(err)}`);
  }
}

/**
 * Fetches, parses and registers the faces `keys` (all listed faces when omitted); a face `loaded`
 * already has (full files, not subsets) is taken from it, not fetched, parsed and registered again.
 */
export async function loadFonts(faces: readonly FontFaceDto[], files: HostFiles, keys?: readonly FontKey[], loaded?: LoadedFonts): Promise<LoadedFonts> {
  const wanted = keys ? faces.filter((f) => keys.includes(f.key)) : faces;
  const have = (f: FontFaceDto) => (loaded?.css[f.key] ? loaded : undefined);
  const fetched = await fetchFaces(
    files,
    wanted.filter((f) => !have(f)),
    (f) => new URL(f.url, files.base),
    'full',
  );
  const parsed = new Map<FontKey, FontFace>();
  const css: LoadedFonts['css'] = {};
  for (const f of wanted) {
    const from = have(f);
    parsed.set(f.key, from ? from.source.face(f.key) : fetched.get(f.key)!.face);
    css[f.key] = from ? from.css[f.key] : { family: f.family, weight: f.weight };
  }
  const source = mapFontSource(parsed, new Map(faces.map((f) => [f.key, f.fallback])));
  return { source, css };
}

/**
 * The first paint's fonts: subsets of the faces `keys` for the characters of `text` (the API's
 * fontSubsets: a few hundred KB each instead of 10–15 MB), parsed for the composer and
 * registered with the document. They grow (`growth`): after the first paint to what editors
 * type, and on demand to any character a composition asks about. Each grown subset replaces the
 * one before in the composer's face and in the document; glyph ids are kept, so every answer given
 * before stays true. The full files are never fetched.
 */
export async function loadFontSubsets(api: Pick<BroadsheetApi, 'fontSubsets'>, faces: readonly FontFaceDto[], files: HostFiles, keys: readonly FontKey[], text: string): Promise<LoadedFonts> {
  const wanted = faces.filter((f) => keys.includes(f.key));
  const grown = await fetchSubsets(api, files, wanted, text);
  const faceMap = new Map([...grown].map(([k, g]) => [k, g.face]));
  const source = subsetFontSource(faceMap, new Map(faces.map((f) => [f.key, f.fallback])));
  return { source, css: cssOf(wanted), growth: new SubsetGrowth(api, files, grown, faceMap) };
}

/**
 * Another issue opened on the fonts of the first: the faces loaded so far grow to its
 * characters, and the faces it adds come as subsets of them, into the same source (the
 * composer's answers so far stay true). Fonts without growth (full files) are returned as they are
 * when they have every key; else the missing faces are loaded in full.
 */
export async function moreFonts(fonts: LoadedFonts, api: Pick<BroadsheetApi, 'fontSubsets'>, faces: readonly FontFaceDto[], files: HostFiles, keys: readonly FontKey[], text: string): Promise<LoadedFonts> {
  const added = faces.filter((f) => keys.includes(f.key) && !fonts.css[f.key]);
  if (!(fonts.growth instanceof SubsetGrowth)) {
    return added.length ? loadFonts(faces, files, [...Object.keys(fonts.css), ...added.map((f) => f.key)], fonts) : fonts;
  }
  await Promise.all([fonts.growth.ensure(text), fonts.growth.add(added, text)]);
  return added.length ? { source: fonts.source, css: { ...fonts.css, ...cssOf(added) }, growth: fonts.growth } : fonts;
}

const cssOf = (wanted: readonly FontFaceDto[]): LoadedFonts['css'] => Object.fromEntries(wanted.map((f) => [f.key, { family: f.family, weight: f.weight }]));

/** Subsets of the faces `wanted` for the characters of `text`, fetched, parsed and registered. */
async function fetchSubsets(api: Pick<BroadsheetApi, 'fontSubsets'>, files: HostFiles, wanted: readonly FontFaceDto[], text: string): Promise<Map<FontKey, GrowingFace>> {
  if (!wanted.length) return new Map();
  const t0 = performance.now();
  const urls = new Map((await api.fontSubsets({ keys: wanted.map((f) => f.key), text })).map((s) => [s.key, s.url]));
  performance.measure('bs:font subsets made', { start: t0 });
  const covered = new Set(Array.from(text, (ch) => ch.codePointAt(0)!));
  const subsets = await fetchFaces(
    files,
    wanted,
    (f) => {
      const url = urls.get(f.key);
      if (!url) throw new Error(`The host made no subset of font "${f.key}"`);
      return new URL(url, files.base);
    },
    'subset',
  );
  return new Map(wanted.map((f) => [f.key, { dto: f, face: new SubsetFace(f.key, subsets.get(f.key)!.face, covered), css: subsets.get(f.key)!.css, drawn: covered, pending: null, drawNow: false, target: new Set(covered), running: null }]));
}

/** One face's growing subset: what it covers (its face), what it was asked to cover, the fetch under way. */
interface GrowingFace {
  dto: FontFaceDto;
  face: SubsetFace;
  /** The file registered with the document (what the painter draws with) and what it covers. */
  css: globalThis.FontFace;
  drawn: ReadonlySet<number>;
  /** A grown file the composer measures with, not yet registered (widening: see SubsetGrowth). */
  pending: { bytes: ArrayBuffer; what: string; covered: ReadonlySet<number> } | null;
  /** A repair waits: register each grown file at once. */
  drawNow: boolean;
  target: Set<number>;
  running: Promise<void> | null;
}

/** Resolves when the browser is idle (at most a second later), or at once where it cannot tell. */
const whenIdle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else resolve();
  });

const usable = (cp: number) => Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);

class SubsetGrowth implements FontGrowth {
  private readonly listeners = new Set<(e: FontGrowthEvent) => void>();
  private fetching = 0;
  private widening: Promise<void> | undefined;
  /** Repairs (growths for misses) under way, and whether one is queued for this task's misses. */
  private repairing = 0;
  private queued = false;
  /** Faces asked about characters their painter's copy lacks, since the last microtask. */
  private readonly undrawn = new Set<GrowingFace>();

  constructor(
    private readonly api: Pick<BroadsheetApi, 'fontSubsets'>,
    private readonly files: HostFiles,
    private readonly faces: Map<FontKey, GrowingFace>,
    /** The composer's faces (the font source's map), which `add` extends. */
    private readonly sourceFaces: Map<FontKey, SubsetFace>,
  ) {
    for (const g of faces.values()) this.watch(g);
  }

  /** Hears the face's misses (repaired) and the characters its painter's copy lacks (registered). */
  private watch(g: GrowingFace): void {
    g.face.onMiss = () => this.queueRepair();
    g.face.onUndrawn = () => {
      this.undrawn.add(g);
      if (this.undrawn.size === 1) queueMicrotask(() => this.drawUndrawn());
    };
  }

  /** Adds faces (another issue's), as subsets for `text`; grown with the others from then on. */
  async add(wanted: readonly FontFaceDto[], text: string): Promise<void> {
    const grown = await fetchSubsets(this.api, this.files, wanted.filter((f) => !this.faces.has(f.key)), text);
    for (const [key, g] of grown) {
      this.watch(g);
      this.faces.set(key, g);
      this.sourceFaces.set(key, g.face);
      // Widened already: the new face follows.
      if (this.widening) void this.growFace(g, typingCodePoints(g.face.coverage ?? [])).catch(() => undefined);
    }
  }

  get busy(): boolean {
    return this.fetching > 0;
  }

  get exact(): boolean {
    return !this.queued && this.repairing === 0;
  }

  on(listener: (e: FontGrowthEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Widening only fetches and measures: the grown files are registered with the document (which
   * makes the browser lay out every text in those faces again — over 100 ms a face on the sample
   * issue) all together once the browser is idle, or a face at once when a composition uses a
   * character its painter's copy lacks (text typed before then).
   */
  widen(): Promise<void> {
    // Face by face, so that a character typed meanwhile waits for one subset at most.
    this.widening ??= (async () => {
      const t0 = performance.now();
      for (const g of this.faces.values()) await this.growFace(g, typingCodePoints(g.face.coverage ?? []));
      performance.measure('bs:fonts typing', { start: t0 });
      await whenIdle();
      const t1 = performance.now();
      await Promise.all([...this.faces.values()].map((g) => this.draw(g)));
      performance.measure('bs:fonts drawn', { start: t1 });
    })();
    return this.widening;
  }

  /** Grows faces to code points, registering each grown file at once (what is grown is about to be painted). */
  async grow(wanted: ReadonlyMap<FontKey, readonly number[]>): Promise<void> {
    await Promise.all([...wanted].map(([key, cps]) => {
      const g = this.faces.get(key);
      return g ? this.growFace(g, cps, true) : undefined;
    }));
  }

  ensure(text: string): Promise<void> {
    const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
    return Promise.all([...this.faces.values()].map((g) => this.growFace(g, cps, true))).then(() => undefined);
  }

  covers(text: string): boolean {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      for (const g of this.faces.values()) if (!g.face.covers(cp)) return false;
    }
    return true;
  }

  /** The misses of this task (a keystroke's composition asks about each character once) are repaired together. */
  private queueRepair(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      const misses = new Map<FontKey, number[]>();
      for (const [key, g] of this.faces) {
        const m = g.face.takeMisses();
        if (m.length) misses.set(key, m);
      }
      if (!misses.size) return;
      this.repairing++;
      const t0 = performance.now();
      void this.grow(misses).then(
        () => {
          performance.measure('bs:fonts repaired', { start: t0 });
          this.repairing--;
          this.emit({ type: 'grown' });
        },
        (error: unknown) => {
          this.repairing--;
          this.emit({ type: 'error', error });
          this.emit({ type: 'grown' });
        },
      );
    });
  }

  /**
   * Grows one face to `cps` too; one fetch at a time per face, each for everything asked so far.
   * `draw`: the grown file is registered with the document as soon as it is in.
   */
  private growFace(g: GrowingFace, cps: Iterable<number>, draw = false): Promise<void> {
    for (const cp of cps) if (usable(cp)) g.target.add(cp);
    if (draw) g.drawNow = true;
    if (this.coversTarget(g)) return g.running ?? (draw ? this.draw(g) : Promise.resolve());
    g.running ??= this.pump(g).finally(() => {
      g.running = null;
      g.drawNow = false;
    });
    return g.running;
  }

  /** Registers the face's grown file, if one waits, in place of the one the painter has. */
  private async draw(g: GrowingFace): Promise<void> {
    const p = g.pending;
    if (!p) return;
    g.pending = null;
    const css = await registerFace(g.dto, p.bytes, p.what);
    // The larger file is registered before the smaller one goes: no moment without the face.
    document.fonts.delete(g.css);
    g.css = css;
    g.drawn = p.covered;
    g.face.setDrawn(g.pending ? g.drawn : null);
  }

  private drawUndrawn(): void {
    const faces = [...this.undrawn];
    this.undrawn.clear();
    for (const g of faces) void this.draw(g).catch((error: unknown) => this.emit({ type: 'error', error }));
  }

  private coversTarget(g: GrowingFace): boolean {
    for (const cp of g.target) if (!g.face.covers(cp)) return false;
    return true;
  }

  private async pump(g: GrowingFace): Promise<void> {
    this.setFetching(+1);
    try {
      while (!this.coversTarget(g)) {
        const want = new Set(g.target);
        const t0 = performance.now();
        const [made] = await this.api.fontSubsets({ keys: [g.dto.key], text: codePointsText(want) });
        if (!made) throw new Error(`The host made no subset of font "${g.dto.key}"`);
        const got = await fetchParsed(this.files, g.dto, new URL(made.url, this.files.base), 'subset');
        g.face.grow(got.face, want);
        g.pending = { bytes: got.bytes, what: got.what, covered: want };
        if (g.drawNow) await this.draw(g);
        else g.face.setDrawn(g.drawn);
        performance.measure(`bs:font grown ${g.dto.key}`, { start: t0 });
      }
    } finally {
      this.setFetching(-1);
    }
  }

  private setFetching(d: number): void {
    const was = this.busy;
    this.fetching += d;
    if (was !== this.busy) this.emit({ type: 'busy', busy: this.busy });
  }

  private emit(e: FontGrowthEvent): void {
    for (const l of this.listeners) l(e);
  }
}
