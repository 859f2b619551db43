// The screen painter (renderer/paint): a display page as SVG in which the browser places no
// character itself — every character gets the composer's x (design.md "one composer, two
// painters"); colours are the display list's CMYK converted for the screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BLACK, type DisplayPage, type GlyphRunItem } from '../../core/display/types.js';
import { cmykToCss, cmykToRgb, PageSvg, svgTextRun } from '../../renderer/paint/index.js';

const run = (over: Partial<GlyphRunItem>): GlyphRunItem => ({ kind: 'glyphs', font: 'serif', size: 9, y: 100, glyphs: [], xs: [], chars: [], fill: BLACK, ...over });

describe('glyph runs as positioned SVG text', () => {
  test('one x per character, at the composer\'s x', () => {
    const r = svgTextRun(run({ glyphs: [10, 11, 12], xs: [20, 29, 38.5], chars: ['云', '杉', '。'] }));
    assert.equal(r.text, '云杉。');
    assert.deepEqual(r.xs, [20, 29, 38.5]);
  });

  test('a ligature glyph spreads its characters over its advance; an astral character is one position', () => {
    const r = svgTextRun(run({ glyphs: [1, 2, 3], xs: [0, 10, 14], chars: ['fi', 'x', '𠀀'] }));
    assert.equal(r.text, 'fix𠀀');
    assert.deepEqual(r.xs, [0, 5, 10, 14]);
  });

  test('a glyph with no characters continues the previous one; at a run\'s end it is the break hyphen', () => {
    const mid = svgTextRun(run({ glyphs: [1, 2, 3], xs: [0, 4, 8], chars: ['a', '', 'b'] }));
    assert.equal(mid.text, 'ab');
    assert.deepEqual(mid.xs, [0, 8]);
    const end = svgTextRun(run({ glyphs: [1, 2, 3], xs: [0, 5, 10], chars: ['s', 't', ''] }));
    assert.equal(end.text, 'st-');
    assert.deepEqual(end.xs, [0, 5, 10]);
  });

  test('horizontally scaled type (长/扁): positions are divided by the scale the text element applies', () => {
    const r = svgTextRun(run({ glyphs: [1, 2], xs: [90, 122.4], chars: ['民', '生'], hscale: 0.9 }));
    assert.deepEqual(r.xs.map((x) => +x.toFixed(6)), [100, 136]);
  });
});

describe('CMYK on screen', () => {
  test('100 % K is black, paper is white, process red is red', () => {
    assert.deepEqual(cmykToRgb(BLACK), [0, 0, 0]);
    assert.deepEqual(cmykToRgb({ c: 0, m: 0, y: 0, k: 0 }), [255, 255, 255]);
    assert.deepEqual(cmykToRgb({ c: 0, m: 100, y: 100, k: 0 }), [255, 0, 0]);
    assert.equal(cmykToCss({ c: 0, m: 0, y: 0, k: 50 }), 'rgb(128 128 128)');
  });
});

describe('a display page as SVG', () => {
  const page: DisplayPage = {
    number: 3,
    width: 779.5,
    height: 1105.5,
    items: [
      run({ font: 'sans-bold', size: 36, y: 80, glyphs: [1, 2], xs: [100, 136], chars: ['主', '题'], storyId: 's1' }),
      run({ y: 120, glyphs: [3], xs: [100], chars: ['<'], storyId: 's2' }),
      { kind: 'rule', x1: 70, y1: 60, x2: 700, y2: 60, width: 0.75, color: BLACK },
      { kind: 'box', x: 10, y: 10, w: 50, h: 20, fill: { c: 5, m: 0, y: 10, k: 0 } },
      { kind: 'image', assetId: 'photo 1', x: 300, y: 300, w: 200, h: 150, ix: 290, iy: 300, iw: 220, ih: 165 },
    ],
  };
  const fonts = { serif: { family: 'Noto Serif SC', weight: 400 }, 'sans-bold': { family: 'Noto Sans SC', weight: 700 } };
  const svg = (extra: Record<string, unknown> = {}) =>
    renderToStaticMarkup(createElement(PageSvg, { page, scale: 0.5, fonts, assetUrl: (id: string) => `issue-assets/${encodeURIComponent(id)}`, label: '第3版', ...extra }));

  test('page size in points on a viewBox, pixel size by the zoom, labelled for assistive technology', () => {
    const s = svg();
    assert.match(s, /viewBox="0 0 779.5 1105.5"/);
    assert.match(s, /width="390" height="553"/);
    assert.match(s, /role="img" aria-label="第3版"/);
  });

  test('text carries its face (family and weight of the font key), size and positions; text is escaped', () => {
    const s = svg();
    assert.match(s, /<text x="100 136" y="80" font-family="&quot;Noto Sans SC&quot;" font-weight="700" font-size="36"[^>]*>主题<\/text>/);
    assert.match(s, />&lt;<\/text>/);
  });

  test('rules, tint boxes and photos clipped to their frame, the photo from the host\'s issue-assets URL', () => {
    const s = svg();
    assert.match(s, /<line x1="70" y1="60" x2="700" y2="60" stroke="rgb\(0 0 0\)" stroke-width="0.75"/);
    assert.match(s, /<rect x="10" y="10" width="50" height="20" fill="rgb\(242 255 230\)"/);
    // The clip's id is unique per page instance (several pages share a document).
    const id = /<clipPath id="([\w-]*clip-4)"><rect x="300" y="300" width="200" height="150"/.exec(s)?.[1];
    assert.ok(id, 'clip path of the photo frame');
    assert.match(s, new RegExp(`<image clip-path="url\\(#${id}\\)" href="issue-assets/photo%201" x="290" y="300" width="220" height="165"`));
  });

  test('the story being edited is left out (the editor draws it in place)', () => {
    const s = svg({ hideStoryId: 's1' });
    assert.doesNotMatch(s, /主题/);
    assert.match(s, /&lt;/);
  });
});
