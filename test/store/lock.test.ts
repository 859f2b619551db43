import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIssueFile, saveIssueFile, readLock, lockPathFor, acquireLock, IssueLockedError } from '../../node/store/index.js';
import { generateIssue } from './generate-issue.js';

const noTemplates = { knownTemplateIds: null, heartbeatMs: 0 } as const;

async function issueFile(): Promise<string> {
  const p = join(mkdtempSync(join(tmpdir(), 'bs-lock-')), 'issue.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  return p;
}

function writeForeignLock(p: string, info: { host: string; pid: number; ageMs: number; owner?: string }) {
  const t = new Date(Date.now() - info.ageMs).toISOString();
  writeFileSync(lockPathFor(p), JSON.stringify({ app: 'broadsheet', owner: info.owner ?? '李编辑', host: info.host, pid: info.pid, since: t, heartbeat: t }));
}

/** A pid that certainly belonged to a process which has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

test('opening for editing takes a lock beside the file with owner, host, pid and time; closing removes it', async () => {
  const p = await issueFile();
  const opened = await openIssueFile(p, { ...noTemplates, lock: true });
  assert.ok(opened.lock);
  const info = JSON.parse(readFileSync(lockPathFor(p), 'utf8'));
  assert.equal(info.host, hostname());
  assert.equal(info.pid, process.pid);
  assert.ok(info.owner && Date.parse(info.since) > 0);
  await opened.lock.release();
  assert.equal(existsSync(lockPathFor(p)), false);
});

test('a second holder sees who has the issue and may open it read-only; saving over a live lock is refused', async () => {
  const p = await issueFile();
  writeForeignLock(p, { host: 'DESK-07', pid: 4242, ageMs: 60_000 });
  await assert.rejects(openIssueFile(p, { ...noTemplates, lock: true }), (err: unknown) => {
    assert.ok(err instanceof IssueLockedError);
    assert.equal(err.code, 'locked');
    assert.match(err.problem, /李编辑 on DESK-07/);
    assert.equal(err.lock.stale, false);
    return true;
  });
  const ro = await openIssueFile(p, { ...noTemplates, lock: true, ifLocked: 'read-only' });
  assert.equal(ro.readOnly, true);
  assert.equal(ro.lock, undefined);
  assert.match(ro.warnings.join('\n'), /read-only.*李编辑 on DESK-07/);
  await assert.rejects(saveIssueFile(p, ro.issue), IssueLockedError);
  // Even the confirmation flag does not break a live lock.
  await assert.rejects(openIssueFile(p, { ...noTemplates, lock: true, breakStaleLock: true }), IssueLockedError);
});

test('a stale lock (dead process on this host, or no heartbeat for long) is detected and broken only with the flag', async () => {
  const p = await issueFile();
  writeForeignLock(p, { host: hostname(), pid: deadPid(), ageMs: 1000 });
  const st = await readLock(p);
  assert.equal(st.stale, true);
  assert.match(st.staleReason!, /no longer running/);
  await assert.rejects(openIssueFile(p, { ...noTemplates, lock: true }), (e: unknown) => e instanceof IssueLockedError && e.lock.stale && /stale/.test(e.problem));
  const opened = await openIssueFile(p, { ...noTemplates, lock: true, breakStaleLock: true });
  assert.equal(JSON.parse(readFileSync(lockPathFor(p), 'utf8')).pid, process.pid);
  await opened.lock!.release();

  writeForeignLock(p, { host: 'LAPTOP-3', pid: 1, ageMs: 3 * 3600_000 });
  const old = await readLock(p);
  assert.equal(old.stale, true);
  assert.match(old.staleReason!, /not been heard from for 180 minutes/);
  const lock = await acquireLock(p, { breakStaleLock: true, heartbeatMs: 0 });
  await lock.release();
});

test('the same process may re-take its own lock; a live foreign lock refuses every attempt', async () => {
  const p = await issueFile();
  const results = await Promise.allSettled([acquireLock(p, { heartbeatMs: 0 }), acquireLock(p, { heartbeatMs: 0 })]);
  assert.ok(results.every((r) => r.status === 'fulfilled'), 'the same process may re-take its own lock');
  await (results[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
  writeForeignLock(p, { host: 'OTHER', pid: 7, ageMs: 0 });
  const r = await Promise.allSettled([acquireLock(p, { heartbeatMs: 0 }), acquireLock(p, { heartbeatMs: 0 })]);
  assert.ok(r.every((x) => x.status === 'rejected'));
});

test('two instances (processes) racing to open the same issue: exactly one gets the lock, every time', async () => {
  const { buildSync } = await import('esbuild');
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const d = mkdtempSync(join(tmpdir(), 'bs-lockrace-'));
  const child = join(d, 'child.mjs');
  buildSync({ entryPoints: [join(fileURLToPath(new URL('.', import.meta.url)), 'lock-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'error' });
  const run = (file: string, at: number) =>
    new Promise<string>((resolve) => {
      const p = spawn(process.execPath, [child, file, String(at)]);
      let out = '';
      p.stdout.on('data', (b: Buffer) => (out += b));
      p.on('exit', () => resolve(out));
    });
  for (let round = 0; round < 10; round++) {
    const file = join(d, `issue-${round}.broadsheet`);
    const at = Date.now() + 300;
    const outcomes = (await Promise.all([run(file, at), run(file, at)])).sort();
    assert.deepEqual(outcomes, ['lost', 'won'], `round ${round}`);
  }
});

test('an unreadable lock file is stale only once it is old; a fresh one may still be being written', async () => {
  const { utimesSync } = await import('node:fs');
  const p = await issueFile();
  writeFileSync(lockPathFor(p), '');
  assert.equal((await readLock(p)).stale, false);
  const old = new Date(Date.now() - 60_000);
  utimesSync(lockPathFor(p), old, old);
  const st = await readLock(p);
  assert.equal(st.stale, true);
  assert.match(st.staleReason!, /unreadable/);
});
