import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { zipSync, strToU8 } from 'fflate';
import { importCopy } from '../../core/import/index.js';
import { CopyFileError, decodeCopy, readCopyFile, readCopyFiles } from '../../node/import/index.js';
import { readCorpus } from '../fixtures/corpus.js';

// Reading copy files: encodings by byte order mark and by the bytes, Word files, and wrong input
// (empty, binary, an image named .txt, 50 MB) refused with a message naming the file, quickly.

const dir = mkdtempSync(join(tmpdir(), 'bs-import-'));
const corpusText = () => readCorpus();

function write(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

test('encodings round trip: the corpus as GB18030, GBK, UTF-16LE/BE with and without BOM, UTF-8 with BOM reads back identical', async () => {
  const text = corpusText();
  const bom16le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
  const bom16be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
  const cases: Array<[string, Buffer, string, boolean]> = [
    ['gb18030.txt', iconv.encode(text, 'gb18030'), 'gb18030', false],
    ['gbk.txt', iconv.encode(text, 'gbk'), 'gb18030', false],
    ['utf16le-bom.txt', bom16le, 'utf-16le', false],
    ['utf16be-bom.txt', bom16be, 'utf-16be', false],
    ['utf16le.txt', iconv.encode(text, 'utf-16le'), 'utf-16le', false],
    ['utf16be.txt', iconv.encode(text, 'utf-16be'), 'utf-16be', false],
    ['utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8', false],
    ['utf8.txt', Buffer.from(text), 'utf-8', false],
  ];
  const reference = JSON.stringify(importCopy([{ file: 'x', paragraphs: (await readCopyFile(write('ref.txt', text), 'x')).source.paragraphs }]).stories);
  for (const [name, bytes, encoding] of cases) {
    const r = await readCopyFile(write(name, bytes), 'x');
    assert.equal(r.format, encoding, name);
    assert.equal(JSON.stringify(importCopy([r.source]).stories), reference, `${name}: same stories as the UTF-8 file`);
  }
});

test('a GB18030 file with characters outside GBK (𠀀, emoji) still decodes; unsure guesses say so', () => {
  const s = '河西区 𠀀 新闻。';
  const d = decodeCopy('a.txt', iconv.encode(s, 'gb18030'));
  assert.equal(d.text, s);
  // Valid GB18030 but mostly rare characters (another encoding read as GB18030 looks like this).
  const rare = decodeCopy('b.txt', iconv.encode('㐀㐁㐂㐃㐄㐅㐆㐇㐈㐉㐊㐋㐌㐍㐎㐏 abc\n', 'gb18030'));
  assert.ok(rare.unsure, 'a doubtful guess is flagged');
  const latin1 = rare;
  assert.match(latin1.unsure!, /"b\.txt" is not UTF-8; read as GB18030.*save the file as UTF-8/);
});

test('wrong input gets a clear message naming the file: empty, blank, binary, image named .txt, PDF, zip, old .doc', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const cases: Array<[string, Uint8Array | string, RegExp]> = [
    ['empty.txt', '', /"empty\.txt" is empty \(0 bytes\)/],
    ['blank.txt', '\n\n   \r\n\u3000\n', /"blank\.txt" holds only blank lines/],
    ['photo.txt', Buffer.concat([png, Buffer.alloc(2000, 7)]), /"photo\.txt" is not a text file: it is a PNG image/],
    ['scan.txt', Buffer.from('%PDF-1.4\n%âãÏÓ\n'), /"scan\.txt" is not a text file: it is a PDF document/],
    ['copy.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /zip archive.*\.docx/],
    ['old.txt', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /old Word \.doc/],
    ['random.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /"random\.txt" is not (a )?text/],
  ];
  for (const [name, bytes, message] of cases) {
    await assert.rejects(readCopyFile(write(name, bytes)), (err: unknown) => {
      assert.ok(err instanceof CopyFileError, `${name}: ${String(err)}`);
      assert.match(err.message, message, name);
      return true;
    });
  }
  await assert.rejects(readCopyFile(join(dir, 'missing.txt')), /Cannot read "missing\.txt": no such file/);
  await assert.rejects(readCopyFile(dir), /is a folder/);
});

test('a 50 MB text file is refused by its size before it is read (no hang)', async () => {
  const p = join(dir, 'huge.txt');
  const fd = openSync(p, 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  await assert.rejects(readCopyFile(p), /"huge\.txt" is 50\.0 MB; copy files are limited to 8\.0 MB/);
});

test('several files at once; the first bad one stops the import with its name', async () => {
  const a = write('a.txt', '第一篇\n\n■ 记者 张三\n\n正文。\n');
  const b = write('b.txt', '');
  const ok = await readCopyFiles([a, a.replace('a.txt', 'a.txt')]);
  assert.equal(ok.length, 2);
  await assert.rejects(readCopyFiles([a, b]), /"b\.txt" is empty/);
});

test('the original file is never modified (bytes and modification time)', async () => {
  const p = write('orig.txt', iconv.encode(corpusText(), 'gb18030'));
  const before = { hash: createHash('sha256').update(readFileSync(p)).digest('hex'), mtime: statSync(p).mtimeMs };
  await readCopyFile(p);
  assert.equal(createHash('sha256').update(readFileSync(p)).digest('hex'), before.hash);
  assert.equal(statSync(p).mtimeMs, before.mtime);
});

/** A minimal Word file: paragraphs with a style id each (Title, Heading2, Caption, or body); with `bold`, the text before "|" is a bold run. */
function docx(paras: Array<[string | null, string, boolean?]>): Uint8Array {
  const body = paras
    .map(([style, text, bold]) => {
      const runs = bold ? text.split('|').map((t, i) => `<w:r>${i === 0 ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`) : [`<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`];
      return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs.join('')}</w:p>`;
    })
    .join('');
  const styles = ['Title', 'Heading2', 'Caption', 'Subtitle']
    .map((id) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id === 'Heading2' ? 'heading 2' : id}"/></w:style>`)
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/_rels/document.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
    'word/styles.xml': strToU8(`<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${styles}</w:styles>`),
  });
}

test('Word .docx: the file\'s styles (Title → 主题, Subtitle → 副题, heading → 小标题, Caption → 图说) and bold survive', async () => {
  const p = write(
    'copy.docx',
    docx([
      ['Title', '老旧小区改造提速'],
      ['Subtitle', '今年完成二十八项改造'],
      [null, '■ 通讯员 岳志欣'],
      [null, '本报讯|道路损坏严重、基础设施薄弱。', true],
      ['Heading2', '改造内容'],
      [null, '涉及五个小区。'],
      ['Caption', '图为改造后的小区。 张三 摄'],
    ]),
  );
  const r = await readCopyFile(p);
  assert.equal(r.format, 'docx');
  const { stories } = importCopy([r.source]);
  assert.equal(stories.length, 1);
  const types = (stories[0].doc.content as Array<{ type: string }>).map((n) => n.type);
  assert.deepEqual(types, ['headline', 'deck', 'byline', 'paragraph', 'subhead', 'paragraph', 'figure']);
  const para = (stories[0].doc.content as Array<{ type: string; content: Array<{ text: string; marks?: unknown[] }> }>)[3];
  assert.equal(para.content[0].text, '本报讯');
  assert.deepEqual(para.content[0].marks, [{ type: 'bold' }]);
});

test('a .docx that is not a Word file is refused by name', async () => {
  await assert.rejects(readCopyFile(write('fake.docx', '这不是Word文件')), /"fake\.docx" is named \.docx but is not a Word file/);
  await assert.rejects(readCopyFile(write('broken.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))), /"broken\.docx" cannot be read as a Word document/);
});

test('a picture in a Word file becomes a figure waiting for its photo, with the caption paragraph after it', async () => {
  const { paragraphsFromHtml } = await import('../../node/import/index.js');
  const html = '<h1>公园改造完成</h1><p>■ 记者 张三</p><p>第一段。</p><p><img src="" /></p><p class="caption">图为改造后的公园。 李四 摄</p><p>第二段。</p>';
  const { stories } = importCopy([{ file: 'w.docx', paragraphs: paragraphsFromHtml(html) }]);
  const content = stories[0].doc.content as Array<{ type: string; content?: Array<{ type: string; attrs?: { assetId: unknown } }> }>;
  assert.deepEqual(content.map((n) => n.type), ['headline', 'byline', 'paragraph', 'figure', 'paragraph']);
  const fig = content[3];
  assert.deepEqual(fig.content!.map((n) => n.type), ['photo', 'caption', 'credit']);
  assert.equal(fig.content![0].attrs!.assetId, null);
});
