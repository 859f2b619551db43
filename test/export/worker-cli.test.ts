import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExportInWorker } from '../../node/export/run-in-worker.js';
import type { ExportProgress } from '../../node/export/service.js';
import { filesIn, pdfInfo, qpdfCheck, tempDir } from '../pdf/tools.js';
import { generatedIssueOnDisk, oneStoryIssue, writeIssue } from '../fixtures/build.js';

// Export off the UI thread (design.md "Print": "Export runs off the UI thread with progress,
// and the same code runs headless from the CLI").

const root = fileURLToPath(new URL('../..', import.meta.url));
const composerModule = fileURLToPath(new URL('./stand-in-composer.ts', import.meta.url));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, BROADSHEET_EXPORT_COMPOSER: composerModule } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the worker reports every phase and every page, then the result', async () => {
  const dir = tempDir('worker');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 3, photos: 1 });
  const seen: ExportProgress[] = [];
  const result = await runExportInWorker({ issuePath, output: join(dir, 'w.pdf'), composerModule }, (p) => seen.push(p)).done;
  assert.equal(result.ok, true);
  assert.deepEqual([...new Set(seen.map((p) => p.phase))], ['open', 'compose', 'preflight', 'paint', 'done']);
  assert.deepEqual(seen.filter((p) => p.phase === 'paint').map((p) => p.done), [0, 1, 2, 3]);
  assert.equal(qpdfCheck(join(dir, 'w.pdf')).status, 0);
});

test('cancel stops the worker between pages: result cancelled, no output and no temporary file', async () => {
  const dir = tempDir('worker');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 12, photos: 1 });
  const out = join(dir, 'out');
  mkdirSync(out);
  let running: ReturnType<typeof runExportInWorker> | undefined = undefined;
  running = runExportInWorker({ issuePath, output: join(out, 'c.pdf'), composerModule }, (p) => {
    if (p.phase === 'paint' && p.done === 1) running!.cancel();
  });
  const result = await running.done;
  assert.equal(result.cancelled, true);
  assert.equal(result.ok, false);
  assert.deepEqual(filesIn(out), []);
});

test('CLI export: writes the PDF with bleed and marks, exit 0; preflight errors exit 3 listing them; usage errors exit 2', async () => {
  const dir = tempDir('cli');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 2, photos: 1 });
  const out = join(dir, 'issue.pdf');
  const ok = cli(['export', issuePath, '-o', out, '--bleed', '3', '--marks', '--pdfx']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /Wrote .*issue\.pdf \(2 pages/);
  assert.ok(pdfInfo(out).boxes.BleedBox);
  assert.equal(pdfInfo(out)['PDF subtype'], 'PDF/X-1:2001');

  const split = cli(['export', issuePath, '--split', join(dir, 'plant'), '--pages', '2']);
  assert.equal(split.status, 0, split.stderr);
  assert.deepEqual(filesIn(join(dir, 'plant')), ['2026-11-23_A02.pdf']);

  const bad = writeIssue(tempDir('cli'), oneStoryIssue('字'.repeat(84 + 300)));
  const stopped = cli(['export', bad.issuePath, '-o', join(bad.dir, 'x.pdf')]);
  assert.equal(stopped.status, 3);
  assert.match(stopped.stderr, /ERROR: A01 \(page 1\) · story “头条标题” \(lead\) · overset: 300 characters do not fit/);
  assert.match(stopped.stderr, /nothing was written/);
  assert.deepEqual(filesIn(bad.dir), ['issue.broadsheet']);
  const forced = cli(['export', bad.issuePath, '-o', join(bad.dir, 'x.pdf'), '--force']);
  assert.equal(forced.status, 0, forced.stderr);

  assert.equal(cli(['export', issuePath]).status, 2);
  assert.equal(cli(['export', issuePath, '-o', out, '--bleed', 'lots']).status, 2);
  const pages = cli(['export', issuePath, '-o', out, '--pages', '7']);
  assert.equal(pages.status, 2);
  assert.match(pages.stderr, /page 7 is not in this issue/);
  const missing = cli(['export', join(dir, 'nope.broadsheet'), '-o', out]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.broadsheet/);
});

test('CLI inspect: report, pages, frames and stories; --json; exit 1 for an unreadable file', async () => {
  const dir = tempDir('cli');
  const { issuePath, issue } = await generatedIssueOnDisk(dir, { pages: 1 });
  const r = cli(['inspect', issuePath]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Preflight: no problems\./);
  assert.match(r.stdout, /A01 \(page 1\) 要闻 — template \S+, 6 frames/);
  const s1 = issue.stories[0];
  const headline = (s1.doc as unknown as { content: Array<{ type: string; content: Array<{ text: string }> }> }).content.find((b) => b.type === 'headline')!.content[0].text;
  assert.ok(r.stdout.includes(`headline: ${headline}`));
  assert.match(r.stdout, /kicker: /);
  assert.match(r.stdout, /byline: {3}本报记者/);
  const json = JSON.parse(cli(['inspect', issuePath, '--json']).stdout);
  assert.equal(json.pages[0].frames.length, 6);
  assert.equal(json.stories[0].headline, headline);
  assert.equal(typeof json.stories[0].paragraphs, 'number');
  assert.equal(typeof json.stories[0].characters, 'number');
  assert.deepEqual(json.preflight, { errors: [], warnings: [] });

  const broken = join(dir, 'broken.broadsheet');
  writeFileSync(broken, readFileSync(issuePath, 'utf8').slice(0, 200));
  const b = cli(['inspect', broken]);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /broken\.broadsheet/);
  const overset = writeIssue(tempDir('cli'), oneStoryIssue('字'.repeat(84 + 300)));
  const o = cli(['inspect', overset.issuePath, '--json']);
  assert.equal(JSON.parse(o.stdout).preflight.errors[0].code, 'overset');
});
