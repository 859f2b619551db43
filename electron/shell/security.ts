import { isAppUrl } from './protocol.js';

/**
 * The window's security settings and the checks the main process makes on every IPC call
 * and navigation (Electron's security checklist: context isolation, sandbox, no Node in the
 * renderer, web security, validated senders, no navigation, no new windows).
 */

/** webPreferences of every Broadsheet window; `preload` is added by the caller. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

/** What the main process knows about the sender of an IPC message. */
export interface IpcSender {
  /** URL of the frame that sent the message (event.senderFrame.url); undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** Whether that frame is the top frame of its page. */
  isMainFrame: boolean;
  /** webContents id of the sender. */
  webContentsId: number;
}

/**
 * Whether an IPC message comes from one of our windows' own page: the top frame, on the
 * app's origin, of a webContents we created. Anything else (a frame, a navigated page,
 * another webContents) is refused before arguments are even looked at.
 */
export function isTrustedSender(sender: IpcSender, ourWebContents: ReadonlySet<number>): boolean {
  return sender.isMainFrame && ourWebContents.has(sender.webContentsId) && isAppUrl(sender.frameUrl);
}

/**
 * Navigation policy: the renderer is a single page and never navigates. Only a reload of the
 * app's own entry is let through; everything else (links, drag-and-drop, redirects) is
 * stopped, and no URL is handed to the system browser.
 */
export function mayNavigate(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const path = new URL(url).pathname;
  return path === '/' || path === '/index.html';
}
