import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { BLACK, type DisplayPage } from '../../core/display/types.js';
import { writePdf, ExportCancelled } from '../../node/pdf/painter.js';
import { fontkitFont } from '../../node/fonts.js';
import { MM } from '../../node/pdf/print.js';
import { glyphRun, sampleDisplayPage } from '../fixtures/build.js';
import { filesIn, ghostscriptMessages, pdfFonts, pdfInfo, pdfText, qdfText, qpdfCheck, squash, tempDir, textObjects, tool, wordBoxes, raster } from './tools.js';

// The painter checked with independent tools (cjk-typesetting.md §4.1 "Check structurally:
// pdfinfo -box, pdffonts, pdfimages -list, qpdf --check"; design.md "Print").

const date = new Date('2026-11-22T00:00:00Z');

test('a painted page passes qpdf --check, embeds subset fonts with ToUnicode, and Ghostscript renders it silently', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'page.pdf');
  await writePdf([sampleDisplayPage(1), sampleDisplayPage(2)], out, { title: '测试', date });
  assert.equal(qpdfCheck(out).status, 0, qpdfCheck(out).stdout);
  const fonts = pdfFonts(out);
  assert.equal(fonts.length, 2);
  for (const f of fonts) assert.deepEqual([f.emb, f.sub, f.uni], ['yes', 'yes', 'yes'], `font ${f.name}`);
  assert.deepEqual(ghostscriptMessages(out), { status: 0, messages: '' });
  assert.deepEqual(filesIn(dir), ['page.pdf'], 'no temporary file left beside the output');
});

test('pdftotext gives back the text of every run in order (ToUnicode from the composer’s chars)', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 't.pdf');
  const lines = ['新华社北京十一月二十二日电，', '记者从国家统计局获悉：“十四五”', 'GDP 增长 5.2%，Latin text。'];
  await writePdf([sampleDisplayPage(1, lines)], out, { date });
  assert.equal(squash(pdfText(out)), squash('经济运行稳中向好' + lines.join('')));
});

test('more than 256 distinct glyphs in one font still copy as the right characters (pdfkit#1659)', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'many.pdf');
  const font = fontkitFont('serif');
  const han: string[] = [];
  for (let cp = 0x4e00; han.length < 600; cp++) if (font.hasGlyphForCodePoint(cp)) han.push(String.fromCodePoint(cp));
  const lines: string[] = [];
  for (let i = 0; i < han.length; i += 30) lines.push(han.slice(i, i + 30).join(''));
  const page: DisplayPage = { number: 1, width: 595, height: 842, items: lines.map((l, i) => glyphRun(l, 20, 30 + i * 12, { size: 9 })) };
  await writePdf([page], out, { date });
  assert.equal(squash(pdfText(out)), han.join(''));
});

test('every glyph lands at the composer’s x, with hscale too (design.md: one composer, two painters)', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'x.pdf');
  // wide tracking so poppler reports each glyph as its own word with its own box
  const r = glyphRun('比前三季度加快', 50, 100, { size: 10, justifyTo: 300 });
  const r2 = glyphRun('长体标题', 50, 200, { size: 20, hscale: 0.75, justifyTo: 200 });
  await writePdf([{ number: 1, width: 400, height: 300, items: [r, r2] }], out, { date });
  const words = wordBoxes(out).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  assert.equal(words.length, r.glyphs.length + r2.glyphs.length);
  const xs = [...r.xs, ...r2.xs];
  words.forEach((w, i) => assert.ok(Math.abs(w.xMin - xs[i]) < 0.01, `glyph ${w.text} at ${w.xMin}, composer said ${xs[i]}`));
  // 20 pt at 75 %: each Han glyph is 15 pt wide
  const wide = words.slice(r.glyphs.length);
  for (const w of wide) assert.ok(Math.abs(w.xMax - w.xMin - 15) < 0.05, `${w.text} width ${w.xMax - w.xMin}`);
});

test('black text is 100 % K with overprint; coloured text is CMYK without overprint (cjk-typesetting.md §4.2)', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'k.pdf');
  const page = sampleDisplayPage(1);
  page.items.push(glyphRun('红色标题', 50, 400, { size: 24, font: 'sans-bold', fill: { c: 0, m: 100, y: 100, k: 0 } }));
  // single black overprints even when the display list forgot to ask for it
  page.items.push({ ...glyphRun('黑色', 50, 450, { size: 24 }), overprint: false });
  await writePdf([page], out, { date });
  const texts = textObjects(qdfText(out, dir));
  assert.equal(texts.length, 6);
  for (const t of [...texts.slice(0, 4), texts[5]]) assert.deepEqual(t, { fill: '0 0 0 1 k', overprint: true });
  assert.deepEqual(texts[4], { fill: '0 1 1 0 k', overprint: false });
  const qdf = qdfText(out, dir);
  assert.match(qdf, /\/Type \/ExtGState/);
  assert.match(qdf, /\/OP true/);
  assert.match(qdf, /\/op true/);
  assert.match(qdf, /\/OPM 1/);
  assert.doesNotMatch(qdf, /DeviceRGB|\/rg\b| rg\n| RG\n/, 'no RGB colour anywhere');
});

test('TrimBox is the page; --bleed grows the MediaBox and adds a BleedBox; marks sit outside the trim', async () => {
  const dir = tempDir('painter');
  const plain = join(dir, 'plain.pdf');
  await writePdf([sampleDisplayPage(1)], plain, { date });
  const p = pdfInfo(plain);
  assert.deepEqual(p.boxes.TrimBox, [0, 0, 595.28, 841.89]);
  assert.deepEqual(p.boxes.MediaBox, [0, 0, 595.28, 841.89]);

  const bled = join(dir, 'bleed.pdf');
  await writePdf([sampleDisplayPage(1)], bled, { date, bleedMm: 3, marks: true });
  const b = pdfInfo(bled);
  const bleed = 3 * MM;
  const [tx1, ty1, tx2, ty2] = b.boxes.TrimBox;
  assert.ok(Math.abs(tx2 - tx1 - 595.28) < 0.01 && Math.abs(ty2 - ty1 - 841.89) < 0.01, 'trim is the page size');
  const [bx1, by1, bx2, by2] = b.boxes.BleedBox;
  assert.ok(Math.abs(tx1 - bx1 - bleed) < 0.01 && Math.abs(bx2 - tx2 - bleed) < 0.01 && Math.abs(ty1 - by1 - bleed) < 0.01 && Math.abs(by2 - ty2 - bleed) < 0.01, 'bleed 3 mm each side');
  const [mx1, my1, mx2, my2] = b.boxes.MediaBox;
  assert.ok(mx1 <= bx1 && my1 <= by1 && mx2 >= bx2 && my2 >= by2, 'boxes nested');
  // crop marks: ink in the media box's corners outside the bleed, none at the trim corner itself
  const r = await raster(bled, dir, 288);
  const ty = my2 - ty2; // top trim edge, in points from the media top
  let markInk = 0;
  const near = (y: number) => Math.min(...[-0.5, -0.25, 0, 0.25, 0.5].map((dx) => r.at(tx1 + dx, y)));
  for (let y = 0; y < ty - bleed - 1; y += 0.25) if (near(y) < 200) markInk++;
  assert.ok(markInk > 20, 'a vertical crop mark above the top-left trim corner');
  for (let y = ty - bleed; y < ty + 20; y += 0.25) assert.equal(near(y), 255, 'no mark inside the bleed or on the page');
});

test('an image is clipped to its frame and drawn at (ix, iy, iw, ih); JPEG bytes pass through unchanged', async () => {
  const dir = tempDir('painter');
  const jpg = join(dir, 'photo.jpg');
  // left half black, right half white
  const w = 400, h = 200;
  const raw = Buffer.alloc(w * h * 3, 255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w / 2; x++) raw.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).toFile(jpg);
  const out = join(dir, 'img.pdf');
  // frame 100..200 wide; image 0..400 so only its left quarter..half shows → frame fully black left of x=200
  const page: DisplayPage = { number: 1, width: 400, height: 300, items: [{ kind: 'image', assetId: 'a', x: 100, y: 50, w: 100, h: 100, ix: 0, iy: 50, iw: 400, ih: 200 }] };
  await writePdf([page], out, { date, images: () => jpg });
  const list = tool('pdfimages', ['-list', out]).stdout;
  assert.match(list, /jpeg/, list);
  tool('pdfimages', ['-j', out, join(dir, 'x')]);
  const { readFileSync } = await import('node:fs');
  assert.ok(readFileSync(join(dir, 'x-000.jpg')).equals(readFileSync(jpg)), 'embedded JPEG is byte-identical');
  const { at } = await raster(out, dir);
  assert.ok(at(150, 100) < 30, 'inside the frame: the photo (black half)');
  assert.equal(at(50, 100), 255, 'left of the frame: clipped away although the image extends there');
  assert.equal(at(300, 100), 255, 'right of the frame: clipped');
  assert.equal(at(150, 20), 255, 'above the frame: clipped');
});

test('a failing export leaves neither the output nor a temporary file; an existing output is kept', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'issue.pdf');
  writeFileSync(out, 'previous export');
  const page = sampleDisplayPage(1);
  page.items.push({ kind: 'image', assetId: 'gone', x: 0, y: 0, w: 10, h: 10, ix: 0, iy: 0, iw: 10, ih: 10 });
  await assert.rejects(writePdf([page], out, { images: () => join(dir, 'missing.jpg') }), /missing|cannot be read/);
  assert.deepEqual(filesIn(dir), ['issue.pdf']);
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(out, 'utf8'), 'previous export');
});

test('cancel stops between pages with ExportCancelled and writes nothing', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'c.pdf');
  const ac = new AbortController();
  const progress: number[] = [];
  await assert.rejects(
    writePdf([sampleDisplayPage(1), sampleDisplayPage(2), sampleDisplayPage(3)], out, {
      signal: ac.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 1) ac.abort();
      },
    }),
    ExportCancelled,
  );
  assert.deepEqual(progress, [0, 1]);
  assert.equal(existsSync(out), false);
  assert.deepEqual(filesIn(dir), []);
});

test('runs of an unknown font key fail clearly before anything is written', async () => {
  const dir = tempDir('painter');
  const out = join(dir, 'f.pdf');
  const page: DisplayPage = { number: 1, width: 100, height: 100, items: [{ ...glyphRun('字', 10, 10), font: 'no-such-face' }] };
  await assert.rejects(writePdf([page], out), /Unknown font 'no-such-face'/);
  assert.deepEqual(filesIn(dir), []);
  void BLACK;
});
