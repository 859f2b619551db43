import type { BroadsheetApi, UploadDto } from './methods.js';

/**
 * What the desktop shell adds to BroadsheetApi: commands from the native menu. The main
 * process shows native dialogs (open, save as, export) and sends the chosen path; the
 * renderer carries the command out through the API. The loopback host has no menu, so
 * there the subscription never fires and the toolbar offers the same view commands.
 */
export type MenuCommand =
  /** New issue: the in-page menu's template picker names the first page's template and the paper (the native menu: the default). */
  | { command: 'new'; template?: string; paper?: string; date?: string }
  | { command: 'open'; path: string }
  | { command: 'save' }
  | { command: 'save-as'; path: string }
  /** Export PDF…: the file the native save dialog chose; none (in-page menu) = the export dialog proposes one beside the issue. */
  | { command: 'export-pdf'; output?: string }
  /**
   * File ▸ Import Copy…: the files the shell's dialog returned (the main process lets importCopy
   * read exactly these); none (in-page menu) = the page's own file picker.
   */
  | { command: 'import-copy'; paths?: string[] }
  | { command: 'layout-unplaced' }
  /** File ▸ Place… (置入…): the page's file picker for photos, placed into the selection. */
  | { command: 'place' }
  /** View ▸ Links Panel: shows or hides the page's Links panel. */
  | { command: 'links' }
  /** View ▸ Styles Panel: shows or hides the page's paragraph and character styles (Ctrl+F11). */
  | { command: 'styles' }
  | { command: 'undo' }
  | { command: 'redo' }
  | { command: 'zoom-in' }
  | { command: 'zoom-out' }
  | { command: 'zoom-reset' }
  | { command: 'show-grid'; checked: boolean }
  /** View ▸ 显示参考线 / 锁定参考线 (the ruler guides): the native checkbox's state; none (in-page menu) = toggle. */
  | { command: 'show-guides'; checked?: boolean }
  | { command: 'lock-guides'; checked?: boolean }
  /** View ▸ 清除本版参考线: every ruler guide of the current page. */
  | { command: 'clear-guides' }
  | { command: 'find' }
  | { command: 'fit-page' }
  | { command: 'shortcuts' }
  | { command: 'preflight' }
  /** File ▸ Package…: the folder or .zip the native dialog chose; none (in-page menu) = the dialog proposes one beside the issue. */
  | { command: 'package'; to?: string };

export type MenuCommandName = MenuCommand['command'];

/** The menu-command subscription the preload exposes beside the API. */
export interface MenuEvents {
  /** Calls `listener` for every menu command; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/**
 * Sending a file's bytes to the host ahead of the API call that uses them (linkPhoto's `upload`):
 * over HTTP a request body of its own (`POST /api/upload`, streamed from the file); in the desktop
 * shell one ArrayBuffer over IPC (structured clone, no base64). Refusals reject as ApiErrors.
 */
export interface FileUploads {
  uploadFile(name: string, data: FileBytes | ArrayBuffer): Promise<UploadDto>;
}

/** A file picked or dropped in the page (a DOM Blob/File), as far as core needs to name it. */
export interface FileBytes {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The desktop shell's native Save As asked for by the page (a photo placed into an issue with no
 * file yet): the main process shows its save dialog and, when a file is chosen, sends the
 * `save-as` menu command with it, as its own Save As item does. Resolves with whether one was chosen.
 */
export interface SaveAsRequest {
  askSaveAs?(): Promise<boolean>;
}

/** The object the preload puts on `window.broadsheet`: the API plus menu events, uploads and the native Save As. */
export type BroadsheetBridge = BroadsheetApi & MenuEvents & FileUploads & SaveAsRequest;

/** Every menu command name (the preload and the tests check commands against it). */
export const MENU_COMMANDS = ['new', 'open', 'save', 'save-as', 'export-pdf', 'import-copy', 'place', 'layout-unplaced', 'undo', 'redo', 'zoom-in', 'zoom-out', 'zoom-reset', 'show-grid', 'show-guides', 'lock-guides', 'clear-guides', 'links', 'styles', 'find', 'fit-page', 'shortcuts', 'preflight', 'package'] as const satisfies readonly MenuCommandName[];

/** Whether a value from the IPC channel is a well-formed menu command (the renderer trusts nothing else). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  switch (v.command) {
    case 'open':
    case 'save-as':
      return typeof v.path === 'string' && v.path.length > 0;
    case 'new':
      return (v.template === undefined || (typeof v.template === 'string' && /^[\w-]{1,64}$/.test(v.template))) && (v.paper === undefined || (typeof v.paper === 'string' && v.paper.length <= 200)) && (v.date === undefined || (typeof v.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date)));
    case 'package':
      return v.to === undefined || (typeof v.to === 'string' && v.to.length > 0);
    case 'export-pdf':
      return v.output === undefined || (typeof v.output === 'string' && v.output.length > 0);
    case 'show-grid':
      return typeof v.checked === 'boolean';
    case 'show-guides':
    case 'lock-guides':
      return v.checked === undefined || typeof v.checked === 'boolean';
    case 'import-copy':
      return v.paths === undefined || (Array.isArray(v.paths) && v.paths.length > 0 && v.paths.length <= 20 && v.paths.every((p) => typeof p === 'string' && p.length > 0));
    case 'save':
    case 'undo':
    case 'redo':
    case 'zoom-in':
    case 'zoom-out':
    case 'zoom-reset':
    case 'layout-unplaced':
    case 'place':
    case 'find':
    case 'fit-page':
    case 'shortcuts':
    case 'preflight':
    case 'links':
    case 'styles':
    case 'clear-guides':
      return true;
    default:
      return false;
  }
}

/** IPC channel names shared by the main process and the preload. */
export const IPC_CHANNELS = {
  /** invoke(method, arg) → ApiResult */
  api: 'broadsheet:api',
  /** main → renderer: MenuCommand */
  menu: 'broadsheet:menu',
  /** invoke(name, ArrayBuffer) → ApiResult<UploadDto> */
  upload: 'broadsheet:upload',
  /** invoke() → boolean: the native Save As dialog; a chosen file comes back as the `save-as` menu command. */
  saveAs: 'broadsheet:save-as',
} as const;
