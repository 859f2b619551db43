import type { Box, Template } from '../../templates/index.js';
import type { TypesetDiagnostic, TypesetLine } from '../../typeset/types.js';
import type { LinePosition } from '../geometry.js';
import { lineChars, typesetStyle } from '../text.js';
import { figureCaptionBlocks, type FigureBlock, type FlowBlock, type TextBlock } from './blocks.js';
import type { StoryInput } from './types.js';

/**
 * Stage 4, flow: the flowing blocks set line by line into a list of positions.
 *
 * Input: the blocks, the positions (from {@link positionsFor}), the story input and the first
 * frame's template. Output: a {@link Flow}. Each paragraph is set into the slots of the lines
 * it lands on (a line beside a photo is shorter). A subhead keeps with the paragraph after it:
 * rather than end a column it moves to the next. An inline figure takes consecutive
 * full-width lines of one column, the column's width and its image's aspect, its caption under
 * it and one empty line after (unless the column ends there); where it does not fit it tries
 * the next column. Figures shown in photo frames are skipped here. What does not fit is
 * counted as overset (lines and characters), never dropped; a body paragraph's last line
 * alone at a column top is noted as a widow (孤行, cjk-typesetting.md §1.8).
 */
export interface Flow {
  placed: Placed[];
  figures: PlacedFigure[];
  used: LinePosition[];
  /** Index of the first position after the text. */
  nextIndex: number;
  /** Thread index of the last frame holding text, -1 when none. */
  lastFrame: number;
  overset: { lines: number; chars: number };
  typesetDiagnostics: Array<{ d: TypesetDiagnostic; frame: number }>;
  /** Indexes (in the positions) of paragraph last lines left alone at a column top. */
  widows: number[];
}

/** A set line at its position. */
export interface Placed {
  block: TextBlock;
  line: TypesetLine;
  position: LinePosition;
}

/** An inline figure: thread index of its frame, the image's box, its caption lines. */
export interface PlacedFigure {
  block: FigureBlock;
  frame: number;
  box: Box;
  captions: Placed[];
}

/** Whether position i starts a new column (or frame). */
export const startsColumn = (ps: LinePosition[], i: number) => i > 0 && i < ps.length && (ps[i].frame !== ps[i - 1].frame || ps[i].column !== ps[i - 1].column);

export function flow(blocks: FlowBlock[], ps: LinePosition[], input: StoryInput, t: Template): Flow {
  const placed: Placed[] = [];
  const figures: PlacedFigure[] = [];
  const used: LinePosition[] = [];
  const typesetDiagnostics: Flow['typesetDiagnostics'] = [];
  const widows: number[] = [];
  const overset = { lines: 0, chars: 0 };
  const fallbackSlot = { width: ps.length ? ps[ps.length - 1].columnWidth : t.columnWidth, offset: 0 };
  let p = 0;
  const setAt = (b: TextBlock, at: number) => input.cache.set(b.runs, typesetStyle(b.spec), b.style, (i) => (at + i < ps.length ? ps[at + i].slot : fallbackSlot));
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    if (b.kind === 'figure') {
      if (input.photos.has(b.index)) continue;
      const r = placeFigure(b, ps, p, input, t);
      if (!r) {
        overset.lines += 1;
        overset.chars += [...b.node.textContent].filter((c) => c.trim()).length;
        p = ps.length;
        continue;
      }
      figures.push({ block: b, frame: ps[r.start].frame, box: r.box, captions: r.captions });
      for (let k = r.start; k < r.end; k++) used.push(ps[k]);
      p = r.end;
      continue;
    }
    let layout = setAt(b, p);
    // A subhead keeps with the paragraph after it: it moves to the next column rather than end one.
    if (b.style === 'subhead' && bi + 1 < blocks.length && p + layout.lines.length < ps.length && startsColumn(ps, p + layout.lines.length)) {
      p += layout.lines.length;
      layout = setAt(b, p);
    }
    if (layout.diagnostics.length) for (const d of layout.diagnostics) typesetDiagnostics.push({ d, frame: ps[Math.min(p, ps.length - 1)]?.frame ?? 0 });
    const lastAt = p + layout.lines.length - 1;
    if (b.style === 'body' && layout.lines.length >= 2 && lastAt < ps.length && startsColumn(ps, lastAt)) widows.push(lastAt);
    for (const line of layout.lines) {
      if (p < ps.length) {
        placed.push({ block: b, line, position: ps[p] });
        used.push(ps[p]);
      } else {
        overset.lines++;
        overset.chars += lineChars(line);
      }
      p++;
    }
  }
  const lastFrame = used.length ? used[used.length - 1].frame : -1;
  return { placed, figures, used, nextIndex: Math.min(p, ps.length), lastFrame, overset, typesetDiagnostics, widows };
}

/** An inline figure from position `from` on: the column's width, height by the image's aspect, caption under it. */
function placeFigure(b: FigureBlock, ps: LinePosition[], from: number, input: StoryInput, t: Template): { start: number; end: number; box: Box; captions: Placed[] } | undefined {
  const em = t.em;
  const pitch = t.pitch;
  const captions = figureCaptionBlocks(b.node, b.pos, t);
  const assetId = (b.node.firstChild?.attrs.assetId as string | null) ?? null;
  const px = assetId ? input.pixels(assetId) : undefined;
  const aspect = px ? px.heightPx / px.widthPx : 2 / 3;
  for (let s = from; s < ps.length; ) {
    const w = ps[s].columnWidth;
    const imageLines = Math.max(2, Math.ceil((w * aspect - em) / pitch - 0.25) + 1);
    const capLayouts = captions.map((c) => input.cache.set(c.runs, typesetStyle(c.spec), c.style, () => ({ width: w, offset: 0 })));
    const capLines = capLayouts.reduce((n, l) => n + l.lines.length, 0);
    const need = imageLines + capLines;
    // Consecutive full-width lines of one column.
    let e = s;
    while (e < ps.length && e - s < need && ps[e].frame === ps[s].frame && ps[e].column === ps[s].column && ps[e].line === ps[s].line + (e - s) && ps[e].slot.width === ps[e].columnWidth) e++;
    if (e - s >= need) {
      const box = { x: ps[s].x, y: ps[s].top, w, h: (imageLines - 1) * pitch + em };
      const placed: Placed[] = [];
      let k = s + imageLines;
      capLayouts.forEach((l, i) => {
        for (const line of l.lines) placed.push({ block: captions[i], line, position: ps[k++] });
      });
      // One empty line after the caption, unless the column ends there.
      let end = s + need;
      if (end < ps.length && !startsColumn(ps, end)) end++;
      return { start: s, end, box, captions: placed };
    }
    // Not enough room here: try the next column.
    let n = s + 1;
    while (n < ps.length && !startsColumn(ps, n)) n++;
    s = n;
  }
  return undefined;
}
