import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { NewsroomClient } from '../../node/newsroom/client.js';
import { openNewsroomDb, type NewsroomDb } from '../../node/newsroom/db.js';
import { startNewsroomServer, type NewsroomServer } from '../../node/newsroom/server.js';
import { Newsroom } from '../../node/newsroom/service.js';
import { importIssue } from '../../node/newsroom/transfer.js';
import { addStaff, password, sampleIssueFile, signIn, STAFF, statusOf } from '../newsroom/harness.js';

/**
 * Attacks on the newsroom server, each as an attacker would try it over HTTP: what the
 * database keeps of passwords and tokens, forged and stale sessions, a web page in the user's
 * browser posting to the server, every route under every role, hostile ids and bodies, and
 * sockets held open.
 */

describe('newsroom server under attack', () => {
  let db: NewsroomDb;
  let server: NewsroomServer;
  const c: Record<string, NewsroomClient> = {};
  const E = 'e-attack';
  const tokens: string[] = [];

  before(async () => {
    db = await openNewsroomDb({});
    await addStaff(db);
    await importIssue(db, sampleIssueFile, { editionId: E, owner: 'rep1' });
    server = await startNewsroomServer({ newsroom: new Newsroom(db, { sessionMs: 60 * 60_000 }), fit: false, log: () => {} });
    await new Newsroom(db).addUser({ login: 'target', name: '靶子', role: 'reporter', password: password('target') });
    for (const [login] of STAFF) {
      c[login] = await signIn(server.url, login);
      tokens.push(c[login].token!);
    }
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  test('a copy of the database lets nobody in: no passwords, no tokens, a salt of its own per user', async () => {
    const dump = JSON.stringify((await db.query('select * from users')).rows) + JSON.stringify((await db.query('select * from sessions')).rows) + JSON.stringify((await db.query('select * from audit')).rows);
    for (const [login] of STAFF) assert.ok(!dump.includes(password(login)), `the password of ${login} is in the database`);
    for (const t of tokens) assert.ok(!dump.includes(t), 'a session token is in the database');
    const salts = (await db.query<{ salt: Uint8Array }>('select salt from users')).rows.map((r) => Buffer.from(r.salt).toString('hex'));
    assert.equal(new Set(salts).size, salts.length);
    // Same password, two users: two different hashes.
    const nr = new Newsroom(db);
    await nr.addUser({ login: 'twin1', name: 'a', role: 'reporter', password: 'the same password' });
    await nr.addUser({ login: 'twin2', name: 'b', role: 'reporter', password: 'the same password' });
    const h = (await db.query<{ hash: Uint8Array }>("select hash from users where login in ('twin1', 'twin2')")).rows.map((r) => Buffer.from(r.hash).toString('hex'));
    assert.notEqual(h[0], h[1]);
    await assert.rejects(nr.addUser({ login: 'short', name: 's', role: 'reporter', password: 'abc' }), /password/);
  });

  test('forged, replayed, stale and misplaced tokens are refused', async () => {
    const me = (headers: Record<string, string>, query = '') => fetch(`${server.url}/api/me${query}`, { headers }).then((r) => r.status);
    assert.equal(await me({}), 401);
    assert.equal(await me({ authorization: `Bearer ${'A'.repeat(43)}` }), 401, 'a forged token');
    assert.equal(await me({ authorization: `Basic ${Buffer.from('ed1:' + password('ed1')).toString('base64')}` }), 401, 'a password is not a session');
    assert.equal(await me({}, `?token=${c.ed1.token}`), 401, 'a token in the URL is not taken');
    assert.equal(await me({ cookie: `token=${c.ed1.token}` }), 401, 'nor in a cookie');
    assert.equal(await me({ authorization: `Bearer ${c.ed1.token}` }), 200);
    // Signed out: the token is dead, for every server on the database.
    const other = await signIn(server.url, 'ed1');
    const old = other.token!;
    await other.call('POST', '/api/logout');
    assert.equal(await me({ authorization: `Bearer ${old}` }), 401);
    // A new password ends the user's other sessions.
    const stale = await signIn(server.url, 'ed2');
    await c.ed2.call('POST', '/api/me/password', { password: 'a brand new password' });
    assert.equal(await me({ authorization: `Bearer ${stale.token}` }), 401);
    assert.equal(await me({ authorization: `Bearer ${c.ed2.token}` }), 200, 'the session that changed it stays');
    await c.ed2.call('POST', '/api/me/password', { password: password('ed2') });
    // An expired session.
    const short = await startNewsroomServer({ newsroom: new Newsroom(db, { sessionMs: 300 }), fit: false });
    try {
      const s = await signIn(short.url, 'rep1');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(await statusOf(s.call('GET', '/api/me')), 401);
    } finally {
      await short.close();
    }
  });

  test('a web page in the user’s browser cannot sign in or act: no CORS, no simple-request bodies', async () => {
    // A form or a no-cors fetch can send text/plain; the server takes JSON only.
    const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body: JSON.stringify({ login: 'ed1', password: password('ed1') }) });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const form = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `login=ed1&password=${password('ed1')}` });
    assert.equal(form.status, 400);
    // A preflight gets no permission.
    const pre = await fetch(`${server.url}/api/login`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    assert.notEqual(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    const answer = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${c.ed1.token}` } });
    assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
  });

  test('every route checks the role on the server', async () => {
    const story = `/api/editions/${E}/stories/s-ear`;
    const page = `/api/editions/${E}/pages/p1`;
    // [method, path, body, roles allowed]: everyone else must get 403.
    const routes: [string, string, unknown, string[]][] = [
      ['GET', '/api/users', undefined, ['admin1']],
      ['POST', '/api/users', { login: 'x-new', role: 'reporter', password: 'long enough password' }, ['admin1']],
      ['POST', '/api/users/target/password', { password: 'long enough password' }, ['admin1']],
      ['POST', '/api/users/target/disabled', { disabled: false }, ['admin1']],
      ['GET', '/api/audit', undefined, ['chief1', 'admin1']],
      ['POST', '/api/editions', { paper: '云杉区报', date: '2027-01-01' }, ['lay1', 'chief1', 'admin1']],
      ['POST', `/api/editions/${E}/stories`, { slug: 'new' }, ['rep1', 'rep2', 'ed1', 'ed2', 'chief1']],
      ['POST', `/api/editions/${E}/pages`, { templateId: 'broadsheet-8col-inside' }, ['lay1']],
      ['POST', `${story}/checkout`, {}, ['rep1', 'ed1', 'ed2', 'chief1']],
      ['POST', `${page}/checkout`, {}, ['lay1']],
      ['POST', `${story}/break`, {}, ['admin1']],
      ['POST', `${story}/status`, { status: 'ready' }, ['ed1', 'ed2', 'lay1', 'chief1']],
      ['POST', `${page}/status`, { status: 'ready' }, ['lay1', 'chief1']],
      ['POST', `${page}/status`, { status: 'approved' }, ['chief1']],
      ['POST', '/api/blobs', new Uint8Array(8), ['rep1', 'rep2', 'ed1', 'ed2', 'lay1', 'chief1']],
    ];
    const problems: string[] = [];
    for (const [method, path, body, allowed] of routes) {
      for (const [login] of STAFF) {
        const s = await statusOf(c[login].call(method as 'GET' | 'POST', path, body));
        if (allowed.includes(login) ? s === 403 : s !== 403) problems.push(`${method} ${path} as ${login}: ${s}`);
        // Leave nothing held for the next role.
        if (s === 200 && path.endsWith('/checkout')) await c[login].call('POST', path.replace(/checkout$/, 'cancel'));
        if (s === 200 && path.endsWith('/status') && (body as { status: string }).status === 'approved') await c.chief1.call('POST', path, { status: 'layout' });
      }
    }
    assert.deepEqual(problems, []);
  });

  test('hostile ids and bodies: traversal, SQL, deep nesting, wrong shapes — refused with 400, never a 500', async () => {
    const paths = [
      '/api/editions/..%2F..%2Fetc',
      `/api/editions/${E}/stories/${encodeURIComponent("x'; drop table users; --")}`,
      `/api/editions/${E}/stories/%00`,
      `/api/editions/${E}/stories/${'a'.repeat(300)}`,
      `/api/editions/${E}/stories/s-ear/versions/-1`,
      `/api/editions/${E}/stories/s-ear/diff?from=1&to=x`,
      '/api/blobs/..%2F..%2Fetc%2Fpasswd',
    ];
    for (const p of paths) {
      const s = await statusOf(c.ed1.call('GET', p));
      assert.ok(s === 400 || s === 404, `${p}: ${s}`);
    }
    assert.ok((await db.query('select count(*) from users')).rows.length, 'users still there');

    await c.ed1.checkout(E, 'story', 's-ear');
    // 50,000 levels of nesting, written as text (JSON.stringify itself would overflow here).
    const deep = `{"doc":{"type":"doc","content":[${'{"type":"paragraph","content":['.repeat(50_000)}{"type":"text","text":"x"}${']}'.repeat(50_000)}]}}`;
    const res = await fetch(`${server.url}/api/editions/${E}/stories/s-ear/checkin`, { method: 'POST', headers: { authorization: `Bearer ${c.ed1.token}`, 'content-type': 'application/json' }, body: deep });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /nests deeper than 64 levels/);
    const bodies: unknown[] = [
      { doc: 'not a doc' },
      { doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'evil' }] }] }] } },
      { doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { __proto__: { admin: true } } }] }, slug: 42 },
      [1, 2, 3],
    ];
    for (const b of bodies) {
      const s = await statusOf(c.ed1.checkin(E, 'story', 's-ear', b as Record<string, unknown>));
      assert.ok(s === 400 || s === 413, `${JSON.stringify(b).slice(0, 60)}: ${s}`);
    }
    // A slug with SQL in it is stored as text.
    const evil = "'); delete from stories; --";
    await c.ed1.checkin(E, 'story', 's-ear', { doc: { type: 'doc', content: [{ type: 'paragraph' }] }, slug: evil });
    assert.equal((await c.ed1.call<{ slug: string }>('GET', `/api/editions/${E}/stories/s-ear`)).slug, evil);
    assert.ok(Number((await db.query<{ n: string }>('select count(*) as n from stories')).rows[0].n) >= 10);
    // A page that tries to reach outside its edition: a story and a photo of another edition.
    await c.lay1.call('POST', '/api/editions', { id: 'e-other', paper: '别报', date: '2027-01-02' });
    await c.ed1.call('POST', '/api/editions/e-other/stories', { id: 'secret' });
    await c.lay1.checkout(E, 'page', 'p2');
    const p2 = await c.lay1.call<{ page: { frames: { id: string; storyId?: string }[] } }>('GET', `/api/editions/${E}/pages/p2`);
    const stolen = structuredClone(p2.page);
    stolen.frames.find((f) => f.storyId)!.storyId = 'secret';
    assert.equal(await statusOf(c.lay1.checkin(E, 'page', 'p2', { page: stolen, keep: true })), 400);
    await c.lay1.call('POST', `/api/editions/${E}/pages/p2/cancel`);
  });

  test('200 idle sockets do not stop the server answering', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 200 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
        const s = connect(server.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => {});
      })),
    );
    try {
      assert.equal(await statusOf(c.rep1.call('GET', `/api/editions/${E}`)), 200);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});
