/// <reference path="../../node/pdf/lcms-wasm.d.ts" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import * as L from 'lcms-wasm';
import type { DisplayPage } from '../../core/display/types.js';
import { writePdf } from '../../node/pdf/painter.js';
import { IFRA26, NEWSPRINT_PROFILE, cmykTiff, limitInk, maxInk, separatorFor } from '../../node/pdf/separation.js';
import { exportIssue } from '../../node/export/service.js';
import { formatReport } from '../../node/export/preflight.js';
import { oneStoryIssue, writeIssue } from '../fixtures/build.js';
import { composeStandIn } from '../export/stand-in-composer.js';
import { qdfText, qpdfCheck, tempDir, tool } from './tools.js';

// Photos separated for the declared printing condition (issue 21 item 1): the bundled IFRA26
// profile describes ISO 12647-3 newsprint, RGB photos go through it relative colorimetric with
// black point compensation, the condition's ink limit holds in the embedded JPEGs, and a plant's
// own profile is named and embedded in the output intent.

const composer = async (issue: Parameters<typeof composeStandIn>[0]) => composeStandIn(issue);

/** ISO 12647-3 aims the profile was made from (scripts/print/make-newsprint-profile.mjs). */
const AIMS: Record<string, [number[], number[]]> = {
  paper: [[0, 0, 0, 0], [82, 0, 3]],
  cyan: [[100, 0, 0, 0], [57, -23, -27]],
  magenta: [[0, 100, 0, 0], [54, 44, -2]],
  yellow: [[0, 0, 100, 0], [78, -3, 58]],
  black: [[0, 0, 0, 100], [32, 1, 5]],
  red: [[0, 100, 100, 0], [52, 41, 25]],
  green: [[100, 0, 100, 0], [53, -34, 17]],
  blue: [[100, 100, 0, 0], [41, 7, -22]],
};

/** A photo with everything that tests a separation: a hue sweep, deep shadows, neutrals, white. */
async function testPhoto(path: string, w = 240, h = 160): Promise<void> {
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const hue = (x / w) * 6;
      const c = [Math.max(0, Math.min(1, Math.abs(hue - 3) - 1)), Math.max(0, Math.min(1, 2 - Math.abs(hue - 2))), Math.max(0, Math.min(1, 2 - Math.abs(hue - 4)))];
      const band = Math.floor((y / h) * 4); // saturated · darkened · black · neutral grey ramp
      const rgb = band === 0 ? c : band === 1 ? c.map((v) => v * 0.35) : band === 2 ? [0, 0, 0] : [x / w, x / w, x / w];
      px.set(rgb.map((v) => Math.round(v * 255)), (y * w + x) * 3);
    }
  await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).toFile(path);
}

function imagePage(assetId = 'p', w = 240, h = 160): DisplayPage {
  return { number: 1, width: w + 20, height: h + 20, items: [{ kind: 'image', assetId, x: 10, y: 10, w, h, ix: 10, iy: 10, iw: w, ih: h }] };
}

/** The embedded images of a PDF as written (pdfimages -all keeps DCT streams as they are). */
function embeddedImages(pdf: string, dir: string): Buffer[] {
  const out = join(dir, `img-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out);
  assert.equal(tool('pdfimages', ['-all', pdf, join(out, 'i')]).status, 0);
  return readdirSync(out).sort().map((f) => readFileSync(join(out, f)));
}

async function cmykPixels(jpeg: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.channels, 4, 'a CMYK image');
  return { data, width: info.width, height: info.height };
}

test('the bundled IFRA26 profile describes ISO 12647-3 newsprint: its solids and overprints print within ΔE 3 of the aims', async () => {
  const lcms = await L.instantiate();
  const bytes = new Uint8Array(readFileSync(NEWSPRINT_PROFILE));
  const profile = lcms.cmsOpenProfileFromMem(bytes, bytes.byteLength);
  assert.ok(profile, 'an ICC profile');
  assert.equal(lcms.cmsGetColorSpace(profile), L.cmsSigCmykData);
  assert.match(lcms.cmsGetProfileInfoASCII(profile, L.cmsInfoDescription, 'en', 'US'), /IFRA26.*TAC 240%/);
  const lab = lcms.cmsCreateLab4Profile(0);
  // TYPE_Lab_FLT (lcms2.h: FLOAT_SH(1) | COLORSPACE_SH(PT_Lab) | CHANNELS_SH(3) | BYTES_SH(4)); lcms-wasm reads doubles as floats.
  const TYPE_Lab_FLT = (1 << 22) | (10 << 16) | (3 << 3) | 4;
  const t = lcms.cmsCreateTransform(profile, L.TYPE_CMYK_8, lab, TYPE_Lab_FLT, L.INTENT_ABSOLUTE_COLORIMETRIC, 0);
  for (const [name, [cmyk, aim]] of Object.entries(AIMS)) {
    const got = lcms.cmsDoTransform(t, new Uint8Array(cmyk.map((v) => Math.round(v * 2.55))), 1) as unknown as Float32Array;
    const dE = Math.hypot(got[0] - aim[0], got[1] - aim[1], got[2] - aim[2]);
    assert.ok(dE < 3, `${name}: profile gives ${[...got].map((v) => v.toFixed(1)).join('/')}, aim ${aim.join('/')} (ΔE ${dE.toFixed(1)})`);
  }
});

test('RGB photos are separated relative colorimetric with black point compensation, not perceptual', async () => {
  // A saturated sRGB orange is outside newsprint's gamut: the two intents separate it differently.
  const lcms = await L.instantiate();
  const bytes = new Uint8Array(readFileSync(NEWSPRINT_PROFILE));
  const srgb = lcms.cmsCreate_sRGBProfile();
  const out = lcms.cmsOpenProfileFromMem(bytes, bytes.byteLength);
  const rgb = new Uint8Array([255, 120, 0]);
  const by = (intent: number, flags: number) => [...lcms.cmsDoTransform(lcms.cmsCreateTransform(srgb, L.TYPE_RGB_8, out, L.TYPE_CMYK_8, intent, flags), rgb, 1)];
  const relative = by(L.INTENT_RELATIVE_COLORIMETRIC, L.cmsFLAGS_BLACKPOINTCOMPENSATION);
  const perceptual = by(L.INTENT_PERCEPTUAL, 0);
  assert.notDeepEqual(relative, perceptual, 'the intents differ for this colour');
  const separated = [...(await separatorFor(IFRA26.profile)).transform(rgb, 1)];
  assert.deepEqual(separated, relative);
  // and the whole pipeline (sharp → LittleCMS → CMYK JPEG) gives the same ink on a flat patch
  const dir = tempDir('sep');
  const jpg = join(dir, 'orange.png');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 255, g: 120, b: 0 } } }).png().toFile(jpg);
  const pdf = join(dir, 'o.pdf');
  await writePdf([imagePage('p', 64, 64)], pdf, { pdfx: true, images: () => jpg });
  const { data } = await cmykPixels(embeddedImages(pdf, dir)[0]);
  const centre = [...data.subarray((32 * 64 + 32) * 4, (32 * 64 + 32) * 4 + 4)];
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(centre[i] - relative[i]) <= 3, `channel ${i}: ${centre} vs ${relative}`);
});

test('PDF/X photos keep the 240 % ink limit: deep shadows, saturated colours, black; white stays paper; greys lean on K', async () => {
  const dir = tempDir('sep');
  const jpg = join(dir, 'photo.jpg');
  await testPhoto(jpg);
  const pdf = join(dir, 'p.pdf');
  await writePdf([imagePage()], pdf, { pdfx: true, images: () => jpg });
  assert.equal(qpdfCheck(pdf).status, 0);
  assert.match(tool('pdfimages', ['-list', pdf]).stdout, /\bcmyk\b.*\bjpeg\b/);
  const { data, width, height } = await cmykPixels(embeddedImages(pdf, dir)[0]);
  const ink = maxInk(data, width, height);
  assert.ok(ink <= 242 && ink >= 225, `max ink ${ink}% (limit 240%; black is separated near it)`);
  const px = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)].map((v) => Math.round(v / 2.55));
  const black = px(120, 100);
  assert.ok(black[3] >= 80, `sRGB black carries mostly K: ${black}`);
  const white = px(width - 2, height - 2);
  assert.ok(white.every((v) => v <= 2), `sRGB white is paper: ${white}`);
  const grey = px(Math.round(width / 2), height - 10);
  assert.ok(grey[3] > grey[0] && grey[3] > grey[1], `a mid grey is mostly K: ${grey}`);
});

test('the ink limit: limitInk keeps K and cuts C, M, Y in proportion; maxInk measures 2 × 2 cells', () => {
  const px = new Uint8Array([255, 255, 255, 255, 230, 160, 120, 120, 255, 0, 0, 0, 255, 255, 0, 255]);
  assert.equal(limitInk(px, 240), 3);
  const pct = [...px].map((v) => Math.round(v / 2.55));
  assert.deepEqual(pct.slice(0, 4), [47, 47, 47, 100], '400 % → C, M, Y cut evenly, black kept');
  const total = px[4] + px[5] + px[6] + px[7];
  assert.ok(total <= 612 && total >= 609, `240 % of 255 per ink = 612: ${total}`);
  assert.ok(pct[4] > pct[5] && pct[5] > pct[6], 'the proportions stay');
  assert.deepEqual(pct.slice(8, 12), [100, 0, 0, 0], 'under the limit: untouched');
  assert.deepEqual(pct.slice(12, 16), [70, 70, 0, 100], 'C + M + K at 300 %: C and M share what K leaves');
  const heavyK = new Uint8Array([100, 100, 100, 255]);
  limitInk(heavyK, 100);
  assert.deepEqual([...heavyK], [0, 0, 0, 255], 'a limit K alone reaches: C, M, Y go');
  const one = new Uint8Array(2 * 2 * 4);
  one.set([255, 255, 255, 255]);
  assert.equal(maxInk(one, 2, 2), 100, 'a single 400 % pixel in a 2 × 2 cell averages to 100 %');
});

test('a CMYK JPEG under the limit goes in byte for byte; one at 400 % is brought under it and preflight says so', async () => {
  const dir = tempDir('sep');
  const under = join(dir, 'under.jpg');
  const over = join(dir, 'over.jpg');
  const flat = (c: number[]) => {
    const px = new Uint8Array(64 * 64 * 4);
    for (let i = 0; i < px.length; i += 4) px.set(c.map((v) => Math.round(v * 2.55)), i);
    return cmykTiff(64, 64, px);
  };
  await sharp(flat([60, 40, 40, 80])).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: 95 }).toFile(under);
  await sharp(flat([100, 100, 100, 100])).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: 95 }).toFile(over);
  const pdfUnder = join(dir, 'u.pdf');
  await writePdf([imagePage('u', 64, 64)], pdfUnder, { pdfx: true, images: () => under });
  assert.ok(embeddedImages(pdfUnder, dir)[0].equals(readFileSync(under)), 'passed through unchanged');

  mkdirSync(join(dir, 'photos'));
  copyFileSync(over, join(dir, 'photos', 'over.jpg'));
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。', { photo: { path: 'photos/over.jpg', widthPx: 64, heightPx: 64 } }));
  const out = join(dir, 'issue.pdf');
  const r = await exportIssue({ issuePath, output: out, pdfx: true }, { composer });
  assert.equal(r.ok, true, r.report.errors.map((e) => e.message).join('\n'));
  const warning = r.report.warnings.find((w) => w.code === 'image-ink');
  assert.ok(warning, formatReport(r.report));
  assert.match(warning!.message, /photo 'p1' carries up to 400% ink, over the 240% limit of IFRA26/);
  const images = embeddedImages(out, dir);
  assert.equal(images.length, 1);
  const { data, width, height } = await cmykPixels(images[0]);
  assert.ok(maxInk(data, width, height) <= 242, `after export: ${maxInk(data, width, height)}%`);
  assert.ok(data[3] >= 250, 'the black is kept');
});

test('preflight names the condition, the profile and the intent; the output intent says IFRA26 and embeds nothing', async () => {
  const dir = tempDir('sep');
  mkdirSync(join(dir, 'photos'));
  await testPhoto(join(dir, 'photos', 'a.jpg'));
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。', { photo: { path: 'photos/a.jpg', widthPx: 240, heightPx: 160 } }));
  const out = join(dir, 'issue.pdf');
  const r = await exportIssue({ issuePath, output: out, pdfx: true }, { composer });
  assert.equal(r.ok, true);
  assert.deepEqual(r.report.print && { condition: r.report.print.condition, inkLimit: r.report.print.inkLimit, intent: r.report.print.intent }, { condition: 'IFRA26', inkLimit: 240, intent: 'relative colorimetric, black point compensation' });
  assert.match(formatReport(r.report), /^Print: IFRA26 \(ISO 12647-3 coldset newsprint.*\); photos separated with "Broadsheet coldset newsprint IFRA26.*", relative colorimetric, black point compensation, ink limit 240%$/m);
  const qdf = qdfText(out, dir);
  assert.match(qdf, /\/OutputConditionIdentifier \(IFRA26\)/);
  assert.doesNotMatch(qdf, /DestOutputProfile/);
  // without PDF/X there is no print section
  const plain = await exportIssue({ issuePath, output: join(dir, 'plain.pdf') }, { composer });
  assert.equal(plain.report.print, undefined);
});

test("a plant's own condition: its profile separates the photos and is embedded as DestOutputProfile; its ink limit holds", async () => {
  const dir = tempDir('sep');
  mkdirSync(join(dir, 'photos'));
  mkdirSync(join(dir, 'print'));
  await testPhoto(join(dir, 'photos', 'a.jpg'));
  copyFileSync(NEWSPRINT_PROFILE, join(dir, 'print', 'plant.icc'));
  const issue = oneStoryIssue('正文。', { photo: { path: 'photos/a.jpg', widthPx: 240, heightPx: 160 } });
  issue.print = { condition: 'Plant-Heatset-7', info: 'Our plant, line 7', profile: 'print/plant.icc', inkLimit: 220 };
  const { issuePath } = writeIssue(dir, issue);
  const out = join(dir, 'issue.pdf');
  const r = await exportIssue({ issuePath, output: out, pdfx: true }, { composer });
  assert.equal(r.ok, true, formatReport(r.report));
  assert.equal(r.report.print?.condition, 'Plant-Heatset-7');
  assert.equal(qpdfCheck(out).status, 0);
  const qdf = qdfText(out, dir);
  assert.match(qdf, /\/OutputConditionIdentifier \(Plant-Heatset-7\)/);
  assert.match(qdf, /\/OutputCondition \(Our plant, line 7\)/);
  assert.match(qdf, /\/DestOutputProfile \d+ 0 R/);
  assert.match(qdf, /\/N 4/);
  const { data, width, height } = await cmykPixels(embeddedImages(out, dir)[0]);
  assert.ok(maxInk(data, width, height) <= 222, `ink limit 220 %: ${maxInk(data, width, height)}%`);
});

test('a print profile that cannot be used stops the PDF/X export, even with ignoreErrors, and says what is wrong with it', async () => {
  const dir = tempDir('sep');
  mkdirSync(join(dir, 'print'));
  writeFileSync(join(dir, 'print', 'garbage.icc'), 'not a profile at all');
  const withSrgb = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).withIccProfile('srgb').jpeg().toBuffer();
  writeFileSync(join(dir, 'print', 'rgb.icc'), (await sharp(withSrgb).metadata()).icc!);
  const cases: Array<[NonNullable<ReturnType<typeof oneStoryIssue>['print']>, RegExp]> = [
    [{ condition: 'X', profile: 'print/missing.icc' }, /print profile .*missing\.icc: file is missing/],
    [{ condition: 'X', profile: 'print/garbage.icc' }, /garbage\.icc: not an ICC profile/],
    [{ condition: 'X', profile: 'print/rgb.icc' }, /rgb\.icc: describes RGB, not a CMYK printing condition/],
    [{ condition: 'X', profile: '../elsewhere.icc' }, /elsewhere\.icc: the path leaves the issue's folder/],
    [{ condition: 'FOGRA39' }, /no profile for the condition "FOGRA39"/],
  ];
  for (const [print, message] of cases) {
    const issue = oneStoryIssue('正文。');
    issue.print = print;
    const { issuePath } = writeIssue(dir, issue);
    const out = join(dir, 'x.pdf');
    const r = await exportIssue({ issuePath, output: out, pdfx: true, ignoreErrors: true }, { composer });
    assert.equal(r.ok, false, JSON.stringify(print));
    const e = r.report.errors.find((f) => f.code === 'print-profile');
    assert.ok(e, formatReport(r.report));
    assert.match(e!.message, message);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.pdf')), [], 'no PDF written');
    // without PDF/X the print settings do not matter
    assert.equal((await exportIssue({ issuePath, output: out }, { composer })).ok, true);
    rmSync(out);
  }
});
