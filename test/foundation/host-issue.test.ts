// The issue a host shows, with the store's session behind it (electron/services/host-issue.ts):
// the same in the loopback host as in an Electron window. electron/store/README.md, "Locks": a
// live lock is never broken; whoever opens an issue someone else holds gets it read-only and
// is told who has it; the lock goes when the host closes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { serveApp } from '../../electron/host/index.js';
import { lockPathFor } from '../../electron/store/index.js';
import { httpTransport } from '../../renderer/src/transport.js';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');
const dir = mkdtempSync(join(tmpdir(), 'bs-host-issue-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const copy = (name: string) => {
  const file = join(dir, name);
  copyFileSync(sample, file);
  return file;
};

describe('the loopback host keeps the shown issue\'s session', () => {
  test('an issue nobody else has open is editable; the host holds its lock until it closes', async () => {
    const file = copy('free.broadsheet');
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const opened = await api.openStartupIssue();
      assert.equal(opened.readOnly, false);
      assert.equal(existsSync(lockPathFor(file)), true);
    } finally {
      await host.close();
    }
    assert.equal(existsSync(lockPathFor(file)), false, 'the lock is released on close');
  });

  test('an issue someone else holds opens read-only, saying who has it', async () => {
    const file = copy('held.broadsheet');
    // Another editor on this machine: a live process that holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const now = new Date().toISOString();
    writeFileSync(lockPathFor(file), JSON.stringify({ app: 'broadsheet', owner: '宋雨桐', host: hostname(), pid: other.pid, since: now, heartbeat: now }));
    const host = await serveApp(root, { issue: file });
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const opened = await api.openIssue({ path: file });
      assert.equal(opened.readOnly, true);
      assert.ok(opened.warnings.some((w) => w.includes('宋雨桐')), `the renderer is told who: ${JSON.stringify(opened.warnings)}`);
    } finally {
      await host.close();
      other.kill();
    }
    assert.equal(existsSync(lockPathFor(file)), true, 'someone else\'s lock is never removed');
  });

  test('the bundled sample is always read-only (Save means Save As), and takes no lock', async () => {
    const host = await serveApp(root);
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      assert.equal((await api.openStartupIssue()).readOnly, true);
      assert.equal(existsSync(lockPathFor(sample)), false);
    } finally {
      await host.close();
    }
  });

  test('after Save As the saved file is the shown one: editable, locked by this host, photos looked up beside it', async () => {
    const host = await serveApp(root);
    try {
      const api = httpTransport(new URL(`${host.origin}/`), host.token);
      const { issue } = await api.openStartupIssue();
      const target = join(dir, 'saved-as.broadsheet');
      await api.saveIssue({ path: target, issue });
      assert.equal((await api.openIssue({ path: target })).readOnly, false);
      assert.equal(existsSync(lockPathFor(target)), true);
      // The photos were not copied along, so they are not found beside the new file.
      const r = await fetch(`${host.origin}/issue-assets/photo-heping`, { headers: { 'x-broadsheet-token': host.token } });
      assert.equal(r.status, 404);
    } finally {
      await host.close();
    }
  });
});
