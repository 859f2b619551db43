import type { Frame, Issue, StoryFrame } from '../../../core/model/issue.js';

/**
 * Where frames are and how story frames thread (InDesign's "threading text"): a story's
 * frames form one chain linked by `next`, possibly across pages; the head is the frame no
 * other frame points to. A story no frame shows is *unplaced* — it stays in the issue.
 */

/** A frame with the page it sits on. */
export interface FrameAt<F extends Frame = Frame> {
  pageIndex: number;
  frame: F;
}

/** The frame with an id, and its page; undefined when no page holds it. */
export function findFrame(issue: Issue, id: string): FrameAt | undefined {
  for (let pageIndex = 0; pageIndex < issue.pages.length; pageIndex++) {
    const frame = issue.pages[pageIndex].frames.find((f) => f.id === id);
    if (frame) return { pageIndex, frame };
  }
  return undefined;
}

/** The story frame whose `next` is this frame, if any. */
export function previousFrame(issue: Issue, id: string): FrameAt<StoryFrame> | undefined {
  for (let pageIndex = 0; pageIndex < issue.pages.length; pageIndex++) {
    const frame = issue.pages[pageIndex].frames.find((f): f is StoryFrame => f.type === 'story' && f.next === id);
    if (frame) return { pageIndex, frame };
  }
  return undefined;
}

/** A story's frames in reading order: the thread from its head along `next` (cycles and strays cut). */
export function threadOf(issue: Issue, storyId: string): FrameAt<StoryFrame>[] {
  const mine: FrameAt<StoryFrame>[] = [];
  issue.pages.forEach((p, pageIndex) => p.frames.forEach((frame) => frame.type === 'story' && frame.storyId === storyId && mine.push({ pageIndex, frame })));
  if (mine.length <= 1) return mine;
  const byId = new Map(mine.map((f) => [f.frame.id, f]));
  const pointedTo = new Set(mine.map((f) => f.frame.next).filter((n): n is string => !!n));
  const head = mine.find((f) => !pointedTo.has(f.frame.id)) ?? mine[0];
  const out: FrameAt<StoryFrame>[] = [];
  const seen = new Set<string>();
  for (let at: FrameAt<StoryFrame> | undefined = head; at && !seen.has(at.frame.id); at = at.frame.next ? byId.get(at.frame.next) : undefined) {
    seen.add(at.frame.id);
    out.push(at);
  }
  // Frames of the story outside the chain (a damaged file) still count as placed, after the chain.
  for (const f of mine) if (!seen.has(f.frame.id)) out.push(f);
  return out;
}

/** Ids of the stories some frame shows (story frames, and photo frames of a story's figure). */
export function placedStoryIds(issue: Issue): Set<string> {
  const ids = new Set<string>();
  for (const p of issue.pages) for (const f of p.frames) if (f.type === 'story') ids.add(f.storyId);
  return ids;
}
