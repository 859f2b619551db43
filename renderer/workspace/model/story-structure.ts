import type { Issue, Page, Story } from '../../../core/model/issue.js';
import { OperationError, type Operation } from './operations.js';
import { threadOf } from './threads.js';

/**
 * The importer's structure decisions undone by hand (issue 18: "every decision one click to
 * change"): a "story" that is really a 小标题 of the one before it goes back into it, and a story
 * that is really two is split at a block. Both are whole-issue operations — one undo step each —
 * that keep every character, every photo with its figure, and the frames the text flowed in.
 */

interface JsonNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: unknown[];
  content?: JsonNode[];
}

const HEAD = new Set(['kicker', 'headline', 'deck']);
const contentOf = (s: Story): JsonNode[] => ((s.doc as { content?: JsonNode[] }).content ?? []).slice();
const withContent = (s: Story, content: JsonNode[]): Story => ({ ...s, doc: { ...s.doc, type: 'doc', content } });
const figures = (nodes: readonly JsonNode[]) => nodes.filter((n) => n.type === 'figure').length;
const plain = (n: JsonNode): string => (n.text !== undefined ? n.text : (n.content ?? []).map(plain).join(''));

/** The story before `storyId` in the issue's order (the copy's order, as imported), or undefined. */
export function previousStory(issue: Issue, storyId: string): Story | undefined {
  const i = issue.stories.findIndex((s) => s.id === storyId);
  return i > 0 ? issue.stories[i - 1] : undefined;
}

/**
 * 并入上一篇（作小标题）: the story's headline block becomes 小标题 of the story before it (引题,
 * 主题 and 副题 each a 小标题, a 署名 a paragraph), its body follows. Its photo frames become the
 * previous story's figures (numbered on after that story's own), and its story frames continue the
 * previous story's thread, so the merged text runs on where both stood. The story itself goes.
 */
export function mergeIntoPrevious(storyId: string): Operation {
  return {
    label: { key: 'struct.op.merge' },
    run(issue) {
      const story = issue.stories.find((s) => s.id === storyId);
      if (!story) throw new OperationError('error.noStory', { id: storyId });
      const into = previousStory(issue, storyId);
      if (!into) throw new OperationError('struct.error.noPrevious');
      const mine = contentOf(story);
      const theirs = contentOf(into);
      const moved = mine.map((n): JsonNode => (HEAD.has(n.type) ? { ...n, type: 'subhead' } : n.type === 'byline' ? { ...n, type: 'paragraph' } : n)).filter((n) => n.type !== 'subhead' || plain(n).trim() !== '');
      const offset = figures(theirs);
      // The previous story's thread runs on into this story's frames, in their own order.
      const last = threadOf(issue, into.id).at(-1)?.frame.id;
      const frames = threadOf(issue, storyId).map((a) => a.frame.id);
      const pages = issue.pages.map((p): Page => {
        if (!p.frames.some((f) => ((f.type === 'story' || f.type === 'photo') && f.storyId === storyId) || f.id === last)) return p;
        return {
          ...p,
          frames: p.frames.map((f) => {
            if (f.type === 'photo' && f.storyId === storyId) return { ...f, storyId: into.id, figure: (f.figure ?? 0) + offset };
            if (f.type !== 'story') return f;
            if (f.id === last && frames.length) return { ...f, next: frames[0] };
            if (f.storyId === storyId) return { ...f, storyId: into.id };
            return f;
          }),
        };
      });
      return {
        ...issue,
        pages,
        stories: issue.stories.filter((s) => s.id !== storyId).map((s) => (s.id === into.id ? withContent(into, [...theirs, ...moved]) : s)),
      };
    },
  };
}

/** Whether a story can be split before its top-level block `index`: a body block with something before it. */
export function canSplitAt(story: Story, index: number): boolean {
  const content = contentOf(story);
  const node = content[index];
  return index > 0 && !!node && !HEAD.has(node.type) && node.type !== 'byline';
}

/**
 * 从此处拆分稿件: the story's blocks from `index` on become a new story (a 小标题 there becomes its
 * 主题), placed after it in the issue and unplaced; the photos of the figures that go with them go
 * too (their frames now the new story's). The story keeps its frames with the text before `index`.
 */
export function splitStoryAt(storyId: string, index: number, newId?: string): Operation {
  return {
    label: { key: 'struct.op.split' },
    run(issue, env) {
      const id = newId ?? env.newId('s');
      const at = issue.stories.findIndex((s) => s.id === storyId);
      if (at < 0) throw new OperationError('error.noStory', { id: storyId });
      const story = issue.stories[at];
      if (!canSplitAt(story, index)) throw new OperationError('struct.error.cannotSplit');
      if (issue.stories.some((s) => s.id === id)) throw new OperationError('struct.error.cannotSplit');
      const content = contentOf(story);
      const keep = content.slice(0, index);
      const rest = content.slice(index);
      if (rest[0].type === 'subhead') rest[0] = { ...rest[0], type: 'headline' };
      const kept = figures(keep);
      const head = plain(rest[0]).trim();
      const fresh: Story = { id, slug: head.slice(0, 12) || (story.slug ? `${story.slug} (2)` : ''), status: story.status, ...(story.tracking !== undefined ? { tracking: story.tracking } : {}), doc: { type: 'doc', content: rest } };
      const stories = issue.stories.slice();
      stories.splice(at, 1, withContent(story, keep), fresh);
      const pages = issue.pages.map((p): Page =>
        p.frames.some((f) => f.type === 'photo' && f.storyId === storyId && (f.figure ?? 0) >= kept)
          ? { ...p, frames: p.frames.map((f) => (f.type === 'photo' && f.storyId === storyId && (f.figure ?? 0) >= kept ? { ...f, storyId: id, figure: (f.figure ?? 0) - kept } : f)) }
          : p,
      );
      return { ...issue, pages, stories };
    },
  };
}
