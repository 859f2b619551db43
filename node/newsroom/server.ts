import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import { errorMessage } from '../../core/error-message.js';
import { readBody } from '../http-body.js';
import { NewsroomDbError } from './db.js';
import { FitKeeper } from './fit.js';
import { MAX_PHOTO_BYTES, readPhoto, storePhoto } from './photos.js';
import { checkId, EVENTS_CHANNEL, NewsroomError, type Actor, type Newsroom, type NewsroomEvent, type TargetKind } from './service.js';

/**
 * The newsroom's HTTP API: JSON over HTTP(S), a Bearer session token on every call but sign-in,
 * and server-sent events for live changes. Routing and body limits live here; every rule about
 * who may do what lives in `Newsroom`, which checks it against the database on each call.
 *
 * Live events come from PostgreSQL's NOTIFY, not from this process: a change committed through
 * any server on the same database reaches the subscribers of every server.
 */

export interface NewsroomServerOptions {
  newsroom: Newsroom;
  /** Address to listen on; default 127.0.0.1. Any other address needs `tls`. */
  listen?: string;
  /** 0 = any free port (tests); default 0. */
  port?: number;
  /** PEM certificate and key: the server speaks HTTPS. */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** Largest JSON request body, bytes (default 8 MB: a story's limit plus room). */
  maxJsonBytes?: number;
  /** How often an event stream re-checks its session (default 30 s): a disabled user's stream ends. */
  streamRecheckMs?: number;
  /** Recompose stories' fit after check-ins (default true; tests of other things turn it off). */
  fit?: boolean;
  /** Where request failures that are the server's fault are reported (default stderr). */
  log?: (line: string) => void;
}

export interface NewsroomServer {
  url: string;
  port: number;
  server: Server;
  /** Open event streams (for tests and the status line). */
  streams(): number;
  close(): Promise<void>;
}

export const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** Deepest JSON a request may nest (a story is doc > list > item > paragraph > text: a handful). */
export const MAX_JSON_DEPTH = 64;
const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export class ListenRefused extends Error {}

/** Is this address only reachable from this machine? */
export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\./.test(address);
}

type Handler = (c: Call) => Promise<unknown>;
interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  query: URLSearchParams;
  actor(): Promise<Actor>;
  json(): Promise<Record<string, unknown>>;
  raw(max: number): Promise<Buffer>;
}

/** A finished response (a photo's bytes, an event stream) rather than a JSON value. */
const SENT = Symbol('sent');

export async function startNewsroomServer(opts: NewsroomServerOptions): Promise<NewsroomServer> {
  const nr = opts.newsroom;
  const listen = opts.listen ?? '127.0.0.1';
  if (!isLoopback(listen) && !opts.tls) {
    throw new ListenRefused(
      `refusing to listen on ${listen} without TLS: passwords and session tokens would cross the network in clear text. Give --tls-cert and --tls-key (PEM files), or listen on 127.0.0.1 behind a TLS proxy`,
    );
  }
  if (listen !== 'localhost' && !isIP(listen) && listen !== '0.0.0.0') throw new ListenRefused(`--listen wants an IP address; got ${JSON.stringify(listen)}`);
  const maxJson = opts.maxJsonBytes ?? MAX_JSON_BYTES;
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));

  // ---- live events: one LISTEN per process, fanned out to each edition's streams ----
  const fit = opts.fit === false ? undefined : new FitKeeper(nr.db, { log });
  const streams = new Map<string, Set<(e: NewsroomEvent, raw: string) => void>>();
  const unlisten = await nr.db.listen(EVENTS_CHANNEL, (payload) => {
    let e: NewsroomEvent;
    try {
      e = JSON.parse(payload);
    } catch {
      return;
    }
    fit?.onEvent(e);
    for (const send of streams.get(e.edition) ?? []) send(e, payload);
    for (const send of streams.get('*') ?? []) send(e, payload);
  });

  const kindOf = (k: string): TargetKind => (k === 'stories' ? 'story' : 'page');
  const int = (v: unknown, what: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new NewsroomError(400, 'invalid', `${what} must be a whole number from 1; got ${JSON.stringify(v)}`);
    return n;
  };
  const text = (v: unknown, what: string): string => {
    if (typeof v !== 'string') throw new NewsroomError(400, 'invalid', `${what} must be text`);
    return v;
  };

  const routes: [string, RegExp, Handler][] = [];
  const route = (method: string, path: string, h: Handler) => {
    const re = new RegExp('^' + path.replace(/:[a-z]+/g, '([^/]+)') + '$');
    routes.push([method, re, h]);
  };
  const E = '/api/editions/:edition';
  const T = `${E}/(stories|pages)/:id`;

  route('GET', '/api/health', async () => ({ ok: true, database: nr.db.kind }));
  route('POST', '/api/login', async (c) => {
    const b = await c.json();
    return nr.login(b.login as string, b.password as string, c.req.socket.remoteAddress ?? '');
  });
  route('POST', '/api/logout', async (c) => (await nr.logout(await c.actor()), {}));
  route('GET', '/api/me', async (c) => {
    const a = await c.actor();
    return { login: a.login, name: a.name, role: a.role };
  });
  route('POST', '/api/me/password', async (c) => {
    const a = await c.actor();
    await nr.setPassword(a.login, text((await c.json()).password, 'password'), a);
    return {};
  });

  route('GET', '/api/users', async (c) => nr.listUsers(await c.actor()));
  route('POST', '/api/users', async (c) => {
    const b = await c.json();
    await nr.addUser({ login: b.login as string, name: b.name as string, role: b.role as never, password: b.password as string }, await c.actor());
    return {};
  });
  route('POST', '/api/users/:login/password', async (c) => (await nr.setPassword(c.params[0], text((await c.json()).password, 'password'), await c.actor()), {}));
  route('POST', '/api/users/:login/disabled', async (c) => (await nr.setDisabled(c.params[0], (await c.json()).disabled !== false, await c.actor()), {}));

  route('GET', '/api/editions', async (c) => nr.listEditions(await c.actor()));
  route('POST', '/api/editions', async (c) => {
    const b = await c.json();
    return { id: await nr.createEdition(await c.actor(), b as never) };
  });
  route('GET', E, async (c) => nr.overview(await c.actor(), c.params[0]));
  route('POST', `${E}/stories`, async (c) => nr.createStory(await c.actor(), c.params[0], (await c.json()) as never));
  route('POST', `${E}/pages`, async (c) => nr.createPage(await c.actor(), c.params[0], (await c.json()) as never));
  route('POST', `${E}/photos`, async (c) => {
    const b = await c.json();
    await nr.addAsset(await c.actor(), c.params[0], b as never);
    return {};
  });
  route('GET', `${E}/stories/:id`, async (c) => nr.getStory(await c.actor(), c.params[0], c.params[1]));
  route('GET', `${E}/pages/:id`, async (c) => nr.getPage(await c.actor(), c.params[0], c.params[1]));
  route('POST', `${T}/checkout`, async (c) => nr.checkout(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2], { takeover: (await c.json()).takeover === true }));
  route('POST', `${T}/heartbeat`, async (c) => nr.heartbeat(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2]));
  route('POST', `${T}/cancel`, async (c) => (await nr.cancel(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2]), {}));
  route('POST', `${T}/break`, async (c) => (await nr.breakLease(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2]), {}));
  route('POST', `${T}/checkin`, async (c) => {
    const a = await c.actor();
    const b = await c.json();
    const [edition, kind, id] = [c.params[0], kindOf(c.params[1]), c.params[2]];
    const keep = b.keep === true;
    const note = typeof b.note === 'string' ? b.note : undefined;
    return kind === 'story'
      ? nr.checkinStory(a, edition, id, { doc: b.doc, slug: b.slug as string | undefined, banner: b.banner as string | null | undefined, keep, note })
      : nr.checkinPage(a, edition, id, { page: b.page as never, keep, note });
  });
  route('POST', `${T}/status`, async (c) => (await nr.setStatus(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2], text((await c.json()).status, 'status')), {}));
  route('GET', `${T}/versions`, async (c) => nr.versions(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2]));
  route('GET', `${T}/versions/:v`, async (c) => nr.version(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2], int(c.params[3], 'the version')));
  route('GET', `${T}/diff`, async (c) => nr.diff(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2], int(c.query.get('from'), 'from'), int(c.query.get('to'), 'to')));
  route('POST', `${T}/restore`, async (c) => nr.restore(await c.actor(), c.params[0], kindOf(c.params[1]), c.params[2], int((await c.json()).version, 'the version')));
  route('GET', '/api/audit', async (c) => nr.audit(await c.actor(), c.query.get('edition') ?? undefined, Number(c.query.get('limit') ?? 500) || 500));

  route('POST', '/api/blobs', async (c) => {
    const a = await c.actor();
    nr.require(a, 'photo.upload');
    const data = await c.raw(MAX_PHOTO_BYTES);
    return storePhoto(nr.db, data, c.query.get('name') ?? 'the upload');
  });
  route('GET', '/api/blobs/:hash', async (c) => {
    await c.actor();
    const photo = await readPhoto(nr.db, c.params[0]);
    if (!photo) throw new NewsroomError(404, 'not-found', `no photo ${c.params[0].slice(0, 70)}`);
    c.res.writeHead(200, { ...HEADERS, 'content-type': `image/${photo.format}`, 'content-length': photo.bytes.length, 'cache-control': 'private, max-age=31536000, immutable' });
    c.res.end(photo.bytes);
    return SENT;
  });

  route('GET', '/api/events', async (c) => {
    const a = await c.actor();
    const edition = c.query.get('edition') ?? '*';
    if (edition !== '*') checkId('edition', edition);
    const { res } = c;
    res.writeHead(200, { ...HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 2000\n: signed in as ${a.login}\n\n`);
    const send = (e: NewsroomEvent, raw: string) => res.write(`event: ${e.type}\ndata: ${raw}\n\n`);
    let set = streams.get(edition);
    if (!set) streams.set(edition, (set = new Set()));
    set.add(send);
    // A comment now and then keeps proxies from closing the stream; the session is re-checked,
    // so a user disabled (or signed out) stops receiving the edition's changes.
    const token = bearer(c.req);
    const timer = setInterval(async () => {
      try {
        await nr.authenticate(token);
        res.write(': ping\n\n');
      } catch {
        res.end('event: signed-out\ndata: {}\n\n');
      }
    }, opts.streamRecheckMs ?? 30_000);
    const stop = () => {
      clearInterval(timer);
      set!.delete(send);
      if (!set!.size) streams.delete(edition);
    };
    res.on('close', stop);
    return SENT;
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://newsroom');
    let actor: Promise<Actor> | undefined;
    const call: Call = {
      req,
      res,
      params: [],
      query: url.searchParams,
      actor: () => (actor ??= nr.authenticate(bearer(req))),
      json: async () => {
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '') && (req.headers['content-length'] ?? '0') !== '0') {
          throw new NewsroomError(400, 'invalid', 'send the request body as application/json');
        }
        const body = (await readLimited(req, maxJson)).toString('utf8');
        if (!body.trim()) return {};
        let v: unknown;
        try {
          v = JSON.parse(body);
        } catch {
          throw new NewsroomError(400, 'invalid', 'the request body is not JSON');
        }
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new NewsroomError(400, 'invalid', 'the request body must be a JSON object');
        if (nestedDeeperThan(v, MAX_JSON_DEPTH)) throw new NewsroomError(400, 'invalid', `the request body nests deeper than ${MAX_JSON_DEPTH} levels; no story or page does`);
        return v as Record<string, unknown>;
      },
      raw: (max) => readLimited(req, max),
    };
    try {
      let allowed: string[] = [];
      for (const [method, re, h] of routes) {
        const m = re.exec(url.pathname);
        if (!m) continue;
        if (method !== req.method) {
          allowed.push(method);
          continue;
        }
        call.params = m.slice(1).map((p) => checkId('path', decodeSegment(p)));
        const out = await h(call);
        if (out !== SENT) send(res, 200, out ?? {});
        return;
      }
      if (allowed.length) return send(res, 405, { error: { code: 'method', message: `${url.pathname} takes ${allowed.join(', ')}` } });
      send(res, 404, { error: { code: 'not-found', message: `no such API: ${req.method} ${url.pathname}` } });
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof NewsroomError) {
        if (err.status === 413) res.setHeader('connection', 'close');
        return send(res, err.status, { error: { code: err.code, message: err.message, detail: err.detail } });
      }
      if (err instanceof NewsroomDbError || /ECONNREFUSED|terminating connection|Connection terminated/.test(errorMessage(err))) {
        return send(res, 503, { error: { code: 'database', message: `the newsroom database is not answering: ${errorMessage(err)}` } });
      }
      log(`newsroom: ${req.method} ${url.pathname} failed: ${(err as Error)?.stack ?? errorMessage(err)}`);
      send(res, 500, { error: { code: 'failed', message: `the server failed: ${errorMessage(err)}` } });
    }
  };

  const serverOpts = { headersTimeout: 10_000, requestTimeout: 120_000 };
  const server: Server = opts.tls ? createHttpsServer({ ...serverOpts, cert: opts.tls.cert, key: opts.tls.key }, handle) : createHttpServer(serverOpts, handle);
  // Event streams last; the whole-request timeout is for requests, not for them.
  server.on('request', (req) => {
    if (req.url?.startsWith('/api/events')) req.socket.setTimeout(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, listen, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = listen.includes(':') ? `[${listen}]` : listen === '0.0.0.0' ? '127.0.0.1' : listen;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    server,
    streams: () => [...streams.values()].reduce((n, s) => n + s.size, 0),
    async close() {
      await unlisten();
      await fit?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether a parsed JSON value nests deeper than `max` (checked without recursion, so a hostile body cannot overflow the stack). */
function nestedDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) return true;
    if (typeof x === 'object' && x !== null) for (const y of Object.values(x)) if (typeof y === 'object' && y !== null) stack.push([y, d + 1]);
  }
  return false;
}

function decodeSegment(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    throw new NewsroomError(400, 'invalid', `bad escape in the path: ${JSON.stringify(p.slice(0, 80))}`);
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return typeof h === 'string' && /^Bearer [A-Za-z0-9_-]{20,100}$/.test(h) ? h.slice(7) : undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a body of at most `max` bytes; a larger one is refused (413) as soon as it is known. */
async function readLimited(req: IncomingMessage, max: number): Promise<Buffer> {
  const r = await readBody(req, max);
  if ('refused' in r) throw new NewsroomError(413, 'too-large', `the request is larger than ${(max / 2 ** 20).toFixed(0)} MB`);
  return r.bytes;
}
