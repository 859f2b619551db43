import { Node as PMNode } from 'prosemirror-model';
import { BLACK, type DisplayItem, type DisplayPage } from '../display/types.js';
import type { FontSource } from '../fonts/types.js';
import type { Issue, Page, PhotoFrame, Story, StoryFrame } from '../model/issue.js';
import { storySchema } from '../model/story-schema.js';
import { pageTemplate, type Box, type Template } from '../templates/index.js';
import { furnitureItems, setOneLine } from './furniture.js';
import { clampToGrid, frameGeometry, isBoxed, overlaps, standoffBox, type FrameGeometry } from './geometry.js';
import type { PixelSize } from './photo.js';
import { photoFrameLayout, standaloneCaptions } from './photo-frame.js';
import { composeStory, type ClaimedPhoto, type StoryResult } from './story/index.js';
import { lineItems, ParagraphCache } from './text.js';
import type { ComposeContext, ComposeDiagnostic, ComposedIssue, StoryLayout } from './types.js';

/** Page composition: an issue's pages (template + frames) into display pages, story line tables and diagnostics. */
export type * from './types.js';
export { placeImage, effectivePpi } from './photo.js';
export { chineseDate } from './furniture.js';
export { ParagraphCache } from './text.js';

/**
 * What composition keeps between calls: paragraph layouts, parsed story documents and whole
 * story results. A story is recomposed only when its document, its frames, what its frames
 * wrap around or the page numbers its jump lines print have changed (compared by identity,
 * so an editor that replaces only what it edits recomposes only that).
 */
export class ComposeCache {
  paragraphs: ParagraphCache | undefined;
  private fonts: FontSource | undefined;
  readonly docs = new WeakMap<object, PMNode>();
  readonly stories = new Map<string, { key: unknown[]; result: StoryResult }>();
  /** Stories recomposed by the last call (for tests and benchmarks). */
  recomposed: string[] = [];

  paragraphCache(fonts: FontSource): ParagraphCache {
    if (!this.paragraphs || this.fonts !== fonts) {
      this.paragraphs = new ParagraphCache(fonts);
      this.fonts = fonts;
      this.stories.clear();
    }
    return this.paragraphs;
  }

  /**
   * Forgets every layout (paragraphs and story results) so the next call composes everything
   * again: for when the fonts' answers changed behind the same FontSource (the full files
   * completed the subset faces). Parsed story documents stay; they do not depend on fonts.
   */
  clear(): void {
    this.paragraphs = undefined;
    this.fonts = undefined;
    this.stories.clear();
  }
}

interface PlacedFrame<F> {
  frame: F;
  pageIndex: number;
  template: Template;
  rect: F extends { rect: infer R } ? R : never;
}

/** Composes every page of an issue. Pass the same cache to recompose incrementally after an edit. */
export function composeIssue(issue: Issue, ctx: ComposeContext, opts: { cache?: ComposeCache } = {}): ComposedIssue {
  const cache = opts.cache ?? new ComposeCache();
  const paragraphs = cache.paragraphCache(ctx.fonts);
  cache.recomposed = [];
  const diagnostics: ComposeDiagnostic[] = [];

  const assetById = new Map(issue.assets.map((a) => [a.id, a]));
  const pixels = (id: string): PixelSize | undefined => {
    if (ctx.assets) return ctx.assets(id);
    const a = assetById.get(id);
    return a?.widthPx && a.heightPx ? { widthPx: a.widthPx, heightPx: a.heightPx } : undefined;
  };

  // Templates (a page on an unknown one cannot be composed: UnknownTemplateError), and frames
  // clamped to their page's grid.
  const templates: Template[] = issue.pages.map((page) => pageTemplate(ctx.templates, page));
  const storyFrames = new Map<string, PlacedFrame<StoryFrame>>();
  const photoFrames: PlacedFrame<PhotoFrame>[] = [];
  const obstacles: Box[][] = issue.pages.map(() => []);
  const obstacleFrames: unknown[][] = issue.pages.map(() => []);
  issue.pages.forEach((page, pageIndex) => {
    const t = templates[pageIndex];
    for (const frame of page.frames) {
      const { rect, clamped } = clampToGrid(frame.rect, t);
      if (clamped) diagnostics.push({ severity: 'warning', kind: 'frame-outside', pageIndex, frameId: frame.id, message: `frame ${frame.id} reaches outside the ${t.columns}-column, ${t.lines}-line grid; shown clamped` });
      if (frame.type === 'story') storyFrames.set(frame.id, { frame, pageIndex, template: t, rect });
      else {
        if (frame.type === 'photo') photoFrames.push({ frame, pageIndex, template: t, rect });
        obstacles[pageIndex].push(standoffBox(t.box(rect), t.em));
        obstacleFrames[pageIndex].push(frame);
      }
    }
  });

  // Threads: chains of story frames by `next`, from each frame nobody points at.
  const pointedAt = new Set<string>();
  for (const { frame } of storyFrames.values()) if (frame.next) pointedAt.add(frame.next);
  const threads: PlacedFrame<StoryFrame>[][] = [];
  const inThread = new Set<string>();
  const follow = (head: PlacedFrame<StoryFrame>) => {
    const chain: PlacedFrame<StoryFrame>[] = [];
    for (let f: PlacedFrame<StoryFrame> | undefined = head; f && !inThread.has(f.frame.id); ) {
      chain.push(f);
      inThread.add(f.frame.id);
      const next: string | undefined = f.frame.next;
      if (!next) break;
      const nf = storyFrames.get(next);
      if (!nf) diagnostics.push({ severity: 'error', kind: 'unknown-frame', pageIndex: f.pageIndex, frameId: f.frame.id, message: `frame ${f.frame.id} continues to frame ${next}, which is not a story frame of this issue` });
      f = nf;
    }
    threads.push(chain);
  };
  for (const f of storyFrames.values()) if (!pointedAt.has(f.frame.id)) follow(f);
  for (const f of storyFrames.values()) if (!inThread.has(f.frame.id)) follow(f); // cycles

  const storiesById = new Map(issue.stories.map((s) => [s.id, s]));
  const pageNumbers = issue.pages.map((p) => p.number);
  const pageItems: DisplayItem[][] = issue.pages.map(() => []);
  const stories: Record<string, StoryLayout> = {};
  const claimedPhotos = new Set<string>();
  const seenStories = new Set<string>();

  for (const chain of threads) {
    const head = chain[0];
    const story = storiesById.get(head.frame.storyId);
    if (!story) {
      diagnostics.push({ severity: 'error', kind: 'unknown-story', pageIndex: head.pageIndex, frameId: head.frame.id, message: `frame ${head.frame.id} holds story "${head.frame.storyId}", which the issue does not have` });
      continue;
    }
    if (seenStories.has(story.id)) {
      diagnostics.push({ severity: 'warning', kind: 'unknown-frame', pageIndex: head.pageIndex, frameId: head.frame.id, storyId: story.id, message: `story "${story.slug || story.id}" is already placed in another thread; frame ${head.frame.id} stays empty (link it into that thread)` });
      continue;
    }
    seenStories.add(story.id);
    const photos = new Map<number, ClaimedPhoto>();
    for (const pf of photoFrames) {
      if (pf.frame.storyId === story.id && pf.frame.figure !== undefined && !photos.has(pf.frame.figure)) photos.set(pf.frame.figure, pf);
    }
    const geometries: FrameGeometry[] = chain.map((f) => frameGeometry(f.frame, f.rect, f.pageIndex, f.template));
    const exclusions = geometries.map((g) => obstacles[g.pageIndex].filter((o) => overlaps(o, g.box)));
    const key: unknown[] = [story.doc, story.tracking, issue.assets, ctx.assets, ...chain.flatMap((f) => [f.frame, f.template, pageNumbers[f.pageIndex], ...obstacleFrames[f.pageIndex]]), ...[...photos.values()].map((p) => p.frame)];
    const prev = cache.stories.get(story.id);
    let result: StoryResult;
    if (prev && sameKey(prev.key, key)) result = prev.result;
    else {
      const doc = storyDoc(story, cache);
      result = composeStory({ story, doc, thread: geometries, exclusions, photos, pageNumbers, pixels, cache: paragraphs });
      cache.stories.set(story.id, { key, result });
      cache.recomposed.push(story.id);
    }
    for (const p of photos.values()) claimedPhotos.add(p.frame.id);
    stories[story.id] = result.layout;
    for (const [pi, items] of result.items) for (const it of items) pageItems[pi].push(it);
    for (const d of result.diagnostics) diagnostics.push(d);
  }
  for (const id of [...cache.stories.keys()]) if (!seenStories.has(id)) cache.stories.delete(id);

  // Everything that is not a story's: furniture, frame boxes and rules, banners, photos of their own.
  const pages: DisplayPage[] = issue.pages.map((page, pageIndex) => {
    const t = templates[pageIndex];
    const own: DisplayItem[] = [];
    pageFrameItems(page, t, pageIndex, own, claimedPhotos, pixels, paragraphs, diagnostics);
    own.push(...furnitureItems(issue, page, t, paragraphs));
    return { number: page.number, width: t.pageWidth, height: t.pageHeight, items: paint(own, pageItems[pageIndex]) };
  });
  return { pages, diagnostics, stories };
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function storyDoc(story: Story, cache: ComposeCache): PMNode {
  let doc = cache.docs.get(story.doc);
  if (!doc) {
    doc = PMNode.fromJSON(storySchema, story.doc);
    cache.docs.set(story.doc, doc);
  }
  return doc;
}

/** Painting order: tints and placeholders, images, text, then rules and strokes on top. */
function paint(own: DisplayItem[], text: DisplayItem[]): DisplayItem[] {
  const layer = (it: DisplayItem) => (it.kind === 'box' ? (it.fill ? 0 : 3) : it.kind === 'image' ? 1 : it.kind === 'glyphs' ? 2 : 3);
  const all = own.concat(text);
  const out: DisplayItem[] = [];
  for (let l = 0; l <= 3; l++) for (const it of all) if (layer(it) === l) out.push(it);
  return out;
}

const BANNER_PANEL = { c: 0, m: 100, y: 100, k: 0 };

function pageFrameItems(
  page: Page,
  t: Template,
  pageIndex: number,
  out: DisplayItem[],
  claimed: Set<string>,
  pixels: (id: string) => PixelSize | undefined,
  cache: ParagraphCache,
  diagnostics: ComposeDiagnostic[],
): void {
  for (const frame of page.frames) {
    const { rect } = clampToGrid(frame.rect, t);
    const box = t.box(rect);
    const halfGap = (t.pitch - t.em) / 2;
    if (frame.type === 'story') {
      if (isBoxed(frame)) {
        const outer = { x: box.x, y: box.y - halfGap, w: box.w, h: box.h + 2 * halfGap };
        if (frame.tint) out.push({ kind: 'box', ...outer, fill: frame.tint });
        if (frame.border && frame.border.width > 0) out.push({ kind: 'box', ...outer, stroke: frame.border.color, strokeWidth: frame.border.width });
      }
      // Rules between stories: through the middle of the grid line under the frame, and of the gutter to its right.
      if (frame.ruleBelow && rect.line + rect.lines < t.lines) {
        const y = t.lineTop(rect.line + rect.lines) + t.em / 2;
        out.push({ kind: 'rule', x1: box.x, y1: y, x2: box.x + box.w, y2: y, width: 0.5, color: BLACK, overprint: true });
      }
      if (frame.ruleRight && rect.column + rect.span < t.columns) {
        const x = box.x + box.w + t.gutter / 2;
        out.push({ kind: 'rule', x1: x, y1: box.y, x2: x, y2: box.y + box.h, width: 0.5, color: BLACK, overprint: true });
      }
    } else if (frame.type === 'photo') {
      if (claimed.has(frame.id)) continue;
      const res = photoFrameLayout(frame, rect, t, cache, standaloneCaptions(frame, t), pixels, out);
      if (!frame.assetId) diagnostics.push({ severity: 'warning', kind: 'missing-image', pageIndex, frameId: frame.id, message: `photo ${frame.id} is waiting for its image` });
      else if (!res.px) diagnostics.push({ severity: 'error', kind: 'missing-image', pageIndex, frameId: frame.id, message: `image ${frame.assetId} of photo ${frame.id} is missing` });
      else if (res.ppi !== undefined && res.ppi < 200) diagnostics.push({ severity: 'warning', kind: 'low-resolution', pageIndex, frameId: frame.id, message: `image ${frame.assetId} is ${Math.round(res.ppi)} ppi at its placed size (200 needed)` });
    } else if (frame.type === 'banner') {
      const s = t.style(frame.style ?? 'banner');
      const white = s.color && s.color.c + s.color.m + s.color.y + s.color.k === 0;
      if (white) out.push({ kind: 'box', ...box, fill: BANNER_PANEL });
      const line = setOneLine(cache, frame.text, s, box.w - 2 * t.em, 'center');
      if (line) lineItems(line, box.x + t.em, box.y + box.h / 2 + 0.38 * s.size, out, undefined, s.color ?? BLACK);
      if (!white) {
        out.push({ kind: 'rule', x1: box.x, y1: box.y, x2: box.x + box.w, y2: box.y, width: 1.5, color: BLACK, overprint: true });
        out.push({ kind: 'rule', x1: box.x, y1: box.y + box.h, x2: box.x + box.w, y2: box.y + box.h, width: 0.5, color: BLACK, overprint: true });
      }
    } else if (frame.type === 'rule') {
      const color = BLACK;
      if (frame.orientation === 'horizontal') {
        const y = box.y + box.h / 2;
        out.push({ kind: 'rule', x1: box.x, y1: y, x2: box.x + box.w, y2: y, width: frame.weight, color, overprint: true });
      } else {
        const x = box.x + box.w / 2;
        out.push({ kind: 'rule', x1: x, y1: box.y, x2: x, y2: box.y + box.h, width: frame.weight, color, overprint: true });
      }
    }
  }
}
