import type { RecentIssueDto } from '../../core/api/methods.js';
import type { MenuCommand } from '../../core/api/shell.js';

/**
 * The in-page menu bar of the browser host, as data: File, Edit, View, Help with the items of
 * the desktop shell's native menu (electron/shell/menu.ts). An item either sends a menu
 * command — the same `MenuCommand` the native menu sends, through the same channel, so the
 * same command table answers it — or first opens the page's own dialog where the native menu
 * shows a native one (Open, Save As, New from a template). No DOM here: tested under Node.
 */

export type PageMenuAction =
  /** The page's dialog comes first (native dialogs do not exist in a browser). */
  | { dialog: 'new' | 'open' | 'save-as' }
  /** The host's startup issue (the bundled sample unless `serve` was given a file). */
  | { startup: true }
  | { send: MenuCommand };

export interface PageMenuItem {
  id: string;
  /** i18n key of the label (app namespace). */
  label: string;
  /** Already a label (a recent file's name), not an i18n key. */
  text?: string;
  /** Shortcut as in keys.ts (`Mod` = Ctrl, ⌘ on a Mac). */
  keys?: string;
  action?: PageMenuAction;
  enabled: boolean;
  separatorBefore?: boolean;
  submenu?: PageMenuItem[];
}

export interface PageMenu {
  id: 'file' | 'edit' | 'view' | 'help';
  label: string;
  items: PageMenuItem[];
}

export interface PageMenuState {
  /** An issue is shown. */
  hasIssue: boolean;
  /** The shown issue has a file (else Save means Save As). */
  hasFile: boolean;
  readOnly: boolean;
  recent: readonly RecentIssueDto[];
}

export function pageMenus(s: PageMenuState): PageMenu[] {
  const editable = s.hasIssue && !s.readOnly;
  const send = (command: MenuCommand): PageMenuAction => ({ send: command });
  const recent: PageMenuItem[] = s.recent.length
    ? s.recent.slice(0, 10).map((r, i) => ({
        id: `recent-${i}`,
        label: 'menu.recentItem',
        text: `${r.title ? `${r.title} — ` : ''}${r.path.split(/[\\/]/).pop()}`,
        action: send({ command: 'open', path: r.path }),
        enabled: r.exists,
      }))
    : [{ id: 'no-recent', label: 'menu.noRecent', enabled: false }];
  return [
    {
      id: 'file',
      label: 'menu.file',
      items: [
        // Ctrl+N belongs to the browser (a new window): no key here.
        { id: 'new', label: 'menu.new', action: { dialog: 'new' }, enabled: true },
        { id: 'open', label: 'menu.open', keys: 'Mod+O', action: { dialog: 'open' }, enabled: true },
        { id: 'open-recent', label: 'menu.openRecent', enabled: true, submenu: recent },
        { id: 'save', label: 'menu.save', keys: 'Mod+S', action: s.hasFile ? send({ command: 'save' }) : { dialog: 'save-as' }, enabled: editable, separatorBefore: true },
        { id: 'save-as', label: 'menu.saveAs', keys: 'Mod+Shift+S', action: { dialog: 'save-as' }, enabled: s.hasIssue },
        { id: 'place', label: 'menu.place', keys: 'Mod+D', action: send({ command: 'place' }), enabled: editable, separatorBefore: true },
        { id: 'import-copy', label: 'menu.importCopy', action: send({ command: 'import-copy' }), enabled: editable },
        { id: 'layout-unplaced', label: 'menu.layoutUnplaced', action: send({ command: 'layout-unplaced' }), enabled: editable },
        { id: 'package', label: 'menu.package', action: send({ command: 'package' }), enabled: s.hasIssue && s.hasFile },
        { id: 'preflight', label: 'menu.preflight', keys: 'Mod+Shift+F', action: send({ command: 'preflight' }), enabled: s.hasIssue, separatorBefore: true },
        { id: 'export-pdf', label: 'menu.exportPdf', keys: 'Mod+Shift+E', action: send({ command: 'export-pdf' }), enabled: s.hasIssue },
      ],
    },
    {
      id: 'edit',
      label: 'menu.edit',
      items: [
        { id: 'undo', label: 'menu.undo', keys: 'Mod+Z', action: send({ command: 'undo' }), enabled: editable },
        { id: 'redo', label: 'menu.redo', keys: 'Mod+Shift+Z', action: send({ command: 'redo' }), enabled: editable },
        { id: 'find', label: 'menu.find', keys: 'Mod+F', action: send({ command: 'find' }), enabled: s.hasIssue, separatorBefore: true },
      ],
    },
    {
      id: 'view',
      label: 'menu.view',
      items: [
        { id: 'zoom-in', label: 'menu.zoomIn', keys: 'Mod+=', action: send({ command: 'zoom-in' }), enabled: s.hasIssue },
        { id: 'zoom-out', label: 'menu.zoomOut', keys: 'Mod+-', action: send({ command: 'zoom-out' }), enabled: s.hasIssue },
        { id: 'fit-page', label: 'menu.fitPage', keys: 'Mod+0', action: send({ command: 'fit-page' }), enabled: s.hasIssue },
        { id: 'zoom-reset', label: 'menu.actualSize', keys: 'Mod+1', action: send({ command: 'zoom-reset' }), enabled: s.hasIssue },
        { id: 'show-guides', label: 'menu.showGuides', action: send({ command: 'show-guides' }), enabled: s.hasIssue, separatorBefore: true },
        { id: 'lock-guides', label: 'menu.lockGuides', action: send({ command: 'lock-guides' }), enabled: s.hasIssue },
        { id: 'clear-guides', label: 'menu.clearGuides', action: send({ command: 'clear-guides' }), enabled: editable },
        { id: 'links', label: 'menu.links', keys: 'Mod+Shift+L', action: send({ command: 'links' }), enabled: s.hasIssue, separatorBefore: true },
        { id: 'styles', label: 'menu.styles', keys: 'Mod+F11', action: send({ command: 'styles' }), enabled: s.hasIssue },
      ],
    },
    {
      id: 'help',
      label: 'menu.help',
      items: [
        { id: 'shortcuts', label: 'menu.shortcuts', keys: 'Mod+/', action: send({ command: 'shortcuts' }), enabled: s.hasIssue },
        { id: 'open-sample', label: 'menu.openSample', action: { startup: true }, enabled: true },
      ],
    },
  ];
}

/**
 * The item a key stands for when the menu bar answers it itself: Open and Save As need the page's
 * dialogs, which the workspace's key table (keys.ts) knows nothing of.
 */
export function menuItemForKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): string | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'o' && !e.shiftKey) return 'open';
  if (k === 's' && e.shiftKey) return 'save-as';
  return null;
}

/** The item with this id, at any depth. */
export function findItem(menus: readonly PageMenu[], id: string): PageMenuItem | undefined {
  for (const m of menus) for (const it of m.items) {
    if (it.id === id) return it;
    const sub = it.submenu?.find((x) => x.id === id);
    if (sub) return sub;
  }
  return undefined;
}
