// Probe: click → caret at delays after the first paint, in the built app (broadsheet serve).
import { openApp } from '../test/e2e/app-host.js';
const delays = process.argv.slice(2).map(Number);
for (const delay of delays.length ? delays : [200, 1000, 3000]) {
  const app = await openApp(['--issue', 'assets/sample/sample.broadsheet'], {
    beforeGoto: (p) => p.addInitScript({ content: `(function check() { if (document.querySelector('.bs-ws-page svg text')) window.__bsTextAt = performance.now(); else requestAnimationFrame(check); })();
      addEventListener('pointerdown', () => { if (!window.__bsDown) window.__bsDown = performance.now(); }, true);
      new MutationObserver(() => { if (!window.__bsPM && document.querySelector('.ProseMirror[data-story]')) window.__bsPM = performance.now(); }).observe(document, { childList: true, subtree: true });` }),
  });
  const page = app.page;
  await page.waitForFunction(() => (window as any).__bsTextAt, undefined, { timeout: 90_000 });
  const frame = page.locator('.bs-ws-frame[data-frame="lead"]');
  const b = (await frame.boundingBox())!;
  await page.waitForTimeout(delay);
  await page.mouse.dblclick(b.x + b.width * 0.3, b.y + b.height * 0.6);
  await page.waitForFunction(() => (window as any).__bsPM, undefined, { timeout: 30_000 });
  const r = await page.evaluate(() => ({ text: (window as any).__bsTextAt, down: (window as any).__bsDown, pm: (window as any).__bsPM, m: performance.getEntriesByType('measure').map((e) => `${e.name} ${Math.round(e.startTime)}+${Math.round(e.duration)}`) }));
  console.log(`delay ${delay}: first text ${Math.round(r.text)} ms, mousedown at +${Math.round(r.down - r.text)}, caret ${Math.round(r.pm - r.down)} ms after mousedown`);
  if (process.env.MEASURES) console.log(r.m.join('\n'));
  await app.close();
}
