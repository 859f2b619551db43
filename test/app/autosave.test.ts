import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, copyFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Autosave, type AutosaveSource, type AutosaveTimers } from '../../renderer/src/autosave.js';
import { createServices } from '../../node/services/index.js';
import { recoveryPathFor } from '../../node/store/index.js';
import type { Issue } from '../../core/model/issue.js';

// Issue files: edits are autosaved to a recovery file within a few seconds of each change; the
// next open offers them; a normal save or an explicit discard removes the recovery file.

class FakeSession implements AutosaveSource {
  dirty = false;
  readOnly = false;
  path = '/x/issue.broadsheet';
  issue: unknown = { n: 0 };
  version = 0;
  private ls = new Set<() => void>();
  subscribe(l: () => void) {
    this.ls.add(l);
    return () => this.ls.delete(l);
  }
  edit() {
    this.version++;
    this.dirty = true;
    this.issue = { n: this.version };
    for (const l of this.ls) l();
  }
}

function fakeTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  const timers: AutosaveTimers = {
    set: (fn, ms) => (pending.set(++id, { at: now + ms, fn }), id),
    clear: (h) => pending.delete(h as number),
    now: () => now,
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at;
      pending.delete(next[0]);
      next[1].fn();
      await new Promise((r) => setImmediate(r));
    }
    now = end;
  };
  return { timers, advance };
}

test('autosave writes a few seconds after the last change, and at least every 10 s while typing goes on', async () => {
  const s = new FakeSession();
  const { timers, advance } = fakeTimers();
  const writes: Array<{ changes: number; at: number }> = [];
  const a = new Autosave(s, async (arg) => void writes.push({ changes: arg.changes, at: timers.now() }), () => {}, 2000, 10000, timers);
  s.edit();
  await advance(1000);
  assert.equal(writes.length, 0, 'not while the edit is fresh');
  await advance(1500);
  assert.deepEqual(writes.map((w) => w.changes), [1]);
  // Continuous typing, one key every 500 ms for 25 s.
  for (let i = 0; i < 50; i++) {
    s.edit();
    await advance(500);
  }
  const during = writes.slice(1);
  assert.ok(during.length >= 2, `saved while typing went on (${during.length})`);
  for (let i = 1; i < during.length; i++) assert.ok(during[i].at - during[i - 1].at <= 10000 + 1);
  a.dispose();
});

test('nothing is autosaved for a clean, read-only or untitled session', async () => {
  const { timers, advance } = fakeTimers();
  for (const setup of [(s: FakeSession) => (s.readOnly = true), (s: FakeSession) => (s.path = '')]) {
    const s = new FakeSession();
    setup(s);
    let writes = 0;
    const a = new Autosave(s, async () => void writes++, () => {}, 2000, 10000, timers);
    s.edit();
    await advance(20000);
    assert.equal(writes, 0);
    a.dispose();
  }
});

test('a failed autosave is reported and retried on the next change', async () => {
  const s = new FakeSession();
  const { timers, advance } = fakeTimers();
  const reports: string[] = [];
  let fail = true;
  const a = new Autosave(s, async () => {
    if (fail) throw new Error('disk is full');
  }, (r) => reports.push(r.ok ? 'ok' : r.message), 2000, 10000, timers);
  s.edit();
  await advance(3000);
  fail = false;
  s.edit();
  await advance(3000);
  assert.deepEqual(reports, ['disk is full', 'ok']);
  a.dispose();
});

test('the API: autosave writes the recovery file, open offers it with its differences, save removes it, discard removes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-recovery-'));
  const path = join(dir, 'issue.broadsheet');
  copyFileSync(new URL('../../assets/sample/sample.broadsheet', import.meta.url), path);
  cpSync(new URL('../../assets/sample/photos', import.meta.url), join(dir, 'photos'), { recursive: true });
  const api = createServices({ startupIssue: path });
  const opened = await api.openIssue({ path });
  assert.equal(opened.recovery, undefined);
  const edited: Issue = { ...opened.issue, paper: '云杉区报（修订）', stories: opened.issue.stories.map((x, i) => (i === 0 ? { ...x, slug: 'renamed' } : x)) };
  await api.autosaveIssue({ path, issue: edited, changes: 7 });
  assert.ok(existsSync(recoveryPathFor(path)));
  const again = await api.openIssue({ path });
  assert.ok(again.recovery, 'the next open offers the recovery: ' + again.warnings.join('; '));
  assert.equal(again.recovery!.changes, 7);
  assert.equal(again.recovery!.issue.paper, '云杉区报（修订）');
  assert.ok(again.recovery!.differences.length > 0, again.recovery!.differences.join('\n'));
  assert.equal(again.recovery!.fileChangedSince, false);
  await api.saveIssue({ path, issue: again.recovery!.issue });
  assert.ok(!existsSync(recoveryPathFor(path)), 'a normal save removes the recovery file');
  await api.autosaveIssue({ path, issue: opened.issue, changes: 1 });
  assert.deepEqual(await api.discardRecovery({ path }), { discarded: true });
  assert.ok(!existsSync(recoveryPathFor(path)));
  assert.equal((await api.openIssue({ path })).recovery, undefined);
  // An issue that does not hold together is refused, not written as a useless recovery.
  const broken: Issue = { ...opened.issue, stories: opened.issue.stories.slice(1) };
  await assert.rejects(api.autosaveIssue({ path, issue: broken, changes: 2 }), /not in the issue/);
  assert.ok(!existsSync(recoveryPathFor(path)));
});
