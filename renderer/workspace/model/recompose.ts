import type { ComposedIssue } from '../../../core/compose/types.js';
import type { Issue, Page } from '../../../core/model/issue.js';

/**
 * Recomposition after an edit, limited to what changed. Operations share every object they do
 * not change (operations.ts), so what changed is found by identity: pages that are new
 * objects, and the pages of stories that are new objects, closed over the threads that run
 * through them (a story set on one page pushes text on to the next). Only those pages get new
 * display lists; core/compose's cache recomposes only the changed stories (Scribus re-laid
 * out whole chains per keystroke: layout-tools.md §1.3).
 */

/** The whole-issue composer (core/compose's composeIssue with its context bound). */
export type ScreenComposer = (issue: Issue) => ComposedIssue;

/** What one recomposition did. */
export interface RecomposeResult {
  composed: ComposedIssue;
  /** Indexes (in the new issue) of the pages composed again. */
  pages: number[];
}

const ISSUE_FIELDS = ['paper', 'issueNumber', 'totalNumber', 'date', 'edition', 'serial', 'publisher', 'assets'] as const;

/** Stories a page shows text of (story frames, photo frames of a story's figure). */
function storiesOn(page: Page): string[] {
  const ids: string[] = [];
  for (const f of page.frames) if ((f.type === 'story' || f.type === 'photo') && f.storyId) ids.push(f.storyId);
  return ids;
}

/**
 * The pages to compose again, in the new issue's order; all pages when issue-wide fields
 * (date, paper, assets …) changed or there is no previous result.
 */
export function pagesToRecompose(prev: Issue | undefined, next: Issue): number[] {
  const all = next.pages.map((_, i) => i);
  if (!prev || ISSUE_FIELDS.some((k) => prev[k] !== next[k])) return all;
  const affected = new Set<number>();
  next.pages.forEach((p, i) => {
    if (prev.pages[i] !== p) affected.add(i);
  });
  const oldStories = new Map(prev.stories.map((s) => [s.id, s]));
  const changedStories = new Set(next.stories.filter((s) => oldStories.get(s.id) !== s).map((s) => s.id));
  const pagesByStory = new Map<string, number[]>();
  next.pages.forEach((p, i) => {
    for (const id of storiesOn(p)) {
      const list = pagesByStory.get(id) ?? [];
      list.push(i);
      pagesByStory.set(id, list);
    }
  });
  for (const id of changedStories) for (const i of pagesByStory.get(id) ?? []) affected.add(i);
  // Close over threads: every page of every story set on an affected page.
  const queue = [...affected];
  while (queue.length) {
    const i = queue.pop()!;
    for (const id of storiesOn(next.pages[i])) {
      for (const j of pagesByStory.get(id) ?? []) {
        if (!affected.has(j)) {
          affected.add(j);
          queue.push(j);
        }
      }
    }
  }
  return [...affected].sort((a, b) => a - b);
}

/**
 * Composes `next` and keeps `prev`'s display page objects for every page that cannot have
 * changed, so the page painter (memoised on its display page) repaints only what changed.
 * The composer itself is incremental per story (core/compose's ComposeCache, by identity);
 * when no page can have changed it is not called at all.
 */
export function recompose(compose: ScreenComposer, next: Issue, prev?: { issue: Issue; composed: ComposedIssue }): RecomposeResult {
  const pages = pagesToRecompose(prev?.issue, next);
  if (!prev || pages.length === next.pages.length) return { composed: compose(next), pages };
  if (!pages.length) return { composed: prev.composed, pages };
  const composed = compose(next);
  const affected = new Set(pages);
  // Unaffected pages are the same objects at the same index as before (else they would be affected).
  const outPages = composed.pages.map((page, i) => (affected.has(i) ? page : prev.composed.pages[i]));
  return { composed: { ...composed, pages: outPages }, pages };
}
