import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIssueFile, saveIssueFile, serializeIssue, IssueFileError } from '../../node/store/index.js';
import { generateIssue, storyChars } from './generate-issue.js';

const noTemplates = { knownTemplateIds: null } as const;
const dir = () => mkdtempSync(join(tmpdir(), 'bs-store-'));

async function openError(path: string, opts = {}): Promise<IssueFileError> {
  try {
    await openIssueFile(path, { ...noTemplates, ...opts });
  } catch (err) {
    assert.ok(err instanceof IssueFileError, `expected IssueFileError, got ${String(err)}`);
    assert.ok(err.problem.includes(path), 'the message names the file');
    assert.doesNotMatch(err.problem, /\n\s+at /, 'no stack trace in the message');
    return err;
  }
  assert.fail('expected the open to fail');
}

test('round trip: open → save → open gives an identical issue and identical bytes', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  const issue = generateIssue({ pages: 8, chars: 60_000 });
  assert.ok(storyChars(issue) >= 60_000);
  await saveIssueFile(p, issue);
  const a = await openIssueFile(p, noTemplates);
  assert.deepEqual(a.issue, issue);
  const bytes1 = readFileSync(p);
  await saveIssueFile(p, a.issue);
  const b = await openIssueFile(p, noTemplates);
  assert.deepEqual(b.issue, a.issue);
  assert.deepEqual(readFileSync(p), bytes1);
});

test('a save keeps the previous version as <name>.broadsheet.bak and leaves no temporary file', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  const v1 = generateIssue({ pages: 1, chars: 500, seed: 1 });
  const v2 = { ...v1, issueNumber: '第124期' };
  await saveIssueFile(p, v1);
  assert.equal(existsSync(p + '.bak'), false, 'first save has nothing to back up');
  await saveIssueFile(p, v2);
  assert.equal((await openIssueFile(p + '.bak', noTemplates)).issue.issueNumber, v1.issueNumber);
  assert.equal((await openIssueFile(p, noTemplates)).issue.issueNumber, '第124期');
  assert.deepEqual(readdirSync(d).sort(), ['issue.broadsheet', 'issue.broadsheet.bak']);
});

test('truncated file: message names file, line and column; earlier pages and stories are offered', async () => {
  const d = dir();
  const p = join(d, 'cut.broadsheet');
  const text = serializeIssue(generateIssue({ pages: 2, chars: 4000 }));
  const cut = text.slice(0, Math.floor(text.length * 0.8));
  writeFileSync(p, cut);
  const err = await openError(p);
  assert.equal(err.code, 'truncated');
  assert.match(err.problem, /line \d+, column \d+/);
  assert.ok(err.recoverable, 'parts before the cut are offered');
  assert.equal(err.recoverable!.issue.pages.length, 2);
  assert.ok(err.recoverable!.issue.stories.length >= 1);
  assert.equal(readFileSync(p, 'utf8'), cut, 'the original is never touched');
});

test('non-JSON, empty and wrong-shape files fail with a clear IssueFileError', async () => {
  const d = dir();
  const cases: Array<[string, string | Buffer, string]> = [
    ['empty.broadsheet', '', 'empty'],
    ['zeros.broadsheet', Buffer.alloc(4096), 'empty'],
    ['text.broadsheet', 'Dear editor, this is not JSON', 'not-json'],
    ['array.broadsheet', '[1,2,3]', 'wrong-format'],
    ['other.broadsheet', '{"format":"something-else","version":1}', 'wrong-format'],
  ];
  for (const [name, content, code] of cases) {
    const p = join(d, name);
    writeFileSync(p, content);
    const err = await openError(p);
    assert.equal(err.code, code, name);
  }
  const missing = await openError(join(d, 'nowhere.broadsheet'));
  assert.equal(missing.code, 'not-found');
});

test('a field of the wrong type is named by page, frame and JSON path', async () => {
  const d = dir();
  const p = join(d, 'shape.broadsheet');
  const issue = generateIssue({ pages: 3, chars: 3000 }) as unknown as { pages: Array<{ frames: Array<{ rect: { span: unknown } }> }> };
  issue.pages[2].frames[1].rect.span = 'four';
  writeFileSync(p, JSON.stringify(issue));
  const err = await openError(p);
  assert.equal(err.code, 'invalid');
  assert.match(err.problem, /page 3, frame "fs10"/);
  assert.match(err.problem, /pages\[2\]\.frames\[1\]\.rect\.span/);
  assert.equal(err.recoverable?.issue.pages.length, 2, 'the other pages are offered');
});

test('saving through a symlink replaces the file it points to and keeps its permissions', async () => {
  const { symlinkSync, lstatSync, chmodSync, statSync } = await import('node:fs');
  const d = dir();
  const real = join(d, 'real.broadsheet');
  const link = join(d, 'link.broadsheet');
  await saveIssueFile(real, generateIssue({ pages: 1, chars: 300 }));
  chmodSync(real, 0o640);
  symlinkSync(real, link);
  await saveIssueFile(link, { ...generateIssue({ pages: 1, chars: 300 }), issueNumber: '第9期' });
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal((await openIssueFile(real, noTemplates)).issue.issueNumber, '第9期');
  assert.equal(statSync(real).mode & 0o777, 0o640);
});
