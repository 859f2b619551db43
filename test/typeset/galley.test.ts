import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { broadsheetGrid, galleyPages, splitParagraphs } from '../../core/typeset/galley.js';
import { CORPUS, corpusParagraphs, fonts } from './helpers.js';

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

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

test('galley on the corpus: pdftotext gives back every character in order', { skip: !hasPdftotext || corpusParagraphs().length === 0 ? 'pdftotext or corpus missing' : false }, async () => {
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
