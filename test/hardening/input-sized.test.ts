// Input-sized arrays never become argument lists or recursion: a copy of 200,000 short lines
// (a 1.2 MB paste of a list, a log, a table flattened to text) imports, validates, saves and
// reads back instead of failing with "Maximum call stack size exceeded".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importText, toModelStory } from '../../core/import/index.js';
import { emptyIssue } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { linksReport, openIssueFile, saveIssueFile } from '../../node/store/index.js';

test('200,000 short lines: import, validate, save, open and check links without a stack overflow', async () => {
  const text = Array.from({ length: 200_000 }, (_, i) => `短行${i}`).join('\n');
  const imported = importText('list.txt', text);
  assert.ok(imported.stories.length >= 1);
  const issue = { ...emptyIssue({ paper: '测试', date: '2026-12-06' }), stories: imported.stories.map(toModelStory) };
  assert.equal(validateIssue(issue).ok, true);
  const dir = mkdtempSync(join(tmpdir(), 'bs-lines-'));
  try {
    const path = join(dir, 'list.broadsheet');
    await saveIssueFile(path, issue);
    const opened = await openIssueFile(path);
    assert.equal(opened.issue.stories.length, issue.stories.length);
    assert.equal((await linksReport(path, opened.issue)).entries.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
