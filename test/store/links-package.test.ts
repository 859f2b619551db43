import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, renameSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openIssueFile, saveIssueFile, linksReport, linkPhotoFile, relinkFolder, packageIssue, unpackIssueZip, IssueFileError } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

async function photo(path: string, w: number, h: number, color: string): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  await sharp({ create: { width: w, height: h, channels: 3, background: color } }).jpeg().toFile(path);
}

/** An issue beside its photos: two in photos/, one placed from a folder outside (copied in). */
async function issueWithPhotos(): Promise<{ dir: string; path: string; issue: Issue; templatesDir: string }> {
  const dir = tmp('bs-links-');
  const path = join(dir, '滨海日报-1123.broadsheet');
  const templatesDir = tmp('bs-templates-');
  writeFileSync(join(templatesDir, 'broadsheet-8col.json'), JSON.stringify({ id: 'broadsheet-8col', columns: 8 }));
  let issue: Issue = { ...generateIssue({ pages: 2, chars: 2000, photos: 0 }), assets: [] };
  await photo(join(dir, 'photos', '春耕.jpg'), 640, 480, '#336699');
  await photo(join(dir, 'photos', 'b.jpg'), 300, 200, '#993333');
  const outside = tmp('bs-outside-');
  await photo(join(outside, 'c.jpg'), 120, 90, '#339933');
  for (const f of [join(dir, 'photos', '春耕.jpg'), join(dir, 'photos', 'b.jpg'), join(outside, 'c.jpg')]) issue = (await linkPhotoFile(path, issue, f)).issue;
  issue.pages[0].frames.push({ id: 'ph1', type: 'photo', assetId: 'a1', rect: { column: 0, span: 3, line: 60, lines: 15 }, fit: 'fill', caption: 'below' });
  issue.pages[1].frames.push({ id: 'ph2', type: 'photo', assetId: 'a3', rect: { column: 0, span: 3, line: 60, lines: 15 }, fit: 'fill', caption: 'below' });
  await saveIssueFile(path, issue);
  return { dir, path, issue, templatesDir };
}

test('photos are linked by relative path with sha256 and pixel size; one from outside the folder is copied into photos/', async () => {
  const { dir, issue } = await issueWithPhotos();
  assert.deepEqual(issue.assets.map((a) => [a.id, a.path, a.widthPx, a.heightPx, a.hash?.length]), [
    ['a1', 'photos/春耕.jpg', 640, 480, 64],
    ['a2', 'photos/b.jpg', 300, 200, 64],
    ['a3', 'photos/c.jpg', 120, 90, 64],
  ]);
  assert.ok(existsSync(join(dir, 'photos', 'c.jpg')));
});

test('links report lists missing and modified photos with the pages that use them', async () => {
  const { dir, path, issue } = await issueWithPhotos();
  assert.equal((await linksReport(path, issue)).summary, '3 photos: 3 OK');
  renameSync(join(dir, 'photos', '春耕.jpg'), join(dir, 'gone.jpg'));
  await photo(join(dir, 'photos', 'c.jpg'), 100, 90, '#000000');
  const r = await linksReport(path, issue);
  assert.equal(r.summary, '3 photos: 1 OK, 1 missing, 1 modified');
  const missing = r.entries.find((e) => e.status === 'missing')!;
  assert.equal(missing.id, 'a1');
  assert.deepEqual(missing.usedOnPages, [1]);
  const modified = r.entries.find((e) => e.status === 'modified')!;
  assert.equal(modified.id, 'a3');
  assert.match(modified.message, /now 100×90 px, was 120×90/);
});

test('relink: a moved and renamed photos folder is found again by hash', async () => {
  const { dir, path, issue } = await issueWithPhotos();
  mkdirSync(join(dir, 'archive'));
  renameSync(join(dir, 'photos'), join(dir, 'archive', '2026-11-23'));
  renameSync(join(dir, 'archive', '2026-11-23', 'b.jpg'), join(dir, 'archive', '2026-11-23', 'renamed.jpg'));
  assert.equal((await linksReport(path, issue)).counts.missing, 3);
  const r = await relinkFolder(path, issue, join(dir, 'archive'));
  assert.deepEqual(r.stillMissing, []);
  assert.deepEqual(r.issue.assets.map((a) => a.path).sort(), ['archive/2026-11-23/c.jpg', 'archive/2026-11-23/renamed.jpg', 'archive/2026-11-23/春耕.jpg']);
  assert.equal((await linksReport(path, r.issue)).summary, '3 photos: 3 OK');
  assert.deepEqual(r.issue.assets.map((a) => a.hash), issue.assets.map((a) => a.hash), 'same content');
});

for (const kind of ['folder', 'zip'] as const) {
  test(`package to a ${kind} → unpack elsewhere → open finds every photo and the template`, async () => {
    const { path, issue, templatesDir } = await issueWithPhotos();
    const out = tmp('bs-pkg-');
    const to = join(out, kind === 'zip' ? 'handover.zip' : 'handover');
    const res = await packageIssue(path, issue, { to, templatesDir });
    assert.deepEqual(res.missingPhotos, []);
    assert.deepEqual(res.templates, ['broadsheet-8col']);
    let issueFile = join(to, '滨海日报-1123.broadsheet');
    const elsewhere = tmp('bs-elsewhere-');
    if (kind === 'zip') issueFile = await unpackIssueZip(to, elsewhere);
    else {
      // "Elsewhere": copy the folder to another place, as a colleague would receive it.
      const { cpSync } = await import('node:fs');
      cpSync(to, join(elsewhere, 'handover'), { recursive: true });
      issueFile = join(elsewhere, 'handover', '滨海日报-1123.broadsheet');
    }
    const opened = await openIssueFile(issueFile, { knownTemplateIds: null });
    const links = await linksReport(issueFile, opened.issue);
    assert.equal(links.summary, '3 photos: 3 OK');
    assert.deepEqual(opened.issue.stories, issue.stories);
    assert.deepEqual(opened.issue.pages, issue.pages);
    assert.ok(existsSync(join(issueFile, '..', 'templates', 'broadsheet-8col.json')));
    assert.match(readFileSync(join(issueFile, '..', 'package-report.txt'), 'utf8'), /Photos collected: 3/);
  });
}

test('package reports missing photos; an existing destination is not overwritten; no partial package is left', async () => {
  const { dir, path, issue, templatesDir } = await issueWithPhotos();
  renameSync(join(dir, 'photos', 'b.jpg'), join(dir, 'b-moved.jpg'));
  const out = tmp('bs-pkg-');
  const res = await packageIssue(path, issue, { to: join(out, 'p'), templatesDir });
  assert.deepEqual(res.missingPhotos, ['a2 (photos/b.jpg)']);
  assert.match(res.report, /MISSING photos/);
  await assert.rejects(packageIssue(path, issue, { to: join(out, 'p'), templatesDir }), IssueFileError);
  assert.deepEqual(readdirSync(out), ['p']);
});

test('a zip whose entries escape the destination folder is refused', async () => {
  const { zipSync, strToU8 } = await import('fflate');
  const d = tmp('bs-zipslip-');
  const z = join(d, 'evil.zip');
  writeFileSync(z, zipSync({ 'x/../../evil.txt': strToU8('boo'), 'x/a.broadsheet': strToU8('{}') }));
  await assert.rejects(unpackIssueZip(z, join(d, 'out')), (e: unknown) => e instanceof IssueFileError && /outside the destination/.test(e.problem));
  assert.equal(existsSync(join(d, 'evil.txt')), false);
});
