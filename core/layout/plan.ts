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

const ASPECT_IDEAL = 2 / 3;

function photoWidthLines(t: Template, span: number): number {
  const w = span * t.columnWidth + (span - 1) * t.gutter;
  return w / t.pitch;
}

/** The module shapes a story can take in a group of `span` columns no taller than `maxHeight`. */
export function moduleOptions(s: PlanStory, span: number, t: Template, maxHeight: number, allowCarry: boolean): ModuleOption[] {
  const m = s.measure;
  const out: ModuleOption[] = [];
  const L = s.continued ? s.continued.lines + 1 : m.bodyLines; // a continuation reserves its 上接 line
  const headOpts: Array<HeadOption | undefined> = s.continued || !m.hasHead ? [undefined] : (m.head.get(span) ?? []);
  const banners = s.banner && !s.continued ? [3, 4] : [0];
  const nf = s.continued ? 0 : m.figures;
  const photoStory = nf > 0 && !m.hasHead;
  // A photo story's photo is the module's picture (up to three columns); a story's figure takes about half the columns, text wraps beside it.
  const ps = nf === 0 ? 0 : photoStory ? Math.min(span, 3) : span === 1 ? 1 : Math.max(1, Math.min(span - 1, Math.round(span / 2)));
  const cap = nf ? (m.captionLines.get(Math.min(ps, 4)) ?? 2) : 0;
  const wl = nf ? photoWidthLines(t, ps) : 0;
  const photoRange: Array<number | undefined> = [];
  if (nf) {
    const lo = Math.max(cap + 4, Math.ceil(wl * 0.5) + cap);
    const hi = Math.max(lo, Math.floor(wl * 1.1) + cap);
    for (let p = lo; p <= hi; p++) photoRange.push(p);
  } else photoRange.push(undefined);
  for (const head of headOpts) {
    const k = head?.lines ?? 0;
    let headScore = 0;
    if (head) {
      if (s.lead) headScore += head.size / 2;
      else {
        // Headline size by the story's weight: short items small, long stories larger.
        const want = L < 30 ? 24 : L < 70 ? 27 : 30;
        headScore -= Math.abs(head.size - want) / 2;
      }
      if (head.headlineLines === 1) headScore += 1.5;
      if (head.badBreak) headScore -= 5;
    }
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
          let score = headScore + (banner === 3 ? 1 : banner ? 0.5 : 0) - (capacity - L) * 0.1;
          const perCol = L / span;
          if (!photoStory && perCol < 6) score -= (6 - perCol) * 2;
          if (perCol > 70) score -= (perCol - 70) * 0.2;
          if (p) score -= Math.abs((p - cap) / wl - ASPECT_IDEAL) * 12;
          out.push({ storyId: s.id, span, ...(head ? { head } : {}), banner, ...(p ? { photo: { span: ps, lines: p } } : {}), figures: nf, frameLines, height, score, ...(s.continued ? { continued: true } : {}) });
        }
      }
      // Continue on a later page: any height that leaves a decent amount on both sides.
      if (allowCarry && nf === 0) {
        for (let body = 8; ; body++) {
          const capacity = span * body - 1; // 下转 line
          const carry = L - capacity;
          if (carry < span * 4) break;
          const height = banner + k + body;
          if (height > maxHeight) break;
          out.push({ storyId: s.id, span, ...(head ? { head } : {}), banner, figures: 0, frameLines: k + body, height, score: headScore - 6, carry, ...(s.continued ? { continued: true } : {}) });
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
  return { modules, score: cur[end] - hole * 3, hole };
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
  // Nominal height of each story in each width: its smallest option.
  const nominal = new Map<string, number>();
  const nominalOf = (i: number, w: number) => {
    const key = `${i}:${w}`;
    let h = nominal.get(key);
    if (h === undefined) {
      const o = moduleOptions(stories[i], w, t, t.lines, false);
      h = o.length ? Math.min(...o.map((x) => x.height)) : Infinity;
      nominal.set(key, h);
    }
    return h;
  };
  const area = (i: number) => stories[i].measure.bodyLines + 8;
  let best: PagePlan | undefined;
  let bestCost = Infinity;
  // A long story may run across the page's foot (通栏): the groups stand on it.
  const bandChoices: Array<{ index: number; module: ModuleOption } | undefined> = [undefined];
  const longest = stories
    .map((st, i) => ({ st, i }))
    .filter(({ st, i }) => !(i === 0 && st.lead) && !st.continued && st.measure.hasHead && st.measure.bodyLines >= 6 * t.columns)
    .sort((a, b) => b.st.measure.bodyLines - a.st.measure.bodyLines || a.i - b.i)
    .slice(0, 2);
  for (const { i } of longest) {
    const opts = moduleOptions(stories[i], t.columns, t, Math.floor(t.lines / 3), false).sort((a, b) => b.score - a.score || a.height - b.height);
    for (const module of opts.slice(0, 1)) bandChoices.push({ index: i, module });
  }
  const variants = patterns.flatMap((widths) => bandChoices.map((band) => ({ widths, band })));
  for (const { widths, band } of variants) {
    const g = widths.length;
    const cols: number[] = [];
    widths.reduce((c, w) => (cols.push(c), c + w), 0);
    const tops = widths.map((w, gi) => groupTop(t, cols[gi], w));
    const bandLines = band ? band.module.height + 1 : 0;
    const heights = tops.map((top) => t.lines - top - bandLines);
    if (heights.some((h) => h < 24)) continue;
    const memo = new Map<string, ReturnType<typeof fillGroup>>();
    const evalGroup = (gi: number, members: number[]) => {
      const key = `${gi}:${members.join(',')}`;
      if (!memo.has(key)) memo.set(key, members.length ? fillGroup(members.map((i) => stories[i]), widths[gi], heights[gi], t, allowCarry) : undefined);
      return memo.get(key);
    };
    const members = (assign: number[], gi: number) => assign.flatMap((a, i) => (a === gi ? [i] : []));
    const cost = (assign: number[]) => {
      let c = 0;
      for (let gi = 0; gi < g; gi++) {
        const m = members(assign, gi);
        if (!m.length) {
          c += heights[gi] * widths[gi] * 10;
          continue;
        }
        const r = evalGroup(gi, m);
        if (!r) return Infinity;
        c += r.hole * widths[gi] * 10 - r.score;
      }
      for (let i = 0; i < n; i++) if (assign[i] === -1) c += area(i) * 40;
      return c;
    };
    // Deal: the lead to group 0, then each story where the most room is left.
    const assign = new Array<number>(n).fill(-1);
    if (band) assign[band.index] = -2;
    const used = heights.map(() => 0);
    for (let i = 0; i < n; i++) {
      if (assign[i] === -2) continue;
      let target = -1;
      if (i === 0 && stories[0].lead) target = 0;
      else {
        let room = -Infinity;
        for (let gi = 0; gi < g; gi++) {
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
    let c = cost(assign);
    // Steepest descent over moves and swaps (the lead stays at the top of group 0).
    for (let iter = 0; iter < 40; iter++) {
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
        if ((i === 0 && stories[0].lead) || assign[i] === -2) continue;
        for (let gi = -1; gi < g; gi++) {
          if (gi === assign[i]) continue;
          const a = assign.slice();
          a[i] = gi;
          tryAssign(a);
        }
        for (let j = i + 1; j < n; j++) {
          if (assign[j] === assign[i] || assign[j] === -2) continue;
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
    if (c === Infinity) continue;
    const groups: GroupPlan[] = [];
    let hole = 0;
    let score = 0;
    for (let gi = 0; gi < g; gi++) {
      const m = members(assign, gi);
      const r = evalGroup(gi, m);
      groups.push({ column: cols[gi], span: widths[gi], top: tops[gi], height: heights[gi], modules: r?.modules ?? [], hole: r ? r.hole : heights[gi] });
      hole += (r ? r.hole : heights[gi]) * widths[gi];
      score += r?.score ?? 0;
    }
    if (stories[0].lead) c -= widths[0] * 1.5;
    // A band under a group with empty lines would leave the hole mid-page: bands only on full pages.
    if (band && hole > 0) continue;
    if (band) {
      c -= band.module.score + 4;
      score += band.module.score;
    }
    if (c < bestCost) {
      bestCost = c;
      best = { groups, score, hole, placed: assign.flatMap((a, i) => (a >= 0 || a === -2 ? [stories[i].id] : [])), ...(band ? { band: { line: t.lines - band.module.height, module: band.module } } : {}) };
    }
  }
  return best;
}
