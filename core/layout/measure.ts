import { composeIssue, type ComposeCache } from '../compose/index.js';
import type { ComposeContext, StoryLayout } from '../compose/types.js';
import { emptyIssue, type Frame, type Page, type PhotoFrame, type Story, type StoryFrame } from '../model/issue.js';
import type { Template } from '../templates/index.js';

// Measuring stories with the real composer (core/compose): each question ("how many body lines
// at the grid's column width?", "how many lines does the headline block take over 3 columns
// with at most one line?", "how many caption lines under a 2-column photo?") is a probe frame
// on a scratch page; one composeIssue call answers them all.

const HEAD_STYLES = new Set(['kicker', 'headline', 'deck']);

/** A headline treatment over a span: the frame fields and what the composer made of them. */
export interface HeadOption {
  headlineMaxLines?: number;
  headlineSize?: number;
  /** Lines the headline block takes (whole body lines). */
  lines: number;
  /** Size the headline was set at, pt (0 without a headline). */
  size: number;
  headlineLines: number;
  /** A two-line headline broken inside a phrase rather than at the space between its phrases. */
  badBreak: boolean;
}

export interface StoryMeasure {
  id: string;
  /** Body lines (byline, paragraphs, subheads, inline captions) at the column width. */
  bodyLines: number;
  /** Figure count; each gets a photo frame. */
  figures: number;
  hasHead: boolean;
  /** Headline options by frame span. */
  head: Map<number, HeadOption[]>;
  /** Caption + credit lines of the figures by photo span (sum over figures). */
  captionLines: Map<number, number>;
}

interface Probe {
  story: Story;
  frame: Omit<StoryFrame, 'id' | 'storyId' | 'type'>;
  photos: Array<Omit<PhotoFrame, 'id' | 'type' | 'storyId'>>;
  read: (layout: StoryLayout | undefined, page: Page, t: Template, diagnostics: Set<string>) => void;
}

type Json = { type: string; content?: Json[] };
const figureCount = (s: Story) => ((s.doc as Json).content ?? []).filter((n) => n.type === 'figure').length;
const hasHead = (s: Story) => ((s.doc as Json).content ?? []).some((n) => HEAD_STYLES.has(n.type));

/** Runs probes in one composition on scratch pages of template `t`. */
function runProbes(probes: Probe[], t: Template, ctx: ComposeContext, cache?: ComposeCache): void {
  const pages: Page[] = [];
  const stories: Story[] = [];
  probes.forEach((p, i) => {
    const sid = `${p.story.id}\u0000${i}`;
    const frames: Frame[] = [{ type: 'story', id: `p${i}`, storyId: sid, ...p.frame }];
    p.photos.forEach((ph, k) => frames.push({ type: 'photo', id: `p${i}f${k}`, storyId: sid, ...ph }));
    pages.push({ id: `probe${i}`, number: i + 1, section: '', editor: '', designer: '', templateId: t.id, frames });
    stories.push({ ...p.story, id: sid });
  });
  const issue = emptyIssue({ paper: 'probe', date: '2000-01-01', pages, stories });
  const composed = composeIssue(issue, ctx, cache ? { cache } : {});
  const tooLong = new Set<string>();
  for (const d of composed.diagnostics) if (d.kind === 'headline-too-long' && d.frameId) tooLong.add(d.frameId);
  probes.forEach((p, i) => p.read(composed.stories[`${p.story.id}\u0000${i}`], pages[i], t, tooLong));
}

const lineOf = (t: Template, baseline: number) => Math.round((baseline - t.baseline(0)) / t.pitch);

/**
 * Measures stories for layout on template `t`: body lines, headline block heights over each
 * span in `spans` (free size, at most one line, at most two lines) and caption lines.
 */
export function measureStories(stories: Story[], t: Template, spans: number[], ctx: ComposeContext, leadId?: string, cache?: ComposeCache): Map<string, StoryMeasure> {
  const out = new Map<string, StoryMeasure>();
  const sizes = headlineSizes(t);
  const probes: Probe[] = [];
  for (const s of stories) {
    const m: StoryMeasure = { id: s.id, bodyLines: 0, figures: figureCount(s), hasHead: hasHead(s), head: new Map(), captionLines: new Map() };
    out.set(s.id, m);
    probes.push(bodyProbe(s, m, t));
    if (m.hasHead) {
      const text = headlineTextOf(s);
      for (const span of spans) probes.push(...headProbes(s, m, t, span, s.id === leadId ? sizes.lead : sizes.other, text));
    }
    if (m.figures) for (let ps = 1; ps <= Math.min(4, t.columns); ps++) probes.push(captionProbe(s, m, t, ps));
  }
  runProbes(probes, t, ctx, cache);
  return out;
}

/** The page's headline hierarchy: the lead (头条) largest, the others two steps down and the style's smallest. */
function headlineSizes(t: Template): { lead: number[]; other: number[] } {
  const hs = t.style('headline');
  const min = hs.minSize ?? hs.size * 0.6;
  const r = (x: number) => Math.round(x);
  return { lead: [r(hs.size * 7 / 6), hs.size], other: [...new Set([r(hs.size * 0.83), r(hs.size * 0.72), r(min)])].filter((x) => x >= min && x < hs.size) };
}

/** The text of a story's headline ('' without one). */
function headlineTextOf(s: Story): string {
  const textOf = (n: Json & { text?: string }): string => n.text ?? (n.content ?? []).map(textOf).join('');
  const h = ((s.doc as Json).content ?? []).find((n) => n.type === 'headline');
  return h ? textOf(h) : '';
}

/** Photo frames for a story's figures, one per figure down a column, so the probe frame sets no figure of its own. */
function figureFrames(m: StoryMeasure, rect: (k: number) => Probe['photos'][number]['rect']): Probe['photos'] {
  return Array.from({ length: m.figures }, (_, k) => ({ rect: rect(k), assetId: null, figure: k, fit: 'fill' as const, caption: 'below' as const }));
}

/** Body: one grid column the page's height; figures claimed by photo frames elsewhere. */
function bodyProbe(s: Story, m: StoryMeasure, t: Template): Probe {
  const photoCol = t.columns - 1;
  return {
    story: s,
    frame: { rect: { column: 0, span: 1, line: 0, lines: t.lines } },
    photos: figureFrames(m, (k) => ({ column: photoCol, span: 1, line: k * 20, lines: 19 })),
    read(layout, page) {
      if (!layout) return;
      const id = page.frames[0].id;
      const body = layout.lines.filter((l) => l.frameId === id && !HEAD_STYLES.has(l.style) && l.style !== 'caption' && l.style !== 'credit').length;
      m.bodyLines = body + layout.overset.lines;
    },
  };
}

/** The headline block over `span` columns at each size in at most two lines, and at the first size in one line (shrinking as far as the style allows). */
function headProbes(s: Story, m: StoryMeasure, t: Template, span: number, sizes: number[], headlineText: string): Probe[] {
  const variants: Array<[number, number]> = sizes.map((size) => [size, 2]);
  variants.push([sizes[0], 1]);
  const lines = Math.min(t.lines, 40);
  return variants.map(([size, maxLines]) => ({
    story: s,
    frame: { rect: { column: 0, span, line: 0, lines }, headlineMaxLines: maxLines, headlineSize: size },
    photos: figureFrames(m, (k) => ({ column: 0, span: 1, line: lines + 1 + k * 20, lines: 19 })),
    read(layout, page, tt, tooLong) {
      if (!layout) return;
      const id = page.frames[0].id;
      if (maxLines && tooLong.has(id)) return;
      const head = layout.lines.filter((l) => l.frameId === id && HEAD_STYLES.has(l.style));
      const first = layout.lines.find((l) => l.frameId === id && !HEAD_STYLES.has(l.style));
      const k = first ? lineOf(tt, first.baseline) : lines;
      const hl = head.filter((l) => l.style === 'headline');
      const set = hl[0]?.runs[0]?.size ?? 0;
      // Where the first headline line ends in the headline's text: at a phrase space is good.
      let badBreak = false;
      if (hl.length >= 2) {
        const at = hl[0].to - (hl[0].blockPos + 1);
        badBreak = /\s/.test(headlineText) && !/\s/.test(headlineText[at - 1] ?? '') && !/\s/.test(headlineText[at] ?? '');
      }
      const list = m.head.get(span) ?? [];
      if (!list.some((o) => o.lines === k && o.size === set)) list.push({ headlineMaxLines: maxLines, headlineSize: size, lines: k, size: set, headlineLines: hl.length, badBreak });
      m.head.set(span, list);
    },
  }));
}

/** Caption and credit lines of the figures under photos `ps` columns wide. */
function captionProbe(s: Story, m: StoryMeasure, t: Template, ps: number): Probe {
  return {
    story: s,
    frame: { rect: { column: t.columns - 1, span: 1, line: 0, lines: 4 } },
    photos: figureFrames(m, (k) => ({ column: 0, span: ps, line: k * 40, lines: 39 })),
    read(layout, page) {
      if (!layout) return;
      const ids = new Set(page.frames.filter((f) => f.type === 'photo').map((f) => f.id));
      m.captionLines.set(ps, layout.lines.filter((l) => ids.has(l.frameId)).length);
    },
  };
}
