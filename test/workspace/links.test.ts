// The Links panel's rows (renderer/workspace/links.ts): effective resolution of a photo at its
// placed size (design.md, Print: images ≥ 200 ppi at placed size), and which pages are marked
// for a broken link at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LinksReportDto } from '../../core/api/methods.js';
import { BROKEN, effectivePpi, linkRows, pagesWithBrokenLinks } from '../../renderer/workspace/links.js';
import { oneStoryIssue, templates } from '../fixtures/build.js';

test('effective ppi: pixels over the placed size — fill covers the frame, fit fits in it, zoom enlarges', () => {
  // A 2 × 1 inch frame (144 × 72 pt).
  const box = { w: 144, h: 72 };
  assert.equal(effectivePpi({ fit: 'fill' }, box, { widthPx: 600, heightPx: 600 }), 300); // 600 px over 2 in (width covers)
  assert.equal(effectivePpi({ fit: 'fit' }, box, { widthPx: 600, heightPx: 600 }), 600); // 600 px over 1 in (height fits)
  assert.equal(effectivePpi({ fit: 'fill', zoom: 2 }, box, { widthPx: 600, heightPx: 600 }), 150);
  assert.equal(effectivePpi({ fit: 'fill' }, box, {}), undefined, 'no pixel size, no ppi');
});

test('rows: each photo with its first frame and lowest ppi; broken statuses are the ones that leave the photo out', () => {
  const issue = oneStoryIssue('正文。', { photo: { path: 'photos/x.jpg', widthPx: 300, heightPx: 200 } });
  const report: LinksReportDto = {
    entries: [
      { id: 'p1', path: 'photos/x.jpg', status: 'missing', usedOnPages: [1], frames: [{ page: 1, pageIndex: 0, frameId: 'ph' }], usedInStories: [], widthPx: 300, heightPx: 200, message: '' },
      { id: 'loose', path: 'photos/y.jpg', status: 'ok', usedOnPages: [], frames: [], usedInStories: [], message: '' },
    ],
    counts: { ok: 1, missing: 1, modified: 0, unverified: 0, 'invalid-path': 0, outside: 0, 'outside-accepted': 0, unreadable: 0 },
    summary: '',
  };
  const rows = linkRows(report, issue, templates);
  assert.equal(rows[0].frame?.frameId, 'ph');
  assert.ok(rows[0].ppi! > 0 && rows[0].ppi! < 200, `a 300 px photo over three columns is low resolution (${rows[0].ppi})`);
  assert.equal(rows[0].broken, true);
  assert.equal(rows[1].frame, undefined);
  assert.equal(rows[1].ppi, undefined);
  assert.deepEqual([...pagesWithBrokenLinks(report)], [0]);
  assert.deepEqual([...BROKEN].sort(), ['invalid-path', 'missing', 'outside', 'unreadable']);
  assert.deepEqual([...pagesWithBrokenLinks(null)], []);
});

test('every link status has its words in both languages (the panel never shows a key)', async () => {
  const { workspaceResources } = await import('../../renderer/workspace/i18n.js');
  const { LINK_STATUSES } = await import('../../node/store/links.js');
  for (const lng of ['zh-CN', 'en'] as const) {
    const state = workspaceResources[lng].links.state as Record<string, string>;
    for (const s of LINK_STATUSES) assert.ok(state[s], `${lng}: links.state.${s}`);
  }
  assert.equal(workspaceResources['zh-CN'].links.state.outside, '文件夹外');
  assert.equal(workspaceResources.en.links.state['outside-accepted'], 'Accepted outside link');
});
