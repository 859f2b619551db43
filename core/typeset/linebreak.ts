import { Cls, HANGABLE, PUNCT_MASK, SPACEISH } from './classes.js';
import { Bar, Brk, type Items } from './prepare.js';
import type { ParagraphStyle, TypesetDiagnostic } from './types.js';

/**
 * Stage 5, linebreak: the paragraph's items into lines, first fit, one line at a time.
 *
 * Input: {@link Items} and the width available to each line. Output: one {@link Break} per
 * line. Each line takes what fits naturally; where that end is barred by 禁则 (§1.1), in order:
 * hang one 点号 past the measure when the style allows (§1.6), push the barred characters in
 * by shrinking the line (§1.5 shrink steps), hyphenate the word straddling the edge, push out
 * to the last legal break; with no legal break at all the line breaks where it overflows,
 * which {@link explainBreak} reports. A Latin word straddling the edge after a naturally
 * fitting line may come in by shrinking word spaces, or be hyphenated; any other next piece comes
 * in when compressing the line takes less than stretching it would give (a better break than a
 * letter-spaced line).
 */

/** Tolerance of width comparisons, pt. */
export const EPS = 1e-6;

/** A line as the breaker decided it: items [s, e], and how it got there. */
export interface Break {
  s: number;
  e: number;
  /** Characters were pulled back onto the line by shrinking it. */
  pushIn: boolean;
  /** The line ends at an earlier legal break than the natural one. */
  pushOut: boolean;
  /** The line ends at a hyphenation point (a hyphen is added). */
  hyphen: boolean;
  /** The line's last mark hangs past the measure. */
  hang: boolean;
}

/** Width available to the line of the given index (its slot's width, less the first-line indent), pt. */
export type LineWidths = (lineIndex: number) => number;

export function linebreak(items: Items, style: ParagraphStyle, avail: LineWidths): Break[] {
  return breakFrom(items, style, avail, 0, 0, []);
}

/** Greedy breaking from item `from` as line `li`, appended to `out` (the orphan rule re-breaks a tail this way). */
export function breakFrom(items: Items, style: ParagraphStyle, avail: LineWidths, from: number, li: number, out: Break[]): Break[] {
  let s = from;
  while (s < items.n) {
    const b = breakOne(items, style, s, avail(li));
    if (b.e < s) b.e = s; // every line takes at least one item, whatever the measure
    out.push(b);
    s = b.e + 1;
    li++;
  }
  return out;
}

/** End width of item i if the line ended there (line-end half width, trailing spaces vanish). */
function endTrim(items: Items, style: ParagraphStyle, i: number): number {
  return style.lineEndHalfWidth ? items.cR[i] : 0;
}

const breakAt = (s: number, e: number, pushIn = false, pushOut = false, hyphen = false, hang = false): Break => ({ s, e, pushIn, pushOut, hyphen, hang });

/** One line from item s into width W: natural fit, then hanging, push-in, hyphenation, push-out (§1.1). */
function breakOne(items: Items, style: ParagraphStyle, s: number, W: number): Break {
  const { n, cls, brk: opportunity } = items;
  const e = naturalEnd(items, style, s, W);
  if (e >= n - 1) return breakAt(s, n - 1);
  if (e >= s && (opportunity[e] === Brk.Allowed || opportunity[e] === Brk.Forced)) {
    // Natural fit. A Latin word straddling the edge may still come in by shrinking word spaces.
    const nx = e + 1;
    if ((cls[nx] === Cls.Latin || cls[nx] === Cls.Digit) && cls[e] === Cls.Space) {
      const j = nextBreak(items, nx);
      if (fitsWithShrink(items, style, s, j, W, false)) return breakAt(s, j, true);
      const h = bestHyphen(items, style, s, nx, j, W);
      if (h >= 0) return breakAt(s, h, false, false, true);
      return breakAt(s, e);
    }
    // The next piece comes in when compressing the line's pauses and brackets takes less than half
    // of what stretching it would give out: evenly tight reads better than visibly loose.
    // Sentence-end marks are not counted on (§1.5: compressed last, and never to save a gap).
    if (opportunity[e] === Brk.Allowed && cls[nx] !== Cls.Space) {
      const j = nextBreak(items, nx);
      const loose = W - lineMetrics(items, style, s, e, false).natural;
      // A line already at its measure (most of them) need not measure the longer one.
      if (loose > EPS && j < n - 1) {
        const tight = lineMetrics(items, style, s, j, false, false);
        if (tight.natural - tight.shrink <= W + EPS && tight.natural - W < loose / 2) return breakAt(s, j, true);
      }
    }
    return breakAt(s, e);
  }
  // The natural end is not a legal break.
  const nx = e + 1;
  // Hanging punctuation (§1.6): one 点号 may hang past the measure, never two in a row.
  if (style.hangingPunctuation && e >= s && nx < n && (HANGABLE >> cls[nx]) & 1 && !((PUNCT_MASK >> cls[e]) & 1) && (opportunity[nx] === Brk.Allowed || nx === n - 1)) {
    return breakAt(s, nx, false, false, false, true);
  }
  // Push in: squeeze the barred characters back onto this line by compression.
  const j = nextBreak(items, Math.max(nx, s));
  if (fitsWithShrink(items, style, s, j, W, false)) return breakAt(s, j, true);
  // The last legal break before the edge (push-out position), if any.
  let back = -1;
  for (let p = e - 1; p >= s; p--) {
    if (opportunity[p] === Brk.Allowed || opportunity[p] === Brk.Forced) {
      back = p;
      break;
    }
  }
  // Hyphenate the word that straddles the edge (only that word: an earlier word's point is worse than its space).
  if (style.hyphenate) {
    const h = bestHyphen(items, style, s, Math.max(s, back + 1), j, W);
    if (h >= 0) return breakAt(s, h, false, false, true);
  }
  // Push out: end at the last legal break before.
  if (back >= 0) return breakAt(s, back, false, true);
  // No legal break on the line: break where it overflows (diagnosed by explainBreak).
  return breakAt(s, Math.max(e, s));
}

/** The last item from s that fits in W at natural width (s - 1 when none does), stopping at a hard break. */
function naturalEnd(items: Items, style: ParagraphStyle, s: number, W: number): number {
  const { n, w, hl, cls, brk: opportunity, cL } = items;
  let acc = cls[s] === Cls.Open ? -cL[s] : 0; // an opening bracket at line start loses its leading half (§1.4)
  let e = s - 1;
  for (let i = s; i < n; i++) {
    const c = cls[i];
    const add = (i > s ? hl[i] : 0) + w[i];
    const ifEnd = (SPACEISH >> c) & 1 ? acc : acc + add - endTrim(items, style, i);
    if (ifEnd > W + EPS) break;
    acc += add;
    e = i;
    if (opportunity[i] === Brk.Forced) break;
  }
  return e;
}

/** The first item at or after i after which a line may end. */
function nextBreak(items: Items, i: number): number {
  const { n, brk: opportunity } = items;
  let j = i;
  while (j < n - 1 && opportunity[j] !== Brk.Allowed && opportunity[j] !== Brk.Forced) j++;
  return j;
}

/** The latest hyphenation point in [from, to) whose line fits with shrinking, or -1. */
function bestHyphen(items: Items, style: ParagraphStyle, s: number, from: number, to: number, W: number): number {
  for (let h = to - 1; h >= from; h--) {
    if (items.brk[h] === Brk.Hyphen && fitsWithShrink(items, style, s, h, W, true)) return h;
  }
  return -1;
}

/** Natural width and total shrinkability of the line [s, e] (§1.5 shrink steps; `stops`: counting 。？！ in). */
function lineMetrics(items: Items, style: ParagraphStyle, s: number, e: number, hyphen: boolean, stops = true): { natural: number; shrink: number } {
  const { w, hl, cls, cL, cR, em } = items;
  let ee = e;
  while (ee > s && (SPACEISH >> cls[ee]) & 1) ee--;
  let natural = 0;
  let shrink = 0;
  for (let i = s; i <= ee; i++) {
    let wi = w[i];
    const gives = stops || cls[i] !== Cls.Stop;
    if (i === s && cls[i] === Cls.Open) wi -= cL[i];
    else if (gives) shrink += cL[i];
    if (i === ee && style.lineEndHalfWidth) wi -= cR[i];
    else if (gives) shrink += cR[i];
    if (cls[i] === Cls.Space) shrink += Math.max(0, wi - em[i] / 4);
    if (i > s) {
      natural += hl[i];
      if (hl[i] > 0) shrink += Math.max(0, hl[i] - em[i] / 8);
    }
    natural += wi;
  }
  if (hyphen) natural += items.hyphenW[e];
  return { natural, shrink };
}

/** Natural width of the line [s, e] (ends trimmed as a line end trims them), pt. */
export function naturalWidth(items: Items, style: ParagraphStyle, s: number, e: number): number {
  return lineMetrics(items, style, s, e, false).natural;
}

/** Whether the line [s, e] fits W once shrunk as far as §1.5 allows. */
export function fitsWithShrink(items: Items, style: ParagraphStyle, s: number, e: number, W: number, hyphen: boolean): boolean {
  const m = lineMetrics(items, style, s, e, hyphen);
  return m.natural - m.shrink <= W + EPS;
}

/** Records why a line ends at a barred position, when breaking there was unavoidable. */
export function explainBreak(items: Items, b: Break, diagnostics: TypesetDiagnostic[]): void {
  const e = b.e;
  if (items.brk[e] !== Brk.No) return;
  const at = items.off[e + 1];
  if (items.bar[e] === Bar.Kinsoku) {
    diagnostics.push({ kind: 'kinsoku-violation', offset: at, message: `Line break before “${items.text.slice(at, at + 1)}” breaks the 禁则 rule: no legal break fits the measure` });
  } else {
    diagnostics.push({ kind: 'overlong-unbreakable', offset: at, message: `An unbreakable sequence is longer than the measure and was split at offset ${at}` });
  }
}
