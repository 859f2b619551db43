import type { Frame, Issue, Page } from '../../../core/model/issue.js';
import { blockText } from './summary.js';

/**
 * The keyboard's way through a page's frames (Tab, Shift+Tab): in reading order — top to bottom,
 * then left to right, as a horizontal Chinese page is read — and out of the canvas at either end
 * (focus is never trapped on the page).
 */

/** The page's frames in reading order: by first line, then first column; the file's order breaks ties. */
export function readingOrder(page: Page): Frame[] {
  return page.frames
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.rect.line - b.f.rect.line || a.f.rect.column - b.f.rect.column || a.i - b.i)
    .map((x) => x.f);
}

/**
 * The frame Tab (step 1) or Shift+Tab (step −1) goes to from `from` (none selected: the first or
 * the last), or null past either end: the key then moves focus on out of the page.
 */
export function frameAfter(page: Page, from: string | null, step: 1 | -1): string | null {
  const order = readingOrder(page);
  if (!order.length) return null;
  const at = from === null ? -1 : order.findIndex((f) => f.id === from);
  if (at < 0) return (step === 1 ? order[0] : order[order.length - 1]).id;
  return order[at + step]?.id ?? null;
}

/** What a frame is, for its accessible name: kind and the words that tell it apart (headline, caption, banner). */
export function frameWords(issue: Issue, frame: Frame): { kind: Frame['type']; words: string } {
  const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
  switch (frame.type) {
    case 'story': {
      const story = issue.stories.find((s) => s.id === frame.storyId);
      return { kind: 'story', words: cut(story ? blockText(story.doc, 'headline') || story.slug || blockText(story.doc, 'paragraph') : frame.storyId) };
    }
    case 'photo': {
      const asset = frame.assetId ? issue.assets.find((a) => a.id === frame.assetId) : undefined;
      return { kind: 'photo', words: cut(frame.captionText ?? asset?.path.split('/').pop() ?? '') };
    }
    case 'banner':
      return { kind: 'banner', words: cut(frame.text) };
    case 'rule':
      return { kind: 'rule', words: '' };
  }
}
