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
}

export function commandForKey(e: KeyInput, c: KeyContext): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  // Escape leaves the text (the frame stays selected), whatever the editor's keymap made of it.
  if (c.inEditor && e.key === 'Escape') return { do: 'leave-text' };
  if (e.defaultPrevented) return null;
  if (mod && k === 's') return { do: 'save' };
  if (mod && e.shiftKey && k === 'e') return { do: 'export' };
  if (mod && k === 'f') return { do: 'find' };
  if (c.inField) return null;
  if (mod && (k === 'z' || k === 'y')) return { do: k === 'y' || e.shiftKey ? 'redo' : 'undo', leaveText: c.inEditor };
  if (mod && (k === '=' || k === '+')) return { do: 'zoom', step: 1 };
  if (mod && k === '-') return { do: 'zoom', step: -1 };
  if (mod && k === '0') return { do: 'fit-page' };
  if (mod && k === '1') return { do: 'actual-size' };
  if (c.inEditor) return null;
  if (e.key === 'Escape') return { do: 'deselect' };
  if ((e.key === 'Delete' || e.key === 'Backspace') && c.frameSelected) return { do: 'delete-frame' };
  if (e.key.startsWith('Arrow') && c.frameSelected) return { do: 'nudge', key: e.key, big: e.shiftKey, resize: e.altKey || mod };
  if (mod || e.altKey) return null;
  if (k === 'v') return { do: 'tool', tool: 'select' };
  if (k === 't') return { do: 'tool', tool: 'story' };
  if (k === 'f') return { do: 'tool', tool: 'photo' };
  if (k === 'w') return { do: 'toggle-preview' };
  return null;
}
