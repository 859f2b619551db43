#!/usr/bin/env node
// `npm run build:cli` (and `prepare`, so `npm ci` runs it): the CLI as CommonJS bundles, so
// `npx broadsheet …` does not transpile TypeScript at run time: dist/cli/broadsheet.cjs (every
// command; help) and dist/cli/broadsheet-<command>.cjs, one per command file with only what that
// command imports, whitespace-minified (no comments: a third of the size, and all ASCII, which
// the manifest records so the bin reads it as latin1) — less to read and compile at each start.
// bin/broadsheet.mjs runs a bundle only while dist/cli/manifest.json says every source it
// was built from is unchanged (same mtime and size, no file added to or removed from their
// folders); otherwise it runs the sources through tsx, so an edited checkout never runs a
// stale bundle. Offline and quick (esbuild, ~1 s); a failure is reported and leaves the CLI
// on tsx rather than failing `npm ci`.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
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
    // The typesetter's English hyphenation patterns (a trie of ~5000 TeX patterns, 3–5 ms to build) load when
    // a Latin word is first hyphenated, not at start-up (Chinese copy may have none).
    b.onResolve({ filter: /^hyphen\/en-us(\/index\.js)?$/ }, (args) => (args.namespace === 'bs-shim' ? undefined : { path: 'hyphen-en-us', namespace: 'bs-shim' }));
    b.onLoad({ filter: /^hyphen-en-us$/, namespace: 'bs-shim' }, () => ({
      contents: `let real;
const load = () => (real ??= require('hyphen/en-us/index.js'));
module.exports = { hyphenate: (...args) => load().hyphenate(...args), hyphenateSync: (...args) => load().hyphenateSync(...args) };`,
      loader: 'js',
      resolveDir: root,
    }));
    // fontkit (~8 ms to evaluate: restructure's table definitions, Unicode data) loads on first use: a galley
    // whose faces answer from the face cache and whose font objects are written from the file's header tables
    // (node/pdf/truetype-font.ts) never needs it. Its functions, called through; a name not listed here
    // fails the build ("No matching export"), never the run.
    b.onResolve({ filter: /^fontkit$/ }, (args) => (args.namespace === 'bs-shim' ? undefined : { path: 'fontkit', namespace: 'bs-shim' }));
    b.onLoad({ filter: /^fontkit$/, namespace: 'bs-shim' }, () => ({
      contents: `let real;
const load = () => (real ??= require('fontkit'));
export const create = (...args) => load().create(...args);
export const open = (...args) => load().open(...args);
export const openSync = (...args) => load().openSync(...args);
export const registerFormat = (...args) => load().registerFormat(...args);
export const setDefaultLanguage = (...args) => load().setDefaultLanguage(...args);`,
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

// The bundled CLI keeps the answers of font faces between runs (node/face-cache.ts) in its cache folder,
// under its build id: bin/broadsheet.mjs passes both as run()'s context; runs from sources keep none.
const FACE_CACHE_IMPORT = `import { configureFaceCache, saveFaceCaches } from ${JSON.stringify(join(root, 'node', 'face-cache.ts'))};`;
/** The body of run() once it runs cli/main: with the face cache on, saved (and handed back in the context) after. */
const FACE_CACHE_RUN = `if (context?.faceCacheDir && context.buildId) configureFaceCache({ dir: context.faceCacheDir, version: context.buildId });
  try {
    return await main(argv, loaders);
  } finally {
    const faces = saveFaceCaches();
    if (context) context.faces = faces;
  }`;

/** The full bundle's entry: cli/main with a loader per command file (the same keys cli/main's own listing gives). */
function entrySource() {
  const loaders = commandFiles()
    .map((f) => `  ${JSON.stringify(f.replace(/\.(ts|js|mjs)$/, ''))}: () => import(${JSON.stringify(join(commandsDir, f))}),`)
    .join('\n');
  return `import { main } from ${JSON.stringify(join(root, 'cli', 'main.ts'))};
${FACE_CACHE_IMPORT}
const loaders = {
${loaders}
};
export async function run(argv, context) {
  ${FACE_CACHE_RUN}
}
`;
}

/**
 * A one-command bundle's entry: cli/main with that command's loader only. It runs the command
 * when argv names it and the file's command has that name; otherwise run() resolves to
 * undefined and bin/broadsheet.mjs runs the full bundle instead.
 */
function commandEntrySource(file) {
  const key = file.replace(/\.(ts|js|mjs)$/, '');
  return `import { main } from ${JSON.stringify(join(root, 'cli', 'main.ts'))};
${FACE_CACHE_IMPORT}
const loaders = { ${JSON.stringify(key)}: () => import(${JSON.stringify(join(commandsDir, file))}) };
export async function run(argv, context) {
  if (argv[0] !== ${JSON.stringify(key)} || (await loaders[${JSON.stringify(key)}]()).default?.name !== ${JSON.stringify(key)}) return undefined;
  ${FACE_CACHE_RUN}
}
`;
}

/** Entries by output name: the full CLI, and one bundle per command. */
function entries() {
  const out = { broadsheet: entrySource() };
  for (const f of commandFiles()) out[`broadsheet-${f.replace(/\.(ts|js|mjs)$/, '')}`] = commandEntrySource(f);
  return out;
}

/** Serves the generated entries (namespace bs-entry) to esbuild. */
function entryPlugin(sources) {
  return {
    name: 'bs-entries',
    setup(b) {
      b.onResolve({ filter: /^bs-entry:/ }, (args) => ({ path: args.path.slice('bs-entry:'.length), namespace: 'bs-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'bs-entry' }, (args) => ({ contents: sources[args.path], loader: 'js', resolveDir: root }));
    },
  };
}

const stamp = (p) => {
  const s = statSync(p);
  return [s.mtimeMs, s.isDirectory() ? 0 : s.size];
};

const BANNER = [
  // The image converter process's entry (node/pdf/image-converter.ts: BROADSHEET_IMAGE_CHILD), bundled beside the CLI.
  `var __bsImageChild = require('node:path').join(__dirname, 'image-child.cjs');`,
  `var __bsSourceUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;`,
  `var __bsImport = (specifier) => globalThis.__broadsheetImport(specifier);`,
  `var __bsResolve = (specifier) => globalThis.__broadsheetResolve(specifier);`,
].join('\n');

/** True when every byte is ASCII: bin/broadsheet.mjs may then read the file as latin1 (the same string, decoded faster). */
function isAscii(bytes) {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

async function buildCli() {
  const { build } = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  const sources = entries();
  const names = Object.keys(sources);
  // The sources' stamps are taken before bundling: an edit during the build makes the manifest stale, never the bundle.
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // A vm script's own import() needs an experimental flag in Node 20: literal imports of externals and
    // builtins become require() (sharp is CommonJS), computed ones __bsImport (sourceUrlPlugin).
    supported: { 'dynamic-import': false },
    external: EXTERNAL,
    banner: { js: BANNER },
    define: { BROADSHEET_IMAGE_CHILD: '__bsImageChild' },
    plugins: [entryPlugin(sources), lazyDepsPlugin, sourceUrlPlugin],
    metafile: true,
    write: false,
    logLevel: 'error',
    absWorkingDir: root,
  };
  // The full bundle (help, unknown names) as it always was; the one-command bundles hold only what their command
  // imports and are whitespace-minified (no comments: smaller, and ASCII, so read and compiled faster at each start).
  // The image converter process's entry (export --pdfx), run by node itself: image-child.cjs.
  const [full, perCommand, imageChild] = await Promise.all([
    build({ ...common, entryPoints: { broadsheet: 'bs-entry:broadsheet' }, outdir }),
    build({ ...common, entryPoints: Object.fromEntries(names.filter((n) => n !== 'broadsheet').map((n) => [n, `bs-entry:${n}`])), outdir, minifyWhitespace: true }),
    build({ ...common, entryPoints: { 'image-child': join(root, 'node', 'pdf', 'image-child.ts') }, outdir, minifyWhitespace: true }),
  ]);
  const outputs = [...full.outputFiles, ...perCommand.outputFiles, ...imageChild.outputFiles];
  const inputs = {};
  const dirs = new Set([commandsDir]);
  for (const input of [...Object.keys(full.metafile.inputs), ...Object.keys(perCommand.metafile.inputs), ...Object.keys(imageChild.metafile.inputs)]) {
    if (input.includes(':')) continue; // virtual modules (namespace:path) and the entries above
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
  const id = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const fullOut = outputs.find((o) => basename(o.path) === 'broadsheet.js');
  const buildId = id(fullOut.contents);
  // Every bundle is written under a temporary name first, then renamed; the manifest last.
  rmSync(manifestFile, { force: true });
  rmSync(join(outdir, 'cache'), { recursive: true, force: true });
  for (const f of readdirSync(outdir)) if (/^broadsheet-.*\.cjs$/.test(f)) rmSync(join(outdir, f), { force: true });
  const commands = {};
  for (const o of outputs) {
    const file = basename(o.path).replace(/\.js$/, '.cjs');
    const tmp = join(outdir, `${file}.${process.pid}.tmp`);
    writeFileSync(tmp, o.contents);
    renameSync(tmp, join(outdir, file));
    if (file.startsWith('broadsheet-')) commands[file.slice('broadsheet-'.length, -'.cjs'.length)] = { file, id: id(o.contents), ascii: isAscii(o.contents) };
  }
  writeFileSync(manifestFile, JSON.stringify({ buildId, node: process.version, commands, inputs }, null, 0) + '\n');
  return { bytes: fullOut.contents.length, inputs: Object.keys(inputs).length, buildId, commands: Object.keys(commands).length };
}

try {
  const { bytes, inputs, buildId, commands } = await buildCli();
  process.stdout.write(`built ${relative(root, outfile)} (${(bytes / 1024).toFixed(0)} KB, ${inputs} inputs, ${buildId}) and ${commands} one-command bundles in ${(performance.now() - t0).toFixed(0)} ms\n`);
} catch (err) {
  rmSync(manifestFile, { force: true });
  for (const f of readdirSync(outdir, { withFileTypes: true })) if (f.name.endsWith('.tmp')) rmSync(join(outdir, f.name), { force: true });
  process.stderr.write(`build-cli: the CLI bundle was not built (${err instanceof Error ? err.message : String(err)}); \`broadsheet\` runs its sources through tsx\n`);
  if (process.argv.includes('--strict')) process.exit(1);
}
