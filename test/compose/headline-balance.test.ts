import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GlyphRunItem } from '../../core/display/types.js';
import { compose, oneStoryIssue, templates } from '../fixtures/build.js';

// Headlines on composed pages carry no runts (issue 21 item 4): the bundled templates balance
// 引题, 主题, 副题 and subheads. Each headline is set over two to four columns; its lines are
// read back from the page's glyph runs (by baseline).

const HEADLINES = ['市民夜间出行更方便公交线路延长到晚九点', '老旧小区改造方案由居民来定', '把群众的冷暖安危时刻放在心上', '小区加装电梯“最后一公里”如何打通'];

for (const templateId of ['broadsheet-8col-inside', 'tabloid-6col-inside']) {
  test(`${templateId}: multi-line headlines are balanced on the page, never a 2–3 character last line`, () => {
    const size = templates.get(templateId)!.spec.styles.headline.size;
    let multi = 0;
    for (const h of HEADLINES) {
      for (const span of [2, 3, 4]) {
        const issue = oneStoryIssue('正文内容。'.repeat(20), { headline: h, lines: 60 });
        issue.pages[0].templateId = templateId;
        const frame = issue.pages[0].frames[0];
        if (frame.type === 'story') frame.rect = { column: 0, span, line: 0, lines: 60 };
        const page = compose(issue).pages[0];
        const rows = new Map<number, string>();
        for (const item of page.items) {
          if (item.kind !== 'glyphs' || (item as GlyphRunItem).size !== size) continue;
          const run = item as GlyphRunItem;
          rows.set(Math.round(run.y), (rows.get(Math.round(run.y)) ?? '') + run.chars.join(''));
        }
        const lines = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t.replace(/[“”\s]/g, ''));
        assert.equal(lines.join(''), h.replace(/[“”\s]/g, ''), `${h} over ${span} columns: ${lines.join(' / ')}`);
        if (lines.length < 2) continue;
        multi++;
        const counts = lines.map((l) => l.length);
        assert.ok(Math.min(...counts) >= Math.max(...counts) / 2 && counts.at(-1)! > 3, `${h} over ${span} columns: ${lines.join(' / ')}`);
      }
    }
    assert.ok(multi >= 4, `${multi} multi-line headlines`);
  });
}
