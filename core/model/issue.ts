import { z } from 'zod';

/**
 * The issue document model (一期): pages, frames, stories and linked assets.
 * These zod schemas validate every file load and every API argument that carries an issue.
 * Lengths on the page are grid units (columns, lines) unless a field says points.
 */

const cmyk = z.object({
  c: z.number().min(0).max(100),
  m: z.number().min(0).max(100),
  y: z.number().min(0).max(100),
  k: z.number().min(0).max(100),
});

/** A rectangle on the page grid: first column (0-based), column span, first line (0-based), height in lines. */
export const gridRect = z.object({
  column: z.number().int().min(0),
  span: z.number().int().min(1),
  line: z.number().int().min(0),
  lines: z.number().int().min(1),
});
export type GridRect = z.infer<typeof gridRect>;

const frameBase = z.object({
  id: z.string().min(1),
  rect: gridRect,
  /** Template slot this frame was dropped into, if any. */
  slot: z.string().optional(),
});

/** A story frame: a story's text flows through its columns; threads continue to `next`. */
export const storyFrame = frameBase.extend({
  type: z.literal('story'),
  storyId: z.string().min(1),
  /** The frame's own column count (破栏); defaults to its grid span. */
  columns: z.number().int().min(1).optional(),
  /** Gutter between the frame's own columns, in body characters; defaults to the template's. */
  gutter: z.number().min(0).optional(),
  /** Next frame in the thread (on this or another page). */
  next: z.string().optional(),
  /** Headline block span in frame columns, 0 or absent = full width. */
  headlineSpan: z.number().int().min(0).optional(),
  /** Maximum headline lines; type shrinks within the style's limits to fit. */
  headlineMaxLines: z.number().int().min(1).optional(),
  /** Headline size in pt for this frame (the page's hierarchy: 头条 largest); default the headline style's size. */
  headlineSize: z.number().min(4).max(400).optional(),
  /** Headline face for this frame, a font key of assets/fonts.json; default the headline style's font. */
  headlineFont: z.string().min(1).max(64).optional(),
  /** Balance the columns' lengths. */
  balance: z.boolean().optional(),
  border: z.object({ width: z.number().min(0), color: cmyk }).optional(),
  tint: cmyk.optional(),
  /** Draw a rule below this frame (between neighbouring stories). */
  ruleBelow: z.boolean().optional(),
  ruleRight: z.boolean().optional(),
});

/** A photo frame, standalone or belonging to a story's figure. */
export const photoFrame = frameBase.extend({
  type: z.literal('photo'),
  assetId: z.string().nullable(),
  /** Story whose figure this photo is (text of that story wraps around it). */
  storyId: z.string().optional(),
  /** Index of the figure in the story. */
  figure: z.number().int().min(0).optional(),
  fit: z.enum(['fit', 'fill']).default('fill'),
  /** Focal point in the image, 0–1 each, kept visible when filling. */
  focus: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).optional(),
  /** Extra zoom over fill, ≥ 1. */
  zoom: z.number().min(1).max(20).optional(),
  /** Caption position relative to the photo. */
  caption: z.enum(['below', 'right', 'left', 'none']).default('below'),
  /** Caption text when the photo has no story figure. */
  captionText: z.string().optional(),
  credit: z.string().optional(),
});

/** A section banner (栏目), e.g. "民心工程向您汇报". */
export const bannerFrame = frameBase.extend({
  type: z.literal('banner'),
  text: z.string(),
  style: z.string().optional(),
});

/** A rule or an empty box (tint panel). */
export const ruleFrame = frameBase.extend({
  type: z.literal('rule'),
  orientation: z.enum(['horizontal', 'vertical']),
  weight: z.number().min(0.1).max(12).default(0.5),
});

export const frame = z.discriminatedUnion('type', [storyFrame, photoFrame, bannerFrame, ruleFrame]);
export type Frame = z.infer<typeof frame>;
export type StoryFrame = z.infer<typeof storyFrame>;
export type PhotoFrame = z.infer<typeof photoFrame>;
export type BannerFrame = z.infer<typeof bannerFrame>;
export type RuleFrame = z.infer<typeof ruleFrame>;

/**
 * A ruler guide (参考线) on a page, dragged from the workspace's rulers: an aid for the editor,
 * never printed. Guides sit on the page grid, as frames do:
 * - `axis: 'y'` — a horizontal guide on a line boundary: `at` lines from the 版心's top (0 … the
 *   template's line count), drawn at the top of line `at`'s em box, or at the 版心's foot for
 *   `at` = the line count. A frame's top on line `at`, or its last line `at − 1`, sits on it.
 * - `axis: 'x'` — a vertical guide across the 版心: `at` body characters from the grid's left
 *   edge, gutters included (a half character allowed, for gutters of 1.5 字). On a column's left
 *   or right edge a frame's edge sits on it; between, it marks a character position.
 * Guides past the grid of the page's template (after a template change) are kept but not shown.
 */
export const rulerGuide = z
  .object({
    axis: z.enum(['x', 'y']),
    at: z.number().min(0).max(2000),
  })
  .superRefine((g, ctx) => {
    if (g.axis === 'y' && !Number.isInteger(g.at)) ctx.addIssue({ code: 'custom', path: ['at'], message: `a horizontal guide sits on a line boundary, a whole number of lines (found ${g.at})` });
    if (g.axis === 'x' && !Number.isInteger(g.at * 2)) ctx.addIssue({ code: 'custom', path: ['at'], message: `a vertical guide sits on a whole or half character (found ${g.at})` });
  });
export type RulerGuide = z.infer<typeof rulerGuide>;

/** A page (版). */
export const page = z.object({
  id: z.string().min(1),
  /** Page number as printed (版次). */
  number: z.number().int().min(1),
  /** Page label for the plant, e.g. A01. */
  label: z.string().optional(),
  section: z.string().default(''),
  editor: z.string().default(''),
  designer: z.string().default(''),
  templateId: z.string().min(1),
  frames: z.array(frame),
  /** Ruler guides (参考线), in the order they were made; absent in older files and on pages with none. */
  guides: z.array(rulerGuide).optional(),
});
export type Page = z.infer<typeof page>;

/** A story: one ProseMirror document of the story schema, plus desk metadata. */
export const story = z.object({
  id: z.string().min(1),
  slug: z.string().default(''),
  /** Section banner (栏目) the story runs under, e.g. "民心工程向您汇报", as the copy gave it; layout sets it above the story. */
  banner: z.string().optional(),
  status: z.enum(['draft', 'edited', 'final']).default('draft'),
  /**
   * Tracking (字距) of the story's body paragraphs, in em added to the style's: negative packs
   * more characters per line. Set by copyfit (自动调整) within the template's limits, or by hand.
   */
  tracking: z.number().min(-0.2).max(0.2).optional(),
  /** ProseMirror JSON; checked against the story schema separately. */
  doc: z.object({ type: z.literal('doc') }).passthrough(),
});
export type Story = z.infer<typeof story>;

/** A linked image, by path relative to the issue file (as InDesign links). */
export const asset = z.object({
  id: z.string().min(1),
  path: z.string().min(1),
  /** sha256 of the file content, hex. */
  hash: z.string().optional(),
  widthPx: z.number().int().min(1).optional(),
  heightPx: z.number().int().min(1).optional(),
  colorSpace: z.enum(['rgb', 'cmyk', 'gray']).optional(),
  /**
   * The user accepted that this photo's real file lies outside the issue's folder (reached through
   * a symbolic link): the real path and the content hash accepted. The acceptance holds only while
   * the link still leads to that path and the file there has that hash; older files lack the field.
   */
  acceptedOutside: z
    .object({
      realPath: z.string().min(1).max(4096),
      hash: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hash, 64 hex digits'),
    })
    .strict()
    .optional(),
});
export type Asset = z.infer<typeof asset>;

/**
 * The printing condition the plant prints to (PDF/X output intent, photo separation). Without
 * it: IFRA26, ISO 12647-3 coldset newsprint, with Broadsheet's bundled profile.
 */
export const printSettings = z
  .object({
    /** OutputConditionIdentifier: IFRA26, or the plant's own name for its condition. */
    condition: z.string().min(1).max(100),
    /** What the condition is, in words (OutputCondition). */
    info: z.string().max(300).optional(),
    /** The plant's CMYK output profile, by path relative to the issue file (as photos are linked). */
    profile: z.string().min(1).optional(),
    /** Total ink limit, % (C + M + Y + K). */
    inkLimit: z.number().min(100).max(400).optional(),
  })
  .strict();
export type PrintSettings = z.infer<typeof printSettings>;

/** The issue file's current format version. */
export const ISSUE_FORMAT_VERSION = 1;

/** One issue (一期). */
export const issue = z.object({
  format: z.literal('broadsheet-issue'),
  version: z.number().int().min(1),
  paper: z.string().min(1),
  /** Issue number (期号) and total number (总期号). */
  issueNumber: z.string().default(''),
  totalNumber: z.string().default(''),
  /** Publication date, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  edition: z.string().default(''),
  /** 国内统一刊号 line, e.g. "CN12-0000". */
  serial: z.string().default(''),
  publisher: z.string().default(''),
  pages: z.array(page),
  stories: z.array(story),
  assets: z.array(asset),
  print: printSettings.optional(),
});
export type Issue = z.infer<typeof issue>;

/**
 * An issue of the current format with the given fields and nothing else yet: no pages, stories
 * or photos unless given, the optional header fields (期号, 刊号 …) empty.
 */
export function emptyIssue(fields: Pick<Issue, 'paper' | 'date'> & Partial<Issue>): Issue {
  return { format: 'broadsheet-issue', version: ISSUE_FORMAT_VERSION, issueNumber: '', totalNumber: '', edition: '', serial: '', publisher: '', pages: [], stories: [], assets: [], ...fields };
}

/** What a masthead says when nothing names the paper: a placeholder the editor sees and replaces, never the copy's file name. */
export const PAPER_PLACEHOLDER = '报名';

/**
 * The publication's part of an issue — paper, 刊号, publisher, edition, print condition — taken
 * from its last issue for the next one, with 期号 and 总期号 counted on by one where they are whole
 * numbers (their digits kept: 046 → 047); pages, stories and photos are the new issue's own.
 */
export function nextIssueOf(last: Issue, date: string): Issue {
  const next = (n: string) => (/^\d+$/.test(n) ? String(Number(n) + 1).padStart(n.length, '0') : n);
  return emptyIssue({
    paper: last.paper,
    date,
    issueNumber: next(last.issueNumber),
    totalNumber: next(last.totalNumber),
    edition: last.edition,
    serial: last.serial,
    publisher: last.publisher,
    ...(last.print ? { print: last.print } : {}),
  });
}
