// A full disk, for real: a 2 MB tmpfs filled to the brim. Export, autosave and the export's
// working copy refuse in the editor's words ("the disk is full"), leave no partial or temporary
// file behind, and keep what was there; saving keeps the old file (store/issue-file.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportIssue } from '../../node/export/service.js';
import { ExportJobs } from '../../node/services/editing.js';
import { saveIssueFile, writeRecovery } from '../../node/store/index.js';
import { oneStoryIssue, writeIssue } from '../fixtures/build.js';

const disk = mkdtempSync(join(tmpdir(), 'bs-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]).status === 0;
const issue = oneStoryIssue('正文。');
let issuePath: string;
let dir: string;

before(() => {
  if (!mounted) return;
  dir = join(disk, 'issue');
  mkdirSync(dir);
  issuePath = writeIssue(dir, issue).issuePath;
  writeFileSync(join(dir, 'old.pdf'), 'the PDF exported before');
  // A working copy a crashed process left behind (pid 999999 is not running).
  writeFileSync(join(dir, '.issue.export-999999-0badc0de.broadsheet'), '{}');
  // Fill the disk to the last byte: filler files in ever smaller pieces take whatever room is left.
  let n = 0;
  for (let size = 64 * 1024; size >= 1; size = Math.floor(size / 4)) {
    for (;;) {
      try {
        writeFileSync(join(disk, `filler-${n++}`), Buffer.alloc(size));
      } catch {
        break;
      }
    }
  }
});
after(() => {
  if (mounted) spawnSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

/** The issue folder's files, hidden ones included. */
const files = () => readdirSync(dir).sort();

describe('on a full disk', { skip: mounted ? false : 'cannot mount a tmpfs here (needs root); the disk-full cases need one' }, () => {
  test('export refuses with "the disk is full", writes nothing and keeps the earlier PDF', async () => {
    const before = files();
    const r = await exportIssue({ issuePath, output: join(dir, 'old.pdf') }).then(
      (result) => assert.fail(`the export did not fail on a full disk: ${JSON.stringify(result).slice(0, 300)}`),
      (err: Error) => err,
    );
    assert.match(r.message, /^Cannot write the PDF ".*old\.pdf": the disk is full\. Nothing was written; an earlier file of that name is unchanged\.$/);
    assert.equal(readFileSync(join(dir, 'old.pdf'), 'utf8'), 'the PDF exported before');
    assert.deepEqual(files(), before, 'no temporary file left');
  });

  test('autosave refuses with "the disk is full" and leaves no temporary file', async () => {
    const before = files();
    const recovery = join(dir, '.issue.broadsheet.recovery');
    await assert.rejects(writeRecovery(recovery, { savedAt: new Date().toISOString(), issuePath, base: null, changes: 1, issue }), /^Error: Cannot autosave to ".*": the disk is full\. The edits are still open here/);
    assert.deepEqual(files(), before);
  });

  test('a background export whose working copy cannot be written says so, and leaves no working copy (nor the stale one)', async () => {
    // Larger than the page the stale copy frees.
    const edited = { ...issue, stories: issue.stories.map((st) => ({ ...st, doc: { type: 'doc' as const, content: Array.from({ length: 200 }, () => ({ type: 'paragraph', content: [{ type: 'text', text: '改过的正文。'.repeat(10) }] })) } })) };
    await assert.rejects(new ExportJobs().start({ issuePath, issue: edited, output: join(dir, 'x.pdf') }), /Cannot export: the working copy beside ".*issue\.broadsheet" cannot be written: the disk is full\. Nothing was exported\./);
    assert.deepEqual(files().filter((f) => f.includes('.export-')), [], 'neither the new nor the crashed process’s working copy');
  });

  test('saving refuses with "the disk is full" and keeps the file as it was', async () => {
    const before = readFileSync(issuePath, 'utf8');
    await assert.rejects(saveIssueFile(issuePath, { ...issue, paper: '改过的报名'.repeat(2000) }), /the disk is full/);
    assert.equal(readFileSync(issuePath, 'utf8'), before);
    assert.ok(existsSync(issuePath));
  });
});
