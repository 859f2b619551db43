import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, type BenchCase, type BenchRow } from '../bench.js';

const CORPUS = '/work/shared/corpus/000_64f3e6112ce4e075.txt';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The same job for Typst: same text, same Noto Serif SC file, 对开 page, 8 columns × 13 小五,
// 1-character gutters, 11.25 pt pitch, justified, 2-em indent, one paragraph per line.
const TYPST_SCRIPT = `
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/package.json');
const [input, output] = process.argv.slice(1);
const font = dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')) + '/400Regular/NotoSerifSC_400Regular.ttf';
const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [readFileSync(font)] }] });
const src = [
  '#set page(width: 390mm, height: 540mm, margin: (x: (390mm - 999pt) / 2, y: 25mm), columns: 8)',
  '#set columns(gutter: 9pt)',
  '#set text(font: "Noto Serif SC", size: 9pt, lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em)',
  '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 2.25pt, spacing: 2.25pt)',
  '#for p in sys.inputs.text.split("\\\\n") { let q = p.trim(); if q != "" { par(q) } }',
].join('\\n');
writeFileSync(output, compiler.pdf({ mainFileContent: src, inputs: { text: readFileSync(input, 'utf8') } }));
`;

function wall(cmd: string, args: string[], runs: number): { median: number; error?: string; split?: string } {
  const times: number[] = [];
  let split: string | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
    const t = performance.now() - t0;
    if (r.status !== 0) return { median: NaN, error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-1)[0] };
    times.push(t);
    // galley prints its own phases: the rest of the wall time is process start and module loading.
    const m = /typeset ([\d.]+) ms, PDF ([\d.]+) ms/.exec(r.stdout);
    if (m) split = `typeset ${Math.round(+m[1])} ms + PDF ${Math.round(+m[2])} ms + start-up/module loading ${Math.round(t - +m[1] - +m[2])} ms (last run)`;
  }
  return { median: stats(times).median, split };
}

/** galley end to end, whole process, against Typst on the same text in the same run (issue 3). */
const bench: BenchCase = {
  name: 'galley',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'galley-bench-'));
    try {
      const runs = 5;
      const ours = wall(process.execPath, ['bin/broadsheet.mjs', 'galley', CORPUS, '-o', join(dir, 'ours.pdf')], runs);
      // The same command bundled by esbuild (how a packaged build runs it: no tsx, no discovery of other commands).
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, `import galley from ${JSON.stringify(join(root, 'cli/commands/galley.ts'))};\nprocess.exitCode = await galley.run(process.argv.slice(2));\n`);
      const bundle = join(root, 'dist', 'bench-galley.mjs'); // one level below the root, so assets/ and node_modules resolve
      const built = spawnSync(join(root, 'node_modules/esbuild/bin/esbuild'), [entry, '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${bundle}`, '--log-level=error'], { cwd: root, encoding: 'utf8' });
      const bundled = built.status === 0 ? wall(process.execPath, [bundle, CORPUS, '-o', join(dir, 'bundled.pdf')], runs) : { median: NaN, error: (built.stderr || built.error?.message || '').trim().split('\n')[0] };
      const typst = wall(process.execPath, ['--input-type=module', '-e', TYPST_SCRIPT, CORPUS, join(dir, 'typst.pdf')], runs);
      const rows: BenchRow[] = [];
      const typstNote = typst.error ? `Typst could not run: ${typst.error}` : `Typst (typst-ts-node-compiler, same text and font file) ${typst.median.toFixed(0)} ms`;
      rows.push({
        name: 'galley corpus → PDF, whole process (npx broadsheet galley), median of 5',
        value: ours.median,
        unit: 'ms',
        target: '≤ Typst',
        ok: typst.error ? undefined : ours.median <= typst.median,
        note: ours.error ? `failed: ${ours.error}` : `${typstNote}; ours: ${ours.split ?? ''}`,
      });
      rows.push({
        name: 'galley corpus → PDF, whole process, esbuild-bundled command, median of 5',
        value: bundled.median,
        unit: 'ms',
        target: '≤ Typst',
        ok: typst.error || bundled.error ? undefined : bundled.median <= typst.median,
        note: bundled.error ? `failed: ${bundled.error}` : `no tsx, no loading of every other CLI command; ${bundled.split ?? ''}`,
      });
      if (!typst.error) rows.push({ name: 'Typst same job, whole process, median of 5', value: typst.median, unit: 'ms' });
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
