import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { test } from 'node:test';
import { openNewsroomDb } from '../../node/newsroom/db.js';
import { ListenRefused, startNewsroomServer } from '../../node/newsroom/server.js';
import { Newsroom } from '../../node/newsroom/service.js';
import { root } from './harness.js';

// Where the server listens: loopback by default; another address only over TLS.
const cert = readFileSync(new URL('../fixtures/tls/localhost-cert.pem', import.meta.url));
const key = readFileSync(new URL('../fixtures/tls/localhost-key.pem', import.meta.url));

test('the CLI refuses to listen off loopback without TLS, saying why, before opening anything', () => {
  const r = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'newsroom', 'serve', '--listen', '0.0.0.0', '--data', '/nonexistent/never-created'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /refusing --listen 0\.0\.0\.0 without --tls-cert and --tls-key: passwords and session tokens would cross the network in clear text/);
  const half = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'newsroom', 'serve', '--tls-cert', 'x.pem'], { cwd: root, encoding: 'utf8' });
  assert.equal(half.status, 2);
  assert.match(half.stderr, /--tls-cert and --tls-key go together/);
});

test('off loopback without TLS is refused by the server itself; with a certificate it speaks HTTPS', async () => {
  const db = await openNewsroomDb({});
  try {
    const newsroom = new Newsroom(db);
    await assert.rejects(startNewsroomServer({ newsroom, listen: '0.0.0.0' }), ListenRefused);
    await assert.rejects(startNewsroomServer({ newsroom, listen: 'newsroom.example' }), ListenRefused);
    const srv = await startNewsroomServer({ newsroom, listen: '127.0.0.1', tls: { cert, key }, fit: false });
    try {
      assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        get(`${srv.url}/api/health`, { ca: cert }, (res) => {
          let t = '';
          res.on('data', (d) => (t += d));
          res.on('end', () => resolve(t));
        }).on('error', reject);
      });
      assert.deepEqual(JSON.parse(body), { ok: true, database: 'pglite' });
      // Plain HTTP to the HTTPS port gets no API.
      const plain = await fetch(srv.url.replace('https:', 'http:') + '/api/health').then((r) => r.status, () => 'refused');
      assert.notEqual(plain, 200);
    } finally {
      await srv.close();
    }
  } finally {
    await db.close();
  }
});
