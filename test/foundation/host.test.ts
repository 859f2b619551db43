// The loopback host (design.md, "The main-process services … A second transport, a
// loopback-only HTTP host"): token on every request, validated arguments, same services.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serveApp, startLoopbackHost, TOKEN_HEADER, type LoopbackHost } from '../../node/host/index.js';
import { createServices } from '../../node/services/index.js';
import { createResourceResolver } from '../../node/services/resources.js';
import { serializeIssue } from '../../node/store/index.js';
import { generateIssue } from '../store/generate-issue.js';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let issuePath: string;
let host: LoopbackHost;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-host-'));
  issuePath = join(dir, 'one.broadsheet');
  writeFileSync(issuePath, serializeIssue(generateIssue({ pages: 2, chars: 2000, photos: 0 })));
  mkdirSync(join(dir, 'renderer'));
  host = await serveApp(root, { issue: issuePath });
});
after(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, arg: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: host.token }) =>
  fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(arg) });

describe('loopback host: the per-launch token', () => {
  test('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    assert.equal((host.server.address() as { address: string }).address, '127.0.0.1');
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  test('without the token, the API, fonts, photos and unknown paths are refused with 401', async () => {
    for (const r of [await call('appInfo', {}, {}), await fetch(`${host.origin}/fonts/serif`), await fetch(`${host.origin}/issue-assets/x.jpg`), await fetch(`${host.origin}/no-such-file`)]) {
      assert.equal(r.status, 401);
      const body = (await r.json()) as { ok: boolean };
      assert.equal(body.ok, false);
    }
  });

  test('a wrong token is refused with 403; a cookie or a ?token= query is not a token', async () => {
    assert.equal((await call('appInfo', {}, { [TOKEN_HEADER]: host.token.slice(0, -1) + 'x' })).status, 403);
    assert.equal((await fetch(`${host.origin}/fonts/serif`, { headers: { [TOKEN_HEADER]: '' } })).status, 403);
    assert.equal((await call('appInfo', {}, { cookie: `broadsheet_token=${host.token}` })).status, 401);
    assert.equal((await fetch(`${host.origin}/fonts/serif?token=${encodeURIComponent(host.token)}`)).status, 401);
  });

  test('the right token in the header is served; nothing sets a cookie', async () => {
    const r = await call('appInfo', {});
    assert.equal(r.status, 200);
    assert.deepEqual(((await r.json()) as { value: { name: string } }).value.name, 'Broadsheet');
    const font = await fetch(`${host.origin}/fonts/serif`, { headers: { [TOKEN_HEADER]: host.token } });
    assert.equal(font.status, 200);
    assert.equal(font.headers.get('content-type'), 'font/ttf');
    const first = await fetch(host.url, { redirect: 'manual' });
    assert.equal(first.headers.get('set-cookie'), null);
    assert.notEqual(first.status, 303, 'no redirect trading the token for a cookie');
  });

  test('the app’s own code is served without the token; the user’s data is not', async () => {
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(web, 'assets', 'index-Abc12345.js'), 'console.log(1)');
    const bare = await startLoopbackHost({ api: createServices({ startupIssue: issuePath }), resources: createResourceResolver({ rendererDir: web, lastIssue: () => undefined }) });
    try {
      for (const path of ['/', '/?token=anything', '/assets/index-Abc12345.js']) assert.equal((await fetch(`${bare.origin}${path}`)).status, 200, path);
      for (const path of ['/fonts/serif', '/templates/broadsheet-8col.json', '/issue-assets/a1']) assert.equal((await fetch(`${bare.origin}${path}`)).status, 401, path);
    } finally {
      await bare.close();
    }
  });

  test('a request naming another host (DNS rebinding) is refused even with the token', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/appInfo', method: 'POST', headers: { host: 'evil.example', [TOKEN_HEADER]: host.token, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(status, 403);
  });

  test('paths outside the served folders are not served', async () => {
    for (const p of ['/..%2fpackage.json', '/fonts/..%2f..%2fpackage.json', '/templates/..%2fpackage.json', '/fonts/nosuchface']) {
      const r = await fetch(`${host.origin}${p}`, { headers: { [TOKEN_HEADER]: host.token } });
      assert.equal(r.status, 404, p);
    }
  });
});

describe('API arguments are validated (core/api/schemas.ts) before any service runs', () => {
  test('a malformed argument is rejected with 400 and an error naming the bad field', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['openIssue', { path: 42 }, 'path'],
      ['openIssue', { path: '/etc/passwd' }, 'path'],
      ['openIssue', {}, 'path'],
      ['openIssue', { path: '/p/a.broadsheet', extra: 1 }, 'extra'],
      ['exportPdf', { issuePath: '/p/a.broadsheet', output: '/p/out.pdf', pages: 'all of them' }, 'pages'],
      ['saveIssue', { path: join(dir, 'x.broadsheet'), issue: { ...generateIssue({ pages: 1, chars: 100, photos: 0 }), date: 'yesterday' } }, 'issue.date'],
    ];
    for (const [method, arg, field] of cases) {
      const r = await call(method, arg);
      assert.equal(r.status, 400, `${method} ${JSON.stringify(arg).slice(0, 60)}`);
      const body = (await r.json()) as { ok: false; error: { code: string; field: string; message: string } };
      assert.equal(body.error.code, 'bad-arguments');
      assert.equal(body.error.field, field);
      assert.ok(body.error.message.includes(`'${field}'`), body.error.message);
      assert.ok(body.error.message.startsWith(`${method}: `), body.error.message);
    }
  });

  test('a page number below 1 inside a saved issue is named by its path', async () => {
    const issue = generateIssue({ pages: 1, chars: 100, photos: 0 });
    issue.pages[0].number = 0;
    const body = (await (await call('saveIssue', { path: join(dir, 'x.broadsheet'), issue })).json()) as { error: { field: string } };
    assert.equal(body.error.field, 'issue.pages.0.number');
  });

  test('a body that is not JSON, and an unknown method, are refused', async () => {
    const r = await fetch(`${host.origin}/api/openIssue`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: '{path:' });
    assert.equal(r.status, 400);
    assert.equal((await call('deleteEverything', {})).status, 404);
    assert.equal((await call('constructor', {})).status, 404);
  });

  test('valid calls reach the real services: the startup issue opens, fonts are listed with their URLs', async () => {
    const opened = (await (await call('openStartupIssue', {})).json()) as { ok: true; value: { issue: { pages: unknown[] }; path: string } };
    assert.equal(opened.ok, true);
    assert.equal(opened.value.path, issuePath);
    assert.equal(opened.value.issue.pages.length, 2);
    const fonts = (await (await call('listFonts', undefined)).json()) as { value: Array<{ key: string; url: string }> };
    assert.ok(fonts.value.some((f) => f.key === 'serif' && f.url === 'fonts/serif'));
  });

  test('a missing file comes back as not-found with the store\'s message', async () => {
    const r = await call('openIssue', { path: join(dir, 'missing.broadsheet') });
    assert.equal(r.status, 404);
    const body = (await r.json()) as { error: { message: string } };
    assert.match(body.error.message, /missing\.broadsheet/);
  });
});

describe('exported files are served for the page to download', () => {
  test('export-files/<job>/<i>: a finished export’s PDFs with the token only; unknown jobs, indexes and names are not', async () => {
    const opened = (await (await call('openStartupIssue', {})).json()).value;
    const splitDir = join(dir, 'per page');
    const started = await (await call('startExport', { issuePath, issue: opened.issue, splitDir, bleedMm: 3, marks: true, ignoreErrors: true })).json();
    assert.equal(started.ok, true, JSON.stringify(started));
    const jobId = started.value.jobId as string;
    // Not yet done: nothing to serve.
    assert.equal((await fetch(`${host.origin}/export-files/${jobId}/0`, { headers: { [TOKEN_HEADER]: host.token } })).status, 404);
    let status;
    for (let i = 0; i < 600; i++) {
      status = (await (await call('exportStatus', { jobId })).json()).value;
      if (status.phase === 'done' || status.phase === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status.phase, 'done', JSON.stringify(status));
    assert.equal(status.result.files.length, 2, 'one PDF per page');
    const got = await fetch(`${host.origin}/export-files/${jobId}/1`, { headers: { [TOKEN_HEADER]: host.token } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await got.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    for (const p of [`/export-files/${jobId}/2`, '/export-files/0123456789abcdef/0', `/export-files/${jobId}/..%2F..%2Fone.broadsheet`, `/export-files/${jobId}/-1`]) {
      assert.equal((await fetch(`${host.origin}${p}`, { headers: { [TOKEN_HEADER]: host.token } })).status, 404, p);
    }
    assert.equal((await fetch(`${host.origin}/export-files/${jobId}/0`)).status, 401);
  });

  test('startExport wants exactly one of output and splitDir, and a bleed within 0–20 mm', async () => {
    const opened = (await (await call('openStartupIssue', {})).json()).value;
    for (const extra of [{}, { output: join(dir, 'a.pdf'), splitDir: dir }, { output: join(dir, 'a.pdf'), bleedMm: 25 }, { splitDir: 'relative' }]) {
      const r = await (await call('startExport', { issuePath, issue: opened.issue, ...extra })).json();
      assert.equal(r.ok, false, JSON.stringify(extra));
      assert.equal(r.error.code, 'bad-arguments');
    }
  });
});
