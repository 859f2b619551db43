import type { PreflightFindingDto } from '../../../core/api/methods.js';
import type { Issue } from '../../../core/model/issue.js';

/**
 * Where a preflight finding is on the issue, for the preflight panel to show it: the page (by
 * its printed number) and the frame — the photo frame of its asset on that page, else the first
 * frame of its story on that page, else the story's first frame anywhere. No DOM: tested under Node.
 */
export function findingTarget(issue: Issue, f: Pick<PreflightFindingDto, 'page' | 'storyId' | 'assetId'>): { pageIndex: number; frameId?: string } | null {
  const pageIndex = f.page === undefined ? -1 : issue.pages.findIndex((p) => p.number === f.page);
  const onPage = pageIndex >= 0 ? [issue.pages[pageIndex]] : [];
  const search = (pages: Issue['pages'], test: (fr: Issue['pages'][number]['frames'][number]) => boolean) => {
    for (const p of pages) {
      const fr = p.frames.find(test);
      if (fr) return { pageIndex: issue.pages.indexOf(p), frameId: fr.id };
    }
    return null;
  };
  if (f.assetId) {
    const hit = search(onPage, (fr) => fr.type === 'photo' && fr.assetId === f.assetId) ?? search(issue.pages, (fr) => fr.type === 'photo' && fr.assetId === f.assetId);
    if (hit) return hit;
  }
  if (f.storyId) {
    const hit = search(onPage, (fr) => fr.type === 'story' && fr.storyId === f.storyId) ?? search(issue.pages, (fr) => fr.type === 'story' && fr.storyId === f.storyId);
    if (hit) return hit;
  }
  return pageIndex >= 0 ? { pageIndex } : null;
}
