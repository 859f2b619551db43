// Issue 18 item "the masthead says the copy's file name": the paper's name and numbering belong
// to the publication. `broadsheet import --like LAST.broadsheet` takes them from the paper's last
// issue and counts 期号 and 总期号 on; with neither --like nor --paper the masthead says 报名 (the
// editor sees a placeholder to replace, not "第46期稿件"), and the CLI says so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { emptyIssue, nextIssueOf, type Issue } from '../../core/model/issue.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bs-import-pub-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
const copy = join(dir, '第46期稿件.txt');
writeFileSync(copy, '社区食堂开餐了\n■ 通讯员 许浩然\n　　11月20日，柳岸、枫林两个街道的四家社区食堂同时开餐。\n');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Issue;

test('next issue: the publication carried over, numbers counted on with their digits, nothing else', () => {
  const last = { ...emptyIssue({ paper: '云杉区报', date: '2026-11-23' }), issueNumber: '046', totalNumber: '1046', serial: 'CN12-0000', publisher: '中共云杉区委宣传部主办', edition: '今日 4 版', print: { condition: 'IFRA26' }, stories: [{ id: 's', slug: '', status: 'draft' as const, doc: { type: 'doc' as const } }] };
  const next = nextIssueOf(last, '2026-11-30');
  assert.deepEqual([next.paper, next.issueNumber, next.totalNumber, next.serial, next.publisher, next.edition, next.date], ['云杉区报', '047', '1047', 'CN12-0000', '中共云杉区委宣传部主办', '今日 4 版', '2026-11-30']);
  assert.deepEqual(next.print, { condition: 'IFRA26' });
  assert.deepEqual([next.pages, next.stories, next.assets], [[], [], []]);
  assert.equal(nextIssueOf({ ...last, issueNumber: '第46期', totalNumber: '' }, '2026-11-30').issueNumber, '第46期', 'not a number: left for the editor');
  assert.equal(nextIssueOf({ ...last, issueNumber: '099' }, '2026-11-30').issueNumber, '100');
});

test('import --like the last issue: its paper and the next numbers on the masthead; without a name, 报名 and a note', () => {
  const last = join(dir, 'last.broadsheet');
  copyFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), last);
  const before = read(last);
  const like = cli(['import', copy, '-o', join(dir, 'next.broadsheet'), '--like', last, '--date', '2026-11-30', '--pages', '1']);
  assert.equal(like.status, 0, like.stderr);
  const next = read(join(dir, 'next.broadsheet'));
  assert.equal(next.paper, before.paper);
  assert.equal(next.serial, before.serial);
  assert.equal(next.issueNumber, /^\d+$/.test(before.issueNumber) ? String(Number(before.issueNumber) + 1).padStart(before.issueNumber.length, '0') : before.issueNumber);
  assert.doesNotMatch(like.stderr, /报名/);
  assert.deepEqual(read(last), before, 'the last issue is only read');

  const bare = cli(['import', copy, '-o', join(dir, 'bare.broadsheet'), '--date', '2026-11-30', '--pages', '1']);
  assert.equal(bare.status, 0, bare.stderr);
  assert.equal(read(join(dir, 'bare.broadsheet')).paper, '报名', 'never the copy file’s name');
  assert.match(bare.stderr, /no paper name given .*the masthead says 报名/);

  const named = cli(['import', copy, '-o', join(dir, 'named.broadsheet'), '--like', last, '--paper', '云杉区报·周末版', '--pages', '1']);
  assert.equal(named.status, 0, named.stderr);
  assert.equal(read(join(dir, 'named.broadsheet')).paper, '云杉区报·周末版', '--paper names it over --like');
});

test('bad --like: a missing or damaged last issue, or with --append, is refused and writes nothing', () => {
  const out = join(dir, 'never.broadsheet');
  const missing = cli(['import', copy, '-o', out, '--like', join(dir, 'nope.broadsheet')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /--like: .*nope\.broadsheet/);
  writeFileSync(join(dir, 'broken.broadsheet'), '{"format": "broadsheet-issue", "version": 1, "pap');
  const broken = cli(['import', copy, '-o', out, '--like', join(dir, 'broken.broadsheet')]);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /--like: Cannot open .*broken\.broadsheet/);
  const both = cli(['import', copy, '-o', out, '--like', join(dir, 'last.broadsheet'), '--append']);
  assert.equal(both.status, 2);
  assert.throws(() => readFileSync(out), /ENOENT/, 'nothing written');
});
