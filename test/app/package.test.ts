// File ▸ Package… through the API (packageIssue): the issue as edited, its photos and templates
// into a zip beside it; an existing package is not overwritten unless asked; bad destinations
// are refused before anything is written.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { unzipSync } from 'fflate';
import { dispatchApiCall } from '../../node/services/dispatch.js';
import { createServices } from '../../node/services/index.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bs-package-'));
after(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(root, 'assets', 'sample'), dir, { recursive: true });
const issuePath = join(dir, 'sample.broadsheet');
const api = createServices({ startupIssue: issuePath });

test('the edited issue, its photos and templates into a zip; the report names what went in', async () => {
  const { issue } = await api.openStartupIssue();
  const edited = { ...issue, paper: '云杉区报（打包）' };
  const to = join(dir, '第46期 打包.zip');
  const r = await api.packageIssue({ issuePath, issue: edited, to });
  assert.equal(r.kind, 'zip');
  assert.equal(r.photos, issue.assets.length);
  assert.deepEqual(r.missingPhotos, []);
  assert.ok(r.templates.length >= 2, r.templates.join());
  const entries = unzipSync(readFileSync(to));
  const names = Object.keys(entries);
  const issueEntry = names.find((n) => n.endsWith('.broadsheet'))!;
  assert.equal(JSON.parse(new TextDecoder().decode(entries[issueEntry])).paper, '云杉区报（打包）', 'the edits, not the file on disk');
  assert.ok(names.some((n) => /\/photos\/.+\.jpe?g$/i.test(n)), names.join('\n'));
  assert.ok(names.some((n) => n.endsWith('package-report.txt')));
  // Again: refused, the first package kept; with overwrite: replaced.
  await assert.rejects(api.packageIssue({ issuePath, issue: edited, to }), /already exists/);
  const again = await api.packageIssue({ issuePath, issue, to, overwrite: true });
  assert.equal(again.path, to);
});

test('destinations that are not a folder or a zip, or relative, are refused before anything is written', async () => {
  const { issue } = await api.openStartupIssue();
  for (const to of [join(dir, 'x.pdf'), join(dir, 'y.broadsheet'), 'relative.zip']) {
    const r = await dispatchApiCall(api, 'packageIssue', { issuePath, issue, to });
    assert.equal(r.ok, false, to);
    assert.equal(!r.ok && r.error.code, 'bad-arguments');
    assert.equal(existsSync(to), false);
  }
});
