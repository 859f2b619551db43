import type { MenuItemConstructorOptions } from 'electron';
import type { UiLocale } from '../../core/api/methods.js';

/**
 * The native menu as a template: File (New, Open…, Open Recent, Save, Save As…, Import Copy…,
 * Lay Out Unplaced Stories, Export PDF…, Quit), Edit, View (zoom, grid), Help — labels in Simplified Chinese or English, each
 * platform's usual accelerators, and on macOS the application menu first. Pure: the main
 * process passes in what it knows and receives the chosen action.
 */

export type MenuAction =
  | { action: 'new' | 'open' | 'save' | 'save-as' | 'export-pdf' | 'import-copy' | 'place' | 'layout-unplaced' | 'undo' | 'redo' | 'zoom-in' | 'zoom-out' | 'zoom-reset' | 'links' | 'styles' | 'package' | 'fit-page' | 'find' | 'preflight' | 'shortcuts' | 'clear-recent' | 'open-sample' | 'about' | 'clear-guides' }
  | { action: 'open-recent'; path: string }
  | { action: 'show-grid' | 'show-guides' | 'lock-guides'; checked: boolean };

export interface MenuOptions {
  platform: NodeJS.Platform;
  locale: UiLocale;
  appName: string;
  recent: ReadonlyArray<{ path: string; title?: string; exists: boolean }>;
  showGrid: boolean;
  /** View ▸ 显示参考线 / 锁定参考线 as last chosen (default shown, unlocked: the workspace's start). */
  showGuides?: boolean;
  lockGuides?: boolean;
  /** An issue is open (Save, Save As, Export are enabled). */
  hasIssue: boolean;
  /** Developer tools in the View menu (unpackaged builds only). */
  devTools: boolean;
  onAction(action: MenuAction): void;
}

const LABELS = {
  'zh-CN': {
    file: '文件(&F)',
    new: '新建期刊',
    open: '打开…',
    openRecent: '最近打开',
    noRecent: '（无）',
    clearRecent: '清除最近打开记录',
    missing: '（文件不存在）',
    save: '保存',
    saveAs: '另存为…',
    exportPdf: '导出 PDF…',
    place: '置入…',
    importCopy: '导入稿件…',
    layoutUnplaced: '排入未上版稿件',
    copyFilter: '稿件（文本、Word）',
    allFiles: '所有文件',
    quit: '退出',
    edit: '编辑(&E)',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图(&V)',
    zoomIn: '放大',
    zoomOut: '缩小',
    zoomReset: '实际大小',
    fitPage: '适合页面',
    find: '查找和替换…',
    preflight: '印前检查',
    package: '打包…',
    zipFilter: 'Zip 压缩包',
    shortcuts: '键盘快捷键',
    showGrid: '显示网格',
    showGuides: '显示参考线',
    lockGuides: '锁定参考线',
    clearGuides: '清除本版参考线',
    links: '链接面板',
    styles: '样式面板',
    fullScreen: '全屏',
    devTools: '开发者工具',
    help: '帮助(&H)',
    openSample: '打开示例期刊',
    about: '关于 Broadsheet',
    hide: '隐藏 Broadsheet',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    services: '服务',
    window: '窗口(&W)',
    minimize: '最小化',
    close: '关闭窗口',
    issueFilter: 'Broadsheet 期刊',
    pdfFilter: 'PDF 文件',
    unsaved: '“{name}”有未保存的修改，要保存吗？',
    unsavedDetail: '不保存，修改将会丢失。',
    saveButton: '保存',
    dontSave: '不保存',
    cancel: '取消',
    readOnly: '只读',
    openFailed: '无法打开期刊',
  },
  en: {
    file: '&File',
    new: 'New Issue',
    open: 'Open…',
    openRecent: 'Open Recent',
    noRecent: '(none)',
    clearRecent: 'Clear Recent',
    missing: '(missing)',
    save: 'Save',
    saveAs: 'Save As…',
    exportPdf: 'Export PDF…',
    place: 'Place…',
    importCopy: 'Import Copy…',
    layoutUnplaced: 'Lay Out Unplaced Stories',
    copyFilter: 'Copy (text, Word)',
    allFiles: 'All files',
    quit: 'Quit',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: '&View',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    zoomReset: 'Actual Size',
    fitPage: 'Fit Page',
    find: 'Find and Replace…',
    preflight: 'Preflight',
    package: 'Package…',
    zipFilter: 'Zip archive',
    shortcuts: 'Keyboard Shortcuts',
    showGrid: 'Show Grid',
    showGuides: 'Show Guides',
    lockGuides: 'Lock Guides',
    clearGuides: 'Clear Guides on Page',
    links: 'Links Panel',
    styles: 'Styles Panel',
    fullScreen: 'Full Screen',
    devTools: 'Developer Tools',
    help: '&Help',
    openSample: 'Open Sample Issue',
    about: 'About Broadsheet',
    hide: 'Hide Broadsheet',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    services: 'Services',
    window: '&Window',
    minimize: 'Minimize',
    close: 'Close Window',
    issueFilter: 'Broadsheet issue',
    pdfFilter: 'PDF file',
    unsaved: 'Save the changes to “{name}”?',
    unsavedDetail: 'Your changes will be lost if you don’t save them.',
    saveButton: 'Save',
    dontSave: 'Don’t Save',
    cancel: 'Cancel',
    readOnly: 'read-only',
    openFailed: 'The issue cannot be opened',
  },
} as const satisfies Record<UiLocale, Record<string, string>>;

export type MenuLabels = Record<keyof (typeof LABELS)['en'], string>;

/** The labels of a locale (menu items and the shell's dialogs). */
export function menuLabels(locale: UiLocale): MenuLabels {
  return LABELS[locale] ?? LABELS.en;
}

/** macOS shows no mnemonics: strip "&" markers and the "(&F)" suffixes. */
function mnemonic(label: string, mac: boolean): string {
  return mac ? label.replace(/\(&\w\)$/, '').replace(/&(\w)/, '$1') : label;
}

/** Builds the menu template. */
export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const L = menuLabels(o.locale);
  const m = (label: string) => mnemonic(label, mac);
  const act = (action: MenuAction) => () => o.onAction(action);

  const recent: MenuItemConstructorOptions[] = o.recent.length
    ? [
        ...o.recent.map((r) => ({
          label: `${r.title ? `${r.title} — ` : ''}${r.path}${r.exists ? '' : ` ${L.missing}`}`,
          enabled: r.exists,
          click: act({ action: 'open-recent', path: r.path }),
        })),
        { type: 'separator' as const },
        { label: L.clearRecent, click: act({ action: 'clear-recent' }) },
      ]
    : [{ label: L.noRecent, enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: m(L.file),
    submenu: [
      { id: 'new', label: L.new, accelerator: 'CmdOrCtrl+N', click: act({ action: 'new' }) },
      { id: 'open', label: L.open, accelerator: 'CmdOrCtrl+O', click: act({ action: 'open' }) },
      { id: 'open-recent', label: L.openRecent, submenu: recent },
      { type: 'separator' },
      { id: 'save', label: L.save, accelerator: 'CmdOrCtrl+S', enabled: o.hasIssue, click: act({ action: 'save' }) },
      { id: 'save-as', label: L.saveAs, accelerator: 'CmdOrCtrl+Shift+S', enabled: o.hasIssue, click: act({ action: 'save-as' }) },
      { type: 'separator' },
      // Ctrl+D is Place in InDesign: what layout editors press to bring copy in.
      // Ctrl+D is Place… as in InDesign; Import Copy moves to Ctrl+Shift+D (the command table's keys say the same).
      { id: 'place', label: L.place, accelerator: 'CmdOrCtrl+D', enabled: o.hasIssue, click: act({ action: 'place' }) },
      { id: 'import-copy', label: L.importCopy, accelerator: 'CmdOrCtrl+Shift+D', enabled: o.hasIssue, click: act({ action: 'import-copy' }) },
      { id: 'layout-unplaced', label: L.layoutUnplaced, enabled: o.hasIssue, click: act({ action: 'layout-unplaced' }) },
      { type: 'separator' },
      { id: 'package', label: L.package, enabled: o.hasIssue, click: act({ action: 'package' }) },
      { id: 'preflight', label: L.preflight, accelerator: 'CmdOrCtrl+Shift+F', enabled: o.hasIssue, click: act({ action: 'preflight' }) },
      { id: 'export-pdf', label: L.exportPdf, accelerator: 'CmdOrCtrl+E', enabled: o.hasIssue, click: act({ action: 'export-pdf' }) },
      ...(mac ? [] : [{ type: 'separator' as const }, { id: 'quit', role: 'quit' as const, label: L.quit, accelerator: o.platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q' }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: m(L.edit),
    submenu: [
      // Undo and Redo go to the renderer, which undoes text in a text field or the story editor,
      // and page edits (frames, pages) otherwise — the undo role alone knows only text.
      { id: 'undo', label: L.undo, accelerator: 'CmdOrCtrl+Z', click: act({ action: 'undo' }) },
      // Windows' usual redo is Ctrl+Y; macOS and Linux use Shift+Cmd/Ctrl+Z.
      { id: 'redo', label: L.redo, accelerator: o.platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z', click: act({ action: 'redo' }) },
      { type: 'separator' },
      { role: 'cut', label: L.cut, accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', label: L.copy, accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', label: L.paste, accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', label: L.selectAll, accelerator: 'CmdOrCtrl+A' },
      { type: 'separator' },
      { id: 'find', label: L.find, accelerator: 'CmdOrCtrl+F', enabled: o.hasIssue, click: act({ action: 'find' }) },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: m(L.view),
    submenu: [
      { id: 'zoom-in', label: L.zoomIn, accelerator: 'CmdOrCtrl+=', click: act({ action: 'zoom-in' }) },
      { id: 'zoom-out', label: L.zoomOut, accelerator: 'CmdOrCtrl+-', click: act({ action: 'zoom-out' }) },
      // As the page's keys (keys.ts): Ctrl+0 fits the page, Ctrl+1 is 100 %.
      { id: 'fit-page', label: L.fitPage, accelerator: 'CmdOrCtrl+0', click: act({ action: 'fit-page' }) },
      { id: 'zoom-reset', label: L.zoomReset, accelerator: 'CmdOrCtrl+1', click: act({ action: 'zoom-reset' }) },
      { type: 'separator' },
      // Ctrl+' is the grid toggle layout editors know from InDesign.
      { id: 'show-grid', label: L.showGrid, type: 'checkbox', checked: o.showGrid, accelerator: "CmdOrCtrl+'", click: (item) => o.onAction({ action: 'show-grid', checked: item.checked }) },
      { id: 'show-guides', label: L.showGuides, type: 'checkbox', checked: o.showGuides ?? true, enabled: o.hasIssue, click: (item) => o.onAction({ action: 'show-guides', checked: item.checked }) },
      { id: 'lock-guides', label: L.lockGuides, type: 'checkbox', checked: o.lockGuides ?? false, enabled: o.hasIssue, click: (item) => o.onAction({ action: 'lock-guides', checked: item.checked }) },
      { id: 'clear-guides', label: L.clearGuides, enabled: o.hasIssue, click: act({ action: 'clear-guides' }) },
      // The page's own key for the Links panel (renderer/workspace/keys.ts); there is no Window menu but on a Mac.
      { id: 'links', label: L.links, accelerator: 'CmdOrCtrl+Shift+L', enabled: o.hasIssue, click: act({ action: 'links' }) },
      { id: 'styles', label: L.styles, accelerator: 'CmdOrCtrl+F11', enabled: o.hasIssue, click: act({ action: 'styles' }) },
      { type: 'separator' },
      { role: 'togglefullscreen', label: L.fullScreen, accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(o.devTools ? [{ role: 'toggleDevTools' as const, label: L.devTools, accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: m(L.help),
    role: 'help',
    submenu: [{ id: 'shortcuts', label: L.shortcuts, accelerator: 'CmdOrCtrl+/', click: act({ action: 'shortcuts' }) }, { id: 'open-sample', label: L.openSample, click: act({ action: 'open-sample' }) }, ...(mac ? [] : [{ type: 'separator' as const }, { id: 'about', label: L.about, click: act({ action: 'about' }) }])],
  };

  if (!mac) return [file, edit, view, help];
  const appMenu: MenuItemConstructorOptions = {
    label: o.appName,
    submenu: [
      { id: 'about', label: L.about, click: act({ action: 'about' }) },
      { type: 'separator' },
      { role: 'services', label: L.services },
      { type: 'separator' },
      { role: 'hide', label: L.hide, accelerator: 'Cmd+H' },
      { role: 'hideOthers', label: L.hideOthers, accelerator: 'Alt+Cmd+H' },
      { role: 'unhide', label: L.unhide },
      { type: 'separator' },
      { id: 'quit', role: 'quit', label: `${L.quit} ${o.appName}`, accelerator: 'Cmd+Q' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: m(L.window),
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', label: L.minimize, accelerator: 'Cmd+M' },
      { role: 'close', label: L.close, accelerator: 'Cmd+W' },
    ],
  };
  return [appMenu, file, edit, view, windowMenu, help];
}
