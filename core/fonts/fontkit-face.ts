import * as fontkit from 'fontkit';
import type { FontKey } from '../display/types.js';
import { FontkitFace } from './fontkit-metrics.js';
import type { FontFace } from './types.js';

/** Parses a font file (TTF/OTF bytes) once and returns its FontFace (metrics cached per glyph). */
export function createFontFace(key: FontKey, bytes: Uint8Array): FontFace {
  return new FontkitFace(key, fontkit.create(bytes));
}
