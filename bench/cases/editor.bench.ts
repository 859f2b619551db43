import type { BenchCase, BenchRow } from '../bench.js';
import { stats } from '../bench.js';
import { openHarness } from '../../test/e2e/editor-harness-host.js';

// Keystroke to repainted page in Chromium: a story of about 3,000 characters over
// three long columns, typed into one character at a time through DevTools' Input.insertText.
// Measured in the page with performance.now() from beforeinput: (a) to the editor's DOM
// updated and laid out (compose + decorations + ProseMirror update + style/layout), (b) to
// the end of the next frame, which also includes waiting for that frame. The composer is the
// test's toy composer until core/compose lands, so (a) is the editor's own cost.

async function typeAndMeasure(composer: 'toy' | 'typeset'): Promise<BenchRow[]> {
  const h = await openHarness(`paras=60&lines=95&composer=${composer}`);
  try {
    const chars = await h.page.evaluate(() => (window as any).bs.text().length as number);
    const cdp = await h.page.context().newCDPSession(h.page);
    await h.page.evaluate(() => { const bs = (window as any).bs; const ls = bs.table.lines; bs.select(ls[Math.floor(ls.length / 3)].from + 4); });
    const typed = '新闻稿件内容经济发展社会民生';
    for (let i = 0; i < 230; i++) {
      await cdp.send('Input.insertText', { text: typed[i % typed.length] });
      await h.page.waitForFunction((n) => (window as any).bs.bench.frame.length > n, i, { polling: 'raf' });
    }
    const b = await h.page.evaluate(() => (window as any).bs.bench as { laidOut: number[]; frame: number[] });
    const laid = stats(b.laidOut.slice(30));
    const frame = stats(b.frame.slice(30));
    const who = composer === 'toy' ? 'toy composer' : 'real typesetter, whole story recomposed';
    const note = `${chars} chars, n=${laid.n}, ${who}`;
    return [
      { name: `keystroke → page laid out, median (${composer})`, value: laid.median, unit: 'ms', target: '< 8 ms', ok: laid.median < 8, note },
      { name: `keystroke → page laid out, p95 (${composer})`, value: laid.p95, unit: 'ms', target: '< 16 ms (aim < 8)', ok: laid.p95 < 16, note },
      { name: `keystroke → next frame done, median (${composer})`, value: frame.median, unit: 'ms', note: 'includes waiting for the next frame' },
      { name: `keystroke → next frame done, p95 (${composer})`, value: frame.p95, unit: 'ms', note: 'includes waiting for the next frame' },
    ];
  } finally {
    await h.close();
  }
}

const editorBench: BenchCase = {
  name: 'editor',
  async run(): Promise<BenchRow[]> {
    return [...(await typeAndMeasure('toy')), ...(await typeAndMeasure('typeset'))];
  },
};

export default editorBench;
