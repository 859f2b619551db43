// Another page in the user's browser must not drive the loopback host, even holding the
// browser's credentials: the API and every resource refuse a foreign Origin or a cross-site fetch.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serveApp, TOKEN_HEADER, type LoopbackHost } from '../../node/host/index.js';
import { serializeIssue } from '../../node/store/index.js';
import { generateIssue } from '../store/generate-issue.js';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let issuePath: string;
let host: LoopbackHost;
const issue = generateIssue({ pages: 1, chars: 500, photos: 0 });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-origin-'));
  issuePath = join(dir, 'one.broadsheet');
  writeFileSync(issuePath, serializeIssue(issue));
  mkdirSync(join(dir, 'renderer'));
  host = await serveApp(root, { issue: issuePath });
});
after(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** saveIssue to a new file with the token and the given extra headers. */
async function save(target: string, headers: Record<string, string>) {
  const r = await fetch(`${host.origin}/api/saveIssue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body: JSON.stringify({ path: target, issue }),
  });
  return { status: r.status, body: (await r.json()) as { ok: boolean; error?: { message: string } } };
}

describe('cross-origin requests are refused, with the reason', () => {
  const attacks: Array<[string, Record<string, string>]> = [
    ['a page on another site', { origin: 'http://evil.example' }],
    ['another port of 127.0.0.1', { origin: 'http://127.0.0.1:1' }],
    ['localhost on another port', { origin: 'http://localhost:9' }],
    ['an opaque origin (sandboxed frame, file://)', { origin: 'null' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site fetch from another port', { 'sec-fetch-site': 'same-site' }],
  ];
  for (const [what, headers] of attacks) {
    test(`${what}: saveIssue answers 403 and writes nothing`, async () => {
      const target = join(dir, `attack-${Object.values(headers)[0].replace(/\W+/g, '-')}.broadsheet`);
      const r = await save(target, headers);
      assert.equal(r.status, 403);
      assert.match(r.body.error?.message ?? '', /Cross-origin request refused/);
      assert.equal(existsSync(target), false);
    });
  }

  test('resources too: a photo or a font read from another site is refused', async () => {
    for (const path of ['/fonts/serif', '/issue-assets/x.jpg', '/']) {
      const r = await fetch(`${host.origin}${path}`, { headers: { [TOKEN_HEADER]: host.token, 'sec-fetch-site': 'cross-site' } });
      assert.equal(r.status, 403, path);
    }
  });

  test('the host’s own page (same origin, either name) and clients that send no Origin still work', async () => {
    const clients: Record<string, string>[] = [{ origin: host.origin, 'sec-fetch-site': 'same-origin' }, { origin: `http://localhost:${host.port}` }, { 'sec-fetch-site': 'none' }, {}];
    for (const headers of clients) {
      const target = join(dir, `ok-${Math.random().toString(36).slice(2)}.broadsheet`);
      const r = await save(target, headers);
      assert.equal(r.status, 200, JSON.stringify(headers));
      assert.equal(existsSync(target), true);
    }
  });
});
