import { readFileSync } from 'node:fs';
import type { FontKey } from '../core/display/types.js';
import { createFontFace } from '../core/fonts/fontkit-face.js';
import type { FontFace, FontSource } from '../core/fonts/types.js';
import { fontFilePath, fontManifest } from './font-files.js';

const faces = new Map<FontKey, FontFace>();

/** Loads (once per process) and returns the face for a key of assets/fonts.json. */
export function loadFontFace(key: FontKey): FontFace {
  let face = faces.get(key);
  if (!face) {
    const bytes = readFileSync(fontFilePath(key));
    face = createFontFace(key, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
