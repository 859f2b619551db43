import type { StoryFit } from '../types.js';
import type { Settled } from './settle.js';
import type { StoryInput, StoryNote } from './types.js';

/**
 * Stage 6, fit: how the story fits its thread, in the editor's units.
 *
 * Input: the story input and the settled flow. Output: {@link StoryFitResult}. Overset when
 * text is left over (an error on the thread's last frame, with its lines and characters);
 * short when more lines stay empty than the last frame has columns (a warning, with the
 * characters that would fill them at the column's width); otherwise it fits.
 */
export interface StoryFitResult {
  fit: StoryFit;
  note?: StoryNote;
}

export function storyFit(input: StoryInput, settled: Settled): StoryFitResult {
  const { story, thread } = input;
  const { built, flow } = settled;
  const name = story.slug || story.id;
  if (flow.overset.lines > 0) {
    const at = thread[thread.length - 1];
    const count = { lines: flow.overset.lines, chars: flow.overset.chars };
    return {
      fit: { state: 'overset', lines: flow.overset.lines, chars: flow.overset.chars },
      note: { severity: 'error', kind: 'overset', pageIndex: at.pageIndex, message: `story "${name}" is overset by ${flow.overset.lines} line(s), ${flow.overset.chars} character(s)`, frameId: at.frame.id, count },
    };
  }
  const lastG = thread[Math.max(0, flow.lastFrame)];
  const empty = built.positions.length - flow.nextIndex;
  const tolerance = lastG.columns.length;
  const perLine = Math.floor(lastG.columns[0].w / thread[0].template.em + 1e-6);
  if (empty <= tolerance) return { fit: { state: 'fits', lines: 0, chars: 0 } };
  return {
    fit: { state: 'short', lines: empty, chars: empty * perLine },
    note: { severity: 'warning', kind: 'underset', pageIndex: lastG.pageIndex, message: `story "${name}" leaves ${empty} empty line(s) (about ${empty * perLine} characters)`, frameId: lastG.frame.id, count: { lines: empty, chars: empty * perLine } },
  };
}
