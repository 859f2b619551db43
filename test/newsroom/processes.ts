import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openNewsroomDb, type NewsroomDb } from '../../node/newsroom/db.js';
import type { NewsroomEvent } from '../../node/newsroom/service.js';
import { importIssue } from '../../node/newsroom/transfer.js';
import { addStaff, markedDoc, markersOf, nextEvent, sampleIssueFile, signIn, spawnServer, statusOf, type ServerProcess } from './harness.js';

/**
 * The newsroom server as its own process (`broadsheet newsroom serve`): killed with SIGKILL in
 * the middle of check-ins, and — on PostgreSQL — two servers on one database, whose clients hear
 * each other's changes through LISTEN/NOTIFY.
 */

export function processSuite(b: { name: string; kind: 'pglite' | 'postgres'; url?: () => Promise<string> }): void {
  describe(`newsroom server processes on ${b.name}`, () => {
    const E = 'e-proc';
    let dbArgs: string[] = [];
    let dir: string | undefined;
    const running: ServerProcess[] = [];
    const open = (): Promise<NewsroomDb> => (b.kind === 'pglite' ? openNewsroomDb({ dir }) : openNewsroomDb({ url: dbArgs[1] }));

    before(async () => {
      if (b.kind === 'pglite') {
        dir = mkdtempSync(join(tmpdir(), 'broadsheet-newsroom-data-'));
        dbArgs = ['--data', dir];
      } else {
        dbArgs = ['--database', await b.url!()];
      }
      const db = await open();
      try {
        await addStaff(db);
        await importIssue(db, sampleIssueFile, { editionId: E, owner: 'rep1' });
      } finally {
        await db.close();
      }
    });
    after(async () => {
      for (const s of running) await s.stop('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    const start = async () => {
      const s = await spawnServer(dbArgs);
      running.push(s);
      return s;
    };

    test('SIGKILL in the middle of check-ins leaves the old version or the new one, never a mix, and loses nothing acknowledged', async () => {
      for (let round = 1; round <= 3; round++) {
        const srv = await start();
        const ed = await signIn(srv.url, 'ed1');
        await ed.checkout(E, 'story', 's-lead', true);
        let acked = 0;
        let sent = 0;
        let stop = false;
        const loop = async (lane: number) => {
          while (!stop) {
            const marker = `m${round}-${lane}${++sent}`;
            try {
              const r = await ed.checkin(E, 'story', 's-lead', { doc: markedDoc(marker, 300), keep: true, note: marker });
              acked = Math.max(acked, r.version);
            } catch {
              return; // the server is gone
            }
          }
        };
        const lanes = [loop(1), loop(2)];
        await new Promise((r) => setTimeout(r, 400 + Math.random() * 800));
        await srv.stop('SIGKILL');
        stop = true;
        await Promise.all(lanes);
        assert.ok(acked > 0, `round ${round}: some check-ins were acknowledged before the kill`);

        const again = await start();
        const reader = await signIn(again.url, 'rep1');
        const cur = await reader.call<{ version: number; doc: unknown }>('GET', `/api/editions/${E}/stories/s-lead`);
        const markers = markersOf(cur.doc);
        assert.equal(markers.size, 1, `round ${round}: the story mixes check-ins ${[...markers].join(', ')}`);
        assert.ok(cur.version >= acked, `round ${round}: version ${acked} was acknowledged, the database has ${cur.version}`);
        const versions = await reader.call<{ version: number; note: string }[]>('GET', `/api/editions/${E}/stories/s-lead/versions`);
        assert.deepEqual(versions.map((v) => v.version), Array.from({ length: cur.version }, (_, i) => cur.version - i), 'versions are contiguous');
        assert.equal(versions[0].note, [...markers][0].replace(/^标题 /, ''));
        const stored = await reader.call<{ doc: unknown }>('GET', `/api/editions/${E}/stories/s-lead/versions/${cur.version}`);
        assert.deepEqual(stored.doc, cur.doc);
        await again.stop();
      }
    });

    if (b.kind === 'pglite') {
      test('a second server on the same data folder is refused, saying which process has it', async () => {
        const first = await start();
        const second = await spawnServer(dbArgs).catch((e: Error) => e);
        assert.ok(second instanceof Error);
        assert.match(second.message, new RegExp(`in use by process ${first.proc.pid}`));
        await first.stop();
      });
    } else {
      test('two server processes on one PostgreSQL: changes through one reach the other’s subscribers, and leases hold across them', async () => {
        const [a, bb] = await Promise.all([start(), start()]);
        const viaA = await signIn(a.url, 'ed1');
        const viaB = await signIn(bb.url, 'ed2');
        const watcher = await signIn(bb.url, 'rep1');
        const events: NewsroomEvent[] = [];
        const sub = await watcher.events(E, (e) => events.push(e));
        try {
          let t0 = Date.now();
          await viaA.checkout(E, 'story', 's-ear');
          let got = await nextEvent(events, (e) => e.type === 'checkout' && e.id === 's-ear');
          assert.ok(got.at - t0 < 1000, `heard on the other server after ${got.at - t0} ms`);
          assert.equal(await statusOf(viaB.checkout(E, 'story', 's-ear')), 409);
          t0 = Date.now();
          const { version } = await viaA.checkin(E, 'story', 's-ear', { doc: markedDoc('m9-1', 3) });
          got = await nextEvent(events, (e) => e.type === 'checkin' && e.id === 's-ear' && e.version === version);
          assert.ok(got.at - t0 < 1000, `check-in heard on the other server after ${got.at - t0} ms`);
          for (let round = 0; round < 10; round++) {
            const { id } = await viaA.call<{ id: string }>('POST', `/api/editions/${E}/stories`, { slug: `x${round}` });
            const r = await Promise.all([statusOf(viaA.checkout(E, 'story', id)), statusOf(viaB.checkout(E, 'story', id))]);
            assert.deepEqual(r.sort(), [200, 409], `round ${round}`);
          }
        } finally {
          sub.close();
          await Promise.all([a.stop(), bb.stop()]);
        }
      });
    }
  });
}
