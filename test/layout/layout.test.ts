import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importText, toModelStory, type ImportResult } from '../../core/import/index.js';
import { layoutStories, unplacedStories, type LayoutResult } from '../../core/layout/index.js';
import { emptyIssue, type Issue, type StoryFrame } from '../../core/model/issue.js';
import type { Template } from '../../core/templates/index.js';
import { ctx } from '../fixtures/build.js';
import { readCorpus } from '../fixtures/corpus.js';

// Automatic layout of the corpus page: deterministic, frames on the grid and apart, every story
// placed or reported, and after composition no overset and no holes (cjk-typesetting.md §2:
// the page grid; §1.1: line-start / line-end prohibitions hold on the laid-out page).

function issueOf(r: ImportResult): Issue {
  return emptyIssue({ paper: '河西报', date: '2026-11-23', stories: r.stories.map(toModelStory) });
}
const bannersOf = (r: ImportResult) => Object.fromEntries(r.stories.filter((s) => s.banner).map((s) => [s.id, s.banner!]));

let cached: { r: ImportResult; L: LayoutResult } | undefined;
function corpusLayout() {
  if (!cached) {
    const r = importText('corpus.txt', readCorpus());
    cached = { r, L: layoutStories(issueOf(r), r.stories.map((s) => s.id), ctx, { banners: bannersOf(r) }) };
  }
  return cached;
}

const inside = (a: { column: number; span: number; line: number; lines: number }, b: typeof a) =>
  a.column >= b.column && a.column + a.span <= b.column + b.span && a.line >= b.line && a.line + a.lines <= b.line + b.lines;
const overlap = (a: { column: number; span: number; line: number; lines: number }, b: typeof a) =>
  a.column < b.column + b.span && b.column < a.column + a.span && a.line < b.line + b.lines && b.line < a.line + a.lines;

test('layout is deterministic: the same copy and template give identical pages', () => {
  const { r, L } = corpusLayout();
  const again = layoutStories(issueOf(r), r.stories.map((s) => s.id), ctx, { banners: bannersOf(r) });
  assert.equal(JSON.stringify(again.issue.pages), JSON.stringify(L.issue.pages));
});

test('corpus on broadsheet-8col: one page, every story placed, none overset, nothing reported missing', () => {
  const { r, L } = corpusLayout();
  assert.equal(L.issue.pages.length, 1);
  assert.deepEqual([...L.placed].sort(), r.stories.map((s) => s.id).sort());
  assert.deepEqual(L.unplaced, []);
  assert.deepEqual(L.notes, []);
  for (const id of L.placed) assert.equal(L.composed.stories[id].fit.state, 'fits', `${id}: ${JSON.stringify(L.composed.stories[id].fit)}`);
  assert.deepEqual(L.composed.diagnostics.filter((d) => d.kind === 'overset' || d.kind === 'underset' || d.severity === 'error'), []);
  assert.deepEqual(unplacedStories(L.issue), []);
});

test('frames lie on the grid, clear of the masthead and of each other (a story\'s photo inside its own frame)', () => {
  const { L } = corpusLayout();
  const page = L.issue.pages[0];
  const t = ctx.templates.get(page.templateId)!;
  const mh = t.spec.furniture.masthead!.rect;
  for (const f of page.frames) {
    assert.ok(f.rect.column + f.rect.span <= t.columns && f.rect.line + f.rect.lines <= t.lines, `${f.id} inside the ${t.columns}×${t.lines} grid`);
    assert.ok(!overlap(f.rect, mh), `${f.id} clear of the masthead`);
  }
  for (const a of page.frames) {
    for (const b of page.frames) {
      if (a === b || !overlap(a.rect, b.rect)) continue;
      const photo = a.type === 'photo' ? a : b.type === 'photo' ? b : undefined;
      const story = a.type === 'story' ? a : b.type === 'story' ? b : undefined;
      assert.ok(photo && story && photo.storyId === story.storyId && inside(photo.rect, story.rect), `${a.id} overlaps ${b.id}`);
    }
  }
});

test('no holes: frames, the rule lines between stories and the masthead cover the whole 版心 (cjk §2)', () => {
  const { L } = corpusLayout();
  const page = L.issue.pages[0];
  const t = ctx.templates.get(page.templateId)!;
  const mh = t.spec.furniture.masthead!.rect;
  const covered = Array.from({ length: t.lines }, () => new Array<boolean>(t.columns).fill(false));
  const cover = (r: { column: number; span: number; line: number; lines: number }) => {
    for (let l = r.line; l < Math.min(t.lines, r.line + r.lines); l++) for (let c = r.column; c < r.column + r.span; c++) covered[l][c] = true;
  };
  cover({ ...mh, lines: mh.lines + 1 }); // the masthead and the line under it
  for (const f of page.frames) {
    cover(f.rect);
    if (f.type === 'story' && f.ruleBelow) cover({ ...f.rect, line: f.rect.line + f.rect.lines, lines: 1 });
  }
  const empty: string[] = [];
  covered.forEach((row, l) => row.forEach((c, col) => c || empty.push(`col ${col + 1} line ${l + 1}`)));
  assert.deepEqual(empty, []);
});

test('the lead (头条) is top left under the masthead with the largest headline; banners stand above their stories; the photo story has its photo frame', () => {
  const { r, L } = corpusLayout();
  const page = L.issue.pages[0];
  const t = ctx.templates.get(page.templateId)!;
  const stories = page.frames.filter((f): f is StoryFrame => f.type === 'story');
  const lead = stories.find((f) => f.storyId === r.stories[0].id)!;
  assert.equal(lead.rect.column, 0);
  assert.equal(lead.rect.line, Math.min(...stories.filter((f) => f.rect.column === 0).map((f) => f.rect.line)));
  const size = (f: StoryFrame) => f.headlineSize ?? t.style('headline').size;
  for (const f of stories) if (f !== lead) assert.ok(size(f) < size(lead), `${f.storyId} headline ${size(f)} pt < lead ${size(lead)} pt`);
  for (const s of r.stories.filter((x) => x.banner)) {
    const banner = page.frames.find((f) => f.type === 'banner' && f.text === s.banner)!;
    const frame = stories.find((f) => f.storyId === s.id)!;
    assert.ok(banner, `banner ${s.banner}`);
    assert.deepEqual([banner.rect.column, banner.rect.span, banner.rect.line + banner.rect.lines], [frame.rect.column, frame.rect.span, frame.rect.line], `${s.banner} directly above its story`);
  }
  const photoStory = r.stories.find((s) => s.photoStory)!;
  const photo = page.frames.find((f) => f.type === 'photo' && f.storyId === photoStory.id);
  assert.ok(photo && photo.type === 'photo' && photo.figure === 0 && photo.assetId === null);
  // A long story across the page's foot (通栏), the column groups standing on it.
  assert.ok(stories.some((f) => f.rect.column === 0 && f.rect.span === t.columns && f.rect.line + f.rect.lines === t.lines), 'a full-width story at the foot');
  // Rules between neighbouring stories.
  assert.ok(stories.filter((f) => f.ruleBelow).length >= r.stories.length - 3);
  assert.ok(stories.some((f) => f.ruleRight));
});

const NO_START = new Set([...'、，。．：；！？”’）》」』】〕〗〉']);
const NO_END = new Set([...'“‘（《「『【〔〖〈']);

test('laid-out lines: body on the baseline grid, no line starting or ending with a prohibited mark (cjk §1.1, §2.1)', () => {
  const { L } = corpusLayout();
  const t: Template = ctx.templates.get(L.issue.pages[0].templateId)!;
  for (const s of Object.values(L.composed.stories)) {
    for (const line of s.lines) {
      const chars = line.runs.flatMap((r) => r.chars).filter((c) => c.trim());
      if (!chars.length) continue;
      assert.ok(!NO_START.has(chars[0]), `${s.storyId}: line starts with ${chars[0]}: ${chars.join('')}`);
      assert.ok(!NO_END.has(chars[chars.length - 1]), `${s.storyId}: line ends with ${chars[chars.length - 1]}`);
      if (line.style === 'body') {
        const n = (line.baseline - t.baseline(0)) / t.pitch;
        assert.ok(Math.abs(n - Math.round(n)) < 1e-6, `${s.storyId}: body baseline ${line.baseline} off the grid`);
      }
    }
  }
});

test('copy beyond a page continues on the next page through threaded frames; with one page allowed, the rest is reported', () => {
  const text = readCorpus();
  // Two days of copy: the corpus twice (the second import's ids after the first's).
  const a = importText('a.txt', text);
  const b = importText('b.txt', text, { existingIds: a.stories.map((s) => s.id) });
  const r: ImportResult = { stories: [...a.stories, ...b.stories], report: a.report };
  const L = layoutStories(issueOf(r), r.stories.map((s) => s.id), ctx, { banners: bannersOf(r), maxPages: 4 });
  assert.ok(L.issue.pages.length >= 2, `${L.issue.pages.length} pages`);
  assert.equal(L.issue.pages[1].templateId, 'broadsheet-8col-inside');
  assert.deepEqual(L.unplaced, []);
  for (const id of L.placed) assert.notEqual(L.composed.stories[id].fit.state, 'overset', id);
  const threaded = L.issue.pages.flatMap((p) => p.frames).filter((f) => f.type === 'story' && f.next);
  assert.ok(threaded.length >= 1, 'at least one story jumps to the next page');
  assert.ok(L.notes.some((n) => n.kind === 'continued'));
  for (const f of threaded) {
    const target = L.issue.pages.findIndex((p) => p.frames.some((g) => g.id === (f as StoryFrame).next));
    assert.ok(target > L.issue.pages.findIndex((p) => p.frames.includes(f)), `${f.id} continues on a later page`);
  }
  const one = layoutStories(issueOf(r), r.stories.map((s) => s.id), ctx, { banners: bannersOf(r), maxPages: 1 });
  assert.equal(one.issue.pages.length, 1);
  assert.ok(one.unplaced.length > 0);
  assert.equal(one.placed.length + one.unplaced.length, r.stories.length, 'every story placed or reported');
  assert.ok(one.notes.some((n) => n.kind === 'unplaced' && /did not fit on 1 page/.test(n.message)));
});

test('the corpus on the tabloid template (四开 6 columns) lays out too, every story placed or reported, none overset', () => {
  const r = importText('corpus.txt', readCorpus());
  const L = layoutStories(issueOf(r), r.stories.map((s) => s.id), ctx, { banners: bannersOf(r), templateId: 'tabloid-6col' });
  assert.equal(L.placed.length + L.unplaced.length, r.stories.length);
  for (const id of L.placed) assert.notEqual(L.composed.stories[id].fit.state, 'overset', id);
  assert.equal(L.issue.pages[0].templateId, 'tabloid-6col');
});

test('a story longer than a page runs on through threaded frames to the next pages, none of it overset', () => {
  const text = readCorpus();
  const body = text.split('\n').filter((l) => l.length > 60).join('\n\n').repeat(3);
  const r = importText('long.txt', `长篇报道的标题 副题在这里\n\n■ 记者 张三\n\n${body}`);
  assert.equal(r.stories.length, 1);
  const L = layoutStories(issueOf(r), [r.stories[0].id], ctx, { maxPages: 4 });
  assert.ok(L.issue.pages.length >= 2);
  assert.equal(L.composed.stories[r.stories[0].id].fit.state !== 'overset', true);
  const frames = L.issue.pages.flatMap((p) => p.frames).filter((f): f is StoryFrame => f.type === 'story');
  assert.equal(frames.filter((f) => f.next).length, frames.length - 1, 'one thread through every frame');
});

test('a single short item is placed and the empty rest of the page is reported, not hidden', () => {
  const r = importText('n.txt', '简讯标题\n\n■ 记者 张三\n\n一段很短的简讯。\n');
  const L = layoutStories(issueOf(r), [r.stories[0].id], ctx);
  assert.deepEqual(L.placed, [r.stories[0].id]);
  assert.ok(L.notes.some((n) => n.kind === 'hole'));
});

test('stories already on a page are left where they are ("Lay out unplaced stories" only adds pages for the others)', () => {
  const { r, L } = corpusLayout();
  const again = layoutStories(L.issue, r.stories.map((s) => s.id), ctx);
  assert.equal(again.issue.pages.length, L.issue.pages.length, 'no page added');
  assert.deepEqual(again.placed, []);
  assert.equal(again.notes.filter((n) => n.kind === 'unplaced' && /already on page 1/.test(n.message)).length, r.stories.length);
  assert.deepEqual(unplacedStories(L.issue), []);
});

test('banners travel with their stories: "Lay out unplaced stories" later still sets each banner above its story', () => {
  const r = importText('corpus.txt', readCorpus());
  const issue = issueOf(r);
  assert.equal(issue.stories.filter((s) => s.banner).length, 3, 'the imported stories keep their 栏目');
  const L = layoutStories(issue, unplacedStories(issue), ctx);
  const texts = L.issue.pages.flatMap((p) => p.frames).flatMap((f) => (f.type === 'banner' ? [f.text] : []));
  assert.deepEqual(texts.sort(), r.stories.flatMap((s) => (s.banner ? [s.banner] : [])).sort());
});

test('when the copy opens with a photo story, the first story with a headline is still the lead, top left', () => {
  const r = importText('t.txt', '社区志愿者开展包饺子活动，为独居老人送上门。\n\n图为活动现场。 张三 摄影报道\n\n\n\n老旧小区改造提速\n\n■ 通讯员 岳志欣\n\n' + '道路损坏严重、基础设施薄弱、停车位紧缺，老旧小区改造工程正在加快推进。'.repeat(20) + '\n');
  assert.equal(r.stories[0].photoStory, true);
  const L = layoutStories(issueOf(r), r.stories.map((s) => s.id), ctx);
  const page = L.issue.pages[0];
  const t = ctx.templates.get(page.templateId)!;
  const lead = page.frames.find((f): f is StoryFrame => f.type === 'story' && f.storyId === r.stories[1].id)!;
  assert.equal(lead.rect.column, 0);
  assert.equal(lead.headlineSize, Math.round((t.style('headline').size * 7) / 6));
});
