import type { Node as PMNode } from 'prosemirror-model';
import type { DisplayItem } from '../display/types.js';
import type { GridRect, PhotoFrame, Story } from '../model/issue.js';
import { STORY_BLOCK_STYLES } from '../model/story-schema.js';
import type { Box, Template } from '../templates/index.js';
import type { ParagraphStyleSpec } from '../templates/schema.js';
import type { ParagraphLayout, StyledRun, TypesetDiagnostic, TypesetLine } from '../typeset/types.js';
import type { Pt } from '../units.js';
import { framePositions, type FrameGeometry, type LinePosition } from './geometry.js';
import { imageItems, type PixelSize } from './photo.js';
import { blockRuns, emphasisDotItems, lineChars, lineItems, textRun, typesetStyle, type ParagraphCache } from './text.js';
import type { ComposeDiagnostic, StoryLayout, StoryLine, StoryRun } from './types.js';

// One story through its thread of frames (cjk-typesetting.md §2): the headline block (引题,
// 主题, 副题) over the first frame's chosen span, rounded up to whole body lines; then the
// byline, body, subheads and figures line by line on the page's baseline grid through every
// column of every frame; jump lines where the thread changes page; what does not fit is
// counted as overset, never dropped.

/** A photo frame that shows one of the story's figures (its caption lines belong to the story). */
export interface ClaimedPhoto {
  frame: PhotoFrame;
  rect: GridRect;
  pageIndex: number;
  template: Template;
}

export interface StoryInput {
  story: Story;
  doc: PMNode;
  thread: FrameGeometry[];
  /** Boxes text keeps out of, per thread frame (photos, banners, rules with their standoff). */
  exclusions: Box[][];
  /** Photo frames showing the story's figures, by figure index. */
  photos: Map<number, ClaimedPhoto>;
  /** Page number as printed, by page index (for jump lines). */
  pageNumbers: number[];
  pixels: (assetId: string) => PixelSize | undefined;
  cache: ParagraphCache;
}

export interface StoryResult {
  layout: StoryLayout;
  /** Display items by page index. */
  items: Map<number, DisplayItem[]>;
  diagnostics: ComposeDiagnostic[];
  /** Frame boxes of claimed photos as drawn (for tests and hit testing). */
  photoBoxes: Map<string, Box>;
}

type TextBlock = { kind: 'text'; node: PMNode; pos: number; style: string; spec: ParagraphStyleSpec; runs: StyledRun[] };
type FigureBlock = { kind: 'figure'; node: PMNode; pos: number; index: number };
type FlowBlock = TextBlock | FigureBlock;

const HEADLINE_PARTS = new Set(['kicker', 'headline', 'deck']);

/** Composes a story into its thread. */
export function composeStory(input: StoryInput): StoryResult {
  const { story, doc, thread } = input;
  const t0 = thread[0].template;
  const lines: StoryLine[] = [];
  const items = new Map<number, DisplayItem[]>();
  const diagnostics: ComposeDiagnostic[] = [];
  const photoBoxes = new Map<string, Box>();
  const itemsOn = (pageIndex: number) => {
    let a = items.get(pageIndex);
    if (!a) items.set(pageIndex, (a = []));
    return a;
  };
  const diag = (severity: 'error' | 'warning', kind: ComposeDiagnostic['kind'], pageIndex: number, message: string, frameId?: string, extra: Partial<ComposeDiagnostic> = {}) =>
    diagnostics.push({ severity, kind, pageIndex, storyId: story.id, ...(frameId ? { frameId } : {}), message, ...extra });

  // Split the document into the headline block and the flowing blocks.
  const head: TextBlock[] = [];
  const flowBlocks: FlowBlock[] = [];
  let figureIndex = 0;
  doc.forEach((node, offset) => {
    const name = node.type.name;
    if (name === 'figure') {
      flowBlocks.push({ kind: 'figure', node, pos: offset, index: figureIndex++ });
      return;
    }
    const style = STORY_BLOCK_STYLES[name as keyof typeof STORY_BLOCK_STYLES] ?? 'body';
    const spec = t0.style(style);
    const block: TextBlock = { kind: 'text', node, pos: offset, style, spec, runs: blockRuns(node, spec) };
    if (HEADLINE_PARTS.has(name) && flowBlocks.length === 0) head.push(block);
    else flowBlocks.push(block);
  });

  // The headline block over the first frame.
  const exclusions = input.exclusions.map((e) => e.slice());
  const g0 = thread[0];
  if (head.length) {
    const hb = headlineBlock(head, g0, input, lines, diag);
    if (hb) {
      exclusions[0].push(hb.box);
      for (const l of hb.lines) lineItems(l.line, l.x, l.baseline, itemsOn(g0.pageIndex), story.id);
    }
  }

  // Line positions through the thread; a page change reserves a line for each jump line.
  const perFrame = thread.map((g, i) => framePositions(g, i, exclusions[i]));
  const jumps: Array<{ from: number; to: number }> = [];
  for (let i = 0; i + 1 < thread.length; i++) {
    if (thread[i].pageIndex !== thread[i + 1].pageIndex && perFrame[i].length > 1 && perFrame[i + 1].length > 1) jumps.push({ from: i, to: i + 1 });
  }
  const build = (reserve: boolean, limit?: { frame: number; lines: number[] }) => {
    const out: LinePosition[] = [];
    const reserved: Array<{ pos: LinePosition; text: string; align: 'left' | 'right' }> = [];
    perFrame.forEach((ps, i) => {
      let list = ps;
      if (limit && limit.frame === i) list = framePositions(thread[i], i, exclusions[i], limit.lines);
      let from = 0;
      let to = list.length;
      if (reserve) {
        if (jumps.some((j) => j.to === i) && list.length) {
          reserved.push({ pos: list[0], text: `（上接第${input.pageNumbers[thread[i - 1].pageIndex]}版）`, align: 'left' });
          from = 1;
        }
        if (jumps.some((j) => j.from === i) && list.length) {
          reserved.push({ pos: list[list.length - 1], text: `（下转第${input.pageNumbers[thread[i + 1].pageIndex]}版）`, align: 'right' });
          to = list.length - 1;
        }
      }
      for (let k = from; k < to; k++) out.push(list[k]);
    });
    return { positions: out, reserved };
  };

  let built = build(true);
  let flow = flowStory(flowBlocks, built.positions, input, t0);
  // A story that never reaches the frame after a page change needs no jump lines there.
  if (jumps.length) {
    const lastFrame = flow.lastFrame;
    if (jumps.every((j) => j.from >= lastFrame)) {
      const plain = build(false);
      const retry = flowStory(flowBlocks, plain.positions, input, t0);
      if (retry.overset.lines === 0 && retry.lastFrame <= lastFrame) {
        built = { positions: plain.positions, reserved: [] };
        flow = retry;
      }
    }
  }
  // Column balance: the last frame holding text gets the fewest lines per column that still hold it.
  const lf = flow.lastFrame;
  if (lf >= 0 && thread[lf].frame.balance && flow.overset.lines === 0 && thread[lf].columns.length > 1) {
    const inFrame = flow.used.filter((p) => p.frame === lf).length;
    const g = thread[lf];
    const total = g.lastTextLine - g.firstTextLine + 1;
    const n = g.columns.length;
    const tryLimits = (lines: number[]) => {
      const b = build(built.reserved.length > 0, { frame: lf, lines });
      const f = flowStory(flowBlocks, b.positions, input, t0);
      return f.overset.lines === 0 && f.lastFrame <= lf ? { b, f } : undefined;
    };
    for (let m = Math.max(1, Math.ceil(inFrame / n)); m < total; m++) {
      let ok = tryLimits(new Array(n).fill(m));
      if (!ok) continue;
      // Then as many trailing columns as possible one line shorter: 28,27,27,27 rather than 28,28,28,25.
      for (let k = n - 1; k >= 1; k--) {
        const shorter = tryLimits(Array.from({ length: n }, (_, c) => (c >= n - k ? m - 1 : m)));
        if (shorter) {
          ok = shorter;
          break;
        }
      }
      built = ok.b;
      flow = ok.f;
      break;
    }
  }

  // A paragraph's last line alone at a column top (widow): where the story has empty lines to
  // spare, the line before it moves over too, leaving the empty line at the previous column's foot.
  if (!(lf >= 0 && thread[lf].frame.balance)) {
    for (let round = 0; round < 4 && flow.widows.length; round++) {
      const spare = built.positions.length - flow.nextIndex;
      const fixable = flow.widows.filter((w) => w > 0).slice(0, Math.max(0, spare - 1));
      if (!fixable.length) break;
      const skip = new Set(fixable.map((w) => built.positions[w - 1]));
      const positions = built.positions.filter((x) => !skip.has(x));
      const f = flowStory(flowBlocks, positions, input, t0);
      if (f.overset.lines > 0 || f.widows.length >= flow.widows.length) break;
      built = { positions, reserved: built.reserved };
      flow = f;
    }
  }
  for (const w of flow.widows) {
    const at = built.positions[w];
    diag('warning', 'widow', thread[at.frame].pageIndex, `a paragraph's last line stands alone at the top of column ${at.column + 1} (no empty line to move it with)`, thread[at.frame].frame.id);
  }

  // Jump lines only where the text continues.
  for (const r of built.reserved) {
    const pointsOn = r.align === 'right' ? r.pos.frame < flow.lastFrame : r.pos.frame <= flow.lastFrame;
    if (!pointsOn) continue;
    const spec = t0.style('jump');
    const layout = input.cache.set([textRun(r.text, spec)], typesetStyle({ ...spec, align: r.align, indent: 0 }), `jump:${r.align}`, () => r.pos.slot);
    const line = layout.lines[0];
    if (line) lineItems(line, r.pos.x, r.pos.baseline, itemsOn(thread[r.pos.frame].pageIndex), story.id);
  }

  // Placed text → story lines and display items.
  for (const p of flow.placed) {
    const g = thread[p.position.frame];
    lines.push(storyLine(p.line, p.block, g.frame.id, g.pageIndex, p.position.column, p.position.x, p.position.baseline, p.position.columnWidth));
    lineItems(p.line, p.position.x, p.position.baseline, itemsOn(g.pageIndex), story.id);
    emphasisDotItems(p.line, p.position.x, p.position.baseline, itemsOn(g.pageIndex), input.cache.fonts, story.id);
  }
  for (const f of flow.figures) {
    const g = thread[f.frame];
    const photo = f.block.node.firstChild;
    const assetId = (photo?.attrs.assetId as string | null) ?? null;
    const px = assetId ? input.pixels(assetId) : undefined;
    const r = imageItems({ assetId, fit: 'fill' }, f.box, px, itemsOn(g.pageIndex));
    photoDiagnostics(assetId, px, r.ppi, g.pageIndex, g.frame.id, diag);
    for (const c of f.captions) {
      lines.push(storyLine(c.line, c.block, g.frame.id, g.pageIndex, c.position.column, c.position.x, c.position.baseline, c.position.columnWidth));
      lineItems(c.line, c.position.x, c.position.baseline, itemsOn(g.pageIndex), story.id);
    }
  }

  // Figures shown in photo frames: image and caption there.
  let fi = 0;
  doc.forEach((node, offset) => {
    if (node.type.name !== 'figure') return;
    const claimed = input.photos.get(fi++);
    if (!claimed) return;
    const out = itemsOn(claimed.pageIndex);
    const res = photoFrameLayout(claimed.frame, claimed.rect, claimed.template, input.cache, figureCaptionBlocks(node, offset, claimed.template), input.pixels, out, story.id);
    photoBoxes.set(claimed.frame.id, res.imageBox);
    photoDiagnostics(claimed.frame.assetId, res.px, res.ppi, claimed.pageIndex, claimed.frame.id, diag);
    for (const c of res.lines) {
      if (!c.block.node) continue;
      lines.push(storyLine(c.line, c.block as TextBlock, claimed.frame.id, claimed.pageIndex, 0, c.x, c.baseline, c.width));
    }
    if (res.overflow) diag('warning', 'overset', claimed.pageIndex, `caption of photo ${claimed.frame.id} needs ${res.overflow} more line(s) than the frame has`, claimed.frame.id);
  });

  // Typesetter diagnostics, once per paragraph.
  for (const d of flow.typesetDiagnostics) {
    const g = thread[d.frame] ?? g0;
    const kind = d.d.kind === 'missing-glyph' ? 'missing-glyph' : d.d.kind === 'orphan' ? 'orphan' : 'kinsoku';
    diag(kind === 'missing-glyph' ? 'error' : 'warning', kind, g.pageIndex, d.d.message, g.frame.id);
  }

  // Fit.
  const lastG = thread[Math.max(0, flow.lastFrame)];
  const em = t0.em;
  let fit: StoryLayout['fit'];
  if (flow.overset.lines > 0) {
    fit = { state: 'overset', lines: flow.overset.lines, chars: flow.overset.chars };
    const at = thread[thread.length - 1];
    diag('error', 'overset', at.pageIndex, `story "${story.slug || story.id}" is overset by ${flow.overset.lines} line(s), ${flow.overset.chars} character(s)`, at.frame.id, {
      count: { lines: flow.overset.lines, chars: flow.overset.chars },
    });
  } else {
    const empty = built.positions.length - flow.nextIndex;
    const tolerance = lastG.columns.length;
    const perLine = Math.floor(lastG.columns[0].w / em + 1e-6);
    if (empty > tolerance) {
      fit = { state: 'short', lines: empty, chars: empty * perLine };
      diag('warning', 'underset', lastG.pageIndex, `story "${story.slug || story.id}" leaves ${empty} empty line(s) (about ${empty * perLine} characters)`, lastG.frame.id, {
        count: { lines: empty, chars: empty * perLine },
      });
    } else fit = { state: 'fits', lines: 0, chars: 0 };
  }
  return { layout: { storyId: story.id, lines, overset: flow.overset, fit }, items, diagnostics, photoBoxes };
}

function photoDiagnostics(
  assetId: string | null,
  px: PixelSize | undefined,
  ppi: number | undefined,
  pageIndex: number,
  frameId: string,
  diag: (s: 'error' | 'warning', k: ComposeDiagnostic['kind'], p: number, m: string, f?: string) => void,
) {
  if (!assetId) diag('warning', 'missing-image', pageIndex, `photo ${frameId} is waiting for its image`, frameId);
  else if (!px) diag('error', 'missing-image', pageIndex, `image ${assetId} of photo ${frameId} is missing`, frameId);
  else if (ppi !== undefined && ppi < 200) diag('warning', 'low-resolution', pageIndex, `image ${assetId} is ${Math.round(ppi)} ppi at its placed size (200 needed)`, frameId);
}

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

// ---------------------------------------------------------------------------------------------
// Headline block

interface HeadlineBlockResult {
  box: Box;
  lines: Array<{ line: TypesetLine; x: Pt; baseline: Pt }>;
}

function headlineBlock(
  head: TextBlock[],
  g: FrameGeometry,
  input: StoryInput,
  out: StoryLine[],
  diag: (s: 'error' | 'warning', k: ComposeDiagnostic['kind'], p: number, m: string, f?: string) => void,
): HeadlineBlockResult | undefined {
  const t = g.template;
  const cols = g.columns;
  const span = Math.min(cols.length, g.frame.headlineSpan || cols.length);
  const x = cols[0].x;
  const width = cols[span - 1].x + cols[span - 1].w - x;
  const setRuns = (b: TextBlock, runs: StyledRun[], size: Pt): ParagraphLayout => input.cache.set(runs, typesetStyle(b.spec), `${b.style}:${size}`, () => ({ width, offset: 0 }));
  const set = (b: TextBlock, size: Pt): ParagraphLayout => {
    const runs = size === b.spec.size ? b.runs : blockRuns(b.node, b.spec, size);
    const layout = setRuns(b, runs, size);
    // A headline of phrases (“民心工程进行时 幸福生活来敲门”) turns its line at the space between
    // phrases, not inside one: the space nearest the natural break becomes a forced break, when
    // that takes no more lines (same length, so document positions are unchanged).
    if (layout.lines.length < 2) return layout;
    const text = runs.map((r) => r.text).join('');
    const at = layout.lines[0].end;
    if (!/ /.test(text) || text[at - 1] === ' ' || text[at] === ' ') return layout;
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index!).sort((a, c) => Math.abs(a - at) - Math.abs(c - at) || a - c);
    for (const i of spaces) {
      let off = 0;
      const broken = runs.map((r) => {
        const local = i - off;
        off += r.text.length;
        return local >= 0 && local < r.text.length ? { ...r, text: r.text.slice(0, local) + '\u2028' + r.text.slice(local + 1) } : r;
      });
      const alt = setRuns(b, broken, size);
      if (alt.lines.length <= layout.lines.length) return alt;
    }
    return layout;
  };
  const sizes = head.map((b) => (b.style === 'headline' && g.frame.headlineSize ? g.frame.headlineSize : b.spec.size));
  let layouts = head.map((b, i) => set(b, sizes[i]));
  // Headline type shrinks within its style's limit to keep to the frame's line limit.
  const hi = head.findIndex((b) => b.style === 'headline');
  const maxLines = g.frame.headlineMaxLines;
  if (hi >= 0 && maxLines) {
    const spec = head[hi].spec;
    const min = spec.minSize ?? spec.size;
    while (layouts[hi].lines.length > maxLines && sizes[hi] - 1 >= min - 1e-6) {
      sizes[hi] -= 1;
      layouts[hi] = set(head[hi], sizes[hi]);
    }
    if (layouts[hi].lines.length > maxLines) diag('warning', 'headline-too-long', g.pageIndex, `headline takes ${layouts[hi].lines.length} lines at ${sizes[hi]} pt (limit ${maxLines})`, g.frame.id);
  }
  layouts = layouts.slice();
  // Height of the block: each part's space before, lines at its leading, space after.
  const parts = head.map((b, i) => {
    const size = sizes[i];
    const leading = (b.spec.leading ?? b.spec.size * 1.2) * (size / b.spec.size);
    const n = layouts[i].lines.length;
    return { b, size, leading, n, h: b.spec.spaceBefore + (n - 1) * leading + size + (i < head.length - 1 ? b.spec.spaceAfter : 0) };
  });
  const content = parts.reduce((s, p) => s + p.h, 0);
  const em = t.em;
  const pitch = t.pitch;
  // Whole body lines: the block plus at least half an em above and below.
  const k = Math.max(1, Math.ceil((content + em + (pitch - em)) / pitch));
  const available = g.lastTextLine - g.firstTextLine + 1;
  if (k > available) diag('error', 'headline-too-long', g.pageIndex, `headline block needs ${k} lines, the frame has ${available}`, g.frame.id);
  const top = t.lineTop(g.rect.line + g.firstTextLine);
  const area = (k - 1) * pitch + em;
  let y = top + (area - content) / 2;
  const placed: HeadlineBlockResult['lines'] = [];
  parts.forEach((p, i) => {
    y += p.b.spec.spaceBefore;
    layouts[i].lines.forEach((line, li) => {
      const baseline = y + 0.88 * p.size + li * p.leading;
      placed.push({ line, x, baseline });
      out.push(storyLine(line, p.b, g.frame.id, g.pageIndex, 0, x, baseline, width));
    });
    y += (p.n - 1) * p.leading + p.size + p.b.spec.spaceAfter;
  });
  return { box: { x, y: top, w: width, h: area }, lines: placed };
}

// ---------------------------------------------------------------------------------------------
// Flow

interface Placed {
  block: TextBlock;
  line: TypesetLine;
  position: LinePosition;
}

interface FlowResult {
  placed: Placed[];
  figures: Array<{ block: FigureBlock; frame: number; box: Box; captions: Placed[] }>;
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

const startsColumn = (ps: LinePosition[], i: number) => i > 0 && i < ps.length && (ps[i].frame !== ps[i - 1].frame || ps[i].column !== ps[i - 1].column);

function flowStory(blocks: FlowBlock[], ps: LinePosition[], input: StoryInput, t: Template): FlowResult {
  const placed: Placed[] = [];
  const figures: FlowResult['figures'] = [];
  const used: LinePosition[] = [];
  const typesetDiagnostics: FlowResult['typesetDiagnostics'] = [];
  const widows: number[] = [];
  const overset = { lines: 0, chars: 0 };
  const fallbackSlot = { width: ps.length ? ps[ps.length - 1].columnWidth : t.columnWidth, offset: 0 };
  let p = 0;
  const setAt = (b: TextBlock, at: number) =>
    input.cache.set(b.runs, typesetStyle(b.spec), b.style, (i) => (at + i < ps.length ? ps[at + i].slot : fallbackSlot));
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

/** Caption and credit of a figure node as text blocks (positions inside the story document). */
function figureCaptionBlocks(figure: PMNode, figurePos: number, t: Template): TextBlock[] {
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

/** An inline figure in the flow: the column's width, height by the image's aspect, caption under it. */
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

// ---------------------------------------------------------------------------------------------
// Photo frames

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
