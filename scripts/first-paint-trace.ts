// Probe: a Chrome trace of the renderer from the first text to N ms after (broadsheet serve),
// main-thread top-level events summed by name.
import { openApp } from '../test/e2e/app-host.js';
let cdp: any;
const events: any[] = [];
const app = await openApp(['--issue', 'assets/sample/sample.broadsheet'], {
  beforeGoto: async (p) => {
    cdp = await p.context().newCDPSession(p);
    cdp.on('Tracing.dataCollected', (d: any) => events.push(...d.value));
    await p.addInitScript({ content: `(function check() { if (document.querySelector('.bs-ws-page svg text')) window.__bsTextAt = performance.now(); else requestAnimationFrame(check); })();` });
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  },
});
const page = app.page;
await page.waitForFunction(() => (window as any).__bsTextAt, undefined, { timeout: 90_000, polling: 10 });
await page.waitForTimeout(Number(process.argv[2] ?? 3000));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end');
await done;
const at = await page.evaluate(() => (window as any).__bsTextAt);
// The renderer main thread: where the RunTask events with the most time are.
const byThread = new Map<string, number>();
for (const e of events) if (e.name === 'RunTask' && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser');
const textTs = events.find((e) => e.name === 'bs-first-text')?.ts;
const mainEv = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur);
const t0 = Math.min(...mainEv.map((e) => e.ts));
const sum = new Map<string, { n: number; ms: number }>();
const from = Number(process.env.FROM ?? 0) * 1000;
for (const e of mainEv) {
  if (e.ts - t0 < from) continue;
  const k = e.name;
  const s = sum.get(k) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += e.dur / 1000;
  sum.set(k, s);
}
console.log(`first text at ${Math.round(at)} ms (page clock); main ${main}; trace span ${((Math.max(...mainEv.map((e) => e.ts + e.dur)) - t0) / 1000).toFixed(0)} ms`);
for (const [k, v] of [...sum].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log(`${v.ms.toFixed(0).padStart(7)} ms ${String(v.n).padStart(5)}x ${k}`);
// Long tasks on a timeline
const userMarks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('bs'));
for (const e of mainEv.filter((e) => e.name === 'RunTask' && e.dur > 100_000)) {
  const inner = mainEv.filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur && c.name !== 'RunTask');
  const kids = new Map<string, number>();
  for (const c of inner) kids.set(c.name + (c.args?.data?.functionName ? ' ' + c.args.data.functionName : c.args?.data?.url ? ' ' + String(c.args.data.url).split('/').pop() + ':' + c.args.data.lineNumber : ''), (kids.get(c.name) ?? 0) + c.dur / 1000);
  const marks = userMarks.filter((m) => m.ts >= e.ts && m.ts <= e.ts + e.dur).map((m) => m.name);
  console.log(`long task at ${((e.ts - t0) / 1000).toFixed(0)} ms: ${(e.dur / 1000).toFixed(0)} ms — ${[...kids].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} ${[...new Set(marks)].slice(0, 6).join(' ')}`);
}
await app.close();
