// The layering rule (design.md, "Layers and where code lives"): which folder may import which.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error a plain .mjs script without declarations
import { badImports } from '../../scripts/check-layers.mjs';

const root = join(import.meta.dirname, '..', '..');
const check = badImports as (file: string, text: string, layer: string) => string[];

test('the tree as it is keeps every layer rule', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'check-layers.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('node/ may not reach into electron/; core/ only into core/ and templates/', () => {
  const bad = check(join(root, 'node', 'store', 'x.ts'), "import { menuTemplate } from '../../electron/shell/menu.js';", 'node');
  assert.equal(bad.length, 1);
  assert.match(bad[0], /node\/store\/x\.ts: imports \.\.\/\.\.\/electron\/shell\/menu\.js — node\/ may import only/);
  assert.equal(check(join(root, 'core', 'a.ts'), "export { x } from '../node/fonts.js';", 'core').length, 1);
  assert.deepEqual(check(join(root, 'core', 'a.ts'), "import t from '../templates/tabloid-6col.json';", 'core'), []);
});

test('the renderer and core run without Node; node/ without Electron', () => {
  assert.equal(check(join(root, 'renderer', 'a.ts'), "import { readFileSync } from 'node:fs';", 'renderer').length, 1);
  assert.equal(check(join(root, 'renderer', 'a.ts'), "const { join } = await import('path');", 'renderer').length, 1);
  assert.equal(check(join(root, 'core', 'a.ts'), "import { createHash } from 'crypto';", 'core').length, 1);
  assert.equal(check(join(root, 'node', 'a.ts'), "import { app } from 'electron';", 'node').length, 1);
  assert.equal(check(join(root, 'renderer', 'a.ts'), "const x = require('../node/store/index.js');", 'renderer').length, 1);
  assert.deepEqual(check(join(root, 'electron', 'main.ts'), "import { app } from 'electron';\nimport { createServices } from '../node/services/index.js';", 'electron'), []);
});

test('an import quoted in a comment is not an import', () => {
  assert.deepEqual(check(join(root, 'node', 'a.ts'), "// never: import { app } from 'electron';\n/* from '../electron/main.js' */\nconst url = 'http://x';", 'node'), []);
});
