import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { NewsroomClient } from '../../node/newsroom/client.js';
import type { NewsroomDb } from '../../node/newsroom/db.js';
import { startNewsroomServer, type NewsroomServer } from '../../node/newsroom/server.js';
import { Newsroom, type NewsroomEvent, type PageRow, type StoryRow } from '../../node/newsroom/service.js';
import { exportIssue, importIssue } from '../../node/newsroom/transfer.js';
import { readIssueFile } from '../../node/store/issue-file.js';
import { generatedIssueOnDisk, newsStoryOfChars } from '../fixtures/build.js';
import { addStaff, failure, markedDoc, nextEvent, sampleIssueFile, signIn, statusOf } from './harness.js';

/**
 * The newsroom server's behaviour, through real HTTP connections to a server on a real
 * database. The same suite runs on the embedded database (PGlite) and on a throwaway
 * PostgreSQL cluster: see pglite.test.ts and postgres.test.ts.
 */

export interface Backend {
  name: string;
  /** A fresh, empty database (migrated). */
  open(): Promise<NewsroomDb>;
}

const LEASE_MS = 3000;
type Overview = { pages: PageRow[]; stories: StoryRow[]; leases: { kind: string; id: string; user: string }[] };

export function newsroomSuite(backend: Backend): void {
  describe(`newsroom server on ${backend.name}`, () => {
    let db: NewsroomDb;
    let server: NewsroomServer;
    const c: Record<string, NewsroomClient> = {};
    const E = 'e-sample';
    const work = mkdtempSync(join(tmpdir(), 'broadsheet-newsroom-'));

    before(async () => {
      db = await backend.open();
      await addStaff(db);
      await importIssue(db, sampleIssueFile, { editionId: E, owner: 'rep1' });
      const nr = new Newsroom(db, { leaseMs: LEASE_MS, loginMaxFailures: 5, loginWindowMs: 60_000 });
      server = await startNewsroomServer({ newsroom: nr, streamRecheckMs: 300, log: () => {} });
      for (const login of ['rep1', 'rep2', 'ed1', 'ed2', 'lay1', 'chief1', 'admin1']) c[login] = await signIn(server.url, login);
    });
    after(async () => {
      await server?.close();
      await db?.close();
      rmSync(work, { recursive: true, force: true });
    });

    const story = (id: string) => `/api/editions/${E}/stories/${id}`;
    const pageUrl = (id: string) => `/api/editions/${E}/pages/${id}`;

    test('every request is authorised on the server: roles, ownership, approval, disabled users', async () => {
      // Nobody without a session.
      const anon = new NewsroomClient(server.url);
      assert.equal(await statusOf(anon.edition(E)), 401);
      assert.equal(await statusOf(fetch(`${server.url}/api/editions/${E}`, { headers: { authorization: 'Bearer ' + 'x'.repeat(43) } }).then((r) => (r.ok ? r : Promise.reject({ status: r.status })))), 401);

      // A reporter cannot move a frame: no check-out of a page, no page status.
      assert.equal(await statusOf(c.rep1.checkout(E, 'page', 'p1')), 403);
      assert.equal(await statusOf(c.rep1.call('POST', `${pageUrl('p1')}/status`, { status: 'ready' })), 403);
      assert.equal(await statusOf(c.rep1.checkin(E, 'page', 'p1', { page: { templateId: 'x', frames: [] } })), 409, 'a check-in needs a check-out, whoever asks');
      // Own stories only.
      assert.equal(await statusOf(c.rep2.checkout(E, 'story', 's-lead')), 403);
      await c.rep1.checkout(E, 'story', 's-lead');
      await c.rep1.call('POST', `${story('s-lead')}/cancel`);
      // No user list, no audit log for a reporter; both for the admin.
      assert.equal(await statusOf(c.rep1.call('GET', '/api/users')), 403);
      assert.equal(await statusOf(c.rep1.call('GET', '/api/audit')), 403);
      assert.ok((await c.admin1.call<unknown[]>('GET', '/api/users')).length >= 7);
      // The layout editor readies a page; only the chief approves it, and an approved page is closed to layout until reopened.
      assert.equal(await statusOf(c.lay1.call('POST', `${pageUrl('p2')}/status`, { status: 'approved' })), 403);
      await c.lay1.call('POST', `${pageUrl('p2')}/status`, { status: 'ready' });
      assert.equal(await statusOf(c.chief1.call('POST', `${pageUrl('p2')}/status`, { status: 'sent' })), 409, 'not approved yet');
      await c.chief1.call('POST', `${pageUrl('p2')}/status`, { status: 'approved' });
      const ov = await c.rep1.edition<Overview>(E);
      assert.equal(ov.pages.find((p) => p.id === 'p2')!.status, 'approved');
      assert.equal(ov.stories.find((s) => s.id === 's-bench')!.status, 'approved', 'approving a page approves its stories');
      assert.equal(await statusOf(c.lay1.checkout(E, 'page', 'p2')), 409);
      assert.equal(await statusOf(c.lay1.call('POST', `${pageUrl('p2')}/status`, { status: 'layout' })), 403, 'layout cannot reopen');
      assert.equal(await statusOf(c.rep1.checkout(E, 'story', 's-bench')), 403, 'an approved story is closed to its reporter');
      await c.chief1.call('POST', `${pageUrl('p2')}/status`, { status: 'layout' });
      // Status words are checked.
      assert.equal(await statusOf(c.ed1.call('POST', `${story('s-ear')}/status`, { status: 'printed' })), 400);
      assert.equal(await statusOf(c.ed1.call('POST', `${story('s-ear')}/status`, { status: 'approved' })), 403);
      // A disabled user's session ends at once, and signing in again is refused.
      const rep2Token = c.rep2.token;
      await c.admin1.call('POST', '/api/users/rep2/disabled', { disabled: true });
      assert.equal(await statusOf(c.rep2.call('GET', '/api/me')), 401);
      c.rep2.token = rep2Token;
      assert.equal(await statusOf(c.rep2.login('rep2', 'password-of-rep2')), 401);
      assert.equal(await statusOf(c.ed1.call('POST', '/api/users/rep1/disabled', { disabled: true })), 403, 'only an admin disables');
      await c.admin1.call('POST', '/api/users/rep2/disabled', { disabled: false });
      c.rep2 = await signIn(server.url, 'rep2');
      const audit = await c.chief1.call<{ action: string; id?: string }[]>('GET', `/api/audit?edition=${E}`);
      assert.ok(audit.some((a) => a.action === 'approve' && a.id === 'p2'));
      assert.ok(audit.some((a) => a.action === 'reopen' && a.id === 'p2'));
    });

    test('two people asking for one story at the same moment: exactly one wins, every time', async () => {
      const racers = [c.ed1, c.ed2, c.chief1];
      for (let round = 0; round < 20; round++) {
        const { id } = await c.ed1.call<{ id: string }>('POST', `/api/editions/${E}/stories`, { slug: `race ${round}` });
        const results = await Promise.all(racers.map((r) => statusOf(r.checkout(E, 'story', id))));
        assert.deepEqual(results.sort(), [200, 409, 409], `round ${round}: ${results}`);
      }
    });

    test('a check-out ends by expiry; the holder’s other session takes it over; an admin breaks it', async () => {
      const { id } = await c.ed1.call<{ id: string }>('POST', `/api/editions/${E}/stories`, { slug: 'lease' });
      await c.ed1.checkout(E, 'story', id);
      const refused = await failure(c.ed2.checkout(E, 'story', id));
      assert.equal(refused.status, 409);
      assert.match(refused.message, /王芳 \(ed1\)/);
      assert.equal(refused.detail.holder.user, 'ed1');

      // The same user on another machine: refused without takeover, granted with it; the first session has lost it.
      const ed1b = await signIn(server.url, 'ed1');
      assert.equal(await statusOf(ed1b.checkout(E, 'story', id)), 409);
      await ed1b.checkout(E, 'story', id, true);
      assert.equal(await statusOf(c.ed1.call('POST', `${story(id)}/heartbeat`)), 409);
      assert.equal(await statusOf(c.ed1.checkin(E, 'story', id, { doc: markedDoc('m1-1', 2) })), 409);
      assert.equal(await statusOf(c.ed2.checkout(E, 'story', id, true)), 409, 'takeover is for the holder’s own sessions');

      // Heartbeats keep it; silence past the lease ends it.
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, LEASE_MS / 3));
        await ed1b.call('POST', `${story(id)}/heartbeat`);
      }
      assert.equal(await statusOf(c.ed2.checkout(E, 'story', id)), 409, 'still held after more than a lease of heartbeats');
      await new Promise((r) => setTimeout(r, LEASE_MS + 300));
      await c.ed2.checkout(E, 'story', id);
      assert.equal(await statusOf(ed1b.checkin(E, 'story', id, { doc: markedDoc('m1-2', 2) })), 409, 'an expired and retaken check-out cannot check in');

      // The admin breaks ed2's check-out; ed2 can no longer check in.
      assert.equal(await statusOf(c.chief1.call('POST', `${story(id)}/break`)), 403);
      await c.admin1.call('POST', `${story(id)}/break`);
      assert.equal(await statusOf(c.ed2.checkin(E, 'story', id, { doc: markedDoc('m1-3', 2) })), 409);
      const audit = await c.admin1.call<{ action: string; id?: string; user?: string }[]>('GET', `/api/audit?edition=${E}`);
      assert.ok(audit.some((a) => a.action === 'break' && a.id === id && a.user === 'admin1'));
      assert.ok(audit.some((a) => a.action === 'takeover' && a.id === id && a.user === 'ed1'));
    });

    test('each check-in is a version: list, diff, restore as a new version; bad check-ins are refused whole', async () => {
      const id = 's-library';
      const v1 = await c.ed1.call<{ doc: { content: unknown[] }; version: number }>('GET', story(id));
      await c.ed1.checkout(E, 'story', id);
      const edited = structuredClone(v1.doc);
      edited.content.push({ type: 'paragraph', content: [{ type: 'text', text: '新增一段：图书馆周末延长开放时间。' }] });
      const r = await c.ed1.checkin(E, 'story', id, { doc: edited, note: 'added hours' });
      assert.equal(r.version, v1.version + 1);
      const versions = await c.ed1.call<{ version: number; author?: string; note: string }[]>('GET', `${story(id)}/versions`);
      assert.deepEqual(versions.map((v) => v.version), [r.version, v1.version]);
      assert.equal(versions[0].author, 'ed1');
      const diff = await c.ed1.call<{ added: number; removed: number; ops: { op: string; text: string }[] }>('GET', `${story(id)}/diff?from=${v1.version}&to=${r.version}`);
      assert.ok(JSON.stringify(diff).includes('延长开放时间'), JSON.stringify(diff).slice(0, 300));
      const restored = await c.ed1.call<{ version: number }>('POST', `${story(id)}/restore`, { version: v1.version });
      assert.equal(restored.version, r.version + 1);
      assert.deepEqual((await c.ed1.call<{ doc: unknown }>('GET', story(id))).doc, v1.doc);

      // Refused whole: not a story document, a page with an unknown story, a frame id twice.
      await c.ed1.checkout(E, 'story', id);
      const bad = await failure(c.ed1.checkin(E, 'story', id, { doc: { type: 'doc', content: [{ type: 'nonsense' }] } }));
      assert.equal(bad.status, 400);
      assert.match(bad.message, /s-library/);
      await c.ed1.call('POST', `${story(id)}/cancel`);

      const p1 = await c.lay1.call<PageRow>('GET', pageUrl('p1'));
      await c.lay1.checkout(E, 'page', 'p1');
      const moved = structuredClone(p1.page);
      const lead = moved.frames.find((f) => f.id === 'lead')! as { rect: { line: number } };
      lead.rect.line += 2;
      const unknownStory = structuredClone(moved);
      (unknownStory.frames.find((f) => f.id === 'lead') as { storyId: string }).storyId = 's-nowhere';
      const badPage = await failure(c.lay1.checkin(E, 'page', 'p1', { page: unknownStory, keep: true }));
      assert.equal(badPage.status, 400);
      assert.match(badPage.message, /s-nowhere/);
      const twice = structuredClone(moved);
      twice.frames.push({ ...twice.frames[0] });
      assert.equal(await statusOf(c.lay1.checkin(E, 'page', 'p1', { page: twice, keep: true })), 400);
      const pv = await c.lay1.checkin(E, 'page', 'p1', { page: moved });
      assert.equal(pv.version, p1.version + 1);
      const pdiff = await c.lay1.call<unknown>('GET', `${pageUrl('p1')}/diff?from=${p1.version}&to=${pv.version}`);
      assert.match(JSON.stringify(pdiff), /lead/);
      assert.equal(await statusOf(c.lay1.call('GET', `${pageUrl('p1')}/versions/999`)), 404);
    });

    test('subscribers hear check-outs, check-ins, status changes and new fits within a second', async () => {
      const events: NewsroomEvent[] = [];
      const sub = await c.rep1.events(E, (e) => events.push(e));
      try {
        const id = 's-heating';
        let t0 = Date.now();
        await c.ed2.checkout(E, 'story', id);
        let got = await nextEvent(events, (e) => e.type === 'checkout' && e.id === id);
        assert.ok(got.at - t0 < 1000, `check-out heard after ${got.at - t0} ms`);
        assert.equal(got.event.user, 'ed2');

        // Far too long for its frame: the server recomposes and says how far over it runs.
        const long = newsStoryOfChars(id, '供热管网改造全面完成', 6000);
        t0 = Date.now();
        const { version } = await c.ed2.checkin(E, 'story', id, { doc: long.doc });
        got = await nextEvent(events, (e) => e.type === 'checkin' && e.id === id);
        assert.ok(got.at - t0 < 1000, `check-in heard after ${got.at - t0} ms`);
        assert.equal(got.event.version, version);
        const fit = await nextEvent(events, (e) => e.type === 'fit' && !!e.ids?.includes(id), 10_000);
        assert.ok(fit.at - t0 < 5000, `fit after ${fit.at - t0} ms`);
        const s = (await c.rep1.edition<Overview>(E)).stories.find((x) => x.id === id)!;
        const f = s.fit as { state: string; lines: number; chars: number; version: number };
        assert.equal(f.state, 'overset');
        assert.ok(f.lines > 20 && f.chars > 1000, JSON.stringify(f));
        assert.equal(f.version, version);

        t0 = Date.now();
        await c.ed1.call('POST', `${story('s-canteen')}/status`, { status: 'edited' });
        got = await nextEvent(events, (e) => e.type === 'status' && e.id === 's-canteen');
        assert.ok(got.at - t0 < 1000);
        assert.equal(got.event.status, 'edited');
        assert.ok(!events.some((e) => e.edition !== E), 'only this edition’s events');
      } finally {
        sub.close();
      }
      // A stream ends when its user is disabled.
      const rep2Events: NewsroomEvent[] = [];
      let ended = '';
      const sub2 = await c.rep2.events(E, (e) => rep2Events.push(e), (why) => (ended = why));
      await c.admin1.call('POST', '/api/users/rep2/disabled', { disabled: true });
      for (let i = 0; i < 40 && !ended; i++) await new Promise((r) => setTimeout(r, 50));
      sub2.close();
      assert.equal(ended, 'signed-out');
      await c.admin1.call('POST', '/api/users/rep2/disabled', { disabled: false });
      c.rep2 = await signIn(server.url, 'rep2');
    });

    test('photos: real images stored once by hash; drawings, damaged and oversized files refused with reasons', async () => {
      const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a6' } }).jpeg().toBuffer();
      const up = await c.lay1.call<{ hash: string; width: number; height: number; format: string }>('POST', '/api/blobs?name=park.jpg', new Uint8Array(jpeg));
      assert.deepEqual([up.width, up.height, up.format], [640, 480, 'jpeg']);
      const again = await c.rep1.call<{ hash: string }>('POST', '/api/blobs', new Uint8Array(jpeg));
      assert.equal(again.hash, up.hash);
      const res = await fetch(`${server.url}/api/blobs/${up.hash}`, { headers: { authorization: `Bearer ${c.rep2.token}` } });
      assert.equal(res.status, 200);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(jpeg));
      assert.equal((await fetch(`${server.url}/api/blobs/${up.hash}`)).status, 401);

      const svg = await failure(c.lay1.call('POST', '/api/blobs?name=logo.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')));
      assert.equal(svg.status, 400);
      assert.match(svg.message, /logo\.svg.*SVG/);
      const cut = await failure(c.lay1.call('POST', '/api/blobs?name=cut.jpg', new Uint8Array(jpeg.subarray(0, jpeg.length >> 1))));
      assert.equal(cut.status, 400);
      assert.match(cut.message, /cut\.jpg/);
      assert.equal(await statusOf(c.lay1.call('POST', '/api/blobs', new Uint8Array(65 * 1024 * 1024))), 413);
      assert.equal(await statusOf(c.admin1.call('POST', '/api/blobs', new Uint8Array(jpeg))), 403);

      await c.lay1.call('POST', `/api/editions/${E}/photos`, { id: 'photo-park', path: 'photos/park.jpg', hash: up.hash });
      const outside = await failure(c.lay1.call('POST', `/api/editions/${E}/photos`, { id: 'photo-x', path: '../park.jpg', hash: up.hash }));
      assert.equal(outside.status, 400);
      assert.match(outside.message, /outside/);
      assert.equal(await statusOf(c.lay1.call('POST', `/api/editions/${E}/photos`, { id: 'photo-y', path: 'photos/y.jpg', hash: 'f'.repeat(64) })), 400);
    });

    test('limits: request bodies, sign-in attempts, unknown routes and ids', async () => {
      const { id } = await c.ed1.call<{ id: string }>('POST', `/api/editions/${E}/stories`, { slug: 'big' });
      await c.ed1.checkout(E, 'story', id);
      const huge = { doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '字'.repeat(3 * 1024 * 1024) }] }] } };
      assert.equal(await statusOf(c.ed1.checkin(E, 'story', id, huge)), 413);
      assert.equal(await statusOf(c.ed1.call('POST', `${story(id)}/heartbeat`)), 200, 'the connection after a refused body still works');

      for (let i = 0; i < 5; i++) assert.equal(await statusOf(c.ed2.login('lay1', 'wrong password')), 401);
      const limited = await failure(c.ed2.login('lay1', 'password-of-lay1'));
      assert.equal(limited.status, 429);
      assert.match(limited.message, /too many failed sign-ins for 'lay1'/);
      c.ed2 = await signIn(server.url, 'ed2');

      assert.equal(await statusOf(c.ed1.call('GET', '/api/nowhere')), 404);
      assert.equal(await statusOf(c.ed1.call('GET', '/api/editions/e%2F..%2Fx')), 400);
      assert.equal(await statusOf(c.ed1.call('GET', `/api/editions/${E}/stories/does-not-exist`)), 404);
      assert.equal(await statusOf(c.ed1.call('POST', '/api/editions')), 403, 'an editor does not create editions');
      const notJson = await fetch(`${server.url}/api/me/password`, { method: 'POST', headers: { authorization: `Bearer ${c.ed1.token}`, 'content-type': 'application/json' }, body: '{oops' });
      assert.equal(notJson.status, 400);
    });

    test('import and export keep the issue file whole: the sample and a generated 24-page issue', async () => {
      const out = join(work, 'sample-out', 'sample.broadsheet');
      const db2 = db;
      const r = await importIssue(db2, sampleIssueFile, { editionId: 'rt-sample' });
      assert.equal(r.missingPhotos.length, 0);
      await exportIssue(db2, 'rt-sample', out);
      const [a, b] = await Promise.all([readIssueFile(sampleIssueFile), readIssueFile(out)]);
      assert.deepEqual(b.issue, a.issue);
      for (const asset of a.issue.assets) assert.ok(readFileSync(join(work, 'sample-out', asset.path)).equals(readFileSync(join(sampleIssueFile, '..', asset.path))), asset.path);

      const big = await generatedIssueOnDisk(join(work, 'gen'), { pages: 24, photos: 30 });
      // The publication's printing condition travels with the edition.
      const withPrint = JSON.parse(readFileSync(big.issuePath, 'utf8'));
      withPrint.print = { condition: 'IFRA26', info: 'coldset, press 2', inkLimit: 230 };
      (await import('node:fs')).writeFileSync(big.issuePath, JSON.stringify(withPrint));
      const g = await importIssue(db2, big.issuePath, { editionId: 'rt-24' });
      assert.deepEqual([g.pages, g.stories, g.photos], [24, big.issue.stories.length, 30]);
      const out24 = join(work, 'gen-out', 'issue.broadsheet');
      await exportIssue(db2, 'rt-24', out24);
      // The server stores photos by content hash, so an exported link carries the hash the file may have lacked.
      const expected = (await readIssueFile(big.issuePath)).issue;
      for (const x of expected.assets) x.hash ??= createHash('sha256').update(readFileSync(join(big.dir, x.path))).digest('hex');
      assert.deepEqual((await readIssueFile(out24)).issue, expected);
      assert.deepEqual(expected.print, { condition: 'IFRA26', info: 'coldset, press 2', inkLimit: 230 });
      // Importing the same edition id twice is refused, and leaves nothing half-imported.
      const before = (await db2.query<{ n: string }>('select count(*) as n from stories')).rows[0].n;
      await assert.rejects(importIssue(db2, sampleIssueFile, { editionId: 'rt-sample' }), { status: 409, message: /already an edition 'rt-sample'/ });
      assert.equal((await db2.query<{ n: string }>('select count(*) as n from stories')).rows[0].n, before);
      // A photo the file links but whose file is gone is kept as a link.
      const { writeFileSync, mkdirSync } = await import('node:fs');
      mkdirSync(join(work, 'gone'));
      const gone = { ...a.issue, assets: [...a.issue.assets, { id: 'photo-gone', path: 'photos/gone.jpg' }] };
      writeFileSync(join(work, 'gone', 'issue.broadsheet'), JSON.stringify(gone));
      const m = await importIssue(db2, join(work, 'gone', 'issue.broadsheet'), { editionId: 'rt-gone' });
      assert.ok(m.missingPhotos.includes('photos/gone.jpg'));
      await exportIssue(db2, 'rt-gone', join(work, 'gone-out', 'issue.broadsheet'));
      assert.ok((await readIssueFile(join(work, 'gone-out', 'issue.broadsheet'))).issue.assets.some((x) => x.id === 'photo-gone' && x.path === 'photos/gone.jpg'));
    });
  });
}

