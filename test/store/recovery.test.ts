import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveIssueFile, Autosaver, checkRecovery, recoveryPathFor, fileHash, listRecoveryFiles, type RecoveryOffer } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

const dir = () => mkdtempSync(join(tmpdir(), 'bs-recovery-'));

function editStory(issue: Issue, text: string): Issue {
  const next = structuredClone(issue);
  (next.stories[0].doc as unknown as { content: unknown[] }).content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
  return next;
}

test('edits are autosaved to .<name>.broadsheet.recovery; start-up check summarises time, pages, stories and differences', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 2, chars: 3000 });
  await saveIssueFile(p, issue);
  const auto = new Autosaver({ issuePath: p, current: () => issue, delayMs: 10, maxDelayMs: 50, base: await fileHash(p) });
  issue = editStory(issue, '新增一段文字。');
  auto.changed();
  issue = { ...issue, issueNumber: '第124期' };
  auto.changed();
  await auto.flush();
  assert.equal(auto.recoveryPath, join(d, '.issue.broadsheet.recovery'));
  assert.ok(existsSync(recoveryPathFor(p)));
  auto.dispose(); // the app "crashes": nothing else happens

  const offer = (await checkRecovery(p)) as RecoveryOffer;
  assert.ok(offer && !('problem' in offer));
  assert.ok(Date.parse(offer.savedAt) > 0);
  assert.equal(offer.pages, 2);
  assert.equal(offer.stories, 8);
  assert.equal(offer.changes, 2);
  assert.equal(offer.fileChangedSince, false);
  assert.deepEqual(offer.differences, ['issueNumber: "第123期" → "第124期"', 'story "1-1" edited (+7 characters)']);
  assert.deepEqual(offer.issue, issue);
});

test('the recovery file is removed after a normal save of the same edits, and kept when edits came after the save', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 1, chars: 500 });
  await saveIssueFile(p, issue);
  const auto = new Autosaver({ issuePath: p, current: () => issue, delayMs: 5 });
  issue = editStory(issue, '一');
  auto.changed();
  await auto.flush();
  const saving = issue;
  const changesAtSave = auto.pendingChanges;
  issue = editStory(issue, '二'); // typed while the save ran
  auto.changed();
  await saveIssueFile(p, saving, { clearRecovery: false });
  await auto.saved({ issuePath: p, base: await fileHash(p), changesAtSave });
  await auto.flush();
  assert.ok(existsSync(recoveryPathFor(p)), 'the later edit is still only in the recovery file');
  const offer = (await checkRecovery(p)) as RecoveryOffer;
  assert.deepEqual(offer.differences, ['story "1-1" edited (+1 characters)']);
  await saveIssueFile(p, issue, { clearRecovery: false });
  await auto.saved({ issuePath: p, base: await fileHash(p) });
  assert.equal(existsSync(recoveryPathFor(p)), false);
  auto.dispose();
});

test('an explicit discard removes the recovery file; a plain close keeps it', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 1, chars: 500 });
  await saveIssueFile(p, issue);
  const a = new Autosaver({ issuePath: p, current: () => issue, delayMs: 5 });
  issue = editStory(issue, '三');
  a.changed();
  await a.flush();
  a.dispose();
  assert.ok(existsSync(recoveryPathFor(p)));
  const b = new Autosaver({ issuePath: p, current: () => issue });
  await b.discard();
  assert.equal(existsSync(recoveryPathFor(p)), false);
});

test('a damaged recovery file is reported, not offered, and not deleted', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  await saveIssueFile(p, generateIssue({ pages: 1, chars: 300 }));
  writeFileSync(recoveryPathFor(p), '{"format":"broadsheet-recovery","version":1,"iss');
  const r = await checkRecovery(p);
  assert.ok(r && 'problem' in r && /damaged/.test(r.problem));
  assert.ok(existsSync(recoveryPathFor(p)));
});

test('an untitled issue autosaves to the user data folder and is listed at start-up', async () => {
  const userData = dir();
  const issue = generateIssue({ pages: 1, chars: 300 });
  const a = new Autosaver({ issuePath: null, userDataDir: userData, current: () => issue, delayMs: 5 });
  a.changed();
  await a.flush();
  a.dispose();
  assert.equal(readdirSync(join(userData, 'Recovery')).length, 1);
  const offers = await listRecoveryFiles(userData);
  assert.equal(offers.length, 1);
  assert.equal(offers[0].issuePath, null);
  assert.deepEqual(offers[0].issue, issue);
});

test('a change is autosaved within the delay without an explicit flush', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  const issue = generateIssue({ pages: 1, chars: 300 });
  await saveIssueFile(p, issue);
  const saved = new Promise<void>((resolve) => {
    const a = new Autosaver({ issuePath: p, current: () => issue, delayMs: 20, onSaved: () => (a.dispose(), resolve()) });
    a.changed();
  });
  await saved;
  assert.ok(existsSync(recoveryPathFor(p)));
});

test('when the issue folder cannot take the recovery file, autosave falls back to the user data folder', async () => {
  const d = dir();
  const blocker = join(d, 'not-a-folder');
  writeFileSync(blocker, 'x'); // the "folder" of the issue is a file: every write beside the issue fails
  const userData = dir();
  const issue = generateIssue({ pages: 1, chars: 300 });
  const errors: unknown[] = [];
  const a = new Autosaver({ issuePath: join(blocker, 'issue.broadsheet'), userDataDir: userData, current: () => issue, delayMs: 5, onError: (e) => errors.push(e) });
  a.changed();
  await a.flush();
  a.dispose();
  assert.deepEqual(errors, []);
  assert.ok(a.recoveryPath.startsWith(join(userData, 'Recovery')));
  const offers = await listRecoveryFiles(userData);
  assert.equal(offers.length, 1);
  assert.equal(offers[0].issuePath, join(blocker, 'issue.broadsheet'));
});

test('a damaged issue file with an autosave beside it offers the autosave as the recoverable issue', async () => {
  const { openIssueFile, IssueFileError } = await import('../../node/store/index.js');
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 2, chars: 2000 });
  await saveIssueFile(p, issue);
  const a = new Autosaver({ issuePath: p, current: () => issue, delayMs: 5 });
  issue = editStory(issue, '崩溃前的最后一句。');
  a.changed();
  await a.flush();
  a.dispose();
  writeFileSync(p, Buffer.alloc(8192)); // the machine died mid-write on a file system without atomic rename
  await assert.rejects(openIssueFile(p, { knownTemplateIds: null }), (err: unknown) => {
    assert.ok(err instanceof IssueFileError);
    assert.equal(err.code, 'empty');
    assert.match(err.problem, /Autosaved edits from \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\) can be restored/);
    assert.deepEqual(err.recoverable?.issue, issue);
    return true;
  });
});
