import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BenchCase, BenchRow } from '../bench.js';
import { stats, timeRuns } from '../bench.js';
import { openIssueFile, saveIssueFile } from '../../node/store/index.js';
import { Autosave } from '../../renderer/src/autosave.js';
import { writeRecovery } from '../../node/store/recovery.js';
import type { Issue } from '../../core/model/issue.js';
import { generateIssue, storyChars } from '../../test/store/generate-issue.js';

/** Types one character into the last paragraph of a story, sharing everything else (as an editor's transaction does). */
function typeInto(issue: Issue, storyIndex: number, ch: string): Issue {
  const story = issue.stories[storyIndex];
  const content = [...(story.doc as unknown as { content: Array<{ type: string; content?: Array<{ type: string; text: string }> }> }).content];
  let i = content.length - 1;
  while (i > 0 && !(content[i].type === 'paragraph' && content[i].content?.length)) i--;
  const para = content[i];
  const last = para.content![para.content!.length - 1];
  content[i] = { ...para, content: [...para.content!.slice(0, -1), { ...last, text: last.text + ch }] };
  const stories = [...issue.stories];
  stories[storyIndex] = { ...story, doc: { ...story.doc, content } };
  return { ...issue, stories };
}

const bench: BenchCase = {
  name: 'store',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'bs-bench-store-'));
    try {
      const issue = generateIssue({ pages: 8, chars: 60_000 });
      const file = join(dir, 'issue.broadsheet');
      await saveIssueFile(file, issue);
      const size = statSync(file).size;
      const note = `8 pages, ${storyChars(issue)} chars, ${(size / 1024).toFixed(0)} KiB`;
      const open = stats(await timeRuns(() => openIssueFile(file, { knownTemplateIds: null }), 20));
      const save = stats(await timeRuns(() => saveIssueFile(file, issue), 20));
      const saveNoSync = stats(await timeRuns(() => saveIssueFile(file, issue, { fsync: false }), 20));

      // One autosave: serialize + atomic write of the recovery file (with fsync).
      const rec = join(dir, '.issue.broadsheet.recovery');
      const autosave = stats(await timeRuns(() => writeRecovery(rec, { savedAt: new Date().toISOString(), issuePath: file, base: null, changes: 1, issue }), 20));
      // The part that runs on the event loop: building the JSON text.
      const stringify = stats(await timeRuns(() => JSON.stringify({ issue }), 50));

      // Simulated typing: a keystroke every 25 ms for 6 s while the app's autosave (200 ms
      // quiet time, 1 s at most) writes recovery files as the services' autosaveIssue does;
      // the event-loop delay histogram shows the longest stall the process sees.
      let current = issue;
      let version = 0;
      const listeners = new Set<() => void>();
      const source = {
        dirty: true,
        readOnly: false,
        path: file,
        get issue() { return current; },
        get version() { return version; },
        subscribe(l: () => void) { listeners.add(l); return () => listeners.delete(l); },
      };
      const saves: number[] = [];
      const write = async (arg: { path: string; issue: unknown; changes: number }) => {
        const t = performance.now();
        await writeRecovery(rec, { savedAt: new Date().toISOString(), issuePath: arg.path, base: null, changes: arg.changes, issue: arg.issue as Issue });
        saves.push(performance.now() - t);
      };
      const auto = new Autosave(source, write, () => {}, 200, 1000);
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      const t0 = Date.now();
      let n = 0;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          current = typeInto(current, n % current.stories.length, '字');
          version++;
          for (const l of listeners) l();
          n++;
          if (Date.now() - t0 > 6000) {
            clearInterval(timer);
            resolve();
          }
        }, 25);
      });
      await auto.flush();
      h.disable();
      auto.dispose();
      const maxStall = h.max / 1e6;
      const s = stats(saves);
      return [
        { name: 'open generated 8-page issue (parse + validate)', value: open.median, unit: 'ms', note: `${note}; p95 ${open.p95.toFixed(1)}` },
        { name: 'save generated 8-page issue (atomic, fsync, .bak)', value: save.median, unit: 'ms', note: `p95 ${save.p95.toFixed(1)}; without fsync ${saveNoSync.median.toFixed(1)} ms` },
        { name: 'autosave one recovery file (atomic, fsync)', value: autosave.median, unit: 'ms', note: `p95 ${autosave.p95.toFixed(1)}` },
        { name: 'autosave: JSON build on the event loop', value: stringify.median, unit: 'ms', note: `p95 ${stringify.p95.toFixed(2)}` },
        { name: 'autosave while typing: ms per save', value: s.median, unit: 'ms', note: `${s.n} autosaves during ${n} keystrokes; p95 ${s.p95?.toFixed(1)}` },
        { name: 'autosave while typing: longest event-loop stall', value: maxStall, unit: 'ms', target: '≤ 16 ms', ok: maxStall <= 16, note: `monitorEventLoopDelay, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms` },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
