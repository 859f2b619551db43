import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import type { DisplayPage } from '../../core/display/types.js';
import { writePdf } from '../../node/pdf/painter.js';
import { sampleDisplayPage } from '../fixtures/build.js';
import { ghostscriptMessages, pdfFonts, pdfInfo, qdfText, qpdfCheck, raster, tempDir, tool } from './tools.js';

// PDF/X-1a:2001 (cjk-typesetting.md §4.1): PDF 1.3, GTS_PDFX output intent, Info keys with
// /Trapped as a name, trailer ID, CMYK only, no transparency, fonts embedded.

async function rgbaPng(path: string): Promise<void> {
  const px = Buffer.alloc(200 * 100 * 4);
  for (let i = 0; i < 200 * 100; i++) px.set([220, 20, 30, i % 200 < 100 ? 255 : 0], i * 4);
  await sharp(px, { raw: { width: 200, height: 100, channels: 4 } }).png().toFile(path);
}

test('--pdfx output: version 1.3, GTS_PDFX intent IFRA26, Info keys, Trapped /False, trailer ID', async () => {
  const dir = tempDir('pdfx');
  const png = join(dir, 'logo.png');
  await rgbaPng(png);
  const page = sampleDisplayPage(1);
  page.items.push({ kind: 'image', assetId: 'logo', x: 300, y: 300, w: 200, h: 100, ix: 300, iy: 300, iw: 200, ih: 100 });
  const out = join(dir, 'x.pdf');
  await writePdf([page], out, { pdfx: true, title: '测试日报 2026-11-22', images: () => png, bleedMm: 3, marks: true });
  assert.equal(qpdfCheck(out).status, 0);
  const info = pdfInfo(out);
  assert.equal(info['PDF version'], '1.3');
  assert.equal(info['PDF subtype'], 'PDF/X-1:2001');
  assert.equal(info.Title, '测试日报 2026-11-22');
  assert.ok(info.CreationDate && info.ModDate);
  const qdf = qdfText(out, dir);
  assert.match(qdf, /\/GTS_PDFXVersion \(PDF\/X-1:2001\)/);
  assert.match(qdf, /\/GTS_PDFXConformance \(PDF\/X-1a:2001\)/);
  assert.match(qdf, /\/Trapped \/False/, 'Trapped is the name /False, not a string');
  assert.match(qdf, /\/S \/GTS_PDFX/);
  assert.match(qdf, /\/OutputConditionIdentifier \(IFRA26\)/);
  assert.match(qdf, /\/RegistryName \(http:\/\/www\.color\.org\)/);
  assert.match(qdf, /trailer[\s\S]*\/ID \[/);
  for (const f of pdfFonts(out)) assert.deepEqual([f.emb, f.sub], ['yes', 'yes']);
  assert.deepEqual(ghostscriptMessages(out), { status: 0, messages: '' });
});

test('--pdfx output has no RGB colour and no transparency: an RGBA PNG becomes a flattened CMYK JPEG', async () => {
  const dir = tempDir('pdfx');
  const png = join(dir, 'logo.png');
  await rgbaPng(png);
  const page: DisplayPage = { number: 1, width: 300, height: 200, items: [{ kind: 'image', assetId: 'logo', x: 50, y: 50, w: 200, h: 100, ix: 50, iy: 50, iw: 200, ih: 100 }] };
  const out = join(dir, 'x.pdf');
  await writePdf([page], out, { pdfx: true, images: () => png });
  const list = tool('pdfimages', ['-list', out]).stdout.trim().split('\n').slice(2);
  assert.equal(list.length, 1, 'one image, no soft mask');
  assert.match(list[0], /\bimage\b.*\bcmyk\b.*\bjpeg\b/);
  const qdf = qdfText(out, dir);
  for (const bad of [/DeviceRGB/, /\/SMask/, /\/CA\s/, /\/ca\s/, /\/Transparency/, /\/BM\s/, / rg\n/, / RG\n/, /\/N 3\b/]) assert.doesNotMatch(qdf, bad);
  // flattened on white: the transparent right half prints as paper, the left half as red
  const r = await raster(out, dir);
  assert.equal(r.at(225, 100), 255);
  assert.ok(r.at(75, 100) < 200);
});

test('without --pdfx an RGB JPEG is embedded as is (no re-encoding)', async () => {
  const dir = tempDir('pdfx');
  const jpg = join(dir, 'p.jpg');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toFile(jpg);
  const page: DisplayPage = { number: 1, width: 100, height: 100, items: [{ kind: 'image', assetId: 'p', x: 0, y: 0, w: 64, h: 64, ix: 0, iy: 0, iw: 64, ih: 64 }] };
  const out = join(dir, 'p.pdf');
  await writePdf([page], out, { images: () => jpg });
  assert.match(tool('pdfimages', ['-list', out]).stdout, /\brgb\b.*\bjpeg\b/);
  const pdfx = join(dir, 'px.pdf');
  await writePdf([page], pdfx, { images: () => jpg, pdfx: true });
  assert.match(tool('pdfimages', ['-list', pdfx]).stdout, /\bcmyk\b.*\bjpeg\b/, 'PDF/X converts it to CMYK');
});

test('a photo converted for PDF/X is resampled to 300 ppi at its placed size, not embedded at camera size', async () => {
  const dir = tempDir('pdfx');
  const png = join(dir, 'big.png');
  await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toFile(png);
  const page: DisplayPage = { number: 1, width: 300, height: 200, items: [{ kind: 'image', assetId: 'b', x: 0, y: 0, w: 144, h: 96, ix: 0, iy: 0, iw: 144, ih: 96 }] };
  const out = join(dir, 'r.pdf');
  await writePdf([page], out, { pdfx: true, images: () => png });
  const row = tool('pdfimages', ['-list', out]).stdout.trim().split('\n')[2].trim().split(/\s+/);
  assert.deepEqual([row[3], row[4], row[5]], ['600', '400', 'cmyk'], '2 in × 300 ppi = 600 px');
});

test('a greyscale PNG stays grey in PDF/X (K only), not rich four-colour black', async () => {
  const dir = tempDir('pdfx');
  const png = join(dir, 'grey.png');
  await sharp({ create: { width: 100, height: 100, channels: 3, background: { r: 40, g: 40, b: 40 } } }).toColourspace('b-w').png().toFile(png);
  const page: DisplayPage = { number: 1, width: 100, height: 100, items: [{ kind: 'image', assetId: 'g', x: 0, y: 0, w: 100, h: 100, ix: 0, iy: 0, iw: 100, ih: 100 }] };
  const out = join(dir, 'g.pdf');
  await writePdf([page], out, { pdfx: true, images: () => png });
  assert.match(tool('pdfimages', ['-list', out]).stdout, /\bgray\b.*\bjpeg\b/);
  const ink = tool('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', out]).stdout.trim().split(/\s+/).slice(0, 4).map(Number);
  assert.deepEqual(ink.slice(0, 3), [0, 0, 0], 'no C, M or Y ink');
  assert.ok(ink[3] > 0.5, 'K ink');
});
