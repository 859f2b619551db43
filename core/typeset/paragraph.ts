import type { FontSource } from '../fonts/types.js';
import { bit, Cls, PUNCT_MASK } from './classes.js';
import { Bar, Brk, buildItems, type Items } from './items.js';
import type { LineRun, LineSlot, ParagraphInput, ParagraphLayout, ParagraphStyle, TypesetDiagnostic, TypesetLine } from './types.js';

const EPS = 1e-6;
const HANGABLE = bit(Cls.Pause) | bit(Cls.Stop);
const SPACEISH = bit(Cls.Space) | bit(Cls.Newline);

/** A line as the breaker decided it: items [s, e], and how it got there. */
interface Break {
  s: number;
  e: number;
  pushIn: boolean;
  pushOut: boolean;
  hyphen: boolean;
  hang: boolean;
}

/** Sets a paragraph into lines by cjk-typesetting.md §1 (breaking, compression, justification). */
export function typesetParagraph(input: ParagraphInput, fonts: FontSource): ParagraphLayout {
  const style = input.style;
  const it = buildItems(input.runs, style, fonts);
  const measure = input.measure;
  const slotOf: (i: number) => LineSlot = typeof measure === 'number' ? () => ({ width: measure, offset: 0 }) : measure;
  const indent = style.firstLineIndent * (input.runs[0]?.size ?? 0);
  const diagnostics: TypesetDiagnostic[] = it.diagnostics;
  if (it.n === 0) {
    return { lines: [emptyLine(slotOf(0), it)], diagnostics };
  }
  const avail = (li: number) => slotOf(li).width - (li === 0 ? indent : 0);
  const breaks = breakLines(it, style, avail, 0, 0, []);
  if (!fixOrphan(it, style, avail, breaks)) {
    const last = breaks[breaks.length - 1];
    diagnostics.push({ kind: 'orphan', offset: it.off[last.s], message: `The last line holds fewer than ${style.minLastLineChars} characters (孤字) and no earlier line could take or give one` });
  }
  const lines: TypesetLine[] = [];
  for (let li = 0; li < breaks.length; li++) {
    const b = breaks[li];
    lines.push(setLine(it, style, b, slotOf(li), li === 0 ? indent : 0, li === breaks.length - 1));
    if (li < breaks.length - 1) explainBreak(it, b, diagnostics);
  }
  return { lines, diagnostics };
}

/** Greedy breaking from item `from`, line index `li`, appended to `out`. */
function breakLines(it: Items, style: ParagraphStyle, avail: (li: number) => number, from: number, li: number, out: Break[]): Break[] {
  let s = from;
  while (s < it.n) {
    const b = breakOne(it, style, s, avail(li));
    if (b.e < s) b.e = s; // every line takes at least one item, whatever the measure
    out.push(b);
    s = b.e + 1;
    li++;
  }
  return out;
}

/** End width of item i if the line ended there (line-end half width, trailing spaces vanish). */
function endTrim(it: Items, style: ParagraphStyle, i: number): number {
  return style.lineEndHalfWidth ? it.cR[i] : 0;
}

/** One line from item s into width W: natural fit, then push-in, hyphenation, push-out (§1.1). */
function breakOne(it: Items, style: ParagraphStyle, s: number, W: number): Break {
  const { n, w, hl, cls, brk, cL } = it;
  let acc = cls[s] === Cls.Open ? -cL[s] : 0; // an opening bracket at line start loses its leading half (§1.4)
  let e = s - 1;
  for (let i = s; i < n; i++) {
    const c = cls[i];
    const add = (i > s ? hl[i] : 0) + w[i];
    const ifEnd = (SPACEISH >> c) & 1 ? acc : acc + add - endTrim(it, style, i);
    if (ifEnd > W + EPS) break;
    acc += add;
    e = i;
    if (brk[i] === Brk.Forced) break;
  }
  const mk = (end: number, pushIn = false, pushOut = false, hyphen = false, hang = false): Break => ({ s, e: end, pushIn, pushOut, hyphen, hang });
  if (e >= n - 1) return mk(n - 1);
  if (e >= s && (brk[e] === Brk.Allowed || brk[e] === Brk.Forced)) {
    // Natural fit. A Latin word straddling the edge may still come in by shrinking word spaces.
    const nx = e + 1;
    if ((cls[nx] === Cls.Latin || cls[nx] === Cls.Digit) && cls[e] === Cls.Space) {
      const j = nextBreak(it, nx);
      if (fitsWithShrink(it, style, s, j, W, false)) return mk(j, true);
      const h = bestHyphen(it, style, s, nx, j, W);
      if (h >= 0) return mk(h, false, false, true);
    }
    return mk(e);
  }
  // The natural end is not a legal break.
  const nx = e + 1;
  // Hanging punctuation (§1.6): one 点号 may hang past the measure, never two in a row.
  if (style.hangingPunctuation && e >= s && nx < n && (HANGABLE >> cls[nx]) & 1 && !((PUNCT_MASK >> cls[e]) & 1) && (brk[nx] === Brk.Allowed || nx === n - 1)) {
    return mk(nx, false, false, false, true);
  }
  // Push in: squeeze the barred characters back onto this line by compression.
  const j = nextBreak(it, Math.max(nx, s));
  if (fitsWithShrink(it, style, s, j, W, false)) return mk(j, true);
  // The last legal break before the edge (push-out position), if any.
  let back = -1;
  for (let p = e - 1; p >= s; p--) {
    if (brk[p] === Brk.Allowed || brk[p] === Brk.Forced) {
      back = p;
      break;
    }
  }
  // Hyphenate the word that straddles the edge (only that word: an earlier word's point is worse than its space).
  if (style.hyphenate) {
    const h = bestHyphen(it, style, s, Math.max(s, back + 1), j, W);
    if (h >= 0) return mk(h, false, false, true);
  }
  // Push out: end at the last legal break before.
  if (back >= 0) return mk(back, false, true);
  // No legal break on the line: break where it overflows (diagnosed by explainBreak).
  return mk(Math.max(e, s));
}

/** The first item at or after i after which a line may end. */
function nextBreak(it: Items, i: number): number {
  const { n, brk } = it;
  let j = i;
  while (j < n - 1 && brk[j] !== Brk.Allowed && brk[j] !== Brk.Forced) j++;
  return j;
}

/** The latest hyphenation point in [from, to) whose line fits with shrinking, or -1. */
function bestHyphen(it: Items, style: ParagraphStyle, s: number, from: number, to: number, W: number): number {
  for (let h = to - 1; h >= from; h--) {
    if (it.brk[h] === Brk.Hyphen && fitsWithShrink(it, style, s, h, W, true)) return h;
  }
  return -1;
}

/** Natural width and total shrinkability of the line [s, e] (§1.5 shrink steps). */
function lineMetrics(it: Items, style: ParagraphStyle, s: number, e: number, hyphen: boolean): { natural: number; shrink: number } {
  const { w, hl, cls, cL, cR, em } = it;
  let ee = e;
  while (ee > s && (SPACEISH >> cls[ee]) & 1) ee--;
  let natural = 0;
  let shrink = 0;
  for (let i = s; i <= ee; i++) {
    let wi = w[i];
    if (i === s && cls[i] === Cls.Open) wi -= cL[i];
    else shrink += cL[i];
    if (i === ee && style.lineEndHalfWidth) wi -= cR[i];
    else shrink += cR[i];
    if (cls[i] === Cls.Space) shrink += Math.max(0, wi - em[i] / 4);
    if (i > s) {
      natural += hl[i];
      if (hl[i] > 0) shrink += Math.max(0, hl[i] - em[i] / 8);
    }
    natural += wi;
  }
  if (hyphen) natural += it.hyphenW[e];
  return { natural, shrink };
}

function fitsWithShrink(it: Items, style: ParagraphStyle, s: number, e: number, W: number, hyphen: boolean): boolean {
  const m = lineMetrics(it, style, s, e, hyphen);
  return m.natural - m.shrink <= W + EPS;
}

/** Counts the characters of a line that are not punctuation or space (for 孤字, §1.8). */
function realChars(it: Items, s: number, e: number): number {
  let k = 0;
  for (let i = s; i <= e; i++) if (!(((PUNCT_MASK | SPACEISH) >> it.cls[i]) & 1)) k++;
  return k;
}

/**
 * The orphan rule (§1.8): a paragraph's last line holds at least minLastLineChars characters.
 * First pull the last line back into the one above by compression; else push characters down
 * from the line above (which then justifies), moving its break earlier until the rule holds.
 */
function fixOrphan(it: Items, style: ParagraphStyle, avail: (li: number) => number, breaks: Break[]): boolean {
  const min = style.minLastLineChars;
  if (min <= 1 || breaks.length < 2) return true;
  const last = breaks[breaks.length - 1];
  if (realChars(it, last.s, last.e) >= min) return true;
  if (it.brk[last.s - 1] === Brk.Forced) return true; // a hard line break ends the line on purpose
  const k = breaks.length - 2;
  const prev = breaks[k];
  if (fitsWithShrink(it, style, prev.s, last.e, avail(k), false)) {
    breaks.splice(k, 2, { s: prev.s, e: last.e, pushIn: true, pushOut: false, hyphen: false, hang: false });
    return true;
  }
  for (let p = prev.e - 1, tries = 0; p >= prev.s && tries < 6; p--) {
    if (it.brk[p] !== Brk.Allowed) continue;
    tries++;
    const trial = breaks.slice(0, k);
    trial.push({ s: prev.s, e: p, pushIn: false, pushOut: true, hyphen: false, hang: false });
    breakLines(it, style, avail, p + 1, k + 1, trial);
    const tl = trial[trial.length - 1];
    if (realChars(it, tl.s, tl.e) >= min && realChars(it, prev.s, p) >= min) {
      breaks.splice(0, breaks.length, ...trial);
      return true;
    }
  }
  return false;
}

/** Records why a line ends at a barred position, when breaking there was unavoidable. */
function explainBreak(it: Items, b: Break, diagnostics: TypesetDiagnostic[]): void {
  const e = b.e;
  if (it.brk[e] !== Brk.No) return;
  const at = it.off[e + 1];
  if (it.bar[e] === Bar.Kinsoku) {
    diagnostics.push({ kind: 'kinsoku-violation', offset: at, message: `Line break before “${it.text.slice(at, at + 1)}” breaks the 禁则 rule: no legal break fits the measure` });
  } else {
    diagnostics.push({ kind: 'overlong-unbreakable', offset: at, message: `An unbreakable sequence is longer than the measure and was split at offset ${at}` });
  }
}

let lw = new Float64Array(256);
let lgap = new Float64Array(256);
let ldx = new Float64Array(256);

/** Shrinks or stretches one line to its width and places every glyph (§1.4, §1.5). */
function setLine(it: Items, style: ParagraphStyle, b: Break, slot: LineSlot, indent: number, last: boolean): TypesetLine {
  const { s, e } = b;
  const { w, hl, cls, cL, cR, dx, em, stretchOk } = it;
  const len = e - s + 1;
  if (lw.length < len + 1) {
    lw = new Float64Array(len * 2);
    lgap = new Float64Array(len * 2);
    ldx = new Float64Array(len * 2);
  }
  // Local copies: lw box width, lgap space before the item, ldx ink offset; cl/cr remaining trim.
  let ee = e;
  while (ee > s && (SPACEISH >> cls[ee]) & 1) ee--;
  let compressed = 0;
  for (let i = s; i <= e; i++) {
    const k = i - s;
    lw[k] = i > ee ? 0 : w[i];
    lgap[k] = i > s && i <= ee ? hl[i] : 0;
    ldx[k] = dx[i];
  }
  const startTrim = cls[s] === Cls.Open ? cL[s] : 0;
  if (startTrim > 0) {
    lw[0] -= startTrim;
    ldx[0] -= startTrim;
    compressed += startTrim;
  }
  const endHalf = style.lineEndHalfWidth && ee >= s ? cR[ee] : 0;
  if (endHalf > 0) {
    lw[ee - s] -= endHalf;
    compressed += endHalf;
  }
  let hangW = 0;
  if (b.hang) {
    hangW = lw[ee - s];
  }
  const hyphenW = b.hyphen ? it.hyphenW[e] : 0;
  const W = slot.width - indent;
  let natural = hyphenW - hangW;
  for (let k = 0; k < len; k++) natural += lw[k] + lgap[k];
  // A line ended by a hard line break is set like a last line.
  const asLast = last || cls[e] === Cls.Newline;
  const fill = style.align === 'distribute' || (style.align === 'justify' && (!asLast || style.lastLineAlign === 'justify'));
  let diff = W - natural;
  let stretched = 0;
  if (diff < -EPS) {
    // Shrink in the order of §1.5, each step equally over its candidates.
    let need = -diff;
    const remL = (i: number) => (i === s && startTrim > 0 ? 0 : cL[i]);
    const remR = (i: number) => (i === ee && endHalf > 0 ? 0 : cR[i]);
    const steps: Array<(i: number) => boolean> = [
      (i) => i === ee, // 1. line-end punctuation to ½ em
      (i) => cls[i] === Cls.Space, // 2. word spaces to ¼ em
      (i) => cls[i] === Cls.Middle, // 3. interpuncts
      (i) => cls[i] === Cls.Open || cls[i] === Cls.Close, // 4. brackets
      (i) => cls[i] === Cls.Pause, // 5. ，、；：
      () => false, // 6. Han–Latin spacing (handled on gaps)
      (i) => cls[i] === Cls.Stop, // 7. 。？！
    ];
    for (let st = 0; st < steps.length && need > EPS; st++) {
      if (st === 5) {
        let total = 0;
        for (let i = s + 1; i <= ee; i++) if (lgap[i - s] > 0) total += Math.max(0, lgap[i - s] - em[i] / 8);
        if (total <= EPS) continue;
        const r = Math.min(1, need / total);
        for (let i = s + 1; i <= ee; i++) {
          const k = i - s;
          if (lgap[k] > 0) lgap[k] -= Math.max(0, lgap[k] - em[i] / 8) * r;
        }
        need -= total * r;
        compressed += total * r;
        continue;
      }
      const test = steps[st];
      let total = 0;
      for (let i = s; i <= ee; i++) {
        if (!test(i)) continue;
        total += cls[i] === Cls.Space ? Math.max(0, lw[i - s] - em[i] / 4) : remL(i) + remR(i);
      }
      if (total <= EPS) continue;
      const r = Math.min(1, need / total);
      for (let i = s; i <= ee; i++) {
        if (!test(i)) continue;
        const k = i - s;
        if (cls[i] === Cls.Space) lw[k] -= Math.max(0, lw[k] - em[i] / 4) * r;
        else {
          const l = remL(i) * r;
          lw[k] -= l + remR(i) * r;
          ldx[k] -= l;
        }
      }
      need -= total * r;
      if (st !== 1) compressed += total * r;
    }
    diff = -need;
  }
  if (fill && diff > EPS) {
    // Stretch in the order of §1.5: word spaces to ½ em, Han–Latin spacing to ½ em, then every gap.
    let rest = diff;
    let total = 0;
    for (let i = s + 1; i < ee; i++) if (cls[i] === Cls.Space) total += Math.max(0, em[i] / 2 - lw[i - s]);
    if (total > EPS) {
      const r = Math.min(1, rest / total);
      for (let i = s + 1; i < ee; i++) if (cls[i] === Cls.Space) lw[i - s] += Math.max(0, em[i] / 2 - lw[i - s]) * r;
      rest -= total * r;
    }
    total = 0;
    for (let i = s + 1; i <= ee; i++) if (lgap[i - s] > 0) total += Math.max(0, em[i] / 2 - lgap[i - s]);
    if (rest > EPS && total > EPS) {
      const r = Math.min(1, rest / total);
      for (let i = s + 1; i <= ee; i++) if (lgap[i - s] > 0) lgap[i - s] += Math.max(0, em[i] / 2 - lgap[i - s]) * r;
      rest -= total * r;
    }
    if (rest > EPS) {
      // Step 3: every remaining gap between characters, never inside unbreakables.
      let gaps = 0;
      for (let i = s; i < ee; i++) if (stretchOk[i] && lgap[i + 1 - s] === 0) gaps++;
      if (gaps > 0) {
        const add = rest / gaps;
        for (let i = s; i < ee; i++) if (stretchOk[i] && lgap[i + 1 - s] === 0) lgap[i + 1 - s] += add;
        rest = 0;
      } else {
        // Nothing else can take it: spaces and Han–Latin gaps go past their caps, else letter-space.
        let slots = 0;
        for (let i = s + 1; i <= ee; i++) if (cls[i] === Cls.Space || lgap[i - s] > 0) slots++;
        if (slots > 0) {
          const add = rest / slots;
          for (let i = s + 1; i <= ee; i++) if (cls[i] === Cls.Space || lgap[i - s] > 0) lgap[i - s] += add;
          rest = 0;
        } else if (ee > s) {
          const add = rest / (ee - s);
          for (let i = s + 1; i <= ee; i++) lgap[i - s] += add;
          rest = 0;
        }
      }
    }
    stretched = diff - rest;
    diff = rest;
  }
  // Alignment of what is left over.
  let x0 = slot.offset + indent;
  if (diff > EPS) {
    const align = style.align === 'justify' ? (asLast ? (style.lastLineAlign ?? 'left') : 'left') : style.align;
    if (align === 'right') x0 += diff;
    else if (align === 'center' || (align === 'distribute' && len === 1)) x0 += diff / 2;
  }
  // Place glyphs; group into runs by style run and face.
  const runs: LineRun[] = [];
  let cur: LineRun | undefined;
  let curRun = -1;
  let curFace = '';
  let pen = x0;
  let ascent = 0;
  let descent = 0;
  for (let i = s; i <= e; i++) {
    const k = i - s;
    pen += lgap[k];
    const r = it.run[i];
    const f = it.face[i];
    if (!cur || r !== curRun || f !== curFace) {
      const sr = it.runs[r];
      cur = { font: f, size: sr.size, glyphs: [], xs: [], advances: [], boxXs: [], chars: [], offsets: [] };
      if (sr.hscale !== undefined && sr.hscale !== 1) cur.hscale = sr.hscale;
      if (sr.color) cur.color = sr.color;
      if (sr.emphasisDots) cur.emphasisDots = true;
      runs.push(cur);
      curRun = r;
      curFace = f;
      if (it.runAscent[r] > ascent) ascent = it.runAscent[r];
      if (it.runDescent[r] > descent) descent = it.runDescent[r];
    }
    cur.glyphs.push(it.gid[i]);
    cur.xs.push(pen + ldx[k]);
    cur.boxXs!.push(pen);
    const nextGap = i < e ? lgap[k + 1] : 0;
    cur.advances.push(lw[k] + nextGap);
    cur.chars.push(it.text.slice(it.off[i], it.off[i + 1]));
    cur.offsets.push(it.off[i]);
    pen += lw[k];
  }
  if (b.hyphen && cur) {
    cur.glyphs.push(it.hyphenGid[e]);
    cur.xs.push(pen);
    cur.boxXs!.push(pen);
    cur.advances.push(hyphenW);
    cur.chars.push('');
    cur.offsets.push(it.off[e + 1]);
    pen += hyphenW;
  }
  const width = pen - x0 - (b.hang ? lw[ee - s] : 0);
  return {
    start: it.off[s],
    end: it.off[e + 1],
    slot,
    naturalWidth: natural,
    width,
    ascent,
    descent,
    runs,
    adjustments: { compressed, stretched, pushIn: b.pushIn, pushOut: b.pushOut, hyphenated: b.hyphen, hanging: b.hang },
    last,
  };
}

/** The one line of an empty paragraph (it still takes a line on the page). */
function emptyLine(slot: LineSlot, it: Items): TypesetLine {
  return {
    start: 0,
    end: 0,
    slot,
    naturalWidth: 0,
    width: 0,
    ascent: it.runAscent[0] ?? 0,
    descent: it.runDescent[0] ?? 0,
    runs: [],
    adjustments: { compressed: 0, stretched: 0, pushIn: false, pushOut: false, hyphenated: false, hanging: false },
    last: true,
  };
}
