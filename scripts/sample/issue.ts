import { ISSUE_FORMAT_VERSION, type Asset, type Issue, type Page, type Story } from '../../core/model/issue.js';
import * as copy from './copy.js';

/**
 * The bundled sample issue (assets/sample/sample.broadsheet): a two-page district weekly on
 * the 四开 6-column templates — a front page with masthead, ear, lead story with photo, and
 * two stories below the fold; an inside page with running head, a 栏目 banner, a photo, a
 * notice with subheads and an English passage. Frames sit on the templates' slots and grid.
 */

const text = (type: string, s: string) => ({ type, content: s ? [{ type: 'text', text: s }] : [] });

/** A story document of core/model/story-schema.ts from its copy. */
export function storyDoc(c: copy.StoryCopy): Story['doc'] {
  const content: unknown[] = [];
  if (c.kicker) content.push(text('kicker', c.kicker));
  if (c.headline) content.push(text('headline', c.headline));
  if (c.deck) content.push(text('deck', c.deck));
  for (const b of c.bylines ?? []) content.push(text('byline', b));
  for (const p of c.body) content.push(p.startsWith('## ') ? text('subhead', p.slice(3)) : text('paragraph', p));
  return { type: 'doc', content };
}

const story = (id: string, slug: string, c: copy.StoryCopy): Story => ({ id, slug, status: 'final', doc: storyDoc(c) });

/** The photos the generator draws (file name, pixel size). */
export const SAMPLE_PHOTOS = [
  { id: 'photo-heping', file: 'photos/heping-li.jpg', width: 1600, height: 1200 },
  { id: 'photo-qingshi', file: 'photos/qingshi-lane.jpg', width: 2000, height: 1125 },
] as const;

/** The sample issue; `assets` carries the photos' hashes and sizes as measured by the generator. */
export function sampleIssue(assets: Asset[]): Issue {
  const front: Page = {
    id: 'p1',
    number: 1,
    label: 'A01',
    section: '要闻',
    editor: '宋雨桐',
    designer: '方一鸣',
    templateId: 'tabloid-6col',
    frames: [
      { id: 'ear', type: 'story', storyId: 's-ear', slot: '报眼', rect: { column: 4, span: 2, line: 0, lines: 10 } },
      { id: 'lead', type: 'story', storyId: 's-lead', slot: '头条', rect: { column: 0, span: 4, line: 11, lines: 38 } },
      { id: 'lead-photo', type: 'photo', assetId: 'photo-heping', slot: '头条图片', rect: { column: 4, span: 2, line: 11, lines: 20 }, fit: 'fill', caption: 'below', captionText: copy.leadPhotoCaption },
      { id: 'library', type: 'story', storyId: 's-library', rect: { column: 4, span: 2, line: 36, lines: 13 } },
      { id: 'fold', type: 'rule', orientation: 'horizontal', weight: 0.75, rect: { column: 0, span: 6, line: 49, lines: 1 } },
      { id: 'heating', type: 'story', storyId: 's-heating', slot: '下栏', rect: { column: 0, span: 3, line: 50, lines: 36 }, ruleRight: true },
      { id: 'canteen', type: 'story', storyId: 's-canteen', rect: { column: 3, span: 3, line: 50, lines: 36 } },
    ],
  };
  const inside: Page = {
    id: 'p2',
    number: 2,
    label: 'A02',
    section: '社区·民生',
    editor: '宋雨桐',
    designer: '方一鸣',
    templateId: 'tabloid-6col-inside',
    frames: [
      { id: 'banner', type: 'banner', text: copy.bannerText, slot: '栏目', rect: { column: 0, span: 2, line: 0, lines: 4 } },
      { id: 'bench', type: 'story', storyId: 's-bench', rect: { column: 0, span: 2, line: 5, lines: 38 }, ruleRight: true },
      { id: 'park-photo', type: 'photo', assetId: 'photo-qingshi', slot: '图片', rect: { column: 2, span: 4, line: 0, lines: 22 }, fit: 'fill', caption: 'below', captionText: copy.parkPhotoCaption },
      { id: 'lane', type: 'story', storyId: 's-lane', rect: { column: 2, span: 4, line: 26, lines: 17 } },
      { id: 'mid-rule', type: 'rule', orientation: 'horizontal', weight: 0.5, rect: { column: 0, span: 6, line: 43, lines: 1 } },
      { id: 'safety', type: 'story', storyId: 's-safety', slot: '下栏', rect: { column: 0, span: 3, line: 44, lines: 42 }, ruleRight: true },
      { id: 'english', type: 'story', storyId: 's-english', rect: { column: 3, span: 3, line: 44, lines: 20 }, ruleBelow: true },
      { id: 'notices', type: 'story', storyId: 's-notices', rect: { column: 3, span: 3, line: 65, lines: 21 }, tint: { c: 5, m: 0, y: 10, k: 0 } },
    ],
  };
  return {
    format: 'broadsheet-issue',
    version: ISSUE_FORMAT_VERSION,
    ...copy.PAPER,
    pages: [front, inside],
    stories: [
      story('s-ear', '1-报眼-社区食堂', copy.ear),
      story('s-lead', '1-头条-民生工程', copy.lead),
      story('s-library', '1-图书馆夜读', copy.library),
      story('s-heating', '1-供暖', copy.heating),
      story('s-canteen', '1-明厨亮灶', copy.canteen),
      story('s-bench', '2-议事长凳', copy.bench),
      story('s-lane', '2-青石巷', copy.lane),
      story('s-safety', '2-寒潮提示', copy.safety),
      story('s-english', '2-English', copy.english),
      story('s-notices', '2-便民信息', copy.notices),
    ],
    assets,
  };
}
