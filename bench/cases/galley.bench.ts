import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, type BenchCase, type BenchRow } from '../bench.js';
import { CORPUS } from '../../test/fixtures/corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 15;

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

interface Sample {
  ms: number;
  typeset?: number;
  pdf?: number;
  trace?: string;
}

/** One whole process, wall time from spawn to exit; galley's own phase times and the CLI's trace line when it prints them. */
function once(cmd: string, args: string[], env: Record<string, string> = {}): Sample {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, BROADSHEET_CLI_TRACE: '1', ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')}: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-1)[0]}`);
  const m = /typeset ([\d.]+) ms, PDF ([\d.]+) ms/.exec(r.stdout);
  const trace = /broadsheet-cli: (.*)/.exec(r.stderr)?.[1];
  return { ms, typeset: m ? +m[1] : undefined, pdf: m ? +m[2] : undefined, trace };
}

const med = (xs: number[]) => stats(xs).median;

/** "typeset X + PDF Y + start-up/module loading Z" from the medians of galley's own phase times. */
function split(samples: Sample[]): string {
  const typeset = med(samples.map((s) => s.typeset ?? NaN));
  const pdf = med(samples.map((s) => s.pdf ?? NaN));
  const rest = med(samples.map((s) => s.ms - (s.typeset ?? 0) - (s.pdf ?? 0)));
  return `typeset ${typeset.toFixed(0)} ms + PDF ${pdf.toFixed(0)} ms + start-up/loading/exit ${rest.toFixed(0)} ms (medians)`;
}

/**
 * galley end to end, whole process, against Typst on the same text in the same run,
 * interleaved run by run so the shared machine's load falls on all alike.
 */
const bench: BenchCase = {
  name: 'galley',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'galley-bench-'));
    try {
      // The bundle of the current sources (what `npm ci` leaves; bin/broadsheet.mjs runs it only while it is current).
      const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli', '--strict'], { cwd: root, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`the CLI build failed: ${built.stderr.trim()}`);
      const out = (name: string) => join(dir, `${name}.pdf`);
      const variants: Record<string, () => Sample> = {
        // BROADSHEET_CLI=bundle: the bundle built above even if someone edits a source meanwhile (one tree, several engineers).
        node: () => once(process.execPath, ['bin/broadsheet.mjs', 'galley', CORPUS, '-o', out('node')], { BROADSHEET_CLI: 'bundle' }),
        npx: () => once('npx', ['--no-install', 'broadsheet', 'galley', CORPUS, '-o', out('npx')], { BROADSHEET_CLI: 'bundle' }),
        sources: () => once(process.execPath, ['bin/broadsheet.mjs', 'galley', CORPUS, '-o', out('sources')], { BROADSHEET_CLI: 'sources' }),
        typst: () => once(process.execPath, ['--input-type=module', '-e', TYPST_SCRIPT, CORPUS, out('typst')]),
        nodeStart: () => once(process.execPath, ['-e', '0']),
        npxStart: () => once('npx', ['--no-install', 'broadsheet', 'version'], { BROADSHEET_CLI: 'bundle' }),
      };
      const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
      // Warm-up: the page cache (the first run is reported below).
      const first = Object.fromEntries(Object.entries(variants).map(([k, run]) => [k, run()]));
      for (let i = 0; i < RUNS; i++) for (const [k, run] of Object.entries(variants)) samples[k].push(run());
      const m = Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, med(s.map((x) => x.ms))]));
      const bundleUsed = samples.node.every((x) => x.trace?.startsWith('bundle'));
      const firstNote = `first run after the build ${first.node.ms.toFixed(0)} ms`;
      const typstNote = `Typst same run ${m.typst.toFixed(0)} ms`;
      const rows: BenchRow[] = [
        {
          name: `galley corpus → PDF, whole process: node bin/broadsheet.mjs galley (the installed CLI), median of ${RUNS}`,
          value: m.node,
          unit: 'ms',
          note: `informational; ${typstNote}; ${bundleUsed ? 'the one bundle' : `not always the bundle: ${[...new Set(samples.node.map((x) => x.trace))].join(' / ')}`}; ${split(samples.node)}; bare \`node -e 0\` ${m.nodeStart.toFixed(0)} ms; ${firstNote}`,
        },
        {
          name: `galley corpus → PDF, whole process: npx broadsheet galley, median of ${RUNS}`,
          value: m.npx,
          unit: 'ms',
          note: `informational; ${typstNote}; npx's own start-up (npx broadsheet version) ${m.npxStart.toFixed(0)} ms of it; ${split(samples.npx)}`,
        },
        {
          name: `galley corpus → PDF, whole process: sources through tsx (BROADSHEET_CLI=sources), median of ${RUNS}`,
          value: m.sources,
          unit: 'ms',
          note: `what a checkout with edited sources runs; ${split(samples.sources)}`,
        },
        { name: `Typst same job, whole process, median of ${RUNS}`, value: m.typst, unit: 'ms', note: 'typst-ts-node-compiler 0.6.0 in plain node, same text and font file' },
      ];
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
