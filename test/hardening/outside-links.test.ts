// A photo whose real file lies outside the issue's folder (a symbolic link out) is an outside
// link: the links report gives it its own status and real target; the user may accept it
// explicitly (its real path and content hash are recorded on the asset), and only while both
// still hold is it served, checked as a warning and embedded. Anything else about it is an error.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asset as assetSchema } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { exportIssue } from '../../node/export/service.js';
import { preflightEdited } from '../../node/services/editing.js';
import { serveApp, TOKEN_HEADER } from '../../node/host/index.js';
import { acceptOutsideLink, hashFile, linksReport, outsideTarget, packageIssue, resolveLinkedFile, serializeIssue } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';
import { oneStoryIssue, writeIssue, writePhoto } from '../fixtures/build.js';

let top: string;
let outside: string;
before(async () => {
  top = mkdtempSync(join(tmpdir(), 'bs-outside-'));
  outside = join(top, 'library');
  mkdirSync(outside);
  await writePhoto(join(outside, 'wire.jpg'), 900, 600, 3);
  await writePhoto(join(outside, 'other.jpg'), 900, 600, 4);
});
after(() => rmSync(top, { recursive: true, force: true }));

/** An issue whose photo p1 (photos/x.jpg, placed on page 1) is a symbolic link to `target`, beside a good photo, a missing one and an unreadable one. */
async function issueFolder(name: string, target = join(outside, 'wire.jpg')) {
  const dir = join(top, name);
  mkdirSync(join(dir, 'photos'), { recursive: true });
  await writePhoto(join(dir, 'photos', 'ok.jpg'), 600, 400, 1);
  symlinkSync(target, join(dir, 'photos', 'x.jpg'));
  writeFileSync(join(dir, 'photos', 'broken.jpg'), 'not a jpeg at all');
  const issue = oneStoryIssue('正文。', { photo: { path: 'photos/x.jpg', widthPx: 900, heightPx: 600 } });
  issue.assets.push({ id: 'ok', path: 'photos/ok.jpg', widthPx: 600, heightPx: 400, hash: await hashFile(join(dir, 'photos', 'ok.jpg')) });
  issue.assets.push({ id: 'gone', path: 'photos/gone.jpg', widthPx: 600, heightPx: 400 });
  issue.assets.push({ id: 'broken', path: 'photos/broken.jpg' });
  return writeIssue(dir, issue);
}

async function accepted(issuePath: string, issue: Issue): Promise<Issue> {
  const a = await acceptOutsideLink(issuePath, issue.assets.find((x) => x.id === 'p1')!, join(outside, 'wire.jpg'));
  return { ...issue, assets: issue.assets.map((x) => (x.id === a.id ? a : x)) };
}

describe('the links report', () => {
  test('each link has its own status: outside (with its real target), ok, missing, unreadable', async () => {
    const { issuePath, issue } = await issueFolder('report');
    const r = await linksReport(issuePath, issue);
    const by = Object.fromEntries(r.entries.map((e) => [e.id, e]));
    assert.equal(by.p1.status, 'outside');
    assert.equal(by.p1.realPath, join(outside, 'wire.jpg'));
    assert.match(by.p1.message, /photos\/x\.jpg: a symbolic link leads out of the issue's folder, to .*library\/wire\.jpg/);
    assert.deepEqual(by.p1.frames, [{ page: 1, pageIndex: 0, frameId: 'ph' }]);
    assert.equal(by.ok.status, 'ok');
    assert.equal(by.ok.widthPx, 600);
    assert.equal(by.gone.status, 'missing');
    assert.equal(by.broken.status, 'unreadable');
    assert.match(by.broken.message, /photos\/broken\.jpg: cannot be read \(not a readable image\)/);
    assert.equal(r.counts.outside, 1);
    assert.match(r.summary, /4 photos: 1 OK, 1 missing, 1 outside, 1 unreadable/);
  });

  test('a path that leaves the folder by its name stays invalid-path, not outside', async () => {
    const { issuePath, issue } = await issueFolder('by-name');
    const r = await linksReport(issuePath, { ...issue, assets: [{ id: 'up', path: '../library/wire.jpg' }] });
    assert.equal(r.entries[0].status, 'invalid-path');
    assert.equal(outsideTarget(issuePath, { path: '../library/wire.jpg' }), undefined);
  });

  test('a folder where the photo should be is unreadable (not a file), not missing', async () => {
    const { dir, issuePath, issue } = await issueFolder('folder');
    mkdirSync(join(dir, 'photos', 'dir.jpg'));
    const r = await linksReport(issuePath, { ...issue, assets: [{ id: 'd', path: 'photos/dir.jpg' }] });
    assert.equal(r.entries[0].status, 'unreadable');
    assert.match(r.entries[0].message, /photos\/dir\.jpg: cannot be read \(not a file\)/);
  });
});

describe('accepting an outside link', () => {
  test('records the real path and the content hash; the link is then outside-accepted and resolves to its real file', async () => {
    const { issuePath, issue } = await issueFolder('accept');
    const next = await accepted(issuePath, issue);
    const a = next.assets.find((x) => x.id === 'p1')!;
    assert.deepEqual(a.acceptedOutside, { realPath: join(outside, 'wire.jpg'), hash: await hashFile(join(outside, 'wire.jpg')) });
    assert.equal((await linksReport(issuePath, next)).entries.find((e) => e.id === 'p1')!.status, 'outside-accepted');
    assert.equal(await resolveLinkedFile(issuePath, a), join(outside, 'wire.jpg'));
    // The accepted issue saves and opens (the field is part of the schema).
    assert.equal(validateIssue(JSON.parse(serializeIssue(next))).ok, true);
  });

  test('no longer holds once the file there changes: outside again, not resolved', async () => {
    const target = join(top, 'changing.jpg');
    await writePhoto(target, 900, 600, 5);
    const { issuePath, issue } = await issueFolder('changed', target);
    const a = await acceptOutsideLink(issuePath, issue.assets.find((x) => x.id === 'p1')!);
    await writePhoto(target, 900, 600, 6);
    const e = (await linksReport(issuePath, { ...issue, assets: [a] })).entries[0];
    assert.equal(e.status, 'outside');
    assert.match(e.message, /the acceptance no longer holds: the accepted file .*changing\.jpg has changed since it was accepted/);
    assert.equal(await resolveLinkedFile(issuePath, a), undefined);
  });

  test('no longer holds once the link leads elsewhere, even to a file of the same content', async () => {
    const { dir, issuePath, issue } = await issueFolder('repointed');
    const a = await acceptOutsideLink(issuePath, issue.assets.find((x) => x.id === 'p1')!);
    const copy = join(top, 'copy-of-wire.jpg');
    writeFileSync(copy, readFileSync(join(outside, 'wire.jpg')));
    unlinkSync(join(dir, 'photos', 'x.jpg'));
    symlinkSync(copy, join(dir, 'photos', 'x.jpg'));
    const e = (await linksReport(issuePath, { ...issue, assets: [a] })).entries[0];
    assert.equal(e.status, 'outside');
    assert.match(e.message, /now leads to .*copy-of-wire\.jpg, not to the accepted .*library\/wire\.jpg/);
    assert.equal(await resolveLinkedFile(issuePath, a), undefined);
  });

  test('is refused for a link that is not outside, and when the target is not the one the user was shown', async () => {
    const { issuePath, issue } = await issueFolder('refused');
    await assert.rejects(acceptOutsideLink(issuePath, issue.assets.find((x) => x.id === 'ok')!), /photo 'ok' \(photos\/ok\.jpg\) does not link outside the issue's folder/);
    await assert.rejects(acceptOutsideLink(issuePath, issue.assets.find((x) => x.id === 'p1')!, join(outside, 'other.jpg')), /now leads to .*wire\.jpg, not to .*other\.jpg as shown/);
  });

  test('the asset schema keeps old files working and names a bad acceptance', () => {
    assert.equal(assetSchema.safeParse({ id: 'a', path: 'photos/a.jpg' }).success, true);
    const bad = assetSchema.safeParse({ id: 'a', path: 'photos/a.jpg', acceptedOutside: { realPath: '/x.jpg', hash: 'nope' } });
    assert.equal(bad.success, false);
    assert.match(bad.error!.issues[0].message, /sha256/);
    assert.deepEqual(bad.error!.issues[0].path, ['acceptedOutside', 'hash']);
  });
});

describe('preflight, export, host and package', () => {
  test('preflight: an unaccepted outside link is an error naming the photo and its real target; accepted, a warning', async () => {
    const { issuePath, issue } = await issueFolder('preflight');
    const only = { ...issue, assets: issue.assets.filter((a) => a.id === 'p1') };
    const before = await preflightEdited({ issuePath, issue: only });
    const err = before.errors.find((f) => f.code === 'image-outside');
    assert.ok(err, JSON.stringify(before.errors));
    assert.match(err.message, /photo 'p1' \(photos\/x\.jpg\) links outside the issue's folder, to .*library\/wire\.jpg/);
    const after = await preflightEdited({ issuePath, issue: await accepted(issuePath, only) });
    assert.deepEqual(after.errors.filter((f) => f.assetId === 'p1'), []);
    const warn = after.warnings.find((f) => f.code === 'image-outside-accepted');
    assert.ok(warn, JSON.stringify(after.warnings));
    assert.match(warn.message, new RegExp(`^outside link accepted: ${join(outside, 'wire.jpg').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  test('export embeds an accepted outside link, and refuses once it has changed', async () => {
    const target = join(top, 'export-target.jpg');
    await writePhoto(target, 900, 600, 7);
    const { dir, issuePath, issue } = await issueFolder('export', target);
    const only = { ...issue, assets: issue.assets.filter((a) => a.id === 'p1') };
    const a = await acceptOutsideLink(issuePath, only.assets[0]);
    writeFileSync(issuePath, serializeIssue({ ...only, assets: [a] }));
    const out = join(dir, 'out.pdf');
    const r = await exportIssue({ issuePath, output: out });
    assert.equal(r.ok, true, JSON.stringify(r.report.errors));
    assert.ok(r.report.warnings.some((w) => w.code === 'image-outside-accepted'));
    assert.ok(readFileSync(out).includes('/Subtype /Image'), 'the photo is embedded');
    await writePhoto(target, 900, 600, 8);
    const out2 = join(dir, 'out2.pdf');
    const r2 = await exportIssue({ issuePath, output: out2 });
    assert.equal(r2.ok, false);
    assert.ok(r2.report.errors.some((e) => e.code === 'image-outside' && /accepted, but the link or the file has changed/.test(e.message)), JSON.stringify(r2.report.errors));
    assert.equal(existsSync(out2), false);
  });

  test('the loopback host serves an accepted outside link and refuses an unaccepted one', async () => {
    const { dir, issuePath, issue } = await issueFolder('host');
    const withAccepted = await accepted(issuePath, issue);
    // p2: a second link out of the folder, not accepted.
    symlinkSync(join(outside, 'other.jpg'), join(dir, 'photos', 'y.jpg'));
    withAccepted.assets.push({ id: 'p2', path: 'photos/y.jpg' });
    writeFileSync(issuePath, serializeIssue(withAccepted));
    mkdirSync(join(dir, 'renderer'));
    const host = await serveApp(join(import.meta.dirname, '..', '..'), { issue: issuePath });
    try {
      const open = await fetch(`${host.origin}/api/openStartupIssue`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: '{}' });
      assert.equal(open.status, 200);
      const get = (id: string) => fetch(`${host.origin}/issue-assets/${id}`, { headers: { [TOKEN_HEADER]: host.token } });
      const served = await get('p1');
      assert.equal(served.status, 200);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), readFileSync(join(outside, 'wire.jpg')));
      assert.equal((await get('p2')).status, 404);
    } finally {
      await host.close();
    }
  });

  test('package collects an accepted outside link as a real file (no link), and leaves an unaccepted one out', async () => {
    const { dir, issuePath, issue } = await issueFolder('package');
    const next = await accepted(issuePath, issue);
    symlinkSync(join(outside, 'other.jpg'), join(dir, 'photos', 'y.jpg'));
    next.assets.push({ id: 'p2', path: 'photos/y.jpg' });
    const to = join(top, 'packaged');
    const r = await packageIssue(issuePath, next, { to });
    assert.ok(r.missingPhotos.some((m) => m.startsWith('p2 ')), JSON.stringify(r.missingPhotos));
    const packaged = JSON.parse(readFileSync(join(to, 'issue.broadsheet'), 'utf8')) as Issue;
    const p1 = packaged.assets.find((a) => a.id === 'p1')!;
    const file = join(to, ...p1.path.split('/'));
    assert.equal(lstatSync(file).isSymbolicLink(), false);
    assert.deepEqual(readFileSync(file), readFileSync(join(outside, 'wire.jpg')));
    assert.equal(p1.acceptedOutside, undefined, 'inside the package the photo is an ordinary link');
    assert.equal((await linksReport(join(to, 'issue.broadsheet'), packaged)).entries.find((e) => e.id === 'p1')!.status, 'ok');
  });
});

describe('asking again (the panel asks on every window focus)', () => {
  test('an unchanged photo is not read again; a rewritten one is, and shows as modified', async () => {
    const { dir, issuePath, issue } = await issueFolder('again');
    const first = await linksReport(issuePath, issue);
    assert.equal(first.entries.find((e) => e.id === 'ok')!.status, 'ok');
    await writePhoto(join(dir, 'photos', 'ok.jpg'), 640, 400, 9);
    const second = await linksReport(issuePath, issue);
    const e = second.entries.find((x) => x.id === 'ok')!;
    assert.equal(e.status, 'modified');
    assert.equal(e.widthPx, 640);
  });
});
