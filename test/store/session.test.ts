import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueSession, OpenIssues, RecentFiles, saveIssueFile, openIssueFile, recoveryPathFor, recoveryDirIn, lockPathFor, IssueLockedError, fileHash, writeRecovery } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

const opts = { knownTemplateIds: null, heartbeatMs: 0, autosaveDelayMs: 5, autosaveMaxDelayMs: 20 } as const;
const tmp = () => mkdtempSync(join(tmpdir(), 'bs-session-'));
const edited = (i: Issue, n: string): Issue => ({ ...i, issueNumber: n });

test('session: edit marks dirty and autosaves; save clears dirty and the recovery file; title shows the modified mark', async () => {
  const d = tmp();
  const p = join(d, 'issue.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  const s = await IssueSession.open(p, opts);
  assert.equal(s.recovery, null);
  assert.ok(existsSync(lockPathFor(p)));
  assert.equal(s.title(), 'issue.broadsheet — Broadsheet');
  s.update(edited(s.issue, '第200期'));
  assert.equal(s.dirty, true);
  assert.equal(s.title(), '● issue.broadsheet — Broadsheet');
  await new Promise((r) => setTimeout(r, 60));
  assert.ok(existsSync(recoveryPathFor(p)), 'autosaved');
  await s.save();
  assert.equal(s.dirty, false);
  assert.equal(existsSync(recoveryPathFor(p)), false);
  assert.equal((await openIssueFile(p, opts)).issue.issueNumber, '第200期');
  await s.close();
  assert.equal(existsSync(lockPathFor(p)), false);
});

test('session: after a crash the next open offers the recovery; restore makes it dirty, discard removes it', async () => {
  const d = tmp();
  const p = join(d, 'issue.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  const a = await IssueSession.open(p, opts);
  a.update(edited(a.issue, '第201期'));
  await new Promise((r) => setTimeout(r, 60));
  // Crash: no close. The lock of this same process is "mine", so reopening works here.
  const b = await IssueSession.open(p, opts);
  assert.ok(b.recovery && !('problem' in b.recovery));
  assert.deepEqual(b.recovery.differences, ['issueNumber: "第123期" → "第201期"']);
  b.restoreRecovery();
  assert.equal(b.dirty, true);
  assert.equal(b.issue.issueNumber, '第201期');
  assert.ok(existsSync(recoveryPathFor(p)), 'kept until saved');
  await b.close({ discardChanges: true });
  assert.equal(existsSync(recoveryPathFor(p)), false);
});

test('session: edits autosaved to the user data folder (the issue\'s folder was not writable) are offered at the next open of that issue only', async () => {
  const d = tmp();
  const userData = tmp();
  const p = join(d, 'issue.broadsheet');
  const other = join(d, 'other.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  await saveIssueFile(other, generateIssue({ pages: 1, chars: 300 }));
  const base = await fileHash(p);
  const onDisk = (await openIssueFile(p, opts)).issue;
  await writeRecovery(join(recoveryDirIn(userData), 'other.broadsheet-1.recovery'), { savedAt: new Date().toISOString(), issuePath: other, base: await fileHash(other), changes: 1, issue: edited(onDisk, '第300期') });
  await writeRecovery(join(recoveryDirIn(userData), 'issue.broadsheet-2.recovery'), { savedAt: new Date().toISOString(), issuePath: p, base, changes: 2, issue: edited(onDisk, '第202期') });
  const s = await IssueSession.open(p, { ...opts, userDataDir: userData });
  assert.ok(s.recovery && !('problem' in s.recovery));
  assert.equal(s.recovery.issuePath, p);
  assert.deepEqual(s.recovery.differences, ['issueNumber: "第123期" → "第202期"']);
  assert.equal(s.recovery.fileChangedSince, false);
  await s.close();
});

test('session: read-only when locked elsewhere, Save As to a new file takes that lock; revert reloads', async () => {
  const d = tmp();
  const p = join(d, 'issue.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  const t = new Date().toISOString();
  writeFileSync(lockPathFor(p), JSON.stringify({ app: 'broadsheet', owner: '王编辑', host: 'DESK-2', pid: 9, since: t, heartbeat: t }));
  await assert.rejects(IssueSession.open(p, opts), IssueLockedError);
  const s = await IssueSession.open(p, { ...opts, ifLocked: 'read-only' });
  assert.equal(s.readOnly, true);
  assert.match(s.title(), /\(read-only\)/);
  assert.throws(() => s.update(edited(s.issue, 'x')));
  const copy = join(d, 'copy.broadsheet');
  await s.saveAs(copy);
  assert.equal(s.readOnly, false);
  assert.equal(s.path, copy);
  s.update(edited(s.issue, '第300期'));
  assert.equal((await s.revert()).issueNumber, '第123期');
  assert.equal(s.dirty, false);
  await s.close();
  assert.equal(existsSync(lockPathFor(copy)), false);
  assert.ok(existsSync(lockPathFor(p)), "the colleague's lock is left alone");
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
  const open = new OpenIssues<string>();
  open.set(a, 'window-1');
  assert.equal(open.get(join(d, 'link.broadsheet')), 'window-1');
  assert.equal(open.get(join(d, '.', 'a.broadsheet')), 'window-1');
});

test('session adopting a read: a file saved elsewhere between that read and the lock is read again; an unchanged one is not', async () => {
  const d = tmp();
  const p = join(d, 'adopt.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  const read = await openIssueFile(p, { ...opts, readOnly: true, hash: true });
  assert.ok(read.stamp, 'the read carries the file stamp');
  const adopted = { issue: read.issue, warnings: read.warnings, hash: read.hash!, stamp: read.stamp };
  const same = await IssueSession.open(p, { ...opts, read: adopted });
  assert.equal(same.issue, read.issue, 'unchanged file: the read is adopted as it is');
  await same.close();
  // Another editor saves after the read and before this session takes the lock.
  await saveIssueFile(p, edited(read.issue, '第999期'));
  const fresh = await IssueSession.open(p, { ...opts, read: adopted });
  assert.equal(fresh.issue.issueNumber, '第999期', 'the file as it is now, not the stale read');
  assert.equal(fresh.readOnly, false);
  fresh.update(edited(fresh.issue, '第1000期'));
  await fresh.save();
  assert.equal((await openIssueFile(p, opts)).issue.issueNumber, '第1000期');
  await fresh.close();
});
