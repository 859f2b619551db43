import type { Node as PMNode } from 'prosemirror-model';
import { BLACK, type Cmyk, type DisplayItem, type FontKey } from '../display/types.js';
import type { FontSource } from '../fonts/types.js';
import type { ParagraphStyleSpec } from '../templates/schema.js';
import { bodyStyle, typesetParagraph, TypesetWorkspace } from '../typeset/index.js';
import type { LineSlot, ParagraphLayout, ParagraphStyle, StyledRun, TypesetLine } from '../typeset/types.js';
import type { Pt } from '../units.js';

// Paragraph setting for the composer: template styles → typesetter input, a cache of
// paragraph layouts keyed by text + style + the slots the lines were set into, and glyph runs
// → display items.

/** The typesetter's paragraph settings for a template style. */
export function typesetStyle(s: ParagraphStyleSpec): ParagraphStyle {
  return bodyStyle({
    align: s.align,
    lastLineAlign: s.lastLineAlign ?? (s.align === 'justify' ? 'left' : undefined),
    firstLineIndent: s.indent,
    kinsoku: s.kinsoku,
    punctuation: s.punctuation ?? 'kaiming', // parseTemplate fills in the template's own
    minLastLineChars: s.minLastLineChars,
    hanLatinSpacing: s.hanLatinSpacing,
    balance: s.balance ?? false,
  });
}

const BOLDER: Record<string, string> = {
  serif: 'serif-bold',
  'serif-medium': 'serif-bold',
  'serif-bold': 'serif-black',
  sans: 'sans-bold',
  'sans-medium': 'sans-bold',
  'sans-bold': 'sans-black',
};

/** Styled runs of a textblock's inline content in a style (bold → the bolder face, emphasis → 着重号). */
export function blockRuns(block: PMNode, s: ParagraphStyleSpec, size: Pt = s.size): StyledRun[] {
  const runs: StyledRun[] = [];
  block.forEach((t) => {
    if (!t.isText || !t.text) return;
    const bold = t.marks.some((m) => m.type.name === 'bold');
    const em = t.marks.some((m) => m.type.name === 'emphasis');
    runs.push(textRun(t.text, s, size, bold ? BOLDER[s.font] ?? s.font : s.font, em));
  });
  return runs;
}

/** One styled run of plain text. */
export function textRun(text: string, s: ParagraphStyleSpec, size: Pt = s.size, font: FontKey = s.font, emphasisDots = false): StyledRun {
  const r: StyledRun = { text, font, size };
  if (s.tracking) r.tracking = s.tracking;
  if (s.hscale && s.hscale !== 1) r.hscale = s.hscale;
  if (s.color) r.color = s.color;
  if (emphasisDots) r.emphasisDots = true;
  return r;
}

interface CacheEntry {
  slots: LineSlot[];
  layout: ParagraphLayout;
}

/**
 * Paragraph layouts by text + style + measure. A layout is reused when the slots its lines
 * were set into are the slots the same lines get now, so an unchanged paragraph in an
 * unchanged place costs a map lookup (incremental recompose).
 */
export class ParagraphCache {
  private map = new Map<string, CacheEntry[]>();
  /** The typesetter's scratch buffers for every paragraph this cache sets. */
  private readonly workspace = new TypesetWorkspace();
  hits = 0;
  misses = 0;
  constructor(
    readonly fonts: FontSource,
    private readonly limit = 20000,
  ) {}

  set(runs: StyledRun[], style: ParagraphStyle, styleKey: string, measure: (i: number) => LineSlot): ParagraphLayout {
    const key = styleKey + '\u0001' + runsKey(runs);
    const list = this.map.get(key);
    if (list) {
      for (const e of list) {
        if (e.slots.every((s, i) => sameSlot(s, measure(i)))) {
          this.hits++;
          return e.layout;
        }
      }
    }
    this.misses++;
    const slots: LineSlot[] = [];
    const recorded = (i: number) => {
      const s = measure(i);
      slots[i] = s;
      return s;
    };
    const layout = typesetParagraph({ runs, style, measure: recorded }, this.fonts, this.workspace);
    // Slots for every set line (the typesetter may not ask for the last line's slot twice).
    for (let i = 0; i < layout.lines.length; i++) if (!slots[i]) slots[i] = measure(i);
    if (this.map.size > this.limit) this.map.clear();
    const entry = { slots: slots.slice(0, Math.max(1, layout.lines.length)), layout };
    if (list) {
      list.push(entry);
      if (list.length > 8) list.shift();
    } else this.map.set(key, [entry]);
    return layout;
  }
}

function runsKey(runs: StyledRun[]): string {
  let k = '';
  for (const r of runs) k += `${r.font}|${r.size}|${r.tracking ?? ''}|${r.hscale ?? ''}|${r.emphasisDots ? 1 : 0}|${r.color ? `${r.color.c},${r.color.m},${r.color.y},${r.color.k}` : ''}|${r.text}\u0002`;
  return k;
}

function sameSlot(a: LineSlot, b: LineSlot): boolean {
  return Math.abs(a.width - b.width) < 1e-6 && Math.abs(a.offset - b.offset) < 1e-6;
}

/** True for single 100 % K, which plants want overprinting. */
export function isBlack(c: Cmyk): boolean {
  return c.c === 0 && c.m === 0 && c.y === 0 && c.k === 100;
}

/** Display items for one set line at column left `x`, baseline `y`. */
export function lineItems(line: TypesetLine, x: Pt, y: Pt, out: DisplayItem[], storyId?: string, fallbackColor: Cmyk = BLACK): void {
  for (const r of line.runs) {
    if (!r.glyphs.length) continue;
    const fill = r.color ?? fallbackColor;
    out.push({
      kind: 'glyphs',
      font: r.font,
      size: r.size,
      y,
      glyphs: r.glyphs,
      xs: r.xs.map((gx) => gx + x),
      chars: r.chars,
      ...(r.hscale && r.hscale !== 1 ? { hscale: r.hscale } : {}),
      fill,
      overprint: isBlack(fill),
      ...(storyId ? { storyId } : {}),
    });
  }
}

const HAN = /\p{Script=Han}/u;

/**
 * 着重号: a dot under every Han character of the runs marked with emphasis (GB/T 15834 §4.17),
 * a bullet of the run's face at 0.4 of its size, centred under the character in the line gap.
 */
export function emphasisDotItems(line: TypesetLine, x: Pt, y: Pt, out: DisplayItem[], fonts: FontSource, storyId?: string): void {
  for (const r of line.runs) {
    if (!r.emphasisDots) continue;
    const face = fonts.face(r.font);
    const gid = face.glyphId(0x2022);
    if (!gid) continue;
    const size = r.size * 0.4;
    const adv = (face.advance(gid) / face.unitsPerEm) * size;
    const xs: Pt[] = [];
    const glyphs: number[] = [];
    const chars: string[] = [];
    r.chars.forEach((ch, i) => {
      if (!HAN.test(ch)) return;
      const box = r.boxXs?.[i] ?? r.xs[i];
      xs.push(x + box + r.advances[i] / 2 - adv / 2);
      glyphs.push(gid);
      chars.push('•');
    });
    if (!glyphs.length) continue;
    const fill = r.color ?? BLACK;
    out.push({ kind: 'glyphs', font: r.font, size, y: y + r.size * 0.25, glyphs, xs, chars, fill, overprint: isBlack(fill), ...(storyId ? { storyId } : {}) });
  }
}

/** Characters a set line covers (for overset counts). */
export function lineChars(line: TypesetLine): number {
  let n = 0;
  for (const r of line.runs) for (const c of r.chars) if (c && c.trim()) n += [...c].length;
  return n;
}
