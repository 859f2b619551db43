import { collectBlocks } from './blocks.js';
import { emit } from './emit.js';
import { storyFit } from './fit.js';
import { setHeadline } from './headline.js';
import { threadGrid } from './positions.js';
import { settle } from './settle.js';
import type { StoryInput, StoryResult } from './types.js';

export type { ClaimedPhoto, StoryInput, StoryResult } from './types.js';

/**
 * Composes one story through its thread of frames (cjk-typesetting.md §2): the headline block
 * over the first frame, then byline, body, subheads and figures line by line on the page's
 * baseline grid through every column of every frame, jump lines where the thread changes page;
 * what does not fit is counted as overset, never dropped. Each step is a stage of its own file.
 */
export function composeStory(input: StoryInput): StoryResult {
  const first = input.thread[0];
  // 1. The document's blocks: the headline block's parts, and what flows (§2.3).
  const blocks = collectBlocks(input.doc, first.template, input.story.tracking);
  // 2. The headline block over the first frame's span, in whole body lines (§1.9, §2.3).
  const headline = blocks.head.length ? setHeadline(blocks.head, first, input.cache) : undefined;
  // 3. The grid lines the text can take, around what it keeps out of, jump lines kept (§2.1, §2.4).
  const grid = threadGrid(input, headline?.box);
  // 4–5. The text flowed line by line, then reflowed for unused jump lines, column balance, widows (§1.8).
  const settled = settle({ grid, blocks: blocks.flow, input, template: first.template });
  // 6. How the story fits: fits, short or overset.
  const fit = storyFit(input, settled);
  // 7. Story lines, display items per page, diagnostics.
  return emit(input, headline, settled, fit);
}
