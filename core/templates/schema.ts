import { z } from 'zod';
import { gridRect } from '../model/issue.js';

/**
 * Page templates (templates/*.json): page size, 版心, grid, paragraph styles, furniture and
 * named slots, after cjk-typesetting.md §1.9, §1.10 and §2. Page and 版心 sizes are in mm (as
 * the plant and the textbooks give them); type sizes and rule weights in pt.
 */

const cmyk = z.object({
  c: z.number().min(0).max(100),
  m: z.number().min(0).max(100),
  y: z.number().min(0).max(100),
  k: z.number().min(0).max(100),
});

const positive = z.number().positive();

/**
 * Punctuation widths (cjk-typesetting.md §1.4): 全角式 'full' (every mark a full position,
 * compressed only where marks meet, at a line end or to fit a line), 开明式 'kaiming' (sentence-end
 * 。？！ full, the other marks half), 'half' (every mark half).
 */
export const punctuationStyle = z.enum(['full', 'kaiming', 'half']);

/** A paragraph style: typesetter settings plus size, face and spacing on the page grid. */
export const paragraphStyleSpec = z.object({
  /** Newsroom name shown in the UI, e.g. 主题. */
  label: z.string().min(1),
  /** Font key of assets/fonts.json. */
  font: z.string().min(1),
  /** Size in pt. */
  size: positive.max(400),
  /** The 号 label of the size, shown next to the pt value (cjk-typesetting.md §1.10). */
  hao: z.string().optional(),
  /** Line pitch inside a multi-line paragraph of this style, pt; defaults to size × 1.2 (body: the grid pitch). */
  leading: positive.optional(),
  align: z.enum(['justify', 'left', 'center', 'right', 'distribute']).default('justify'),
  lastLineAlign: z.enum(['left', 'center', 'right', 'justify']).optional(),
  /** First-line indent in em. */
  indent: z.number().min(0).max(10).default(0),
  kinsoku: z.enum(['none', 'basic', 'gb', 'strict']).default('gb'),
  /** This style's punctuation widths, when not the template's (see templateSpec.punctuation). */
  punctuation: punctuationStyle.optional(),
  minLastLineChars: z.number().int().min(1).max(10).default(2),
  hanLatinSpacing: z.number().min(0).max(0.25).default(0.25),
  /** Even lines turned at word boundaries, never a runt of two or three characters (headlines, subheads). */
  balance: z.boolean().optional(),
  /** Horizontal scale (长/扁 type), 1 = normal. */
  hscale: z.number().min(0.5).max(2).optional(),
  tracking: z.number().min(-0.5).max(2).optional(),
  /** Smallest size a headline may shrink to (pt) to keep within the frame's line limit. */
  minSize: positive.optional(),
  /** Space before / after in pt (added before rounding a block up to whole body lines). */
  spaceBefore: z.number().min(0).default(0),
  spaceAfter: z.number().min(0).default(0),
  color: cmyk.optional(),
});
export type ParagraphStyleSpec = z.infer<typeof paragraphStyleSpec>;

/** The styles every template must define (names used by the story schema and the composer). */
export const REQUIRED_STYLES = ['body', 'kicker', 'headline', 'deck', 'byline', 'subhead', 'caption', 'credit', 'banner', 'jump'] as const;

const rule = z.object({ weight: positive.max(12), /** Distance from the 版心 edge, pt. */ offset: z.number().min(0).max(200) });

/** 报头: paper name, then issue lines, in a grid rectangle of the 版心 (front pages). */
const masthead = z.object({
  rect: gridRect,
  titleStyle: z.string().min(1),
  infoStyle: z.string().min(1),
  tint: cmyk.optional(),
  /** Colour of the paper name (spot red on many papers, as CMYK). */
  titleColor: cmyk.optional(),
});

/** 报眉: above the 天线, paper name at the outer edge, date and 版次 opposite, 版名 centred. */
const runningHead = z.object({
  style: z.string().min(1),
  sectionStyle: z.string().min(1),
  /** Baseline distance above the 版心 top, pt. */
  baselineAbove: positive.max(200),
});

/** A line under the 地线: 责任编辑 / 美编 credits. */
const footLine = z.object({ style: z.string().min(1), baselineBelow: positive.max(200) });

export const slotSpec = z.object({
  name: z.string().min(1),
  kind: z.enum(['article', 'photo', 'caption', 'banner']),
  rect: gridRect,
});
export type SlotSpec = z.infer<typeof slotSpec>;

export const templateSpec = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['front', 'inside']),
  page: z.object({ widthMm: positive.max(2000), heightMm: positive.max(2000) }),
  /** 版心 on the page. */
  textArea: z.object({ leftMm: z.number().min(0), topMm: z.number().min(0), widthMm: positive, heightMm: positive }),
  grid: z.object({
    columns: z.number().int().min(1).max(40),
    charsPerColumn: z.number().int().min(1).max(200),
    gutterChars: z.number().min(0).max(10),
    /** Body size in pt (小五 = 9). */
    bodySize: positive.max(72),
    /** Baseline pitch in pt (body size × leading, 9 × 1.25 = 11.25). */
    pitch: positive.max(144),
  }),
  /** The paper's punctuation style, for every paragraph style that does not set its own. */
  punctuation: punctuationStyle.default('kaiming'),
  /** How far copyfit (自动调整) may change a story's body tracking, in em (default −0.08 to +0.05). */
  copyfit: z.object({ trackingMin: z.number().min(-0.2).max(0), trackingMax: z.number().min(0).max(0.2) }).strict().optional(),
  styles: z.record(z.string(), paragraphStyleSpec),
  furniture: z.object({
    masthead: masthead.optional(),
    runningHead: runningHead.optional(),
    topRule: rule.optional(),
    bottomRule: rule.optional(),
    footLine: footLine.optional(),
  }),
  slots: z.array(slotSpec).default([]),
});
export type TemplateSpec = z.infer<typeof templateSpec>;
