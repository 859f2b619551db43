#!/usr/bin/env node
// `npm run build:cli` (and `prepare`, so `npm ci` runs it): the CLI as one CommonJS bundle,
// dist/cli/broadsheet.cjs, so `npx broadsheet …` does not transpile TypeScript at run time.
// bin/broadsheet.mjs runs the bundle only while dist/cli/manifest.json says every source it
// was built from is unchanged (same mtime and size, no file added to or removed from their
// folders); otherwise it runs the sources through tsx, so an edited checkout never runs a
// stale bundle. Offline and quick (esbuild, ~0.5 s); a failure is reported and leaves the CLI
// on tsx rather than failing `npm ci`.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// --outdir DIR: somewhere else (tests; bin/broadsheet.mjs reads it from BROADSHEET_CLI_DIST).
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'dist', 'cli');
const outfile = join(outdir, 'broadsheet.cjs');
const manifestFile = join(outdir, 'manifest.json');
const commandsDir = join(root, 'cli', 'commands');
const t0 = performance.now();

/** Packages loaded from node_modules at run time rather than bundled (native code, or only some commands' tools). */
const EXTERNAL = ['sharp', 'electron', 'tsx', 'esbuild', 'vite', 'playwright-core', 'brotli'];

/**
 * Every module's `import.meta.url` becomes the URL its file has in the checkout (computed from
 * the bundle's own __dirname), so sources find their neighbours (templates/, assets/fonts.json)
 * and packages their data and dependencies as they do unbundled; `import.meta.resolve` and
 * computed import() go to bin/broadsheet.mjs's own (a CommonJS bundle has neither).
 */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.([cm]?[jt]s)$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const ownSource = !args.path.includes(`${sep}node_modules${sep}`);
      // import() of a computed specifier (a composer module named at run time) goes through bin/broadsheet.mjs.
      const computedImport = ownSource && /\bimport\((?=\s*[A-Za-z_])/.test(source);
      if (!source.includes('import.meta.') && !computedImport) return undefined;
      const rel = relative(outdir, args.path).split(sep).join('/');
      const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
      const loader = ext.endsWith('ts') ? 'ts' : 'js';
      source = source.replaceAll('import.meta.url', `__bsSourceUrl(${JSON.stringify(rel)})`).replaceAll('import.meta.resolve(', '__bsResolve(');
      if (computedImport) source = source.replace(/\bimport\((?=\s*[A-Za-z_])/g, '__bsImport(');
      return { contents: source, loader };
    });
  },
};

/**
 * Start-up work fontkit and pdfkit do at load that a run may never need, deferred to first use with
 * the same results: its four Unicode tries are inflated by tiny-inflate (pure JS, ~35 ms cold)
 * — Node's own zlib inflates the same raw-deflate data; brotli's decoder (WOFF2 only, 1.4 MB
 * of dictionary) stays in node_modules and loads when first called.
 */
const lazyDepsPlugin = {
  name: 'lazy-deps',
  setup(b) {
    b.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: 'bs-shim' }));
    b.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, (args) => (args.namespace === 'bs-shim' ? { path: args.path, external: true } : { path: 'brotli-decompress', namespace: 'bs-shim' }));
    b.onLoad({ filter: /^tiny-inflate$/, namespace: 'bs-shim' }, () => ({
      // tiny-inflate(source, dest): raw DEFLATE into dest; returns dest, or the filled part of it.
      contents: `const { inflateRawSync } = require('node:zlib');
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  if (out.length >= dest.length) { dest.set(out.subarray(0, dest.length)); return dest; }
  dest.set(out);
  return typeof dest.slice === 'function' ? dest.slice(0, out.length) : dest.subarray(0, out.length);
};`,
      loader: 'js',
    }));
    // pdfkit's AES (encrypted PDFs only) builds its tables at load; the shim loads it on first use.
    b.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, (args) => (args.namespace === 'bs-shim' ? undefined : { path: 'noble-aes', namespace: 'bs-shim' }));
    b.onLoad({ filter: /^noble-aes$/, namespace: 'bs-shim' }, () => ({
      contents: `const aes = () => require('@noble/ciphers/aes');
exports.cbc = (...args) => aes().cbc(...args);
exports.ecb = (...args) => aes().ecb(...args);`,
      loader: 'js',
      resolveDir: root,
    }));
    // pdfkit's line breaker (its own text wrapping, which the painter never uses) builds a Unicode trie at load.
    b.onResolve({ filter: /^linebreak$/ }, (args) => (args.namespace === 'bs-shim' ? undefined : { path: 'linebreak', namespace: 'bs-shim' }));
    b.onLoad({ filter: /^linebreak$/, namespace: 'bs-shim' }, () => ({
      contents: `module.exports = function LineBreaker(...args) { const Real = require('linebreak'); return new Real(...args); };`,
      loader: 'js',
      resolveDir: root,
    }));
    b.onLoad({ filter: /^brotli-decompress$/, namespace: 'bs-shim' }, () => ({
      contents: `module.exports = function decompress(...args) { return require('brotli/decompress.js')(...args); };`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

function commandFiles() {
  return readdirSync(commandsDir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .sort();
}

/** The bundle's entry: cli/main with a loader per command file (the same keys cli/main's own listing gives). */
function entrySource() {
  const loaders = commandFiles()
    .map((f) => `  ${JSON.stringify(f.replace(/\.(ts|js|mjs)$/, ''))}: () => import(${JSON.stringify(join(commandsDir, f))}),`)
    .join('\n');
  return `import { main } from ${JSON.stringify(join(root, 'cli', 'main.ts'))};
const loaders = {
${loaders}
};
export function run(argv) {
  return main(argv, loaders);
}
`;
}

const stamp = (p) => {
  const s = statSync(p);
  return [s.mtimeMs, s.isDirectory() ? 0 : s.size];
};

async function buildCli() {
  const { build } = await import('esbuild');
  const tmp = `${outfile}.${process.pid}.tmp`;
  mkdirSync(outdir, { recursive: true });
  // The sources' stamps are taken before bundling: an edit during the build makes the manifest stale, never the bundle.
  const result = await build({
    stdin: { contents: entrySource(), resolveDir: root, sourcefile: 'cli-entry.mjs', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // A vm script's own import() needs an experimental flag in Node 20: literal imports of externals and
    // builtins become require() (sharp is CommonJS), computed ones __bsImport (sourceUrlPlugin).
    supported: { 'dynamic-import': false },
    outfile: tmp,
    external: EXTERNAL,
    banner: {
      js: [
        `var __bsSourceUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;`,
        `var __bsImport = (specifier) => globalThis.__broadsheetImport(specifier);`,
        `var __bsResolve = (specifier) => globalThis.__broadsheetResolve(specifier);`,
      ].join('\n'),
    },
    plugins: [lazyDepsPlugin, sourceUrlPlugin],
    metafile: true,
    write: true,
    logLevel: 'error',
    absWorkingDir: root,
  });
  const inputs = {};
  const dirs = new Set([commandsDir]);
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.includes(':') || input === 'cli-entry.mjs') continue; // virtual modules (namespace:path) and the entry above
    const abs = resolve(root, input);
    const rel = relative(root, abs).split(sep).join('/');
    // Packages are stamped as a whole below (fewer files to stat at each start); sources one by one.
    if (rel.startsWith('node_modules/') || rel.startsWith('..')) continue;
    inputs[rel] = stamp(abs);
    dirs.add(dirname(abs));
  }
  // npm rewrites node_modules/.package-lock.json on every install: a changed dependency tree retires the bundle
  // (a package file edited by hand inside node_modules does not).
  const lock = join(root, 'node_modules', '.package-lock.json');
  for (const d of dirs) inputs[relative(root, d).split(sep).join('/') + '/'] = stamp(d);
  try {
    inputs['node_modules/.package-lock.json'] = stamp(lock);
  } catch {
    /* not installed by npm */
  }
  const code = await readFile(tmp);
  const buildId = createHash('sha256').update(code).digest('hex').slice(0, 16);
  rmSync(join(outdir, 'cache'), { recursive: true, force: true });
  renameSync(tmp, outfile);
  writeFileSync(manifestFile, JSON.stringify({ buildId, node: process.version, inputs }, null, 0) + '\n');
  return { bytes: code.length, inputs: Object.keys(inputs).length, buildId };
}

try {
  const { bytes, inputs, buildId } = await buildCli();
  process.stdout.write(`built ${relative(root, outfile)} (${(bytes / 1024).toFixed(0)} KB, ${inputs} inputs, ${buildId}) in ${(performance.now() - t0).toFixed(0)} ms\n`);
} catch (err) {
  rmSync(manifestFile, { force: true });
  for (const f of readdirSync(outdir, { withFileTypes: true })) if (f.name.endsWith('.tmp')) rmSync(join(outdir, f.name), { force: true });
  process.stderr.write(`build-cli: the CLI bundle was not built (${err instanceof Error ? err.message : String(err)}); \`broadsheet\` runs its sources through tsx\n`);
  if (process.argv.includes('--strict')) process.exit(1);
}
