#!/usr/bin/env node
// Which source folder may import which (design.md, "Layers and where code lives"), checked on every
// import of every source file. The tsconfigs already keep DOM out of core/ and node/ and Node out of
// core/ and renderer/ by their libs; this check adds what a compiler option cannot say: that node/
// never reaches into electron/, the renderer never into node/, core/ into nothing but itself.
//
//   node scripts/check-layers.mjs            exit 1 and one line per bad import when any is found
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Per layer: the top-level folders its relative imports may reach, and the packages it may not import. */
const LAYERS = {
  core: { folders: ['core', 'templates'], banned: ['node-builtins', 'electron', 'pdfkit', 'sharp', 'react', 'react-dom'] },
  node: { folders: ['core', 'node', 'templates', 'assets'], banned: ['electron', 'react', 'react-dom'] },
  electron: { folders: ['core', 'node', 'electron'], banned: ['react', 'react-dom'] },
  renderer: { folders: ['core', 'renderer', 'assets', 'templates'], banned: ['node-builtins', 'electron', 'pdfkit', 'sharp'] },
  cli: { folders: ['core', 'node', 'cli'], banned: ['electron', 'react', 'react-dom'] },
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
// import … from '…', export … from '…', import '…', import('…'), require('…')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** The text with its comments blanked (a comment may quote an import it warns against). */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"\w])\/\/[^\n]*/g, '$1');
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every import in `file` that its layer may not make, as "file: reason". */
export function badImports(file, text, layer) {
  const rule = LAYERS[layer];
  const problems = [];
  for (const m of withoutComments(text).matchAll(SPECIFIER)) {
    const spec = m[2];
    if (spec.startsWith('.')) {
      const target = relative(root, resolve(dirname(file), spec)).split(sep)[0];
      if (!rule.folders.includes(target)) problems.push(`${relative(root, file)}: imports ${spec} — ${layer}/ may import only ${rule.folders.map((f) => `${f}/`).join(', ')}`);
    } else if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(packageName(spec))) {
      if (rule.banned.includes('node-builtins')) problems.push(`${relative(root, file)}: imports ${spec} — ${layer}/ runs without Node`);
    } else if (rule.banned.includes(packageName(spec))) {
      problems.push(`${relative(root, file)}: imports ${spec} — not allowed in ${layer}/`);
    }
  }
  return problems;
}

function main() {
  const problems = [];
  for (const layer of Object.keys(LAYERS)) {
    for (const file of sourceFiles(join(root, layer))) {
      if (layer === 'renderer' && file.endsWith('vite.config.ts')) continue; // build configuration, runs in Node
      problems.push(...badImports(file, readFileSync(file, 'utf8'), layer));
    }
  }
  if (problems.length) {
    process.stderr.write(`Bad layering (design.md, "Layers"):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`layers: ${Object.keys(LAYERS).join(', ')} — every import allowed\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) main();
