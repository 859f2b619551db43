// The services behind both transports (node/services): what a save tells the hosts. The
// Electron shell follows Save As with the window title, lock and Open Recent; both hosts serve
// the issue's photos from where the issue now is.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Issue } from '../../core/model/issue.js';
import { createServices } from '../../node/services/index.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bs-services-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('saving through the API', () => {
  test('a save is reported to the host and goes to the top of Open Recent', async () => {
    const saved: Array<{ path: string; paper: string }> = [];
    const api = createServices({
      startupIssue: join(root, 'assets', 'sample', 'sample.broadsheet'),
      recentFile: join(dir, 'recent.json'),
      onSaved: (path: string, issue: Issue) => saved.push({ path, paper: issue.paper }),
    });
    const { issue } = await api.openStartupIssue();
    const target = join(dir, '第46期 另存.broadsheet');
    assert.deepEqual(await api.saveIssue({ path: target, issue }), { path: target });
    assert.deepEqual(saved, [{ path: target, paper: '云杉区报' }]);
    const recent = await api.recentIssues();
    assert.equal(recent[0].path, target);
    assert.equal(recent[0].exists, true);
    assert.equal((await api.openIssue({ path: target })).issue.stories.length, issue.stories.length);
  });

  test('a save that fails reports nothing and names the problem', async () => {
    let called = false;
    const api = createServices({ startupIssue: join(root, 'assets', 'sample', 'sample.broadsheet'), onSaved: () => (called = true) });
    const { issue } = await api.openStartupIssue();
    await assert.rejects(api.saveIssue({ path: join(dir, 'no', 'such', 'folder', 'x.broadsheet'), issue }), /no[\\/]such[\\/]folder|ENOENT|folder/i);
    assert.equal(called, false);
  });
});
