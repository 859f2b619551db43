import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NewsroomClient, NewsroomClientError } from '../../node/newsroom/client.js';
import type { NewsroomDb } from '../../node/newsroom/db.js';
import type { Role } from '../../node/newsroom/auth.js';
import { Newsroom } from '../../node/newsroom/service.js';
import type { NewsroomEvent } from '../../node/newsroom/service.js';

/** Helpers shared by the newsroom tests and the benchmark: users, clients, server processes. */

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const sampleIssueFile = fileURLToPath(new URL('../../assets/sample/sample.broadsheet', import.meta.url));

export const password = (login: string) => `password-of-${login}`;

/** The staff of a small desk: two of each writing role, one layout editor, the chief, the admin. */
export const STAFF: [string, Role, string][] = [
  ['rep1', 'reporter', '许浩然'],
  ['rep2', 'reporter', '陈静'],
  ['ed1', 'editor', '王芳'],
  ['ed2', 'editor', '李明'],
  ['lay1', 'layout', '赵磊'],
  ['chief1', 'chief', '周总'],
  ['admin1', 'admin', '系统管理员'],
];

export async function addStaff(db: NewsroomDb, staff = STAFF): Promise<void> {
  const nr = new Newsroom(db);
  for (const [login, role, name] of staff) await nr.addUser({ login, role, name, password: password(login) });
}

export async function signIn(base: string, login: string): Promise<NewsroomClient> {
  const c = new NewsroomClient(base);
  await c.login(login, password(login));
  return c;
}

/** Calls `fn` and returns the HTTP status it failed with (or 200). */
export async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    const s = (err as { status?: number }).status;
    if (typeof s !== 'number') throw err;
    return s;
  }
}

/** The error a call fails with (the test fails if it succeeds). */
export async function failure(p: Promise<unknown>): Promise<NewsroomClientError & { detail: Record<string, any> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof NewsroomClientError) return err as NewsroomClientError & { detail: Record<string, any> };
    throw err;
  }
  throw new Error('the call succeeded; it should have been refused');
}

/** Resolves to the first event matching `pred` (rejects after `ms`). */
export function nextEvent(events: NewsroomEvent[], pred: (e: NewsroomEvent) => boolean, ms = 5000): Promise<{ event: NewsroomEvent; at: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const e = events.find(pred);
      if (e) return resolve({ event: e, at: Date.now() });
      if (Date.now() - t0 > ms) return reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((x) => `${x.type}:${x.kind}:${x.id}`))}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `broadsheet newsroom serve` as its own process (any free port); resolves once it prints its URL. */
export function spawnServer(dbArgs: string[], extra: string[] = []): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['bin/broadsheet.mjs', 'newsroom', 'serve', '--port', '0', ...dbArgs, ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`the newsroom server did not start within 60 s: ${err}`));
    }, 60_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && /^https?:\/\//.test(line)) {
        clearTimeout(timer);
        resolve({ url: line.trim(), proc, stderr: () => err, stop });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the newsroom server exited (${code}) before it started: ${err}`));
    });
  });
}

/** A story document whose every paragraph carries `marker`: a torn write would mix markers. */
export function markedDoc(marker: string, paragraphs = 200): unknown {
  return {
    type: 'doc',
    content: [
      { type: 'headline', content: [{ type: 'text', text: `标题 ${marker}` }] },
      ...Array.from({ length: paragraphs }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `${marker} 第${i + 1}段：区里把老旧小区改造列为头号民生工程，完成屋面防水、管线更新和加装电梯。` }] })),
    ],
  };
}

export function markersOf(doc: unknown): Set<string> {
  const blocks = (doc as { content: { content?: { text: string }[] }[] }).content;
  return new Set(blocks.map((b) => (b.content?.[0]?.text ?? '').match(/m\d+-\d+/)?.[0] ?? '?'));
}
