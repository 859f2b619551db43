import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeIssue } from '../../core/compose/index.js';
import { emptyIssue, type StoryFrame } from '../../core/model/issue.js';
import { validateIssue } from '../../core/model/validate.js';
import { readFileSync } from 'node:fs';
import { builtinTemplates, createTemplateRegistry } from '../../core/templates/index.js';
import { ctx } from '../fixtures/build.js';

// A frame's own headline face (storyFrame.headlineFont): the 主题 is set and measured in it, the
// kicker, deck and body keep their styles' faces; an unknown face is refused on load, naming the frame.

const HEAD = 'Broadsheet 2026 新版面 Wide Type';

function issueWith(frame: Partial<StoryFrame>) {
  return emptyIssue({
    paper: 'p',
    date: '2026-11-23',
    stories: [
      {
        id: 's',
        slug: '',
        status: 'draft',
        doc: {
          type: 'doc',
          content: [
            { type: 'kicker', content: [{ type: 'text', text: '引题 Kicker' }] },
            { type: 'headline', content: [{ type: 'text', text: HEAD }] },
            { type: 'paragraph', content: [{ type: 'text', text: '正文 body text。' }] },
          ],
        },
      },
    ],
    pages: [{ id: 'p1', number: 1, section: '', editor: '', designer: '', templateId: 'broadsheet-8col-inside', frames: [{ type: 'story', id: 'lead', storyId: 's', rect: { column: 0, span: 4, line: 0, lines: 30 }, ...frame }] }],
  });
}

function compose(frame: Partial<StoryFrame>) {
  const c = composeIssue(issueWith(frame), ctx);
  const lines = c.stories.s.lines;
  const glyphRuns = c.pages[0].items.filter((i) => i.kind === 'glyphs' && i.storyId === 's');
  return { lines, head: lines.filter((l) => l.style === 'headline'), glyphRuns };
}

/** Width of a run's glyphs by the face's own advances at the run's size and scale. */
function measured(run: { font: string; size: number; glyphs: number[]; hscale?: number }) {
  const face = ctx.fonts.face(run.font);
  return run.glyphs.reduce((w, g) => w + (face.advance(g) / face.unitsPerEm) * run.size * (run.hscale ?? 1), 0);
}
const inkWidth = (run: { xs: number[]; advances: number[] }) => run.xs[run.xs.length - 1] + run.advances[run.advances.length - 1] - run.xs[0];

/** The inside template with its headline style set in `font`: what the frame's face must equal. */
function templateSetIn(font: string) {
  const data = JSON.parse(readFileSync(new URL('../../templates/broadsheet-8col-inside.json', import.meta.url), 'utf8'));
  data.styles.headline.font = font;
  return { ...ctx, templates: createTemplateRegistry([{ file: 'broadsheet-8col-inside.json', data }]) };
}

test('the headline is set in the frame\'s face; kicker and body keep their styles\' faces', () => {
  const t = builtinTemplates().get('broadsheet-8col-inside')!;
  const base = compose({});
  assert.equal(t.spec.styles.headline.font, 'sans-bold');
  assert.deepEqual([...new Set(base.head.flatMap((l) => l.runs.map((r) => r.font)))], ['sans-bold']);
  const serif = compose({ headlineFont: 'serif-black' });
  assert.deepEqual([...new Set(serif.head.flatMap((l) => l.runs.map((r) => r.font)))], ['serif-black']);
  for (const style of ['kicker', 'body']) {
    const fontsOf = (ls: typeof base.lines) => ls.filter((l) => l.style === style).flatMap((l) => l.runs.map((r) => r.font));
    assert.deepEqual(fontsOf(serif.lines), fontsOf(base.lines), style);
    assert.ok(fontsOf(serif.lines).every((f) => f === t.spec.styles[style].font));
  }
  // What is painted (screen and PDF draw the display list): the headline's glyphs in that face, its glyph ids.
  const painted = serif.glyphRuns.filter((r) => r.kind === 'glyphs' && r.size === t.spec.styles.headline.size);
  assert.ok(painted.length > 0);
  assert.ok(painted.every((r) => r.kind === 'glyphs' && r.font === 'serif-black'));
  const ids = (runs: typeof base.head) => runs.flatMap((l) => l.runs.flatMap((r) => r.glyphs)).join(',');
  assert.notEqual(ids(serif.head), ids(base.head));
});

test('the headline\'s lines are measured in the frame\'s face: the same as a template whose headline style is that face', () => {
  const base = compose({});
  for (const font of ['serif-black', 'sans', 'serif-medium']) {
    const over = compose({ headlineFont: font });
    const ref = composeIssue(issueWith({}), templateSetIn(font)).stories.s.lines.filter((l) => l.style === 'headline');
    assert.deepEqual(over.head, ref, font);
  }
  // And they are not the template face's: Latin advances differ between 黑 and 宋, bold and regular.
  const serif = compose({ headlineFont: 'serif-black' });
  const light = compose({ headlineFont: 'sans' });
  const total = (c: typeof base) => c.head.reduce((w, l) => w + l.runs.reduce((s, r) => s + measured(r), 0), 0);
  const laid = (c: typeof base) => c.head.reduce((w, l) => w + l.runs.reduce((s, r) => s + inkWidth(r), 0), 0);
  assert.ok(Math.abs(total(serif) - total(base)) > 2, `serif ${total(serif)} vs sans ${total(base)}`);
  assert.ok(Math.abs(total(light) - total(base)) > 0.5, `regular ${total(light)} vs bold ${total(base)}`);
  assert.ok(Math.abs(laid(serif) - laid(base)) > 2, `laid out: serif ${laid(serif)} vs sans ${laid(base)}`);
  // The same face as the style's: the same lines as no override.
  assert.deepEqual(compose({ headlineFont: 'sans-bold' }).head, base.head);
});

test('with a headline size too: the face and the size both apply', () => {
  const c = compose({ headlineFont: 'serif-bold', headlineSize: 30 });
  assert.ok(c.head.length > 0);
  for (const l of c.head) for (const r of l.runs) assert.deepEqual([r.font, r.size], ['serif-bold', 30]);
});

test('an unknown headline face is refused on load, naming the page and frame; a known one is valid', () => {
  const keys = ['serif', 'serif-black', 'sans', 'sans-bold'];
  const bad = validateIssue(issueWith({ headlineFont: 'comic-sans' }), { knownFontKeys: keys });
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0].path, 'pages[0].frames[0].headlineFont');
  assert.equal(bad.problems[0].where, 'page 1, frame "lead"');
  assert.match(bad.problems[0].message, /unknown headline face "comic-sans" \(the bundled faces: serif, serif-black, sans, sans-bold\)/);
  assert.equal(validateIssue(issueWith({ headlineFont: 'serif-black' }), { knownFontKeys: keys }).ok, true);
  // The shape: a face is a non-empty key.
  const empty = validateIssue(issueWith({ headlineFont: '' }));
  assert.equal(empty.ok, false);
  if (!empty.ok) assert.equal(empty.problems[0].path, 'pages[0].frames[0].headlineFont');
});
