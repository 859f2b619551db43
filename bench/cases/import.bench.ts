import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, timeRuns, type BenchCase, type BenchRow } from '../bench.js';
import { importText, toModelStory } from '../../core/import/index.js';
import { layoutStories } from '../../core/layout/index.js';
import { emptyIssue } from '../../core/model/issue.js';
import { builtinTemplates } from '../../core/templates/index.js';
import { nodeFontSource } from '../../node/fonts.js';
import { CORPUS, readCorpus } from '../../test/fixtures/corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Import plus automatic layout of the corpus page: whole process, and warm in one process. */
const bench: BenchCase = {
  name: 'import',
  async run() {
    const rows: BenchRow[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
    try {
      const text = readCorpus();
      const ctx = { fonts: nodeFontSource(), templates: builtinTemplates() };
      let phases = '';
      const once = () => {
        const t0 = performance.now();
        const r = importText('corpus.txt', text);
        const t1 = performance.now();
        const issue = emptyIssue({ paper: '河西报', date: '2026-11-23', stories: r.stories.map(toModelStory) });
        const banners = Object.fromEntries(r.stories.filter((s) => s.banner).map((s) => [s.id, s.banner!]));
        const L = layoutStories(issue, r.stories.map((s) => s.id), ctx, { banners });
        const t2 = performance.now();
        phases = `import ${(t1 - t0).toFixed(1)} ms + layout ${(t2 - t1).toFixed(0)} ms (${L.passes} composer passes: probes and checks); ${L.placed.length} stories on ${L.issue.pages.length} page(s), ${L.notes.length} note(s)`;
      };
      const warm = stats(await timeRuns(once, 7, 2));
      rows.push({ name: 'import + layout corpus page, broadsheet-8col (warm, in process), median of 7', value: warm.median, unit: 'ms', target: '< 1000 ms', ok: warm.median < 1000, note: `p95 ${warm.p95.toFixed(0)} ms; last run: ${phases}` });

      const times: number[] = [];
      let error: string | undefined;
      let split = '';
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, ['bin/broadsheet.mjs', 'import', CORPUS, '-o', join(dir, 'corpus.broadsheet'), '--date', '2026-11-23'], { cwd: root, encoding: 'utf8' });
        const t = performance.now() - t0;
        if (r.status !== 0) {
          error = (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-1)[0];
          break;
        }
        times.push(t);
        const m = /import (\d+) ms, layout (\d+) ms, save (\d+) ms/.exec(r.stdout);
        if (m) split = `import ${m[1]} ms + layout ${m[2]} ms (fonts parsed on first use) + save ${m[3]} ms + start-up/module loading ${Math.round(t - +m[1] - +m[2] - +m[3])} ms (last run)`;
      }
      const whole = stats(times);
      rows.push({ name: 'import + layout + save corpus page, whole process (broadsheet import), median of 3', value: error ? NaN : whole.median, unit: 'ms', note: error ? `failed: ${error}` : split });
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
