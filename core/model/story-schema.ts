import { Schema, type NodeSpec, type MarkSpec } from 'prosemirror-model';

/**
 * The ProseMirror schema of one story (稿件): the headline block (kicker 引题, headline 主题,
 * deck 副题), byline, body paragraphs and subheads (小标题), and figures (photo + caption + credit).
 * Every story in an issue file is a document of this schema, stored as its JSON.
 */
const nodes: Record<string, NodeSpec> = {
  doc: { content: 'kicker? headline? deck? byline* block*' },
  kicker: { content: 'inline*', marks: '_', defining: true, toDOM: () => ['p', { class: 'kicker' }, 0], parseDOM: [{ tag: 'p.kicker' }] },
  headline: { content: 'inline*', marks: '_', defining: true, toDOM: () => ['h1', 0], parseDOM: [{ tag: 'h1' }] },
  deck: { content: 'inline*', marks: '_', defining: true, toDOM: () => ['p', { class: 'deck' }, 0], parseDOM: [{ tag: 'p.deck' }] },
  byline: { content: 'inline*', marks: '_', toDOM: () => ['p', { class: 'byline' }, 0], parseDOM: [{ tag: 'p.byline' }] },
  paragraph: { group: 'block', content: 'inline*', toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] },
  subhead: { group: 'block', content: 'inline*', defining: true, toDOM: () => ['h3', 0], parseDOM: [{ tag: 'h3' }, { tag: 'h2' }, { tag: 'h4' }] },
  figure: {
    group: 'block',
    content: 'photo caption? credit?',
    isolating: true,
    toDOM: () => ['figure', 0],
    parseDOM: [{ tag: 'figure' }],
  },
  photo: {
    attrs: {
      /** Asset id in the issue, or null for a photo waiting for its image. */
      assetId: { default: null },
      alt: { default: '' },
    },
    atom: true,
    toDOM: (node) => ['div', { class: 'photo', 'data-asset': node.attrs.assetId ?? '' }],
    parseDOM: [{ tag: 'div.photo', getAttrs: (dom) => ({ assetId: (dom as { getAttribute(n: string): string | null }).getAttribute('data-asset') || null }) }],
  },
  caption: { content: 'inline*', toDOM: () => ['figcaption', 0], parseDOM: [{ tag: 'figcaption' }] },
  credit: { content: 'text*', marks: '', toDOM: () => ['p', { class: 'credit' }, 0], parseDOM: [{ tag: 'p.credit' }] },
  text: { group: 'inline' },
};

const marks: Record<string, MarkSpec> = {
  bold: { toDOM: () => ['strong', 0], parseDOM: [{ tag: 'strong' }, { tag: 'b' }] },
  /** Emphasis: 着重号 or 楷体, as the template's emphasis style says. */
  emphasis: { toDOM: () => ['em', 0], parseDOM: [{ tag: 'em' }, { tag: 'i' }] },
};

/** The story schema shared by the composer, the editor, import and the file store. */
export const storySchema = new Schema({ nodes, marks });

/** Block node names that the composer sets as paragraphs, with the paragraph style they use. */
export const STORY_BLOCK_STYLES = {
  kicker: 'kicker',
  headline: 'headline',
  deck: 'deck',
  byline: 'byline',
  paragraph: 'body',
  subhead: 'subhead',
  caption: 'caption',
  credit: 'credit',
} as const;

export type StoryBlockName = keyof typeof STORY_BLOCK_STYLES;
