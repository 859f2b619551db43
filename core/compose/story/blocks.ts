import type { Node as PMNode } from 'prosemirror-model';
import { STORY_BLOCK_STYLES } from '../../model/story-schema.js';
import type { Template } from '../../templates/index.js';
import type { ParagraphStyleSpec } from '../../templates/schema.js';
import type { StyledRun } from '../../typeset/types.js';
import { blockRuns } from '../text.js';

/**
 * Stage 1, collect: the story document's blocks, each with its template style and styled runs.
 *
 * Input: the story document and the first frame's template. Output: {@link StoryBlocks}. The
 * 引题, 主题 and 副题 before the first other block form the headline block (cjk-typesetting.md
 * §2.3); everything else flows: byline, body, subheads, figures. A block type without a style
 * of its own is set as body.
 */
export interface StoryBlocks {
  /** The headline block's parts, in order (empty when the story starts with its text). */
  head: TextBlock[];
  /** What flows through the thread, in document order. */
  flow: FlowBlock[];
}

/** A textblock of the story: its node, its position in the document (before the node), style and runs. */
export interface TextBlock {
  kind: 'text';
  node: PMNode;
  pos: number;
  style: string;
  spec: ParagraphStyleSpec;
  runs: StyledRun[];
}

/** A figure of the story; `index` counts figures in document order (photo frames claim figures by it). */
export interface FigureBlock {
  kind: 'figure';
  node: PMNode;
  pos: number;
  index: number;
}

export type FlowBlock = TextBlock | FigureBlock;

const HEADLINE_PARTS = new Set(['kicker', 'headline', 'deck']);

/** `tracking`: the story's own body tracking (em), added to the body style's. */
export function collectBlocks(doc: PMNode, t: Template, tracking = 0): StoryBlocks {
  const head: TextBlock[] = [];
  const flow: FlowBlock[] = [];
  let figureIndex = 0;
  doc.forEach((node, offset) => {
    const name = node.type.name;
    if (name === 'figure') {
      flow.push({ kind: 'figure', node, pos: offset, index: figureIndex++ });
      return;
    }
    const style = STORY_BLOCK_STYLES[name as keyof typeof STORY_BLOCK_STYLES] ?? 'body';
    const base = t.style(style);
    const spec = tracking && style === 'body' ? { ...base, tracking: (base.tracking ?? 0) + tracking } : base;
    const block: TextBlock = { kind: 'text', node, pos: offset, style, spec, runs: blockRuns(node, spec) };
    if (HEADLINE_PARTS.has(name) && flow.length === 0) head.push(block);
    else flow.push(block);
  });
  return { head, flow };
}

/** Caption and credit of a figure node as text blocks (positions inside the story document). */
export function figureCaptionBlocks(figure: PMNode, figurePos: number, t: Template): TextBlock[] {
  const out: TextBlock[] = [];
  figure.forEach((child, offset) => {
    const name = child.type.name;
    if (name !== 'caption' && name !== 'credit') return;
    if (!child.textContent) return;
    const spec = t.style(name);
    out.push({ kind: 'text', node: child, pos: figurePos + 1 + offset, style: name, spec, runs: blockRuns(child, spec) });
  });
  return out;
}
