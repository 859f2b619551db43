// Paths given to the API are absolute or refused: a relative path would resolve against the
// host's working directory, wherever that happens to be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAbsolutePath, validateApiArgs } from '../../core/api/schemas.js';
import { generateIssue } from '../store/generate-issue.js';

const issue = generateIssue({ pages: 1, chars: 200, photos: 0 });

test('absolute paths of every platform are absolute; relative ones are not', () => {
  for (const p of ['/home/ed/a.broadsheet', 'C:\\Users\\ed\\a.broadsheet', 'd:/papers/a.broadsheet', '\\\\server\\share\\a.broadsheet']) assert.equal(isAbsolutePath(p), true, p);
  for (const p of ['a.broadsheet', './a.broadsheet', '../../x.broadsheet', 'C:a.broadsheet', '~/a.broadsheet', 'photos/../a.broadsheet']) assert.equal(isAbsolutePath(p), false, p);
});

test('every path-taking method refuses a relative path, naming the field', () => {
  const calls: Array<[Parameters<typeof validateApiArgs>[0], unknown, string]> = [
    ['openIssue', { path: '../../x.broadsheet' }, 'path'],
    ['saveIssue', { path: '../../x.broadsheet', issue }, 'path'],
    ['autosaveIssue', { path: 'x.broadsheet', issue, changes: 1 }, 'path'],
    ['discardRecovery', { path: './x.broadsheet' }, 'path'],
    ['exportPdf', { issuePath: '/p/a.broadsheet', output: 'out.pdf' }, 'output'],
    ['startExport', { issuePath: 'a.broadsheet', issue, output: '/p/a.pdf' }, 'issuePath'],
    ['preflightIssue', { issuePath: 'a.broadsheet', issue }, 'issuePath'],
    ['linkPhoto', { issuePath: 'a.broadsheet', id: 'a1', name: 'x.jpg', upload: '0123456789abcdef0123456789abcdef' }, 'issuePath'],
    ['importCopy', { paths: ['copy.docx'] }, 'paths.0'],
  ];
  for (const [method, arg, field] of calls) {
    const r = validateApiArgs(method, arg);
    assert.equal(r.ok, false, method);
    assert.match(!r.ok ? r.error.message : '', new RegExp(`${field.replace('.', '\\.')}.*absolute path`), method);
  }
  assert.equal(validateApiArgs('saveIssue', { path: '/p/x.broadsheet', issue }).ok, true);
  assert.equal(validateApiArgs('saveIssue', { path: '/p/x\0.broadsheet', issue }).ok, false, 'a zero byte');
});
