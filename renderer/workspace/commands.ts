import type { MenuCommand } from '../../core/api/shell.js';

/**
 * The workspace's commands: everything the toolbar, the keyboard (keys.ts) and the native menu
 * can ask for, as data. Each source turns its event into a `Command`; one `CommandTable`
 * (built by the workspace over its state) says for every command what it does and whether it
 * can be done now, so a button, a key and a menu item that mean the same thing do the same
 * thing and are greyed together. No DOM here: the mapping is tested under Node.
 */

export type Tool = 'select' | 'story' | 'photo' | 'link';
/** The view's guide toggles; `rulerGuides`: the pages' ruler guides shown (显示参考线), `lockGuides`: not movable (锁定参考线). */
export type GuideName = 'columns' | 'baselines' | 'frames' | 'preview' | 'rulerGuides' | 'lockGuides';

export type Command =
  /** Leave the story editor; the frame stays selected. */
  | { do: 'leave-text' }
  | { do: 'save' }
  | { do: 'save-as'; path: string }
  /** Open the export dialog (with the output file the shell's save dialog chose, if any). */
  | { do: 'export'; output?: string }
  | { do: 'find' }
  | { do: 'close-find' }
  /**
   * `leaveText`: the key reached the page from the story editor, whose history had nothing
   * left to undo. `textFirst`: the menu item, whose accelerator the page never sees; the
   * focused text (field or story editor) undoes first.
   */
  | { do: 'undo'; leaveText: boolean; textFirst?: boolean }
  | { do: 'redo'; leaveText: boolean; textFirst?: boolean }
  | { do: 'zoom'; step: 1 | -1 }
  | { do: 'zoom-to'; zoom: number }
  | { do: 'fit-page' }
  | { do: 'fit-width' }
  | { do: 'actual-size' }
  | { do: 'deselect' }
  | { do: 'delete-frame' }
  | { do: 'nudge'; key: string; big: boolean; resize: boolean }
  | { do: 'tool'; tool: Exclude<Tool, 'link'> }
  | { do: 'toggle-preview' }
  | { do: 'set-guide'; guide: GuideName; on: boolean }
  /** A view toggle flipped (the in-page menu's 显示参考线 / 锁定参考线, which do not know the state). */
  | { do: 'toggle-guide'; guide: GuideName }
  /** Deletes every ruler guide of the current page (清除本版参考线), one undo step. */
  | { do: 'clear-guides' }
  /** Deletes the selected ruler guide (Delete after a click on it). */
  | { do: 'delete-guide' }
  /** Import Copy…: the files the shell's dialog chose, or (none) the page's own file picker. */
  | { do: 'import-copy'; paths?: string[] }
  | { do: 'layout-unplaced' }
  /** Place… (置入…, Ctrl+D): photo files from the page's picker into the selected photo frame, or new frames. */
  | { do: 'place' }
  /** The keyboard-shortcut sheet (? or Ctrl+/). */
  | { do: 'shortcuts' }
  /** The preflight panel, open or closed. */
  | { do: 'preflight' }
  /** File ▸ Package…: the issue with its photos and templates into a folder or zip (to: the native dialog's choice). */
  | { do: 'package'; to?: string }
  /** Copyfit (自动调整) the story of the selected frame (or the one being edited). */
  | { do: 'copyfit' }
  /** Window ▸ Links: shows or hides the Links panel. */
  | { do: 'links' }
  /** View ▸ Styles: shows or hides the styles panel (Ctrl+F11; InDesign's Paragraph Styles is F11, full screen here). */
  | { do: 'styles' }
  // The selection (several frames): edit, select all, clipboard, arrange — also the canvas's context menu.
  /** Edit the selected story frame's text from its start (Enter; 编辑文字). */
  | { do: 'edit-text' }
  | { do: 'select-all' }
  /** Tab / Shift+Tab on the page: the next (previous) frame in reading order. */
  | { do: 'select-frame'; step: 1 | -1 }
  /** The selected story into the one before it, its headline a subhead (story-structure.ts). */
  | { do: 'merge-story' }
  /** The story being edited split at the caret's paragraph. */
  | { do: 'split-story' }
  | { do: 'copy-frames' }
  | { do: 'cut-frames' }
  | { do: 'paste-frames' }
  /** 粘贴为串接框: the copied text frame goes on as the last frame of its story's thread. */
  | { do: 'paste-threaded' }
  | { do: 'duplicate-frames' }
  | { do: 'align'; edge: AlignEdge }
  | { do: 'distribute'; axis: 'horizontal' | 'vertical' }
  | { do: 'arrange'; to: 'front' | 'back' }
  /** Thread the selected story frame on to the next frame clicked (串接…). */
  | { do: 'start-link' }
  /** The canvas's context menu from the keyboard (Shift+F10, the menu key): on the selected frame, else the current page. */
  | { do: 'open-menu' };

/** Align edges (model/operations.ts's AlignEdge). */
export type AlignEdge = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

export type CommandName = Command['do'];
type CommandOf<K extends CommandName> = Extract<Command, { do: K }>;

/** What a command does, and whether it can be done now (greys its button; a key or menu item then does nothing). */
export interface CommandEntry<K extends CommandName> {
  run(command: CommandOf<K>): void;
  enabled?(command: CommandOf<K>): boolean;
}

/** The workspace's answer to every command. */
export type CommandTable = { [K in CommandName]: CommandEntry<K> };

/** Runs a command if it is enabled; says whether it ran. */
export function runCommand(table: CommandTable, command: Command): boolean {
  const entry = table[command.do] as CommandEntry<CommandName>;
  if (!commandEnabled(table, command)) return false;
  entry.run(command);
  return true;
}

export function commandEnabled(table: CommandTable, command: Command): boolean {
  const entry = table[command.do] as CommandEntry<CommandName>;
  return !entry.enabled || entry.enabled(command);
}

/**
 * A native menu command as a workspace command; null for those the app frame answers (New,
 * Open change which issue is shown).
 */
export function commandForMenu(c: MenuCommand): Command | null {
  switch (c.command) {
    case 'save':
      return { do: 'save' };
    case 'save-as':
      return { do: 'save-as', path: c.path };
    case 'export-pdf':
      return { do: 'export', ...(c.output ? { output: c.output } : {}) };
    case 'import-copy':
      return { do: 'import-copy', ...(c.paths ? { paths: c.paths } : {}) };
    case 'layout-unplaced':
      return { do: 'layout-unplaced' };
    case 'place':
      return { do: 'place' };
    case 'links':
      return { do: 'links' };
    case 'styles':
      return { do: 'styles' };
    case 'undo':
    case 'redo':
      return { do: c.command, leaveText: false, textFirst: true };
    case 'zoom-in':
      return { do: 'zoom', step: 1 };
    case 'zoom-out':
      return { do: 'zoom', step: -1 };
    case 'zoom-reset':
      return { do: 'actual-size' };
    case 'show-grid':
      return { do: 'set-guide', guide: 'columns', on: c.checked };
    case 'show-guides':
    case 'lock-guides': {
      const guide = c.command === 'show-guides' ? 'rulerGuides' : 'lockGuides';
      return c.checked === undefined ? { do: 'toggle-guide', guide } : { do: 'set-guide', guide, on: c.checked };
    }
    case 'clear-guides':
      return { do: 'clear-guides' };
    case 'find':
    case 'fit-page':
    case 'shortcuts':
    case 'preflight':
      return { do: c.command };
    case 'package':
      return { do: 'package', ...(c.to ? { to: c.to } : {}) };
    case 'new':
    case 'open':
      return null;
  }
}
