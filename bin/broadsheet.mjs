#!/usr/bin/env node
// The `broadsheet` CLI. Runs dist/cli/broadsheet.mjs, the CLI bundled by `scripts/build.mjs --cli`
// (which `npm ci` runs as `prepare`), while every source it was built from has the mtime and size
// that dist/cli/inputs.json recorded; otherwise cli/main.ts through tsx, so an edited checkout
// never runs a stale bundle. BROADSHEET_CLI=sources|bundle forces one (bundle: even if stale),
// BROADSHEET_CLI_TRACE=1 says which ran; BROADSHEET_CLI_DIST names another bundle folder (tests).
import { readFileSync, statSync } from 'node:fs';

const { BROADSHEET_CLI: force, BROADSHEET_CLI_DIST: distDir, BROADSHEET_CLI_TRACE: trace } = process.env;
const dist = distDir ? new URL(`file://${distDir.replace(/\/?$/, '/')}`) : new URL('../dist/cli/', import.meta.url);

/** Why the bundle cannot run, or undefined when it is current. */
function stale() {
  if (force === 'sources') return 'BROADSHEET_CLI=sources';
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
  } catch {
    return 'no bundle';
  }
  if (force === 'bundle') return undefined;
  for (const [rel, [mtime, size]] of Object.entries(inputs)) {
    let s;
    try {
      s = statSync(new URL(`../${rel}`, import.meta.url));
    } catch {
      return `${rel} is gone`;
    }
    if (s.mtimeMs !== mtime || (!s.isDirectory() && s.size !== size)) return `${rel} changed since the bundle was built`;
  }
  return undefined;
}

const why = stale();
if (trace) process.stderr.write(`broadsheet-cli: ${why ? `sources (${why})` : 'bundle'}\n`);
// tsx for the sources, and for a composer module named in TypeScript (tests, benchmarks) either way.
if (why || /\.[cm]?tsx?$/.test(process.env.BROADSHEET_EXPORT_COMPOSER ?? '')) (await import('tsx/esm/api')).register();
const run = why ? (await import('../cli/main.ts')).main : (await import(new URL('broadsheet.mjs', dist).href)).run;
process.exitCode = await run(process.argv.slice(2));
