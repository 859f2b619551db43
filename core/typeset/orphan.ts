import { PUNCT_MASK, SPACEISH } from './classes.js';
import { breakFrom, fitsWithShrink, type Break, type LineWidths } from './linebreak.js';
import { Brk, type Items } from './prepare.js';
import type { ParagraphStyle } from './types.js';

/**
 * Stage 7, orphan: a paragraph's last line holds at least the style's minLastLineChars
 * characters (no 孤字, cjk-typesetting.md §1.8).
 *
 * Input: {@link Items} and the breaks from {@link linebreak}. Output: {@link Balanced}, the
 * breaks to set. First the last line is pulled back into the one above by compression; else
 * characters are pushed down from the line above (which then justifies, 均排), its break moving
 * earlier (up to six legal breaks) until both lines keep the minimum. A last line after a hard
 * line break is left alone: the break ends the line on purpose.
 */
export interface Balanced {
  breaks: Break[];
  /** False when the last line is still too short (the paragraph reports an orphan). */
  ok: boolean;
}

export function avoidOrphan(items: Items, style: ParagraphStyle, avail: LineWidths, breaks: Break[]): Balanced {
  const min = style.minLastLineChars;
  if (min <= 1 || breaks.length < 2) return { breaks, ok: true };
  const last = breaks[breaks.length - 1];
  if (realChars(items, last.s, last.e) >= min) return { breaks, ok: true };
  if (items.brk[last.s - 1] === Brk.Forced) return { breaks, ok: true };
  const k = breaks.length - 2;
  const prev = breaks[k];
  if (fitsWithShrink(items, style, prev.s, last.e, avail(k), false)) {
    return { breaks: [...breaks.slice(0, k), { s: prev.s, e: last.e, pushIn: true, pushOut: false, hyphen: false, hang: false }], ok: true };
  }
  for (let p = prev.e - 1, tries = 0; p >= prev.s && tries < 6; p--) {
    if (items.brk[p] !== Brk.Allowed) continue;
    tries++;
    const trial = breaks.slice(0, k);
    trial.push({ s: prev.s, e: p, pushIn: false, pushOut: true, hyphen: false, hang: false });
    breakFrom(items, style, avail, p + 1, k + 1, trial);
    const tl = trial[trial.length - 1];
    if (realChars(items, tl.s, tl.e) >= min && realChars(items, prev.s, p) >= min) return { breaks: trial, ok: true };
  }
  return { breaks, ok: false };
}

/** Counts the characters of a line that are not punctuation or space. */
function realChars(items: Items, s: number, e: number): number {
  let k = 0;
  for (let i = s; i <= e; i++) if (!(((PUNCT_MASK | SPACEISH) >> items.cls[i]) & 1)) k++;
  return k;
}
