// The preload of every Broadsheet window (sandboxed, context-isolated): exposes exactly one
// object, `window.broadsheet` — the typed BroadsheetApi over IPC plus the menu-command
// subscription. No ipcRenderer, no Node, nothing else reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient, type ApiResult } from '../core/api/methods.js';
import { IPC_CHANNELS, isMenuCommand, type BroadsheetBridge, type MenuCommand } from '../core/api/shell.js';

const api = createApiClient((method, arg) => ipcRenderer.invoke(IPC_CHANNELS.api, method, arg) as Promise<ApiResult>);

const bridge: BroadsheetBridge = {
  ...api,
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(IPC_CHANNELS.menu, handler);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.menu, handler);
  },
};

contextBridge.exposeInMainWorld('broadsheet', bridge);
