import type { Box } from '../../templates/index.js';
import { framePositions, type FrameGeometry, type LinePosition } from '../geometry.js';
import type { StoryInput } from './types.js';

/**
 * Stage 3, positions: the grid lines the story's text can take, in reading order.
 *
 * Input: the thread, what each frame's text keeps out of (the headline block's area added to
 * the first frame's), the printed page numbers. Output: a {@link ThreadGrid}, from which
 * {@link positionsFor} gives the {@link Positions} one flow uses: every free line of every
 * column of every frame on the page's baseline grid (图文互斥, cjk-typesetting.md §2.1), with a
 * line kept at each page change for the jump line (转版, §2.4): （下转第X版） at the foot of the
 * frame before, （上接第X版） at the head of the frame after.
 */
export interface ThreadGrid {
  thread: FrameGeometry[];
  /** Boxes each frame's text keeps out of, the headline block's included. */
  exclusions: Box[][];
  /** Each frame's line positions. */
  perFrame: LinePosition[][];
  /** Frame pairs (thread indexes) where the thread changes page and both sides have room for a jump line. */
  jumps: Array<{ from: number; to: number }>;
  pageNumbers: number[];
}

/** A line kept for a jump line. */
export interface ReservedJump {
  pos: LinePosition;
  text: string;
  align: 'left' | 'right';
}

/** The positions one flow fills, and the lines kept for jump lines. */
export interface Positions {
  positions: LinePosition[];
  reserved: ReservedJump[];
}

export function threadGrid(input: StoryInput, headlineBox: Box | undefined): ThreadGrid {
  const { thread } = input;
  const exclusions = input.exclusions.map((e) => e.slice());
  if (headlineBox) exclusions[0].push(headlineBox);
  const perFrame = thread.map((g, i) => framePositions(g, i, exclusions[i]));
  const jumps: ThreadGrid['jumps'] = [];
  for (let i = 0; i + 1 < thread.length; i++) {
    if (thread[i].pageIndex !== thread[i + 1].pageIndex && perFrame[i].length > 1 && perFrame[i + 1].length > 1) jumps.push({ from: i, to: i + 1 });
  }
  return { thread, exclusions, perFrame, jumps, pageNumbers: input.pageNumbers };
}

/**
 * The positions through the thread, with jump lines kept when `reserve` is set; `limit` caps
 * the lines of each column of one frame (column balance).
 */
export function positionsFor(grid: ThreadGrid, reserve: boolean, limit?: { frame: number; lines: number[] }): Positions {
  const { thread, jumps, pageNumbers } = grid;
  const positions: LinePosition[] = [];
  const reserved: ReservedJump[] = [];
  grid.perFrame.forEach((ps, i) => {
    let list = ps;
    if (limit && limit.frame === i) list = framePositions(thread[i], i, grid.exclusions[i], limit.lines);
    let from = 0;
    let to = list.length;
    if (reserve) {
      if (jumps.some((j) => j.to === i) && list.length) {
        reserved.push({ pos: list[0], text: `（上接第${pageNumbers[thread[i - 1].pageIndex]}版）`, align: 'left' });
        from = 1;
      }
      if (jumps.some((j) => j.from === i) && list.length) {
        reserved.push({ pos: list[list.length - 1], text: `（下转第${pageNumbers[thread[i + 1].pageIndex]}版）`, align: 'right' });
        to = list.length - 1;
      }
    }
    for (let k = from; k < to; k++) positions.push(list[k]);
  });
  return { positions, reserved };
}
