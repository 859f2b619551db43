// Word files from outside: a zip bomb stops at the stated limit instead of filling memory, and
// XML entity definitions (billion laughs, external entities) are refused in plain words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { CopyFileError } from '../../node/import/decode.js';
import { DOCX_XML_LIMIT, docxParagraphs } from '../../node/import/docx.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal .docx whose document.xml is `document` (bytes or text). */
function docx(document: string | Uint8Array): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
      'word/document.xml': typeof document === 'string' ? strToU8(document) : document,
    }),
  );
}
const paragraphs = (...texts: string[]) => `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${texts.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;

test('a plain Word file still reads', async () => {
  const r = await docxParagraphs('copy.docx', docx(paragraphs('老旧小区改造提速', '本报讯 道路损坏严重。')));
  assert.deepEqual(r.paragraphs.map((p) => p.text.text), ['老旧小区改造提速', '本报讯 道路损坏严重。']);
});

test('a document.xml that inflates past the limit is refused as a zip bomb, without inflating it all', async () => {
  const size = DOCX_XML_LIMIT + 16 * 1024 * 1024;
  const xml = Buffer.alloc(size, 0x20);
  xml.write(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>`, 0);
  const file = docx(xml);
  assert.ok(file.length < size / 100, 'compressed small');
  const before = process.memoryUsage().rss;
  await assert.rejects(docxParagraphs('bomb.docx', file), (err: Error) => {
    assert.ok(err instanceof CopyFileError);
    assert.match(err.message, /^"bomb\.docx" cannot be read as a Word document: its text parts inflate to more than 64 MB \(a compressed "zip bomb", not copy\)\.$/);
    return true;
  });
  assert.ok(process.memoryUsage().rss - before < 256 * 1024 * 1024, 'memory stays bounded');
});

test('XML entity definitions are refused with a plain message', async () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`;
  await assert.rejects(docxParagraphs('laughs.docx', docx(laughs)), /^CopyFileError: "laughs\.docx" cannot be read as a Word document: its part word\/document\.xml defines XML entities \(a DTD\), which Word never writes\.$/);
  const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>`;
  await assert.rejects(docxParagraphs('xxe.docx', docx(external)), /defines XML entities/);
});

test('a damaged archive says so', async () => {
  const file = docx(paragraphs('正文'));
  await assert.rejects(docxParagraphs('cut.docx', file.subarray(0, Math.floor(file.length / 2))), CopyFileError);
});
