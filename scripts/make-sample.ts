// Writes the bundled sample issue: assets/sample/photos/*.jpg (drawn here with sharp, so they
// are reproducible and carry no one's copyright) and assets/sample/sample.broadsheet, then
// opens the result with the file store exactly as the app does, and fails on any problem.
//
//   node --import tsx scripts/make-sample.ts [--out DIR]   (default: assets/sample)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Asset } from '../core/model/issue.js';
import { openIssueFile, photoInfo, serializeIssue } from '../node/store/index.js';
import { SAMPLE_PHOTOS, sampleIssue } from './sample/issue.js';
// The same seeded PRNG the generated test issues use: the same photos on every run.
import { rng } from '../test/store/generate-issue.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outAt = process.argv.indexOf('--out');
const sampleDir = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(root, 'assets', 'sample');

const sky = (w: number, h: number, top: string, bottom: string) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;

function tree(r: () => number, x: number, y: number, size: number, leaf: string): string {
  let s = `<rect x="${x - size * 0.06}" y="${y - size * 0.9}" width="${size * 0.12}" height="${size * 0.9}" fill="#5b4636"/>`;
  for (let i = 0; i < 7; i++) {
    const cx = x + (r() - 0.5) * size * 0.9;
    const cy = y - size * (0.9 + r() * 0.6);
    s += `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${(size * (0.3 + r() * 0.2)).toFixed(1)}" fill="${leaf}" opacity="0.92"/>`;
  }
  return s;
}

/** An older six-storey block with a new glass lift shaft, a bicycle shed and trees. */
function hepingLi(w: number, h: number): string {
  const r = rng(11);
  let s = sky(w, h, '#8fb8de', '#dfe9f1');
  s += `<rect y="${h * 0.78}" width="${w}" height="${h * 0.22}" fill="#9a9a94"/>`;
  const blocks = [
    { x: -80, w: 560, floors: 6, color: '#d9c7a7' },
    { x: 560, w: 620, floors: 6, color: '#e4d6bb' },
    { x: 1260, w: 520, floors: 6, color: '#cdb99a' },
  ];
  for (const b of blocks) {
    const floorH = 95;
    const top = h * 0.8 - b.floors * floorH;
    s += `<rect x="${b.x}" y="${top}" width="${b.w}" height="${b.floors * floorH}" fill="${b.color}"/>`;
    s += `<rect x="${b.x - 10}" y="${top - 18}" width="${b.w + 20}" height="22" fill="#7d6a58"/>`;
    for (let f = 0; f < b.floors; f++) {
      for (let x = b.x + 40; x < b.x + b.w - 60; x += 110) {
        const lit = r() < 0.15;
        s += `<rect x="${x}" y="${top + f * floorH + 22}" width="64" height="52" fill="${lit ? '#f4e3b0' : '#6f8796'}" stroke="#f5f1e8" stroke-width="5"/>`;
      }
    }
  }
  // The new lift: a glass shaft on the middle block.
  s += `<rect x="830" y="${h * 0.8 - 6 * 95 - 40}" width="120" height="${6 * 95 + 40}" fill="#9fc6d6" opacity="0.9" stroke="#54616b" stroke-width="6"/>`;
  for (let f = 0; f <= 6; f++) s += `<rect x="830" y="${h * 0.8 - f * 95 - 4}" width="120" height="8" fill="#54616b"/>`;
  // Bicycle shed.
  s += `<polygon points="120,${h * 0.8 - 40} 700,${h * 0.8 - 70} 700,${h * 0.8 - 50} 120,${h * 0.8 - 20}" fill="#3d7a6a"/>`;
  for (let x = 140; x < 700; x += 140) s += `<rect x="${x}" y="${h * 0.8 - 60}" width="8" height="${h * 0.1}" fill="#444"/>`;
  for (let i = 0; i < 6; i++) s += tree(r, 80 + i * 300 + r() * 60, h * 0.95, 170 + r() * 60, i % 2 ? '#4f7d3a' : '#5e8c45');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${s}</svg>`;
}

/** A pocket park in an old lane: tiled roofs, a pergola, an old pagoda tree, benches. */
function qingshiLane(w: number, h: number): string {
  const r = rng(23);
  let s = sky(w, h, '#a9c9e6', '#eef2f0');
  // Single-storey houses with grey tile roofs behind the park.
  for (let x = -60; x < w; x += 420) {
    s += `<rect x="${x}" y="${h * 0.42}" width="380" height="${h * 0.22}" fill="#cfcac0"/>`;
    s += `<polygon points="${x - 30},${h * 0.43} ${x + 190},${h * 0.3} ${x + 410},${h * 0.43}" fill="#5f646a"/>`;
    s += `<rect x="${x + 150}" y="${h * 0.5}" width="80" height="${h * 0.14}" fill="#7a4b32"/>`;
  }
  // Permeable paving.
  s += `<rect y="${h * 0.64}" width="${w}" height="${h * 0.36}" fill="#b9b2a4"/>`;
  for (let y = h * 0.66; y < h; y += 38) s += `<rect x="0" y="${y}" width="${w}" height="3" fill="#a39c8f"/>`;
  // Pergola.
  for (let x = 700; x <= 1500; x += 200) s += `<rect x="${x}" y="${h * 0.38}" width="22" height="${h * 0.36}" fill="#6b4a33"/>`;
  s += `<rect x="660" y="${h * 0.36}" width="900" height="28" fill="#6b4a33"/>`;
  for (let x = 680; x < 1560; x += 45) s += `<rect x="${x}" y="${h * 0.33}" width="12" height="${h * 0.05}" fill="#7d5a3f"/>`;
  // Benches and two figures at a chess table.
  for (const x of [760, 1180]) s += `<rect x="${x}" y="${h * 0.68}" width="220" height="22" fill="#8a5a3b"/><rect x="${x + 20}" y="${h * 0.68}" width="14" height="60" fill="#333"/><rect x="${x + 186}" y="${h * 0.68}" width="14" height="60" fill="#333"/>`;
  s += `<rect x="1020" y="${h * 0.66}" width="120" height="16" fill="#d8d0c0"/><rect x="1072" y="${h * 0.67}" width="16" height="70" fill="#777"/>`;
  for (const [x, c] of [[980, '#2f4f6f'], [1180, '#7a2f2f']] as const) s += `<circle cx="${x}" cy="${h * 0.56}" r="26" fill="#e0c0a0"/><rect x="${x - 34}" y="${h * 0.585}" width="68" height="100" rx="20" fill="${c}"/>`;
  // The old pagoda tree kept by the residents, and shrubs.
  s += `<rect x="280" y="${h * 0.3}" width="60" height="${h * 0.45}" fill="#4e3b2c"/>`;
  for (let i = 0; i < 18; i++) s += `<circle cx="${(200 + r() * 260).toFixed(1)}" cy="${(h * 0.12 + r() * h * 0.25).toFixed(1)}" r="${(70 + r() * 60).toFixed(1)}" fill="${i % 3 ? '#4c7a35' : '#5f8f43'}" opacity="0.9"/>`;
  for (let i = 0; i < 10; i++) s += tree(r, 1600 + i * 45, h * 0.8, 60 + r() * 30, '#5e8c45');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${s}</svg>`;
}

const DRAW: Record<string, (w: number, h: number) => string> = { 'photo-heping': hepingLi, 'photo-qingshi': qingshiLane };

async function writePhoto(p: (typeof SAMPLE_PHOTOS)[number]): Promise<Asset> {
  const file = join(sampleDir, p.file);
  mkdirSync(dirname(file), { recursive: true });
  // A little film grain, seeded, so the drawing reads as a photo in print.
  const r = rng(p.width);
  const grain = Buffer.alloc(p.width * p.height);
  for (let i = 0; i < grain.length; i++) grain[i] = 128 + Math.round((r() - 0.5) * 36);
  const base = await sharp(Buffer.from(DRAW[p.id](p.width, p.height))).removeAlpha().toBuffer();
  await sharp(base)
    .composite([{ input: grain, raw: { width: p.width, height: p.height, channels: 1 }, blend: 'overlay' }])
    .jpeg({ quality: 84, chromaSubsampling: '4:2:0' })
    .withMetadata({ density: 300 })
    .toFile(file);
  const info = await photoInfo(file);
  return { id: p.id, path: p.file, hash: info.hash, widthPx: info.widthPx ?? p.width, heightPx: info.heightPx ?? p.height, colorSpace: info.colorSpace ?? 'rgb' };
}

const assets: Asset[] = [];
for (const p of SAMPLE_PHOTOS) assets.push(await writePhoto(p));
const out = join(sampleDir, 'sample.broadsheet');
writeFileSync(out, serializeIssue(sampleIssue(assets)));
const opened = await openIssueFile(out, { readOnly: true });
for (const w of opened.warnings) process.stderr.write(`warning: ${w}\n`);
process.stdout.write(`${out}: ${opened.issue.pages.length} pages, ${opened.issue.stories.length} stories, ${assets.length} photos\n`);
