import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
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
