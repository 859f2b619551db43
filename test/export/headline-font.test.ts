import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { exportIssue } from '../../node/export/service.js';
import { formatFinding } from '../../node/export/preflight.js';
import { parseIssueBytes, readIssueFile } from '../../node/store/index.js';
import { pdfFonts, tempDir } from '../pdf/tools.js';
import { oneStoryIssue, writeIssue } from '../fixtures/build.js';

// A frame's own headline face (storyFrame.headlineFont) in the file and in print: the PDF embeds
// that face for the headline (real composer), and a file naming a face Broadsheet does not have
// is refused with the frame named.

const BODY = '社区食堂开餐了，居民在家门口就能吃上热乎饭。街道联合物业改造闲置用房，设置六十个座位。';

async function exported(headlineFont?: string) {
  const dir = tempDir('headline-font');
  const issue = oneStoryIssue(BODY, { lines: 30, headline: '老旧小区换新颜' });
  const f = issue.pages[0].frames[0];
  if (headlineFont && f.type === 'story') f.headlineFont = headlineFont;
  const { issuePath } = writeIssue(dir, issue);
  const out = join(dir, 'o.pdf');
  const result = await exportIssue({ issuePath, output: out });
  assert.equal(result.ok, true, result.report.errors.map(formatFinding).join('\n'));
  return pdfFonts(out).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
}

test('the PDF embeds the frame\'s headline face (Noto Serif SC Bold, which no template style uses)', async () => {
  const plain = await exported();
  assert.ok(!plain.some((n) => /NotoSerifSC-Bold$/.test(n)), plain.join(', '));
  const serif = await exported('serif-bold');
  assert.ok(serif.some((n) => /NotoSerifSC-Bold$/.test(n)), serif.join(', '));
  // On this page only the headline was in 黑体 bold: that face is gone from the PDF, the others stay.
  assert.ok(plain.some((n) => /NotoSansSC-Bold$/.test(n)), plain.join(', '));
  assert.deepEqual(serif.filter((n) => !/NotoSerifSC-Bold$/.test(n)).sort(), plain.filter((n) => !/NotoSansSC-Bold$/.test(n)).sort());
});

test('a file with an unknown headline face does not open: the message names the page, the frame and the face', async () => {
  const dir = tempDir('headline-font-bad');
  const issue = oneStoryIssue(BODY, { lines: 30 });
  const f = issue.pages[0].frames[0];
  if (f.type === 'story') f.headlineFont = 'fangsong-heavy';
  const { issuePath } = writeIssue(dir, issue);
  await assert.rejects(readIssueFile(issuePath), (err: Error) => {
    assert.match(err.message, /page 1, frame "f1"/);
    assert.match(err.message, /unknown headline face "fangsong-heavy"/);
    assert.match(err.message, /serif-bold/);
    return true;
  });
  // Unchecked when asked (knownFontKeys: null), as the template check is.
  const bytes = new TextEncoder().encode(JSON.stringify(issue));
  assert.equal(parseIssueBytes('x.broadsheet', bytes, { knownFontKeys: null }).issue.pages[0].frames[0].id, 'f1');
});
