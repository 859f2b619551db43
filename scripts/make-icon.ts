// Draws the app icon, build/icon.png (1024 px; electron-builder derives .ico and .icns from
// it): the character 报 from Noto Serif SC Black — one of the app's own fonts — in paper white
// on masthead red. Run: node --import tsx scripts/make-icon.ts
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import sharp from 'sharp';
import { fontFilePath } from '../node/font-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'icon.png');
const SIZE = 1024;

const font = fontkit.create(readFileSync(fontFilePath('serif-black'))) as fontkit.Font;
const glyph = font.glyphForCodePoint('报'.codePointAt(0)!);
const b = glyph.bbox;
// Glyph outline in font units (y up) → icon pixels, centred, 56 % of the icon, above a rule (a page’s 地线).
const scale = (SIZE * 0.56) / Math.max(b.maxX - b.minX, b.maxY - b.minY);
const tx = SIZE / 2 - ((b.minX + b.maxX) / 2) * scale;
const ty = SIZE * 0.46 + ((b.minY + b.maxY) / 2) * scale;
// The outline API is not in types/fontkit.d.ts (the composer needs metrics only).
const path = (glyph as unknown as { path: { toSVG(): string } }).path.toSVG();

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect x="40" y="40" width="${SIZE - 80}" height="${SIZE - 80}" rx="180" fill="#c4161c"/>
  <rect x="120" y="${SIZE - 190}" width="${SIZE - 240}" height="14" fill="#ffffff" opacity="0.85"/>
  <path d="${path}" fill="#ffffff" transform="translate(${tx.toFixed(2)} ${ty.toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})"/>
</svg>`;

mkdirSync(dirname(out), { recursive: true });
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(out);
process.stdout.write(`${out}\n`);
