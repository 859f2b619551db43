import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandForKey, keyInputOf, keysLabel, SHORTCUTS, type KeyContext, type KeyInput } from '../../renderer/workspace/keys.js';

// The workspace's keys ("the usual keys"; arrows move frames on the grid).

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...mods });
const onPage: KeyContext = { inEditor: false, inField: false, frameSelected: true, onFrame: true };
const inText: KeyContext = { inEditor: true, inField: false, frameSelected: true };
const inField: KeyContext = { inEditor: false, inField: true, frameSelected: true };

test('arrows move the selected frame by the grid; Shift five lines; Alt or Ctrl resizes', () => {
  assert.deepEqual(commandForKey(key('ArrowDown'), onPage), { do: 'nudge', key: 'ArrowDown', big: false, resize: false });
  assert.deepEqual(commandForKey(key('ArrowDown', { shiftKey: true }), onPage), { do: 'nudge', key: 'ArrowDown', big: true, resize: false });
  assert.deepEqual(commandForKey(key('ArrowRight', { altKey: true }), onPage), { do: 'nudge', key: 'ArrowRight', big: false, resize: true });
  assert.equal(commandForKey(key('ArrowDown'), { ...onPage, frameSelected: false }), null);
});

test('Tab on a frame of the page goes to the next frame, Shift+Tab to the previous; elsewhere Tab is the browser’s', () => {
  assert.deepEqual(commandForKey(key('Tab'), onPage), { do: 'select-frame', step: 1 });
  assert.deepEqual(commandForKey(key('Tab', { shiftKey: true }), onPage), { do: 'select-frame', step: -1 });
  assert.equal(commandForKey(key('Tab'), { ...onPage, onFrame: false }), null, 'on the toolbar or a panel: the next control');
  assert.equal(commandForKey(key('Tab'), inText), null, 'in text: the editor’s');
  assert.equal(commandForKey(key('Tab'), inField), null);
  assert.equal(commandForKey(key('Tab', { ctrlKey: true }), onPage), null, 'Ctrl+Tab is the browser’s tab switch');
});

test('in the story editor the keys are the text’s: arrows, Delete and tool letters do nothing to the layout', () => {
  for (const k of ['ArrowDown', 'Delete', 'Backspace', 't', 'v', 'w']) assert.equal(commandForKey(key(k), inText), null, k);
  assert.deepEqual(commandForKey(key('Escape'), inText), { do: 'leave-text' });
  assert.deepEqual(commandForKey(key('Escape', { defaultPrevented: true }), inText), { do: 'leave-text' }, 'even when the editor keymap took Escape');
});

test('undo falls through to the layout when the editor’s own history did not take it', () => {
  assert.equal(commandForKey(key('z', { ctrlKey: true, defaultPrevented: true }), inText), null, 'ProseMirror undid text');
  assert.deepEqual(commandForKey(key('z', { ctrlKey: true }), inText), { do: 'undo', leaveText: true });
  assert.deepEqual(commandForKey(key('Z', { metaKey: true, shiftKey: true }), onPage), { do: 'redo', leaveText: false });
  assert.deepEqual(commandForKey(key('y', { ctrlKey: true }), onPage), { do: 'redo', leaveText: false });
});

test('save, export and find work everywhere; nothing else while typing in a field', () => {
  for (const c of [onPage, inText, inField]) {
    assert.deepEqual(commandForKey(key('s', { ctrlKey: true }), c), { do: 'save' });
    assert.deepEqual(commandForKey(key('E', { ctrlKey: true, shiftKey: true }), c), { do: 'export' });
    assert.deepEqual(commandForKey(key('f', { ctrlKey: true }), c), { do: 'find' });
  }
  for (const k of ['ArrowDown', 'Delete', 't', 'Escape']) assert.equal(commandForKey(key(k), inField), null);
  assert.equal(commandForKey(key('z', { ctrlKey: true }), inField), null, 'the field’s own undo');
});

test('tools and zoom', () => {
  assert.deepEqual(commandForKey(key('t'), onPage), { do: 'tool', tool: 'story' });
  assert.deepEqual(commandForKey(key('f'), onPage), { do: 'tool', tool: 'photo' });
  assert.deepEqual(commandForKey(key('0', { ctrlKey: true }), onPage), { do: 'fit-page' });
  assert.deepEqual(commandForKey(key('=', { ctrlKey: true }), inText), { do: 'zoom', step: 1 });
  assert.deepEqual(commandForKey(key('Delete'), onPage), { do: 'delete-frame' });
});

test('the shortcut sheet cannot lie: every key it lists gives its command where it says, and only there', () => {
  const noFrame: KeyContext = { inEditor: false, inField: false, frameSelected: false };
  for (const s of SHORTCUTS) {
    const input = keyInputOf(s.keys);
    const where = s.where ?? 'page';
    const context = where === 'frame' ? onPage : noFrame;
    assert.equal(commandForKey(input, context)?.do, s.does, `${s.keys} on the page`);
    if (where === 'anywhere') assert.equal(commandForKey(input, inText)?.do, s.does, `${s.keys} in the story text`);
    else if (s.keys !== 'Escape') assert.notEqual(commandForKey(input, inText)?.do, s.does, `${s.keys} is the text's own in the story editor`);
    if (where === 'frame') assert.equal(commandForKey(input, noFrame), null, `${s.keys} needs a selected frame`);
    // macOS: the same keys with ⌘
    assert.equal(commandForKey({ ...input, ctrlKey: false, metaKey: input.ctrlKey }, context)?.do, s.does, `${s.keys} with ⌘`);
  }
  assert.equal(keysLabel('Mod+Shift+E', false), 'Ctrl+Shift+E');
  assert.equal(keysLabel('Mod+Shift+E', true), '⌘⇧E');
  assert.equal(keysLabel('Mod+-', false), 'Ctrl+-');
});

test('the selection’s keys: Enter edits, Ctrl+A/C/X/V and Ctrl+Alt+D act on frames — never on text; Ctrl+D is Place…, Ctrl+Shift+D Import Copy', () => {
  const noFrame: KeyContext = { inEditor: false, inField: false, frameSelected: false };
  assert.deepEqual(commandForKey(key('Enter'), onPage), { do: 'edit-text' });
  assert.equal(commandForKey(key('Enter'), noFrame), null);
  assert.equal(commandForKey(key('Enter'), { ...onPage, onControl: true }), null, 'a focused button takes its own Enter');
  assert.deepEqual(commandForKey(key('a', { ctrlKey: true }), noFrame), { do: 'select-all' });
  assert.deepEqual(commandForKey(key('c', { ctrlKey: true }), onPage), { do: 'copy-frames' });
  assert.equal(commandForKey(key('c', { ctrlKey: true }), noFrame), null, 'nothing to copy: the browser’s own copy');
  assert.deepEqual(commandForKey(key('v', { ctrlKey: true }), noFrame), { do: 'paste-frames' });
  assert.equal(commandForKey(key('v', { ctrlKey: true }), { ...noFrame, pasteTarget: true }), null, 'the stories panel imports pasted copy');
  for (const k of ['a', 'c', 'x', 'v']) assert.equal(commandForKey(key(k, { ctrlKey: true }), inText), null, `Ctrl+${k} in the story text is the text’s`);
  assert.equal(commandForKey(key('v', { ctrlKey: true }), inField), null);
  assert.deepEqual(commandForKey(key('d', { ctrlKey: true, altKey: true }), onPage), { do: 'duplicate-frames' });
  assert.deepEqual(commandForKey(key('∂', { metaKey: true, altKey: true }), onPage), { do: 'duplicate-frames' }, '⌘⌥D on a Mac');
  assert.deepEqual(commandForKey(key('d', { ctrlKey: true }), onPage), { do: 'place' }, 'Ctrl+D is Place… (as InDesign)');
  assert.deepEqual(commandForKey(key('d', { ctrlKey: true }), noFrame), { do: 'place' }, 'with nothing selected too: new frames');
  assert.deepEqual(commandForKey(key('D', { ctrlKey: true, shiftKey: true }), noFrame), { do: 'import-copy' });
  assert.equal(commandForKey(key('d', { ctrlKey: true }), inText), null, 'in the story text Ctrl+D is not Place');
  assert.equal(commandForKey(key('d', { ctrlKey: true }), inField), null);
  assert.deepEqual(commandForKey(key('}', { ctrlKey: true, shiftKey: true }), onPage), { do: 'arrange', to: 'front' });
  assert.deepEqual(commandForKey(key('{', { ctrlKey: true, shiftKey: true }), onPage), { do: 'arrange', to: 'back' });
  assert.deepEqual(commandForKey(key('ContextMenu'), onPage), { do: 'open-menu' }, 'the menu key');
  assert.deepEqual(commandForKey(key('F10', { shiftKey: true }), { ...onPage, frameSelected: false }), { do: 'open-menu' });
  assert.equal(commandForKey(key('ContextMenu'), inText), null, 'in the text: the browser’s own menu');
});
