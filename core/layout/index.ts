/** Automatic page layout: stories (with banners and figures) onto new pages of a template, every frame fitted by the composer. */
import { ComposeCache, composeIssue } from '../compose/index.js';
import type { ComposeContext, ComposedIssue } from '../compose/types.js';
import type { Frame, Issue, Page, Story, StoryFrame } from '../model/issue.js';
import { DEFAULT_TEMPLATE_ID, type Template } from '../templates/index.js';
import { measureStories, type StoryMeasure } from './measure.js';
import { maxGroupWidth, planPage, type ModuleOption, type PagePlan, type PlanStory } from './plan.js';

export { measureStories, type StoryMeasure, type HeadOption } from './measure.js';
export { planPage, fillGroup, moduleOptions, groupPatterns, type PagePlan, type GroupPlan, type ModuleOption, type PlanStory } from './plan.js';

export interface LayoutOptions {
  /** Template of the first new page (default broadsheet-8col). */
  templateId?: string;
  /** Template of the pages after the first (default: the first's "-inside" variant when it is a front page). */
  insideTemplateId?: string;
  /** Most pages to add (default 4). */
  maxPages?: number;
  /** Section banners (栏目) by story id, over the stories' own `banner`: a banner frame above the story. */
  banners?: Record<string, string>;
  /** Correction rounds after composing (default 3). */
  rounds?: number;
}

/** Something the layout could not do, or left for the editor. */
export interface LayoutNote {
  kind: 'unplaced' | 'hole' | 'overset' | 'short' | 'continued';
  storyId?: string;
  pageIndex?: number;
  /** The numbers in the message, for an app to say it in its own language. */
  values?: LayoutNoteValues;
  message: string;
}

/** What a note counts: lines, characters, the page (number as printed), the columns and lines left empty (1-based), pages tried. */
export interface LayoutNoteValues {
  lines?: number;
  chars?: number;
  page?: number;
  pages?: number;
  fromColumn?: number;
  toColumn?: number;
  fromLine?: number;
  toLine?: number;
  /** An 'unplaced' note: the story is already on this page and was left there. */
  onPage?: number;
  /** An 'unplaced' note: part of the story was placed and these lines did not fit. */
  partial?: boolean;
}

export interface LayoutResult {
  /** The issue with the new pages (the input is not changed). */
  issue: Issue;
  /** Indexes of the new pages in issue.pages. */
  pages: number[];
  placed: string[];
  unplaced: string[];
  notes: LayoutNote[];
  /** The final composition (every placed story's fit is in it). */
  composed: ComposedIssue;
  /** Composer passes used (1 measuring + compose/correct rounds). */
  passes: number;
}

type Json = { type: string; content?: Json[] };

function insideOf(ctx: ComposeContext, t: Template): Template {
  if (t.spec.kind !== 'front') return t;
  return ctx.templates.get(`${t.id}-inside`) ?? t;
}

function uniqueId(taken: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

interface Built {
  pages: Page[];
  placed: string[];
  unplaced: string[];
  notes: LayoutNote[];
}

/**
 * Lays out `storyIds` (stories of `issue`, in the order given: the first with a headline is the
 * lead, 头条) on new pages appended to the issue: column groups of stacked modules, banners
 * above their stories, photo frames for figures, rules between stories, the lead top left under
 * the masthead with the largest headline; stories that do not fit continue on the next page
 * through threaded frames (jump lines come from the composer). Pure and deterministic: the same
 * issue, stories and templates give the same pages. This is "Lay out unplaced stories".
 */
export function layoutStories(issue: Issue, storyIds: string[], ctx: ComposeContext, opts: LayoutOptions = {}): LayoutResult {
  const first = ctx.templates.get(opts.templateId ?? DEFAULT_TEMPLATE_ID);
  if (!first) throw new Error(`unknown template "${opts.templateId}" (known: ${ctx.templates.ids().join(', ')})`);
  const inside = opts.insideTemplateId ? ctx.templates.get(opts.insideTemplateId) : insideOf(ctx, first);
  if (!inside) throw new Error(`unknown template "${opts.insideTemplateId}"`);
  const maxPages = Math.max(1, opts.maxPages ?? 4);
  const byId = new Map(issue.stories.map((s) => [s.id, s]));
  const missing = storyIds.filter((id) => !byId.has(id));
  if (missing.length) throw new Error(`stories not in the issue: ${missing.join(', ')}`);
  // A story already in a frame stays where it is (one story, one thread).
  const held = new Map<string, number>();
  issue.pages.forEach((p) => p.frames.forEach((f) => f.type === 'story' && held.set(f.storyId, p.number)));
  const skipped: LayoutNote[] = storyIds.filter((id) => held.has(id)).map((id) => ({ kind: 'unplaced', storyId: id, values: { onPage: held.get(id)! }, message: `story ${id} is already on page ${held.get(id)}; left where it is` }));
  const stories = storyIds.filter((id) => !held.has(id)).map((id) => byId.get(id)!);

  const leadId = stories.find((s) => ((s.doc as Json).content ?? []).some((n) => n.type === 'headline'))?.id;
  // One cache for the probes and the checking compositions: paragraphs set once are reused.
  const cache = new ComposeCache();
  const measures = templateMeasures(stories, ctx, leadId, cache);
  const measuresOf = measures.of;
  let passes = 0;

  // Corrections the composer taught us: body lines per story (by template).
  const correction = new Map<string, number>();
  const rounds = opts.rounds ?? 3;
  // Banners: the stories' own (kept from import), unless the caller names others.
  const banners: Record<string, string> = {};
  for (const s of stories) if (s.banner) banners[s.id] = s.banner;
  Object.assign(banners, opts.banners ?? {});
  let built: Built | undefined;
  let result: Issue = issue;
  let composed: ComposedIssue | undefined;
  for (let round = 0; round <= rounds; round++) {
    built = buildPages(issue, stories, leadId, first, inside, maxPages, measuresOf, correction, banners);
    result = { ...issue, pages: [...issue.pages, ...built.pages] };
    composed = composeIssue(result, ctx, { cache });
    passes++;
    let changed = false;
    for (const id of built.placed) {
      const fit = composed.stories[id]?.fit;
      if (!fit || fit.state === 'fits') continue;
      const delta = fit.state === 'overset' ? fit.lines : -Math.max(0, fit.lines - 1);
      if (delta) {
        correction.set(id, (correction.get(id) ?? 0) + delta);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const notes = [...skipped, ...built!.notes, ...fitNotes(built!.placed, composed!, rounds)];
  const firstNew = issue.pages.length;
  return {
    issue: result,
    pages: built!.pages.map((_, i) => firstNew + i),
    placed: built!.placed,
    unplaced: built!.unplaced,
    notes,
    composed: composed!,
    passes: passes + measures.count(),
  };
}

/** A story still to place: whole, or the body lines left of one continued from `from`. */
interface Queued {
  story: Story;
  carry?: number;
  from?: StoryFrame;
}

/** What every page of one layout round reads and adds to. */
interface Round {
  issue: Issue;
  leadId: string | undefined;
  banners: Record<string, string>;
  correction: Map<string, number>;
  pageIds: Set<string>;
  frameIds: Set<string>;
  placed: string[];
  notes: LayoutNote[];
}

/**
 * Story measurements per template, measured once per grid: templates with the same grid and
 * story styles measure the same (both are measured when they differ). The group widths the
 * planner may use: 2 up to the widest leg, and the page's full width.
 */
function templateMeasures(stories: Story[], ctx: ComposeContext, leadId: string | undefined, cache: ComposeCache): { of: (t: Template) => Map<string, StoryMeasure>; count: () => number } {
  const spansFor = (t: Template) => [...new Set([...Array.from({ length: maxGroupWidth(t.columns) - 1 }, (_, i) => i + 2), t.columns])];
  const measures = new Map<string, Map<string, StoryMeasure>>();
  const STORY_STYLES = ['body', 'kicker', 'headline', 'deck', 'byline', 'subhead', 'caption', 'credit', 'banner', 'jump'];
  const measureKey = (t: Template) => JSON.stringify([t.spec.grid, t.spec.textArea, STORY_STYLES.map((n) => t.spec.styles[n])]);
  return {
    of(t) {
      const key = measureKey(t);
      let m = measures.get(key);
      if (!m) {
        m = measureStories(stories, t, spansFor(t), ctx, leadId, cache);
        measures.set(key, m);
      }
      return m;
    },
    count: () => measures.size,
  };
}

/** Notes for placed stories the correction rounds did not make fit. */
function fitNotes(placed: string[], composed: ComposedIssue, rounds: number): LayoutNote[] {
  const notes: LayoutNote[] = [];
  for (const id of placed) {
    const fit = composed.stories[id]?.fit;
    if (fit?.state === 'overset') notes.push({ kind: 'overset', storyId: id, values: { lines: fit.lines, chars: fit.chars }, message: `story ${id} is overset by ${fit.lines} line(s), ${fit.chars} character(s) after ${rounds} correction rounds` });
    else if (fit?.state === 'short') notes.push({ kind: 'short', storyId: id, values: { lines: fit.lines }, message: `story ${id} leaves ${fit.lines} empty line(s)` });
  }
  return notes;
}

function buildPages(issue: Issue, stories: Story[], leadId: string | undefined, first: Template, inside: Template, maxPages: number, measuresOf: (t: Template) => Map<string, StoryMeasure>, correction: Map<string, number>, banners: Record<string, string>): Built {
  const round: Round = { issue, leadId, banners, correction, pageIds: new Set(issue.pages.map((p) => p.id)), frameIds: new Set(issue.pages.flatMap((p) => p.frames.map((f) => f.id))), placed: [], notes: [] };
  let number = issue.pages.reduce((n, p) => Math.max(n, p.number), 0);
  const pages: Page[] = [];
  // What is still to place: continuations (body lines left) first, then whole stories.
  // The lead (the first story with a headline) goes first: the top of the first page's first group.
  const ordered = leadId ? [stories.find((s) => s.id === leadId)!, ...stories.filter((s) => s.id !== leadId)] : stories;
  let queue: Queued[] = ordered.map((story) => ({ story }));
  for (let pi = 0; pi < maxPages && queue.length; pi++) {
    const t = pi === 0 ? first : inside;
    const plans = pageStories(queue, measuresOf(t), t, pi, round);
    // Carrying the rest of a story to the next page is only for copy that exceeds the page.
    const plan = choosePlan(plans, t, pi + 1 < maxPages);
    if (!plan) break;
    number++;
    const built = pageOf(plan, t, queue, issue.pages.length + pi, number, round);
    pages.push(built.page);
    queue = [...built.next, ...queue.filter((q) => !built.placedHere.has(q.story.id))];
  }
  const unplaced = queue.filter((q) => q.carry === undefined).map((q) => q.story.id);
  for (const q of queue) {
    round.notes.push({ kind: 'unplaced', storyId: q.story.id, values: q.carry !== undefined ? { lines: q.carry, pages: maxPages, partial: true } : { pages: maxPages }, message: q.carry !== undefined ? `story ${q.story.id}: ${q.carry} lines did not fit on ${maxPages} page(s) (overset)` : `story ${q.story.id} did not fit on ${maxPages} page(s)` });
  }
  return { pages, placed: round.placed, unplaced, notes: round.notes };
}

// Rough areas (column × lines) for choosing how many stories to deal to a page: the planner
// measures exactly, these only keep its search from growing with stories that cannot fit.
/** A headline block with its byline. */
const HEAD_AREA = 18;
/** A photo frame with its caption. */
const FIGURE_AREA = 60;
/** A banner (栏目) over its story. */
const BANNER_AREA = 12;
/** Deal up to this share of the page's area, so the planner has a choice. */
const DEAL_SHARE = 1.15;

/** The queued stories dealt to a page (as many as could fill it), as the planner sees them: corrected body lines, banners, the lead. */
function pageStories(queue: Queued[], ms: Map<string, StoryMeasure>, t: Template, pi: number, round: Round): PlanStory[] {
  const { banners, correction, leadId } = round;
  const pageArea = t.columns * t.lines;
  let cum = 0;
  const candidates = queue.filter((q, i) => {
    const m = ms.get(q.story.id)!;
    cum += (q.carry ?? m.bodyLines) + (q.carry === undefined && m.hasHead ? HEAD_AREA : 0) + m.figures * FIGURE_AREA + (banners[q.story.id] ? BANNER_AREA : 0);
    return i === 0 || cum <= pageArea * DEAL_SHARE;
  });
  return candidates.map((q) => {
    const m = ms.get(q.story.id)!;
    const corrected = { ...m, bodyLines: m.bodyLines + (correction.get(q.story.id) ?? 0) };
    return {
      id: q.story.id,
      measure: corrected,
      ...(banners[q.story.id] && !q.carry ? { banner: banners[q.story.id] } : {}),
      lead: pi === 0 && q.story.id === leadId && q === candidates[0],
      ...(q.carry !== undefined ? { continued: { lines: q.carry } } : {}),
    };
  });
}

/** The page's plan without carrying; with carrying (when allowed) if that places more stories, or as many with a smaller hole. */
function choosePlan(plans: PlanStory[], t: Template, allowCarry: boolean): PagePlan | undefined {
  let plan = planPage(plans, t, false);
  if (allowCarry && (!plan || plan.placed.length < plans.length)) {
    const carried = planPage(plans, t, true);
    if (carried && (!plan || carried.placed.length > plan.placed.length || (carried.placed.length === plan.placed.length && carried.hole < plan.hole))) plan = carried;
  }
  return plan;
}

/** A planned page's frames, the continuations it starts, and the stories it holds. */
function pageOf(plan: PagePlan, t: Template, queue: Queued[], pageIndex: number, number: number, round: Round): { page: Page; next: Queued[]; placedHere: Set<string> } {
  const pageId = uniqueId(round.pageIds, `page-${number}`);
  const page: PageBuild = { t, pageId, pageIndex, number, queue, frames: [], next: [] };
  for (const g of plan.groups) {
    let y = g.top;
    g.modules.forEach((m, mi) => {
      moduleFrames(page, round, g, m, y, mi === 0, mi < g.modules.length - 1 || !!plan.band);
      y += m.height + 1;
    });
    if (g.hole > 0) {
      const from = g.top + g.height - g.hole;
      round.notes.push({ kind: 'hole', pageIndex, values: { page: number, lines: g.hole, fromColumn: g.column + 1, toColumn: g.column + g.span, fromLine: from + 1, toLine: g.top + g.height }, message: `page ${number}: columns ${g.column + 1}–${g.column + g.span}, lines ${from + 1}–${g.top + g.height} left empty (${g.hole} lines): not enough copy to fill them exactly` });
    }
  }
  if (plan.band) moduleFrames(page, round, { column: 0, span: t.columns }, plan.band.module, plan.band.line, false, false);
  const placedHere = new Set([...plan.groups.flatMap((g) => g.modules.map((m) => m.storyId)), ...(plan.band ? [plan.band.module.storyId] : [])]);
  return { page: { id: pageId, number, section: '', editor: '', designer: '', templateId: t.id, frames: page.frames }, next: page.next, placedHere };
}

/** The page being built. */
interface PageBuild {
  t: Template;
  pageId: string;
  pageIndex: number;
  number: number;
  queue: Queued[];
  frames: Frame[];
  /** Continuations this page starts. */
  next: Queued[];
}

/** One module's frames at line y of its group: banner, story frame (threaded from its page before), photo frames. */
function moduleFrames(page: PageBuild, round: Round, g: { column: number; span: number }, m: ModuleOption, y: number, first: boolean, ruleBelow: boolean): void {
  const { t, pageId, frames } = page;
  const { frameIds } = round;
  const q = page.queue.find((x) => x.story.id === m.storyId)!;
  if (m.banner) frames.push({ type: 'banner', id: uniqueId(frameIds, `${pageId}-banner-${m.storyId}`), rect: { column: g.column, span: g.span, line: y, lines: m.banner }, text: round.banners[m.storyId] });
  const frame: StoryFrame = {
    type: 'story',
    id: uniqueId(frameIds, `${pageId}-${m.storyId}`),
    storyId: m.storyId,
    rect: { column: g.column, span: g.span, line: y + m.banner, lines: m.frameLines },
  };
  const slot = slotFor(t, frame.rect, first);
  if (slot) frame.slot = slot;
  if (m.head?.headlineMaxLines) frame.headlineMaxLines = m.head.headlineMaxLines;
  if (m.head?.headlineSize) frame.headlineSize = m.head.headlineSize;
  if (ruleBelow) frame.ruleBelow = true;
  if (g.column + g.span < t.columns) frame.ruleRight = true;
  if (q.from) q.from.next = frame.id;
  frames.push(frame);
  if (m.photo) {
    const k = m.head?.lines ?? 0;
    for (let f = 0; f < m.figures; f++) {
      frames.push({
        type: 'photo',
        id: uniqueId(frameIds, `${pageId}-photo-${m.storyId}-${f}`),
        rect: { column: g.column + g.span - m.photo.span, span: m.photo.span, line: y + m.banner + k + f * (m.photo.lines + 1), lines: m.photo.lines },
        assetId: null,
        storyId: m.storyId,
        figure: f,
        fit: 'fill',
        caption: 'below',
      });
    }
  }
  if (!q.carry) round.placed.push(m.storyId);
  if (m.carry !== undefined) {
    page.next.push({ story: q.story, carry: m.carry, from: frame });
    round.notes.push({ kind: 'continued', storyId: m.storyId, pageIndex: page.pageIndex, values: { lines: m.carry, page: page.number }, message: `story ${m.storyId} continues on the next page (${m.carry} lines)` });
  }
}

/** The template's article slot a group's first frame stands in (头条 under the masthead, 报眼 beside it), by its top-left corner. */
function slotFor(t: Template, rect: { column: number; line: number }, first: boolean): string | undefined {
  if (!first) return undefined;
  const s = t.spec.slots.find((x) => x.kind === 'article' && x.rect.column === rect.column && Math.abs(x.rect.line - rect.line) <= 4);
  return s?.name;
}

/** Stories of the issue that no story frame holds (what "Lay out unplaced stories" lays out). */
export function unplacedStories(issue: Issue): string[] {
  const held = new Set(issue.pages.flatMap((p) => p.frames.filter((f) => f.type === 'story').map((f) => (f as StoryFrame).storyId)));
  return issue.stories.filter((s) => !held.has(s.id)).map((s) => s.id);
}

