import { Cls, SPACEISH } from './classes.js';
import { EPS, type Break } from './linebreak.js';
import type { Items } from './prepare.js';
import type { LineSlot, ParagraphStyle } from './types.js';
import type { TypesetWorkspace } from './workspace.js';

/**
 * Stage 8, adjust: one line shrunk or stretched to its measure (行内调整, cjk-typesetting.md §1.5).
 *
 * Input: {@link Items}, one {@link Break}, the line's slot and indent. Output:
 * {@link AdjustedLine}. First the line's ends: an opening bracket at the line start loses its
 * leading half, line-end punctuation goes to half width (§1.4, GB/T 15834 §5.1.10), a hanging
 * mark takes no room (§1.6), trailing spaces vanish. Then shrink before stretch: a line too long
 * shrinks in the seven steps of §1.5, each spread equally over its candidates; a justified
 * line too short stretches word spaces to ½ em, then every gap outside unbreakables (Han–Latin
 * spacing stays ¼ em); a line with no such gap widens its word spaces and Han–Latin gaps
 * towards one em and its letter gaps towards 1/16 em, in proportion. What is left over goes to the alignment. A line ended by a hard line
 * break is set like a last line.
 */
export interface AdjustedLine {
  /** The line as the breaker (and the orphan rule) decided it. */
  at: Break;
  /** The last item that is not a trailing space or line break. */
  ee: number;
  /**
   * Per item of the line (index i - at.s): box width, space before the item, and glyph origin
   * offset in its box, after adjustment. The workspace's line buffers: valid until the next line.
   */
  widths: Float64Array;
  gaps: Float64Array;
  inkDx: Float64Array;
  /** Where the line's first box starts, relative to the column's left edge, pt. */
  x0: number;
  /** Width before shrinking or stretching (ends trimmed, hyphen added, hanging mark excluded), pt. */
  natural: number;
  /** Width removed by punctuation compression, and added by stretching, pt. */
  compressed: number;
  stretched: number;
  /** Width of the added hyphen (0 unless the line ends at a hyphenation point), pt. */
  hyphenW: number;
}

export function adjust(items: Items, style: ParagraphStyle, at: Break, slot: LineSlot, indent: number, last: boolean, ws: TypesetWorkspace): AdjustedLine {
  const { s, e } = at;
  const { cls, cL, cR } = items;
  const len = e - s + 1;
  ws.reserveLine(len);
  let ee = e;
  while (ee > s && (SPACEISH >> cls[ee]) & 1) ee--;
  const line: AdjustedLine = { at, ee, widths: ws.lw, gaps: ws.lgap, inkDx: ws.ldx, x0: 0, natural: 0, compressed: 0, stretched: 0, hyphenW: at.hyphen ? items.hyphenW[e] : 0 };
  const { widths: lw, gaps: lgap, inkDx: ldx } = line;
  for (let i = s; i <= e; i++) {
    const k = i - s;
    lw[k] = i > ee ? 0 : items.w[i];
    lgap[k] = i > s && i <= ee ? items.hl[i] : 0;
    ldx[k] = items.dx[i];
  }
  const startTrim = cls[s] === Cls.Open ? cL[s] : 0;
  if (startTrim > 0) {
    lw[0] -= startTrim;
    ldx[0] -= startTrim;
    line.compressed += startTrim;
  }
  const endHalf = style.lineEndHalfWidth && ee >= s ? cR[ee] : 0;
  if (endHalf > 0) {
    lw[ee - s] -= endHalf;
    line.compressed += endHalf;
  }
  const hangW = at.hang ? lw[ee - s] : 0;
  let natural = line.hyphenW - hangW;
  for (let k = 0; k < len; k++) natural += lw[k] + lgap[k];
  line.natural = natural;
  const asLast = last || cls[e] === Cls.Newline;
  const fill = style.align === 'distribute' || (style.align === 'justify' && (!asLast || style.lastLineAlign === 'justify'));
  let diff = slot.width - indent - natural;
  if (diff < -EPS) diff = -shrink(items, line, -diff, startTrim > 0, endHalf > 0);
  if (fill && diff > EPS) {
    const rest = stretch(items, line, diff);
    line.stretched = diff - rest;
    diff = rest;
  }
  // Alignment of what is left over.
  line.x0 = slot.offset + indent;
  if (diff > EPS) {
    const align = style.align === 'justify' ? (asLast ? (style.lastLineAlign ?? 'left') : 'left') : style.align;
    if (align === 'right') line.x0 += diff;
    else if (align === 'center' || (align === 'distribute' && len === 1)) line.x0 += diff / 2;
  }
  return line;
}

/** The seven shrink steps of §1.5, indexed from 0; step 6 (index 5, Han–Latin spacing) works on the gaps, the others on the boxes. */
const SHRINK_STEPS = 7;
const SHRINK_HAN_LATIN = 5;

/** Whether item i (class c) is a candidate of shrink step `step` on a line whose last inked item is ee. */
function shrinks(step: number, c: number, i: number, ee: number): boolean {
  switch (step) {
    case 0: // 1. line-end punctuation to ½ em
      return i === ee;
    case 1: // 2. word spaces to ¼ em
      return c === Cls.Space;
    case 2: // 3. interpuncts
      return c === Cls.Middle;
    case 3: // 4. brackets
      return c === Cls.Open || c === Cls.Close;
    case 4: // 5. ，、；：
      return c === Cls.Pause;
    case 6: // 7. 。？！
      return c === Cls.Stop;
    default:
      return false;
  }
}

/**
 * Shrinks the line by up to `need` in the order of §1.5, each step equally over its
 * candidates; returns what could not be taken. An end already trimmed (the line-start bracket,
 * the line-end half width) has nothing left to give on that side.
 */
function shrink(items: Items, line: AdjustedLine, need: number, startTrimmed: boolean, endHalved: boolean): number {
  const { cls, cL, cR, em } = items;
  const { s } = line.at;
  const { ee, widths: lw, gaps: lgap, inkDx: ldx } = line;
  const remL = (i: number) => (i === s && startTrimmed ? 0 : cL[i]);
  const remR = (i: number) => (i === ee && endHalved ? 0 : cR[i]);
  for (let st = 0; st < SHRINK_STEPS && need > EPS; st++) {
    if (st === SHRINK_HAN_LATIN) {
      // 6. Han–Latin spacing down to ⅛ em.
      let total = 0;
      for (let i = s + 1; i <= ee; i++) if (lgap[i - s] > 0) total += Math.max(0, lgap[i - s] - em[i] / 8);
      if (total <= EPS) continue;
      const r = Math.min(1, need / total);
      for (let i = s + 1; i <= ee; i++) {
        const k = i - s;
        if (lgap[k] > 0) lgap[k] -= Math.max(0, lgap[k] - em[i] / 8) * r;
      }
      need -= total * r;
      line.compressed += total * r;
      continue;
    }
    let total = 0;
    for (let i = s; i <= ee; i++) {
      if (!shrinks(st, cls[i], i, ee)) continue;
      total += cls[i] === Cls.Space ? Math.max(0, lw[i - s] - em[i] / 4) : remL(i) + remR(i);
    }
    if (total <= EPS) continue;
    const r = Math.min(1, need / total);
    for (let i = s; i <= ee; i++) {
      if (!shrinks(st, cls[i], i, ee)) continue;
      const k = i - s;
      if (cls[i] === Cls.Space) lw[k] -= Math.max(0, lw[k] - em[i] / 4) * r;
      else {
        const l = remL(i) * r;
        lw[k] -= l + remR(i) * r;
        ldx[k] -= l;
      }
    }
    need -= total * r;
    // Word spaces are not punctuation: they do not count as compressed.
    if (st !== 1) line.compressed += total * r;
  }
  return need;
}

/** The most letter-spacing a line of unbreakables gets, as a divisor of the em (1/16 em a gap). */
const LETTER_SPACING_MAX = 16;

/** Stretches the line by up to `diff` in the order of §1.5; returns what is left for the alignment. */
function stretch(items: Items, line: AdjustedLine, diff: number): number {
  const { cls, em, stretchOk } = items;
  const { s } = line.at;
  const { ee, widths: lw, gaps: lgap } = line;
  let rest = diff;
  // 1. Word spaces up to ½ em.
  let total = 0;
  for (let i = s + 1; i < ee; i++) if (cls[i] === Cls.Space) total += Math.max(0, em[i] / 2 - lw[i - s]);
  if (total > EPS) {
    const r = Math.min(1, rest / total);
    for (let i = s + 1; i < ee; i++) if (cls[i] === Cls.Space) lw[i - s] += Math.max(0, em[i] / 2 - lw[i - s]) * r;
    rest -= total * r;
  }
  // 2. Han–Latin spacing stays at its natural ¼ em while any other gap can take the stretch
  // (clreq: the spacing is ¼ em; stretched to ½ em beside unstretched Han gaps it reads as a hole).
  if (rest <= EPS) return rest;
  // 3. Every remaining gap between characters, never inside unbreakables.
  let gaps = 0;
  for (let i = s; i < ee; i++) if (stretchOk[i] && lgap[i + 1 - s] === 0) gaps++;
  if (gaps > 0) {
    const add = rest / gaps;
    for (let i = s; i < ee; i++) if (stretchOk[i] && lgap[i + 1 - s] === 0) lgap[i + 1 - s] += add;
    return 0;
  }
  // Nothing else can take it (a line of Latin words or numbers): word spaces and Han–Latin gaps
  // widen towards one em and the letters space out towards 1/16 em a gap, all in proportion to
  // that room, so the stretch is spread as evenly as it can be (past the room too: the line
  // still ends at the measure).
  const spaceRoom = (i: number) => (cls[i] === Cls.Space ? Math.max(0, em[i] - lw[i - s]) : lgap[i - s] > 0 ? Math.max(0, em[i] - lgap[i - s]) : 0);
  const letterRoom = (i: number) => (cls[i] === Cls.Space || lgap[i - s] > 0 ? 0 : em[i] / LETTER_SPACING_MAX);
  let room = 0;
  for (let i = s + 1; i <= ee; i++) room += spaceRoom(i) + letterRoom(i);
  if (room <= EPS) return rest;
  const r = rest / room;
  for (let i = s + 1; i <= ee; i++) {
    const space = spaceRoom(i) * r;
    if (cls[i] === Cls.Space) lw[i - s] += space;
    else lgap[i - s] += space + letterRoom(i) * r;
  }
  return 0;
}
