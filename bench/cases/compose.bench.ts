import { readFileSync } from 'node:fs';
import { composeIssue, ComposeCache } from '../../core/compose/index.js';
import type { Issue } from '../../core/model/issue.js';
import { builtinTemplates } from '../../core/templates/index.js';
import { nodeFontSource } from '../../node/fonts.js';
import { generateIssue, storyChars } from '../../test/store/generate-issue.js';
import { stats, timeRuns, type BenchCase, type BenchRow } from '../bench.js';

// Page composition: the sample issue and a generated 8-page issue of ~60,000
// characters composed from scratch (fonts loaded, JIT warm, empty composition cache), and one
// keystroke's recomposition with the cache (only the edited story is set again).

function typeInto(issue: Issue, storyIndex: number, ch: string): Issue {
  const s = issue.stories[storyIndex];
  const doc = structuredClone(s.doc) as unknown as { content: Array<{ type: string; content?: Array<{ text: string }> }> };
  const p = doc.content.find((n) => n.type === 'paragraph' && n.content?.length)!;
  p.content![0].text = ch + p.content![0].text;
  return { ...issue, stories: issue.stories.map((x, i) => (i === storyIndex ? { ...x, doc: doc as unknown as typeof x.doc } : x)) };
}

const bench: BenchCase = {
  name: 'compose',
  async run(): Promise<BenchRow[]> {
    const ctx = { fonts: nodeFontSource(), templates: builtinTemplates() };
    const sample = JSON.parse(readFileSync(new URL('../../assets/sample/sample.broadsheet', import.meta.url), 'utf8')) as Issue;
    const big = generateIssue({ pages: 8, chars: 60_000, templateId: 'broadsheet-8col-inside' });
    const rows: BenchRow[] = [];
    const sampleRuns = stats(await timeRuns(() => composeIssue(sample, ctx), 20, 3));
    rows.push({ name: `compose sample issue (${sample.pages.length} pages, ${storyChars(sample)} chars), empty cache, median`, value: +sampleRuns.median.toFixed(2), unit: 'ms' });
    const full = stats(await timeRuns(() => composeIssue(big, ctx), 15, 3));
    rows.push({ name: `compose generated 8-page issue (${storyChars(big)} chars), empty cache, median`, value: +full.median.toFixed(2), unit: 'ms', target: '< 50 ms', ok: full.median < 50, note: `p95 ${full.p95.toFixed(1)} ms` });
    // One keystroke after another into one story, recomposed with the cache.
    const cache = new ComposeCache();
    composeIssue(big, ctx, { cache });
    let current = big;
    let k = 0;
    const key = stats(
      await timeRuns(() => {
        current = typeInto(current, 5, '新'.repeat((k++ % 3) + 1).slice(0, 1));
        composeIssue(current, ctx, { cache });
      }, 60, 5),
    );
    rows.push({ name: 'recompose 8-page issue after one keystroke in one story (cache), median', value: +key.median.toFixed(3), unit: 'ms', target: '< 2 ms', ok: key.median < 2, note: `p95 ${key.p95.toFixed(2)} ms; recomposed: ${cache.recomposed.join(',')}` });
    return rows;
  },
};
export default bench;
