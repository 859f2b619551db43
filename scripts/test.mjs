#!/usr/bin/env node
// `npm test`: the layering check, typecheck, unit tests (test/**/*.test.ts outside test/e2e), then the
// renderer build and the end-to-end tests (test/e2e). `--unit` / `--e2e` run one part.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.find((a) => a === '--unit' || a === '--e2e');
const filter = args.find((a) => !a.startsWith('--'));

function run(cmd, cmdArgs, label) {
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    process.stdout.write(`\n${label} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status || 1);
  }
}

function findTests(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, acc);
    else if (name.endsWith('.test.ts')) acc.push(p);
  }
  return acc;
}

const all = findTests(join(root, 'test')).filter((f) => !filter || f.includes(filter));
const e2eDir = join(root, 'test', 'e2e');
const unit = all.filter((f) => !f.startsWith(e2eDir));
const e2e = all.filter((f) => f.startsWith(e2eDir));
const nodeTest = ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec'];

if (!only) {
  run(process.execPath, [join(root, 'scripts', 'check-layers.mjs')], 'layers (scripts/check-layers.mjs)');
  run('npx', ['tsc', '-b'], 'typecheck (tsc -b)');
}
if (only !== '--e2e' && unit.length) run(process.execPath, [...nodeTest, ...unit], `unit tests (${unit.length} files)`);
if (only !== '--unit' && e2e.length) {
  if (existsSync(join(root, 'renderer', 'index.html'))) run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], 'renderer build (vite)');
  run(process.execPath, [...nodeTest, ...e2e], `end-to-end tests (${e2e.length} files)`);
}
