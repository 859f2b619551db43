import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyAction, type KeyContext, type KeyInput } from '../../renderer/workspace/keys.js';

// The workspace's keys ("the usual keys"; arrows move frames on the grid).

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...mods });
const onPage: KeyContext = { inEditor: false, inField: false, frameSelected: true };
const inText: KeyContext = { inEditor: true, inField: false, frameSelected: true };
const inField: KeyContext = { inEditor: false, inField: true, frameSelected: true };

test('arrows move the selected frame by the grid; Shift five lines; Alt or Ctrl resizes', () => {
  assert.deepEqual(keyAction(key('ArrowDown'), onPage), { do: 'nudge', key: 'ArrowDown', big: false, resize: false });
  assert.deepEqual(keyAction(key('ArrowDown', { shiftKey: true }), onPage), { do: 'nudge', key: 'ArrowDown', big: true, resize: false });
  assert.deepEqual(keyAction(key('ArrowRight', { altKey: true }), onPage), { do: 'nudge', key: 'ArrowRight', big: false, resize: true });
  assert.equal(keyAction(key('ArrowDown'), { ...onPage, frameSelected: false }), null);
});

test('in the story editor the keys are the text’s: arrows, Delete and tool letters do nothing to the layout', () => {
  for (const k of ['ArrowDown', 'Delete', 'Backspace', 't', 'v', 'w']) assert.equal(keyAction(key(k), inText), null, k);
  assert.deepEqual(keyAction(key('Escape'), inText), { do: 'leave-text' });
  assert.deepEqual(keyAction(key('Escape', { defaultPrevented: true }), inText), { do: 'leave-text' }, 'even when the editor keymap took Escape');
});

test('undo falls through to the layout when the editor’s own history did not take it', () => {
  assert.equal(keyAction(key('z', { ctrlKey: true, defaultPrevented: true }), inText), null, 'ProseMirror undid text');
  assert.deepEqual(keyAction(key('z', { ctrlKey: true }), inText), { do: 'undo', leaveText: true });
  assert.deepEqual(keyAction(key('Z', { metaKey: true, shiftKey: true }), onPage), { do: 'redo', leaveText: false });
  assert.deepEqual(keyAction(key('y', { ctrlKey: true }), onPage), { do: 'redo', leaveText: false });
});

test('save, export and find work everywhere; nothing else while typing in a field', () => {
  for (const c of [onPage, inText, inField]) {
    assert.deepEqual(keyAction(key('s', { ctrlKey: true }), c), { do: 'save' });
    assert.deepEqual(keyAction(key('E', { ctrlKey: true, shiftKey: true }), c), { do: 'export' });
    assert.deepEqual(keyAction(key('f', { ctrlKey: true }), c), { do: 'find' });
  }
  for (const k of ['ArrowDown', 'Delete', 't', 'Escape']) assert.equal(keyAction(key(k), inField), null);
  assert.equal(keyAction(key('z', { ctrlKey: true }), inField), null, 'the field’s own undo');
});

test('tools and zoom', () => {
  assert.deepEqual(keyAction(key('t'), onPage), { do: 'tool', tool: 'story' });
  assert.deepEqual(keyAction(key('f'), onPage), { do: 'tool', tool: 'photo' });
  assert.deepEqual(keyAction(key('0', { ctrlKey: true }), onPage), { do: 'fit-page' });
  assert.deepEqual(keyAction(key('=', { ctrlKey: true }), inText), { do: 'zoom', step: 1 });
  assert.deepEqual(keyAction(key('Delete'), onPage), { do: 'delete-frame' });
});
