import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The ascent Chromium uses on Linux for a text box in each face of assets/fonts.json: the
 * TrueType hhea ascender over unitsPerEm (no USE_TYPO_METRICS in these fonts). The e2e tests
 * turn a glyph's DOM box back into its baseline with it, to compare with the composer.
 */
function hheaAscent(file: string): number {
  const b = readFileSync(file);
  const tables = new Map<string, number>();
  for (let i = 0, n = b.readUInt16BE(4); i < n; i++) tables.set(b.toString('latin1', 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(12 + 16 * i + 8));
  return b.readInt16BE(tables.get('hhea')! + 4) / b.readUInt16BE(tables.get('head')! + 18);
}

const root = join(import.meta.dirname, '..', '..');
const faces = JSON.parse(readFileSync(join(root, 'assets', 'fonts.json'), 'utf8')).faces as Record<string, { package: string; file: string }>;

/** Ascent / em of every face key. */
export const ascents: Record<string, number> = Object.fromEntries(
  Object.entries(faces).map(([key, f]) => [key, hheaAscent(join(root, 'node_modules', f.package, f.file))]),
);
