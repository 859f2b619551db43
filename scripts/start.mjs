#!/usr/bin/env node
// `npm start [-- FILE.broadsheet]`: builds, then opens the app on the bundled sample issue (or
// FILE). Electron 42+ downloads its binary on first use rather than at `npm ci`; this fetches
// it once. Where it cannot be fetched (offline machines, no access to Electron's download
// host), the same app is served by the loopback host to a browser instead: the URL with
// this launch's token is printed first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');
const file = process.argv.slice(2).find((a) => !a.startsWith('-'));
const issue = file ? resolve(file) : sample;
const say = (line) => process.stderr.write(`broadsheet start: ${line}\n`);

if (file && !existsSync(issue)) {
  say(`no such issue file: ${issue}`);
  process.exit(2);
}

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (built.status !== 0) process.exit(built.status || 1);

/** The Electron executable when it is on disk (never triggers a download by itself). */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(p) ? p : undefined;
  }
  const pathTxt = join(electronDir, 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const p = join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(p) ? p : undefined;
}

let binary = electronBinary();
if (!binary && existsSync(join(electronDir, 'install.js')) && !process.env.BROADSHEET_NO_ELECTRON) {
  say('fetching the Electron binary (first start only)…');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000 });
  binary = electronBinary();
  if (!binary) {
    const why = String(r.stderr ?? '').split('\n').find((l) => /error|ENOTFOUND|ECONN|EAI_AGAIN|timed out|fetch failed/i.test(l)) ?? `exit ${r.status ?? r.signal}`;
    say(`the Electron binary could not be downloaded (${why.trim()}).`);
  }
}

if (binary && !process.env.BROADSHEET_NO_ELECTRON) {
  say(`launching Electron on ${issue}`);
  const child = spawn(binary, [root, issue], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
} else {
  say('starting the loopback host instead: open the URL below in Chromium or Chrome (same app, same services; Ctrl+C stops).');
  const child = spawn(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'serve', '--issue', issue], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
