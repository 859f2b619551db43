// An issue folder received from elsewhere may hold symbolic links out of it: such a photo is an
// outside link — not served, not embedded, named in the links report and preflight — and
// nothing is ever written through such a link.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { zipSync } from 'fflate';
import { exportIssue } from '../../node/export/service.js';
import { serveApp, TOKEN_HEADER } from '../../node/host/index.js';
import { linkPhotoFile, linksReport, packageIssue, resolveAsset, unpackIssueZip } from '../../node/store/index.js';
import { oneStoryIssue, writeIssue, writePhoto } from '../fixtures/build.js';

let top: string;
let outside: string;
before(async () => {
  top = mkdtempSync(join(tmpdir(), 'bs-symlink-'));
  outside = join(top, 'private');
  mkdirSync(outside);
  await writePhoto(join(outside, 'secret.jpg'), 300, 200, 3);
});
after(() => rmSync(top, { recursive: true, force: true }));

/** An issue folder whose photos/x.jpg links to the private file outside it, beside a real photo. */
async function issueWithLinkOut(name: string) {
  const dir = join(top, name);
  mkdirSync(join(dir, 'photos'), { recursive: true });
  await writePhoto(join(dir, 'photos', 'ok.jpg'), 300, 200, 1);
  symlinkSync(join(outside, 'secret.jpg'), join(dir, 'photos', 'x.jpg'));
  const issue = oneStoryIssue('正文。', { photo: { path: 'photos/x.jpg', widthPx: 300, heightPx: 200 } });
  issue.assets.push({ id: 'ok', path: 'photos/ok.jpg', widthPx: 300, heightPx: 200 });
  return writeIssue(dir, issue);
}

test('a photo that is a symbolic link out of the folder does not resolve; a real one inside does', async () => {
  const { issuePath } = await issueWithLinkOut('resolve');
  assert.equal(resolveAsset(issuePath, { path: 'photos/x.jpg' }), undefined);
  assert.equal(resolveAsset(issuePath, { path: 'photos/ok.jpg' }), join(top, 'resolve', 'photos', 'ok.jpg'));
  // A link inside the folder is fine.
  symlinkSync(join(top, 'resolve', 'photos', 'ok.jpg'), join(top, 'resolve', 'photos', 'alias.jpg'));
  assert.ok(resolveAsset(issuePath, { path: 'photos/alias.jpg' }));
});

test('a folder on the way that links out makes every photo under it outside, even a missing one', async () => {
  const dir = join(top, 'folder-link');
  mkdirSync(dir);
  symlinkSync(outside, join(dir, 'photos'));
  const { issuePath } = writeIssue(dir, oneStoryIssue('正文。'));
  assert.equal(resolveAsset(issuePath, { path: 'photos/secret.jpg' }), undefined);
  assert.equal(resolveAsset(issuePath, { path: 'photos/not-there.jpg' }), undefined);
});

test('the links report names the link out as such', async () => {
  const { issuePath, issue } = await issueWithLinkOut('report');
  const r = await linksReport(issuePath, issue);
  const x = r.entries.find((e) => e.id === 'p1')!;
  assert.equal(x.status, 'outside');
  assert.match(x.message, /photos\/x\.jpg: a symbolic link leads out of the issue's folder, to .*secret\.jpg/);
  assert.equal(r.entries.find((e) => e.id === 'ok')!.status, 'unverified');
});

test('export stops at preflight and embeds nothing', async () => {
  const { dir, issuePath } = await issueWithLinkOut('export');
  const out = join(dir, 'out.pdf');
  const r = await exportIssue({ issuePath, output: out });
  assert.equal(r.ok, false);
  assert.ok(r.report.errors.some((e) => e.code === 'image-outside' && /links outside the issue's folder, to .*secret\.jpg/.test(e.message)), JSON.stringify(r.report.errors));
  assert.equal(existsSync(out), false);
});

test('the loopback host does not serve it', async () => {
  const { issuePath } = await issueWithLinkOut('host');
  mkdirSync(join(top, 'host', 'renderer'));
  const host = await serveApp(join(import.meta.dirname, '..', '..'), { issue: issuePath });
  try {
    const open = await fetch(`${host.origin}/api/openStartupIssue`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: '{}' });
    assert.equal(open.status, 200);
    const get = (id: string) => fetch(`${host.origin}/issue-assets/${id}`, { headers: { [TOKEN_HEADER]: host.token } });
    assert.equal((await get('p1')).status, 404);
    assert.equal((await get('ok')).status, 200);
  } finally {
    await host.close();
  }
});

test('linking a photo never copies it through a photos/ folder that links out', async () => {
  const dir = join(top, 'copy');
  mkdirSync(dir);
  symlinkSync(outside, join(dir, 'photos'));
  const { issuePath, issue } = writeIssue(dir, oneStoryIssue('正文。'));
  const elsewhere = join(top, 'elsewhere.jpg');
  await writePhoto(elsewhere, 200, 100, 5);
  const before = readdirSync(outside);
  await assert.rejects(linkPhotoFile(issuePath, issue, elsewhere), /photos\/ beside the issue is a symbolic link out of its folder/);
  assert.deepEqual(readdirSync(outside), before, 'nothing written outside');
});

test('unpacking never writes through a symbolic link in the destination', async () => {
  const dest = join(top, 'unpack');
  mkdirSync(dest);
  symlinkSync(outside, join(dest, 'photos'));
  const zip = join(top, 'issue.zip');
  writeFileSync(zip, zipSync({ 'issue.broadsheet': new TextEncoder().encode('{}'), 'photos/planted.jpg': new Uint8Array([1, 2, 3]) }));
  await assert.rejects(unpackIssueZip(zip, dest), /would be written through a symbolic link/);
  assert.equal(existsSync(join(outside, 'planted.jpg')), false);
  // A link at the file itself, too.
  const dest2 = join(top, 'unpack2');
  mkdirSync(dest2);
  symlinkSync(join(outside, 'secret.jpg'), join(dest2, 'issue.broadsheet'));
  await assert.rejects(unpackIssueZip(zip, dest2), /symbolic link/);
});

test('packaging writes only new files inside its own folder: a template id that is a path does not lead out', async () => {
  const dir = join(top, 'package-ids');
  const tdir = join(top, 'package-templates');
  mkdirSync(tdir, { recursive: true });
  const tpl = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'tabloid-6col.json'), 'utf8'));
  writeFileSync(join(tdir, 'evil.json'), JSON.stringify({ ...tpl, id: '../../escape' }));
  const { issuePath, issue } = writeIssue(dir, oneStoryIssue('正文。'));
  for (const p of issue.pages) p.templateId = '../../escape';
  const to = join(top, 'package-out', 'pkg');
  mkdirSync(join(top, 'package-out'));
  const r = await packageIssue(issuePath, issue, { to, templatesDir: tdir });
  assert.deepEqual(r.templates, ['../../escape']);
  assert.ok(existsSync(join(to, 'templates', 'evil.json')), 'packaged under the file’s own name');
  assert.deepEqual(readdirSync(join(top, 'package-out')), ['pkg'], 'nothing beside the package');
  assert.equal(existsSync(join(top, 'escape.json')), false);
});
