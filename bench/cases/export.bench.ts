import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stats, timeRuns, type BenchCase, type BenchRow } from '../bench.js';
import { fontFilePath } from '../../node/font-files.js';
import { CORPUS, corpusParagraphs } from '../../test/fixtures/corpus.js';

/**
 * Export benchmarks: the sample issue and a generated 8-page issue, whole process
 * (the CLI, cold) and warm (in-process), with PDF size; peak memory of a 24-page issue with
 * 40 photos of 24 MP; and a full 对开 page of the corpus text, whole process, against Typst
 * and Chromium's print-to-PDF on the same text, font file and grid, in the same run.
 * Product modules are imported where used, so nothing here weighs on the child processes.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(tmpdir(), 'broadsheet-export-bench');
const sampleIssue = join(root, 'assets', 'sample', 'sample.broadsheet');
const standIn = join(root, 'test', 'export', 'stand-in-composer.ts');
const cli = join(root, 'bin', 'broadsheet.mjs');

// The corpus page: `broadsheet galley` (the product's typesetter and this painter) on the 对开
// grid it defaults to — 390 × 540 mm, 8 columns of 13 小五 (9 pt) characters, 1-character
// gutters, 11.25 pt pitch, 490 mm 版心 — and the same text, font file and grid for the peers.
const GRID = { widthMm: 390, heightMm: 540, columns: 8, chars: 13, size: 9, pitch: 11.25, textHeightMm: 490 };
const areaWidthPt = GRID.columns * GRID.chars * GRID.size + (GRID.columns - 1) * GRID.size;
const marginXmm = (GRID.widthMm - (areaWidthPt * 25.4) / 72) / 2;
const marginYmm = (GRID.heightMm - GRID.textHeightMm) / 2;

function typstSource(): string {
  const esc = (s: string) => s.replace(/[\\#$*_`<>@[\]~"/=-]/g, (c) => '\\' + c);
  return [
    `#set page(width: ${GRID.widthMm}mm, height: ${GRID.heightMm}mm, margin: (x: ${marginXmm.toFixed(2)}mm, y: ${marginYmm}mm), columns: ${GRID.columns})`,
    `#set columns(gutter: ${GRID.size}pt)`,
    `#set text(font: "Noto Serif SC", size: ${GRID.size}pt, lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em)`,
    `#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: ${GRID.pitch - GRID.size}pt, spacing: ${GRID.pitch - GRID.size}pt)`,
    '',
    ...corpusParagraphs().map((p) => esc(p) + '\n'),
  ].join('\n');
}

function html(): string {
  const paras = corpusParagraphs()
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@font-face { font-family: 'BS Serif'; src: url('file://${fontFilePath('serif')}') format('truetype'); }
@page { size: ${GRID.widthMm}mm ${GRID.heightMm}mm; margin: ${marginYmm}mm ${marginXmm.toFixed(2)}mm; }
body { margin: 0; font: ${GRID.size}pt/${GRID.pitch}pt 'BS Serif'; column-count: ${GRID.columns}; column-gap: ${GRID.size}pt; column-fill: auto; height: ${GRID.textHeightMm}mm; text-align: justify; }
p { margin: 0; text-indent: 2em; }
</style></head><body>${paras}</body></html>`;
}

/** Stand-alone child scripts (plain node, no tsx) for the peers, written to the work folder. */
function peerScripts(dir: string): { typst: string; chromium: string } {
  const req = createRequire(join(root, 'package.json'));
  const typstMod = pathToFileURL(req.resolve('@myriaddreamin/typst-ts-node-compiler')).href;
  const pwMod = pathToFileURL(req.resolve('playwright-core')).href;
  const typstFile = join(dir, 'corpus.typ');
  const htmlFile = join(dir, 'corpus.html');
  writeFileSync(typstFile, typstSource());
  writeFileSync(htmlFile, html());
  const typst = join(dir, 'typst-child.mjs');
  writeFileSync(
    typst,
    `import { readFileSync, writeFileSync } from 'node:fs';
const mod = await import(${JSON.stringify(typstMod)});
const { NodeCompiler } = mod.NodeCompiler ? mod : mod.default;
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [${JSON.stringify(dirname(fontFilePath('serif')))}] }] });
writeFileSync(process.argv[2], compiler.pdf({ mainFileContent: readFileSync(${JSON.stringify(typstFile)}, 'utf8') }));
`,
  );
  const chromium = join(dir, 'chromium-child.mjs');
  writeFileSync(
    chromium,
    `const pw = await import(${JSON.stringify(pwMod)});
const { chromium } = pw.chromium ? pw : pw.default;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage();
await page.goto(${JSON.stringify('file://' + htmlFile)});
await page.evaluate(() => document.fonts.ready);
await page.pdf({ path: process.argv[2], preferCSSPageSize: true });
await browser.close();
`,
  );
  return { typst, chromium };
}

/** Wall time of one whole process (node start to exit), ms; throws when it fails. */
function wholeProcess(args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.slice(0, 3).join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  return ms;
}

const median = (xs: number[]) => stats(xs).median;
const mb = (file: string) => statSync(file).size / 1024 / 1024;

/** The composer the export rows use: core/compose once it is in the tree, else the stand-in. */
function composerEnv(): { env: Record<string, string>; note: string } {
  if (existsSync(join(root, 'core', 'compose', 'index.ts'))) return { env: {}, note: '' };
  return { env: { BROADSHEET_EXPORT_COMPOSER: standIn }, note: 'stand-in fixed-pitch composer (core/compose not in tree)' };
}

/** Builds the CLI's bundles from the current sources (as `npm ci` does), for the rows that run the bundled CLI. */
function buildCli(): void {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli', '--strict'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the CLI build failed: ${built.stderr.trim()}`);
}

/** The whole-process rows run the CLI as `npm ci` leaves it: its bundle (built by run() first), never the sources through tsx. */
async function issueRows(label: string, issuePath: string): Promise<BenchRow[]> {
  const { env: composer, note } = composerEnv();
  const env: Record<string, string> = { ...composer, BROADSHEET_CLI: 'bundle' };
  const out = join(work, `${label.replace(/\W+/g, '-')}.pdf`);
  wholeProcess([cli, 'export', issuePath, '-o', out, '--force'], env); // warm-up: page cache
  const cold = [0, 1, 2].map(() => wholeProcess([cli, 'export', issuePath, '-o', out, '--force'], env));
  const { exportIssue } = await import('../../node/export/service.js');
  const warm = await timeRuns(() => exportIssue({ issuePath, output: out, ignoreErrors: true, composerModule: env.BROADSHEET_EXPORT_COMPOSER }), 5, 1);
  const pdfx = join(work, 'x.pdf');
  const coldX = wholeProcess([cli, 'export', issuePath, '-o', pdfx, '--force', '--pdfx'], env);
  const suffix = note ? `; ${note}` : '';
  return [
    { name: `export ${label}, whole process (CLI)`, value: median(cold), unit: 'ms', note: `median of 3 after a warm-up run; bundled CLI${suffix}` },
    { name: `export ${label}, warm (in-process)`, value: median(warm), unit: 'ms', note: `median of 5${suffix}` },
    { name: `export ${label}, PDF size`, value: mb(out), unit: 'MB' },
    { name: `export ${label} --pdfx, whole process`, value: coldX, unit: 'ms', note: `${mb(pdfx).toFixed(2)} MB` },
  ];
}

/** VmRSS and VmHWM (peak) of a process from /proc, kB; undefined once it is gone. */
function memOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Every descendant of a process (children of each of its threads, recursively). */
function descendants(pid: number, acc: number[] = []): number[] {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return acc;
  }
  for (const tid of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const c of children.split(' ').filter(Boolean).map(Number)) {
      acc.push(c);
      descendants(c, acc);
    }
  }
  return acc;
}

/**
 * Peak RSS of a process tree (the CLI and the processes it starts, such as the image converter),
 * read from /proc every 10 ms: `sumOfPeaks` adds each process's own peak (VmHWM, as last read
 * before it exited) — an upper bound of what the tree held at any one moment; `together` is the
 * largest sum of their RSS read at the same moment (a sample: it can miss a short peak).
 * (/usr/bin/time's maxrss is no help here: for a tree it is the largest single process.) MB.
 */
async function peakRssTree(args: string[], env: Record<string, string>): Promise<{ ms: number; sumOfPeaks: number; together: number; parent: number; children: number }> {
  const t0 = performance.now();
  const cli = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  cli.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  const peaks = new Map<number, number>();
  let together = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of [cli.pid!, ...descendants(cli.pid!)]) {
      const m = memOf(pid);
      if (!m) continue;
      sum += m.rss;
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, m.hwm));
    }
    together = Math.max(together, sum);
  };
  const timer = setInterval(sample, 10);
  const status = await new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  clearInterval(timer);
  const ms = performance.now() - t0;
  if (status !== 0) throw new Error(`peak RSS run failed (${status}): ${stderr.slice(-400)}`);
  const parent = peaks.get(cli.pid!) ?? 0;
  const children = [...peaks.values()].reduce((a, b) => a + b, 0) - parent;
  return { ms, sumOfPeaks: (parent + children) / 1024, together: together / 1024, parent: parent / 1024, children: children / 1024 };
}

const bench: BenchCase = {
  name: 'export',
  async run() {
    mkdirSync(work, { recursive: true });
    const { generatedIssueOnDisk } = await import('../../test/fixtures/build.js');
    const rows: BenchRow[] = [];
    buildCli();

    // The sample issue (composition engineer's assets/sample), when it exists.
    if (existsSync(sampleIssue)) rows.push(...(await issueRows('sample issue', sampleIssue)));
    else rows.push({ name: 'export sample issue', value: NaN, unit: '', note: 'assets/sample/sample.broadsheet not in tree yet' });

    // A generated 8-page issue with 8 photos (1800 × 1200 px).
    const eight = await generatedIssueOnDisk(join(work, 'eight'), { pages: 8 });
    rows.push(...(await issueRows('generated 8-page issue', eight.issuePath)));

    // 24 pages, 40 camera-size photos of 24 MP (6000 × 4000, ~7 MB JPEGs, made once and kept): peak memory of the CLI
    // and of what it starts (the image converter process of --pdfx), as `npm ci` leaves the CLI: its bundle, built at the start
    // (BROADSHEET_CLI=bundle: in a tree others are editing, bin/broadsheet.mjs would otherwise run the sources through tsx).
    const big = await generatedIssueOnDisk(join(work, 'big-grain'), { pages: 24, photos: 40, photoPx: [6000, 4000], grainyPhotosCache: work });
    const { env, note } = composerEnv();
    const bundleEnv = { ...env, BROADSHEET_CLI: 'bundle' };
    const bigOut = join(work, 'big.pdf');
    const photosMb = big.issue.assets.reduce((n, a) => n + statSync(join(big.dir, a.path)).size, 0) / 1024 / 1024;
    const tree = (r: Awaited<ReturnType<typeof peakRssTree>>) =>
      `sum of each process's own peak (CLI ${r.parent.toFixed(0)} + image converter ${r.children.toFixed(0)}); largest sum at one moment (10 ms samples) ${r.together.toFixed(0)} MB`;
    const rss = await peakRssTree([cli, 'export', big.issuePath, '-o', bigOut, '--force'], bundleEnv);
    rows.push({ name: 'export 24 pages + 40 photos × 24 MP, peak RSS', value: rss.sumOfPeaks, unit: 'MB', target: '< 512 MB', ok: rss.sumOfPeaks < 512, note: `${(rss.ms / 1000).toFixed(1)} s; bundled CLI; PDF ${mb(bigOut).toFixed(0)} MB from ${photosMb.toFixed(0)} MB of JPEGs (passthrough, no other process)${note ? '; ' + note : ''}` });
    const rssX = await peakRssTree([cli, 'export', big.issuePath, '-o', bigOut, '--force', '--pdfx'], bundleEnv);
    rows.push({
      name: 'same with --pdfx (40 RGB → CMYK conversions), peak RSS, CLI + image converter process',
      value: rssX.sumOfPeaks,
      unit: 'MB',
      target: '< 512 MB',
      ok: rssX.sumOfPeaks < 512,
      note: `${(rssX.ms / 1000).toFixed(1)} s; bundled CLI; PDF ${mb(bigOut).toFixed(0)} MB; ${tree(rssX)}`,
    });
    // The same from sources (tsx in the CLI and in the converter), as an edited checkout runs it; no target.
    const rssS = await peakRssTree([cli, 'export', big.issuePath, '-o', bigOut, '--force', '--pdfx'], { ...env, BROADSHEET_CLI: 'sources' });
    rows.push({ name: 'same --pdfx from sources (tsx), peak RSS, CLI + image converter process', value: rssS.sumOfPeaks, unit: 'MB', note: `${(rssS.ms / 1000).toFixed(1)} s; ${tree(rssS)}` });

    // A full 对开 page of corpus text, whole process: Broadsheet vs Typst vs Chromium, interleaved.
    // `cli` is the CLI as `npm ci` leaves it (the bundle of the current sources, built at the start, with
    //); `sources` the same command through tsx, as a checkout with edited sources runs it.
    const peers = peerScripts(work);
    const outs = { cli: join(work, 'corpus-cli.pdf'), sources: join(work, 'corpus-sources.pdf'), typst: join(work, 'corpus-typst.pdf'), chromium: join(work, 'corpus-chromium.pdf') };
    const argsOf = {
      cli: [cli, 'galley', CORPUS, '-o', outs.cli],
      sources: [cli, 'galley', CORPUS, '-o', outs.sources],
      typst: [peers.typst, outs.typst],
      chromium: [peers.chromium, outs.chromium],
    };
    const envOf: Record<keyof typeof outs, Record<string, string>> = { cli: { BROADSHEET_CLI: 'bundle' }, sources: { BROADSHEET_CLI: 'sources' }, typst: {}, chromium: {} };
    const keys = Object.keys(argsOf) as Array<keyof typeof outs>;
    const ms: Record<keyof typeof outs, number[]> = { cli: [], sources: [], typst: [], chromium: [] };
    for (const k of keys) wholeProcess(argsOf[k], envOf[k]); // warm-up (page cache)
    const RUNS = 9;
    for (let i = 0; i < RUNS; i++) for (const k of keys) ms[k].push(wholeProcess(argsOf[k], envOf[k]));
    const m = { cli: median(ms.cli), sources: median(ms.sources), typst: median(ms.typst), chromium: median(ms.chromium) };
    const chars = corpusParagraphs().join('').length;
    rows.push({ name: '对开 corpus page → PDF, whole process: node bin/broadsheet.mjs galley (bundle)', value: m.cli, unit: 'ms', note: `median of ${RUNS}; the one CLI bundle; ${chars} chars; ${mb(outs.cli).toFixed(2)} MB; Typst ÷ this = ${(m.typst / m.cli).toFixed(2)}; Chromium ÷ this = ${(m.chromium / m.cli).toFixed(1)}` });
    rows.push({ name: '对开 corpus page → PDF, whole process: galley from sources (tsx)', value: m.sources, unit: 'ms', note: `median of ${RUNS}; BROADSHEET_CLI=sources; Chromium ÷ this = ${(m.chromium / m.sources).toFixed(1)}` });
    rows.push({ name: '对开 corpus page → PDF, whole process: Typst', value: m.typst, unit: 'ms', note: `typst-ts-node-compiler, plain node, same font file and grid; ${mb(outs.typst).toFixed(2)} MB` });
    rows.push({ name: '对开 corpus page → PDF, whole process: Chromium', value: m.chromium, unit: 'ms', note: `playwright-core + /usr/bin/chromium page.pdf, CSS columns; ${mb(outs.chromium).toFixed(2)} MB` });
    return rows;
  },
};
export default bench;
