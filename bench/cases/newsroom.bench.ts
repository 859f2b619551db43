import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../node/newsroom/auth.js';
import type { NewsroomClient } from '../../node/newsroom/client.js';
import { openNewsroomDb, type NewsroomDb } from '../../node/newsroom/db.js';
import type { NewsroomEvent, PageRow } from '../../node/newsroom/service.js';
import { importIssue } from '../../node/newsroom/transfer.js';
import { generatedIssueOnDisk } from '../../test/fixtures/build.js';
import { addStaff, signIn, spawnServer } from '../../test/newsroom/harness.js';
import { startCluster } from '../../test/newsroom/pg-cluster.js';
import { stats, type BenchCase, type BenchRow } from '../bench.js';

/**
 * `npm run bench -- newsroom`: a newsroom at work on a 24-page edition for 60 s
 * (BENCH_NEWSROOM_SECONDS to change), once on the embedded database (PGlite) and once on a
 * throwaway PostgreSQL cluster. The server runs as its own process (`broadsheet newsroom serve`,
 * fit recomposition on), 30 users: 14 editors and 6 layout editors loop check-out → read →
 * edit → check-in on random stories and pages, 10 reporters only read, subscribed to the
 * edition's events. Afterwards every acknowledged check-in is looked up in the database
 * (versions lost must be 0) and every reader's stream is checked for it (notifications lost).
 */

const SECONDS = Number(process.env.BENCH_NEWSROOM_SECONDS ?? 60);
const EDITORS = 14;
const LAYOUT = 6;
const READERS = 10;
const E = 'bench-24';

interface Acked {
  kind: 'story' | 'page';
  id: string;
  version: number;
  marker: string;
}

async function seed(db: NewsroomDb, work: string): Promise<void> {
  const staff: [string, Role, string][] = [
    ...Array.from({ length: EDITORS }, (_, i) => [`ed${i}`, 'editor', `编辑${i}`] as [string, Role, string]),
    ...Array.from({ length: LAYOUT }, (_, i) => [`lay${i}`, 'layout', `美编${i}`] as [string, Role, string]),
    ...Array.from({ length: READERS }, (_, i) => [`rep${i}`, 'reporter', `记者${i}`] as [string, Role, string]),
  ];
  await addStaff(db, staff);
  const big = await generatedIssueOnDisk(join(work, 'issue'), { pages: 24, photos: 24 });
  await importIssue(db, big.issuePath, { editionId: E });
}

async function run(name: string, dbArgs: string[]): Promise<BenchRow[]> {
  const srv = await spawnServer(dbArgs);
  try {
    const [editors, layout, readers] = await Promise.all([
      Promise.all(Array.from({ length: EDITORS }, (_, i) => signIn(srv.url, `ed${i}`))),
      Promise.all(Array.from({ length: LAYOUT }, (_, i) => signIn(srv.url, `lay${i}`))),
      Promise.all(Array.from({ length: READERS }, (_, i) => signIn(srv.url, `rep${i}`))),
    ]);
    const overview = await readers[0].edition<{ pages: PageRow[]; stories: { id: string }[] }>(E);
    const storyIds = overview.stories.map((s) => s.id);
    const pageIds = overview.pages.map((p) => p.id);

    const delays: number[] = [];
    const heard: Set<string>[] = readers.map(() => new Set());
    let fits = 0;
    const subs = await Promise.all(
      readers.map((r, i) =>
        r.events(E, (e: NewsroomEvent) => {
          delays.push(Date.now() - e.sent);
          if (e.type === 'checkin') heard[i].add(`${e.kind}:${e.id}:${e.version}`);
          if (e.type === 'fit' && i === 0) fits++;
        }),
      ),
    );

    const checkins: number[] = [];
    const acked: Acked[] = [];
    const errors: string[] = [];
    let busy = 0;
    let reads = 0;
    const end = Date.now() + SECONDS * 1000;
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    let n = 0;

    const writer = async (c: NewsroomClient, kind: 'story' | 'page') => {
      while (Date.now() < end) {
        const id = pick(kind === 'story' ? storyIds : pageIds);
        try {
          await c.checkout(E, kind, id);
        } catch (err) {
          if ((err as { status?: number }).status === 409) {
            busy++;
            await pause(50);
            continue;
          }
          errors.push(`checkout ${kind} ${id}: ${(err as Error).message}`);
          continue;
        }
        try {
          const marker = `bench-${++n}`;
          let body: Record<string, unknown>;
          if (kind === 'story') {
            const s = await c.call<{ doc: { content: unknown[] } }>('GET', c.target(E, 'story', id));
            const content = s.doc.content.filter((b) => !JSON.stringify(b).includes('"bench-'));
            content.push({ type: 'paragraph', content: [{ type: 'text', text: `${marker} 记者现场补充：工程本周完成验收。` }] });
            body = { doc: { ...s.doc, content }, note: marker };
          } else {
            const p = await c.call<PageRow>('GET', c.target(E, 'page', id));
            body = { page: { ...p.page, editor: marker }, note: marker };
          }
          await pause(100 + Math.random() * 300); // the edit itself
          const t0 = performance.now();
          const r = await c.checkin(E, kind, id, body);
          checkins.push(performance.now() - t0);
          acked.push({ kind, id, version: r.version, marker });
        } catch (err) {
          errors.push(`check-in ${kind} ${id}: ${(err as Error).message}`);
          await c.call('POST', c.target(E, kind, id, 'cancel')).catch(() => {});
        }
        await pause(100 + Math.random() * 200);
      }
    };
    const reader = async (c: NewsroomClient) => {
      while (Date.now() < end) {
        try {
          await c.call('GET', c.target(E, 'story', pick(storyIds)));
          reads++;
        } catch (err) {
          errors.push(`read: ${(err as Error).message}`);
        }
        await pause(300 + Math.random() * 400);
      }
    };
    await Promise.all([...editors.map((c) => writer(c, 'story')), ...layout.map((c) => writer(c, 'page')), ...readers.map(reader)]);
    await pause(1500); // the last notifications
    for (const s of subs) s.close();

    // Every acknowledged check-in must be in the history with its text.
    let lost = 0;
    for (const a of acked) {
      const v = await readers[0].call<{ doc?: unknown; page?: unknown }>('GET', `${readers[0].target(E, a.kind, a.id)}/versions/${a.version}`).catch(() => undefined);
      const mark = a.kind === 'story' ? `${a.marker} ` : `"${a.marker}"`;
      if (!v || !JSON.stringify(v).includes(mark)) lost++;
    }
    const missed = heard.reduce((m, h) => m + acked.filter((a) => !h.has(`${a.kind}:${a.id}:${a.version}`)).length, 0);
    const ci = stats(checkins);
    const nd = stats(delays);
    const note = `${EDITORS + LAYOUT + READERS} users, ${SECONDS} s, ${acked.length} check-ins, ${busy} check-outs found taken, ${reads} reads`;
    return [
      { name: `${name}: check-in, p50`, value: ci.median, unit: 'ms', note },
      { name: `${name}: check-in, p95`, value: ci.p95, unit: 'ms', target: '< 250 ms', ok: ci.p95 < 250 },
      { name: `${name}: notification delay, p95`, value: nd.p95, unit: 'ms', target: '< 1000 ms', ok: nd.p95 < 1000, note: `${nd.n} deliveries; ${missed} check-ins a subscriber never heard; ${fits} fit updates (server recomposition)` },
      { name: `${name}: errors`, value: errors.length, unit: '', target: '0', ok: errors.length === 0, note: errors.slice(0, 2).join(' | ') },
      { name: `${name}: versions lost`, value: lost, unit: '', target: '0', ok: lost === 0 },
    ];
  } finally {
    await srv.stop();
  }
}

const bench: BenchCase = {
  name: 'newsroom',
  async run() {
    const rows: BenchRow[] = [];
    const work = mkdtempSync(join(tmpdir(), 'broadsheet-newsroom-bench-'));
    try {
      const dir = join(work, 'pglite');
      const db = await openNewsroomDb({ dir });
      await seed(db, work);
      await db.close();
      rows.push(...(await run('PGlite', ['--data', dir])));

      const cluster = await startCluster();
      try {
        const url = await cluster.database('bench');
        const pg = await openNewsroomDb({ url });
        await seed(pg, work);
        await pg.close();
        rows.push(...(await run('PostgreSQL', ['--database', url])));
      } finally {
        await cluster.stop();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return rows;
  },
};
export default bench;
