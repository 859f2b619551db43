import type { DisplayItem } from '../display/types.js';
import type { GridRect, PhotoFrame } from '../model/issue.js';
import type { Box, Template } from '../templates/index.js';
import type { ParagraphStyleSpec } from '../templates/schema.js';
import type { StyledRun, TypesetLine } from '../typeset/types.js';
import type { Pt } from '../units.js';
import { imageItems, type PixelSize } from './photo.js';
import type { TextBlock } from './story/blocks.js';
import { lineItems, textRun, typesetStyle, type ParagraphCache } from './text.js';

/** A caption line of a photo frame, at page x and baseline. */
export interface CaptionLine {
  block: Partial<TextBlock> & { style: string };
  line: TypesetLine;
  x: Pt;
  baseline: Pt;
  width: Pt;
}

/**
 * A photo frame: the image over the frame's upper lines and the caption (and credit) on the
 * last grid lines under it, or beside it in one grid column ('left' / 'right').
 */
export function photoFrameLayout(
  frame: PhotoFrame,
  rect: GridRect,
  t: Template,
  cache: ParagraphCache,
  captions: Array<Partial<TextBlock> & { style: string; spec: ParagraphStyleSpec; runs: StyledRun[] }>,
  pixels: (assetId: string) => PixelSize | undefined,
  out: DisplayItem[],
  storyId?: string,
): { imageBox: Box; lines: CaptionLine[]; px?: PixelSize; ppi?: number; overflow: number } {
  const box = t.box(rect);
  const besides = (frame.caption === 'left' || frame.caption === 'right') && rect.span >= 2 && captions.length > 0;
  const capWidth = besides ? t.columnWidth : box.w;
  const sets = frame.caption === 'none' ? [] : captions.map((c) => ({ c, layout: cache.set(c.runs, typesetStyle(c.spec), c.style, () => ({ width: capWidth, offset: 0 })) }));
  const capLines = sets.reduce((n, s) => n + s.layout.lines.length, 0);
  let imageBox: Box;
  let firstCapLine: number;
  let capX: Pt;
  let overflow = 0;
  if (besides) {
    const iw = box.w - capWidth - t.gutter;
    imageBox = { x: frame.caption === 'left' ? box.x + capWidth + t.gutter : box.x, y: box.y, w: iw, h: box.h };
    capX = frame.caption === 'left' ? box.x : box.x + iw + t.gutter;
    firstCapLine = rect.line + Math.max(0, rect.lines - capLines);
    overflow = Math.max(0, capLines - rect.lines);
  } else {
    const imageLines = Math.max(1, rect.lines - capLines);
    overflow = Math.max(0, capLines - (rect.lines - 1));
    imageBox = { x: box.x, y: box.y, w: box.w, h: (imageLines - 1) * t.pitch + t.em };
    capX = box.x;
    firstCapLine = rect.line + imageLines;
  }
  const px = frame.assetId ? pixels(frame.assetId) : undefined;
  const r = imageItems(frame, imageBox, px, out);
  const lines: CaptionLine[] = [];
  let gl = firstCapLine;
  for (const s of sets) {
    for (const line of s.layout.lines) {
      if (gl >= rect.line + rect.lines) break;
      const baseline = t.baseline(gl++);
      lines.push({ block: s.c, line, x: capX, baseline, width: capWidth });
      lineItems(line, capX, baseline, out, storyId);
    }
  }
  return { imageBox, lines, px, ppi: r.ppi, overflow };
}

/** Caption blocks for a photo frame of its own (no story): its caption text and credit. */
export function standaloneCaptions(frame: PhotoFrame, t: Template): Array<{ style: string; spec: ParagraphStyleSpec; runs: StyledRun[] }> {
  const out: Array<{ style: string; spec: ParagraphStyleSpec; runs: StyledRun[] }> = [];
  if (frame.captionText) {
    const spec = t.style('caption');
    out.push({ style: 'caption', spec, runs: [textRun(frame.captionText, spec)] });
  }
  if (frame.credit) {
    const spec = t.style('credit');
    out.push({ style: 'credit', spec, runs: [textRun(frame.credit, spec)] });
  }
  return out;
}
