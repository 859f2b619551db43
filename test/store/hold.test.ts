import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueHold, RecentFiles, saveIssueFile, openIssueFile, lockPathFor, IssueLockedError, recoveryPathFor, writeRecovery } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

const opts = { knownTemplateIds: null, heartbeatMs: 0 } as const;
const tmp = () => mkdtempSync(join(tmpdir(), 'bs-hold-'));
const edited = (i: Issue, n: string): Issue => ({ ...i, issueNumber: n });

test('hold: takes the lock beside the file; release removes it and leaves an autosaved recovery in place', async () => {
  const d = tmp();
  const p = join(d, 'issue.broadsheet');
  const issue = generateIssue({ pages: 1, chars: 300 });
  await saveIssueFile(p, issue);
  const h = await IssueHold.take(p, opts);
  assert.equal(h.readOnly, false);
  assert.ok(existsSync(lockPathFor(p)));
  await writeRecovery(recoveryPathFor(p), { savedAt: new Date().toISOString(), issuePath: p, base: null, changes: 1, issue: edited(issue, '第200期') });
  await h.release();
  assert.equal(existsSync(lockPathFor(p)), false);
  assert.ok(existsSync(recoveryPathFor(p)), 'the renderer\'s autosave survives the host closing');
  await h.release(); // twice is harmless
});

test('hold: read-only when locked elsewhere, with who holds it; the colleague\'s lock is left alone', async () => {
  const d = tmp();
  const p = join(d, 'issue.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  const t = new Date().toISOString();
  writeFileSync(lockPathFor(p), JSON.stringify({ app: 'broadsheet', owner: '王编辑', host: 'DESK-2', pid: 9, since: t, heartbeat: t }));
  await assert.rejects(IssueHold.take(p, opts), IssueLockedError);
  const h = await IssueHold.take(p, { ...opts, ifLocked: 'read-only' });
  assert.equal(h.readOnly, true);
  assert.match(h.lockedBy?.holder ?? '', /王编辑/);
  await h.release();
  assert.ok(existsSync(lockPathFor(p)), "the colleague's lock is left alone");
  const sample = await IssueHold.take(p, { ...opts, readOnly: true });
  assert.equal(sample.readOnly, true, 'an always-read-only file takes no lock');
});

test('recent files: newest first, no duplicates across path spellings, missing files marked', async () => {
  const d = tmp();
  const r = new RecentFiles(join(d, 'user', 'recent-issues.json'), 3);
  const a = join(d, 'a.broadsheet');
  const b = join(d, 'b.broadsheet');
  writeFileSync(a, '{}');
  writeFileSync(b, '{}');
  symlinkSync(a, join(d, 'link.broadsheet'));
  await Promise.all([r.add(a, '滨海日报 A'), r.add(b)]);
  await r.add(join(d, 'link.broadsheet'));
  await r.add(join(d, 'gone.broadsheet'));
  const list = await r.list();
  assert.deepEqual(list.map((e) => [e.path.replace(d, ''), e.exists]), [['/gone.broadsheet', false], ['/link.broadsheet', true], ['/b.broadsheet', true]]);
});

test('adopting a read: a file saved elsewhere between that read and the lock is read again; an unchanged one is not', async () => {
  const d = tmp();
  const p = join(d, 'adopt.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  const read = await openIssueFile(p, { ...opts, readOnly: true, hash: true });
  assert.ok(read.stamp, 'the read carries the file stamp');
  const adopted = { issue: read.issue, warnings: read.warnings, hash: read.hash!, stamp: read.stamp };
  const same = await openIssueFile(p, { ...opts, lock: true, read: adopted });
  assert.equal(same.issue, read.issue, 'unchanged file: the read is adopted as it is');
  await same.lock?.release();
  // Another editor saves after the read and before this host takes the lock.
  await saveIssueFile(p, edited(read.issue, '第999期'));
  const fresh = await openIssueFile(p, { ...opts, lock: true, read: adopted });
  assert.equal(fresh.issue.issueNumber, '第999期', 'the file as it is now, not the stale read');
  assert.equal(fresh.readOnly ?? false, false);
  await fresh.lock?.release();
  const held = await IssueHold.take(p, { ...opts, read: adopted });
  assert.equal(held.readOnly, false);
  await held.release();
});
