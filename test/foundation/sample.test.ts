// The bundled sample issue (assets/sample/sample.broadsheet) is what `npm start` opens on a
// fresh machine: it must open with the file store exactly as the app opens it, its photo
// links must match their files, it must compose with nothing left over (no overset: an
// editor's first look at the tool should not be a page that does not fit), and the
// committed files must be what scripts/make-sample.ts writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { composeIssue } from '../../core/compose/index.js';
import { nodeComposeContext } from '../../node/compose.js';
import { linksReport, openIssueFile } from '../../node/store/index.js';

const root = join(import.meta.dirname, '..', '..');
const samplePath = join(root, 'assets', 'sample', 'sample.broadsheet');

describe('the bundled sample issue', () => {
  test('opens with the store (validation, templates, links) without warnings', async () => {
    const opened = await openIssueFile(samplePath, { readOnly: true });
    assert.deepEqual(opened.warnings, []);
    const { issue } = opened;
    assert.ok(issue.pages.length >= 2);
    assert.deepEqual(issue.pages.map((p) => p.templateId), ['tabloid-6col', 'tabloid-6col-inside']);
    const links = await linksReport(samplePath, issue);
    assert.deepEqual(links.entries.map((e) => e.status), issue.assets.map(() => 'ok'));
  });

  test('has the parts of a bulletin: 引题/主题/副题, ■ bylines, a caption ending 摄, a 栏目 banner, Latin text', async () => {
    const { issue } = await openIssueFile(samplePath, { readOnly: true });
    const blocks = issue.stories.flatMap((s) => (s.doc as unknown as { content: Array<{ type: string; content?: Array<{ text: string }> }> }).content.map((b) => ({ type: b.type, text: (b.content ?? []).map((t) => t.text).join('') })));
    for (const type of ['kicker', 'headline', 'deck', 'byline', 'subhead', 'paragraph']) assert.ok(blocks.some((b) => b.type === type), type);
    assert.ok(blocks.some((b) => b.type === 'byline' && /^■ (本报记者|通讯员) \S+/.test(b.text)));
    const frames = issue.pages.flatMap((p) => p.frames);
    assert.ok(frames.some((f) => f.type === 'photo' && /摄$/.test(f.captionText ?? '')));
    assert.ok(frames.some((f) => f.type === 'banner'));
    assert.ok(blocks.some((b) => b.type === 'paragraph' && /^[\x20-\x7e’]{80,}$/.test(b.text)), 'an English paragraph');
  });

  test('composes with no overset and no errors; both photos are placed', async () => {
    const { issue } = await openIssueFile(samplePath, { readOnly: true });
    const composed = composeIssue(issue, await nodeComposeContext(issue, samplePath));
    assert.equal(composed.pages.length, issue.pages.length);
    const bad = composed.diagnostics.filter((d) => d.severity === 'error' || d.kind === 'overset');
    assert.deepEqual(bad.map((d) => d.message), []);
    for (const story of Object.values(composed.stories)) assert.notEqual(story.fit.state, 'overset', story.storyId);
    const images = composed.pages.flatMap((p) => p.items.filter((i) => i.kind === 'image').map((i) => (i as { assetId: string }).assetId));
    assert.deepEqual(images.sort(), ['photo-heping', 'photo-qingshi']);
  });

  test('scripts/make-sample.ts reproduces the committed files byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'bs-sample-'));
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'make-sample.ts'), '--out', out], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      for (const f of ['sample.broadsheet', 'photos/heping-li.jpg', 'photos/qingshi-lane.jpg']) {
        assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(root, 'assets', 'sample', f))), `${f} differs from the generator's output`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
