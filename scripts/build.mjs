#!/usr/bin/env node
// `npm run build`: the renderer (Vite → dist/renderer), the Electron main process, preload
// and export worker (esbuild → dist/electron) and the CLI (esbuild → dist/cli). `--renderer`,
// `--electron` or `--cli` builds one part. `--cli` is `prepare` (so `npm ci` runs it): offline,
// ~1 s; a failure is reported and leaves the CLI on its sources through tsx rather than failing
// `npm ci` (`--strict`: exit 1). `--outdir DIR` puts the CLI elsewhere (tests).
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const all = !args.has('--renderer') && !args.has('--electron') && !args.has('--cli');
// Loaded when needed: `npm ci` without dev dependencies runs `prepare` too, and must not fail for want of esbuild.
const esbuild = async (options) => (await import('esbuild')).build(options);

/**
 * The main-process sources find their neighbours (assets/fonts.json, templates/, the fontkit
 * package) from `import.meta.url`. Bundled, every module would share the bundle's URL, so each
 * source file's `import.meta.url` is replaced by the URL that file has in the checkout (or in
 * the packaged app, which keeps the same layout), computed from the bundle's own location.
 * `bundleRelative` files keep the bundle's URL instead (the export worker sits beside it).
 */
const SOURCE_URL_HELPER = '__broadsheetSourceUrl';
const SOURCE_URL_BANNER = `var ${SOURCE_URL_HELPER} = (rel) => require('node:url').pathToFileURL(rel ? require('node:path').join(__dirname, rel) : __filename).href;`;

function sourceUrlPlugin({ format, outdir, bundleRelative = [] }) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        let source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const rel = relative(outdir, args.path).split(sep).join('/');
        const keep = bundleRelative.some((f) => args.path.endsWith(f));
        // CJS: a helper from the banner, since a module may shadow `require` (createRequire).
        const url =
          format === 'cjs'
            ? `${SOURCE_URL_HELPER}(${JSON.stringify(keep ? '' : rel)})`
            : keep
              ? `import.meta.url`
              : `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
        if (!keep || format === 'cjs') source = source.replaceAll('import.meta.url', `(${url})`);
        return { contents: source, loader: 'ts' };
      });
    },
  };
}

/**
 * Where the bundles find the image converter's entry (image-converter.ts reads BROADSHEET_IMAGE_CHILD):
 * image-child.cjs, beside them (dist/electron, dist/cli).
 */
const IMAGE_CHILD_DEFINE = { BROADSHEET_IMAGE_CHILD: '__bsImageChild' };
const IMAGE_CHILD_CJS = `var __bsImageChild = require('node:path').join(__dirname, 'image-child.cjs');`;
const IMAGE_CHILD_ESM = `import { fileURLToPath as __bsFileURLToPath } from 'node:url';\nconst __bsImageChild = __bsFileURLToPath(new URL('./image-child.cjs', import.meta.url));`;

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write('built dist/renderer\n');
}

async function buildElectron() {
  const outdir = join(root, 'dist', 'electron');
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    // Main: Node + Electron; npm packages stay external (electron-builder ships node_modules).
    esbuild({
      ...common,
      entryPoints: { main: 'electron/main.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      packages: 'external',
      // run-in-worker's import.meta.resolve is on its from-sources branch only (a .ts URL).
      logOverride: { 'empty-import-meta': 'silent' },
      banner: { js: `${SOURCE_URL_BANNER}\n${IMAGE_CHILD_CJS}` },
      define: IMAGE_CHILD_DEFINE,
      plugins: [sourceUrlPlugin({ format: 'cjs', outdir, bundleRelative: [join('node', 'export', 'run-in-worker.ts')] })],
    }),
    // Preload: sandboxed, so everything but `electron` itself is bundled in.
    esbuild({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir, outExtension: { '.js': '.cjs' }, format: 'cjs', external: ['electron'] }),
    // The export worker thread, next to the main bundle (run-in-worker.ts loads ./worker.js).
    esbuild({
      ...common,
      entryPoints: { worker: 'node/export/worker.ts' },
      outdir,
      format: 'esm',
      packages: 'external',
      banner: { js: IMAGE_CHILD_ESM },
      define: IMAGE_CHILD_DEFINE,
      plugins: [sourceUrlPlugin({ format: 'esm', outdir })],
    }),
    // The image converter process of a PDF/X export (node/pdf/image-converter.ts), next to the worker.
    imageChildBuild(common, outdir),
  ]);
  process.stdout.write('built dist/electron (main.cjs, preload.cjs, worker.js, image-child.cjs)\n');
}

/** The image converter process's entry (image-converter.ts), a CommonJS bundle in `outdir`. */
function imageChildBuild(common, outdir) {
  return esbuild({
    ...common,
    entryPoints: { 'image-child': 'node/pdf/image-child.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    packages: 'external',
    logOverride: { 'empty-import-meta': 'silent' },
    banner: { js: SOURCE_URL_BANNER },
    plugins: [sourceUrlPlugin({ format: 'cjs', outdir })],
  });
}

/**
 * The CLI: dist/cli/broadsheet.mjs, one ESM bundle of cli/ and what its commands import, split
 * into chunks so a command loads only its own modules (npm
 * packages load from node_modules), exporting run(argv); and image-child.cjs beside it. The
 * bundle's inputs (each source's mtime and size, and their folders', so an added file counts)
 * go to inputs.json: bin/broadsheet.mjs runs the bundle only while they are unchanged.
 */
async function buildCli() {
  const outArg = argv.indexOf('--outdir');
  const outdir = outArg >= 0 ? resolve(argv[outArg + 1]) : join(root, 'dist', 'cli');
  const inputsFile = join(outdir, 'inputs.json');
  const commandsDir = join(root, 'cli', 'commands');
  // cli/main.ts finds its commands by listing a folder; bundled, each is a static import instead.
  const commands = readdirSync(commandsDir).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts')).sort();
  const loaders = commands.map((f) => `  ${JSON.stringify(f.replace(/\.(ts|js|mjs)$/, ''))}: () => import(${JSON.stringify(join(commandsDir, f))}),`);
  const entry = `import { main } from ${JSON.stringify(join(root, 'cli', 'main.ts'))};\nconst loaders = {\n${loaders.join('\n')}\n};\nexport const run = (argv) => main(argv, loaders);\n`;
  rmSync(inputsFile, { force: true });
  // Chunks of an earlier build (their names carry a content hash).
  if (existsSync(outdir)) for (const f of readdirSync(outdir)) if (f.endsWith('.mjs')) rmSync(join(outdir, f));
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', absWorkingDir: root, metafile: true };
  // The entry is a module of its own namespace: code splitting needs entry points, not stdin.
  const entryPlugin = {
    name: 'cli-entry',
    setup(b) {
      b.onResolve({ filter: /^cli-entry\.js$/ }, () => ({ path: 'cli-entry.js', namespace: 'cli-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'cli-entry' }, () => ({ contents: entry, resolveDir: root, loader: 'js' }));
    },
  };
  const [cli, child] = await Promise.all([
    esbuild({
      ...common,
      entryPoints: { broadsheet: 'cli-entry.js' },
      outdir,
      outExtension: { '.js': '.mjs' },
      // Each command in chunks of its own: a command loads its own modules and npm packages, not every command's.
      splitting: true,
      format: 'esm',
      packages: 'external',
      banner: { js: IMAGE_CHILD_ESM },
      define: IMAGE_CHILD_DEFINE,
      plugins: [entryPlugin, sourceUrlPlugin({ format: 'esm', outdir })],
    }),
    imageChildBuild(common, outdir),
  ]);
  const inputs = {};
  const stamp = (abs, key) => {
    const s = statSync(abs);
    inputs[key] = [s.mtimeMs, s.isDirectory() ? 0 : s.size];
  };
  for (const input of [...Object.keys(cli.metafile.inputs), ...Object.keys(child.metafile.inputs)]) {
    const abs = resolve(root, input);
    if (input.startsWith('cli-entry:') || abs.includes(`${sep}node_modules${sep}`)) continue;
    stamp(abs, relative(root, abs).split(sep).join('/'));
    stamp(dirname(abs), relative(root, dirname(abs)).split(sep).join('/') + '/');
  }
  writeFileSync(inputsFile, JSON.stringify(inputs) + '\n');
  process.stdout.write(`built ${relative(root, outdir)}/broadsheet.mjs (${Object.keys(inputs).length} inputs) and image-child.cjs\n`);
}

try {
  if (all || args.has('--renderer')) await buildRenderer();
  if (all || args.has('--electron')) await buildElectron();
  if (all || args.has('--cli')) await buildCli();
} catch (err) {
  if (args.has('--cli') && !args.has('--strict')) {
    process.stderr.write(`build: the CLI bundle was not built (${err instanceof Error ? err.message : String(err)}); \`broadsheet\` runs its sources through tsx\n`);
    process.exit(0);
  }
  process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
