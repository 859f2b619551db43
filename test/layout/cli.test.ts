import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../core/model/issue.js';
import { storyPlainText } from '../../node/export/story-text.js';
import { CORPUS } from '../fixtures/corpus.js';

// `npx broadsheet import` on the corpus, then `npx broadsheet export` to PDF: the text that
// pdftotext reads back holds every story and banner, in order, and nothing is overset.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = (args: string[]) => spawnSync('npx', ['broadsheet', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BROADSHEET_DEBUG: '' } });

test('import → export: the PDF reads back every story and banner in order (pdftotext), none overset', { timeout: 120_000 }, () => {
  const d = mkdtempSync(join(tmpdir(), 'bs-import-cli-'));
  const issuePath = join(d, 'corpus.broadsheet');
  const reportPath = join(d, 'report.json');
  const original = readFileSync(CORPUS);
  const imp = run(['import', CORPUS, '-o', issuePath, '--date', '2026-11-23', '--paper', '河西报', '--report', reportPath]);
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stdout, /Imported 11 stories/);
  assert.match(imp.stdout, /11 of 11 stories placed, none overset/);
  assert.match(imp.stdout, /\[repeated\]/);
  assert.deepEqual(readFileSync(CORPUS), original, 'the copy file is untouched');
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { import: { changes: Array<{ kind: string; line: number; before: string; after: string }> }; layout: { unplaced: string[]; fits: Record<string, { state: string }> } };
  assert.ok(report.import.changes.some((c) => c.kind === 'joined' && c.line === 47));
  assert.deepEqual(report.layout.unplaced, []);
  for (const [id, fit] of Object.entries(report.layout.fits)) assert.equal(fit.state, 'fits', id);

  const pdf = join(d, 'corpus.pdf');
  const exp = run(['export', issuePath, '-o', pdf]);
  assert.equal(exp.status, 0, exp.stderr);
  const txt = spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0);
  const flat = txt.stdout.replace(/\s+/g, '');
  const issue = JSON.parse(readFileSync(issuePath, 'utf8')) as Issue;
  // Stories in the order their frames are painted; each one's text contiguous and whole.
  let at = 0;
  const order = issue.pages.flatMap((p) => p.frames.flatMap((f) => (f.type === 'story' ? [f.storyId] : [])));
  for (const id of order) {
    const s = issue.stories.find((x) => x.id === id)!;
    const text = storyPlainText(s).replace(/\s+/g, '');
    const k = flat.indexOf(text, at);
    assert.ok(k >= 0, `story ${id} (“${text.slice(0, 20)}…”) is in the PDF text whole, after the story before it`);
    at = k + text.length;
  }
  for (const f of issue.pages[0].frames) if (f.type === 'banner') assert.ok(flat.includes(f.text.replace(/\s+/g, '')), `banner ${f.text}`);
});

test('import refuses bad input with a clear message naming the file, and a non-zero exit', () => {
  const d = mkdtempSync(join(tmpdir(), 'bs-import-bad-'));
  const empty = join(d, 'empty.txt');
  writeFileSync(empty, '');
  const png = join(d, 'photo.txt');
  writeFileSync(png, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 1)]));
  const cases: Array<[string[], RegExp, number]> = [
    [['import', empty, '-o', join(d, 'x.broadsheet')], /"empty\.txt" is empty/, 1],
    [['import', png, '-o', join(d, 'x.broadsheet')], /"photo\.txt" is not a text file: it is a PNG image/, 1],
    [['import', join(d, 'nope.txt'), '-o', join(d, 'x.broadsheet')], /Cannot read "nope\.txt": no such file/, 1],
    [['import', empty], /missing -o/, 2],
    [['import', CORPUS, '-o', join(d, 'x.broadsheet'), '--template', 'nope'], /unknown template 'nope'/, 2],
  ];
  for (const [args, message, code] of cases) {
    const r = run(args);
    assert.equal(r.status, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
  }
  assert.ok(!existsSync(join(d, 'x.broadsheet')), 'nothing written');
});

test('import --append adds the new copy to an existing issue on new pages, the old pages untouched', { timeout: 120_000 }, () => {
  const d = mkdtempSync(join(tmpdir(), 'bs-import-append-'));
  const issuePath = join(d, 'issue.broadsheet');
  assert.equal(run(['import', CORPUS, '-o', issuePath, '--date', '2026-11-23']).status, 0);
  const before = JSON.parse(readFileSync(issuePath, 'utf8')) as Issue;
  const more = join(d, 'more.txt');
  writeFileSync(more, '区图书馆延长开放时间\n\n■ 通讯员 李明\n\n' + '自本月起，区图书馆周末开放时间延长至晚上九点，方便读者借阅。'.repeat(12) + '\n');
  const r = run(['import', more, '-o', issuePath, '--append']);
  assert.equal(r.status, 0, r.stderr);
  const after = JSON.parse(readFileSync(issuePath, 'utf8')) as Issue;
  assert.equal(after.stories.length, before.stories.length + 1);
  assert.equal(new Set(after.stories.map((s) => s.id)).size, after.stories.length, 'story ids stay unique');
  assert.deepEqual(after.pages[0], before.pages[0], 'the first page is as it was');
  assert.equal(after.pages.length, 2);
  assert.equal(after.pages[1].templateId, 'broadsheet-8col-inside');
  assert.equal(after.date, before.date);
});
