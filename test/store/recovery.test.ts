import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveIssueFile, checkRecovery, discardRecovery, recoveryPathFor, fileHash, writeRecovery, type RecoveryOffer } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

// What the renderer's autosave decides is in test/app/autosave.test.ts; these are the recovery
// file's rules, which the services' autosaveIssue, open, save and discard follow.

const dir = () => mkdtempSync(join(tmpdir(), 'bs-recovery-'));

function editStory(issue: Issue, text: string): Issue {
  const next = structuredClone(issue);
  (next.stories[0].doc as unknown as { content: unknown[] }).content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
  return next;
}

/** What the services' autosaveIssue writes. */
async function autosave(p: string, issue: Issue, changes: number, base?: string | null): Promise<void> {
  await writeRecovery(recoveryPathFor(p), { savedAt: new Date().toISOString(), issuePath: p, base: base === undefined ? await fileHash(p) : base, changes, issue });
}

test('edits are autosaved to .<name>.broadsheet.recovery; start-up check summarises time, pages, stories and differences', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 2, chars: 3000 });
  await saveIssueFile(p, issue);
  issue = editStory(issue, '新增一段文字。');
  issue = { ...issue, issueNumber: '第124期' };
  await autosave(p, issue, 2);
  assert.equal(recoveryPathFor(p), join(d, '.issue.broadsheet.recovery'));
  assert.ok(existsSync(recoveryPathFor(p)));

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

test('a recovery whose issue file was saved again elsewhere says so', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  const issue = generateIssue({ pages: 1, chars: 500 });
  await saveIssueFile(p, issue);
  await autosave(p, editStory(issue, '一'), 1);
  await saveIssueFile(p, { ...issue, issueNumber: '第130期' }, { clearRecovery: false }); // a colleague's save
  const offer = (await checkRecovery(p)) as RecoveryOffer;
  assert.equal(offer.fileChangedSince, true);
});

test('the recovery file is removed by a normal save, kept by a save that is told to keep it, and by nothing else', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 1, chars: 500 });
  await saveIssueFile(p, issue);
  issue = editStory(issue, '一');
  await autosave(p, issue, 1);
  await saveIssueFile(p, issue, { clearRecovery: false });
  assert.ok(existsSync(recoveryPathFor(p)), 'kept when asked to');
  const offer = (await checkRecovery(p)) as RecoveryOffer;
  assert.deepEqual(offer.differences, ['no differences from the saved file']);
  await autosave(p, editStory(issue, '二'), 2);
  assert.deepEqual(((await checkRecovery(p)) as RecoveryOffer).differences, ['story "1-1" edited (+1 characters)']);
  await saveIssueFile(p, issue);
  assert.equal(existsSync(recoveryPathFor(p)), false);
});

test('an explicit discard removes the recovery file and says whether there was one', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  const issue = generateIssue({ pages: 1, chars: 500 });
  await saveIssueFile(p, issue);
  await autosave(p, editStory(issue, '三'), 1);
  assert.ok(existsSync(recoveryPathFor(p)));
  assert.equal(await discardRecovery(recoveryPathFor(p)), true);
  assert.equal(existsSync(recoveryPathFor(p)), false);
  assert.equal(await discardRecovery(recoveryPathFor(p)), false);
  assert.equal(await checkRecovery(p), null);
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

test('a damaged issue file with an autosave beside it offers the autosave as the recoverable issue', async () => {
  const { openIssueFile, IssueFileError } = await import('../../node/store/index.js');
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  let issue = generateIssue({ pages: 2, chars: 2000 });
  await saveIssueFile(p, issue);
  issue = editStory(issue, '崩溃前的最后一句。');
  await autosave(p, issue, 1);
  writeFileSync(p, Buffer.alloc(8192)); // the machine died mid-write on a file system without atomic rename
  await assert.rejects(openIssueFile(p, { knownTemplateIds: null }), (err: unknown) => {
    assert.ok(err instanceof IssueFileError);
    assert.equal(err.code, 'empty');
    assert.match(err.problem, /Autosaved edits from \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\) can be restored/);
    assert.deepEqual(err.recoverable?.issue, issue);
    return true;
  });
});

test('the differences as data, worded in Chinese by the app (renderer/src/difference-words.ts)', async () => {
  const { issueDifferences, differenceText } = await import('../../core/model/differences.js');
  const { differenceWords } = await import('../../renderer/src/difference-words.js');
  const i18next = (await import('i18next')).default;
  const zh = (await import('../../renderer/src/locales/zh-CN.js')).default;
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zh } } });
  const before = generateIssue({ pages: 2, chars: 300, photos: 0 });
  const story = before.stories[0];
  const after = {
    ...before,
    issueNumber: '第124期',
    pages: [before.pages[0], { ...before.pages[1], frames: before.pages[1].frames.slice(1) }],
    stories: [{ ...story, doc: { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: '短' }] }] } }, ...before.stories.slice(1)],
  };
  const items = issueDifferences(before, after);
  assert.deepEqual(items.map((d) => d.what), ['meta', 'page-changed', 'story-edited']);
  const words = items.map((d) => differenceWords(i18n.t.bind(i18n), d));
  assert.match(words[0], /^期号：“.*” → “第124期”$/);
  assert.match(words[1], /^第 2 版有改动（\d+ 个框，原 \d+ 个）$/);
  assert.match(words[2], new RegExp(`^稿件“${story.slug}”有修改（-\\d+ 字）$`));
  assert.match(differenceText(items[2]), /edited \(-\d+ characters\)/);
});
