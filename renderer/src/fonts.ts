import type { BroadsheetApi, FontFaceDto } from '../../core/api/methods.js';
import type { FontKey } from '../../core/display/types.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import { mapFontSource, SubsetFace, subsetFontSource } from '../../core/fonts/subset-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { errorMessage } from '../../core/error-message.js';
import type { HostFiles } from './transport.js';

/**
 * The renderer's fonts: the same TTF files the main process measures and embeds, fetched once
 * from the host (`fonts/<key>`). Each file is both parsed for the composer (fontkit metrics)
 * and registered with the document (CSS Font Loading API, under the family and weight of
 * assets/fonts.json), so the painter and the story editor draw with exactly those glyphs.
 * An issue opens on subsets of those files first (loadFontSubsets), the full files follow.
 */

export interface LoadedFonts {
  source: FontSource;
  /** CSS family and weight of each loaded key, for the painter. */
  css: Record<FontKey, { family: string; weight: number }>;
  /**
   * Present while the faces are subsets (loadFontSubsets): loads the full files (once; later calls
   * return the same promise) and tells whether a composition asked outside the subsets meanwhile.
   */
  full?: () => Promise<{ inexact: boolean }>;
}

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
  const what = `Font "${f.key}" (${f.family} ${f.weight}${kind === 'subset' ? ', subset' : ''}, ${url.pathname})`;
  let bytes: ArrayBuffer;
  try {
    const res = await files.fetch(url);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`.trim());
    bytes = await res.arrayBuffer();
  } catch (err) {
    throw new Error(`${what} could not be loaded: ${errorMessage(err)}`);
  }
  let face: FontFace;
  let css: globalThis.FontFace;
  try {
    face = createFontFace(f.key, new Uint8Array(bytes));
    css = new globalThis.FontFace(f.family, bytes, { weight: String(f.weight), style: 'normal' });
    document.fonts.add(await css.load());
  } catch (err) {
    throw new Error(`${what} is not a usable font file (${bytes.byteLength} bytes): ${errorMessage(err)}`);
  }
  return { face, css };
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
 * registered with the document. `full()` then loads the full files (after the first paint):
 * each replaces its subset in the composer's faces and in the document, so editing — which may
 * type any character — waits for it. A composition that asked about a character outside the
 * subsets before then is flagged (`inexact`) and must be composed again.
 */
export async function loadFontSubsets(api: Pick<BroadsheetApi, 'fontSubsets'>, faces: readonly FontFaceDto[], files: HostFiles, keys: readonly FontKey[], text: string): Promise<LoadedFonts> {
  const wanted = faces.filter((f) => keys.includes(f.key));
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
  const css: LoadedFonts['css'] = Object.fromEntries(wanted.map((f) => [f.key, { family: f.family, weight: f.weight }]));
  const faceMap = new Map(wanted.map((f) => [f.key, new SubsetFace(f.key, subsets.get(f.key)!.face, covered)]));
  const source = subsetFontSource(faceMap, new Map(faces.map((f) => [f.key, f.fallback])));
  let complete: Promise<{ inexact: boolean }> | undefined;
  const full = () =>
    (complete ??= (async () => {
      const t1 = performance.now();
      const fetched = await fetchFaces(files, wanted, (f) => new URL(f.url, files.base), 'full');
      for (const [key, got] of fetched) {
        // The full face now answers every character; the subset, same glyphs, can go.
        document.fonts.delete(subsets.get(key)!.css);
        faceMap.get(key)!.complete(got.face);
      }
      performance.measure('bs:fonts full', { start: t1 });
      return { inexact: [...faceMap.values()].some((f) => f.inexact) };
    })());
  return { source, css, full };
}
