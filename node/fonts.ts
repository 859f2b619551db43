import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font as FontkitFont } from 'fontkit';
import type { FontKey } from '../core/display/types.js';
import { FontkitFace } from '../core/fonts/fontkit-metrics.js';
import type { FontFace, FontSource } from '../core/fonts/types.js';
import { fontFilePath, fontManifest, SparseFontFile } from './font-files.js';
import { errorMessage } from '../core/error-message.js';

// One fontkit and one parse per font file for the whole process: the composer's metrics and
// the PDF painter (node/pdf/fonts.ts) share the parsed font. The static import resolves to
// the copy pdfkit itself loads in every context (ESM under tsx and in ESM bundles, CommonJS in
// Electron's CommonJS main bundle), so fontkit is evaluated once and a 10–15 MB CJK file is read
// and parsed once, not once per copy.

const parsed = new Map<FontKey, FontkitFont>();
const files = new Map<FontKey, Uint8Array>();

/** A face's font file opened once per process by `open` (cached in `cache`); a file that is missing or unreadable is a clear error naming face and path. */
function openedOnce<T>(cache: Map<FontKey, T>, key: FontKey, open: (path: string) => T): T {
  let file = cache.get(key);
  if (file) return file;
  const path = fontFilePath(key);
  try {
    file = open(path);
  } catch (err) {
    throw new Error(`Font '${key}' cannot be read from ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  cache.set(key, file);
  return file;
}

/** The bytes of a face's font file, whole (read once per process, for fontkit); throws a clear error if the file is missing or unreadable. */
export function fontFileBytes(key: FontKey): Uint8Array {
  return openedOnce(files, key, (path) => readFileSync(path));
}

const sparse = new Map<FontKey, SparseFontFile>();

/** A face's font file read piecewise (see SparseFontFile), for the PDF's subset and font objects; throws a clear error if the file is missing. */
export function fontFileSparse(key: FontKey): SparseFontFile {
  return openedOnce(sparse, key, (path) => SparseFontFile.open(path));
}

/** The parsed font file of a face (cached for the process); throws a clear error if the file is missing or unreadable. */
export function fontkitFont(key: FontKey): FontkitFont {
  let font = parsed.get(key);
  if (font) return font;
  const bytes = fontFileBytes(key);
  try {
    font = fontkit.create(bytes as Buffer) as FontkitFont;
  } catch (err) {
    throw new Error(`Font '${key}' at ${fontFilePath(key)} is not a usable font file: ${errorMessage(err)}`);
  }
  parsed.set(key, font);
  return font;
}

const faces = new Map<FontKey, FontFace>();

/** Loads (once per process) and returns fontkit's face for a key of assets/fonts.json. */
export function loadFontFace(key: FontKey): FontFace {
  let face = faces.get(key);
  if (!face) {
    face = new FontkitFace(key, fontkitFont(key));
    faces.set(key, face);
  }
  return face;
}

let source: FontSource | undefined;

/** The faces of the font manifest, parsed lazily on first use and cached for the process. */
export function nodeFontSource(): FontSource {
  source ??= {
    face: loadFontFace,
    fallback: (key) => fontManifest()[key]?.fallback,
  };
  return source;
}
