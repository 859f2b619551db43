import type { TFunction } from 'i18next';
import type { ComposeDiagnostic, ComposedIssue, StoryFit } from '../../../core/compose/types.js';
import type { Issue, Story } from '../../../core/model/issue.js';
import { placedStoryIds } from './threads.js';

/**
 * What the panels show about stories and pages: headline, length, fit (WoodWing's copyfit
 * states: fits / short by N lines / overset by N characters, layout-tools.md §1.1) and a
 * page's status mark from the composer's diagnostics.
 */

interface JsonNode {
  type: string;
  text?: string;
  content?: JsonNode[];
}

/** Plain text of a story block type (the first one), from the story's JSON. */
export function blockText(doc: Story['doc'], type: string): string {
  const node = ((doc as JsonNode).content ?? []).find((n) => n.type === type);
  return node ? textOf(node) : '';
}

function textOf(n: JsonNode): string {
  if (n.text !== undefined) return n.text;
  return (n.content ?? []).map(textOf).join('');
}

const charCounts = new WeakMap<object, number>();

/** Characters of a story as the desk counts them (字数): every character but spaces, headline block included. */
export function storyChars(doc: Story['doc']): number {
  const cached = charCounts.get(doc);
  if (cached !== undefined) return cached;
  let n = 0;
  const walk = (node: JsonNode) => {
    if (node.text !== undefined) for (const ch of node.text) if (!/\s/.test(ch)) n++;
    node.content?.forEach(walk);
  };
  walk(doc as JsonNode);
  charCounts.set(doc, n);
  return n;
}

export interface StoryRow {
  id: string;
  slug: string;
  headline: string;
  chars: number;
  /** Lines set on the page (placed stories), or the story's length in one column (unplaced, when measured). */
  lines?: number;
  placed: boolean;
  fit?: StoryFit;
}

/** One row per story of the issue, in issue order. */
export function storyRows(issue: Issue, composed: ComposedIssue, measureLines?: (storyId: string) => number | undefined): StoryRow[] {
  const placed = placedStoryIds(issue);
  return issue.stories.map((s) => {
    const layout = composed.stories[s.id];
    return {
      id: s.id,
      slug: s.slug,
      headline: blockText(s.doc, 'headline'),
      chars: storyChars(s.doc),
      lines: layout ? layout.lines.length : measureLines?.(s.id),
      placed: placed.has(s.id),
      fit: layout?.fit,
    };
  });
}

export type PageStatus = 'fits' | 'overset' | 'warnings';

/** A page's mark: overset when a story on it overflows (or any error), warnings when the composer warned, else fits. */
export function pageStatus(diagnostics: readonly ComposeDiagnostic[], pageIndex: number): { status: PageStatus; messages: string[]; diagnostics: ComposeDiagnostic[] } {
  const mine = diagnostics.filter((d) => d.pageIndex === pageIndex);
  const status: PageStatus = mine.some((d) => d.kind === 'overset' || d.severity === 'error') ? 'overset' : mine.length ? 'warnings' : 'fits';
  return { status, messages: mine.map((d) => d.message), diagnostics: mine };
}

/**
 * A composer's finding in the user's words, for a page thumbnail's tooltip: the flag's name
 * (溢出, 孤行 …), how much where the composer counted, and the story by its slug.
 */
export function diagnosticWords(t: TFunction, d: ComposeDiagnostic, storyName?: (id: string) => string | undefined): string {
  const count = d.count && (d.kind === 'overset' ? t('stories.overset', { count: d.count.chars }) : d.kind === 'underset' ? t('stories.short', { count: d.count.lines }) : '');
  const story = d.storyId ? storyName?.(d.storyId) : undefined;
  return `${t(`flag.${d.kind}`)}${count ? `（${count}）` : ''}${story ? ` · ${story}` : ''}`;
}
