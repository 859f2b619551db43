import { readFileSync } from 'node:fs';
import { stats, timeRuns, type BenchCase } from '../bench.js';
import { bodyStyle, typesetParagraph } from '../../core/typeset/index.js';
import { nodeFontSource } from '../../node/fonts.js';

const CORPUS = '/work/shared/corpus/000_64f3e6112ce4e075.txt';

/** Typesetting the corpus page (~7,000 characters) into 13-character 小五 columns, warm. */
const bench: BenchCase = {
  name: 'typeset',
  async run() {
    const paras = readFileSync(CORPUS, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const chars = paras.reduce((n, p) => n + p.length, 0);
    const fonts = nodeFontSource();
    const style = bodyStyle();
    let lines = 0;
    const page = () => {
      lines = 0;
      for (const p of paras) lines += typesetParagraph({ runs: [{ text: p, font: 'serif', size: 9 }], style, measure: 13 * 9 }, fonts).lines.length;
    };
    const t0 = performance.now();
    page();
    const cold = performance.now() - t0;
    const { median, p95, n } = stats(await timeRuns(page, 60, 20));
    return [
      { name: `typeset corpus page (${chars} chars, ${lines} lines), 13-char columns, warm median`, value: median, unit: 'ms', target: '< 5 ms', ok: median < 5, note: `p95 ${p95.toFixed(2)} ms over ${n} runs; first run (cold caches, fonts parsed) ${cold.toFixed(1)} ms` },
      { name: 'typeset corpus page, per character', value: (median * 1000) / chars, unit: 'µs/char' },
    ];
  },
};
export default bench;
