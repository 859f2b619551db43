import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests: Debian's `postgresql` package (`initdb` + `pg_ctl`),
 * on a free loopback port, in a temporary folder removed afterwards. Run as root (CI), the
 * server runs as the `postgres` user, since PostgreSQL refuses to run as root. A machine without
 * PostgreSQL fails the test with the install command: nothing is skipped.
 */

export interface Cluster {
  /** URL of a fresh database in the cluster for each call. */
  database(name: string): Promise<string>;
  url: string;
  stop(): Promise<void>;
}

function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length) return join(root, versions[0], 'bin');
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (onPath.status === 0 && existsSync(join(onPath.stdout.trim(), 'initdb'))) return onPath.stdout.trim();
  throw new Error("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): run 'apt-get install -y postgresql' (.ci/run does)");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args;
    return execFileSync(asRoot ? 'runuser' : join(bin, cmd), argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'broadsheet', '-E', 'UTF8', '--locale=C', '--no-sync']);
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot start a throwaway PostgreSQL cluster: ${(err as { stderr?: string }).stderr ?? (err as Error).message}`);
  }
  const url = `postgres://broadsheet@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    url,
    async database(name) {
      const db = `${name.replace(/[^a-z0-9_]/g, '_')}_${++n}`;
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`create database ${db}`);
      await c.end();
      return `postgres://broadsheet@127.0.0.1:${port}/${db}`;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
