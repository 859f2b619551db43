import type { DisplayItem } from '../../display/types.js';
import type { Box } from '../../templates/index.js';
import type { TypesetLine } from '../../typeset/types.js';
import type { Pt } from '../../units.js';
import { imageItems, type PixelSize } from '../photo.js';
import { photoFrameLayout } from '../photo-frame.js';
import { emphasisDotItems, lineItems, textRun, typesetStyle } from '../text.js';
import type { StoryLine, StoryRun } from '../types.js';
import { figureCaptionBlocks, type TextBlock } from './blocks.js';
import type { StoryFitResult } from './fit.js';
import type { HeadlineBlock } from './headline.js';
import type { Settled } from './settle.js';
import { storyDiagnostic, type StoryInput, type StoryNote, type StoryResult } from './types.js';

/**
 * Stage 7, emit: everything set, as the composer hands it on.
 *
 * Input: the story input, the headline block, the settled flow and the fit. Output: the
 * {@link StoryResult}: the story's lines in order (headline block, flowed text, inline figures'
 * captions, photo frames' captions), display items per page (jump lines only where the text
 * continues, 着重号 under emphasised text, images or their placeholders), and the diagnostics:
 * the headline's, widows left, images missing or under 200 ppi, captions too long for their
 * photo frame, the typesetter's (once per paragraph), and the fit.
 */
export function emit(input: StoryInput, headline: HeadlineBlock | undefined, settled: Settled, fit: StoryFitResult): StoryResult {
  const out = new StoryOutput(input.story.id);
  if (headline) emitHeadline(out, headline, input);
  emitWidows(out, settled, input);
  emitJumpLines(out, settled, input);
  emitFlow(out, settled, input);
  emitPhotoFrames(out, input);
  const g0 = input.thread[0];
  for (const d of settled.flow.typesetDiagnostics) {
    const g = input.thread[d.frame] ?? g0;
    const kind = d.d.kind === 'missing-glyph' ? 'missing-glyph' : d.d.kind === 'orphan' ? 'orphan' : 'kinsoku';
    out.note({ severity: kind === 'missing-glyph' ? 'error' : 'warning', kind, pageIndex: g.pageIndex, message: d.d.message, frameId: g.frame.id });
  }
  if (fit.note) out.note(fit.note);
  return { layout: { storyId: input.story.id, lines: out.lines, overset: settled.flow.overset, fit: fit.fit }, items: out.items, diagnostics: out.diagnostics, photoBoxes: out.photoBoxes };
}

/** The result being assembled. */
class StoryOutput {
  readonly lines: StoryLine[] = [];
  readonly items = new Map<number, DisplayItem[]>();
  readonly diagnostics: StoryResult['diagnostics'] = [];
  readonly photoBoxes = new Map<string, Box>();
  constructor(private readonly storyId: string) {}

  itemsOn(pageIndex: number): DisplayItem[] {
    let a = this.items.get(pageIndex);
    if (!a) this.items.set(pageIndex, (a = []));
    return a;
  }

  note(n: StoryNote): void {
    this.diagnostics.push(storyDiagnostic(this.storyId, n));
  }
}

function emitHeadline(out: StoryOutput, headline: HeadlineBlock, input: StoryInput): void {
  const g = input.thread[0];
  for (const n of headline.notes) out.note(n);
  for (const l of headline.lines) out.lines.push(storyLine(l.line, l.block, g.frame.id, g.pageIndex, 0, l.x, l.baseline, l.width));
  for (const l of headline.lines) lineItems(l.line, l.x, l.baseline, out.itemsOn(g.pageIndex), input.story.id);
}

function emitWidows(out: StoryOutput, { built, flow }: Settled, { thread }: StoryInput): void {
  for (const w of flow.widows) {
    const at = built.positions[w];
    out.note({ severity: 'warning', kind: 'widow', pageIndex: thread[at.frame].pageIndex, message: `a paragraph's last line stands alone at the top of column ${at.column + 1} (no empty line to move it with)`, frameId: thread[at.frame].frame.id });
  }
}

/** Jump lines only where the text continues: （下转） when a later frame holds text, （上接） when its own frame does. */
function emitJumpLines(out: StoryOutput, { built, flow }: Settled, input: StoryInput): void {
  const { thread } = input;
  for (const r of built.reserved) {
    const pointsOn = r.align === 'right' ? r.pos.frame < flow.lastFrame : r.pos.frame <= flow.lastFrame;
    if (!pointsOn) continue;
    const spec = thread[0].template.style('jump');
    const layout = input.cache.set([textRun(r.text, spec)], typesetStyle({ ...spec, align: r.align, indent: 0 }), `jump:${r.align}`, () => r.pos.slot);
    const line = layout.lines[0];
    if (line) lineItems(line, r.pos.x, r.pos.baseline, out.itemsOn(thread[r.pos.frame].pageIndex), input.story.id);
  }
}

/** The flowed text, then the inline figures with their captions. */
function emitFlow(out: StoryOutput, { flow }: Settled, input: StoryInput): void {
  const { thread, story } = input;
  for (const p of flow.placed) {
    const g = thread[p.position.frame];
    out.lines.push(storyLine(p.line, p.block, g.frame.id, g.pageIndex, p.position.column, p.position.x, p.position.baseline, p.position.columnWidth));
    lineItems(p.line, p.position.x, p.position.baseline, out.itemsOn(g.pageIndex), story.id);
    emphasisDotItems(p.line, p.position.x, p.position.baseline, out.itemsOn(g.pageIndex), input.cache.fonts, story.id);
  }
  for (const f of flow.figures) {
    const g = thread[f.frame];
    const photo = f.block.node.firstChild;
    const assetId = (photo?.attrs.assetId as string | null) ?? null;
    const px = assetId ? input.pixels(assetId) : undefined;
    const r = imageItems({ assetId, fit: 'fill' }, f.box, px, out.itemsOn(g.pageIndex));
    const note = photoNote(assetId, px, r.ppi, g.pageIndex, g.frame.id);
    if (note) out.note(note);
    for (const c of f.captions) {
      out.lines.push(storyLine(c.line, c.block, g.frame.id, g.pageIndex, c.position.column, c.position.x, c.position.baseline, c.position.columnWidth));
      lineItems(c.line, c.position.x, c.position.baseline, out.itemsOn(g.pageIndex), story.id);
    }
  }
}

/** Figures shown in photo frames: image and caption there. */
function emitPhotoFrames(out: StoryOutput, input: StoryInput): void {
  let fi = 0;
  input.doc.forEach((node, offset) => {
    if (node.type.name !== 'figure') return;
    const claimed = input.photos.get(fi++);
    if (!claimed) return;
    const items = out.itemsOn(claimed.pageIndex);
    const res = photoFrameLayout(claimed.frame, claimed.rect, claimed.template, input.cache, figureCaptionBlocks(node, offset, claimed.template), input.pixels, items, input.story.id);
    out.photoBoxes.set(claimed.frame.id, res.imageBox);
    const note = photoNote(claimed.frame.assetId, res.px, res.ppi, claimed.pageIndex, claimed.frame.id);
    if (note) out.note(note);
    for (const c of res.lines) {
      if (!c.block.node) continue;
      out.lines.push(storyLine(c.line, c.block as TextBlock, claimed.frame.id, claimed.pageIndex, 0, c.x, c.baseline, c.width));
    }
    if (res.overflow) out.note({ severity: 'warning', kind: 'overset', pageIndex: claimed.pageIndex, message: `caption of photo ${claimed.frame.id} needs ${res.overflow} more line(s) than the frame has`, frameId: claimed.frame.id });
  });
}

/** An image waiting, missing, or under 200 ppi at its placed size. */
function photoNote(assetId: string | null, px: PixelSize | undefined, ppi: number | undefined, pageIndex: number, frameId: string): StoryNote | undefined {
  if (!assetId) return { severity: 'warning', kind: 'missing-image', pageIndex, message: `photo ${frameId} is waiting for its image`, frameId };
  if (!px) return { severity: 'error', kind: 'missing-image', pageIndex, message: `image ${assetId} of photo ${frameId} is missing`, frameId };
  if (ppi !== undefined && ppi < 200) return { severity: 'warning', kind: 'low-resolution', pageIndex, message: `image ${assetId} is ${Math.round(ppi)} ppi at its placed size (200 needed)`, frameId };
  return undefined;
}

/** A set line of a block as a story line on the page, every glyph with its document position. */
function storyLine(line: TypesetLine, block: TextBlock, frameId: string, pageIndex: number, column: number, x: Pt, baseline: Pt, width: Pt): StoryLine {
  const start = block.pos + 1;
  const runs: StoryRun[] = line.runs.map((r) => ({ ...r, pmPos: r.offsets.map((o) => start + o) }));
  return {
    frameId,
    pageIndex,
    column,
    blockPos: block.pos,
    from: start + line.start,
    to: start + line.end,
    x,
    baseline,
    width,
    ascent: line.ascent,
    descent: line.descent,
    style: block.style,
    runs,
  };
}
