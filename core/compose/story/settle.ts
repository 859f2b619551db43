import type { Template } from '../../templates/index.js';
import type { FlowBlock } from './blocks.js';
import { flow, type Flow } from './flow.js';
import { positionsFor, type Positions, type ThreadGrid } from './positions.js';
import type { StoryInput } from './types.js';

/**
 * Stage 5, settle: the flow reworked where the page asks for it, each step flowing the story
 * again into other positions and keeping the result only when it still holds all the text.
 *
 * Input: the {@link ThreadGrid} and the flowing blocks. Output: {@link Settled}, the positions
 * and the flow to emit. In order: flowed with a line kept for every jump line (§2.4); without
 * jump lines when the text never reaches the frame after the page change; then, when the last
 * frame holding text balances its columns, the fewest lines per column that still hold the
 * text, as many trailing columns as possible one line shorter (28,27,27,27 rather than
 * 28,28,28,25); otherwise a widow (孤行, cjk-typesetting.md §1.8) moves to the next column with
 * the line before it where the story has empty lines to spare.
 */
export interface Settled {
  built: Positions;
  flow: Flow;
}

/** What every step flows: the grid, the blocks, the story input and the first frame's template. */
export interface SettleContext {
  grid: ThreadGrid;
  blocks: FlowBlock[];
  input: StoryInput;
  template: Template;
}

export function settle(ctx: SettleContext): Settled {
  const built = positionsFor(ctx.grid, true);
  let s = dropUnusedJumps({ built, flow: flowInto(ctx, built) }, ctx);
  const lf = s.flow.lastFrame;
  if (lf >= 0 && ctx.grid.thread[lf].frame.balance) s = balanceColumns(s, lf, ctx);
  else s = moveWidows(s, ctx);
  return s;
}

function flowInto(ctx: SettleContext, built: Positions): Flow {
  return flow(ctx.blocks, built.positions, ctx.input, ctx.template);
}

/** A story that never reaches the frame after a page change needs no jump lines there. */
function dropUnusedJumps(s: Settled, ctx: SettleContext): Settled {
  const { jumps } = ctx.grid;
  if (!jumps.length) return s;
  const lastFrame = s.flow.lastFrame;
  if (!jumps.every((j) => j.from >= lastFrame)) return s;
  const plain = positionsFor(ctx.grid, false);
  const retry = flowInto(ctx, plain);
  if (retry.overset.lines === 0 && retry.lastFrame <= lastFrame) return { built: { positions: plain.positions, reserved: [] }, flow: retry };
  return s;
}

/** Column balance of frame lf, the last holding text: the fewest lines per column that still hold it. */
function balanceColumns(s: Settled, lf: number, ctx: SettleContext): Settled {
  const g = ctx.grid.thread[lf];
  if (s.flow.overset.lines !== 0 || g.columns.length <= 1) return s;
  const inFrame = s.flow.used.filter((p) => p.frame === lf).length;
  const total = g.lastTextLine - g.firstTextLine + 1;
  const n = g.columns.length;
  const reserve = s.built.reserved.length > 0;
  const tryLimits = (lines: number[]): Settled | undefined => {
    const built = positionsFor(ctx.grid, reserve, { frame: lf, lines });
    const f = flowInto(ctx, built);
    return f.overset.lines === 0 && f.lastFrame <= lf ? { built, flow: f } : undefined;
  };
  for (let m = Math.max(1, Math.ceil(inFrame / n)); m < total; m++) {
    const ok = tryLimits(new Array(n).fill(m));
    if (!ok) continue;
    // Then as many trailing columns as possible one line shorter: 28,27,27,27 rather than 28,28,28,25.
    for (let k = n - 1; k >= 1; k--) {
      const shorter = tryLimits(Array.from({ length: n }, (_, c) => (c >= n - k ? m - 1 : m)));
      if (shorter) return shorter;
    }
    return ok;
  }
  return s;
}

/**
 * A paragraph's last line alone at a column top (widow): where the story has empty lines to
 * spare, the line before it moves over too, leaving the empty line at the previous column's
 * foot. Up to four rounds, each kept only when it leaves fewer widows and no overset.
 */
function moveWidows(s: Settled, ctx: SettleContext): Settled {
  let { built, flow: current } = s;
  for (let round = 0; round < 4 && current.widows.length; round++) {
    const spare = built.positions.length - current.nextIndex;
    const fixable = current.widows.filter((w) => w > 0).slice(0, Math.max(0, spare - 1));
    if (!fixable.length) break;
    const skip = new Set(fixable.map((w) => built.positions[w - 1]));
    const positions = built.positions.filter((x) => !skip.has(x));
    const f = flow(ctx.blocks, positions, ctx.input, ctx.template);
    if (f.overset.lines > 0 || f.widows.length >= current.widows.length) break;
    built = { positions, reserved: built.reserved };
    current = f;
  }
  return { built, flow: current };
}
