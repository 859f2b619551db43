import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { serializeIssue } from '../../node/store/index.js';
import { generateIssue, rng } from './generate-issue.js';

const here = dirname(fileURLToPath(import.meta.url));
const FILES = 3000;
/** A file that takes longer than this to open counts as a hang. */
const HANG_MS = 10_000;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, n: number) => Math.floor(r() * n);

const WEIRD: unknown[] = [null, true, 0, -1, 1.5, 1e308, -0, '', '∞', 'x'.repeat(300), [], {}, [null], { type: 'doc' }, { id: 1 }, '../x', 'NaN'];

/** Replaces, deletes or renames one random node of parsed JSON. */
function mutateStructure(r: Rand, root: unknown): unknown {
  const paths: Array<[unknown, string | number]> = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > 12 || node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      paths.push([node, Array.isArray(node) ? Number(k) : k]);
      walk(v, depth + 1);
    }
  };
  walk(root, 0);
  if (!paths.length) return root;
  const [parent, key] = pick(r, paths);
  const p = parent as Record<string | number, unknown>;
  const what = r();
  if (what < 0.5) p[key] = structuredClone(pick(r, WEIRD));
  else if (what < 0.7) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete p[key];
  } else if (what < 0.85 && !Array.isArray(parent)) {
    p[String(key) + '_'] = p[key];
    delete p[key];
  } else p[key] = structuredClone(pick(r, paths)[0]); // a value from elsewhere
  return root;
}

function mutate(r: Rand, base: string, legacy: string): Buffer {
  const text = r() < 0.1 ? legacy : base;
  const bytes = Buffer.from(text);
  switch (int(r, 9)) {
    case 0: // truncated
      return bytes.subarray(0, int(r, bytes.length));
    case 1: {
      // random bytes flipped
      const b = Buffer.from(bytes);
      for (let n = 1 + int(r, 6); n > 0; n--) b[int(r, b.length)] = int(r, 256);
      return b;
    }
    case 2: {
      // a range deleted
      const a = int(r, bytes.length);
      return Buffer.concat([bytes.subarray(0, a), bytes.subarray(a + 1 + int(r, 400))]);
    }
    case 3: {
      // a range duplicated
      const a = int(r, bytes.length);
      const b = a + int(r, 300);
      return Buffer.concat([bytes.subarray(0, b), bytes.subarray(a, b), bytes.subarray(b)]);
    }
    case 4: {
      // JSON punctuation inserted
      const a = int(r, text.length);
      return Buffer.from(text.slice(0, a) + pick(r, ['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', 'null', '-']) + text.slice(a));
    }
    case 5:
    case 6: {
      // structure: 1–3 nodes replaced, deleted or renamed
      let j: unknown = JSON.parse(text);
      for (let n = 1 + int(r, 3); n > 0; n--) j = mutateStructure(r, j);
      return Buffer.from(JSON.stringify(j));
    }
    case 7: {
      // invalid UTF-8 inside a story
      const a = text.indexOf('"text"', int(r, text.length));
      const at = a < 0 ? int(r, bytes.length) : Buffer.byteLength(text.slice(0, a + 9));
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xc3]), bytes.subarray(at)]);
    }
    default: {
      // structural garbage: deep nesting, wrong versions, odd top-level values
      const n = 1 + int(r, 200_000);
      return Buffer.from(
        pick(r, [
          '['.repeat(n),
          '['.repeat(n) + ']'.repeat(n),
          JSON.stringify({ format: 'broadsheet-issue', version: pick(r, [0, -1, 2, 1.5, 'x', 999]) }),
          text.replace('"doc"', `"doc", "content": ${'[{"type":"paragraph","content":'.repeat(2000)}`),
          '{"format":"broadsheet-issue","version":1,"pages":' + '['.repeat(n % 5000),
          pick(r, ['null', '0', '"broadsheet"', 'true', '\ufeff{}', '{}']),
        ]),
      );
    }
  }
}

test(`fuzz: ${FILES} mutated and truncated issue files each open or fail with a clear IssueFileError; none crashes or hangs`, { timeout: 300_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'bs-fuzz-'));
  const files = join(d, 'files');
  const child = join(d, 'child.mjs');
  buildSync({ entryPoints: [join(here, 'fuzz-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'error' });
  const r = rng(7);
  const base = serializeIssue(generateIssue({ pages: 2, chars: 2500, photos: 2 }));
  const legacy = JSON.stringify({
    format: 'broadsheet', formatVersion: 0, title: '滨海日报', date: '2020/1/2',
    pages: [{ no: 1, name: '要闻', template: 'broadsheet-8col' }],
    frames: [{ id: 'f1', page: 1, kind: 'text', col: 0, cols: 4, row: 0, rows: 30, story: 's1' }],
    stories: [{ id: 's1', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '本报讯。' }] }] } }],
    images: [],
  });
  const hashes = new Map<string, string>();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(files);
  for (let i = 0; i < FILES; i++) {
    const name = `${String(i).padStart(5, '0')}.broadsheet`;
    const bytes = mutate(r, base, legacy);
    writeFileSync(join(files, name), bytes);
    hashes.set(name, createHash('sha256').update(bytes).digest('hex'));
  }

  const results = await new Promise<Array<Record<string, any>>>((resolve, reject) => {
    const proc = spawn(process.execPath, ['--stack-size=984', child, files, join(here, '..', '..', 'assets', 'fonts.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let current = '';
    let stderr = '';
    const out: Array<Record<string, any>> = [];
    let watchdog = setTimeout(() => proc.kill('SIGKILL'), HANG_MS);
    proc.stdout.on('data', (b: Buffer) => {
      buf += b.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('> ')) {
          current = line.slice(2);
          clearTimeout(watchdog);
          watchdog = setTimeout(() => proc.kill('SIGKILL'), HANG_MS);
        } else if (line.startsWith('{')) out.push(JSON.parse(line));
      }
    });
    proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    proc.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (code === 0) resolve(out);
      else reject(new Error(`the opener ${signal === 'SIGKILL' ? `hung (> ${HANG_MS} ms)` : `crashed (exit ${code})`} on ${current}: ${stderr.slice(0, 2000)}`));
    });
  });

  assert.equal(results.length, FILES);
  const crashes = results.filter((x) => x.crash);
  assert.deepEqual(crashes.slice(0, 3), [], 'every failure is an IssueFileError');
  const byCode = new Map<string, number>();
  for (const x of results) {
    const key = x.ok ? 'opened' : x.code;
    byCode.set(key, (byCode.get(key) ?? 0) + 1);
    if (x.ok) continue;
    const problem = String(x.problem);
    assert.ok(problem.includes(join(files, x.name)), `${x.name}: the message names the file: ${problem}`);
    assert.doesNotMatch(problem, /\n\s+at |\[object |(^|[^"])\b(undefined|NaN)\b(?!")/, `${x.name}: a clear message: ${problem}`);
    assert.ok(problem.length < 800, `${x.name}: a message, not a dump (${problem.length} chars)`);
    if (x.recoverable) assert.equal(x.recoverableValid, true, `${x.name}: the recoverable parts form a valid issue`);
  }
  for (const [name, hash] of hashes) assert.equal(createHash('sha256').update(readFileSync(join(files, name))).digest('hex'), hash, `${name} untouched`);
  const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(`fuzz: ${[...byCode].map(([k, v]) => `${k} ${v}`).join(', ')}; ${results.filter((x) => x.recoverable).length} offered recoverable parts; slowest ${slowest.ms.toFixed(1)} ms (${slowest.name})`);
});
