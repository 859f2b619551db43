// Probe: CPU profile of a double click into the lead story → its editor (broadsheet serve, built app),
// function names resolved through the bundle's source map.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { openApp, root } from '../test/e2e/app-host.js';
const assets = join(root, 'dist', 'renderer', 'assets');
const mapFile = readdirSync(assets).find((f) => f.endsWith('.js.map'))!;
const smc = new SourceMapConsumer(JSON.parse(readFileSync(join(assets, mapFile), 'utf8')));
const app = await openApp(['--issue', 'assets/sample/sample.broadsheet'], {
  beforeGoto: (p) => p.addInitScript({ content: `(function check() { if (document.querySelector('.bs-ws-page svg text')) window.__bsTextAt = performance.now(); else requestAnimationFrame(check); })();` }),
});
const page = app.page;
await page.waitForFunction(() => (window as any).__bsTextAt, undefined, { timeout: 90_000 });
await page.waitForTimeout(Number(process.argv[2] ?? 6000));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const b = (await page.locator('.bs-ws-frame[data-frame="lead"]').boundingBox())!;
await cdp.send('Profiler.start');
await page.mouse.dblclick(b.x + b.width * 0.3, b.y + b.height * 0.6);
await page.waitForSelector('.ProseMirror[data-story]', { state: 'attached' });
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
const { profile } = await cdp.send('Profiler.stop');
const nodes = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (fr: any) => {
  if (!fr.url.includes('/assets/')) return `${fr.functionName || '(anon)'} [native]`;
  const p = smc.originalPositionFor({ line: fr.lineNumber + 1, column: fr.columnNumber });
  return `${p.name ?? fr.functionName ?? '(anon)'} ${String(p.source).replace(/^.*?(renderer|core|node_modules)\//, '$1/')}:${p.line}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
for (let i = 0; i < profile.samples!.length; i++) {
  const dt = (profile.timeDeltas![i + 1] ?? 0) / 1000;
  let id = profile.samples![i];
  const k0 = name(nodes.get(id).callFrame);
  self.set(k0, (self.get(k0) ?? 0) + dt);
  const seen = new Set<string>();
  while (id) {
    const k = name(nodes.get(id).callFrame);
    if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
    seen.add(k);
    id = parent.get(id)!;
  }
}
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(7)} ${k}`).join('\n');
console.log(`-- self --\n${top(self, 25)}\n-- total --\n${top(total, 60)}`);
await app.close();
