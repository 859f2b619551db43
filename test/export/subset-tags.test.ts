// The per-page files a plant imposes together (export --split): every embedded subset is named
// by its content (issue 19 item 5), so two pages never carry different subsets of one face under
// one name — pdfkit's counter gave every file's first font the same tag.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pdfFonts, tempDir } from '../pdf/tools.js';

const root = join(import.meta.dirname, '..', '..');
const dir = tempDir('subset-tags');
after(() => rmSync(dir, { recursive: true, force: true }));

test('export --split: one name, one subset, across the pages’ files; a page exported again keeps its names', () => {
  const cli = (out: string) => execFileSync(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'export', join(root, 'assets', 'sample', 'sample.broadsheet'), '--split', out, '--force'], { stdio: 'pipe' });
  cli(join(dir, 'a'));
  const files = readdirSync(join(dir, 'a')).filter((f) => f.endsWith('.pdf')).sort();
  assert.ok(files.length >= 2, files.join(' '));
  const byName = new Map<string, string[]>();
  for (const f of files) {
    for (const font of pdfFonts(join(dir, 'a', f))) {
      assert.match(font.name, /^[A-Z]{6}\+/, `${f}: ${font.name} is a tagged subset`);
      byName.set(font.name, [...(byName.get(font.name) ?? []), f]);
    }
  }
  // Each face appears on several pages with different text: under a different tag on each.
  const faces = new Map<string, Set<string>>();
  for (const name of byName.keys()) faces.set(name.slice(7), (faces.get(name.slice(7)) ?? new Set()).add(name.slice(0, 6)));
  const shared = [...faces].filter(([, tags]) => tags.size > 1);
  assert.ok(shared.length > 0, 'some face is subset differently on different pages');
  for (const [name, where] of byName) assert.equal(where.length, 1, `${name} names a subset in ${where.join(', ')}`);
  // The same page written again: the same names (nothing from a counter or the clock).
  cli(join(dir, 'b'));
  for (const f of files) assert.deepEqual(pdfFonts(join(dir, 'b', f)).map((x) => x.name), pdfFonts(join(dir, 'a', f)).map((x) => x.name), f);
});
