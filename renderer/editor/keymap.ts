import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { storySchema } from '../../core/model/story-schema.js';
import { deleteCharacter, moveCharacter, moveLine, moveLineBoundary } from './commands.js';

/**
 * The story editor's keys: marks, history, caret movement from the line table, deletion.
 * `past`: the editor's own history has nothing left to undo (redo); the workspace goes on into
 * its layout history. (ProseMirror keeps the browser's own undo from these keys either way, so the
 * key never reaches the page by itself.)
 */
export function storyKeymaps(past?: (what: 'undo' | 'redo') => boolean): Plugin[] {
  const orPast = (cmd: Command, what: 'undo' | 'redo'): Command => (state, dispatch) => cmd(state, dispatch) || (!!dispatch && !!past?.(what));
  const own = keymap({
    'Mod-b': toggleMark(storySchema.marks.bold),
    'Mod-i': toggleMark(storySchema.marks.emphasis),
    'Mod-z': orPast(undo, 'undo'),
    'Shift-Mod-z': orPast(redo, 'redo'),
    'Mod-y': orPast(redo, 'redo'),
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
