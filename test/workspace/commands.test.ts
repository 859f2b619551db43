import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MENU_COMMANDS, type MenuCommand } from '../../core/api/shell.js';
import { commandEnabled, commandForMenu, runCommand, type Command, type CommandName, type CommandTable } from '../../renderer/workspace/commands.js';
import { commandForKey, type KeyInput } from '../../renderer/workspace/keys.js';

// One command table for the toolbar, the keys and the menu: the same command does the same thing from each.

const NAMES: CommandName[] = ['leave-text', 'save', 'save-as', 'export', 'find', 'close-find', 'undo', 'redo', 'zoom', 'zoom-to', 'fit-page', 'fit-width', 'actual-size', 'deselect', 'delete-frame', 'nudge', 'tool', 'toggle-preview', 'set-guide', 'toggle-guide', 'clear-guides', 'import-copy', 'place', 'layout-unplaced', 'shortcuts', 'preflight', 'links', 'styles', 'package'];

/** A table that records what ran; `enabled` decides per command name. */
function recordingTable(enabled: Partial<Record<CommandName, (c: Command) => boolean>> = {}) {
  const ran: Command[] = [];
  const table = Object.fromEntries(NAMES.map((n) => [n, { run: (c: Command) => ran.push(c), enabled: enabled[n] }])) as unknown as CommandTable;
  return { table, ran };
}

const sample: Record<MenuCommand['command'], MenuCommand> = {
  new: { command: 'new' },
  open: { command: 'open', path: '/x/a.broadsheet' },
  save: { command: 'save' },
  'save-as': { command: 'save-as', path: '/x/b.broadsheet' },
  'export-pdf': { command: 'export-pdf', output: '/x/b.pdf' },
  'import-copy': { command: 'import-copy', paths: ['/x/copy.docx'] },
  'layout-unplaced': { command: 'layout-unplaced' },
  place: { command: 'place' },
  links: { command: 'links' },
  styles: { command: 'styles' },
  undo: { command: 'undo' },
  redo: { command: 'redo' },
  'zoom-in': { command: 'zoom-in' },
  'zoom-out': { command: 'zoom-out' },
  'zoom-reset': { command: 'zoom-reset' },
  'show-grid': { command: 'show-grid', checked: false },
  'show-guides': { command: 'show-guides', checked: false },
  'lock-guides': { command: 'lock-guides' },
  'clear-guides': { command: 'clear-guides' },
  find: { command: 'find' },
  'fit-page': { command: 'fit-page' },
  shortcuts: { command: 'shortcuts' },
  preflight: { command: 'preflight' },
  package: { command: 'package', to: '/x/b.zip' },
};

test('every menu command is a workspace command, except New and Open, which the app frame answers', () => {
  for (const name of MENU_COMMANDS) {
    const c = commandForMenu(sample[name]);
    if (name === 'new' || name === 'open') assert.equal(c, null, name);
    else assert.ok(c && NAMES.includes(c.do), `${name} → ${JSON.stringify(c)}`);
  }
  assert.deepEqual(commandForMenu(sample['save-as']), { do: 'save-as', path: '/x/b.broadsheet' });
  assert.deepEqual(commandForMenu(sample['export-pdf']), { do: 'export', output: '/x/b.pdf' });
  assert.deepEqual(commandForMenu(sample['show-grid']), { do: 'set-guide', guide: 'columns', on: false });
  // The native menu's checkboxes say their state; the in-page menu's items toggle.
  assert.deepEqual(commandForMenu(sample['show-guides']), { do: 'set-guide', guide: 'rulerGuides', on: false });
  assert.deepEqual(commandForMenu({ command: 'show-guides' }), { do: 'toggle-guide', guide: 'rulerGuides' });
  assert.deepEqual(commandForMenu(sample['lock-guides']), { do: 'toggle-guide', guide: 'lockGuides' });
  assert.deepEqual(commandForMenu({ command: 'lock-guides', checked: true }), { do: 'set-guide', guide: 'lockGuides', on: true });
  assert.deepEqual(commandForMenu(sample['clear-guides']), { do: 'clear-guides' });
  assert.deepEqual(commandForMenu(sample['import-copy']), { do: 'import-copy', paths: ['/x/copy.docx'] });
  // The in-page menu has no native dialogs: the export dialog proposes its file, the page picks the copy.
  assert.deepEqual(commandForMenu({ command: 'export-pdf' }), { do: 'export' });
  assert.deepEqual(commandForMenu({ command: 'import-copy' }), { do: 'import-copy' });
  assert.deepEqual(commandForMenu({ command: 'place' }), { do: 'place' });
});

test('menu commands from the page are checked like those from the native menu', async () => {
  const { isMenuCommand } = await import('../../core/api/shell.js');
  for (const ok of [{ command: 'new' }, { command: 'new', template: 'tabloid-6col', paper: '云杉区报' }, { command: 'export-pdf' }, { command: 'import-copy' }, { command: 'find' }, { command: 'shortcuts' }]) assert.ok(isMenuCommand(ok), JSON.stringify(ok));
  for (const bad of [{ command: 'new', template: '../x' }, { command: 'new', paper: 'x'.repeat(201) }, { command: 'export-pdf', output: '' }, { command: 'import-copy', paths: [] }, { command: 'open' }, { command: 'rm' }]) assert.ok(!isMenuCommand(bad), JSON.stringify(bad));
});

test('a key and the menu item that mean the same give the same command', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...mods });
  const onPage = { inEditor: false, inField: false, frameSelected: false };
  assert.deepEqual(commandForKey(key('='), onPage), commandForMenu(sample['zoom-in']));
  assert.deepEqual(commandForKey(key('-'), onPage), commandForMenu(sample['zoom-out']));
  assert.deepEqual(commandForKey(key('1'), onPage), commandForMenu(sample['zoom-reset']));
  assert.deepEqual(commandForKey(key('s'), onPage), commandForMenu(sample.save));
});

test('a disabled command does nothing, from any source, and says so', () => {
  let dirty = false;
  const { table, ran } = recordingTable({ save: () => dirty });
  assert.equal(commandEnabled(table, { do: 'save' }), false);
  assert.equal(runCommand(table, { do: 'save' }), false);
  assert.equal(runCommand(table, commandForMenu(sample.save)!), false);
  assert.deepEqual(ran, []);
  dirty = true;
  assert.equal(runCommand(table, { do: 'save' }), true);
  assert.deepEqual(ran, [{ do: 'save' }]);
});

test('enabled sees the command: the menu’s undo goes to the focused text even with no page edit to undo', () => {
  const canUndo = false;
  const { table, ran } = recordingTable({ undo: (c) => (c as Extract<Command, { do: 'undo' }>).textFirst === true || canUndo });
  assert.equal(runCommand(table, { do: 'undo', leaveText: false }), false, 'the toolbar’s Undo is greyed');
  assert.equal(runCommand(table, commandForMenu(sample.undo)!), true);
  assert.deepEqual(ran, [{ do: 'undo', leaveText: false, textFirst: true }]);
});
