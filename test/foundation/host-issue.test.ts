// The issue a host shows, with the store's session behind it (node/services/host-issue.ts):
// the same in the loopback host as in an Electron window. node/store/README.md, "Locks": a
// live lock is never broken; whoever opens an issue someone else holds gets it read-only and
// is told who has it; the lock goes when the host closes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { after, describe, test } from 'node:test';
import { serveApp } from '../../node/host/index.js';
import { fileHash, lockPathFor, readIssueFile, readRecovery, recoveryPathFor, writeRecovery } from '../../node/store/index.js';
import { httpTransport } from '../../renderer/src/transport.js';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');
const dir = mkdtempSync(join(tmpdir(), 'bs-host-issue-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const copy = (name: string) => {
  const file = join(dir, name);
  copyFileSync(sample, file);
  return file;
};

describe('the loopback host keeps the shown issue\'s session', () => {
  test('an issue nobody else has open is editable; the host holds its lock until it closes', async () => {
    const file = copy('free.broadsheet');
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const opened = await api.openStartupIssue();
      assert.equal(opened.readOnly, false);
      assert.equal(existsSync(lockPathFor(file)), true);
    } finally {
      await host.close();
    }
    assert.equal(existsSync(lockPathFor(file)), false, 'the lock is released on close');
  });

  test('an issue someone else holds opens read-only, saying who has it', async () => {
    const file = copy('held.broadsheet');
    // Another editor on this machine: a live process that holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const now = new Date().toISOString();
    writeFileSync(lockPathFor(file), JSON.stringify({ app: 'broadsheet', owner: '宋雨桐', host: hostname(), pid: other.pid, since: now, heartbeat: now }));
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const opened = await api.openIssue({ path: file });
      assert.equal(opened.readOnly, true);
      assert.equal(opened.lock?.owner, '宋雨桐', 'the renderer is told who, as data it words in its language');
      assert.equal(opened.lock?.stale, false);
    } finally {
      await host.close();
      other.kill();
    }
    assert.equal(existsSync(lockPathFor(file)), true, 'someone else\'s lock is never removed');
  });

  test('the bundled sample is always read-only (Save means Save As), and takes no lock', async () => {
    const host = await serveApp(root);
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      assert.equal((await api.openStartupIssue()).readOnly, true);
      assert.equal(existsSync(lockPathFor(sample)), false);
    } finally {
      await host.close();
    }
  });

  test('after Save As the saved file is the shown one: editable, locked by this host, photos looked up beside it', async () => {
    const host = await serveApp(root);
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const { issue } = await api.openStartupIssue();
      const target = join(dir, 'saved-as.broadsheet');
      await api.saveIssue({ path: target, issue });
      assert.equal((await api.openIssue({ path: target })).readOnly, false);
      assert.equal(existsSync(lockPathFor(target)), true);
      // The photos were not copied along, so they are not found beside the new file.
      const r = await fetch(`${host.origin}/issue-assets/photo-heping`, { headers: { 'x-broadsheet-token': host.token } });
      assert.equal(r.status, 404);
    } finally {
      await host.close();
    }
  });
});

/** Runs `body`, counting the reads of `file` through node:fs/promises readFile (every read of an issue file goes through it). */
async function countingReadsOf<T>(file: string, body: () => Promise<T>): Promise<{ reads: number; result: T }> {
  const readFile = fsp.readFile;
  let reads = 0;
  fsp.readFile = ((path: unknown, ...rest: unknown[]) => {
    if (path === file) reads++;
    return (readFile as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof readFile;
  syncBuiltinESMExports();
  try {
    const result = await body();
    return { reads, result };
  } finally {
    fsp.readFile = readFile;
    syncBuiltinESMExports();
  }
}

describe('opening an issue reads its file once', () => {
  test('the services read it, and the host\'s session adopts those bytes: lock taken, autosave based on them', async () => {
    const file = copy('read-once.broadsheet');
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const { reads, result: opened } = await countingReadsOf(file, () => api.openStartupIssue());
      assert.equal(reads, 1);
      assert.equal(opened.readOnly, false, 'the session adopted the read and took the lock');
      assert.equal(existsSync(lockPathFor(file)), true);
    } finally {
      await host.close();
    }
  });

  test('with autosaved edits beside it: still one read, and the recovery is offered against those bytes', async () => {
    const file = copy('read-once-recovery.broadsheet');
    const onDisk = await readIssueFile(file, { hash: true });
    const edited = { ...onDisk.issue, issueNumber: '第999期' };
    await writeRecovery(recoveryPathFor(file), { savedAt: new Date().toISOString(), issuePath: file, base: onDisk.hash!, changes: 3, issue: edited });
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const { reads, result: opened } = await countingReadsOf(file, () => api.openStartupIssue());
      assert.equal(reads, 1);
      assert.equal(opened.readOnly, false);
      assert.ok(opened.recovery, 'the autosaved edits are offered');
      assert.equal(opened.recovery.fileChangedSince, false, 'the file is the one the edits started from');
      assert.equal(opened.recovery.changes, 3);
    } finally {
      await host.close();
    }
  });
});

describe('saving an issue does not read it back', () => {
  test('the hash of the bytes written becomes autosave\'s base: the next autosave says the file is the one its edits started from', async () => {
    const file = copy('save-hash.broadsheet');
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const { issue } = await api.openStartupIssue();
      const saving = { ...issue, issueNumber: '第456期' };
      const { reads } = await countingReadsOf(file, () => api.saveIssue({ path: file, issue: saving }));
      assert.equal(reads, 0);
      await api.autosaveIssue({ path: file, issue: { ...saving, issueNumber: '第457期' }, changes: 1 });
      const rec = await readRecovery(recoveryPathFor(file));
      assert.ok(rec && !('problem' in rec));
      assert.equal(rec.base, await fileHash(file), 'the base is the saved file\'s sha256');
    } finally {
      await host.close();
    }
  });
});

describe('two tabs of one browser on the issue a loopback host shows', () => {
  test('the second tab opens read-only without a recovery offer; taking over moves the editing, the first tab is told and its writes refused', async () => {
    const file = copy('tabs.broadsheet');
    const host = await serveApp(root, { issue: file });
    try {
      const base = new URL(`${host.origin}/`);
      const a = httpTransport(base, host.token, 'tab-a-0123456789');
      const b = httpTransport(base, host.token, 'tab-b-0123456789');
      const first = await a.openStartupIssue();
      assert.equal(first.readOnly, false);
      // Tab A autosaves (a recovery file now exists): that is A's live work, not a crash for B to recover.
      await a.autosaveIssue({ path: file, issue: { ...first.issue, paper: 'A 的修改' }, changes: 1 });
      assert.deepEqual(await a.issueStatus({ path: file }), { readOnly: false });

      const second = await b.openIssue({ path: file });
      assert.equal(second.readOnly, true);
      assert.equal(second.recovery, undefined);
      assert.equal(second.lock?.tab, true);
      assert.equal(second.lock?.stale, false);
      assert.ok(Date.parse(second.lock!.since!) <= Date.parse(second.lock!.seen!));
      await assert.rejects(b.saveIssue({ path: file, issue: second.issue }), /another tab took over/);
      assert.equal((await b.issueStatus({ path: file })).readOnly, true);

      // B takes over: B edits, A is told on its next status call, and A's saves and autosaves are refused.
      assert.deepEqual(await b.takeOverIssue({ path: file }), { readOnly: false });
      const told = await a.issueStatus({ path: file });
      assert.equal(told.readOnly, true);
      assert.equal(told.lock?.tab, true);
      await assert.rejects(a.autosaveIssue({ path: file, issue: first.issue, changes: 2 }), (err: Error & { code?: string }) => err.code === 'refused' && /another tab took over/.test(err.message));
      await assert.rejects(a.saveIssue({ path: file, issue: first.issue }), /another tab took over/);
      await b.saveIssue({ path: file, issue: { ...second.issue, paper: 'B 保存' } });
      assert.equal((await readIssueFile(file)).issue.paper, 'B 保存');
      // And back: A takes it again.
      assert.deepEqual(await a.takeOverIssue({ path: file }), { readOnly: false });
      assert.equal((await b.issueStatus({ path: file })).readOnly, true);
      // A reload of A (same tab id) is still the editing tab.
      assert.equal((await httpTransport(base, host.token, 'tab-a-0123456789').openIssue({ path: file })).readOnly, false);
    } finally {
      await host.close();
    }
  });
});
