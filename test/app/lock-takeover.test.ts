import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HostIssue } from '../../node/services/host-issue.js';
import { createServices } from '../../node/services/index.js';
import { acquireLock, lockPathFor, saveIssueFile } from '../../node/store/index.js';
import { generateIssue } from '../store/generate-issue.js';

// An issue whose lock someone else left: a crashed program's (stale), a colleague's (live), a
// silent one's. The host tells the renderer who holds it as data, takes a stale lock over on
// request, takes a lock file that was deleted without a restart, and never breaks a live one.

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'bs-takeover-'));
  const file = join(dir, 'issue.broadsheet');
  await saveIssueFile(file, generateIssue({ pages: 1, chars: 300 }));
  const host = new HostIssue();
  const api = host.wrap(createServices({ startupIssue: file, onOpened: host.opened, onSaved: host.saved }));
  return { dir, file, host, api, done: async () => (await host.close(), rmSync(dir, { recursive: true, force: true })) };
}

function foreignLock(file: string, l: { host: string; pid: number; ageMs: number }) {
  const t = new Date(Date.now() - l.ageMs).toISOString();
  writeFileSync(lockPathFor(file), JSON.stringify({ app: 'broadsheet', owner: '李编辑', host: l.host, pid: l.pid, since: t, heartbeat: t }));
}

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const lockPid = (file: string) => JSON.parse(readFileSync(lockPathFor(file), 'utf8')).pid;

test('a crashed program’s lock: told as stale (process gone), taken over in one call, and the issue saves at once', async () => {
  const s = await setup();
  try {
    foreignLock(s.file, { host: hostname(), pid: deadPid(), ageMs: 5_000 });
    const opened = await s.api.openIssue({ path: s.file });
    assert.equal(opened.readOnly, true);
    assert.deepEqual({ ...opened.lock, since: undefined }, { owner: '李编辑', host: hostname(), since: undefined, sameHost: true, stale: true, staleKind: 'process-gone' });
    assert.ok(!opened.warnings.some((w) => /read-only/i.test(w)), 'the lock is data for the banner, not an English warning too');

    assert.deepEqual(await s.api.takeOverIssue({ path: s.file }), { readOnly: false });
    assert.equal(lockPid(s.file), process.pid);
    const edited = { ...opened.issue, paper: '接管后保存' };
    await s.api.saveIssue({ path: s.file, issue: edited });
    assert.match(readFileSync(s.file, 'utf8'), /接管后保存/);
  } finally {
    await s.done();
  }
});

test('a colleague’s live lock is never broken; once they close (or the lock file is deleted) it is taken without a restart', async () => {
  const s = await setup();
  try {
    foreignLock(s.file, { host: 'DESK-07', pid: 4242, ageMs: 60_000 });
    const opened = await s.api.openIssue({ path: s.file });
    assert.equal(opened.readOnly, true);
    assert.equal(opened.lock?.stale, false);
    assert.equal(opened.lock?.host, 'DESK-07');
    const again = await s.api.takeOverIssue({ path: s.file });
    assert.equal(again.readOnly, true);
    assert.equal(again.lock?.owner, '李编辑');
    assert.equal(lockPid(s.file), 4242, 'the live lock is untouched');

    unlinkSync(lockPathFor(s.file));
    assert.deepEqual(await s.api.takeOverIssue({ path: s.file }), { readOnly: false });
    assert.equal(lockPid(s.file), process.pid);

    // Opening again (File ▸ Open) after a deleted lock also takes it: the host does not keep its old read-only hold.
    await s.host.close();
    foreignLock(s.file, { host: 'DESK-07', pid: 4242, ageMs: 60_000 });
    assert.equal((await s.api.openIssue({ path: s.file })).readOnly, true);
    unlinkSync(lockPathFor(s.file));
    const reopened = await s.api.openIssue({ path: s.file });
    assert.equal(reopened.readOnly, false);
    assert.equal(reopened.lock, undefined);
    assert.equal(lockPid(s.file), process.pid);
  } finally {
    await s.done();
  }
});

test('a lock silent for hours on another computer is stale with its age; taking it over works; other files are refused', async () => {
  const s = await setup();
  try {
    foreignLock(s.file, { host: 'LAPTOP-3', pid: 1, ageMs: 3 * 3600_000 });
    const opened = await s.api.openIssue({ path: s.file });
    assert.equal(opened.lock?.staleKind, 'silent');
    assert.equal(opened.lock?.silentMinutes, 180);
    assert.equal(opened.lock?.sameHost, false);
    await assert.rejects(s.api.takeOverIssue({ path: join(s.dir, 'other.broadsheet') }), /not the issue open here/);
    assert.deepEqual(await s.api.takeOverIssue({ path: s.file }), { readOnly: false });
    assert.ok(existsSync(lockPathFor(s.file)));
    assert.equal(lockPid(s.file), process.pid);
  } finally {
    await s.done();
  }
});

test('a file the host always shows read-only (the bundled sample) stays read-only: there is no lock to take', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-takeover-'));
  const file = join(dir, 'sample.broadsheet');
  await saveIssueFile(file, generateIssue({ pages: 1, chars: 100 }));
  const host = new HostIssue({ readOnlyPaths: [file] });
  const api = host.wrap(createServices({ startupIssue: file, onOpened: host.opened }));
  try {
    const opened = await api.openStartupIssue();
    assert.equal(opened.readOnly, true);
    assert.equal(opened.lock, undefined);
    assert.deepEqual(await api.takeOverIssue({ path: file }), { readOnly: true });
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a live holder’s issue taken over on purpose: the lock moves; the other side is told on its next status call, its saves refused, and its heartbeat never writes over the new lock', async () => {
  const s = await setup();
  // A colleague's program on this computer, alive.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    foreignLock(s.file, { host: hostname(), pid: other.pid!, ageMs: 1_000 });
    const opened = await s.api.openIssue({ path: s.file });
    assert.equal(opened.lock?.stale, false);
    assert.equal((await s.api.takeOverIssue({ path: s.file })).readOnly, true, 'not without force');
    assert.equal(lockPid(s.file), other.pid);
    assert.deepEqual(await s.api.takeOverIssue({ path: s.file, force: true }), { readOnly: false });
    assert.equal(lockPid(s.file), process.pid);
    assert.deepEqual(await s.api.issueStatus({ path: s.file }), { readOnly: false });
    await s.api.saveIssue({ path: s.file, issue: opened.issue });

    // Now they take it back: this host is told, stops writing, and leaves their lock alone.
    foreignLock(s.file, { host: hostname(), pid: other.pid!, ageMs: 0 });
    const told = await s.api.issueStatus({ path: s.file });
    assert.equal(told.readOnly, true);
    assert.equal(told.lock?.owner, '李编辑');
    await assert.rejects(s.api.saveIssue({ path: s.file, issue: opened.issue }), /open by 李编辑/);
    await assert.rejects(s.api.autosaveIssue({ path: s.file, issue: opened.issue, changes: 1 }), /open by 李编辑/);
    await s.host.close();
    assert.equal(lockPid(s.file), other.pid, 'closing does not remove their lock');
  } finally {
    other.kill();
    await s.done();
  }
});

test('an IssueLock whose file was taken over does not write its heartbeat over the new holder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-takeover-'));
  const file = join(dir, 'issue.broadsheet');
  await saveIssueFile(file, generateIssue({ pages: 1, chars: 100 }));
  try {
    const lock = await acquireLock(file, { heartbeatMs: 0 });
    foreignLock(file, { host: 'DESK-07', pid: 4242, ageMs: 0 });
    assert.equal(await lock.stillMine(), false);
    await lock.refresh();
    assert.equal(lockPid(file), 4242);
    await lock.release();
    assert.equal(lockPid(file), 4242);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
