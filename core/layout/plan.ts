import type { Template } from '../templates/index.js';
import type { HeadOption, StoryMeasure } from './measure.js';

// Page planning. The page is cut into column groups (legs, 栏组) side by side; each group is a
// stack of story modules the group's width, one grid line (with its rule) between modules. A
// module is a banner (栏目) over a story frame: headline block, then body through the columns,
// photos for the story's figures at the top right where the text wraps round them. Every
// module's height is chosen from what the composer measured so its text fits exactly (at most
// one empty line per column), and each group's modules must add up to the group's height: a
// small dynamic programme per group chooses headline treatment, banner height and photo height.

/** A shape for one story in a group of `span` columns. */
export interface ModuleOption {
  storyId: string;
  span: number;
  head?: HeadOption;
  /** Lines of the banner frame above the story frame (0 = none). */
  banner: number;
  /** Photo frames: span and lines (each figure one frame, stacked). */
  photo?: { span: number; lines: number };
  figures: number;
  /** Lines of the story frame (headline block + body). */
  frameLines: number;
  /** Banner + story frame. */
  height: number;
  score: number;
  /** The story continues on a later page: body lines carried there. */
  carry?: number;
  /** This is the continuation of a story begun on an earlier page (no headline, no banner). */
  continued?: boolean;
}

/** What a story brings to the plan. */
export interface PlanStory {
  id: string;
  measure: StoryMeasure;
  banner?: string;
  lead: boolean;
  /** Continuation: body lines still to set (the headline is already on an earlier page). */
  continued?: { lines: number };
}

export interface GroupPlan {
  column: number;
  span: number;
  top: number;
  height: number;
  modules: ModuleOption[];
  /** Lines left empty at the foot of the group (0 when it is filled). */
  hole: number;
}

export interface PagePlan {
  groups: GroupPlan[];
  /** A story across the page's full width at its foot (通栏), under the groups. */
  band?: { line: number; module: ModuleOption };
  score: number;
  hole: number;
  /** Stories placed on this page, in order (continuations included). */
  placed: string[];
}

// Scores and costs, in one unit. A module option's score says how good its shape looks (higher
// is better). A page plan's cost (lower is better) is its empty area times HOLE_COST plus the
// stories left off times UNPLACED_LINE_COST, minus the scores of the modules placed.

/** Headline size (pt) an ordinary story wants by its body lines: short items small, long stories larger. */
const HEADLINE_SIZE_FOR_LINES: ReadonlyArray<{ under: number; size: number }> = [
  { under: 30, size: 24 },
  { under: 70, size: 27 },
  { under: Infinity, size: 30 },
];
/** Score per point of headline size for the lead story: the 头条 has the page's largest headline. */
const LEAD_HEADLINE_PT_SCORE = 0.5;
/** Cost per point an ordinary story's headline is off the size its length wants (keeps the page's hierarchy). */
const HEADLINE_SIZE_MISS_COST = 0.5;
/** Score of a one-line headline: a headline read at a glance, and the block takes fewer lines. */
const ONE_LINE_HEADLINE_SCORE = 1.5;
/** Cost of a two-line headline turned inside a phrase instead of at its phrase space: it reads wrongly. */
const BAD_HEADLINE_BREAK_COST = 5;
/** Banner (栏目) heights in lines, and their scores: the 3-line banner is the house shape, 4 lines the fallback. */
const BANNER_LINES = [3, 4];
const BANNER_SCORE: Readonly<Record<number, number>> = { 0: 0, 3: 1, 4: 0.5 };
/** Cost per empty line inside a module (at most one per column is allowed at all): a fuller module looks finished. */
const SPARE_LINE_COST = 0.1;
/** Fewer body lines per column than this look like a scrap of text: cost per line short. Photo stories are exempt. */
const MIN_LINES_PER_COLUMN = 6;
const SHORT_COLUMN_COST = 2;
/** More lines per column than this make a column too long to read down: cost per line over. */
const MAX_LINES_PER_COLUMN = 70;
const LONG_COLUMN_COST = 0.2;
/** A photo's picture area ideally 2 : 3 (height : width), a landscape press photo; cost per unit of aspect off it. */
const ASPECT_IDEAL = 2 / 3;
const ASPECT_MISS_COST = 12;
/** Photo heights tried, as a share of the photo's width in lines: from half (wide) to 1.1 (slightly tall). */
const PHOTO_MIN_ASPECT = 0.5;
const PHOTO_MAX_ASPECT = 1.1;
/** A photo frame holds at least this many lines of picture above its caption. */
const MIN_PHOTO_LINES = 4;
/** Cost of continuing a story on a later page (转版): readers lose it; only when nothing fits whole. */
const CARRY_COST = 6;
/** A continued story keeps at least this many body lines here, and carries at least this many lines per column: no stubs on either page. */
const MIN_CARRY_BODY_LINES = 8;
const MIN_CARRIED_LINES_PER_COLUMN = 4;
/** Cost per line a group's stack leaves empty at its foot (within fillGroup's score). */
const GROUP_HOLE_COST = 3;
/** Groups shorter than this many lines (beside the masthead, over a band) hold no useful module. */
const MIN_GROUP_LINES = 24;
/** Cost per line × column left empty on the page: an empty area is the worst outcome a page can have. */
const HOLE_COST = 10;
/** Cost per line of a story left off the page (its body plus a headline allowance): it must find room elsewhere. */
const UNPLACED_LINE_COST = 40;
const UNPLACED_HEAD_LINES = 8;
/** Most rounds of moves and swaps between groups (each round must lower the cost): a bound on the search. */
const MAX_DESCENT_ROUNDS = 40;
/** Score per column of the lead's group: the 头条 wants a wide leg at the top left. */
const LEAD_WIDTH_SCORE = 1.5;
/** Score of a band across the page's foot (通栏) on a full page: it anchors the page. */
const BAND_SCORE = 4;
/** Stories long enough for a band: at least this many body lines per page column; the two longest are tried. */
const BAND_MIN_LINES_PER_COLUMN = 6;
const BAND_CANDIDATES = 2;

function photoWidthLines(t: Template, span: number): number {
  const w = span * t.columnWidth + (span - 1) * t.gutter;
  return w / t.pitch;
}

/** How good a headline treatment is for a story of L body lines (the lead's, or an ordinary story's). */
function headlineScore(head: HeadOption | undefined, lead: boolean, L: number): number {
  let score = 0;
  if (!head) return score;
  if (lead) score += head.size * LEAD_HEADLINE_PT_SCORE;
  else {
    const want = HEADLINE_SIZE_FOR_LINES.find((w) => L < w.under)!.size;
    score -= Math.abs(head.size - want) * HEADLINE_SIZE_MISS_COST;
  }
  if (head.headlineLines === 1) score += ONE_LINE_HEADLINE_SCORE;
  if (head.badBreak) score -= BAD_HEADLINE_BREAK_COST;
  return score;
}

/** The module shapes a story can take in a group of `span` columns no taller than `maxHeight`. */
export function moduleOptions(s: PlanStory, span: number, t: Template, maxHeight: number, allowCarry: boolean): ModuleOption[] {
  const m = s.measure;
  const out: ModuleOption[] = [];
  const L = s.continued ? s.continued.lines + 1 : m.bodyLines; // a continuation reserves its 上接 line
  const headOpts: Array<HeadOption | undefined> = s.continued || !m.hasHead ? [undefined] : (m.head.get(span) ?? []);
  const banners = s.banner && !s.continued ? BANNER_LINES : [0];
  const nf = s.continued ? 0 : m.figures;
  const photoStory = nf > 0 && !m.hasHead;
  // A photo story's photo is the module's picture (up to three columns); a story's figure takes about half the columns, text wraps beside it.
  const ps = nf === 0 ? 0 : photoStory ? Math.min(span, 3) : span === 1 ? 1 : Math.max(1, Math.min(span - 1, Math.round(span / 2)));
  const cap = nf ? (m.captionLines.get(Math.min(ps, 4)) ?? 2) : 0;
  const wl = nf ? photoWidthLines(t, ps) : 0;
  const photoRange: Array<number | undefined> = [];
  if (nf) {
    const lo = Math.max(cap + MIN_PHOTO_LINES, Math.ceil(wl * PHOTO_MIN_ASPECT) + cap);
    const hi = Math.max(lo, Math.floor(wl * PHOTO_MAX_ASPECT) + cap);
    for (let p = lo; p <= hi; p++) photoRange.push(p);
  } else photoRange.push(undefined);
  for (const head of headOpts) {
    const k = head?.lines ?? 0;
    const headScore = headlineScore(head, s.lead, L);
    for (const banner of banners) {
      for (const p of photoRange) {
        const photoArea = p ? nf * ps * (p + 1) : 0;
        const minBody = Math.max(1, Math.ceil((L + photoArea) / span));
        for (const body of [minBody, minBody + 1]) {
          const capacity = span * body - photoArea;
          if (capacity < L || capacity - L > span) continue;
          if (p && nf * (p + 1) + (photoStory ? 1 : 0) > body) continue;
          const frameLines = k + body;
          const height = banner + frameLines;
          if (height > maxHeight) continue;
          let score = headScore + BANNER_SCORE[banner] - (capacity - L) * SPARE_LINE_COST;
          const perCol = L / span;
          if (!photoStory && perCol < MIN_LINES_PER_COLUMN) score -= (MIN_LINES_PER_COLUMN - perCol) * SHORT_COLUMN_COST;
          if (perCol > MAX_LINES_PER_COLUMN) score -= (perCol - MAX_LINES_PER_COLUMN) * LONG_COLUMN_COST;
          if (p) score -= Math.abs((p - cap) / wl - ASPECT_IDEAL) * ASPECT_MISS_COST;
          out.push({ storyId: s.id, span, ...(head ? { head } : {}), banner, ...(p ? { photo: { span: ps, lines: p } } : {}), figures: nf, frameLines, height, score, ...(s.continued ? { continued: true } : {}) });
        }
      }
      // Continue on a later page: any height that leaves a decent amount on both sides.
      if (allowCarry && nf === 0) {
        for (let body = MIN_CARRY_BODY_LINES; ; body++) {
          const capacity = span * body - 1; // 下转 line
          const carry = L - capacity;
          if (carry < span * MIN_CARRIED_LINES_PER_COLUMN) break;
          const height = banner + k + body;
          if (height > maxHeight) break;
          out.push({ storyId: s.id, span, ...(head ? { head } : {}), banner, figures: 0, frameLines: k + body, height, score: headScore - CARRY_COST, carry, ...(s.continued ? { continued: true } : {}) });
        }
      }
    }
  }
  // Per height keep the best option (the DP needs no more).
  const best = new Map<string, ModuleOption>();
  for (const o of out) {
    const key = `${o.height}:${o.carry === undefined ? '' : 'c'}`;
    const b = best.get(key);
    if (!b || o.score > b.score) best.set(key, o);
  }
  return [...best.values()];
}

/**
 * Stacks stories (in order) into one group: heights plus one rule line between modules must
 * make the group's height. Returns the best-scoring exact stack, else the fullest one.
 */
export function fillGroup(stories: PlanStory[], span: number, height: number, t: Template, allowCarry: boolean): { modules: ModuleOption[]; score: number; hole: number } | undefined {
  const n = stories.length;
  if (!n) return undefined;
  const opts = stories.map((s, i) => moduleOptions(s, span, t, height, allowCarry && i === n - 1).filter((o) => o.carry === undefined || i === n - 1));
  if (opts.some((o) => !o.length)) return undefined;
  // best[i][h]: best score after i modules filling h lines (gaps included).
  const NEG = -Infinity;
  let cur = new Float64Array(height + 1).fill(NEG);
  cur[0] = 0;
  const choice: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const next = new Float64Array(height + 1).fill(NEG);
    const ch = new Int32Array(height + 1).fill(-1);
    const gap = i ? 1 : 0;
    for (let h = 0; h <= height; h++) {
      if (cur[h] === NEG) continue;
      opts[i].forEach((o, k) => {
        const nh = h + gap + o.height;
        if (nh > height) return;
        const sc = cur[h] + o.score;
        if (sc > next[nh]) {
          next[nh] = sc;
          ch[nh] = k;
        }
      });
    }
    choice.push(ch);
    cur = next;
  }
  let end = -1;
  for (let h = height; h >= 0; h--) {
    if (cur[h] !== NEG) {
      end = h;
      break;
    }
  }
  if (end < 0) return undefined;
  const modules: ModuleOption[] = [];
  let h = end;
  for (let i = n - 1; i >= 0; i--) {
    const o = opts[i][choice[i][h]];
    modules.unshift(o);
    h -= o.height + (i ? 1 : 0);
  }
  const hole = height - end;
  return { modules, score: cur[end] - hole * GROUP_HOLE_COST, hole };
}

/** Widest column group: wider legs make squat modules (8 columns → 5, 6 → 4). */
export const maxGroupWidth = (columns: number) => Math.max(2, Math.ceil((columns * 5) / 8));

/** Ways to cut `columns` into 1–4 groups of 2 to maxGroupWidth columns, the lead's group at least `leadMin` wide. */
export function groupPatterns(columns: number, leadMin: number): number[][] {
  const widest = Math.min(columns, maxGroupWidth(columns));
  const out: number[][] = [];
  const rec = (left: number, acc: number[]) => {
    if (left === 0) {
      if (acc[0] >= leadMin) out.push(acc);
      return;
    }
    if (acc.length === 4) return;
    for (let w = 2; w <= Math.min(left, widest); w++) if (left - w === 0 || left - w >= 2) rec(left - w, [...acc, w]);
  };
  rec(columns, []);
  // One group the page's width: for a single story, or copy that fits no narrower legs.
  if (!out.some((p) => p.length === 1)) out.push([columns]);
  return out;
}

/** Top line of a group: below the masthead when the group shares columns with it. */
function groupTop(t: Template, column: number, span: number): number {
  const mh = t.spec.furniture.masthead?.rect;
  if (!mh) return 0;
  const overlaps = column < mh.column + mh.span && mh.column < column + span;
  return overlaps ? mh.line + mh.lines + 1 : 0;
}

/**
 * Plans one page: for each pattern of column groups, stories are dealt to the groups (the lead
 * to the top of the first, the rest by room left), then moved and swapped between groups while
 * that lowers the empty area, then the stories left out, then raises the score. Within a group
 * the stories keep their copy order. Stories that fit nowhere stay out (`placed` lists those in).
 */
export function planPage(stories: PlanStory[], t: Template, allowCarry: boolean): PagePlan | undefined {
  const n = stories.length;
  if (!n) return undefined;
  const leadMin = Math.min(maxGroupWidth(t.columns), Math.max(2, Math.ceil(t.columns / 2)));
  const patterns = groupPatterns(t.columns, stories[0].lead ? leadMin : 2).filter((p) => p.length <= Math.max(1, n));
  const page: PageContext = { stories, t, allowCarry, nominalOf: nominalHeights(stories, t) };
  const bands = bandChoices(stories, t);
  let best: PagePlan | undefined;
  let bestCost = Infinity;
  for (const widths of patterns) {
    for (const band of bands) {
      const v = planVariant(page, widths, band);
      if (v && v.cost < bestCost) {
        bestCost = v.cost;
        best = v.plan;
      }
    }
  }
  return best;
}

/** What every variant of a page plan reads. */
interface PageContext {
  stories: PlanStory[];
  t: Template;
  allowCarry: boolean;
  /** Nominal height of story i in a group of w columns: its smallest option. */
  nominalOf: (i: number, w: number) => number;
}

/** A band across the page's foot: the story's index and its module. */
type Band = { index: number; module: ModuleOption };

function nominalHeights(stories: PlanStory[], t: Template): (i: number, w: number) => number {
  const nominal = new Map<string, number>();
  return (i, w) => {
    const key = `${i}:${w}`;
    let h = nominal.get(key);
    if (h === undefined) {
      const o = moduleOptions(stories[i], w, t, t.lines, false);
      h = o.length ? Math.min(...o.map((x) => x.height)) : Infinity;
      nominal.set(key, h);
    }
    return h;
  };
}

/** No band, or one of the longest stories across the page's foot (通栏) with the groups standing on it. */
function bandChoices(stories: PlanStory[], t: Template): Array<Band | undefined> {
  const choices: Array<Band | undefined> = [undefined];
  const longest = stories
    .map((st, i) => ({ st, i }))
    .filter(({ st, i }) => !(i === 0 && st.lead) && !st.continued && st.measure.hasHead && st.measure.bodyLines >= BAND_MIN_LINES_PER_COLUMN * t.columns)
    .sort((a, b) => b.st.measure.bodyLines - a.st.measure.bodyLines || a.i - b.i)
    .slice(0, BAND_CANDIDATES);
  for (const { i } of longest) {
    const opts = moduleOptions(stories[i], t.columns, t, Math.floor(t.lines / 3), false).sort((a, b) => b.score - a.score || a.height - b.height);
    for (const module of opts.slice(0, 1)) choices.push({ index: i, module });
  }
  return choices;
}

/** The best plan for one pattern of group widths and one band choice, with its cost; undefined when none holds. */
function planVariant(page: PageContext, widths: number[], band: Band | undefined): { plan: PagePlan; cost: number } | undefined {
  const { stories, t } = page;
  const g = widths.length;
  const cols: number[] = [];
  widths.reduce((c, w) => (cols.push(c), c + w), 0);
  const tops = widths.map((w, gi) => groupTop(t, cols[gi], w));
  const bandLines = band ? band.module.height + 1 : 0;
  const heights = tops.map((top) => t.lines - top - bandLines);
  if (heights.some((h) => h < MIN_GROUP_LINES)) return undefined;
  const groups = groupCosts(page, widths, heights);
  const assign = dealStories(page, widths, heights, band);
  let c = descend(page, assign, g, groups.cost);
  if (c === Infinity) return undefined;
  const plans: GroupPlan[] = [];
  let hole = 0;
  let score = 0;
  for (let gi = 0; gi < g; gi++) {
    const r = groups.evalGroup(gi, members(assign, gi));
    plans.push({ column: cols[gi], span: widths[gi], top: tops[gi], height: heights[gi], modules: r?.modules ?? [], hole: r ? r.hole : heights[gi] });
    hole += (r ? r.hole : heights[gi]) * widths[gi];
    score += r?.score ?? 0;
  }
  if (stories[0].lead) c -= widths[0] * LEAD_WIDTH_SCORE;
  // A band under a group with empty lines would leave the hole mid-page: bands only on full pages.
  if (band && hole > 0) return undefined;
  if (band) {
    c -= band.module.score + BAND_SCORE;
    score += band.module.score;
  }
  const placed = assign.flatMap((a, i) => (a >= 0 || a === IN_BAND ? [stories[i].id] : []));
  return { cost: c, plan: { groups: plans, score, hole, placed, ...(band ? { band: { line: t.lines - band.module.height, module: band.module } } : {}) } };
}

/** Group of each story: a group index, OUT (left off the page) or IN_BAND (the band across the foot). */
const OUT = -1;
const IN_BAND = -2;

/** Indexes of the stories assigned to group gi, in copy order. */
const members = (assign: number[], gi: number) => assign.flatMap((a, i) => (a === gi ? [i] : []));

/** Each group's best stack of its members (memoised), and the cost of an assignment of stories to groups. */
function groupCosts(page: PageContext, widths: number[], heights: number[]) {
  const { stories, t, allowCarry } = page;
  const memo = new Map<string, ReturnType<typeof fillGroup>>();
  const evalGroup = (gi: number, m: number[]) => {
    const key = `${gi}:${m.join(',')}`;
    if (!memo.has(key)) memo.set(key, m.length ? fillGroup(m.map((i) => stories[i]), widths[gi], heights[gi], t, allowCarry) : undefined);
    return memo.get(key);
  };
  const cost = (assign: number[]) => {
    let c = 0;
    for (let gi = 0; gi < widths.length; gi++) {
      const m = members(assign, gi);
      if (!m.length) {
        c += heights[gi] * widths[gi] * HOLE_COST;
        continue;
      }
      const r = evalGroup(gi, m);
      if (!r) return Infinity;
      c += r.hole * widths[gi] * HOLE_COST - r.score;
    }
    for (let i = 0; i < stories.length; i++) if (assign[i] === OUT) c += (stories[i].measure.bodyLines + UNPLACED_HEAD_LINES) * UNPLACED_LINE_COST;
    return c;
  };
  return { evalGroup, cost };
}

/** The first deal: the band's story to the band, the lead to group 0, then each story where the most room is left. */
function dealStories(page: PageContext, widths: number[], heights: number[], band: Band | undefined): number[] {
  const { stories, nominalOf } = page;
  const n = stories.length;
  const assign = new Array<number>(n).fill(OUT);
  if (band) assign[band.index] = IN_BAND;
  const used = heights.map(() => 0);
  for (let i = 0; i < n; i++) {
    if (assign[i] === IN_BAND) continue;
    let target = -1;
    if (i === 0 && stories[0].lead) target = 0;
    else {
      let room = -Infinity;
      for (let gi = 0; gi < widths.length; gi++) {
        const h = nominalOf(i, widths[gi]);
        const left = heights[gi] - used[gi] - (used[gi] ? 1 : 0) - h;
        if (left >= 0 && left * widths[gi] > room) {
          room = left * widths[gi];
          target = gi;
        }
      }
    }
    if (target >= 0) {
      used[target] += nominalOf(i, widths[target]) + (used[target] ? 1 : 0);
      assign[i] = target;
    }
  }
  return assign;
}

/**
 * Steepest descent over single moves (to another group or off the page) and swaps between
 * groups, the lead staying at the top of group 0 and the band's story in the band; improves
 * `assign` in place and returns its cost.
 */
function descend(page: PageContext, assign: number[], g: number, cost: (assign: number[]) => number): number {
  const { stories } = page;
  const n = stories.length;
  let c = cost(assign);
  for (let iter = 0; iter < MAX_DESCENT_ROUNDS; iter++) {
    let bestMove: number[] | undefined;
    let bestC = c;
    const tryAssign = (a: number[]) => {
      const cc = cost(a);
      if (cc < bestC - 1e-9) {
        bestC = cc;
        bestMove = a;
      }
    };
    for (let i = 0; i < n; i++) {
      if ((i === 0 && stories[0].lead) || assign[i] === IN_BAND) continue;
      for (let gi = OUT; gi < g; gi++) {
        if (gi === assign[i]) continue;
        const a = assign.slice();
        a[i] = gi;
        tryAssign(a);
      }
      for (let j = i + 1; j < n; j++) {
        if (assign[j] === assign[i] || assign[j] === IN_BAND) continue;
        const a = assign.slice();
        a[i] = assign[j];
        a[j] = assign[i];
        tryAssign(a);
      }
    }
    if (!bestMove) break;
    assign.splice(0, n, ...bestMove);
    c = bestC;
  }
  return c;
}
