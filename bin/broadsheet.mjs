#!/usr/bin/env node
// The `broadsheet` CLI. Runs dist/cli/broadsheet.cjs — the CLI bundled by scripts/build-cli.mjs,
// which `npm ci` runs as `prepare` — while dist/cli/manifest.json says every source it was built
// from is unchanged; otherwise (no bundle, an edited source, a new file, BROADSHEET_CLI=sources)
// the TypeScript sources through tsx, so a checkout being edited never runs a stale bundle
// (BROADSHEET_CLI=bundle runs it regardless; BROADSHEET_CLI_TRACE=1 says which ran).
// A command the build gave its own bundle (dist/cli/broadsheet-<command>.cjs: only what that
// command imports, whitespace-minified) runs from it; help and anything else from the full bundle.
// Each is compiled with V8's code cache (dist/cli/cache/, written after a command's first run of a
// build), so a command's code is neither transpiled nor parsed again at each start.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const argv = process.argv.slice(2);
const { BROADSHEET_CLI_DIST: distDir, BROADSHEET_CLI_TRACE: trace } = process.env;
const dist = distDir ? new URL(`file://${distDir.replace(/\/?$/, '/')}`) : new URL('../dist/cli/', import.meta.url);
/** ms since process start, for the trace only (the performance global loads perf_hooks, ~0.6 ms, on first use). */
const now = () => (trace ? performance.now() : 0);
/** Says on stderr (with BROADSHEET_CLI_TRACE) which code runs; returns undefined, so `return note(…)` means "no bundle". */
function note(line) {
  if (trace) process.stderr.write(`broadsheet-cli: ${line}\n`);
  return undefined;
}

/** The manifest when the bundle is current: every input (and every source folder) has the stamp it had at build time. */
function freshBundle() {
  if (process.env.BROADSHEET_CLI === 'sources') return note('sources (BROADSHEET_CLI=sources)');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', dist), 'utf8'));
  } catch {
    return note('sources (no bundle)');
  }
  // BROADSHEET_CLI=bundle: the bundle even if sources changed since it was built (benchmarks in a tree others edit).
  if (process.env.BROADSHEET_CLI === 'bundle') return manifest;
  const root = new URL('../', import.meta.url);
  for (const [rel, [mtime, size]] of Object.entries(manifest.inputs)) {
    let s;
    try {
      s = statSync(new URL(rel, root));
    } catch {
      return note(`sources (${rel} is gone)`);
    }
    if (s.mtimeMs !== mtime || (!s.isDirectory() && s.size !== size)) return note(`sources (${rel} changed since the bundle was built)`);
  }
  return manifest;
}

/** Compiles (with its code cache) and runs one bundle of dist/cli/; resolves to what its run(argv) resolves to. */
async function runBundle(bundle, name, buildId) {
  const file = fileURLToPath(new URL(bundle.file, dist));
  // One code cache per bundle and command: each holds the functions that command compiled on its first run.
  const cacheFile = new URL(`cache/${bundle.id}-${name}-${process.version}.bin`, dist);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    /* first run of this command with this build */
  }
  // An all-ASCII bundle (the build checked) read as latin1 is the same string, decoded faster.
  const code = readFileSync(file, bundle.ascii ? 'latin1' : 'utf8');
  const tRead = now();
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: file,
    cachedData,
  });
  const tCompiled = now();
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, fileURLToPath(dist));
  // The build id and cache folder: the bundle keeps font faces' answers there (node/face-cache.ts).
  const context = { buildId, faceCacheDir: fileURLToPath(new URL('cache/', dist)), faces: undefined };
  const exitCode = await module.exports.run(argv, context);
  const cache = !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  if (!cachedData || script.cachedDataRejected) {
    try {
      mkdirSync(new URL('cache/', dist), { recursive: true });
      const tmp = new URL(`${cacheFile.href}.${process.pid}.tmp`);
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      /* a read-only install runs without the cache */
    }
  }
  return { exitCode, cache, tRead, tCompiled, faces: context.faces };
}

async function runBundles(manifest) {
  // A CLI run is short: TurboFan compiling a loop that has run for 20 ms (on 2 cores, beside the run itself)
  // costs more than it saves before the process exits (galley: ~8 ms). Long runs (an export of many pages,
  // serve) are still optimized, after 8× the default amount of feedback (132 KB).
  v8.setFlagsFromString('--interrupt-budget=1048576');
  // The young generation grows 8× per step instead of 2× (up to the same maximum): galley's display list and
  // PDF chunks took 8 scavenges and a full mark-compact of what they promoted, ~12 ms; now 3–4 scavenges, ~5 ms.
  // (Only flags V8 reads as it goes can be set here; the heap's initial sizes are fixed by then.)
  v8.setFlagsFromString('--semi-space-growth-factor=8');
  // A composer module named in TypeScript (tests, benchmarks) needs tsx, as from sources.
  if (/\.[cm]?tsx?$/.test(process.env.BROADSHEET_EXPORT_COMPOSER ?? '')) (await import('tsx/esm/api')).register();
  // import() of a path the bundle cannot know (BROADSHEET_EXPORT_COMPOSER) comes here: a vm script's
  // own import() needs an experimental flag in Node 20 (build-cli.mjs rewrites it to this).
  globalThis.__broadsheetImport = (specifier) => import(specifier);
  globalThis.__broadsheetResolve = (specifier) => import.meta.resolve(specifier);
  const name = /^[a-z][a-z-]*$/.test(argv[0] ?? '') ? argv[0] : 'help';
  // The command's own bundle (only what it imports) when the build made one; the full bundle for the rest
  // (help, an unknown name) and whenever the command's bundle declines (its run() resolves to undefined).
  const own = Object.hasOwn(manifest.commands ?? {}, name) ? manifest.commands[name] : undefined;
  let bundle = own;
  let ran = own && (await runBundle(own, name, manifest.buildId));
  if (!ran || ran.exitCode === undefined) {
    bundle = { file: 'broadsheet.cjs', id: manifest.buildId, ascii: false };
    ran = await runBundle(bundle, name, manifest.buildId);
  }
  process.exitCode = ran.exitCode;
  const ms = (t) => t.toFixed(0);
  // faces: font faces used, and how many had to parse their font (a question the face cache could not answer).
  const faces = ran.faces?.faces ? `; face cache: ${ran.faces.faces} face(s), ${ran.faces.parsed} parsed` : '';
  note(`bundle ${manifest.buildId}, code cache ${ran.cache}; ${bundle.file}${faces}; ms since process start: ${ms(ran.tRead)} bundle found and read, ${ms(ran.tCompiled)} compiled, ${ms(now())} command done`);
}

const manifest = freshBundle();
if (manifest) {
  await runBundles(manifest);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(argv);
}
