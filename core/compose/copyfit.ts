import type { Issue } from '../model/issue.js';
import type { TemplateRegistry } from '../templates/index.js';
import type { StoryFit } from './types.js';

/**
 * Copyfit (飞腾's 自动调整): make a story fill its frames exactly by changing the tracking (字距)
 * of its body paragraphs within the template's limits — tighter for copy that runs over, looser
 * for copy that leaves lines empty — and never beyond them. The body stays on the baseline grid,
 * so tracking is what can change: a CJK column gains or loses a character a line in steps, which
 * the search tries one by one, in thousandths of an em as the layout tools count tracking.
 */

/** Body tracking copyfit may use when the template says nothing, em. */
export const COPYFIT_DEFAULT = { trackingMin: -0.08, trackingMax: 0.05 } as const;

/** The search's step: 5/1000 em (a tracking value a layout editor would type). */
export const COPYFIT_STEP = 0.005;

export interface CopyfitResult {
  /** The tracking chosen (em), rounded to the step; the story's current one when nothing better exists. */
  tracking: number;
  /** How the story fits with it. */
  fit: StoryFit;
  /** How it fitted before. */
  before: StoryFit;
  /** The limits searched (the first frame's template). */
  limits: { trackingMin: number; trackingMax: number };
  /** At the limit and still over (or short): the copy must be cut (or added to). */
  atLimit: boolean;
}

const round = (x: number) => Math.round(x / COPYFIT_STEP) * COPYFIT_STEP;
const fixed = (x: number) => Number(x.toFixed(3));

/**
 * The tracking that fits `storyId` in its frames best: for overset copy the loosest value that
 * leaves nothing over; for short copy the loosest that still fits (filling the empty lines); copy
 * that fits stays as it is. `fitOf` composes the issue and answers the story's fit (a cached
 * composition recomposes only that story). Null when the story is not placed.
 */
export function copyfitTracking(issue: Issue, storyId: string, templates: TemplateRegistry, fitOf: (issue: Issue) => StoryFit | undefined): CopyfitResult | null {
  const story = issue.stories.find((s) => s.id === storyId);
  const page = issue.pages.find((p) => p.frames.some((f) => f.type === 'story' && f.storyId === storyId));
  if (!story || !page) return null;
  const limits = templates.get(page.templateId)?.spec.copyfit ?? COPYFIT_DEFAULT;
  const current = story.tracking ?? 0;
  const withTracking = (tracking: number): Issue => ({ ...issue, stories: issue.stories.map((s) => (s.id === storyId ? withStoryTracking(s, tracking) : s)) });
  const before = fitOf(issue);
  if (!before) return null;
  const at = (tracking: number) => fitOf(withTracking(tracking)) ?? before;
  const lo = round(limits.trackingMin);
  const hi = round(limits.trackingMax);
  // Overset: tighten from where it is until nothing is left over.
  if (before.state === 'overset') {
    for (let t = round(Math.min(current, hi)) - COPYFIT_STEP; t >= lo - 1e-9; t -= COPYFIT_STEP) {
      const fit = at(t);
      if (fit.state !== 'overset') return { tracking: fixed(t), fit, before, limits, atLimit: false };
    }
    return { tracking: fixed(lo), fit: at(lo), before, limits, atLimit: true };
  }
  // Short (or fitting with a line to spare): loosen while it still fits; keep the loosest that does.
  let best = { tracking: current, fit: before };
  // Start from the tightest allowed when the story was tightened before: the loosest fit is searched from there up.
  for (let t = round(Math.max(current, lo)) + COPYFIT_STEP; t <= hi + 1e-9; t += COPYFIT_STEP) {
    const fit = at(t);
    if (fit.state === 'overset') break;
    if (fit.lines < best.fit.lines || (best.fit.state !== 'fits' && fit.state === 'fits')) best = { tracking: t, fit };
    if (fit.state === 'fits' && fit.lines === 0) break;
  }
  return { tracking: fixed(best.tracking), fit: best.fit, before, limits, atLimit: best.fit.state === 'short' && best.tracking >= hi - 1e-9 };
}

/** A story with this body tracking (none at 0). */
export function withStoryTracking<S extends { tracking?: number }>(s: S, tracking: number): S {
  const { tracking: _old, ...rest } = s;
  return (Math.abs(tracking) < 1e-9 ? rest : { ...rest, tracking: fixed(tracking) }) as S;
}
