import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeIssue, type ComposedIssue } from '../../core/compose/index.js';
import { builtinTemplates, type TemplateRegistry } from '../../core/templates/index.js';
import type { Issue } from '../../core/model/issue.js';
import { nodeFontSource } from '../../node/fonts.js';
import { createServices } from '../../node/services/index.js';
import { folderTemplates, knownTemplateIds } from '../../node/templates.js';
import { loadTemplates } from '../../renderer/src/document.js';
import { tempDir, tool } from '../pdf/tools.js';

/**
 * One template registry for screen and print: a template edited in the templates folder sets
 * the same body lines in the renderer's composition as in the exported PDF, and `inspect`
 * reports the same overset as the screen.
 */

const root = process.cwd();
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');

/** A body-size glyph of the screen's composition: its origin, baseline and character. */
interface Glyph {
  page: number;
  x: number;
  y: number;
  ch: string;
}

/** A word of the PDF (pdftotext -bbox) at the body's height: its left edge and vertical middle. */
interface Word {
  page: number;
  x: number;
  mid: number;
  text: string;
}

function screenGlyphs(composed: ComposedIssue, issue: Issue, templates: TemplateRegistry): Glyph[] {
  const glyphs: Glyph[] = [];
  composed.pages.forEach((page, pageIndex) => {
    const em = templates.get(issue.pages[pageIndex].templateId)!.em;
    for (const item of page.items) {
      if (item.kind !== 'glyphs' || item.size !== em) continue;
      item.chars.forEach((ch, i) => {
        // The hyphen a broken Latin word ends in stands for no character of the story (''); the PDF's text has it.
        const shown = ch === '' && i === item.chars.length - 1 ? '-' : ch;
        if (shown.trim()) glyphs.push({ page: pageIndex, x: item.xs[i], y: item.y, ch: shown });
      });
    }
  });
  return glyphs;
}

function pdfWords(pdf: string): Word[] {
  const out = tool('pdftotext', ['-bbox', pdf, '-']).stdout;
  const words: Word[] = [];
  out.split('<page ').slice(1).forEach((pageXml, page) => {
    const all = [...pageXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ page, x: +m[1], mid: (+m[2] + +m[3]) / 2, h: +m[3] - +m[2], text: m[4] }));
    // The body's words are the commonest height.
    const heights = new Map<string, number>();
    for (const w of all) heights.set(w.h.toFixed(1), (heights.get(w.h.toFixed(1)) ?? 0) + 1);
    const bodyH = Number([...heights].sort((x, y) => y[1] - x[1])[0][0]);
    words.push(...all.filter((w) => Math.abs(w.h - bodyH) < 0.15).map(({ page: pg, x, mid, text }) => ({ page: pg, x, mid, text })));
  });
  return words;
}

/**
 * Every PDF word is the screen's glyphs from the same origin on the same line, and every screen
 * glyph is in one word: the line boxes agree to the glyph. Returns what does not.
 */
function mismatches(glyphs: Glyph[], words: Word[], em: number): string[] {
  const rows = new Map<string, Glyph[]>();
  for (const g of glyphs) {
    const key = `${g.page}|${g.y.toFixed(2)}`;
    rows.set(key, [...(rows.get(key) ?? []), g]);
  }
  for (const row of rows.values()) row.sort((a, b) => a.x - b.x);
  // Where a word's middle sits against the baseline, from the first word's glyph.
  const first = glyphs.find((g) => g.page === words[0].page && Math.abs(g.x - words[0].x) < 0.5 && g.ch === [...words[0].text][0] && Math.abs(g.y - words[0].mid) < em);
  if (!first) return [`no screen glyph where the PDF's first word "${words[0].text}" starts`];
  const offset = words[0].mid - first.y;
  const covered = new Set<Glyph>();
  const problems: string[] = [];
  for (const w of words) {
    const row = [...rows.entries()].find(([key, r]) => key.startsWith(`${w.page}|`) && Math.abs(r[0].y + offset - w.mid) < em / 4)?.[1];
    const at = row?.findIndex((g) => Math.abs(g.x - w.x) < 0.5 && !covered.has(g)) ?? -1;
    // Glyphs from there until they spell as much as the word (a ligature is one glyph of two characters).
    const run: Glyph[] = [];
    for (let i = at; at >= 0 && i < row!.length && run.map((g) => g.ch).join('').length < w.text.length; i++) run.push(row![i]);
    if (run.map((g) => g.ch).join('') !== w.text) {
      problems.push(`page ${w.page + 1}: PDF word "${w.text}" at x ${w.x.toFixed(1)}, y ${w.mid.toFixed(1)}; screen has "${run.map((g) => g.ch).join('')}"`);
      continue;
    }
    for (const g of run) covered.add(g);
  }
  for (const g of glyphs) if (!covered.has(g)) problems.push(`page ${g.page + 1}: screen glyph "${g.ch}" at x ${g.x.toFixed(1)}, baseline ${g.y.toFixed(1)} is in no PDF word`);
  return problems;
}

test('a template edited in the folder: the screen and the PDF set the same body lines, and inspect reports the screen\'s overset', async () => {
  const dir = tempDir('templates');
  const saved = process.env.BROADSHEET_TEMPLATES_DIR;
  try {
    for (const name of readdirSync(join(root, 'templates')).filter((n) => n.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(join(root, 'templates', name), 'utf8')) as { id: string; grid: { charsPerColumn: number } };
      // The paper's 6-column pages narrowed by one character a column.
      if (data.id.startsWith('tabloid-6col')) data.grid.charsPerColumn -= 1;
      writeFileSync(join(dir, name), JSON.stringify(data, null, 2));
    }
    process.env.BROADSHEET_TEMPLATES_DIR = dir;

    // The screen: the templates as the renderer loads them from the host, composed as the workspace does.
    const api = createServices({ startupIssue: sample });
    const { templates, problems } = await loadTemplates(api);
    assert.deepEqual(problems, []);
    const { issue } = await api.openStartupIssue();
    const fonts = nodeFontSource();
    const screen = composeIssue(issue, { fonts, templates });
    const onScreen = screenGlyphs(screen, issue, templates);
    const builtin = screenGlyphs(composeIssue(issue, { fonts, templates: builtinTemplates() }), issue, builtinTemplates());
    assert.notDeepEqual(onScreen, builtin, 'the edit changes the lines (else this test proves nothing)');

    // The PDF, by the CLI as a user runs it, with the same folder.
    const env = { ...process.env, BROADSHEET_TEMPLATES_DIR: dir };
    const pdf = join(dir, 'sample.pdf');
    const r = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'export', sample, '-o', pdf, '--force'], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    const words = pdfWords(pdf);
    assert.ok(words.length > 500, `${words.length} body words`);
    assert.deepEqual(mismatches(onScreen, words, templates.get(issue.pages[0].templateId)!.em), []);
    // And the built-in grid's glyphs are not where the PDF has them: the comparison can fail.
    assert.notDeepEqual(mismatches(builtin, words, builtinTemplates().get(issue.pages[0].templateId)!.em), []);

    // inspect: the same overset stories and characters as the screen's diagnostics.
    const inspected = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'inspect', '--json', sample], { encoding: 'utf8', env });
    assert.equal(inspected.status === 0 || inspected.status === 3, true, inspected.stderr);
    const report = (JSON.parse(inspected.stdout) as { preflight: { errors: Array<{ code: string; storyId?: string; message: string }> } }).preflight;
    const overset = (findings: Array<{ storyId?: string; chars: number }>) => findings.map((f) => `${f.storyId}:${f.chars}`).sort();
    const screenOverset = overset(screen.diagnostics.filter((d) => d.kind === 'overset' && d.count?.chars).map((d) => ({ storyId: d.storyId, chars: d.count!.chars })));
    assert.ok(screenOverset.length > 0, 'narrower columns overset a story');
    const inspectOverset = overset(report.errors.filter((f) => f.code === 'overset').map((f) => ({ storyId: f.storyId, chars: Number(/(\d+) characters/.exec(f.message)?.[1]) })));
    assert.deepEqual(inspectOverset, screenOverset);
  } finally {
    if (saved === undefined) delete process.env.BROADSHEET_TEMPLATES_DIR;
    else process.env.BROADSHEET_TEMPLATES_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the registry: a folder file replaces the built-in of its id, adds new ids, and a broken file is named and left out', () => {
  const dir = tempDir('templates');
  try {
    const tabloid = JSON.parse(readFileSync(join(root, 'templates', 'tabloid-6col.json'), 'utf8')) as { id: string; name: string; grid: { charsPerColumn: number } };
    writeFileSync(join(dir, 'tabloid-6col.json'), JSON.stringify({ ...tabloid, grid: { ...tabloid.grid, charsPerColumn: 10 } }));
    writeFileSync(join(dir, 'weekly.json'), JSON.stringify({ ...tabloid, id: 'weekly-6col', name: '周刊' }));
    writeFileSync(join(dir, 'broken.json'), '{ "id": "broken", ');
    writeFileSync(join(dir, 'no-grid.json'), JSON.stringify({ ...tabloid, id: 'tabloid-6col-inside', grid: undefined }));
    const templates = folderTemplates(dir);
    assert.equal(templates.get('tabloid-6col')!.columnWidth, 10 * templates.get('tabloid-6col')!.em, 'the folder file wins over the built-in');
    assert.ok(templates.get('weekly-6col'), 'a new template of the folder');
    assert.equal(templates.get('tabloid-6col-inside')!.spec.grid.charsPerColumn, builtinTemplates().get('tabloid-6col-inside')!.spec.grid.charsPerColumn, 'a broken replacement leaves the built-in');
    assert.equal(templates.problems.length, 2);
    assert.match(templates.problems[0], /broken\.json: not JSON/);
    assert.match(templates.problems[1], /no-grid\.json: grid/);
    assert.deepEqual(knownTemplateIds(dir).sort(), [...builtinTemplates().ids(), 'weekly-6col'].sort());
    // Looked at afresh: an edit of the folder is the next answer.
    rmSync(join(dir, 'weekly.json'));
    assert.equal(folderTemplates(dir).get('weekly-6col'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an issue on a template the registry lacks does not open, export or inspect: the error names the template and the page', () => {
  const dir = tempDir('unknown-template');
  try {
    const issue = JSON.parse(readFileSync(sample, 'utf8')) as Issue;
    issue.pages[1].templateId = 'berliner-5col';
    const file = join(dir, 'x.broadsheet');
    writeFileSync(file, JSON.stringify(issue));
    for (const args of [['export', file, '-o', join(dir, 'x.pdf')], ['inspect', file]]) {
      const r = spawnSync(process.execPath, ['bin/broadsheet.mjs', ...args], { encoding: 'utf8' });
      assert.equal(r.status, 1, `${args[0]}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /berliner-5col/);
      assert.match(r.stderr, /pages(\.|\[)1|page 2/);
    }
    assert.ok(!readdirSync(dir).includes('x.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a broken template file of the folder is a preflight warning naming it', () => {
  const dir = tempDir('broken-template');
  try {
    writeFileSync(join(dir, 'broken.json'), '{');
    const r = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'inspect', '--json', sample], { encoding: 'utf8', env: { ...process.env, BROADSHEET_TEMPLATES_DIR: dir } });
    const report = (JSON.parse(r.stdout) as { preflight: { warnings: Array<{ code: string; message: string }> } }).preflight;
    const w = report.warnings.find((f) => f.code === 'template-invalid');
    assert.ok(w, JSON.stringify(report.warnings));
    assert.match(w.message, /broken\.json: not JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
