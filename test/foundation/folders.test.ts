// The folder browser of the in-page Open / Save As dialogs (node/services/folders.ts), through
// the API's dispatch as the loopback host calls it: it lists only inside the user's folders,
// follows symbolic links before deciding, leaves hidden entries out and sorts as people read.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { FolderListingDto } from '../../core/api/index.js';
import { dispatchApiCall } from '../../node/services/dispatch.js';
import { createServices } from '../../node/services/index.js';
import { FOLDER_ENTRIES_MAX } from '../../node/services/folders.js';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');
const base = realpathSync(mkdtempSync(join(tmpdir(), 'bs-folders-')));
after(() => rmSync(base, { recursive: true, force: true }));

// home/ with editions, a hidden folder, a link out; desk/ holds the startup issue; secret/ is nobody's.
const home = join(base, 'home');
const desk = join(base, 'desk');
const secret = join(base, 'secret');
for (const d of [home, join(home, '第10期'), join(home, '第9期'), join(home, '第100期'), join(home, '.cache'), desk, secret, join(base, 'elsewhere')]) mkdirSync(d, { recursive: true });
copyFileSync(sample, join(desk, 'today.broadsheet'));
writeFileSync(join(home, '第9期', '要闻版.broadsheet'), '{}');
writeFileSync(join(home, 'notes.txt'), 'not an issue');
writeFileSync(join(home, '.hidden.broadsheet'), '{}');
writeFileSync(join(secret, 'private.broadsheet'), '{}');
symlinkSync(secret, join(home, 'link-out'));
symlinkSync(join(home, '第9期'), join(home, 'link-in'));
symlinkSync(join(secret, 'private.broadsheet'), join(home, 'stolen.broadsheet'));

const api = createServices({ startupIssue: join(desk, 'today.broadsheet'), recentFile: join(base, 'recent.json'), homeFolder: home });
const list = async (path?: string) => {
  const r = await dispatchApiCall(api, 'listFolder', path === undefined ? {} : { path });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as FolderListingDto;
};
const refusal = async (arg: unknown) => {
  const r = await dispatchApiCall(api, 'listFolder', arg);
  assert.equal(r.ok, false, `expected a refusal for ${JSON.stringify(arg)}`);
  return r.ok ? undefined : r.error;
};

describe('listFolder', () => {
  test('no path: the startup issue’s folder, its issue listed; the roots are home and the startup folder', async () => {
    const l = await list();
    assert.equal(l.path, desk);
    assert.deepEqual(l.issues.map((i) => i.name), ['today.broadsheet']);
    assert.ok(l.issues[0].size > 1000);
    assert.deepEqual(l.roots.map((r) => [r.kind, r.path]), [['home', home], ['startup', desk]]);
    assert.equal(l.parent, undefined, 'a root has no way up');
  });

  test('home: folders sorted by number, hidden ones left out, only .broadsheet files, links followed only inside', async () => {
    const l = await list(home);
    assert.deepEqual(l.folders.map((f) => f.name), ['link-in', '第9期', '第10期', '第100期']);
    assert.deepEqual(l.issues.map((i) => i.name), []);
    const sub = await list(join(home, '第9期'));
    assert.deepEqual(sub.issues.map((i) => i.name), ['要闻版.broadsheet']);
    assert.equal(sub.parent, home);
    assert.equal(sub.sep, '/');
  });

  test('outside the user’s folders, directly, by .. or through a link: refused, naming the folder', async () => {
    for (const path of [secret, join(home, '..', 'secret'), join(home, 'link-out'), '/etc', join(base, 'elsewhere')]) {
      const e = await refusal({ path });
      assert.equal(e?.code, 'refused', path);
      assert.match(e!.message, /outside your folders/);
    }
  });

  test('bad arguments: relative, not a folder, missing, extra keys', async () => {
    assert.equal((await refusal({ path: 'home' }))?.code, 'bad-arguments');
    assert.equal((await refusal({ path: home, show: 'all' }))?.code, 'bad-arguments');
    assert.match((await refusal({ path: join(desk, 'today.broadsheet') }))!.message, /Not a folder/);
    assert.match((await refusal({ path: join(home, 'no such folder') }))!.message, /Folder not found/);
  });

  test('a recent issue’s folder becomes a root; one inside home does not repeat', async () => {
    const elsewhere = join(base, 'elsewhere');
    copyFileSync(sample, join(elsewhere, 'old.broadsheet'));
    await api.saveIssue({ path: join(elsewhere, 'old.broadsheet'), issue: (await api.openIssue({ path: join(elsewhere, 'old.broadsheet') })).issue });
    await api.saveIssue({ path: join(home, '第10期', 'x.broadsheet'), issue: (await api.openIssue({ path: join(elsewhere, 'old.broadsheet') })).issue });
    const l = await list(elsewhere);
    assert.deepEqual(l.issues.map((i) => i.name), ['old.broadsheet']);
    assert.deepEqual(l.roots.map((r) => r.kind), ['home', 'startup', 'recent']);
  });

  test('a huge folder is listed up to the cap and says so', async () => {
    const big = join(home, 'big');
    mkdirSync(big);
    for (let i = 0; i < FOLDER_ENTRIES_MAX + 5; i++) writeFileSync(join(big, `${i}.broadsheet`), '');
    const l = await list(big);
    assert.equal(l.issues.length, FOLDER_ENTRIES_MAX);
    assert.equal(l.truncated, true);
    assert.equal(l.issues[0].name, '0.broadsheet');
  });
});
