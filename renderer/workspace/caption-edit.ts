import type { ComposedIssue } from '../../core/compose/types.js';
import { photoFrameLayout, standaloneCaptions } from '../../core/compose/photo-frame.js';
import { ParagraphCache } from '../../core/compose/text.js';
import type { DisplayItem, FontKey } from '../../core/display/types.js';
import type { FontSource } from '../../core/fonts/types.js';
import type { Issue, PhotoFrame } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import type { Pt } from '../../core/units.js';
import { captionSource, captionText, type CaptionPart } from './model/captions.js';
import { findFrame } from './model/threads.js';

/**
 * Where a photo's caption and credit stand on its page, as the composer set them: the box a
 * double click lands in and the caption editor covers, in the part's own face, size and line
 * pitch. A figure's caption lines are its story's (the composer's story layout, by frame); a
 * standalone photo's are set again here by the composer's own photo-frame layout (the same cache
 * kind, the same fonts), so both read exactly what the page shows. No DOM: tested under Node.
 */

export interface CaptionBox {
  frameId: string;
  part: CaptionPart;
  pageIndex: number;
  /** Left edge, top of the first line's em box, width (the caption's measure) and height, page points. */
  x: Pt;
  top: Pt;
  width: Pt;
  height: Pt;
  /** Lines set now (0: an empty caption, one grid line offered to type in). */
  lines: number;
  /** Line pitch (the grid's: caption lines sit on grid lines). */
  pitch: Pt;
  font: FontKey;
  size: Pt;
  /** First-line indent, em of the part's size (the style's). */
  indent: number;
  /** The part's text as the page shows it. */
  text: string;
}

/** The ideographic em box's part above the baseline (core/templates: lineTop is 0.88 em above it). */
const EM_ASCENT = 0.88;

interface SetLine {
  style: string;
  x: Pt;
  baseline: Pt;
  width: Pt;
}

/**
 * The caption and credit boxes of a photo frame (only the parts with text, plus an empty
 * caption's line when the frame shows captions and has none); [] for a frame with `caption: 'none'`.
 */
export function captionBoxes(issue: Issue, composed: ComposedIssue, templates: TemplateRegistry, fonts: FontSource, frameId: string): CaptionBox[] {
  const at = findFrame(issue, frameId);
  if (!at || at.frame.type !== 'photo' || at.frame.caption === 'none') return [];
  const frame: PhotoFrame = at.frame;
  const t = templates.get(issue.pages[at.pageIndex].templateId);
  if (!t) return [];
  const src = captionSource(issue, frame);
  let lines: SetLine[];
  if (src.kind === 'figure') {
    lines = (composed.stories[src.storyId]?.lines ?? []).filter((l) => l.frameId === frameId && (l.style === 'caption' || l.style === 'credit'));
  } else {
    const out: DisplayItem[] = [];
    const res = photoFrameLayout(frame, frame.rect, t, new ParagraphCache(fonts), standaloneCaptions(frame, t), () => undefined, out);
    lines = res.lines.map((l) => ({ style: l.block.style, x: l.x, baseline: l.baseline, width: l.width }));
  }
  const boxes: CaptionBox[] = [];
  for (const part of ['caption', 'credit'] as const) {
    const mine = lines.filter((l) => l.style === part);
    const spec = t.style(part);
    const base = { frameId, part, pageIndex: at.pageIndex, pitch: t.pitch, font: spec.font, size: spec.size, indent: spec.indent ?? 0, text: captionText(issue, frameId, part) };
    if (mine.length) {
      // The em box of the part's own size: 0.88 em above the baseline (the ideographic em box, as the grid's).
      const top = mine[0].baseline - EM_ASCENT * spec.size;
      boxes.push({ ...base, x: mine[0].x, top, width: mine[0].width, height: mine[mine.length - 1].baseline - mine[0].baseline + spec.size, lines: mine.length });
    } else if (part === 'caption') {
      // No caption yet: the frame's last grid line (under the photo, or the caption column's foot beside it).
      const box = t.box(frame.rect);
      const besides = (frame.caption === 'left' || frame.caption === 'right') && frame.rect.span >= 2;
      const width = besides ? t.columnWidth : box.w;
      const x = besides && frame.caption === 'right' ? box.x + box.w - width : box.x;
      boxes.push({ ...base, x, top: t.baseline(frame.rect.line + frame.rect.lines - 1) - EM_ASCENT * spec.size, width, height: spec.size, lines: 0 });
    }
  }
  return boxes;
}

/** The caption part under a page point (a little slack around each box: half the line gap). */
export function captionAt(boxes: readonly CaptionBox[], pt: { x: Pt; y: Pt }): CaptionBox | undefined {
  return boxes.find((b) => {
    const slack = (b.pitch - b.size) / 2;
    return pt.x >= b.x && pt.x <= b.x + b.width && pt.y >= b.top - slack && pt.y <= b.top + b.height + slack;
  });
}
