import type { NewsroomEvent, TargetKind } from './service.js';

/**
 * A client of the newsroom server's HTTP API, over `fetch`: what the app, the CLI, the tests and
 * the benchmark speak. Errors come back as `NewsroomClientError` with the server's status, code
 * and message, so a caller can tell "checked out by 王芳" (409) from "sign in again" (401).
 */

export class NewsroomClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const plural = (k: TargetKind) => (k === 'story' ? 'stories' : 'pages');

export class NewsroomClient {
  token: string | undefined;

  constructor(
    readonly base: string,
    token?: string,
  ) {
    this.token = token;
  }

  async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | Uint8Array | undefined;
    if (body instanceof Uint8Array) {
      headers['content-type'] = 'application/octet-stream';
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, body: payload as never });
    const text = await res.text();
    let value: unknown;
    try {
      value = text ? JSON.parse(text) : {};
    } catch {
      throw new NewsroomClientError(res.status, 'bad-response', `the server answered ${res.status} with something that is not JSON`);
    }
    if (!res.ok) {
      const e = (value as { error?: { code: string; message: string; detail?: Record<string, unknown> } }).error;
      throw new NewsroomClientError(res.status, e?.code ?? 'failed', e?.message ?? `HTTP ${res.status}`, e?.detail);
    }
    return value as T;
  }

  async login(login: string, password: string): Promise<{ token: string; expires: string; user: { login: string; name: string; role: string } }> {
    const r = await this.call<{ token: string; expires: string; user: { login: string; name: string; role: string } }>('POST', '/api/login', { login, password });
    this.token = r.token;
    return r;
  }

  edition<T = unknown>(edition: string): Promise<T> {
    return this.call('GET', `/api/editions/${enc(edition)}`);
  }

  target(edition: string, kind: TargetKind, id: string, action = ''): string {
    return `/api/editions/${enc(edition)}/${plural(kind)}/${enc(id)}${action ? '/' + action : ''}`;
  }

  checkout(edition: string, kind: TargetKind, id: string, takeover = false) {
    return this.call<{ user: string; expires: string }>('POST', this.target(edition, kind, id, 'checkout'), { takeover });
  }

  checkin(edition: string, kind: TargetKind, id: string, body: Record<string, unknown>) {
    return this.call<{ version: number }>('POST', this.target(edition, kind, id, 'checkin'), body);
  }

  /**
   * Subscribes to an edition's changes (server-sent events over a streaming fetch, so the token
   * travels in a header, never in a URL). Resolves once the stream is open; `close()` ends it.
   */
  async events(edition: string, onEvent: (e: NewsroomEvent) => void, onEnd?: (reason: string) => void): Promise<{ close(): void }> {
    const abort = new AbortController();
    const res = await fetch(`${this.base}/api/events?edition=${enc(edition)}`, { headers: { authorization: `Bearer ${this.token}` }, signal: abort.signal });
    if (!res.ok || !res.body) {
      const e = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
      throw new NewsroomClientError(res.status, e.error?.code ?? 'failed', e.error?.message ?? `HTTP ${res.status}`);
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const type = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (type === 'signed-out') return onEnd?.('signed-out');
            if (data) onEvent(JSON.parse(data));
          }
        }
        onEnd?.('closed');
      } catch (err) {
        if (!abort.signal.aborted) onEnd?.((err as Error).message);
      }
    })();
    return { close: () => abort.abort() };
  }
}

const enc = encodeURIComponent;
