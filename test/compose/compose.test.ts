import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeCache, type ComposedIssue, type StoryLine } from '../../core/compose/index.js';
import type { GlyphRunItem } from '../../core/display/types.js';
import type { Issue } from '../../core/model/issue.js';
import { UnknownTemplateError, type Box, type Template } from '../../core/templates/index.js';
import { generateIssue } from '../store/generate-issue.js';
import { bodyParagraphs, bundledSampleIssue, compose, issueOf, newsStoryOfChars, placedChars, storyOfBlocks, storyTextChars, templates } from '../fixtures/build.js';

// Invariants of page composition (cjk-typesetting.md §2): one baseline grid per page, nothing
// outside the 版心 but furniture, no collisions, every character placed or counted as overset,
// and incremental recomposition equal to composing from scratch.

const BODY_STYLES = new Set(['body', 'byline', 'subhead', 'caption', 'credit']);

function onGrid(t: Template, baseline: number): boolean {
  const k = (baseline - t.baseline(0)) / t.pitch;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

function lineBox(l: StoryLine): Box {
  const first = l.runs[0];
  const last = l.runs[l.runs.length - 1];
  const x0 = first ? l.x + (first.boxXs?.[0] ?? first.xs[0]) : l.x;
  const x1 = last ? l.x + last.xs[last.xs.length - 1] + last.advances[last.advances.length - 1] : l.x;
  // The ideographic em box (0.88 above the baseline, 0.12 below) of the line's largest size:
  // the font's own ascent and descent overlap between lines by design.
  const size = Math.max(...l.runs.map((r) => r.size));
  return { x: x0, y: l.baseline - 0.88 * size, w: Math.max(0, x1 - x0), h: size };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.05 && b.x < a.x + a.w - 0.05 && a.y < b.y + b.h - 0.05 && b.y < a.y + a.h - 0.05;

function checkInvariants(issue: Issue, c: ComposedIssue, label: string): void {
  assert.equal(c.pages.length, issue.pages.length, `${label}: one display page per issue page`);
  issue.pages.forEach((page, pi) => {
    const t = templates.get(page.templateId)!;
    const a = t.area;
    // Story text inside the 版心 (furniture is the only thing outside).
    for (const it of c.pages[pi].items) {
      if (it.kind !== 'glyphs' || !it.storyId) continue;
      const g = it as GlyphRunItem;
      assert.ok(g.y >= a.y - 0.01 && g.y <= a.y + a.h + 0.01, `${label} p${page.number}: story ${g.storyId} baseline ${g.y} outside the 版心`);
      // A line-start opening mark's origin sits half an em left of the edge (its empty half trimmed, §1.4).
      for (const x of g.xs) assert.ok(x >= a.x - g.size / 2 - 0.01 && x <= a.x + a.w + 0.01, `${label} p${page.number}: story ${g.storyId} glyph x ${x} outside the 版心`);
    }
    // No two text lines collide; no text line touches an image.
    const lines = Object.values(c.stories).flatMap((s) => s.lines.filter((l) => l.pageIndex === pi && l.runs.length));
    const boxes = lines.map(lineBox);
    const images = c.pages[pi].items.filter((i) => i.kind === 'image') as Box[];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i], boxes[j]), `${label} p${page.number}: lines collide (${lines[i].frameId} "${lines[i].runs[0].chars.join('')}" and ${lines[j].frameId})`);
      for (const im of images) assert.ok(!overlap(boxes[i], im), `${label} p${page.number}: line of ${lines[i].frameId} over an image`);
    }
    // Body text on the page's baseline grid.
    for (const l of lines) if (BODY_STYLES.has(l.style)) assert.ok(onGrid(t, l.baseline), `${label} p${page.number}: ${l.style} line of ${l.frameId} at ${l.baseline} is off the baseline grid`);
  });
  // Every character placed or counted as overset.
  for (const s of issue.stories) {
    const layout = c.stories[s.id];
    if (!layout) continue;
    assert.equal(placedChars(c, s.id) + layout.overset.chars, storyTextChars(s), `${label}: story ${s.id} loses or duplicates text`);
    if (layout.overset.lines) assert.equal(layout.fit.state, 'overset');
  }
}

test('every built-in template loads and its grid fits the 版心 (cjk-typesetting.md §2.1)', () => {
  assert.deepEqual(templates.ids().sort(), ['broadsheet-8col', 'broadsheet-8col-inside', 'tabloid-6col', 'tabloid-6col-inside']);
  for (const id of templates.ids()) {
    const t = templates.get(id)!;
    assert.ok(t.columns * t.columnWidth + (t.columns - 1) * t.gutter <= t.area.w + 0.01, id);
    assert.ok(t.baseline(t.lines - 1) <= t.area.y + t.area.h, id);
  }
  assert.equal(templates.get('broadsheet-8col')!.columns, 8);
  assert.equal(templates.get('tabloid-6col')!.columns, 6);
});

test('the sample issue composes within the invariants', () => {
  const issue = bundledSampleIssue();
  const c = compose(issue);
  checkInvariants(issue, c, 'sample');
  assert.ok(c.pages.every((p) => p.items.some((i) => i.kind === 'image')), 'every sample page shows a photo');
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
});

test('a generated 8-page issue composes within the invariants', () => {
  const issue = generateIssue({ pages: 8, chars: 60_000, templateId: 'broadsheet-8col-inside' });
  const c = compose(issue);
  checkInvariants(issue, c, 'generated');
});

test('the headline block takes a whole number of body lines; the body starts on the grid under it', () => {
  const s = newsStoryOfChars('s1', '城北老旧小区改造全面完工', 600);
  const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 4, line: 0, lines: 40 } }] }], [s]);
  const c = compose(issue);
  const t = templates.get('broadsheet-8col-inside')!;
  const lines = c.stories.s1.lines;
  const head = lines.filter((l) => ['kicker', 'headline', 'deck'].includes(l.style));
  assert.deepEqual([...new Set(head.map((l) => l.style))], ['kicker', 'headline', 'deck']);
  const firstBody = lines.find((l) => l.style === 'byline')!;
  assert.ok(onGrid(t, firstBody.baseline));
  const k = Math.round((firstBody.baseline - t.baseline(0)) / t.pitch);
  const lastHead = head[head.length - 1];
  // The deck's descent stays above the first body line's em box.
  assert.ok(lastHead.baseline + lastHead.descent < t.lineTop(k), 'headline block clear of the body');
  assert.ok(k >= 4, `block of ${k} lines`);
});

test('a headline shrinks within its style limit to keep to the frame line limit; beyond it a warning', () => {
  const long = '全区老旧小区改造工程年内全部完工惠及四千八百余户居民';
  const frame = (max: number) => ({ id: 'f1', type: 'story' as const, storyId: 's1', rect: { column: 0, span: 4, line: 0, lines: 40 }, headlineMaxLines: max });
  const t = templates.get('broadsheet-8col-inside')!;
  const spec = t.style('headline');
  const size = (c: ComposedIssue) => c.stories.s1.lines.find((l) => l.style === 'headline')!.runs[0].size;
  const free = compose(issueOf([{ frames: [{ ...frame(5), headlineMaxLines: undefined }] }], [newsStoryOfChars('s1', long, 300)]));
  const freeLines = free.stories.s1.lines.filter((l) => l.style === 'headline').length;
  assert.ok(freeLines >= 2, 'the long headline takes two lines at full size');
  assert.equal(size(free), spec.size);
  const one = compose(issueOf([{ frames: [frame(1)] }], [newsStoryOfChars('s1', long, 300)]));
  const shrunk = size(one);
  assert.ok(shrunk < spec.size && shrunk >= (spec.minSize ?? 0), `shrunk to ${shrunk}`);
  const fits = one.stories.s1.lines.filter((l) => l.style === 'headline').length === 1;
  const warned = one.diagnostics.some((d) => d.kind === 'headline-too-long');
  assert.ok(fits !== warned, 'either one line or a headline-too-long warning');
});

test('text wraps around a photo (图文互斥): no line under the photo, lines beside it keep whole characters', () => {
  const s = storyOfBlocks('s1', bodyParagraphs(2500));
  const issue = issueOf(
    [{ frames: [
      { id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 4, line: 0, lines: 60 } },
      { id: 'ph', type: 'photo', assetId: 'a1', rect: { column: 1, span: 2, line: 10, lines: 16 }, fit: 'fill', caption: 'below', captionText: '居民在改造后的小区里散步。', credit: '许浩然 摄' },
    ] }],
    [s],
    [{ id: 'a1', path: 'photos/a1.jpg', widthPx: 3000, heightPx: 2000 }],
  );
  const c = compose(issue);
  checkInvariants(issue, c, 'wrap');
  const t = templates.get('broadsheet-8col-inside')!;
  const photo = t.box({ column: 1, span: 2, line: 10, lines: 16 });
  for (const l of c.stories.s1.lines) assert.ok(!overlap(lineBox(l), photo), 'no text over the photo frame');
  const credit = c.pages[0].items.find((i) => i.kind === 'glyphs' && /^许浩然\s*摄$/.test(i.chars.join('')));
  assert.ok(credit, 'credit set under the caption');
});

test('text in a column partly covered by a photo gets a narrower slot beside it, in whole characters', () => {
  const s = storyOfBlocks('s1', bodyParagraphs(3000));
  // A 3-column frame broken into 2 columns (破栏): the photo covers part of the second.
  const issue = issueOf(
    [{ frames: [
      { id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 3, line: 0, lines: 40 }, columns: 2 },
      { id: 'ph', type: 'photo', assetId: null, rect: { column: 2, span: 1, line: 5, lines: 10 }, fit: 'fill', caption: 'none' },
    ] }],
    [s],
  );
  const c = compose(issue);
  checkInvariants(issue, c, '破栏 wrap');
  const t = templates.get('broadsheet-8col-inside')!;
  const narrow = c.stories.s1.lines.filter((l) => l.column === 1 && l.runs.length && lineBox(l).w < l.width - t.em);
  assert.ok(narrow.length >= 8, `lines beside the photo are narrower (${narrow.length})`);
  assert.ok(c.diagnostics.some((d) => d.kind === 'missing-image' && d.frameId === 'ph'), 'the empty photo frame is reported');
});

test('overset text is counted in lines and characters, never dropped', () => {
  const s = storyOfBlocks('s1', bodyParagraphs(3000));
  const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 2, line: 0, lines: 20 } }] }], [s]);
  const c = compose(issue);
  const l = c.stories.s1;
  assert.equal(l.fit.state, 'overset');
  assert.ok(l.overset.lines > 50 && l.overset.chars > 600, JSON.stringify(l.overset));
  assert.equal(placedChars(c, 's1') + l.overset.chars, storyTextChars(s));
  assert.ok(c.diagnostics.some((d) => d.kind === 'overset' && d.severity === 'error' && d.count?.chars === l.overset.chars));
});

test('a short story reports the empty lines it leaves (underset)', () => {
  const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 2, line: 0, lines: 40 } }] }], [storyOfBlocks('s1', bodyParagraphs(300))]);
  const c = compose(issue);
  assert.equal(c.stories.s1.fit.state, 'short');
  const used = c.stories.s1.lines.length;
  assert.equal(c.stories.s1.fit.lines, 80 - used);
});

test('a thread continues to another page with jump lines that follow renumbering (cjk-typesetting.md §2.4)', () => {
  const s = newsStoryOfChars('s1', '城北改造全面完工', 4000);
  const pages = (second: number) => [
    { frames: [{ id: 'a', type: 'story' as const, storyId: 's1', rect: { column: 0, span: 2, line: 0, lines: 40 }, next: 'b' }] },
    { number: second, frames: [{ id: 'b', type: 'story' as const, storyId: 's1', rect: { column: 0, span: 4, line: 0, lines: 60 } }] },
  ];
  const c = compose(issueOf(pages(2), [s]));
  const text = (pi: number) => c.pages[pi].items.filter((i) => i.kind === 'glyphs').map((i) => (i as GlyphRunItem).chars.join('')).join('\n');
  assert.match(text(0), /（下转第2版）/);
  assert.match(text(1), /（上接第1版）/);
  assert.ok(c.stories.s1.lines.some((l) => l.pageIndex === 1), 'text continues on page 2');
  checkInvariants(issueOf(pages(2), [s]), c, 'thread');
  const renumbered = compose(issueOf(pages(5), [s]));
  assert.match(renumbered.pages[0].items.filter((i) => i.kind === 'glyphs').map((i) => (i as GlyphRunItem).chars.join('')).join('\n'), /（下转第5版）/);
});

test('a story that ends before the page change prints no jump lines', () => {
  const s = storyOfBlocks('s1', bodyParagraphs(200));
  const issue = issueOf(
    [
      { frames: [{ id: 'a', type: 'story', storyId: 's1', rect: { column: 0, span: 2, line: 0, lines: 40 }, next: 'b' }] },
      { frames: [{ id: 'b', type: 'story', storyId: 's1', rect: { column: 0, span: 2, line: 0, lines: 40 } }] },
    ],
    [s],
  );
  const c = compose(issue);
  const all = c.pages.flatMap((p) => p.items.filter((i) => i.kind === 'glyphs').map((i) => (i as GlyphRunItem).chars.join('')));
  assert.ok(!all.some((t) => /下转|上接/.test(t)));
});

test('balanced columns differ by at most one line', () => {
  const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 4, line: 0, lines: 60 }, balance: true }] }], [storyOfBlocks('s1', bodyParagraphs(1500))]);
  const c = compose(issue);
  const perColumn = [0, 0, 0, 0];
  for (const l of c.stories.s1.lines) perColumn[l.column]++;
  assert.ok(Math.max(...perColumn) - Math.min(...perColumn) <= 1, perColumn.join(','));
  checkInvariants(issue, c, 'balance');
});

test('a subhead never ends a column when a paragraph follows it', () => {
  for (let lines = 10; lines < 30; lines++) {
    const content = [...bodyParagraphs(120), { type: 'subhead', content: [{ type: 'text', text: '小切口解决大难题' }] }, ...bodyParagraphs(400, 3)];
    const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 3, line: 0, lines } }] }], [storyOfBlocks('s1', content)]);
    const ls = compose(issue).stories.s1.lines;
    const i = ls.findIndex((l) => l.style === 'subhead');
    if (i < 0 || i === ls.length - 1) continue;
    assert.equal(ls[i + 1].column, ls[i].column, `frame of ${lines} lines: subhead alone at the foot of column ${ls[i].column}`);
  }
});

test('an inline figure takes the column width with its caption under it, on the grid', () => {
  const fig = { type: 'figure', content: [{ type: 'photo', attrs: { assetId: 'a1', alt: '' } }, { type: 'caption', content: [{ type: 'text', text: '图为改造后的小区。' }] }, { type: 'credit', content: [{ type: 'text', text: '许浩然 摄' }] }] };
  const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 3, line: 0, lines: 60 } }] }], [storyOfBlocks('s1', [...bodyParagraphs(200), fig, ...bodyParagraphs(600)])], [
    { id: 'a1', path: 'x.jpg', widthPx: 300, heightPx: 225 },
  ]);
  const c = compose(issue);
  checkInvariants(issue, c, 'inline figure');
  const img = c.pages[0].items.find((i) => i.kind === 'image')!;
  const t = templates.get('broadsheet-8col-inside')!;
  assert.ok(Math.abs(img.w - t.columnWidth) < 0.01);
  assert.ok(c.stories.s1.lines.some((l) => l.style === 'caption'), 'caption lines belong to the story (editable in place)');
  assert.ok(c.diagnostics.some((d) => d.kind === 'low-resolution'), '300 px over one 13-character column (117 pt) is 185 ppi, under 200');
});

test('a photo frame shows its story figure: caption lines carry the story document positions', () => {
  const fig = { type: 'figure', content: [{ type: 'photo', attrs: { assetId: 'a1', alt: '' } }, { type: 'caption', content: [{ type: 'text', text: '图为居民在新建的口袋公园里休憩。' }] }] };
  const issue = issueOf(
    [{ frames: [
      { id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 4, line: 0, lines: 50 } },
      { id: 'ph', type: 'photo', assetId: 'a1', storyId: 's1', figure: 0, rect: { column: 0, span: 2, line: 20, lines: 14 }, fit: 'fill', caption: 'below' },
    ] }],
    [storyOfBlocks('s1', [...bodyParagraphs(600), fig, ...bodyParagraphs(300)])],
    [{ id: 'a1', path: 'x.jpg', widthPx: 4000, heightPx: 3000 }],
  );
  const c = compose(issue);
  checkInvariants(issue, c, 'photo frame');
  const cap = c.stories.s1.lines.filter((l) => l.frameId === 'ph');
  assert.ok(cap.length >= 1);
  assert.ok(cap[0].runs[0].pmPos[0] > 0);
  assert.equal(c.pages[0].items.filter((i) => i.kind === 'image').length, 1, 'the figure is not drawn twice');
});

test('incremental recomposition equals composing from scratch and touches only the edited story', () => {
  const issue = generateIssue({ pages: 3, chars: 12_000, templateId: 'broadsheet-8col-inside' });
  const cache = new ComposeCache();
  compose(issue, cache);
  // Type one character into the second story.
  const s = issue.stories[1];
  const doc = structuredClone(s.doc) as unknown as { content: Array<{ type: string; content?: Array<{ text: string }> }> };
  const p = doc.content.find((n) => n.type === 'paragraph')!;
  p.content![0].text = '新' + p.content![0].text;
  const edited: Issue = { ...issue, stories: issue.stories.map((x, i) => (i === 1 ? { ...x, doc: doc as unknown as typeof x.doc } : x)) };
  const inc = compose(edited, cache);
  assert.deepEqual(cache.recomposed, [s.id]);
  const full = compose(edited);
  assert.deepEqual(inc, full);
});

test('after clear() the next composition lays out every story again (the fonts changed behind the same source), and equals composing from scratch', () => {
  const issue = generateIssue({ pages: 2, chars: 6_000, templateId: 'broadsheet-8col-inside' });
  const cache = new ComposeCache();
  compose(issue, cache);
  compose(issue, cache);
  assert.deepEqual(cache.recomposed, [], 'unchanged: nothing recomposed');
  const paragraphs = cache.paragraphs;
  cache.clear();
  const again = compose(issue, cache);
  assert.deepEqual([...cache.recomposed].sort(), issue.stories.map((s) => s.id).filter((id) => again.stories[id]).sort());
  assert.ok(cache.recomposed.length > 0);
  assert.notEqual(cache.paragraphs, paragraphs, 'paragraph layouts are not reused either');
  assert.deepEqual(again, compose(issue));
});

test('unknown stories and frames are reported, not thrown', () => {
  const issue = issueOf(
    [{ templateId: 'broadsheet-8col', frames: [
      { id: 'f1', type: 'story', storyId: 'nope', rect: { column: 0, span: 2, line: 0, lines: 10 } },
      { id: 'f2', type: 'story', storyId: 's1', rect: { column: 2, span: 2, line: 0, lines: 10 }, next: 'ghost' },
      { id: 'f3', type: 'story', storyId: 's1', rect: { column: 6, span: 4, line: 0, lines: 500 } },
    ] }],
    [storyOfBlocks('s1', bodyParagraphs(100))],
  );
  const c = compose(issue);
  const kinds = c.diagnostics.map((d) => d.kind);
  for (const k of ['unknown-story', 'unknown-frame', 'frame-outside'] as const) assert.ok(kinds.includes(k), `${k} in ${kinds.join(',')}`);
});

test('a page on an unknown template is an error naming the template and the page, never composed on another', () => {
  const issue = issueOf([{ templateId: 'broadsheet-8col', frames: [] }, { templateId: 'berliner-5col', frames: [] }], []);
  assert.throws(
    () => compose(issue),
    (err: unknown) => {
      assert.ok(err instanceof UnknownTemplateError);
      assert.equal(err.templateId, 'berliner-5col');
      assert.equal(err.pageNumber, issue.pages[1].number);
      assert.match(err.message, new RegExp(`^page ${issue.pages[1].number} uses template "berliner-5col".*known: .*broadsheet-8col`));
      return true;
    },
  );
});

test('no paragraph ends alone at a column top where an empty line can take the line before it; else a widow warning', () => {
  let fixed = 0;
  for (let chars = 300; chars < 900; chars += 37) {
    const issue = issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 3, line: 0, lines: 30 } }] }], [storyOfBlocks('s1', bodyParagraphs(chars, chars))]);
    const c = compose(issue);
    const ls = c.stories.s1.lines;
    const widows = ls.filter((l, i) => i > 0 && l.style === 'body' && ls[i - 1].column !== l.column && ls[i - 1].blockPos === l.blockPos && (i + 1 === ls.length || ls[i + 1].blockPos !== l.blockPos));
    const warned = c.diagnostics.filter((d) => d.kind === 'widow').length;
    assert.equal(widows.length, warned, `${chars} chars: ${widows.length} widow(s), ${warned} warning(s)`);
    if (c.stories.s1.fit.state === 'short') assert.equal(widows.length, 0, `${chars} chars: a widow left although the story is short`);
    // A moved line leaves a column before the last one a line short.
    const last = ls[ls.length - 1].column;
    const perColumn = [0, 0, 0];
    for (const l of ls) perColumn[l.column]++;
    if (perColumn.slice(0, last).some((n) => n < 30)) fixed++;
    checkInvariants(issue, c, `widow ${chars}`);
  }
  assert.ok(fixed > 0, 'some lengths needed a widow moved');
});

test('emphasis sets 着重号: one dot under each Han character, none under punctuation (GB/T 15834 §4.17)', () => {
  const content = [{ type: 'paragraph', content: [{ type: 'text', text: '群众反映的' }, { type: 'text', text: '急难愁盼，', marks: [{ type: 'emphasis' }] }, { type: 'text', text: '件件有回音。' }] }];
  const c = compose(issueOf([{ frames: [{ id: 'f1', type: 'story', storyId: 's1', rect: { column: 0, span: 2, line: 0, lines: 10 } }] }], [storyOfBlocks('s1', content)]));
  const dots = c.pages[0].items.filter((i) => i.kind === 'glyphs' && i.chars.every((ch) => ch === '•')) as GlyphRunItem[];
  assert.equal(dots.reduce((n, d) => n + d.glyphs.length, 0), 4);
  const line = c.stories.s1.lines[0];
  assert.ok(dots[0].y > line.baseline && dots[0].y < line.baseline + templates.get('broadsheet-8col-inside')!.pitch - 9 * 0.88, 'in the line gap');
});
