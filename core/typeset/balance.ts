import { linebreak, naturalWidth, type Break, type LineWidths } from './linebreak.js';
import { Brk, type Items } from './prepare.js';
import type { ParagraphStyle } from './types.js';

/**
 * Stage 6, balance: the lines of a headline or subhead (cjk-typesetting.md §2.3) as even as the
 * measure allows, turned at phrase or word boundaries, so that no line holds two or three
 * characters of their own (晚九点, 来定, 心上).
 *
 * Input: {@link Items} and the breaks from the earlier stages. Output: the breaks to set. For a
 * style with `balance`, when the paragraph takes two lines or more: only breaks at phrase
 * boundaries (spaces, punctuation, quotes) are kept as long as that costs no line and forces no
 * break, else only breaks between words (the Chinese word segmentation of Intl.Segmenter), else
 * any; for each, the narrowest measure that still gives the same number of lines is found (by
 * bisection), and the first whose lines are even enough is taken (else the evenest). The lines
 * are then set at the full measure, so the alignment places them (centred headlines stay centred).
 */
export function balance(items: Items, style: ParagraphStyle, avail: LineWidths, breaks: Break[]): Break[] {
  if (!style.balance || breaks.length < 2) return breaks;
  const k = breaks.length;
  const saved = items.brk.slice(0, items.n);
  // Phrase boundaries first (spaces, punctuation, quotes), then word boundaries, then any break:
  // the first whose balanced lines are even enough, else the evenest.
  let best: { breaks: Break[]; evenness: number } | undefined;
  try {
    for (const tier of ['phrase', 'word', 'any'] as const) {
      items.brk.set(saved);
      if (tier !== 'any') barWeakBreaks(items, tier);
      const balanced = narrowest(items, style, avail, k);
      if (!balanced) continue;
      const evenness = evennessOf(items, style, balanced);
      if (!best || evenness > best.evenness) best = { breaks: balanced, evenness };
      if (evenness >= EVEN_ENOUGH) break;
    }
  } finally {
    items.brk.set(saved);
  }
  return best?.breaks ?? breaks;
}

/** Shortest line over longest line at which a balanced headline is taken as it is. */
const EVEN_ENOUGH = 0.6;

/** The breaks at the narrowest measure (bisection) that still gives `k` clean lines, or undefined when the full measure does not. */
function narrowest(items: Items, style: ParagraphStyle, avail: LineWidths, k: number): Break[] | undefined {
  let best = linebreak(items, style, avail);
  if (!clean(items, best, k)) return undefined;
  let hi = Math.max(...best.map((_, li) => avail(li)));
  let lo = (hi * (k - 1)) / k;
  for (let step = 0; step < 16 && hi - lo > 0.05; step++) {
    const mid = (lo + hi) / 2;
    const trial = linebreak(items, style, (li) => Math.min(avail(li), mid));
    if (clean(items, trial, k)) {
      best = trial;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/** The shortest line's natural width over the longest's. */
function evennessOf(items: Items, style: ParagraphStyle, breaks: Break[]): number {
  const widths = breaks.map((b) => naturalWidth(items, style, b.s, b.e));
  return Math.min(...widths) / Math.max(...widths);
}

/** At most `k` lines, none ended where no break is allowed (an overflow the breaker had to make). */
function clean(items: Items, breaks: Break[], k: number): boolean {
  if (breaks.length > k) return false;
  for (let i = 0; i < breaks.length - 1; i++) if (items.brk[breaks[i].e] === Brk.No) return false;
  return true;
}

let segmenter: Intl.Segmenter | undefined;

/** Opening marks a phrase starts with, closing marks and 点号 a phrase ends with. */
const OPENS = /[“‘（《〈【「『(\[]/;
const ENDS = /[”’）》〉】」』)\]，。、；：！？,;:!?]/;

/**
 * Bars the allowed breaks that are not at a boundary of the given kind: 'phrase' keeps only
 * breaks at a space, after a closing mark or 点号 and before an opening mark; 'word' bars the
 * breaks inside a word of two or more characters.
 */
function barWeakBreaks(items: Items, kind: 'phrase' | 'word'): void {
  const { n, off, brk, text } = items;
  let weak: (at: number) => boolean;
  if (kind === 'phrase') {
    weak = (at) => {
      const before = text[at - 1];
      const after = text[at];
      return !(before === ' ' || after === ' ' || ENDS.test(before) || OPENS.test(after));
    };
  } else {
    segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
    const inside = new Uint8Array(text.length + 1);
    for (const seg of segmenter.segment(text)) {
      if (!seg.isWordLike || seg.segment.length < 2) continue;
      for (let c = seg.index + 1; c < seg.index + seg.segment.length; c++) inside[c] = 1;
    }
    weak = (at) => inside[at] === 1;
  }
  // A break after item i falls at the offset where item i + 1 starts.
  for (let i = 0; i + 1 < n; i++) if (brk[i] === Brk.Allowed && weak(off[i + 1])) brk[i] = Brk.No;
}
