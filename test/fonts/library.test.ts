// Issue 19 item 1: the font library — faces copied in by content hash, their names (Chinese and
// English records), weight, embedding permission (OS/2 fsType) and GB coverage read with fontkit.
// Every font here is made from the bundled Noto faces (test/fonts/sfnt-fixtures.ts).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as fontkit from 'fontkit';
import { embeddingOf } from '../../node/fonts/face-info.js';
import { gb18030Hanzi, gb2312Hanzi, gbkHanzi, gbTotals } from '../../node/fonts/gb-coverage.js';
import { defaultLibraryDir, faceId, FontLibrary, FontLibraryError, pdfRefusal, userDataDir } from '../../node/fonts/library.js';
import { cffFromTrueType, names, notoSubset, patched, readSfnt, writeSfnt, writeTtc } from './sfnt-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'bs-fontlib-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const gb2312 = gb2312Hanzi();
const inGb2312 = new Set(gb2312);
const gbkOnly = gbkHanzi().filter((cp) => !inGb2312.has(cp));
const extA = gb18030Hanzi().filter((cp) => cp >= 0x3400 && cp <= 0x4dbf);
// 100 GB 2312 hanzi, 20 more of GBK, 5 of CJK Extension A, and some Latin.
const chars = [...gb2312.slice(0, 100), ...gbkOnly.slice(0, 20), ...extA.slice(0, 5), ...'ABCabc123'.split('').map((c) => c.codePointAt(0)!)];

const SONG = { familyZh: '测试书宋', familyEn: 'Test ShuSong', styleZh: '常规', styleEn: 'Regular', postscript: 'TestShuSong-Regular' };
const HEI = { familyZh: '测试大黑', familyEn: 'Test DaHei', styleZh: '粗体', styleEn: 'Bold', postscript: 'TestDaHei-Bold' };

let song: Uint8Array; // TrueType, fsType 0, weight 400
let hei: Uint8Array; // TrueType from Noto Sans SC Bold, weight 700, English and Chinese names
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const lib = (name: string) => new FontLibrary(join(dir, name));

before(async () => {
  song = writeSfnt(patched(await notoSubset('serif', '400Regular', chars), { names: names(SONG), fsType: 0 }));
  hei = writeSfnt(patched(await notoSubset('sans', '700Bold', gb2312.slice(0, 50)), { names: names(HEI), fsType: 0x0008 }));
});

test('a TrueType face: copied in under its sha256, with its Chinese and English names, weight, embedding and coverage', async () => {
  const src = file('song.ttf', song);
  const library = lib('one');
  const report = await library.add([src]);
  assert.deepEqual(report.failed, []);
  assert.equal(report.added.length, 1);
  const face = report.added[0];
  const hash = sha(song);
  assert.equal(face.hash, hash);
  assert.equal(face.id, hash.slice(0, 12));
  assert.equal(face.file, `files/${hash}.ttf`);
  assert.equal(face.kind, 'ttf');
  assert.equal(face.outlines, 'truetype');
  assert.equal(face.source, 'song.ttf');
  assert.deepEqual(face.family, { zh: '测试书宋', en: 'Test ShuSong' });
  assert.deepEqual(face.style, { zh: '常规', en: 'Regular' });
  assert.equal(face.postscriptName, 'TestShuSong-Regular');
  assert.equal(face.weight, 400);
  assert.deepEqual(face.coverage, { gb2312: 100, gbk: 120, gb18030: 125 });
  assert.equal(face.embedding.permission, 'installable');
  assert.equal(face.embedding.pdf, true);
  assert.equal(pdfRefusal(face), undefined);
  assert.deepEqual(readFileSync(library.pathOf(face)), Buffer.from(song), 'the bytes copied as they are');
  assert.deepEqual(await library.get(face.id), face);
  await assert.rejects(library.get('0123456789ab'), /No face with id '0123456789ab' in the font library/);
  const listed = await library.list();
  assert.equal(listed.length, 1);
  assert.equal(listed[0].present, true);
  assert.equal(listed[0].path, join(library.dir, 'files', `${hash}.ttf`));
});

test('the standards’ hanzi: GB 2312 has its 6,763; GBK and GB 18030 level 1 contain it; a full Noto face covers them all', () => {
  const totals = gbTotals();
  assert.equal(totals.gb2312, 6763);
  assert.ok(totals.gbk > 20900 && totals.gbk < 21100, `GBK hanzi ${totals.gbk}`);
  assert.ok(totals.gb18030 > 27400 && totals.gb18030 < 27700, `GB 18030 level 1 hanzi ${totals.gb18030}`);
  const gbk = new Set(gbkHanzi());
  assert.ok(gb2312.every((cp) => gbk.has(cp)));
  assert.equal(gb2312[0], '啊'.codePointAt(0), 'GB 2312 starts at 啊 (0xB0A1)');
  assert.equal(gb2312.at(-1), '齄'.codePointAt(0), 'and ends at 齄 (0xF7FE)');
});

test('adding the same file twice (or a copy under another name) changes nothing', async () => {
  const library = lib('twice');
  await library.add([file('a.ttf', song)]);
  const manifest = readFileSync(library.manifestPath, 'utf8');
  const again = await library.add([join(dir, 'a.ttf'), file('copy of a.ttf', song)]);
  assert.deepEqual(again.added, []);
  assert.equal(again.already.length, 2);
  assert.equal(readFileSync(library.manifestPath, 'utf8'), manifest, 'manifest untouched');
  assert.deepEqual(readdirSync(join(library.dir, 'files')), [`${sha(song)}.ttf`]);
});

test('the library never reads the dropped file again: delete the source, the face stays usable', async () => {
  const src = file('gone.ttf', hei);
  const library = lib('gone');
  const [face] = (await library.add([src])).added;
  rmSync(src);
  const [listed] = await library.list();
  assert.equal(listed.present, true);
  const font = fontkit.create(readFileSync(listed.path)) as unknown as { postscriptName: string; hasGlyphForCodePoint(cp: number): boolean };
  assert.equal(font.postscriptName, 'TestDaHei-Bold');
  assert.ok(font.hasGlyphForCodePoint(gb2312[0]));
  assert.equal(face.weight, 700);
  assert.deepEqual(face.coverage, { gb2312: 50, gbk: 50, gb18030: 50 });
  // A library file deleted by hand: list says so, adding the font again brings it back.
  rmSync(listed.path);
  assert.equal((await library.list())[0].present, false);
  writeFileSync(src, hei);
  assert.equal((await library.add([src])).already.length, 1);
  assert.equal((await library.list())[0].present, true);
});

test('fsType: restricted (0x0002) is refused for PDF with a message saying so; preview & print, editable allowed; no-subsetting and bitmap-only read', async () => {
  const library = lib('fstype');
  const variants: [number, string][] = [
    [0x0002, 'restricted.ttf'],
    [0x0004, 'preview.ttf'],
    [0x0008, 'editable.ttf'],
    [0x0104, 'nosubset.ttf'],
    [0x0200, 'bitmap.ttf'],
  ];
  const files = variants.map(([fsType, name]) => file(name, writeSfnt(patched(song, { fsType, names: names({ ...SONG, postscript: `Test-${fsType}` }) }))));
  const report = await library.add(files);
  assert.deepEqual(report.failed, []);
  const by = new Map(report.added.map((f) => [f.embedding.fsType, f]));
  const restricted = by.get(0x0002)!;
  assert.equal(restricted.embedding.permission, 'restricted');
  assert.equal(restricted.embedding.pdf, false);
  assert.match(pdfRefusal(restricted)!, /^The face 测试书宋 \/ Test ShuSong Regular \([0-9a-f]{12}\) cannot be used in a PDF: its licence forbids embedding \(OS\/2 fsType 0x0002, restricted licence\)/);
  assert.deepEqual([by.get(0x0004)!.embedding.permission, by.get(0x0004)!.embedding.pdf], ['preview-print', true]);
  assert.deepEqual([by.get(0x0008)!.embedding.permission, by.get(0x0008)!.embedding.pdf], ['editable', true]);
  const noSubset = by.get(0x0104)!.embedding;
  assert.deepEqual([noSubset.permission, noSubset.pdf, noSubset.subset], ['preview-print', true, false]);
  assert.match(noSubset.message, /no subsetting: the PDF embeds the whole face/);
  const bitmap = by.get(0x0200)!.embedding;
  assert.deepEqual([bitmap.pdf, bitmap.bitmapOnly], [false, true]);
  assert.match(bitmap.message, /bitmaps only/);
  // Several permission bits: the least restrictive applies.
  assert.equal(embeddingOf(0x0006).permission, 'preview-print');
  assert.equal(embeddingOf(0x000e).permission, 'editable');
});

test('a .ttc: each face listed, one file stored, shared tables read per face', async () => {
  const regular = patched(song, { names: names(SONG) });
  const bold = patched(song, { names: names({ ...SONG, styleZh: '粗体', styleEn: 'Bold', postscript: 'TestShuSong-Bold' }), weight: 700, fsType: 0x0002 });
  const ttc = writeTtc([regular, bold]);
  assert.ok(ttc.length < song.length * 1.2, 'glyf, cmap… stored once');
  const library = lib('ttc');
  const report = await library.add([file('shusong.ttc', ttc)]);
  assert.deepEqual(report.failed, []);
  const hash = sha(ttc);
  assert.deepEqual(
    report.added.map((f) => [f.id, f.index, f.file, f.kind, f.style.en, f.style.zh, f.weight, f.embedding.pdf]),
    [
      [`${hash.slice(0, 12)}-0`, 0, `files/${hash}.ttc`, 'ttc', 'Regular', '常规', 400, true],
      [`${hash.slice(0, 12)}-1`, 1, `files/${hash}.ttc`, 'ttc', 'Bold', '粗体', 700, false],
    ],
  );
  assert.deepEqual(report.added[1].coverage, { gb2312: 100, gbk: 120, gb18030: 125 });
  // Removing one face keeps the file for the other; removing the last deletes it.
  await library.remove(report.added[0].id);
  assert.deepEqual((await library.list()).map((f) => f.id), [report.added[1].id]);
  assert.deepEqual(readdirSync(join(library.dir, 'files')), [`${hash}.ttc`]);
  await library.remove(report.added[1].id);
  assert.deepEqual(await library.list(), []);
  assert.deepEqual(readdirSync(join(library.dir, 'files')), []);
  await assert.rejects(library.remove(report.added[1].id), (err: Error) => err instanceof FontLibraryError && /No face with id '[0-9a-f]{12}-1' in the font library/.test(err.message));
});

test('an OpenType face with CFF outlines (.otf)', async () => {
  const otf = writeSfnt(cffFromTrueType(patched(song, { names: names({ ...SONG, postscript: 'TestShuSongCFF-Regular' }) }), 'TestShuSongCFF-Regular'));
  assert.equal(String.fromCharCode(...otf.subarray(0, 4)), 'OTTO');
  const library = lib('otf');
  const [face] = (await library.add([file('song-cff.otf', otf)])).added;
  assert.equal(face.kind, 'otf');
  assert.equal(face.outlines, 'cff');
  assert.equal(face.file, `files/${sha(otf)}.otf`);
  assert.equal(face.postscriptName, 'TestShuSongCFF-Regular');
  assert.deepEqual(face.coverage, { gb2312: 100, gbk: 120, gb18030: 125 });
});

test('a corrupt file, a non-font and a missing file are errors naming the file; the good files of the same add are added', async () => {
  const library = lib('bad');
  const truncated = file('truncated.ttf', song.slice(0, 600));
  const half = file('half.ttf', song.slice(0, song.length >> 1)); // fontkit alone reads it as a face with no characters
  const text = file('notes.ttf', '这不是字体文件\n');
  const woff = file('web.ttf', Buffer.concat([Buffer.from('wOFF'), Buffer.from(song.slice(4, 100))]));
  const noTables = file('empty-directory.ttf', new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  const good = file('good.ttf', song);
  const missing = join(dir, 'nowhere.ttf');
  const report = await library.add([truncated, text, good, missing, woff, noTables, half]);
  assert.equal(report.added.length, 1);
  assert.equal(report.added[0].source, 'good.ttf');
  const why = new Map(report.failed.map((f) => [f.file, f.message]));
  assert.deepEqual([...why.keys()].sort(), [half, missing, noTables, text, truncated, woff].sort());
  for (const [f, message] of why) assert.ok(message.startsWith(`${f}: `), `the message names the file: ${message}`);
  assert.match(why.get(text)!, /is not a font file/);
  assert.match(why.get(woff)!, /web font \(WOFF\)/);
  assert.match(why.get(truncated)!, /it is cut short: its '\w+' table runs to byte \d+ of a 600-byte file/);
  assert.match(why.get(half)!, /it is cut short: its '\w+' table runs to byte \d+ of a \d+-byte file/);
  assert.match(why.get(noTables)!, /no outlines/);
  assert.match(why.get(missing)!, /no such file or folder/);
  assert.deepEqual((await library.list()).map((f) => f.source), ['good.ttf']);
  assert.deepEqual(readdirSync(join(library.dir, 'files')), [`${sha(song)}.ttf`], 'nothing of the bad files copied');
});

test('a folder: its fonts (in subfolders too) added, other files skipped and said, hidden files and a link back passed over', async () => {
  const folder = join(dir, 'dropped');
  mkdirSync(join(folder, 'more'), { recursive: true });
  writeFileSync(join(folder, 'song.TTF'), song);
  writeFileSync(join(folder, 'readme.txt'), 'fonts of the paper');
  writeFileSync(join(folder, 'specimen.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(folder, '.DS_Store'), 'x');
  writeFileSync(join(folder, '._song.TTF'), new Uint8Array([0, 5, 0x16, 7, 0, 2, 0, 0])); // a Mac's AppleDouble resource fork
  symlinkSync(folder, join(folder, 'more', 'loop'));
  writeFileSync(join(folder, 'more', 'hei.ttf'), hei);
  writeFileSync(join(folder, 'more', 'broken.otf'), 'OTTO but no tables');
  const library = lib('folder');
  const report = await library.add([folder]);
  assert.deepEqual(report.added.map((f) => f.source).sort(), ['hei.ttf', 'song.TTF']);
  assert.deepEqual(report.skipped.sort(), [join(folder, 'readme.txt'), join(folder, 'specimen.png')]);
  assert.deepEqual(report.failed.map((f) => f.file), [join(folder, 'more', 'broken.otf')]);
});

test('a manifest that cannot be read is an error and is left as it is', async () => {
  const library = lib('broken-manifest');
  mkdirSync(library.dir, { recursive: true });
  writeFileSync(library.manifestPath, '{"version": 1, "faces": [');
  await assert.rejects(library.list(), /manifest .*library\.json is not valid JSON .*left as it is/);
  await assert.rejects(library.add([file('m.ttf', song)]), /not valid JSON/);
  assert.equal(readFileSync(library.manifestPath, 'utf8'), '{"version": 1, "faces": [');
  writeFileSync(library.manifestPath, JSON.stringify({ version: 9, faces: [] }));
  await assert.rejects(library.list(), /is version 9, newer than this Broadsheet reads \(1\)/);
  writeFileSync(library.manifestPath, JSON.stringify({ version: 1, faces: [{ id: 'x' }] }));
  await assert.rejects(library.list(), /malformed face at faces\[0\]/);
});

test('concurrent adds in one process both land in the manifest', async () => {
  const library = lib('concurrent');
  const [a, b] = await Promise.all([library.add([file('c1.ttf', song)]), new FontLibrary(library.dir).add([file('c2.ttf', hei)])]);
  assert.equal(a.added.length + b.added.length, 2);
  assert.equal((await library.list()).length, 2);
});

test('the user data folder: BROADSHEET_DATA_DIR, else the platform’s convention (as Electron’s userData)', () => {
  assert.equal(userDataDir({ BROADSHEET_DATA_DIR: '/srv/bs' }, 'linux', '/home/u'), '/srv/bs');
  assert.equal(userDataDir({}, 'linux', '/home/u'), '/home/u/.config/broadsheet');
  assert.equal(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u'), '/x/broadsheet');
  assert.equal(userDataDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/broadsheet');
  assert.equal(userDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u'), join('C:/Users/u/AppData/Roaming', 'broadsheet'));
  assert.equal(defaultLibraryDir({ BROADSHEET_DATA_DIR: '/srv/bs' }), '/srv/bs/fonts');
});

test('fixtures: readSfnt/writeSfnt round-trip a face table for table', () => {
  const back = readSfnt(writeSfnt(readSfnt(song)));
  const orig = readSfnt(song);
  assert.deepEqual([...back.tables.keys()], [...orig.tables.keys()]);
  for (const [tag, data] of orig.tables) if (tag !== 'head') assert.deepEqual(back.tables.get(tag), data, tag);
});

test('ids: 12 hex digits of the hash, more when another file shares them; a collection’s faces numbered', () => {
  const a = 'ab'.repeat(32);
  const b = 'ab'.repeat(7) + 'cd'.repeat(25);
  assert.equal(faceId(a, undefined, []), a.slice(0, 12));
  assert.equal(faceId(a, 2, [{ hash: a }]), `${a.slice(0, 12)}-2`);
  assert.equal(faceId(a, undefined, [{ hash: b }]), a.slice(0, 15), 'b shares 14 digits with a');
});

test('a face with the PostScript name of one in the library (a new version) is added and said', async () => {
  const library = lib('namesake');
  await library.add([file('v1.ttf', song)]);
  const v2 = writeSfnt(patched(song, { names: names(SONG), weight: 450 }));
  const report = await library.add([file('v2.ttf', v2)]);
  assert.equal(report.added.length, 1);
  assert.deepEqual(report.namesakes.map((n) => [n.face.source, n.existing.source]), [['v2.ttf', 'v1.ttf']]);
});

test('a lock file left by a process that is gone is taken over', async () => {
  const library = lib('stale-lock');
  mkdirSync(library.dir, { recursive: true });
  writeFileSync(join(library.dir, 'library.lock'), '2147483646');
  assert.equal((await library.add([file('l.ttf', song)])).added.length, 1);
  assert.ok(!readdirSync(library.dir).includes('library.lock'), 'released after the add');
});

test('a Chinese family name only in a Macintosh GB 2312 record (older 方正/汉仪 files) is read too; the typographic family (name 16) wins over name 1', async () => {
  // 方正书宋 in GB 2312: B7BD D5FD CAE9 CBCE
  const gb = new Uint8Array([0xb7, 0xbd, 0xd5, 0xfd, 0xca, 0xe9, 0xcb, 0xce]);
  const mac = writeSfnt(
    patched(song, {
      names: [
        ...names({ familyEn: 'FZShuSong-Z01', styleEn: 'Regular', postscript: 'FZSSK--GBK1-0' }),
        { nameID: 1, lang: 33, text: '', platform: 'mac-gb', bytes: gb },
      ],
    }),
  );
  const typographic = writeSfnt(
    patched(song, {
      names: [
        ...names({ familyZh: '测试书宋 Light', familyEn: 'Test ShuSong Light', styleZh: '常规', styleEn: 'Regular', postscript: 'TestShuSong-Light' }),
        { nameID: 16, lang: 0x409, text: 'Test ShuSong' },
        { nameID: 16, lang: 0x804, text: '测试书宋' },
        { nameID: 17, lang: 0x409, text: 'Light' },
      ],
      weight: 300,
    }),
  );
  const report = await lib('names').add([file('fzss.ttf', mac), file('light.ttf', typographic)]);
  assert.deepEqual(report.failed, []);
  const [fz, light] = report.added;
  assert.deepEqual(fz.family, { zh: '方正书宋', en: 'FZShuSong-Z01' });
  assert.deepEqual([light.family, light.style, light.weight], [{ zh: '测试书宋', en: 'Test ShuSong' }, { zh: '常规', en: 'Light' }, 300]);
});
