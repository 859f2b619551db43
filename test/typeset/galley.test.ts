import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gridFromTemplate } from '../../cli/commands/galley.js';
import { broadsheetGrid, galleyPages, splitParagraphs } from '../../core/typeset/galley.js';
import { CORPUS, corpusParagraphs, fonts } from './helpers.js';

test('galley grid: 8 columns × 13 小五 characters with 1-character gutters fill the 对开 版心 (cjk-typesetting.md §2.1)', () => {
  const g = broadsheetGrid();
  const width = g.columns * g.charsPerColumn * g.bodySize + (g.columns - 1) * g.gutterChars * g.bodySize;
  assert.equal(width, 999); // 111 characters × 9 pt ≈ 352 mm
  const { pages } = galleyPages(['测试'.repeat(7000)], g, fonts);
  const xs = new Set<number>();
  for (const item of pages[0].items) if (item.kind === 'glyphs') xs.add(Math.round(item.xs[0]));
  assert.equal(xs.size, 8 + 1); // 8 column starts, plus the indented first line
});

test('paragraphs: blank-line separated blocks, or one per line', () => {
  assert.deepEqual(splitParagraphs('甲\n\n乙\n丙\n\n'), ['甲', '乙丙']);
  assert.deepEqual(splitParagraphs('甲\n乙\n'), ['甲', '乙']);
  assert.deepEqual(splitParagraphs('one\ntwo\n\nthree'), ['one two', 'three']);
});

test('galley on the corpus: pdftotext gives back every character in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  try {
    const out = join(dir, 'g.pdf');
    // The real CLI, whole process, as a user runs it.
    const r = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'galley', CORPUS, '-o', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 page\(s\), \d+ lines/);
    // -raw keeps content-stream order (column after column), which is the flow order.
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
    const strip = (s: string) => s.replace(/\s+/g, '');
    assert.equal(strip(text), strip(readFileSync(CORPUS, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--template: the grid of a template file is used; an unknown id is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  try {
    writeFileSync(join(dir, 'tabloid.json'), JSON.stringify({ id: 'tabloid-6col', page: { widthMm: 275, heightMm: 390 }, grid: { columns: 6, charsPerColumn: 11, gutterChars: 1, bodySize: 9, pitch: 12, lines: 80 } }));
    const g = gridFromTemplate('tabloid-6col', dir);
    assert.equal(g.columns, 6);
    assert.equal(g.charsPerColumn, 11);
    assert.equal(g.pitch, 12);
    assert.ok(Math.abs(g.pageWidth - (275 * 72) / 25.4) < 1e-6);
    const { pages } = galleyPages(['测试'.repeat(3000)], g, fonts);
    assert.ok(pages.length >= 1);
    assert.throws(() => gridFromTemplate('no-such', dir), /unknown template 'no-such'/);
    assert.equal(gridFromTemplate('broadsheet-8col', dir).columns, 8, 'the default id works without a file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
