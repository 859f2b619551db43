import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { IMPORT_COPY_LIMITS, type ApiResult, type ImportCopyResultDto } from '../../core/api/index.js';
import { validateApiArgs } from '../../core/api/schemas.js';
import { issue as issueSchema } from '../../core/model/issue.js';
import { createServices } from '../../node/services/index.js';
import { dispatchApiCall } from '../../node/services/dispatch.js';
import { CORPUS } from '../fixtures/corpus.js';

// BroadsheetApi.importCopy (the app side): copy files the editor picks are decoded and
// structured by the same code as `broadsheet import`; bad input — an empty file, a binary file,
// a file over the limit, a path the shell's dialog did not return — gets an answer naming the
// file and imports nothing.

const root = join(import.meta.dirname, '..', '..');
const granted = new Set<string>();
const api = createServices({ startupIssue: join(root, 'assets', 'sample', 'sample.broadsheet'), mayReadCopyPath: (p) => granted.has(p) });
const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');
const call = (arg: unknown) => dispatchApiCall(api, 'importCopy', arg) as Promise<ApiResult<ImportCopyResultDto>>;

test('the corpus page sent as bytes: its stories (valid model stories, ids clear of the issue\'s) and the report of what was joined and flagged', async () => {
  const r = await call({ files: [{ name: '版面稿.txt', dataBase64: b64(readFileSync(CORPUS)) }], existingIds: ['story-1', 'story-2'] });
  assert.ok(r.ok && r.value.ok, JSON.stringify(r).slice(0, 300));
  const v = r.value;
  assert.equal(v.stories.length, 11);
  assert.ok(v.stories.every((s) => !['story-1', 'story-2'].includes(s.id)));
  const check = issueSchema.safeParse({ format: 'broadsheet-issue', version: 1, paper: 'x', issueNumber: '', totalNumber: '', date: '2026-11-23', edition: '', serial: '', publisher: '', pages: [], stories: v.stories, assets: [] });
  assert.ok(check.success, check.error?.message);
  assert.deepEqual(v.files, [{ name: '版面稿.txt', format: 'utf-8' }]);
  assert.equal(v.report.stories, 11);
  assert.ok(v.report.changes.some((c) => c.kind === 'joined'));
  assert.equal(v.report.changes.filter((c) => c.kind === 'repeated').length, 1);
});

test('GB18030 and UTF-16 copy is decoded like UTF-8; several files at once', async () => {
  const text = '社区食堂开张\n\n本报讯 记者 王明\n\n社区食堂昨天开张，老人们在家门口吃上了热饭。\n';
  const r = await call({ files: [{ name: 'gbk.txt', dataBase64: b64(iconv.encode(text, 'gb18030')) }, { name: 'utf16.txt', dataBase64: b64(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text.replace('社区', '街道'), 'utf-16le')])) }] });
  assert.ok(r.ok && r.value.ok);
  assert.deepEqual(r.value.files.map((f) => f.format), ['gb18030', 'utf-16le']);
  assert.equal(r.value.stories.length, 2);
  assert.match(JSON.stringify(r.value.stories[0].doc), /社区食堂昨天开张/);
});

/** A minimal Word file with a Title paragraph and body paragraphs. */
function docx(title: string, ...body: string[]): Uint8Array {
  const p = (text: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/_rels/document.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p(title, 'Title')}${body.map((b) => p(b)).join('')}</w:body></w:document>`),
    'word/styles.xml': strToU8('<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>'),
  });
}

test('a Word file sent as bytes is read through mammoth; its Title is the headline', async () => {
  const r = await call({ files: [{ name: '稿件.docx', dataBase64: b64(docx('社区食堂开张', '本报讯 记者 王明', '社区食堂昨天开张，老人们在家门口吃上了热饭。')) }] });
  assert.ok(r.ok && r.value.ok, JSON.stringify(r).slice(0, 300));
  assert.deepEqual(r.value.files, [{ name: '稿件.docx', format: 'docx' }]);
  assert.equal(r.value.stories.length, 1);
  assert.ok(r.value.report.recognised.some((p) => p.kind === 'headline' && p.text === '社区食堂开张'));
  const notWord = await call({ files: [{ name: '假的.docx', dataBase64: b64('这不是 Word 文件') }] });
  assert.ok(notWord.ok && !notWord.value.ok && notWord.value.code === 'bad-docx' && notWord.value.file === '假的.docx');
});

test('an empty file, a binary file, a file with no copy: ok false, naming the file, nothing imported', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  for (const [name, bytes, code] of [
    ['空白.txt', Buffer.alloc(0), 'empty'],
    ['照片.txt', png, 'binary'],
    ['blank.txt', Buffer.from('\n\n   \n'), 'empty'],
  ] as const) {
    const r = await call({ files: [{ name: 'good.txt', dataBase64: b64('标题\n\n正文第一段。\n') }, { name, dataBase64: b64(bytes) }] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.ok, false);
    assert.ok(!r.value.ok && r.value.code === code && r.value.file === name, JSON.stringify(r.value));
    assert.ok(!r.value.ok && r.value.message.includes(name));
  }
});

test('validation: a file over its limit is refused before any service runs, by name; too many files; a path as a name; files and paths together', () => {
  const big = 'A'.repeat(Math.ceil(((IMPORT_COPY_LIMITS.textBytes + 1024) * 4) / 3));
  const over = validateApiArgs('importCopy', { files: [{ name: '巨大.txt', dataBase64: big }] });
  assert.ok(!over.ok);
  assert.equal(!over.ok && over.error.field, 'files.0.dataBase64');
  assert.match(!over.ok ? over.error.message : '', /巨大\.txt.*8\.0 MB/);
  // The same size is fine for a Word file (photos inside).
  assert.ok(validateApiArgs('importCopy', { files: [{ name: 'big.docx', dataBase64: big }] }).ok);
  const many = validateApiArgs('importCopy', { files: Array.from({ length: IMPORT_COPY_LIMITS.files + 1 }, (_, i) => ({ name: `${i}.txt`, dataBase64: 'YQ==' })) });
  assert.equal(!many.ok && many.error.field, 'files');
  assert.equal(!validateApiArgs('importCopy', { files: [{ name: '../etc/passwd', dataBase64: 'YQ==' }] }).ok && 'refused', 'refused');
  assert.equal(validateApiArgs('importCopy', { files: [{ name: 'a.txt', dataBase64: 'not base64!' }] }).ok, false);
  assert.equal(validateApiArgs('importCopy', { files: [{ name: 'a.txt', dataBase64: 'YQ==' }], paths: ['/tmp/a.txt'] }).ok, false);
  assert.equal(validateApiArgs('importCopy', {}).ok, false);
  assert.equal(validateApiArgs('importCopy', { files: [{ name: 'a.txt', dataBase64: 'YQ==', extra: 1 }] }).ok, false);
});

test('paths: only those the shell\'s dialog granted are read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-import-api-'));
  const file = join(dir, 'copy.txt');
  writeFileSync(file, '标题\n\n正文第一段。\n');
  const refused = await call({ paths: [file] });
  assert.ok(!refused.ok && /not chosen in the Import Copy dialog/.test(refused.error.message));
  granted.add(file);
  const r = await call({ paths: [file] });
  assert.ok(r.ok && r.value.ok && r.value.stories.length === 1);
});
