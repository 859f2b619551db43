import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI as `npm ci` leaves it: `scripts/build.mjs --cli` (the `prepare` script) bundles it, and
// bin/broadsheet.mjs runs the bundle only while every source it was built from is unchanged,
// else the sources through tsx — an edited checkout never runs a stale bundle.

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'broadsheet.mjs');

function cli(dist: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BROADSHEET_CLI_DIST: dist, BROADSHEET_CLI_TRACE: '1', ...env } });
  const traces = r.stderr.split('\n').filter((l) => l.startsWith('broadsheet-cli: '));
  assert.equal(traces.length, 1, `one trace line: either the bundle or the sources ran (${traces.join(' | ')})`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, trace: traces[0].slice('broadsheet-cli: '.length) };
}

test('the bundle runs while its sources are unchanged, the sources once one changed', () => {
  // below the root, as dist/cli is, so packages resolve from the checkout's node_modules
  const dist = join(root, 'test-output', `cli-bundle-${process.pid}`);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  try {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli', '--outdir', dist, '--strict'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    assert.ok(existsSync(join(dist, 'broadsheet.mjs')), 'one ESM bundle');
    const inputs = JSON.parse(readFileSync(join(dist, 'inputs.json'), 'utf8')) as Record<string, [number, number]>;
    for (const source of ['cli/main.ts', 'cli/commands/galley.ts', 'core/typeset/index.ts', 'node/pdf/painter.ts', 'cli/commands/']) assert.ok(inputs[source], `${source} is stamped`);
    assert.ok(!Object.keys(inputs).some((k) => k.includes('node_modules')), 'packages load from node_modules, so they are no input');

    const first = cli(dist, ['version']);
    assert.equal(first.stdout, 'broadsheet 0.1.0\n');
    assert.equal(first.trace, 'bundle');
    const help = cli(dist, ['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /galley +Flow a plain text file/);
    assert.equal(help.trace, 'bundle');

    // A source edited (or a command file added: its folder's mtime moves) since the build: sources.
    const stale = structuredClone(inputs);
    stale['cli/commands/'][0] -= 1000;
    writeFileSync(join(dist, 'inputs.json'), JSON.stringify(stale));
    const fallback = cli(dist, ['version']);
    assert.equal(fallback.stdout, 'broadsheet 0.1.0\n');
    assert.equal(fallback.trace, 'sources (cli/commands/ changed since the bundle was built)');
    assert.equal(cli(dist, ['version'], { BROADSHEET_CLI: 'bundle' }).trace, 'bundle');
    assert.equal(cli(dist, ['version'], { BROADSHEET_CLI: 'sources' }).trace, 'sources (BROADSHEET_CLI=sources)');
    rmSync(join(dist, 'inputs.json'));
    assert.equal(cli(dist, ['version']).trace, 'sources (no bundle)');
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

test('bundled and from sources, galley writes the same PDF and reports usage errors alike', () => {
  const dist = join(root, 'dist', 'cli');
  const dir = join(root, 'test-output', `cli-galley-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const input = join(dir, 'in.txt');
    writeFileSync(input, '新华社北京十一月二十二日电，记者从国家统计局获悉：“十四五”期间 GDP 年均增长 5.2%。\n\n第二段：排版规则（禁则）与标点挤压。\n');
    const texts: string[] = [];
    const envs: Array<Record<string, string>> = [{}, { BROADSHEET_CLI: 'sources' }];
    for (const env of envs) {
      const out = join(dir, `out-${texts.length}.pdf`);
      const r = cli(dist, ['galley', input, '-o', out], env);
      assert.equal(r.status, 0, r.stderr);
      const text = spawnSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
      if (text.error) return; // poppler-utils absent: the galley tests say so
      texts.push(text.stdout.replace(/\s+/g, ''));
      const bad = cli(dist, ['galley', input], env);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /broadsheet galley: missing -o <out\.pdf>/);
    }
    assert.equal(texts[0], texts[1]);
    const pdf = (n: number) => readFileSync(join(dir, `out-${n}.pdf`), 'latin1').replace(/\(D:[0-9Z+'-]+\)/g, '(D)').replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID');
    assert.equal(pdf(0), pdf(1), 'the same PDF but for its dates and IDs');
    assert.ok(texts[0].includes('第二段：排版规则（禁则）与标点挤压。'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
