import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { galleyGrid } from '../../cli/commands/galley.js';
import { folderTemplates } from '../../node/templates.js';
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

test('--template: the grid of the registry\'s template (the folder\'s edit over the built-in); a lenient file is named, an unknown id is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  try {
    const tabloid = JSON.parse(readFileSync('templates/tabloid-6col.json', 'utf8')) as { grid: Record<string, number> };
    tabloid.grid.charsPerColumn = 11;
    writeFileSync(join(dir, 'tabloid-6col.json'), JSON.stringify(tabloid));
    // A file in the field names galley once accepted on its own: not a template the registry reads.
    writeFileSync(join(dir, 'lenient.json'), JSON.stringify({ id: 'lenient', pageWidthMm: 275, columns: 6, lines: 80 }));
    const templates = folderTemplates(dir);
    assert.equal(templates.problems.length, 1);
    assert.match(templates.problems[0], /lenient\.json: /);
    const g = galleyGrid(templates.get('tabloid-6col')!);
    assert.equal(g.columns, 6);
    assert.equal(g.charsPerColumn, 11);
    assert.equal(g.pitch, tabloid.grid.pitch);
    assert.ok(Math.abs(g.pageWidth - (275 * 72) / 25.4) < 1e-6);
    const { pages } = galleyPages(['测试'.repeat(3000)], g, fonts);
    assert.ok(pages.length >= 1);
    assert.deepEqual(galleyGrid(templates.get('broadsheet-8col')!), broadsheetGrid(), 'the default template is the built-in 对开 grid');

    const env = { ...process.env, BROADSHEET_TEMPLATES_DIR: dir };
    const out = join(dir, 'g.pdf');
    const unknown = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'galley', CORPUS, '-o', out, '--template', 'lenient'], { encoding: 'utf8', env });
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /unknown template 'lenient'.*known: .*tabloid-6col/);
    const ok = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'galley', CORPUS, '-o', out, '--template', 'tabloid-6col'], { encoding: 'utf8', env });
    assert.equal(ok.status, 0, ok.stderr);
    // The page is the folder's tabloid (275 × 390 mm), not the default 对开.
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }));
    assert.ok(size && Math.abs(Number(size[1]) - g.pageWidth) < 0.5 && Math.abs(Number(size[2]) - g.pageHeight) < 0.5, size?.[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
