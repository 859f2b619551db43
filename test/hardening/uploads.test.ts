// Photo uploads through the loopback host: the bytes come in a request body of their own
// (`POST /api/upload?name=…`, application/octet-stream) and are streamed to a temp file; the
// answer is an upload id that linkPhoto takes. Every refusal is a clear message, and a refused,
// aborted or timed-out upload leaves no file behind. One upload at a time per page (client id):
// a second while the first is still arriving is refused with 429 — not queued, since the page
// sends its uploads one after another anyway and a queue would hold sockets open.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serveApp, TOKEN_HEADER, type LoopbackHost } from '../../node/host/index.js';
import { serializeIssue } from '../../node/store/index.js';
import { oneStoryIssue, writePhoto } from '../fixtures/build.js';

const root = join(import.meta.dirname, '..', '..');
const CAP = 2 * 1024 * 1024;
let dir: string;
let tmp: string;
let issuePath: string;
let host: LoopbackHost;
let photo: Buffer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-upload-'));
  tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  mkdirSync(join(dir, 'issue', 'renderer'), { recursive: true });
  issuePath = join(dir, 'issue', 'issue.broadsheet');
  writeFileSync(issuePath, serializeIssue(oneStoryIssue('正文。')));
  await writePhoto(join(dir, 'src.jpg'), 800, 600, 2);
  photo = readFileSync(join(dir, 'src.jpg'));
  host = await serveApp(root, { issue: issuePath, upload: { maxBytes: CAP, timeoutMs: 1500, tmpDir: tmp } });
  const open = await api('openStartupIssue', {});
  assert.equal(open.status, 200);
});
after(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Uploads received whole, waiting for a linkPhoto that these tests do not always make. */
const kept = new Set<string>();

/** Files (not folders) under the uploads' temp folder, but for the uploads received whole. */
function tempFiles(d = tmp): string[] {
  return readdirSync(d)
    .filter((n) => !kept.has(n))
    .flatMap((n) => (statSync(join(d, n)).isDirectory() ? tempFiles(join(d, n)) : [join(d, n)]));
}

async function untilNoTempFiles(): Promise<void> {
  for (let i = 0; i < 50 && tempFiles().length; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(tempFiles(), [], 'no temp file left');
}

function api(method: string, arg: unknown) {
  return fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: JSON.stringify(arg) });
}

/** An upload whose body the test writes itself; `answered` resolves with the status and JSON body. */
function upload(name: string, headers: Record<string, string | number> = {}) {
  let answer!: (r: { status: number; body: { ok: boolean; value?: { upload: string; bytes: number }; error?: { message: string } } }) => void;
  const answered = new Promise<Parameters<typeof answer>[0]>((resolve) => (answer = resolve));
  const req = request(
    {
      host: '127.0.0.1',
      port: host.port,
      path: `/api/upload?name=${encodeURIComponent(name)}`,
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/octet-stream', [TOKEN_HEADER]: host.token, ...headers },
    },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        const parsed = JSON.parse(body);
        if (parsed.ok) kept.add(parsed.value.upload);
        answer({ status: res.statusCode ?? 0, body: parsed });
      });
    },
  );
  req.on('error', () => {}); // the host closes the socket after a refusal; its answer came first
  return { req, answered };
}

describe('an upload over real HTTP', () => {
  test('is streamed to a temp file, and linkPhoto links it into photos/ (the temp file is gone after)', async () => {
    const { req, answered } = upload('现场 照片.jpg');
    // In pieces, as a browser streams a file.
    for (let i = 0; i < photo.length; i += 16 * 1024) req.write(photo.subarray(i, i + 16 * 1024));
    req.end();
    const r = await answered;
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.match(r.body.value!.upload, /^[0-9a-f]{32}$/);
    assert.equal(r.body.value!.bytes, photo.length);
    assert.equal(readdirSync(join(tmp, readdirSync(tmp)[0])).filter((n) => n === r.body.value!.upload).length, 1, 'the upload waits in a temp folder of its own');
    kept.delete(r.body.value!.upload);
    const linked = await api('linkPhoto', { issuePath, id: 'a9', name: '现场 照片.jpg', upload: r.body.value!.upload });
    const body = (await linked.json()) as { ok: boolean; value: { asset: { path: string; widthPx: number } } };
    assert.equal(linked.status, 200, JSON.stringify(body));
    assert.equal(body.value.asset.path, 'photos/现场 照片.jpg');
    assert.equal(body.value.asset.widthPx, 800);
    assert.deepEqual(readFileSync(join(dir, 'issue', 'photos', '现场 照片.jpg')), photo);
    assert.deepEqual(tempFiles(), []);
    // Served at once, before any save.
    assert.equal((await fetch(`${host.origin}/issue-assets/a9`, { headers: { [TOKEN_HEADER]: host.token } })).status, 200);
    // An upload is used once.
    const again = await api('linkPhoto', { issuePath, id: 'a10', name: 'x.jpg', upload: r.body.value!.upload });
    assert.equal(again.status, 404);
    assert.match(((await again.json()) as { error: { message: string } }).error.message, /No upload '[0-9a-f]{32}': it was never received, already used, or expired/);
  });

  test('a declared size over the cap is refused at once with 413, nothing written', async () => {
    const { req, answered } = upload('big.jpg', { 'content-length': CAP + 1 });
    req.write(Buffer.alloc(1024));
    const r = await answered;
    req.destroy();
    assert.equal(r.status, 413);
    assert.match(r.body.error!.message, /"big\.jpg" is 2\.0 MB; an upload is limited to 2\.0 MB/);
    await untilNoTempFiles();
  });

  test('a body that grows past the cap while streaming is refused with 413 and its temp file removed', async () => {
    const { req, answered } = upload('grows.jpg', { 'transfer-encoding': 'chunked' });
    for (let i = 0; i < 3; i++) req.write(Buffer.alloc(1024 * 1024, 7));
    req.end();
    const r = await answered;
    assert.equal(r.status, 413);
    assert.match(r.body.error!.message, /"grows\.jpg" is larger than 2\.0 MB, the limit of an upload: nothing was kept/);
    await untilNoTempFiles();
  });

  test('a client that goes away mid-body leaves no temp file', async () => {
    const { req } = upload('cut.jpg', { 'content-length': 1024 * 1024 });
    req.write(Buffer.alloc(300 * 1024, 1));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(tempFiles().length, 1, 'the partial file exists while the body arrives');
    req.destroy();
    await untilNoTempFiles();
    // The page's slot is free again.
    const { req: next, answered } = upload('next.jpg');
    next.end(photo);
    assert.equal((await answered).status, 200);
  });

  test('an upload slower than the time limit is refused with 408 and removed', async () => {
    const { req, answered } = upload('slow.jpg', { 'content-length': 1024 * 1024 });
    req.write(Buffer.alloc(1024));
    const r = await answered;
    req.destroy();
    assert.equal(r.status, 408);
    assert.match(r.body.error!.message, /the upload of "slow\.jpg" took longer than 2 s: nothing was kept/);
    await untilNoTempFiles();
  });

  test('a second upload from the same page while the first arrives is refused with 429; another page may upload meanwhile', async () => {
    const client = { 'x-broadsheet-client': 'page-one-0123456789' };
    const first = upload('one.jpg', { ...client, 'content-length': photo.length });
    first.req.write(photo.subarray(0, 1024));
    await new Promise((r) => setTimeout(r, 50));
    const second = upload('two.jpg', { ...client, 'content-length': photo.length });
    second.req.write(photo.subarray(0, 1024));
    const refused = await second.answered;
    second.req.destroy();
    assert.equal(refused.status, 429);
    assert.match(refused.body.error!.message, /Another upload from this page is still being received: "two\.jpg" was not sent/);
    const other = upload('other.jpg', { 'x-broadsheet-client': 'page-two-0123456789' });
    other.req.end(photo);
    assert.equal((await other.answered).status, 200);
    first.req.end(photo.subarray(1024));
    const done = await first.answered;
    assert.equal(done.status, 200);
    assert.equal(done.body.value!.bytes, photo.length);
  });
});

describe('an upload is checked like an API call', () => {
  const cases: Array<[string, Record<string, string>, number, RegExp]> = [
    ['no token', { [TOKEN_HEADER]: '' }, 403, /Wrong token/],
    ['a wrong token', { [TOKEN_HEADER]: 'not-the-token' }, 403, /Wrong token/],
    ['another origin', { origin: 'http://evil.example' }, 403, /Cross-origin request refused \(Origin http:\/\/evil\.example/],
    ['another site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site' }, 403, /Sec-Fetch-Site: cross-site/],
    ['a wrong content type', { 'content-type': 'application/json' }, 415, /Uploads are application\/octet-stream/],
  ];
  for (const [what, headers, status, message] of cases) {
    test(`${what}: ${status}, nothing written`, async () => {
      const { req, answered } = upload('p.jpg', headers);
      req.end(photo);
      const r = await answered;
      assert.equal(r.status, status);
      assert.match(r.body.error!.message, message);
      assert.deepEqual(tempFiles(), []);
    });
  }

  test('a name that is a path, or not a photo, is refused with 400 naming the query field', async () => {
    for (const name of ['../../etc/p.jpg', 'x.exe', '']) {
      const { req, answered } = upload(name);
      req.end(photo);
      const r = await answered;
      assert.equal(r.status, 400, name);
      assert.match(r.body.error!.message, /upload: bad file name '.*' \(query \?name=\)/);
    }
    assert.deepEqual(tempFiles(), []);
  });
});

describe('the temp store', () => {
  test('uploads nobody links fill it only up to a total: then new ones are refused with 429 until they are used', async () => {
    const { Uploads } = await import('../../node/services/uploads.js');
    const store = new Uploads({ maxBytes: 1000, maxWaitingBytes: 2500, tmpDir: tmp });
    const a = await store.receiveBytes(new Uint8Array(1000), 'a.jpg');
    await store.receiveBytes(new Uint8Array(1000), 'b.jpg');
    await assert.rejects(store.receiveBytes(new Uint8Array(1000), 'c.jpg'), (err: Error & { status?: number }) => err.status === 429 && /"c\.jpg" was not taken: 2000 bytes of uploads are still waiting to be linked \(at most 2500 bytes\)/.test(err.message));
    await store.use(a.upload, async () => undefined);
    await store.receiveBytes(new Uint8Array(1000), 'c.jpg');
    await assert.rejects(store.receiveBytes(new Uint8Array(1001), 'd.jpg'), /"d\.jpg" is 1001 bytes; an upload is limited to 1000 bytes/);
    await store.close();
  });
});

test('a temp folder that cannot be made is a clear error, and the page may upload again after', async () => {
  const { Uploads } = await import('../../node/services/uploads.js');
  const { Readable } = await import('node:stream');
  const notAFolder = join(tmp, 'not-a-folder');
  writeFileSync(notAFolder, '');
  const store = new Uploads({ tmpDir: notAFolder });
  await assert.rejects(store.receive(Readable.from([Buffer.from('x')]), 'a.jpg', 'page-one-0123456789'), /"a\.jpg" was not taken: the temp folder for uploads cannot be made/);
  await assert.rejects(store.receiveBytes(new Uint8Array(1), 'b.jpg'), /"b\.jpg" was not taken: the temp folder for uploads cannot be made/);
  assert.equal(store.busy('page-one-0123456789'), false, 'the page’s slot is not held');
  rmSync(notAFolder);
  mkdirSync(notAFolder);
  const ok = await store.receive(Readable.from([Buffer.from('xyz')]), 'c.jpg', 'page-one-0123456789');
  assert.equal(ok.bytes, 3);
  await store.close();
  rmSync(notAFolder, { recursive: true, force: true });
});
