import type { TFunction } from 'i18next';
import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import { copyfitTracking, type CopyfitResult } from '../../core/compose/copyfit.js';
import type { ComposeContext, StoryFit } from '../../core/compose/types.js';
import type { Issue } from '../../core/model/issue.js';
import { setStoryTracking, type Operation } from './model/operations.js';

/**
 * Copyfit (自动调整) of one story from the workspace: the search (core/compose/copyfit.ts) over
 * compositions of the issue as edited — a cache of its own, so each try recomposes only that
 * story — then one undoable operation, and what to tell the editor.
 */
export function copyfitStory(issue: Issue, ctx: ComposeContext, storyId: string): { result: CopyfitResult | null; op?: Operation } {
  const cache = new ComposeCache();
  const fitOf = (i: Issue): StoryFit | undefined => composeIssue(i, ctx, { cache }).stories[storyId]?.fit;
  const result = copyfitTracking(issue, storyId, ctx.templates, fitOf);
  const current = issue.stories.find((s) => s.id === storyId)?.tracking ?? 0;
  if (!result || Math.abs(result.tracking - current) < 1e-9) return { result };
  return { result, op: setStoryTracking(storyId, result.tracking, true) };
}

/** Tracking as the layout tools show it: thousandths of an em, signed (−25, +5, 0). */
export function trackingLabel(tracking: number): string {
  const n = Math.round(tracking * 1000);
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

function fitWords(t: TFunction, f: StoryFit): string {
  return f.state === 'overset' ? t('stories.overset', { count: f.chars }) : f.state === 'short' ? t('stories.short', { count: f.lines }) : t('stories.fits');
}

/** The status line after a copyfit. */
export function copyfitMessage(t: TFunction, r: CopyfitResult | null): string {
  if (!r) return t('copyfit.notPlaced');
  const values = { tracking: trackingLabel(r.tracking), before: fitWords(t, r.before), after: fitWords(t, r.fit) };
  if (r.atLimit) return t(r.fit.state === 'overset' ? 'copyfit.atLimitOver' : 'copyfit.atLimitShort', values);
  if (r.before.state === 'fits' && r.before.lines === 0 && r.fit === r.before) return t('copyfit.unchanged');
  return t('copyfit.done', values);
}
