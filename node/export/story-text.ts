import type { Story } from '../../core/model/issue.js';

/**
 * Reading a story's ProseMirror JSON for reports: the headline block, byline, and the
 * paragraph and character counts the desk uses.
 */

interface PmNode {
  type: string;
  text?: string;
  content?: PmNode[];
}

/** Plain text of a node. */
export function nodeText(node: PmNode): string {
  if (typeof node.text === 'string') return node.text;
  return (node.content ?? []).map(nodeText).join('');
}

export interface StorySummary {
  id: string;
  slug: string;
  kicker?: string;
  headline?: string;
  deck?: string;
  byline?: string;
  paragraphs: number;
  /** Characters of all text in the story (headline block, body, captions), spaces excluded. */
  characters: number;
  figures: number;
}

/** The headline block, byline and counts of a story. */
export function summarizeStory(story: Story): StorySummary {
  const blocks = ((story.doc as PmNode).content ?? []) as PmNode[];
  const first = (type: string) => {
    const b = blocks.find((x) => x.type === type);
    return b ? nodeText(b) : undefined;
  };
  const bylines = blocks.filter((b) => b.type === 'byline').map(nodeText);
  const all = nodeText(story.doc as PmNode);
  return {
    id: story.id,
    slug: story.slug,
    kicker: first('kicker'),
    headline: first('headline'),
    deck: first('deck'),
    byline: bylines.length ? bylines.join(' / ') : undefined,
    paragraphs: blocks.filter((b) => b.type === 'paragraph').length,
    characters: all.replace(/\s+/g, '').length,
    figures: blocks.filter((b) => b.type === 'figure').length,
  };
}

/** How the editor names a story: its headline, else its slug, else its id. */
export function storyTitle(story: Story): string {
  const s = summarizeStory(story);
  return s.headline || s.slug || story.id;
}

/** The story's text in reading order, blocks joined without separators (for comparing with pdftotext). */
export function storyPlainText(story: Story): string {
  const blocks = ((story.doc as PmNode).content ?? []) as PmNode[];
  return blocks.map(nodeText).join('');
}
