import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import { storySchema } from '../../core/model/story-schema.js';
import { deleteCharacter, moveCharacter, moveLine, moveLineBoundary } from './commands.js';

/** The story editor's keys: marks, history, caret movement from the line table, deletion. */
export function storyKeymaps(): Plugin[] {
  const own = keymap({
    'Mod-b': toggleMark(storySchema.marks.bold),
    'Mod-i': toggleMark(storySchema.marks.emphasis),
    'Mod-z': undo,
    'Shift-Mod-z': redo,
    'Mod-y': redo,
    ArrowLeft: moveCharacter(-1),
    ArrowRight: moveCharacter(1),
    'Shift-ArrowLeft': moveCharacter(-1, true),
    'Shift-ArrowRight': moveCharacter(1, true),
    ArrowUp: moveLine(-1),
    ArrowDown: moveLine(1),
    'Shift-ArrowUp': moveLine(-1, true),
    'Shift-ArrowDown': moveLine(1, true),
    Home: moveLineBoundary(-1),
    End: moveLineBoundary(1),
    'Shift-Home': moveLineBoundary(-1, true),
    'Shift-End': moveLineBoundary(1, true),
    Backspace: chainCommands(deleteCharacter(-1), baseKeymap.Backspace),
    Delete: chainCommands(deleteCharacter(1), baseKeymap.Delete),
  });
  return [own, keymap(baseKeymap)];
}
