import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorBody, ApiResult, BroadsheetApi } from '../../core/api/index.js';
import { dispatchApiCall } from '../services/dispatch.js';
import { SECURITY_HEADERS, type ResourceResolver } from '../services/resources.js';
import { errorMessage } from '../../core/error-message.js';
import { readBody } from '../http-body.js';
import { Uploads, UploadRefused } from '../services/uploads.js';
import { photoFileName } from '../../core/api/schemas.js';

/**
 * The loopback host: the built renderer, its fonts and templates, and BroadsheetApi as
 * `POST /api/<method>` (JSON) plus `POST /api/upload?name=<file name>` (a file's bytes as
 * application/octet-stream, streamed to a temp file; answers the upload id linkPhoto takes), on
 * 127.0.0.1 only. The app's own code (index.html, the bundle)
 * is served to anyone on this machine; everything else — the API, photos, fonts, templates —
 * only with the per-launch token in the `x-broadsheet-token` header. The page reads the token
 * from the URL the host printed (`/?token=…`), keeps it in its tab's sessionStorage (per
 * origin, so per port) and drops it from the address bar: no cookie, so a server on another
 * port of 127.0.0.1 never receives it and two hosts in one browser never overwrite each other's.
 */

export interface LoopbackHostOptions {
  api: BroadsheetApi;
  /** The API as one tab sees it (its `x-broadsheet-client` id): which tab edits the shown issue is the host's to keep. */
  clientApi?: (client: string) => BroadsheetApi;
  resources: ResourceResolver;
  /** 0 (default) = any free port. */
  port?: number;
  /** Fixed token (tests); default 32 random bytes. */
  token?: string;
  /** Largest API request body (an issue with many stories), bytes. */
  maxBodyBytes?: number;
  /** Where `POST /api/upload` writes files (the services' linkPhoto takes them from there). */
  uploads?: Uploads;
}

export interface LoopbackHost {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-broadsheet-token';
/** The tab's own id (renderer/src/transport.ts), so the host can tell two tabs of one browser apart. */
export const CLIENT_HEADER = 'x-broadsheet-client';
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const HEADERS = { ...SECURITY_HEADERS, 'x-frame-options': 'DENY' };

function sendJson(res: ServerResponse, status: number, body: ApiResult | { ok: false; error: { code: string; message: string } }): void {
  res.writeHead(status, { ...HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: 400 | 401 | 403 | 404 | 405 | 408 | 413 | 415 | 429, message: string, why?: Pick<ApiErrorBody, 'reason' | 'params'>): void {
  sendJson(res, status, { ok: false, error: { code: 'refused', message, ...why } });
}

export { LARGE_BODY_BYTES } from '../http-body.js';

/** Header and whole-request time limits: a client that stalls does not hold a socket for Node's minutes. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * Why a request comes from another page than the host's own, or undefined. A browser sends
 * `Origin` on every POST and on cross-origin reads, and `Sec-Fetch-Site` on every request; a
 * page on another site or another port of 127.0.0.1 holding the browser's credentials is
 * refused by either. Clients that send neither (the CLI's tests, curl) carry the token.
 */
export function crossOrigin(req: IncomingMessage, port: number): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return `Cross-origin request refused (Origin ${origin} is not this host)`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Cross-origin request refused (Sec-Fetch-Site: ${site})`;
  return undefined;
}

const STATUS_FOR: Record<string, number> = { 'bad-arguments': 400, 'unknown-method': 404, 'not-found': 404, refused: 403, failed: 500 };

/** Starts the host on 127.0.0.1; resolves once it listens. */
export async function startLoopbackHost(opts: LoopbackHostOptions): Promise<LoopbackHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = 0;
  const large = { busy: false };
  const uploads = opts.uploads;

  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // DNS rebinding: a page on another name resolving to 127.0.0.1 must not reach us.
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(res, 403, 'Wrong Host header');
      const crossSite = crossOrigin(req, port);
      if (crossSite) return refuse(res, 403, crossSite);
      const given = req.headers[TOKEN_HEADER];
      const authorize = (): [401 | 403, string] | undefined => {
        if (typeof given !== 'string') return [401, 'Missing token: open the URL the host printed'];
        return sameToken(given, token) ? undefined : [403, 'Wrong token'];
      };

      if (url.pathname.startsWith('/api/')) {
        const denied = authorize();
        if (denied) return refuse(res, ...denied);
        if (url.pathname === '/api/upload') return await upload(req, res, url);
        if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST');
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'API calls are application/json');
        const body = await readBody(req, maxBody, large);
        if ('refused' in body) {
          res.setHeader('connection', 'close');
          return body.refused === 413 ? refuse(res, 413, 'Request too large') : refuse(res, 429, 'Another large request is being received: try again when it is done');
        }
        const text = body.bytes.toString('utf8');
        let arg: unknown;
        try {
          arg = text.trim() === '' ? undefined : JSON.parse(text);
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'bad-arguments', message: 'The request body is not JSON' } });
        }
        const client = req.headers[CLIENT_HEADER];
        const api = opts.clientApi && typeof client === 'string' && CLIENT_ID.test(client) ? opts.clientApi(client) : opts.api;
        const result = await dispatchApiCall(api, decodeURIComponent(url.pathname.slice(5)), arg);
        return sendJson(res, result.ok ? 200 : (STATUS_FOR[result.error.code] ?? 500), result);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET');
      const resource = await opts.resources(url.pathname);
      // The user's data, and whether a path exists at all, only with the token.
      const denied = resource?.public ? undefined : authorize();
      if (denied) return refuse(res, ...denied);
      const info = resource && (await stat(resource.file).catch(() => undefined));
      if (!resource || !info?.isFile()) {
        if (url.pathname === '/' || url.pathname === '/index.html')
          return refuse(res, 404, 'The renderer is not built: run `npm run build` first');
        return refuse(res, 404, `Not found: ${url.pathname}`);
      }
      res.writeHead(200, {
        ...HEADERS,
        'content-type': resource.type,
        'content-length': info.size,
        'cache-control': resource.immutable ? 'private, max-age=31536000, immutable' : 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(resource.file).pipe(res);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'failed', message: errorMessage(err) } });
      else res.destroy();
    }
  });

  /**
   * A file's bytes in a body of their own, written as they arrive (uploads.ts): the same token and
   * origin checks as the API have passed. Refusals close the connection after the answer (the
   * rest of a refused body is not read).
   */
  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const closing = (status: 400 | 408 | 413 | 429, message: string, why?: Pick<ApiErrorBody, 'reason' | 'params'>) => {
      res.setHeader('connection', 'close');
      refuse(res, status, message, why);
      req.resume();
      // A client that goes on sending after the answer is cut off.
      res.once('finish', () => setTimeout(() => req.destroy(), 2000).unref());
    };
    if (!uploads) return refuse(res, 404, 'This host takes no uploads');
    if (req.method !== 'POST') return refuse(res, 405, 'Uploads are POST');
    if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'Uploads are application/octet-stream (the file\'s bytes)');
    const name = url.searchParams.get('name') ?? '';
    const checked = photoFileName().safeParse(name);
    if (!checked.success) return closing(400, `upload: bad file name '${name.slice(0, 80)}' (query ?name=): ${checked.error.issues[0].message}`);
    const client = req.headers[CLIENT_HEADER];
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    try {
      const r = await uploads.receive(req, name, typeof client === 'string' && CLIENT_ID.test(client) ? client : 'anonymous', declared);
      sendJson(res, 200, { ok: true, value: r });
    } catch (err) {
      if (err instanceof UploadRefused) return closing(err.status, err.message, err.why);
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
