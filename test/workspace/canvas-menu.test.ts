import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasMenu, shortcutOf, type CanvasMenuItem } from '../../renderer/workspace/canvas-menu.js';
import { commandForKey, keyInputOf } from '../../renderer/workspace/keys.js';
import { workspaceResources } from '../../renderer/workspace/i18n.js';

// The canvas's context menu: commands of the command table, each with the key that really gives it.

const ids = (items: CanvasMenuItem[]) => items.map((i) => i.id);
const lookup = (res: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], res);

test('on a story frame: edit text, the clipboard, duplicate, delete, align ▸, z-order, thread; on another frame no text or thread', () => {
  assert.deepEqual(ids(canvasMenu({ frame: 'story' })), ['edit-text', 'copy-frames', 'cut-frames', 'paste-frames', 'paste-threaded', 'duplicate-frames', 'delete-frame', 'align', 'arrange:front', 'arrange:back', 'start-link', 'copyfit', 'merge-story']);
  assert.deepEqual(ids(canvasMenu({ frame: 'other' })), ['copy-frames', 'cut-frames', 'paste-frames', 'paste-threaded', 'duplicate-frames', 'delete-frame', 'align', 'arrange:front', 'arrange:back']);
  const align = canvasMenu({ frame: 'story' }).find((i) => i.id === 'align')!.submenu!;
  assert.deepEqual(ids(align), ['align:left', 'align:center', 'align:right', 'align:top', 'align:middle', 'align:bottom', 'distribute:horizontal', 'distribute:vertical']);
  assert.deepEqual(ids(canvasMenu('page')), ['paste-frames', 'paste-threaded', 'select-all', 'clear-guides']);
});

test('every shortcut the menu shows gives that item’s command on the page', () => {
  const items = [...canvasMenu({ frame: 'story' }), ...canvasMenu('page')];
  assert.equal(items.find((i) => i.id === 'copy-frames')!.keys, 'Mod+C');
  assert.equal(items.find((i) => i.id === 'duplicate-frames')!.keys, 'Mod+Alt+D');
  assert.equal(shortcutOf({ do: 'arrange', to: 'back' }), 'Mod+Shift+[');
  for (const i of items) {
    if (!i.keys || !i.command) continue;
    const c = commandForKey(keyInputOf(i.keys), { inEditor: false, inField: false, frameSelected: true });
    assert.deepEqual(c, i.command, `${i.keys} → ${i.id}`);
  }
});

test('every label is in both languages', () => {
  const all = (items: CanvasMenuItem[]): CanvasMenuItem[] => items.flatMap((i) => [i, ...all(i.submenu ?? [])]);
  for (const i of all([...canvasMenu({ frame: 'story' }), ...canvasMenu('page')])) {
    for (const lng of ['zh-CN', 'en'] as const) assert.equal(typeof lookup(workspaceResources[lng], i.label), 'string', `${lng} ${i.label}`);
  }
  assert.equal(lookup(workspaceResources['zh-CN'], 'sel.align.center'), '水平居中');
  assert.equal(lookup(workspaceResources['zh-CN'], 'sel.cmd.duplicate'), '原位复制');
});
