import type { ComposedIssue, StoryLayout } from '../../../core/compose/types.js';
import type { Issue, Page } from '../../../core/model/issue.js';

/**
 * Recomposition after an edit, limited to what changed. Operations share every object they do
 * not change (operations.ts), so what changed is found by identity: pages that are new
 * objects, and the pages of stories that are new objects. Those pages, closed over the
 * threads that run through them (a story set on one page pushes text on to the next), are
 * composed as a smaller issue and spliced into the previous result; every other page keeps
 * its display list, story layouts and diagnostics. A keystroke in a one-page story composes
 * one page (Scribus re-laid out whole chains per keystroke: layout-tools.md §1.3).
 */

/** The whole-issue composer (core/compose's composeIssue with its context bound). */
export type IssueComposer = (issue: Issue) => ComposedIssue;

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

/** Composes `next`, reusing `prev`'s result for every page that cannot have changed. */
export function recompose(compose: IssueComposer, next: Issue, prev?: { issue: Issue; composed: ComposedIssue }): RecomposeResult {
  const pages = pagesToRecompose(prev?.issue, next);
  if (!prev || pages.length === next.pages.length) return { composed: compose(next), pages };
  if (!pages.length) return { composed: prev.composed, pages };

  const sub = compose({ ...next, pages: pages.map((i) => next.pages[i]) });
  const affected = new Set(pages);
  const real = (subIndex: number) => pages[subIndex];

  // Unaffected pages are the same objects at the same index as before (else they would be affected).
  const outPages = next.pages.map((_, i) => (affected.has(i) ? sub.pages[pages.indexOf(i)] : prev.composed.pages[i]));

  const onAffected = new Set<string>();
  for (const i of pages) for (const id of storiesOn(next.pages[i])) onAffected.add(id);
  const stories: Record<string, StoryLayout> = {};
  for (const [id, layout] of Object.entries(prev.composed.stories)) {
    if (onAffected.has(id) || layout.lines.some((l) => affected.has(l.pageIndex))) continue;
    if (!next.stories.some((s) => s.id === id)) continue;
    stories[id] = layout;
  }
  for (const [id, layout] of Object.entries(sub.stories)) {
    stories[id] = { ...layout, lines: layout.lines.map((l) => ({ ...l, pageIndex: real(l.pageIndex) })) };
  }

  const diagnostics = [
    ...prev.composed.diagnostics.filter((d) => !affected.has(d.pageIndex) && !(d.storyId && onAffected.has(d.storyId))),
    ...sub.diagnostics.map((d) => ({ ...d, pageIndex: real(d.pageIndex) })),
  ].sort((a, b) => a.pageIndex - b.pageIndex);

  return { composed: { pages: outPages, diagnostics, stories }, pages };
}
