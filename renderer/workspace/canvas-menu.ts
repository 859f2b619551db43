import type { Command } from './commands.js';
import { SHORTCUTS } from './keys.js';

/**
 * The canvas's context menu as data (no DOM, tested under Node): which commands of the command
 * table it offers on a frame and on a page's empty area, with their labels (i18n keys of the
 * workspace namespace) and shortcut keys from keys.ts's SHORTCUTS. The menu (ContextMenu.tsx)
 * greys an item exactly when the command table says its command cannot run.
 */

export interface CanvasMenuItem {
  /** The command it runs; none: a submenu's title. */
  command?: Command;
  label: string;
  /** SHORTCUTS keys (Mod+C …), shown beside the label. */
  keys?: string;
  submenu?: CanvasMenuItem[];
  /** A line above this item. */
  separator?: boolean;
  /** A stable name for tests (the command's, or the submenu's). */
  id: string;
}

/** The keys of a command in the shortcut sheet (for arrange, the one of its direction). */
export function shortcutOf(c: Command): string | undefined {
  const label = c.do === 'arrange' ? (c.to === 'front' ? 'sel.shortcuts.bringToFront' : 'sel.shortcuts.sendToBack') : undefined;
  return SHORTCUTS.find((s) => s.does === c.do && (!label || s.label === label))?.keys;
}

const item = (command: Command, label: string, extra: Partial<CanvasMenuItem> = {}): CanvasMenuItem => ({ command, label, keys: shortcutOf(command), id: command.do + ('edge' in command ? `:${command.edge}` : 'axis' in command ? `:${command.axis}` : 'to' in command ? `:${command.to}` : ''), ...extra });

const ALIGN: CanvasMenuItem[] = [
  item({ do: 'align', edge: 'left' }, 'sel.align.left'),
  item({ do: 'align', edge: 'center' }, 'sel.align.center'),
  item({ do: 'align', edge: 'right' }, 'sel.align.right'),
  item({ do: 'align', edge: 'top' }, 'sel.align.top', { separator: true }),
  item({ do: 'align', edge: 'middle' }, 'sel.align.middle'),
  item({ do: 'align', edge: 'bottom' }, 'sel.align.bottom'),
  item({ do: 'distribute', axis: 'horizontal' }, 'sel.align.horizontal', { separator: true }),
  item({ do: 'distribute', axis: 'vertical' }, 'sel.align.vertical'),
];

/** The align and distribute commands (the menu's 对齐 ▸, the inspector's buttons for several frames). */
export const ALIGN_ITEMS: readonly CanvasMenuItem[] = ALIGN;

/** The menu on a frame (`story`: a story frame — text to edit and a thread to continue) or on the empty page. */
export function canvasMenu(on: { frame: 'story' | 'other' } | 'page'): CanvasMenuItem[] {
  if (on === 'page') return [item({ do: 'paste-frames' }, 'sel.cmd.paste'), item({ do: 'paste-threaded' }, 'sel.cmd.pasteThreaded'), item({ do: 'select-all' }, 'sel.cmd.selectAll', { separator: true }), item({ do: 'clear-guides' }, 'guide.clear', { separator: true })];
  const story = on.frame === 'story';
  return [
    ...(story ? [item({ do: 'edit-text' }, 'sel.cmd.editText')] : []),
    item({ do: 'copy-frames' }, 'sel.cmd.copy', { separator: story }),
    item({ do: 'cut-frames' }, 'sel.cmd.cut'),
    item({ do: 'paste-frames' }, 'sel.cmd.paste'),
    item({ do: 'paste-threaded' }, 'sel.cmd.pasteThreaded'),
    item({ do: 'duplicate-frames' }, 'sel.cmd.duplicate'),
    item({ do: 'delete-frame' }, 'sel.cmd.delete'),
    { label: 'sel.cmd.align', submenu: ALIGN, separator: true, id: 'align' },
    item({ do: 'arrange', to: 'front' }, 'sel.cmd.bringToFront'),
    item({ do: 'arrange', to: 'back' }, 'sel.cmd.sendToBack'),
    ...(story ? [item({ do: 'start-link' }, 'sel.cmd.link', { separator: true }), item({ do: 'copyfit' }, 'inspector.copyfit'), item({ do: 'merge-story' }, 'struct.cmd.merge', { separator: true })] : []),
  ];
}
