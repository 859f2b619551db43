// Probe: a CPU profile of the renderer from navigation to 4 s after the first text (broadsheet serve).
import { openApp } from '../test/e2e/app-host.js';
let cdp: any;
const app = await openApp(['--issue', 'assets/sample/sample.broadsheet'], {
  beforeGoto: async (p) => {
    cdp = await p.context().newCDPSession(p);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await p.addInitScript({ content: `(function check() { if (document.querySelector('.bs-ws-page svg text')) window.__bsTextAt = performance.now(); else requestAnimationFrame(check); })();` });
  },
});
const page = app.page;
await page.waitForFunction(() => (window as any).__bsTextAt, undefined, { timeout: 90_000, polling: 10 });
await cdp.send('Profiler.start');
const at = await page.evaluate(() => (window as any).__bsTextAt);
await page.waitForTimeout(Number(process.argv[2] ?? 4000));
const { profile } = await cdp.send('Profiler.stop');
const nodes = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Self and total time per function, samples after the first text only.
const t0 = profile.startTime;
let t = t0;
const self = new Map<string, number>();
const total = new Map<string, number>();
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  let id = profile.samples[i];
  const n = nodes.get(id);
  const name = (fr: any) => `${fr.functionName || '(anon)'} ${fr.url.split('/').pop()}:${fr.lineNumber}:${fr.columnNumber}`;
  self.set(name(n.callFrame), (self.get(name(n.callFrame)) ?? 0) + dt);
  const seen = new Set<string>();
  while (id) {
    const k = name(nodes.get(id).callFrame);
    if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
    seen.add(k);
    id = parent.get(id)!;
  }
}
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n');
console.log(`first text at ${Math.round(at)} ms\n-- self --\n${top(self)}\n-- total --\n${top(total)}`);
await app.close();
