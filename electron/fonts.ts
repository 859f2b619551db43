import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { FontKey } from '../core/display/types.js';
import { faceFromFontkit } from '../core/fonts/fontkit-metrics.js';
import type { FontFace, FontSource } from '../core/fonts/types.js';
import { fontFilePath, fontManifest } from './font-files.js';

// The CommonJS fontkit, the copy pdfkit itself loads: importing the ESM build as well would
// evaluate fontkit twice in one process (~50 ms of start-up). Electron's main is bundled to
// CommonJS, where import.meta.url is empty and `require` is the real one (in an ESM bundle,
// `require` is a shim that throws, so import.meta.url decides).
const metaUrl: string | undefined = import.meta.url;
const load = metaUrl ? createRequire(metaUrl) : require;
const fontkit = load('fontkit') as typeof Fontkit;

const faces = new Map<FontKey, FontFace>();

/** Loads (once per process) and returns the face for a key of assets/fonts.json. */
export function loadFontFace(key: FontKey): FontFace {
  let face = faces.get(key);
  if (!face) {
    face = faceFromFontkit(key, fontkit.create(readFileSync(fontFilePath(key))));
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
