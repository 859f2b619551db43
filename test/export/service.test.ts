import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportIssue, splitFileName } from '../../node/export/service.js';
import { formatFinding } from '../../node/export/preflight.js';
import { storyPlainText } from '../../node/export/story-text.js';
import { parsePageList } from '../../node/export/page-list.js';
import { filesIn, ghostscriptMessages, pdfFonts, pdfInfo, pdfText, qpdfCheck, squash, tempDir, tool } from '../pdf/tools.js';
import { composeStandIn } from './stand-in-composer.js';
import { generatedIssueOnDisk, oneStoryIssue, writeIssue, writePhoto } from '../fixtures/build.js';

// The export service end to end on issue files (design.md "Print"; cjk-typesetting.md §4).
// Composition here is a stand-in (fixed pitch): these tests are about what export does with
// display pages, overset and photos, not about line breaking.

const composer = async (issue: Parameters<typeof composeStandIn>[0]) => composeStandIn(issue);

test('a 3-page issue exports as one PDF that passes qpdf, pdffonts, pdfinfo -box and Ghostscript, with every story’s text in order', async () => {
  const dir = tempDir('export');
  const { issuePath, issue } = await generatedIssueOnDisk(dir, { pages: 3 });
  const out = join(dir, 'out', 'issue.pdf');
  mkdirSync(join(dir, 'out'));
  const result = await exportIssue({ issuePath, output: out }, { composer });
  assert.deepEqual(result.report.errors, []);
  assert.equal(result.ok, true);
  assert.equal(result.pages, 3);
  assert.equal(qpdfCheck(out).status, 0);
  for (const f of pdfFonts(out)) assert.deepEqual([f.emb, f.sub, f.uni], ['yes', 'yes', 'yes'], f.name);
  for (let p = 1; p <= 3; p++) assert.ok(pdfInfo(out, p).boxes.TrimBox, `TrimBox on page ${p}`);
  assert.deepEqual(ghostscriptMessages(out), { status: 0, messages: '' });
  // each story's text (headline, byline, body) comes back from its page, in order
  for (const page of issue.pages) {
    const text = squash(pdfText(out, page.number, true));
    for (const frame of page.frames) {
      if (frame.type !== 'story') continue;
      const story = issue.stories.find((s) => s.id === frame.storyId)!;
      const body = squash(storyPlainText({ ...story, doc: { type: 'doc', content: (story.doc as unknown as { content: Array<{ type: string }> }).content.filter((b) => ['headline', 'byline', 'paragraph', 'subhead'].includes(b.type)) } }));
      assert.ok(text.includes(body), `page ${page.number} has ${story.id}'s text in order`);
    }
  }
  assert.deepEqual(filesIn(join(dir, 'out')), ['issue.pdf']);
});

test('pdftotext gives back a story’s whole text in order (one-column story)', async () => {
  const dir = tempDir('export');
  const body = '新华社北京十一月二十二日电，记者从国家统计局获悉：前十个月，全国规模以上工业增加值同比增长5.8%，比前三季度加快0.1个百分点。';
  const { issuePath } = writeIssue(dir, oneStoryIssue(body, { lines: 20 }));
  const out = join(dir, 'o.pdf');
  const result = await exportIssue({ issuePath, output: out }, { composer });
  assert.equal(result.ok, true, result.report.errors.map(formatFinding).join('\n'));
  assert.equal(squash(pdfText(out)), squash('头条标题' + body));
});

test('--split writes one PDF per page named <date>_<label>.pdf; --pages picks pages', async () => {
  const dir = tempDir('export');
  const { issuePath, issue } = await generatedIssueOnDisk(dir, { pages: 4, photos: 1 });
  const split = join(dir, 'plant');
  const result = await exportIssue({ issuePath, splitDir: split, pages: '1,3-4' }, { composer });
  assert.equal(result.ok, true);
  assert.deepEqual(filesIn(split), ['2026-11-23_A01.pdf', '2026-11-23_A03.pdf', '2026-11-23_A04.pdf']);
  assert.equal(splitFileName(issue, 12), '2026-11-23_A12.pdf');
  for (const f of filesIn(split)) assert.equal(pdfInfo(join(split, f)).Pages, '1');
  const list = join(dir, 'list.pdf');
  await exportIssue({ issuePath, output: list, pages: '4,2' }, { composer });
  assert.equal(pdfInfo(list).Pages, '2');
  assert.equal(squash(pdfText(list, 1)), squash(pdfText(join(split, '2026-11-23_A04.pdf'))), 'page list order is kept');
});

test('page lists: ranges, repeats, unknown pages and bad syntax', () => {
  assert.deepEqual(parsePageList('1,3-4', [1, 2, 3, 4]), [1, 3, 4]);
  assert.deepEqual(parsePageList('2, 1-2', [1, 2]), [2, 1]);
  assert.throws(() => parsePageList('5', [1, 2]), /page 5 is not in this issue/);
  assert.throws(() => parsePageList('1-x', [1, 2]), /bad page list item '1-x'/);
  assert.throws(() => parsePageList('3-1', [1, 2, 3]), /bad page range/);
});

/** Export that must stop at preflight: the message names page and story, no file appears. */
async function expectStopped(dir: string, issuePath: string, pattern: RegExp, extra: Record<string, unknown> = {}) {
  const out = join(dir, 'out', 'x.pdf');
  mkdirSync(join(dir, 'out'), { recursive: true });
  const result = await exportIssue({ issuePath, output: out, ...extra }, { composer });
  assert.equal(result.ok, false);
  const lines = result.report.errors.map(formatFinding);
  assert.ok(lines.some((l) => pattern.test(l)), `expected ${pattern} in:\n${lines.join('\n')}`);
  assert.deepEqual(filesIn(join(dir, 'out')), [], 'no output, no temporary file');
  return result;
}

test('a story overset by 300 characters stops the export: page, story headline and count are named', async () => {
  const dir = tempDir('export');
  const fits = '字'.repeat(84); // 7 lines × 12 characters under the headline
  const { issuePath } = writeIssue(dir, oneStoryIssue(fits + '超'.repeat(300), { headline: '市政府召开常务会议' }));
  const r = await expectStopped(dir, issuePath, /A01 \(page 1\) · story “市政府召开常务会议” \(lead\) · overset: 300 characters do not fit/);
  assert.equal(r.report.errors[0].code, 'overset');
  // the same story without the extra text exports
  const ok = writeIssue(tempDir('export'), oneStoryIssue(fits));
  assert.equal((await exportIssue({ issuePath: ok.issuePath, output: join(ok.dir, 'ok.pdf') }, { composer })).ok, true);
});

test('a missing photo stops the export with its path', async () => {
  const dir = tempDir('export');
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。', { photo: { path: 'photos/gone.jpg' } }));
  await expectStopped(dir, issuePath, /A01 \(page 1\).*photo .*gone\.jpg: file is missing/);
});

test('a truncated JPEG stops the export (no end-of-image marker)', async () => {
  const dir = tempDir('export');
  mkdirSync(join(dir, 'photos'));
  const jpg = join(dir, 'photos', 'cut.jpg');
  await writePhoto(jpg, 1200, 900);
  truncateSync(jpg, Math.floor(readFileSync(jpg).length / 2));
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。', { photo: { path: 'photos/cut.jpg' } }));
  await expectStopped(dir, issuePath, /cut\.jpg: JPEG is truncated/);
});

test('a 1-byte PNG stops the export as unreadable', async () => {
  const dir = tempDir('export');
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'tiny.png'), Buffer.from([0x89]));
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。', { photo: { path: 'photos/tiny.png' } }));
  const r = await expectStopped(dir, issuePath, /tiny\.png: not a readable image \(1 bytes\)/);
  assert.equal(r.report.errors[0].code, 'image-unreadable');
});

test('a font file that is missing stops the export with the font named', async () => {
  const dir = tempDir('export');
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。'));
  process.env.BROADSHEET_TEST_BODY_FONT = 'serif-light'; // not in assets/fonts.json: no file to embed
  try {
    await expectStopped(dir, issuePath, /A01 \(page 1\) · story “头条标题” \(lead\) · Unknown font 'serif-light'/);
  } finally {
    delete process.env.BROADSHEET_TEST_BODY_FONT;
  }
  // and when the composer itself cannot load a font, the export stops with its message too
  const failing = async () => {
    throw new Error("Font 'serif' cannot be read from /nowhere/NotoSerifSC.ttf: ENOENT");
  };
  const out = join(dir, 'y.pdf');
  const r = await exportIssue({ issuePath, output: out }, { composer: failing });
  assert.equal(r.ok, false);
  assert.equal(r.report.errors[0].code, 'font-missing');
  assert.match(formatFinding(r.report.errors[0]), /cannot be composed: Font 'serif' cannot be read/);
  assert.equal(existsSync(out), false);
});

test('warnings do not stop the export: a low-resolution photo and RGB in PDF/X are listed, the PDF is written', async () => {
  const dir = tempDir('export');
  mkdirSync(join(dir, 'photos'));
  await writePhoto(join(dir, 'photos', 'small.jpg'), 400, 300);
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。', { photo: { path: 'photos/small.jpg', widthPx: 400, heightPx: 300 } }));
  const out = join(dir, 'w.pdf');
  const r = await exportIssue({ issuePath, output: out, pdfx: true }, { composer });
  assert.equal(r.ok, true);
  const lines = r.report.warnings.map(formatFinding);
  assert.ok(lines.some((l) => /A01 \(page 1\) · photo 'p1' is \d+ ppi at placed size \(plant wants ≥ 200\)/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /photo 'p1' is SRGB; separated to CMYK for IFRA26 with "Broadsheet coldset newsprint IFRA26/.test(l)), lines.join('\n'));
  assert.match(tool('pdfimages', ['-list', out]).stdout, /cmyk/);
});

test('an unreadable issue file is an error thrown, not a report', async () => {
  const dir = tempDir('export');
  const bad = join(dir, 'bad.broadsheet');
  writeFileSync(bad, '{ not json');
  await assert.rejects(exportIssue({ issuePath: bad, output: join(dir, 'o.pdf') }, { composer }), /bad\.broadsheet/);
  assert.deepEqual(filesIn(dir), ['bad.broadsheet']);
});
