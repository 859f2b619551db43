// The browser host's menu bar as data (renderer/src/page-menu.ts): what each item does and when
// it is greyed, the keys it answers itself, and that every item the workspace answers reaches
// a workspace command — the same one the native menu's item gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMenuCommand } from '../../core/api/shell.js';
import { findItem, menuItemForKey, pageMenus, type PageMenuState } from '../../renderer/src/page-menu.js';
import { commandForMenu } from '../../renderer/workspace/commands.js';
import { commandForKey, keyInputOf } from '../../renderer/workspace/keys.js';
import zh from '../../renderer/src/locales/zh-CN.js';
import en from '../../renderer/src/locales/en.js';

const state = (s: Partial<PageMenuState> = {}): PageMenuState => ({ hasIssue: true, hasFile: true, readOnly: false, recent: [], ...s });
const all = (s: PageMenuState) => pageMenus(s).flatMap((m) => m.items.flatMap((i) => [i, ...(i.submenu ?? [])]));

test('every item sends a well-formed menu command or opens a dialog; workspace commands exist for those it sends', () => {
  for (const it of all(state({ recent: [{ path: '/x/a.broadsheet', title: '云杉区报', exists: true }] }))) {
    if (!it.action) continue;
    if ('send' in it.action) {
      assert.ok(isMenuCommand(it.action.send), it.id);
      if (it.action.send.command !== 'open' && it.action.send.command !== 'new') assert.ok(commandForMenu(it.action.send), it.id);
    }
  }
});

test('Save of an issue with no file opens Save As; a read-only issue can be saved elsewhere only', () => {
  assert.deepEqual(findItem(pageMenus(state({ hasFile: false })), 'save')?.action, { dialog: 'save-as' });
  assert.deepEqual(findItem(pageMenus(state()), 'save')?.action, { send: { command: 'save' } });
  const ro = pageMenus(state({ readOnly: true }));
  for (const id of ['save', 'undo', 'redo', 'import-copy', 'place', 'layout-unplaced']) assert.equal(findItem(ro, id)?.enabled, false, id);
  for (const id of ['save-as', 'export-pdf', 'open', 'new', 'find']) assert.equal(findItem(ro, id)?.enabled, true, id);
  const none = pageMenus(state({ hasIssue: false, hasFile: false }));
  for (const id of ['save-as', 'export-pdf', 'zoom-in']) assert.equal(findItem(none, id)?.enabled, false, id);
  assert.equal(findItem(none, 'open')?.enabled, true);
});

test('Open Recent: each file by paper and name, a missing one greyed, none said so', () => {
  const m = pageMenus(state({ recent: [{ path: '/a/第46期.broadsheet', title: '云杉区报', exists: true }, { path: 'C:\\b\\old.broadsheet', exists: false }] }));
  const sub = findItem(m, 'open-recent')!.submenu!;
  assert.deepEqual(sub.map((s) => [s.text, s.enabled]), [['云杉区报 — 第46期.broadsheet', true], ['old.broadsheet', false]]);
  assert.deepEqual(sub[0].action, { send: { command: 'open', path: '/a/第46期.broadsheet' } });
  assert.deepEqual(findItem(pageMenus(state()), 'open-recent')!.submenu!.map((s) => [s.id, s.enabled]), [['no-recent', false]]);
});

test('the keys an item shows work: the menu bar’s own (Open, Save As) or the workspace’s, never both', () => {
  for (const it of all(state())) {
    if (!it.keys) continue;
    const e = keyInputOf(it.keys);
    const own = menuItemForKey(e);
    const ws = commandForKey(e, { inEditor: false, inField: false, frameSelected: false });
    assert.ok(own === it.id ? !ws : !!ws, `${it.keys} (${it.id}): menu bar ${own}, workspace ${JSON.stringify(ws)}`);
    if (!own && it.action && 'send' in it.action) assert.deepEqual(ws?.do, commandForMenu(it.action.send)?.do, it.keys);
  }
  assert.equal(menuItemForKey({ key: 'o', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }), 'open');
  assert.equal(menuItemForKey({ key: 'S', ctrlKey: false, metaKey: true, shiftKey: true, altKey: false }), 'save-as');
  assert.equal(menuItemForKey({ key: 'o', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false }), null);
});

test('every label is in both languages', () => {
  for (const it of [...pageMenus(state()), ...all(state())]) {
    const [ns, key] = it.label.split('.');
    assert.ok((zh as unknown as Record<string, Record<string, string>>)[ns]?.[key], `zh ${it.label}`);
    assert.ok((en as unknown as Record<string, Record<string, string>>)[ns]?.[key], `en ${it.label}`);
  }
});
