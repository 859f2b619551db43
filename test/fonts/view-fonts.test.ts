// The faces an opened issue loads (renderer/src/document.ts viewIssue): its templates' faces and,
// always, the UI's own face — an issue with no pages yet (copy imported, nothing placed) must
// not leave the UI's Chinese words to a machine that may have no CJK font at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyIssue } from '../../core/model/issue.js';
import { viewIssue } from '../../renderer/src/document.js';
import { templates } from '../fixtures/build.js';
import { installFontHost, type FontHost } from '../fixtures/font-host.js';

let fh: FontHost;
before(() => {
  fh = installFontHost();
});
after(() => fh.restore());

const opened = (pages: ReturnType<typeof emptyIssue>['pages']) => ({ issue: emptyIssue({ paper: '云杉区报', date: '2026-12-08', pages }), path: null, readOnly: false, warnings: [] });
const lists = () => Promise.resolve([{ templates, problems: [] as string[] }, fh.faces] as const) as never;

test('an issue with no pages loads the UI face, with the UI words in its subset', async () => {
  fh.registered.clear();
  const view = await viewIssue(fh.api as never, opened([]) as never, fh.files, {}, () => {}, lists());
  assert.deepEqual(Object.keys(view.fonts.css).sort(), ['sans', 'serif'], 'the UI face and the one it falls back to');
  assert.equal(fh.registered.size, 2);
  assert.equal(view.fonts.growth!.covers('文件编辑视图帮助保存撤销'), true);
});

test('an issue with pages loads its templates’ faces and the UI face among them', async () => {
  const page = { id: 'p1', number: 1, section: '要闻', editor: '', designer: '', templateId: 'tabloid-6col', frames: [] };
  const view = await viewIssue(fh.api as never, opened([page]) as never, fh.files, {}, () => {}, lists());
  const keys = Object.keys(view.fonts.css);
  assert.ok(keys.includes('sans'));
  assert.ok(keys.length > 1, keys.join(','));
});
