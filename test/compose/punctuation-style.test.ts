import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { composeIssue } from '../../core/compose/index.js';
import type { GlyphRunItem } from '../../core/display/types.js';
import { createTemplateRegistry } from '../../core/templates/index.js';
import { fonts, oneStoryIssue } from '../fixtures/build.js';

// The punctuation style is the template's (issue 21 item 5): 全角式 sets every mid-line mark a
// full position, 开明式 halves all but 。？！; a style may still set its own. Measured on composed pages.

const TEMPLATE = 'tabloid-6col';
const base = () => JSON.parse(readFileSync(new URL(`../../templates/${TEMPLATE}.json`, import.meta.url), 'utf8')) as Record<string, any>;
const BODY = '社区今年新建口袋公园三处，改造老旧小区两个，增设健身器材四十套，居民出门就能锻炼身体，老人孩子都说好。'.repeat(4);

/** The advance of every mark `mark` followed by a Han character inside a line, in em of its run. */
function markWidths(template: Record<string, any>, mark: string, headline = '头条标题') {
  const registry = createTemplateRegistry([{ file: `templates/${TEMPLATE}.json`, data: template }]);
  const issue = oneStoryIssue(BODY, { lines: 40, headline: headline });
  issue.pages[0].templateId = TEMPLATE;
  const composed = composeIssue(issue, { fonts, templates: registry });
  const widths: Record<string, number[]> = {};
  for (const item of composed.pages[0].items) {
    if (item.kind !== 'glyphs') continue;
    const run = item as GlyphRunItem;
    for (let i = 0; i + 1 < run.chars.length; i++) {
      if (run.chars[i] !== mark || !/\p{Script=Han}/u.test(run.chars[i + 1])) continue;
      (widths[run.size] ??= []).push((run.xs[i + 1] - run.xs[i]) / run.size);
    }
  }
  return widths;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

test('开明式 (the bundled templates): a mid-line comma takes half a position, 。 a full one', () => {
  const t = base();
  assert.equal(t.punctuation, 'kaiming');
  const commas = Object.values(markWidths(t, '，')).flat();
  assert.ok(commas.length > 10);
  assert.ok(median(commas) < 0.62, `median ${median(commas)} em`);
  const stops = Object.values(markWidths(t, '。')).flat();
  assert.ok(median(stops) > 0.95, `。 median ${median(stops)} em`);
});

test('全角式 set once in the template: every body comma takes a full position unless a line needs it compressed', () => {
  const t = base();
  t.punctuation = 'full';
  const commas = Object.values(markWidths(t, '，')).flat();
  assert.ok(commas.length > 10);
  assert.ok(median(commas) > 0.95, `median ${median(commas)} em`);
  assert.ok(commas.filter((w) => w > 0.95).length >= commas.length * 0.6, commas.map((w) => w.toFixed(2)).join(' '));
});

test('a style keeps its own punctuation over the template’s', () => {
  const t = base();
  t.punctuation = 'full';
  t.styles.headline.punctuation = 'half';
  t.styles.headline.size = 12; // one line in the one-column frame: the comma stays mid-line
  delete t.styles.headline.minSize;
  const size = t.styles.headline.size;
  const w = markWidths(t, '，', '越是艰险，越向前')[size] ?? [];
  assert.equal(w.length, 1, 'the headline comma');
  assert.ok(w[0] < 0.6, `${w[0]} em`);
});

test('an unknown punctuation style is refused at its field', () => {
  const t = base();
  t.punctuation = 'quarter';
  assert.throws(() => createTemplateRegistry([{ file: 'templates/bad.json', data: t }]), /templates\/bad\.json: punctuation: /);
});
