#!/usr/bin/env node
// `npm run build`: the renderer (Vite → dist/renderer) and the Electron main process, preload
// and export worker (esbuild → dist/electron). `--renderer` or `--electron` builds one part.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const all = !args.has('--renderer') && !args.has('--electron');

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
 * dist/electron/image-child.cjs, beside them.
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
    esbuild({
      ...common,
      entryPoints: { 'image-child': 'node/pdf/image-child.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      packages: 'external',
      logOverride: { 'empty-import-meta': 'silent' },
      banner: { js: SOURCE_URL_BANNER },
      plugins: [sourceUrlPlugin({ format: 'cjs', outdir })],
    }),
  ]);
  process.stdout.write('built dist/electron (main.cjs, preload.cjs, worker.js, image-child.cjs)\n');
}

try {
  if (all || args.has('--renderer')) await buildRenderer();
  if (all || args.has('--electron')) await buildElectron();
} catch (err) {
  process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
