import type { Command } from './commands.js';

/**
 * The workspace's keyboard, as a table from a key event to the command it gives (no DOM
 * needed, so the mapping is tested under Node). Keys typed into a field do nothing here; in the story
 * editor only Escape, Save, Export, Find, zoom and a fall-through undo act (ProseMirror's
 * history takes Ctrl+Z first while there is text to undo: it prevents the default then).
 */

/** The parts of a KeyboardEvent the table reads. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}

/** Where the key was typed. */
export interface KeyContext {
  inEditor: boolean;
  inField: boolean;
  frameSelected: boolean;
  /** A ruler guide is selected (a click on it): Delete removes it. */
  guideSelected?: boolean;
  /** Focus is where a paste means something else (the stories panel imports pasted copy): Ctrl+V is left to it. */
  pasteTarget?: boolean;
  /** Focus is on a button or menu item, whose own Enter that is. */
  onControl?: boolean;
  /** Focus is on a frame of the page (Tab goes on to the next frame). */
  onFrame?: boolean;
}

export function commandForKey(e: KeyInput, c: KeyContext): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  // Escape leaves the text (the frame stays selected), whatever the editor's keymap made of it.
  if (c.inEditor && e.key === 'Escape') return { do: 'leave-text' };
  if (e.defaultPrevented) return null;
  if (mod && k === 's' && !e.shiftKey) return { do: 'save' };
  if (mod && e.shiftKey && k === 'e') return { do: 'export' };
  if (mod && e.shiftKey && k === 'f') return { do: 'preflight' };
  if (mod && k === 'f') return { do: 'find' };
  if (mod && k === '/') return { do: 'shortcuts' };
  // InDesign's Links is Mod+Shift+D; Chromium takes that (bookmark all tabs), so L for 链接/Links.
  if (mod && e.shiftKey && k === 'l') return { do: 'links' };
  // InDesign's Paragraph Styles is F11, which is full screen here (the native View menu, the browser): Ctrl+F11.
  if (e.key === 'F11' && mod && !e.shiftKey && !e.altKey) return { do: 'styles' };
  if (c.inField) return null;
  if (mod && (k === 'z' || k === 'y')) return { do: k === 'y' || e.shiftKey ? 'redo' : 'undo', leaveText: c.inEditor };
  if (mod && (k === '=' || k === '+')) return { do: 'zoom', step: 1 };
  if (mod && k === '-') return { do: 'zoom', step: -1 };
  if (mod && k === '0') return { do: 'fit-page' };
  if (mod && k === '1') return { do: 'actual-size' };
  if (c.inEditor) return null;
  // InDesign's keys for the ruler guides: Ctrl+; shows or hides them, Ctrl+Alt+; locks them.
  if (mod && !e.shiftKey && e.key === ';') return { do: 'toggle-guide', guide: e.altKey ? 'lockGuides' : 'rulerGuides' };
  // Place… is InDesign's Ctrl+D; Import Copy the desktop menu's Ctrl+Shift+D.
  if (mod && !e.altKey && k === 'd') return e.shiftKey ? { do: 'import-copy' } : { do: 'place' };
  if (e.key === 'Escape') return { do: 'deselect' };
  if ((e.key === 'Delete' || e.key === 'Backspace') && c.guideSelected) return { do: 'delete-guide' };
  if (e.key === 'Tab' && c.onFrame && !mod && !e.altKey) return { do: 'select-frame', step: e.shiftKey ? -1 : 1 };
  if ((e.key === 'Delete' || e.key === 'Backspace') && c.frameSelected) return { do: 'delete-frame' };
  if (e.key.startsWith('Arrow') && c.frameSelected) return { do: 'nudge', key: e.key, big: e.shiftKey, resize: e.altKey || mod };
  const selection = selectionKey(e, mod, k, c);
  if (selection) return selection;
  if (mod || e.altKey) return null;
  if (k === 'v') return { do: 'tool', tool: 'select' };
  if (k === 't') return { do: 'tool', tool: 'story' };
  if (k === 'f') return { do: 'tool', tool: 'photo' };
  if (k === 'w') return { do: 'toggle-preview' };
  if (e.key === '?') return { do: 'shortcuts' };
  return null;
}

/** The selection's keys on the page (not in text): Enter edits, Ctrl+A, the frame clipboard, Ctrl+Alt+D, z-order. */
function selectionKey(e: KeyInput, mod: boolean, k: string, c: KeyContext): Command | null {
  const plain = !e.altKey && !e.shiftKey;
  if ((e.key === 'F10' && e.shiftKey && !mod && !e.altKey) || e.key === 'ContextMenu') return { do: 'open-menu' };
  if (e.key === 'Enter' && !mod && plain && c.frameSelected && !c.onControl) return { do: 'edit-text' };
  if (mod && plain && k === 'a') return { do: 'select-all' };
  if (mod && plain && k === 'v' && !c.pasteTarget) return { do: 'paste-frames' };
  if (!c.frameSelected) return null;
  if (mod && plain && k === 'c') return { do: 'copy-frames' };
  if (mod && plain && k === 'x') return { do: 'cut-frames' };
  // Ctrl+D is Place…; macOS reports ⌥D as ∂.
  if (mod && e.altKey && !e.shiftKey && (k === 'd' || k === '∂')) return { do: 'duplicate-frames' };
  if (mod && e.shiftKey && !e.altKey && (k === ']' || k === '}')) return { do: 'arrange', to: 'front' };
  if (mod && e.shiftKey && !e.altKey && (k === '[' || k === '{')) return { do: 'arrange', to: 'back' };
  return null;
}

/**
 * The shortcut sheet and the buttons' tooltips, as data: each entry's keys (`Mod` is Ctrl, ⌘ on
 * a Mac), the command they give where they work, and its label (an i18n key). The keys test
 * presses every entry through commandForKey, so the sheet cannot promise a key that does not work.
 */
export interface Shortcut {
  keys: string;
  does: Command['do'];
  label: string;
  /** Where the key works: on the page (default), with a frame selected, or in the story text too. */
  where?: 'frame' | 'anywhere';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Mod+S', does: 'save', label: 'toolbar.save', where: 'anywhere' },
  { keys: 'Mod+Shift+E', does: 'export', label: 'toolbar.export', where: 'anywhere' },
  { keys: 'Mod+F', does: 'find', label: 'find.find', where: 'anywhere' },
  { keys: 'Mod+Shift+F', does: 'preflight', label: 'preflight.title', where: 'anywhere' },
  { keys: 'Mod+Shift+L', does: 'links', label: 'toolbar.links', where: 'anywhere' },
  { keys: 'Mod+F11', does: 'styles', label: 'toolbar.styles', where: 'anywhere' },
  { keys: 'Mod+Z', does: 'undo', label: 'toolbar.undo', where: 'anywhere' },
  { keys: 'Mod+Shift+Z', does: 'redo', label: 'toolbar.redo', where: 'anywhere' },
  { keys: 'Mod+Y', does: 'redo', label: 'toolbar.redo', where: 'anywhere' },
  { keys: 'Mod+=', does: 'zoom', label: 'toolbar.zoomIn', where: 'anywhere' },
  { keys: 'Mod+-', does: 'zoom', label: 'toolbar.zoomOut', where: 'anywhere' },
  { keys: 'Mod+0', does: 'fit-page', label: 'toolbar.fitPage', where: 'anywhere' },
  { keys: 'Mod+1', does: 'actual-size', label: 'shortcuts.actualSize', where: 'anywhere' },
  { keys: 'Mod+D', does: 'place', label: 'ph.place' },
  { keys: 'Mod+Shift+D', does: 'import-copy', label: 'toolbar.importCopy' },
  { keys: 'Escape', does: 'deselect', label: 'shortcuts.deselect' },
  { keys: 'Tab', does: 'select-frame', label: 'shortcuts.nextFrame', where: 'frame' },
  { keys: 'Delete', does: 'delete-frame', label: 'shortcuts.deleteFrame', where: 'frame' },
  { keys: 'ArrowDown', does: 'nudge', label: 'shortcuts.nudge', where: 'frame' },
  { keys: 'Shift+ArrowDown', does: 'nudge', label: 'shortcuts.nudgeBig', where: 'frame' },
  { keys: 'Alt+ArrowDown', does: 'nudge', label: 'shortcuts.resize', where: 'frame' },
  { keys: 'V', does: 'tool', label: 'toolbar.select' },
  { keys: 'T', does: 'tool', label: 'toolbar.storyFrame' },
  { keys: 'F', does: 'tool', label: 'toolbar.photoFrame' },
  { keys: 'W', does: 'toggle-preview', label: 'toolbar.preview' },
  { keys: 'Mod+;', does: 'toggle-guide', label: 'guide.show' },
  { keys: 'Mod+Alt+;', does: 'toggle-guide', label: 'guide.lock' },
  { keys: '?', does: 'shortcuts', label: 'shortcuts.title' },
  { keys: 'Mod+/', does: 'shortcuts', label: 'shortcuts.title', where: 'anywhere' },
  { keys: 'Enter', does: 'edit-text', label: 'sel.shortcuts.editText', where: 'frame' },
  { keys: 'Mod+A', does: 'select-all', label: 'sel.shortcuts.selectAll' },
  { keys: 'Mod+C', does: 'copy-frames', label: 'sel.shortcuts.copy', where: 'frame' },
  { keys: 'Mod+X', does: 'cut-frames', label: 'sel.shortcuts.cut', where: 'frame' },
  { keys: 'Mod+V', does: 'paste-frames', label: 'sel.shortcuts.paste' },
  { keys: 'Mod+Alt+D', does: 'duplicate-frames', label: 'sel.shortcuts.duplicate', where: 'frame' },
  { keys: 'Mod+Shift+]', does: 'arrange', label: 'sel.shortcuts.bringToFront', where: 'frame' },
  { keys: 'Mod+Shift+[', does: 'arrange', label: 'sel.shortcuts.sendToBack', where: 'frame' },
  { keys: 'Shift+F10', does: 'open-menu', label: 'sel.shortcuts.openMenu' },
];

/** The key event a shortcut's keys stand for (for the test that presses them). */
export function keyInputOf(keys: string): KeyInput {
  const parts = keys === 'Mod+-' ? ['Mod', '-'] : keys.split('+').map((x) => (x === '' ? '+' : x));
  const key = parts[parts.length - 1];
  return { key: key.length === 1 ? key.toLowerCase() : key, ctrlKey: parts.includes('Mod'), metaKey: false, shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt'), defaultPrevented: false };
}

/** A shortcut's keys as the user reads them: Ctrl+Shift+E, or ⌘⇧E on a Mac. */
export function keysLabel(keys: string, mac: boolean): string {
  const names: Record<string, string> = mac ? { Mod: '⌘', Shift: '⇧', Alt: '⌥', Escape: 'Esc', Delete: '⌫', ArrowDown: '↑↓←→', Enter: '↩' } : { Mod: 'Ctrl', Escape: 'Esc', Delete: 'Delete', ArrowDown: '↑ ↓ ← →' };
  const parts = keys === 'Mod+-' ? ['Mod', '-'] : keys.split('+');
  return parts.map((p) => names[p] ?? p).join(mac ? '' : '+');
}
