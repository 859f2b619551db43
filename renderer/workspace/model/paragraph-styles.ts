import type { Node as PMNode } from 'prosemirror-model';
import { STORY_BLOCK_STYLES, type StoryBlockName } from '../../../core/model/story-schema.js';
import type { Template } from '../../../core/templates/index.js';
import type { ParagraphStyleSpec } from '../../../core/templates/schema.js';
import { haoLabel } from '../../../core/units.js';

/**
 * The paragraph styles (段落样式) of a template as the inspector and the styles panel show them,
 * and which story blocks use them. A story block's type is its paragraph style: a body paragraph
 * is set in 正文, a subhead in 小标题 (core/model/story-schema.ts's STORY_BLOCK_STYLES). Pure.
 */

/** Block types a paragraph of the story's text can be turned into (captions and credits stay in their figure). */
export const SETTABLE_BLOCKS = ['kicker', 'headline', 'deck', 'byline', 'paragraph', 'subhead'] as const satisfies readonly StoryBlockName[];
export type SettableBlock = (typeof SETTABLE_BLOCKS)[number];

/** The template style a story block is set in (a block without one is set as body, as the composer does). */
export function styleOfBlock(block: string): string {
  return (STORY_BLOCK_STYLES as Record<string, string>)[block] ?? 'body';
}

/** The story block that is set in a style, if any (banner, jump, masthead styles belong to no block). */
export function blockOfStyle(style: string): StoryBlockName | undefined {
  return (Object.keys(STORY_BLOCK_STYLES) as StoryBlockName[]).find((b) => STORY_BLOCK_STYLES[b] === style);
}

/** Line pitch inside a paragraph of the style, pt: its leading, else the grid pitch for body, else 1.2 × size (as the composer). */
export function styleLeading(t: Template, style: string, spec: ParagraphStyleSpec = t.spec.styles[style]): number {
  return spec.leading ?? (style === 'body' ? t.pitch : +(spec.size * 1.2).toFixed(2));
}

/** The 号 of a style's size: from the size itself, else the template's own label. */
export function styleHao(spec: ParagraphStyleSpec): string | undefined {
  return haoLabel(spec.size) ?? spec.hao;
}

/** One row of the styles panel. */
export interface StyleRow {
  /** Style key in the template (body, headline …). */
  style: string;
  /** The story block set in it; absent for the template's other styles (banner, jump …), shown but not applied. */
  block?: StoryBlockName;
  label: string;
  font: string;
  size: number;
  hao?: string;
  leading: number;
  /** Paragraphs of the story set in it (0 without a story). */
  count: number;
}

const BLOCK_ORDER = Object.keys(STORY_BLOCK_STYLES) as StoryBlockName[];

/**
 * The template's paragraph styles: first those of the story's blocks in reading order (引题, 主题,
 * 副题, 署名, 正文, 小标题, 图说, 摄影), then the template's others by key; with how many
 * paragraphs of `doc` use each.
 */
export function paragraphStyleRows(t: Template, doc?: PMNode | null): StyleRow[] {
  const counts = doc ? styleCounts(doc) : {};
  const styles = t.spec.styles;
  const row = (style: string, block?: StoryBlockName): StyleRow => {
    const spec = styles[style];
    const hao = styleHao(spec);
    return { style, ...(block ? { block } : {}), label: spec.label, font: spec.font, size: spec.size, ...(hao ? { hao } : {}), leading: styleLeading(t, style, spec), count: counts[style] ?? 0 };
  };
  const rows: StyleRow[] = [];
  const seen = new Set<string>();
  for (const b of BLOCK_ORDER) {
    const style = STORY_BLOCK_STYLES[b];
    if (!styles[style] || seen.has(style)) continue;
    seen.add(style);
    rows.push(row(style, b));
  }
  for (const style of Object.keys(styles).sort()) if (!seen.has(style)) rows.push(row(style));
  return rows;
}

/** How many textblocks of a story document are set in each style. */
export function styleCounts(doc: PMNode): Record<string, number> {
  const out: Record<string, number> = {};
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    const s = styleOfBlock(node.type.name);
    out[s] = (out[s] ?? 0) + 1;
    return false;
  });
  return out;
}

/** The styles of the textblocks a selection touches (from..to), in document order without repeats. */
export function stylesInRange(doc: PMNode, from: number, to: number): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    const s = styleOfBlock(name);
    if (!out.includes(s)) out.push(s);
  };
  const $from = doc.resolve(from);
  if ($from.parent.isTextblock) add($from.parent.type.name);
  doc.nodesBetween(from, to, (node) => {
    if (!node.isTextblock) return true;
    add(node.type.name);
    return false;
  });
  return out;
}

/** The face names of the bundled fonts: 宋体/黑体 and the weight (and the family unless `short`) in zh; the family and weight in en. */
export function faceLabel(face: { family: string; weight: number }, lang: 'zh-CN' | 'en', short = false): string {
  const serif = /serif/i.test(face.family);
  const sans = !serif && /sans/i.test(face.family);
  const zhWeights: Record<number, string> = { 100: '极细', 200: '特细', 300: '细', 400: '常规', 500: '中', 600: '半粗', 700: '粗', 800: '特粗', 900: '超粗' };
  const enWeights: Record<number, string> = { 100: 'Thin', 200: 'ExtraLight', 300: 'Light', 400: 'Regular', 500: 'Medium', 600: 'SemiBold', 700: 'Bold', 800: 'ExtraBold', 900: 'Black' };
  if (lang === 'en') return `${face.family} ${enWeights[face.weight] ?? face.weight}`;
  const kind = serif ? '宋体' : sans ? '黑体' : face.family;
  const name = `${kind} ${zhWeights[face.weight] ?? face.weight}`;
  return short || kind === face.family ? name : `${name}（${face.family}）`;
}
