// The loopback host under oversized and concurrent bodies, and stalled clients: it answers
// each with a clear refusal and its memory does not grow with the number of uploads.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HEADERS_TIMEOUT_MS, LARGE_BODY_BYTES, REQUEST_TIMEOUT_MS, serveApp, TOKEN_HEADER, type LoopbackHost } from '../../node/host/index.js';
import { serializeIssue } from '../../node/store/index.js';
import { generateIssue } from '../store/generate-issue.js';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let host: LoopbackHost;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-limits-'));
  const issuePath = join(dir, 'one.broadsheet');
  writeFileSync(issuePath, serializeIssue(generateIssue({ pages: 1, chars: 200, photos: 0 })));
  mkdirSync(join(dir, 'renderer'));
  host = await serveApp(root, { issue: issuePath, maxBodyBytes: 8 * 1024 * 1024 });
});
after(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A POST to the API whose body the test writes itself; resolves the status when the answer comes. */
function post(method: string, headers: Record<string, string | number> = {}) {
  let answer!: (r: { status: number; body: string }) => void;
  const answered = new Promise<{ status: number; body: string }>((resolve) => (answer = resolve));
  const req = request({ host: '127.0.0.1', port: host.port, path: `/api/${method}`, method: 'POST', headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (body += c));
    res.on('end', () => answer({ status: res.statusCode ?? 0, body }));
  });
  req.on('error', () => {}); // the host may close the socket after refusing; the answer came first
  return { req, answered };
}

const chunk = (bytes: number) => Buffer.alloc(bytes, 0x20); // spaces: JSON whitespace

describe('request bodies', () => {
  test('a declared size over the limit is refused at once with 413', async () => {
    const { req, answered } = post('appInfo', { 'content-length': 9 * 1024 * 1024 });
    req.write(chunk(1024));
    const r = await answered;
    req.destroy();
    assert.equal(r.status, 413);
    assert.match(r.body, /Request too large/);
  });

  test('a body that grows past the limit while streaming is refused with 413', async () => {
    const { req, answered } = post('appInfo', { 'transfer-encoding': 'chunked' });
    for (let i = 0; i < 10; i++) req.write(chunk(1024 * 1024));
    req.end();
    assert.equal((await answered).status, 413);
  });

  test('while one large body is being received, a second is refused with 429; after it, large bodies are accepted again', async () => {
    const first = post('appInfo', { 'transfer-encoding': 'chunked' });
    first.req.write('{');
    first.req.write(chunk(LARGE_BODY_BYTES + 1024));
    // Once the host has read past the large-body mark of the first (however loaded the machine), a second is refused.
    let refused: { status: number; body: string } | undefined;
    for (let i = 0; i < 100 && refused?.status !== 429; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const second = post('appInfo', { 'transfer-encoding': 'chunked' });
      second.req.write(chunk(LARGE_BODY_BYTES + 1024));
      second.req.end('{}');
      refused = await second.answered;
    }
    assert.equal(refused?.status, 429);
    assert.match(refused!.body, /Another large request/);
    first.req.end('}');
    assert.equal((await first.answered).status, 200, 'the first completes');
    const third = post('appInfo', { 'transfer-encoding': 'chunked' });
    third.req.write(chunk(LARGE_BODY_BYTES + 1024));
    third.req.end('{}');
    assert.equal((await third.answered).status, 200, 'the slot was given back');
  });

  test('small calls are never held up by a large one', async () => {
    const large = post('appInfo', { 'transfer-encoding': 'chunked' });
    large.req.write(chunk(LARGE_BODY_BYTES + 1024));
    await new Promise((r) => setTimeout(r, 100));
    const small = post('appInfo');
    small.req.end('{}');
    assert.equal((await small.answered).status, 200);
    large.req.end('{}');
    assert.equal((await large.answered).status, 200);
  });
});

describe('stalled clients', () => {
  test('the host sets header and request time limits shorter than Node’s defaults', () => {
    assert.equal(host.server.headersTimeout, HEADERS_TIMEOUT_MS);
    assert.equal(host.server.requestTimeout, REQUEST_TIMEOUT_MS);
    assert.ok(HEADERS_TIMEOUT_MS <= 10_000 && REQUEST_TIMEOUT_MS <= 120_000);
  });

  test('200 idle sockets do not stop the host answering', async () => {
    const idle = await Promise.all(
      Array.from({ length: 200 }, () => new Promise<ReturnType<typeof connect>>((resolve, reject) => {
        const s = connect(host.port, '127.0.0.1', () => resolve(s));
        s.on('error', reject);
      })),
    );
    try {
      const { req, answered } = post('appInfo');
      req.end('{}');
      assert.equal((await answered).status, 200);
    } finally {
      for (const s of idle) s.destroy();
    }
  });
});
