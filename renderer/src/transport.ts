import { API_METHODS, ApiError, createApiClient, type ApiErrorBody, type ApiMethod, type ApiResult, type BroadsheetApi } from '../../core/api/methods.js';
import { isMenuCommand, type BroadsheetBridge, type FileBytes, type MenuCommand } from '../../core/api/shell.js';
import type { UploadDto } from '../../core/api/methods.js';
import { errorMessage as coreErrorMessage } from '../../core/error-message.js';
import { hostErrorText } from './host-errors.js';

/**
 * The renderer's one way to the services, picked at start-up: the preload's bridge when the
 * app runs in Electron, else HTTP to the loopback host that served this page. Everything
 * above this module sees the same BroadsheetBridge either way.
 */

export type TransportKind = 'electron' | 'loopback';

export interface Transport {
  kind: TransportKind;
  api: BroadsheetBridge;
  /** Where the host's files are (fonts, subsets, photos) and how this page fetches one. */
  files: HostFiles;
}

/** The host's files: relative URLs resolve against `base`; `fetch` sends this page's credentials. */
export interface HostFiles {
  base: URL;
  fetch(url: URL): Promise<Response>;
}

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    broadsheet?: BroadsheetBridge;
  }
}

const TOKEN_HEADER = 'x-broadsheet-token';
const CLIENT_HEADER = 'x-broadsheet-client';

/** Builds the HTTP transport; `token` goes with every call as a header, and `client` (this tab's id) too. */
export function httpTransport(base: URL, token?: string, client?: string): BroadsheetBridge {
  const call = async (method: ApiMethod, arg: unknown): Promise<ApiResult> => {
    let res: Response;
    try {
      res = await fetch(new URL(`api/${encodeURIComponent(method)}`, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}), ...(client ? { [CLIENT_HEADER]: client } : {}) },
        body: JSON.stringify(arg ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { code: 'failed', message: `The Broadsheet host does not answer (${coreErrorMessage(err)}); is \`broadsheet serve\` still running?`, reason: 'host.unreachable' } };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, error: { code: 'failed', message: `The host answered ${res.status} ${res.statusText} without a JSON body`, reason: 'host.bad-answer', params: { status: res.status } } };
    }
    if (typeof body === 'object' && body !== null && 'ok' in body) return body as ApiResult;
    return { ok: false, error: { code: 'failed', message: `The host answered ${res.status} with an unexpected body`, reason: 'host.bad-answer', params: { status: res.status } } };
  };
  const api = createApiClient(call);
  /** The file's bytes as a body of their own (a Blob is streamed from the file, not read into the page first). */
  const uploadFile = async (name: string, data: FileBytes | ArrayBuffer): Promise<UploadDto> => {
    let res: Response;
    try {
      res = await fetch(new URL(`api/upload?name=${encodeURIComponent(name)}`, base), {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...(token ? { [TOKEN_HEADER]: token } : {}), ...(client ? { [CLIENT_HEADER]: client } : {}) },
        body: data as BodyInit,
      });
    } catch (err) {
      throw new ApiError({ code: 'failed', message: `"${name}" could not be sent to the Broadsheet host (${coreErrorMessage(err)}); is \`broadsheet serve\` still running?`, reason: 'upload.unreachable', params: { name } });
    }
    const body = (await res.json().catch(() => undefined)) as ApiResult<UploadDto> | undefined;
    if (body && typeof body === 'object' && 'ok' in body) {
      if (body.ok) return body.value;
      throw new ApiError(body.error);
    }
    throw new ApiError({ code: 'failed', message: `The host answered ${res.status} ${res.statusText} to the upload of "${name}" without a JSON body`, reason: 'host.bad-answer', params: { status: res.status } });
  };
  return Object.assign(api, { onMenuCommand: pageMenuCommands, uploadFile });
}

/** The DOM event that carries menu commands in a browser, where there is no native menu. */
export const MENU_EVENT = 'broadsheet-menu';

/**
 * Menu commands in a browser (loopback host): there is no native menu, so commands arrive as
 * `broadsheet-menu` events on the window, dispatched by the page itself (a future in-page menu,
 * the end-to-end tests). Only well-formed commands are passed on.
 */
function pageMenuCommands(listener: (command: MenuCommand) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const handler = (e: Event) => {
    const detail = (e as CustomEvent<unknown>).detail;
    if (isMenuCommand(detail)) listener(detail);
  };
  window.addEventListener(MENU_EVENT, handler);
  return () => window.removeEventListener(MENU_EVENT, handler);
}

function isErrorBody(e: unknown): e is ApiErrorBody {
  return typeof e === 'object' && e !== null && typeof (e as ApiErrorBody).code === 'string' && typeof (e as ApiErrorBody).message === 'string';
}

/**
 * The preload's bridge as the renderer uses it: a failed call rejects there with the plain
 * error body (contextBridge keeps only the message of an Error), which becomes an ApiError
 * here — so code and field survive, as over HTTP.
 */
export function fromBridge(bridge: BroadsheetBridge): BroadsheetBridge {
  const api = {} as Record<ApiMethod, (arg?: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    const fn = (bridge as unknown as Record<ApiMethod, (arg?: unknown) => Promise<unknown>>)[method];
    api[method] = (arg?: unknown) =>
      fn(arg).catch((err: unknown) => {
        throw isErrorBody(err) ? new ApiError(err) : new ApiError({ code: 'failed', message: coreErrorMessage(err) });
      });
  }
  return {
    ...(api as unknown as BroadsheetApi),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    ...(bridge.askSaveAs ? { askSaveAs: () => bridge.askSaveAs!() } : {}),
    // Over IPC the bytes go as one ArrayBuffer (contextBridge clones it; a Blob would not cross).
    uploadFile: async (name, data) =>
      bridge.uploadFile(name, data instanceof ArrayBuffer ? data : await data.arrayBuffer()).catch((err: unknown) => {
        throw isErrorBody(err) ? new ApiError(err) : new ApiError({ code: 'failed', message: coreErrorMessage(err) });
      }),
  };
}

/** Where this tab keeps the loopback host's token (sessionStorage is per tab and per origin, so per host). */
export const TOKEN_KEY = 'broadsheet-token';

/**
 * The launch token of the loopback host: from the URL the host printed (`?token=`) the first
 * time, then from this tab's sessionStorage (a reload keeps working); the URL loses it at once,
 * so it is neither in the address bar nor in the history.
 */
export function takeToken(win: Window): string | undefined {
  const url = new URL(win.location.href);
  const given = url.searchParams.get('token');
  if (given !== null) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, given);
    } catch {
      /* storage refused (private mode quotas): the token lives in this page only */
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return given;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Where this tab keeps its own id (sessionStorage: a reload is the same tab, another tab is another). */
export const CLIENT_KEY = 'broadsheet-client';

/** This tab's id for the host, which tells two tabs on one issue apart (node/services/tab-editors.ts). */
export function tabClientId(win: Window): string {
  const fresh = () => Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    const kept = win.sessionStorage.getItem(CLIENT_KEY);
    if (kept && /^[0-9a-f]{32}$/.test(kept)) return kept;
    const id = fresh();
    win.sessionStorage.setItem(CLIENT_KEY, id);
    return id;
  } catch {
    return fresh();
  }
}

/** The transport for this page. */
export function pickTransport(win: Window = window): Transport {
  const base = new URL('./', win.location.href);
  if (win.broadsheet) return { kind: 'electron', api: fromBridge(win.broadsheet), files: { base, fetch: (url) => fetch(url) } };
  const token = takeToken(win);
  const headers: Record<string, string> = token ? { [TOKEN_HEADER]: token } : {};
  return { kind: 'loopback', api: httpTransport(base, token, tabClientId(win)), files: { base, fetch: (url) => fetch(url, { headers }) } };
}

/** A readable message for any failure of an API call, in the UI's language where the failure has a reason (host-errors.ts). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return hostErrorText(err) ?? (err.field ? `${err.message} (${err.field})` : err.message);
  return coreErrorMessage(err);
}
