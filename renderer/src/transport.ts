import { ApiError, createApiClient, type ApiMethod, type ApiResult } from '../../core/api/methods.js';
import type { BroadsheetBridge } from '../../core/api/shell.js';

/**
 * The renderer's one way to the services, picked at start-up: the preload's bridge when the
 * app runs in Electron, else HTTP to the loopback host that served this page. Everything
 * above this module sees the same BroadsheetBridge either way.
 */

export type TransportKind = 'electron' | 'loopback';

export interface Transport {
  kind: TransportKind;
  api: BroadsheetBridge;
}

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    broadsheet?: BroadsheetBridge;
  }
}

const TOKEN_HEADER = 'x-broadsheet-token';

/** Builds the HTTP transport; `token` is sent as a header when the page URL still carries it. */
export function httpTransport(base: URL, token?: string): BroadsheetBridge {
  const call = async (method: ApiMethod, arg: unknown): Promise<ApiResult> => {
    let res: Response;
    try {
      res = await fetch(new URL(`api/${encodeURIComponent(method)}`, base), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
        body: JSON.stringify(arg ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { code: 'failed', message: `The Broadsheet host does not answer (${err instanceof Error ? err.message : String(err)}); is \`broadsheet serve\` still running?` } };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, error: { code: 'failed', message: `The host answered ${res.status} ${res.statusText} without a JSON body` } };
    }
    if (typeof body === 'object' && body !== null && 'ok' in body) return body as ApiResult;
    return { ok: false, error: { code: 'failed', message: `The host answered ${res.status} with an unexpected body` } };
  };
  const api = createApiClient(call);
  return Object.assign(api, { onMenuCommand: () => () => {} });
}

/** The transport for this page. */
export function pickTransport(win: Window = window): Transport {
  if (win.broadsheet) return { kind: 'electron', api: win.broadsheet };
  const url = new URL(win.location.href);
  const token = url.searchParams.get('token') ?? undefined;
  return { kind: 'loopback', api: httpTransport(new URL('./', url), token) };
}

/** A readable message for any failure of an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.field ? `${err.message} (${err.field})` : err.message;
  return err instanceof Error ? err.message : String(err);
}
