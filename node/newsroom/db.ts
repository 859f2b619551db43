import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pidAlive } from '../store/atomic.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/**
 * The newsroom's database: PostgreSQL, either embedded in this process (PGlite, stored in a
 * folder) or a real server reached by URL. Both speak the same SQL; this module hides the two
 * drivers behind one small interface — queries, transactions and LISTEN/NOTIFY — and applies the
 * schema migrations at open.
 */

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface NewsroomDb extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: all of its writes land, or none (also when the process dies). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class NewsroomDbError extends Error {}

export interface OpenDbOptions {
  /** `postgres://…` or `postgresql://…`: a PostgreSQL server (15 or newer). */
  url?: string;
  /** Folder of the embedded database (PGlite); created when missing. Without url and dir: in memory (tests). */
  dir?: string;
  /** Largest number of connections to a PostgreSQL server (default 10). */
  poolSize?: number;
}

/** Opens the database and brings its schema to this server's version. */
export async function openNewsroomDb(opts: OpenDbOptions): Promise<NewsroomDb> {
  const db = opts.url ? await openPostgres(opts.url, opts.poolSize ?? 10) : await openPglite(opts.dir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

async function openPglite(dir: string | undefined): Promise<NewsroomDb> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir) await mkdir(dir, { recursive: true });
  const unlock = dir ? await lockDataDir(dir) : async () => {};
  let pg: InstanceType<typeof PGlite>;
  try {
    pg = await PGlite.create(dir ? dir : 'memory://');
  } catch (err) {
    await unlock();
    throw new NewsroomDbError(`cannot open the newsroom database in "${dir}": ${(err as Error).message}`);
  }
  return {
    kind: 'pglite',
    query: async (sql, params) => ({ rows: (await pg.query(sql, params)).rows as never[] }),
    transaction: (fn) => pg.transaction((tx) => fn({ query: async (sql, params) => ({ rows: (await tx.query(sql, params)).rows as never[] }) })),
    listen: async (channel, cb) => {
      const off = await pg.listen(channel, cb);
      return async () => off();
    },
    close: async () => {
      await pg.close();
      await unlock();
    },
  };
}

/**
 * The embedded database belongs to one process: PGlite has no server to share it, and two
 * processes writing one folder would corrupt it. The folder's pid file says who has it; a pid
 * file left by a process that died (killed, power cut) is taken over.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'broadsheet-newsroom.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return () => unlink(file).catch(() => {});
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw new NewsroomDbError(`cannot lock the newsroom database in "${dir}": ${(err as Error).message}`);
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || pidAlive(pid))) {
      throw new NewsroomDbError(`the newsroom database in "${dir}" is in use by process ${pid} (a running newsroom server); stop it first, or make the change through that server`);
    }
    await unlink(file).catch(() => {});
  }
}

async function openPostgres(url: string, poolSize: number): Promise<NewsroomDb> {
  const pgmod = await import('pg');
  const Pool = pgmod.default?.Pool ?? pgmod.Pool;
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const { rows } = await pool.query<{ v: string }>('show server_version_num');
    if (Number(rows[0].v) < 150000) throw new NewsroomDbError(`the PostgreSQL server at ${redact(url)} is version ${rows[0].v}; the newsroom needs 15 or newer`);
  } catch (err) {
    await pool.end().catch(() => {});
    if (err instanceof NewsroomDbError) throw err;
    throw new NewsroomDbError(`cannot connect to PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  let listener: import('pg').Client | undefined;
  const handlers = new Map<string, Set<(p: string) => void>>();
  return {
    kind: 'postgres',
    query: async (sql, params) => ({ rows: (await pool.query(sql, params as unknown[])).rows }),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn({ query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }) });
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, cb) {
      if (!listener) {
        listener = new pgmod.default.Client({ connectionString: url });
        listener.on('error', () => {});
        await listener.connect();
        listener.on('notification', (n) => {
          for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
        });
      }
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.query(`listen ${ident(channel)}`);
      }
      set.add(cb);
      return async () => {
        set!.delete(cb);
      };
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

/** A channel name as an SQL identifier (ours are fixed words; anything else is refused). */
function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new NewsroomDbError(`bad channel name ${JSON.stringify(name)}`);
  return name;
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Applies the migrations this database lacks, each in its own transaction, under an advisory
 * lock so two servers starting together on one PostgreSQL do not both migrate. A database newer
 * than this server is refused: an older server would write rows the newer schema does not expect.
 */
async function migrate(db: NewsroomDb): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(4242001)');
    await tx.query('create table if not exists newsroom_schema (version int not null, applied_at timestamptz not null default now())');
    const { rows } = await tx.query<{ v: number | null }>('select max(version) as v from newsroom_schema');
    const current = rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new NewsroomDbError(`the newsroom database is at schema version ${current}, newer than this server (${SCHEMA_VERSION}); update Broadsheet on this machine before serving it`);
    }
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
      for (const stmt of m.sql) await tx.query(stmt);
      await tx.query('insert into newsroom_schema(version) values ($1)', [m.version]);
    }
  });
}
