import type { ComposedIssue, StoryLayout } from '../../core/compose/types.js';
import type { DisplayItem } from '../../core/display/types.js';
import type { Issue, Page, Story } from '../../core/model/issue.js';
import { builtinTemplates } from '../../core/templates/index.js';

// An issue on the built-in inside template (对开 8 columns) for the workspace state tests.

export const INSIDE = 'broadsheet-8col-inside';
export const FRONT = 'broadsheet-8col';

export function story(id: string, headline: string, ...paras: string[]): Story {
  return {
    id,
    slug: id,
    status: 'draft',
    doc: {
      type: 'doc',
      content: [{ type: 'headline', content: [{ type: 'text', text: headline }] }, ...paras.map((t) => ({ type: 'paragraph', content: t ? [{ type: 'text', text: t }] : [] }))],
    },
  };
}

export function page(id: string, number: number, frames: Page['frames'] = [], templateId = INSIDE): Page {
  return { id, number, section: '', editor: '', designer: '', templateId, frames };
}

/**
 * Page 1: story a in two threaded frames (fa1 → fa2) with a → page 2 (fa3), story b in fb1,
 * a photo frame; page 2: fa3 and story c in fc1; page 3: empty. Story d is unplaced.
 */
export function sampleIssue(): Issue {
  return {
    format: 'broadsheet-issue',
    version: 1,
    paper: '测试日报',
    issueNumber: '',
    totalNumber: '',
    date: '2026-11-23',
    edition: '',
    serial: '',
    publisher: '',
    pages: [
      page('p1', 1, [
        { id: 'fa1', type: 'story', storyId: 'a', rect: { column: 0, span: 3, line: 0, lines: 20 }, next: 'fa2' },
        { id: 'fa2', type: 'story', storyId: 'a', rect: { column: 3, span: 2, line: 0, lines: 20 }, next: 'fa3' },
        { id: 'fb1', type: 'story', storyId: 'b', rect: { column: 0, span: 4, line: 30, lines: 30 } },
        { id: 'ph1', type: 'photo', assetId: null, rect: { column: 5, span: 3, line: 0, lines: 20 }, fit: 'fill', caption: 'below' },
      ]),
      page('p2', 2, [
        { id: 'fa3', type: 'story', storyId: 'a', rect: { column: 0, span: 2, line: 0, lines: 40 } },
        { id: 'fc1', type: 'story', storyId: 'c', rect: { column: 2, span: 4, line: 0, lines: 40 } },
      ]),
      page('p3', 3),
    ],
    stories: [story('a', '头条', '正文一。', '正文二。'), story('b', '二条', '正文。'), story('c', '三条', '正文。'), story('d', '未上版', '稿件。')],
    assets: [],
  };
}

/** Ids p-1, f-2 … in call order. */
export function counterIds(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}-${++n}`;
}

export const templates = builtinTemplates();

/**
 * A deterministic composer for the state tests (the real one is core/compose): one box per
 * frame, one line per story frame carrying the frame's page, and an overset diagnostic for a
 * story longer than its frames' lines at 13 characters a line. Records the pages it composed.
 */
export function recordingComposer() {
  const calls: string[][] = [];
  const compose = (issue: Issue): ComposedIssue => {
    calls.push(issue.pages.map((p) => p.id));
    const stories: Record<string, StoryLayout> = {};
    const diagnostics: ComposedIssue['diagnostics'] = [];
    const pages = issue.pages.map((p, pageIndex) => {
      const t = templates.get(p.templateId)!;
      const items: DisplayItem[] = p.frames.map((f) => ({ kind: 'box', ...t.box(f.rect) }));
      for (const f of p.frames) {
        if (f.type !== 'story') continue;
        const layout = (stories[f.storyId] ??= { storyId: f.storyId, lines: [], overset: { lines: 0, chars: 0 }, fit: { state: 'fits', lines: 0, chars: 0 } });
        const b = t.box(f.rect);
        layout.lines.push({ frameId: f.id, pageIndex, column: 0, blockPos: 0, from: 0, to: 0, x: b.x, baseline: b.y + 8, width: b.w, ascent: 8, descent: 1, style: 'body', runs: [] });
      }
      return { number: p.number, width: t.pageWidth, height: t.pageHeight, items };
    });
    for (const [id, layout] of Object.entries(stories)) {
      const s = issue.stories.find((x) => x.id === id)!;
      const chars = JSON.stringify(s.doc).length;
      const capacity = issue.pages.flatMap((p) => p.frames).filter((f) => f.type === 'story' && f.storyId === id).reduce((n, f) => n + f.rect.lines * f.rect.span * 13, 0);
      if (chars > capacity) {
        layout.overset = { lines: Math.ceil((chars - capacity) / 13), chars: chars - capacity };
        layout.fit = { state: 'overset', lines: layout.overset.lines, chars: layout.overset.chars };
        diagnostics.push({ severity: 'error', kind: 'overset', pageIndex: layout.lines[layout.lines.length - 1].pageIndex, storyId: id, message: `overset ${chars - capacity}` });
      }
    }
    return { pages, diagnostics, stories };
  };
  return { compose, calls };
}
