// Every input format from outside, generated with a fixed seed: copy (.txt in every encoding,
// damaged, binary), Word files, issue files, photos. Each input must end in a clear one-line
// refusal (the format's own error class) or a correct result — never another exception, a
// hang or runaway memory. The table at the end says how many were tried, refused, survived.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { exportIssue } from '../../node/export/service.js';
import { CopyFileError, importReadCopy, readCopyBytes } from '../../node/import/index.js';
import { isIssueFileError, openIssueFile } from '../../node/store/index.js';
import { readCorpus } from '../fixtures/corpus.js';
import { oneStoryIssue, writeIssue, writePhoto } from '../fixtures/build.js';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'bs-fuzz-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Fixed-seed generator: the same inputs on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const next = random(2026);
const bytesOf = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256)));

type Outcome = 'refused' | 'survived';
const table = new Map<string, { tried: number; refused: number; survived: number; survivors: string[] }>();
const MEMORY_LIMIT = 1.5 * 1024 ** 3;
const TIME_LIMIT_MS = 30_000;

/** Runs one input; a refusal must be the format's own error with a one-line message. */
async function attempt(format: string, name: string, run: () => Promise<Outcome>, refusal: (err: unknown) => boolean): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${format} ${name}: no answer after ${TIME_LIMIT_MS} ms`)), TIME_LIMIT_MS)));
  let outcome: Outcome;
  try {
    outcome = await Promise.race([run(), limit]).catch((err: unknown) => {
      if (!refusal(err)) throw new Error(`${format} ${name}: not a clear refusal: ${(err as Error)?.stack ?? String(err)}`);
      const message = (err as Error).message;
      assert.ok(message.length > 10 && !message.includes('\n    at '), `${format} ${name}: the message is not one clear line: ${message}`);
      return 'refused' as const;
    });
  } finally {
    clearTimeout(timer);
  }
  assert.ok(process.memoryUsage().rss < MEMORY_LIMIT, `${format} ${name}: ${Math.round(process.memoryUsage().rss / 1024 ** 2)} MB`);
  const row = table.get(format) ?? { tried: 0, refused: 0, survived: 0, survivors: [] };
  row.tried++;
  row[outcome]++;
  if (outcome === 'survived') row.survivors.push(name);
  table.set(format, row);
}

const corpus = readCorpus();
const utf8 = Buffer.from(corpus, 'utf8');

test('copy (.txt): every encoding, damaged, binary', async () => {
  const inputs: Array<[string, Buffer]> = [
    ['utf-8', utf8],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])],
    ['gbk', iconv.encode(corpus, 'gbk')],
    ['gb18030 with BOM', Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode(corpus, 'gb18030')])],
    ['utf-16le with BOM', iconv.encode(corpus, 'utf-16le', { addBOM: true })],
    ['utf-16be without BOM', iconv.encode(corpus, 'utf-16be')],
    ['big5', iconv.encode('本報訊 區政府召開常務會議，研究部署今年冬季供暖工作。會議要求各部門做好準備，確保居民溫暖過冬。', 'big5')],
    ['empty', Buffer.alloc(0)],
    ['only spaces', Buffer.from(' \n\u3000\n \n')],
    ['one line of 1 MB', Buffer.from('长'.repeat(350_000))],
    ['PDF bytes', Buffer.concat([Buffer.from('%PDF-1.4\n'), bytesOf(5000)])],
    ['PNG bytes', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytesOf(5000)])],
    ['zip bytes', Buffer.concat([Buffer.from('PK\u0003\u0004'), bytesOf(5000)])],
    ['NUL bytes', Buffer.concat([utf8.subarray(0, 3000), Buffer.alloc(200), utf8.subarray(3000, 6000)])],
  ];
  for (let i = 0; i < 12; i++) inputs.push([`random ${i}`, bytesOf(200 + Math.floor(next() * 20_000))]);
  for (let i = 0; i < 12; i++) inputs.push([`cut ${i}`, utf8.subarray(0, 50 + Math.floor(next() * (utf8.length - 50)))]);
  for (let i = 0; i < 8; i++) {
    const b = Buffer.from(utf8);
    for (let k = 0; k < 1 + Math.floor(next() * 12); k++) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
    inputs.push([`flipped bytes ${i}`, b]);
  }
  for (const [name, bytes] of inputs) {
    await attempt('copy .txt', name, async () => {
      const read = await readCopyBytes(`${name}.txt`, bytes);
      const result = importReadCopy([read]);
      assert.ok(result.stories.length >= 1 || result.report, name);
      return 'survived';
    }, (err) => err instanceof CopyFileError);
  }
});

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const docxOf = (document: string | Uint8Array, extra: Record<string, Uint8Array> = {}) =>
  Buffer.from(zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': typeof document === 'string' ? strToU8(document) : document,
    ...extra,
  }));
const body = (paras: string[]) => `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${paras.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;

test('Word (.docx): valid, damaged, zip bombs, XML entities, not Word at all', async () => {
  const paras = corpus.split('\n').filter(Boolean).slice(0, 40);
  const good = docxOf(body(paras));
  const bomb = Buffer.alloc(80 * 1024 * 1024, 0x20);
  bomb.write(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>`, 0);
  const inputs: Array<[string, Buffer]> = [
    ['valid', good],
    ['a zip bomb (80 MB of XML)', docxOf(bomb)],
    ['billion laughs', docxOf(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`)],
    ['external entity', docxOf(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>`)],
    ['no document.xml', Buffer.from(zipSync({ 'x.txt': strToU8('hello') }))],
    ['broken XML', docxOf('<w:document><w:body><w:p>')],
    ['a picture inside', docxOf(body(paras.slice(0, 3)), { 'word/media/image1.png': bytesOf(3000) })],
    ['PK and noise', Buffer.concat([Buffer.from('PK\u0003\u0004'), bytesOf(20_000)])],
    ['not a zip', Buffer.from('这不是 Word 文件')],
  ];
  for (let i = 0; i < 8; i++) inputs.push([`cut ${i}`, good.subarray(0, 30 + Math.floor(next() * (good.length - 30)))]);
  for (let i = 0; i < 6; i++) {
    const b = Buffer.from(good);
    for (let k = 0; k < 1 + Math.floor(next() * 8); k++) b[30 + Math.floor(next() * (b.length - 30))] = Math.floor(next() * 256);
    inputs.push([`flipped bytes ${i}`, b]);
  }
  for (const [name, bytes] of inputs) {
    await attempt('copy .docx', name, async () => {
      const read = await readCopyBytes(`${name}.docx`, bytes);
      importReadCopy([read]);
      return 'survived';
    }, (err) => err instanceof CopyFileError);
  }
});

test('issue files: cut, flipped, wrong types, deep nesting, huge values', async () => {
  const sample = readFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'));
  const dir = join(work, 'issues');
  mkdirSync(dir);
  const json = JSON.parse(sample.toString('utf8')) as Record<string, unknown>;
  const inputs: Array<[string, Buffer]> = [
    ['the sample', sample],
    ['empty', Buffer.alloc(0)],
    ['not JSON', Buffer.from('这不是期刊文件')],
    ['deeply nested', Buffer.from('['.repeat(200_000))],
    ['a number', Buffer.from('42')],
    ['pages is a string', Buffer.from(JSON.stringify({ ...json, pages: 'many' }))],
    ['a page number of 1e308', Buffer.from(JSON.stringify({ ...json, pages: (json.pages as object[]).map((p) => ({ ...p, number: 1e308 })) }))],
    ['an unknown template', Buffer.from(JSON.stringify({ ...json, pages: (json.pages as object[]).map((p) => ({ ...p, templateId: 'no-such-template' })) }))],
    ['a newer version', Buffer.from(JSON.stringify({ ...json, version: 99 }))],
    ['binary', bytesOf(30_000)],
  ];
  for (let i = 0; i < 10; i++) inputs.push([`cut ${i}`, sample.subarray(0, 1 + Math.floor(next() * (sample.length - 1)))]);
  for (let i = 0; i < 10; i++) {
    const b = Buffer.from(sample);
    for (let k = 0; k < 1 + Math.floor(next() * 6); k++) b[Math.floor(next() * b.length)] = 0x20 + Math.floor(next() * 95);
    inputs.push([`flipped bytes ${i}`, b]);
  }
  for (const [i, [name, bytes]] of inputs.entries()) {
    const path = join(dir, `${i}.broadsheet`);
    writeFileSync(path, bytes);
    await attempt('issue file', name, async () => {
      const opened = await openIssueFile(path, { readOnly: true } as Parameters<typeof openIssueFile>[1]);
      assert.ok(opened.issue.pages.length >= 0);
      return 'survived';
    }, isIssueFileError);
  }
});

test('photos: truncated, empty, huge dimensions, CMYK, not images — export stops with one preflight error or embeds them', async () => {
  const dir = join(work, 'photos');
  mkdirSync(join(dir, 'photos'), { recursive: true });
  const good = join(dir, 'good.jpg');
  await writePhoto(good, 800, 600, 9);
  const jpeg = readFileSync(good);
  const inputs: Array<[string, string, () => Promise<Buffer>]> = [
    ['a good JPEG', 'jpg', async () => jpeg],
    ['a CMYK JPEG', 'jpg', () => sharp(jpeg).toColourspace('cmyk').jpeg().toBuffer()],
    ['a greyscale PNG', 'png', () => sharp(jpeg).greyscale().png().toBuffer()],
    ['a truncated JPEG', 'jpg', async () => jpeg.subarray(0, jpeg.length >> 1)],
    ['0 bytes', 'jpg', async () => Buffer.alloc(0)],
    ['1 byte', 'png', async () => Buffer.from([0x89])],
    ['an SVG named .jpg', 'jpg', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')],
    ['20000 × 20000 PNG', 'png', () => sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#888' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer()],
    ['noise named .jpg', 'jpg', async () => bytesOf(50_000)],
  ];
  for (const [i, [name, ext, make]] of inputs.entries()) {
    const photo = `photos/p${i}.${ext}`;
    writeFileSync(join(dir, photo), await make());
    const { issuePath } = writeIssue(join(dir), oneStoryIssue('正文。', { photo: { path: photo } }));
    await attempt('photo', name, async () => {
      const r = await exportIssue({ issuePath, output: join(dir, `out-${i}.pdf`) });
      if (r.ok) return 'survived';
      assert.equal(r.report.errors.length, 1, `${name}: ${r.report.errors.map((e) => e.message).join('; ')}`);
      if (name.startsWith('an SVG')) assert.match(r.report.errors[0].message, /is an SVG drawing, not a photo/);
      if (name.startsWith('20000')) assert.match(r.report.errors[0].message, /image is too large: 20000 × 20000 px \(400 megapixels; at most 268 go into a PDF\)/);
      throw Object.assign(new Error(r.report.errors[0].message), { preflight: true });
    }, (err) => (err as { preflight?: boolean }).preflight === true);
  }
});

test('the table: every case refused or survived', () => {
  const rows = [...table].map(([format, r]) => `| ${format.padEnd(11)} | ${String(r.tried).padStart(5)} | ${String(r.refused).padStart(7)} | ${String(r.survived).padStart(8)} |`);
  console.log(['| input       | tried | refused | survived |', '|-------------|-------|---------|----------|', ...rows].join('\n'));
  for (const [format, r] of table) console.log(`survived (${format}): ${r.survivors.join(', ')}`);
  assert.equal(table.size, 4, 'every format ran');
  for (const [format, r] of table) assert.equal(r.refused + r.survived, r.tried, format);
});
