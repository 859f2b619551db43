// The preload of every Broadsheet window (sandboxed, context-isolated): exposes exactly one
// object, `window.broadsheet` — the typed BroadsheetApi over IPC plus the menu-command
// subscription. No ipcRenderer, no Node, nothing else reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, type ApiMethod, type ApiResult, type BroadsheetApi, type UploadDto } from '../core/api/methods.js';
import { IPC_CHANNELS, isMenuCommand, type BroadsheetBridge, type MenuCommand } from '../core/api/shell.js';

// A failed call rejects with the plain error body ({ code, message, field }) rather than an
// Error: contextBridge copies plain objects whole but keeps only the message of an Error. The
// renderer turns the body back into an ApiError (renderer/src/transport.ts, fromBridge).
const api = {} as Record<ApiMethod, (arg?: unknown) => Promise<unknown>>;
for (const method of API_METHODS) {
  api[method] = async (arg?: unknown) => {
    const result = (await ipcRenderer.invoke(IPC_CHANNELS.api, method, arg)) as ApiResult;
    if (!result.ok) throw { ...result.error };
    return result.value;
  };
}

const bridge: BroadsheetBridge = {
  ...(api as unknown as BroadsheetApi),
  // The renderer hands over an ArrayBuffer (renderer/src/transport.ts reads the file); it crosses
  // to the main process by structured clone, whole, with no base64 on the way.
  async uploadFile(name: string, data: unknown) {
    if (!(data instanceof ArrayBuffer)) throw { code: 'bad-arguments', field: 'data', message: 'uploadFile: the file must be sent as an ArrayBuffer' };
    const result = (await ipcRenderer.invoke(IPC_CHANNELS.upload, name, data)) as ApiResult<UploadDto>;
    if (!result.ok) throw { ...result.error };
    return result.value;
  },
  async askSaveAs() {
    return (await ipcRenderer.invoke(IPC_CHANNELS.saveAs)) === true;
  },
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(IPC_CHANNELS.menu, handler);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.menu, handler);
  },
};

contextBridge.exposeInMainWorld('broadsheet', bridge);
