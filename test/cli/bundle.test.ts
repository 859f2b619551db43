import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI as `npm ci` leaves it: scripts/build-cli.mjs (the `prepare` script) bundles it, and
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

test('the bundle runs while its sources are unchanged (with a code cache from the second run on), the sources once one changed', () => {
  // one level below the root, as dist/cli is, so packages resolve from the checkout's node_modules
  const dist = join(root, 'test-output', `cli-bundle-${process.pid}`);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  try {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--outdir', dist, '--strict'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
      buildId: string;
      commands: Record<string, { file: string; id: string; ascii: boolean }>;
      inputs: Record<string, [number, number]>;
    };
    // One bundle per command file besides the full one; galley's holds no comments and is all ASCII (read as latin1).
    const commandFiles = readdirSync(join(root, 'cli', 'commands')).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
    assert.deepEqual(Object.keys(manifest.commands).sort(), commandFiles.map((f) => f.replace(/\.(ts|js|mjs)$/, '')).sort());
    assert.equal(manifest.commands.galley.file, 'broadsheet-galley.cjs');
    assert.equal(manifest.commands.galley.ascii, true);
    assert.ok(!/[^\x00-\x7f]/.test(readFileSync(join(dist, 'broadsheet-galley.cjs'), 'latin1')));
    for (const source of ['cli/main.ts', 'cli/commands/galley.ts', 'core/typeset/index.ts', 'node/pdf/painter.ts', 'cli/commands/']) assert.ok(manifest.inputs[source], `${source} is stamped`);

    const first = cli(dist, ['version']);
    assert.equal(first.stdout, 'broadsheet 0.1.0\n');
    assert.match(first.trace, new RegExp(`^bundle ${manifest.buildId}, code cache absent;`));
    const second = cli(dist, ['version']);
    assert.equal(second.stdout, 'broadsheet 0.1.0\n');
    assert.match(second.trace, new RegExp(`^bundle ${manifest.buildId}, code cache used; broadsheet-version.cjs;`));
    // A command runs from its own bundle; help (no command of its own) from the full one.
    const help = cli(dist, ['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /galley +Flow a plain text file/);
    assert.match(help.trace, new RegExp(`^bundle ${manifest.buildId}, code cache absent; broadsheet.cjs;`));

    // galley: the first run records the font's answers (node/face-cache.ts) in the cache folder, the
    // second answers from them; the PDFs are the same but for their dates and IDs.
    const text = join(dist, 'in.txt');
    writeFileSync(text, '“十四五”期间，GDP 年均增长 5.2%。排版规则（禁则）与标点挤压——Hello, AVATAR.\n');
    const pdfs = [1, 2].map((n) => {
      const out = join(dist, `galley-${n}.pdf`);
      const r = cli(dist, ['galley', text, '-o', out]);
      assert.equal(r.status, 0, r.stderr);
      // The first run parses the font for its questions; the second is answered from the cache alone.
      assert.match(r.trace, new RegExp(`; broadsheet-galley\\.cjs; face cache: 1 face\\(s\\), ${n === 1 ? 1 : 0} parsed;`));
      assert.ok(existsSync(join(dist, 'cache', 'face-serif.json')), 'the face cache is written after the first run');
      return readFileSync(out, 'latin1').replace(/\(D:[0-9Z+'-]+\)/g, '(D)').replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID');
    });
    assert.equal(pdfs[1], pdfs[0]);

    // A source edited (or a command file added: its folder's mtime moves) since the build: sources.
    const stale = structuredClone(manifest);
    stale.inputs['cli/commands/'][0] -= 1000;
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify(stale));
    const fallback = cli(dist, ['version']);
    assert.equal(fallback.stdout, 'broadsheet 0.1.0\n');
    assert.equal(fallback.trace, 'sources (cli/commands/ changed since the bundle was built)');
    assert.equal(cli(dist, ['version'], { BROADSHEET_CLI: 'sources' }).trace, 'sources (BROADSHEET_CLI=sources)');
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

test('bundled and from sources, galley writes the same text into its PDF and reports usage errors alike', () => {
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
    assert.ok(texts[0].includes('第二段：排版规则（禁则）与标点挤压。'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
