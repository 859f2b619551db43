import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeIssue } from '../../node/store/index.js';
import { ISSUE_FORMAT_VERSION } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('`npx broadsheet inspect` on a bad file exits non-zero with the store\'s message and no stack trace', () => {
  const d = mkdtempSync(join(tmpdir(), 'bs-cli-'));
  const good = serializeIssue(generateIssue({ pages: 1, chars: 400 }));
  const cases: Array<[string, string, RegExp]> = [
    ['corrupt.broadsheet', good.slice(0, 700), /the file is incomplete, probably cut off/],
    ['garbage.broadsheet', 'PK\u0003\u0004 not an issue', /is damaged or not an issue file|zip archive/],
    ['future.broadsheet', good.replace(`"version": ${ISSUE_FORMAT_VERSION}`, '"version": 99'), /format version 99.*supports format version 99/],
  ];
  for (const [name, content, message] of cases) {
    const file = join(d, name);
    writeFileSync(file, content);
    const r = spawnSync('npx', ['broadsheet', 'inspect', file], { cwd: root, encoding: 'utf8', env: { ...process.env, BROADSHEET_DEBUG: '' } });
    assert.notEqual(r.status, 0, `${name}: exit status`);
    assert.ok(r.stderr.includes(`Cannot open "${file}"`), `${name}: names the file: ${r.stderr}`);
    assert.match(r.stderr, message, name);
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `${name}: no stack trace`);
    assert.equal(readFileSync(file, 'utf8'), content, `${name}: untouched`);
  }
});
