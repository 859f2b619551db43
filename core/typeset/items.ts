import type { FontKey } from '../display/types.js';
import type { FontFace, FontSource } from '../fonts/types.js';
import { bit, charClass, Cls, isLatinLike, noLineEndMask, noLineStartMask, PUNCT_MASK } from './classes.js';
import { hyphenationPoints } from './hyphenate.js';
import type { ParagraphStyle, StyledRun, TypesetDiagnostic } from './types.js';

/** Break opportunity after an item. */
export const enum Brk {
  /** No break: inside an unbreakable, or barred by 禁则. */
  No = 0,
  Allowed = 1,
  /** A hyphenation point inside a Latin word (a hyphen is added). */
  Hyphen = 2,
  /** A hard line break (newline inside the paragraph). */
  Forced = 3,
}

/** Why a break is barred, for diagnostics when a line must break there anyway. */
export const enum Bar {
  None = 0,
  Kinsoku = 1,
  Unbreakable = 2,
}

/**
 * The paragraph as a sequence of items, one per glyph, in structure-of-arrays form so that
 * line breaking and adjustment touch typed arrays only. Widths are in points after the
 * punctuation style (全身/开明/对开) and adjacent-punctuation kerning (§1.4) are applied.
 */
export interface Items {
  n: number;
  text: string;
  runs: StyledRun[];
  /** Text offset of each item; off[n] = text.length. */
  off: Int32Array;
  cls: Uint8Array;
  /** Index of the styled run. */
  run: Int32Array;
  /** Face of each item (the run's face, or its fallback for a missing glyph). */
  face: FontKey[];
  gid: Int32Array;
  /** Box width (advance after style), pt. */
  w: Float64Array;
  /** Glyph origin offset from the box start (negative when the left side is trimmed), pt. */
  dx: Float64Array;
  /** Em (the run size) of each item. */
  em: Float64Array;
  /** Still-trimmable empty space on the left and right of a punctuation mark, pt. */
  cL: Float64Array;
  cR: Float64Array;
  /** Han–Latin spacing before the item (natural), pt. */
  hl: Float64Array;
  brk: Uint8Array;
  bar: Uint8Array;
  /** Whether the gap after the item may be stretched in the last stretch step (§1.5). */
  stretchOk: Uint8Array;
  /** Width of a hyphen in the item's face, for hyphenation points. */
  hyphenW: Float64Array;
  hyphenGid: Int32Array;
  /** Per run: ascent and descent in pt. */
  runAscent: number[];
  runDescent: number[];
  diagnostics: TypesetDiagnostic[];
}

let cap = 0;
let buf: Omit<Items, 'n' | 'text' | 'runs' | 'face' | 'runAscent' | 'runDescent' | 'diagnostics'>;

function ensure(size: number): void {
  if (size <= cap) return;
  cap = Math.max(size, cap * 2, 256);
  buf = {
    off: new Int32Array(cap + 1),
    cls: new Uint8Array(cap),
    run: new Int32Array(cap),
    gid: new Int32Array(cap),
    w: new Float64Array(cap),
    dx: new Float64Array(cap),
    em: new Float64Array(cap),
    cL: new Float64Array(cap),
    cR: new Float64Array(cap),
    hl: new Float64Array(cap),
    brk: new Uint8Array(cap),
    bar: new Uint8Array(cap),
    stretchOk: new Uint8Array(cap),
    hyphenW: new Float64Array(cap),
    hyphenGid: new Int32Array(cap),
  };
}

/** Code points set as Western words and shaped with kerning (letters, digits, ASCII, Latin-1). */
function shapeable(cp: number, c: Cls): boolean {
  if (c === Cls.Latin || c === Cls.Digit) return true;
  return cp < 0x250 && c !== Cls.Space && c !== Cls.Newline && cp !== 0xb7 && cp >= 0x21;
}

const WIDE_CONTEXT = 0x2e80;

const COMPRESSIBLE = bit(Cls.Open) | bit(Cls.Close) | bit(Cls.Pause) | bit(Cls.Stop) | bit(Cls.Middle);

/** Builds the items of a paragraph: glyphs, widths, classes, break opportunities, glue. */
export function buildItems(runs: StyledRun[], style: ParagraphStyle, fonts: FontSource): Items {
  let text = '';
  for (const r of runs) text += r.text;
  const len = text.length;
  ensure(len + 4);
  const { off, cls, run, gid, w, dx, em, cL, cR, hl, brk, bar, stretchOk, hyphenW, hyphenGid } = buf;
  const face: FontKey[] = [];
  const runAscent: number[] = [];
  const runDescent: number[] = [];
  const diagnostics: TypesetDiagnostic[] = [];
  let n = 0;
  let base = 0;
  const wordStarts: number[] = []; // item index where each Latin word starts (for hyphenation)
  const wordEnds: number[] = [];

  for (let r = 0; r < runs.length; r++) {
    const sr = runs[r];
    const key = sr.font;
    const f = fonts.face(key);
    const size = sr.size;
    const hs = sr.hscale ?? 1;
    const scale = (size * hs) / f.unitsPerEm;
    const track = (sr.tracking ?? 0) * size;
    runAscent.push((f.ascent / f.unitsPerEm) * size);
    runDescent.push((f.descent / f.unitsPerEm) * size);
    const t = sr.text;
    const tl = t.length;
    let hyGid = -1;
    let hyW = 0;
    let i = 0;
    while (i < tl) {
      let cp = t.charCodeAt(i);
      let units = 1;
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < tl) {
        cp = t.codePointAt(i)!;
        units = 2;
      }
      const c = charClass(cp);
      if (shapeable(cp, c)) {
        // A Western word segment: shape it whole (kerning), one item per glyph.
        let j = i + 1;
        while (j < tl) {
          const q = t.charCodeAt(j);
          if (!shapeable(q, charClass(q))) break;
          j++;
        }
        const seg = t.slice(i, j);
        let ok = true;
        for (let k = 0; k < seg.length; k++) if (f.glyphId(seg.charCodeAt(k)) === 0) ok = false;
        if (ok) {
          const shaped = f.shape(seg);
          const startItem = n;
          for (let k = 0; k < shaped.length; k++) {
            const g = shaped[k];
            const cl = base + i + g.cluster;
            if (k > 0 && cl === off[n - 1]) {
              // A glyph sharing its cluster (decomposition): fold its advance into the previous item.
              w[n - 1] += g.advance * scale;
              continue;
            }
            off[n] = cl;
            cls[n] = charClass(seg.charCodeAt(g.cluster));
            run[n] = r;
            face[n] = key;
            gid[n] = g.glyphId;
            w[n] = g.advance * scale + track;
            dx[n] = 0;
            em[n] = size;
            cL[n] = 0;
            cR[n] = 0;
            hl[n] = 0;
            n++;
          }
          if (hyGid < 0) {
            hyGid = f.glyphId(0x2d);
            hyW = f.advance(hyGid) * scale;
          }
          for (let k = startItem; k < n; k++) {
            hyphenGid[k] = hyGid;
            hyphenW[k] = hyW;
          }
          wordStarts.push(startItem);
          wordEnds.push(n);
          i = j;
          continue;
        }
        // A glyph is missing: fall through and set this code point on its own (fallback below).
      }
      off[n] = base + i;
      cls[n] = c;
      run[n] = r;
      em[n] = size;
      cL[n] = 0;
      cR[n] = 0;
      hl[n] = 0;
      dx[n] = 0;
      if (c === Cls.Newline) {
        face[n] = key;
        gid[n] = f.glyphId(0x20);
        w[n] = 0;
        n++;
        i += units;
        continue;
      }
      const prev = i > 0 ? t.charCodeAt(i - 1) : base > 0 ? text.charCodeAt(base - 1) : 0;
      const next = i + units < tl ? t.charCodeAt(i + units) : base + i + units < len ? text.charCodeAt(base + i + units) : 0;
      const wide = prev >= WIDE_CONTEXT || next >= WIDE_CONTEXT;
      let fk = f;
      let g: number;
      if (c === Cls.Dash && (wide || charClass(prev) === Cls.Dash || charClass(next) === Cls.Dash) && f.fullWidthGlyph) {
        g = f.fullWidthGlyph(cp); // —— is two full positions (GB/T 15834 §5.1.4)
      } else {
        g = f.glyphId(cp);
      }
      let fkey = key;
      if (g === 0 && c !== Cls.Space) {
        const fb = fonts.fallback(key);
        const ff = fb !== undefined ? fonts.face(fb) : undefined;
        const g2 = ff ? ff.glyphId(cp) : 0;
        const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
        if (ff && g2) {
          fk = ff;
          fkey = fb!;
          g = g2;
          diagnostics.push({ kind: 'missing-glyph', offset: base + i, message: `${hex} ${String.fromCodePoint(cp)} is not in font ${key}; set in fallback ${fb}` });
        } else {
          diagnostics.push({ kind: 'missing-glyph', offset: base + i, message: `${hex} ${String.fromCodePoint(cp)} is in neither ${key} nor its fallback: shows as a blank box (tofu)` });
        }
      }
      face[n] = fkey;
      gid[n] = g;
      const sc = (size * hs) / fk.unitsPerEm;
      const adv = fk.advance(g) * sc;
      w[n] = adv + track;
      if ((COMPRESSIBLE >> c) & 1) {
        const emW = size * hs;
        if (c === Cls.Middle && wide) {
          // GB/T 15834 §5.1.7: the interpunct takes half a position, centred.
          dx[n] = (emW / 2 - adv) / 2;
          w[n] = emW / 2 + track;
        } else if (adv >= emW * 0.95) {
          const sides = fk.emptySides ? fk.emptySides(cp) : boundsSides(fk, g);
          const half = emW / 2;
          let l = Math.min(sides.left * sc, half);
          let rr = Math.min(sides.right * sc, half);
          if (c === Cls.Open) rr = 0;
          else if (c === Cls.Close || c === Cls.Pause || c === Cls.Stop) l = 0;
          if (l > 0 && rr > 0) {
            // Centred mark (TW/HK-style fonts): trim a quarter from each side.
            l = Math.min(l, half / 2);
            rr = Math.min(rr, half / 2);
          }
          cL[n] = l;
          cR[n] = rr;
          // 开明: sentence-end marks full, all others half; 对开: all half (§1.4).
          if (style.punctuation === 'half' || (style.punctuation === 'kaiming' && c !== Cls.Stop)) {
            w[n] -= l + rr;
            dx[n] -= l;
            cL[n] = 0;
            cR[n] = 0;
          }
        }
      }
      n++;
      i += units;
    }
    base += tl;
  }
  off[n] = len;

  const noStart = noLineStartMask(style.kinsoku);
  const noEnd = noLineEndMask(style.kinsoku);
  const hlEm = style.hanLatinSpacing;
  for (let k = 0; k < n; k++) {
    const a = cls[k];
    stretchOk[k] = 1;
    bar[k] = Bar.None;
    if (k === n - 1) {
      brk[k] = Brk.Allowed;
      break;
    }
    const b = cls[k + 1];
    // Han–Latin spacing (§1.7): between a Han character and a Latin letter or digit only.
    if (hlEm > 0 && ((a === Cls.Han && isLatinLike(b)) || (isLatinLike(a) && b === Cls.Han))) hl[k + 1] = hlEm * Math.max(em[k], em[k + 1]);
    if (a === Cls.Newline) {
      brk[k] = Brk.Forced;
      continue;
    }
    if (b === Cls.Newline) {
      brk[k] = Brk.No;
      bar[k] = Bar.Unbreakable;
      continue;
    }
    if (b === Cls.Space) {
      brk[k] = Brk.No;
      stretchOk[k] = 0;
      continue;
    }
    if (a === Cls.Space) {
      stretchOk[k] = 0;
      // The line would end at the last mark before the spaces: 禁则 looks through them.
      let v = k;
      while (v > 0 && cls[v] === Cls.Space) v--;
      const before = cls[v] === Cls.Space ? Cls.Other : cls[v];
      brk[k] = (noStart >> b) & 1 || (noEnd >> before) & 1 ? Brk.No : Brk.Allowed;
      if (brk[k] === Brk.No) bar[k] = Bar.Kinsoku;
      continue;
    }
    // Unbreakable sequences (§1.2): ——, ……, numbers with prefix/postfix, words.
    let unbreakable = false;
    if (a === b && (a === Cls.Dash || a === Cls.Ellipsis)) unbreakable = true;
    else if (a === Cls.Prefix && (b === Cls.Digit || b === Cls.Prefix)) unbreakable = true;
    else if ((a === Cls.Digit || a === Cls.Postfix) && b === Cls.Postfix) unbreakable = true;
    else if (sameWord(k, wordStarts, wordEnds)) unbreakable = !(a === Cls.Connector && text.charCodeAt(off[k]) === 0x2d && (b === Cls.Latin || b === Cls.Digit));
    if (unbreakable) {
      brk[k] = Brk.No;
      bar[k] = Bar.Unbreakable;
      stretchOk[k] = 0;
      continue;
    }
    // 禁则 (§1.1).
    let barred = ((noStart >> b) & 1) === 1 || ((noEnd >> a) & 1) === 1;
    // A single 一字线 (not part of ——) is a connector mark: NO_LINE_START (§1.1).
    if (!barred && style.kinsoku !== 'none' && b === Cls.Dash && a !== Cls.Dash && (k + 2 >= n || cls[k + 2] !== Cls.Dash)) barred = true;
    if (barred) {
      brk[k] = Brk.No;
      bar[k] = Bar.Kinsoku;
    } else brk[k] = Brk.Allowed;
    // Avoid stretching around connectors and solidi (§1.5 stretch step 3); brackets hug the text they enclose (§1.4).
    if (a === Cls.Connector || b === Cls.Connector || a === Cls.Solidus || b === Cls.Solidus || a === Cls.Open || b === Cls.Close) stretchOk[k] = 0;
  }
  if (n > 0) {
    brk[n - 1] = Brk.Allowed;
    stretchOk[n - 1] = 0;
  }
  // A word's letters never stretch apart (§1.5: no stretching inside unbreakables) — marked above.
  // 2 em of adjacent punctuation → 1.5 em (§1.4), across style-run boundaries too (Typst #5474).
  // GB/T 15834 §5.1.2: two stacked ？？/！！/？！ take one position, three take two.
  if (style.punctuation !== 'half') {
    for (let k = 0; k < n; k++) {
      if (!isQuestionOrBang(text.charCodeAt(off[k])) || w[k] < em[k] * 0.95) continue;
      let j = k;
      while (j + 1 < n && isQuestionOrBang(text.charCodeAt(off[j + 1])) && w[j + 1] >= em[j + 1] * 0.95) j++;
      if (j > k) {
        for (let q = k; q <= j; q++) {
          if (q === j && j - k + 1 > 2) break; // the last of three or more keeps its full position
          w[q] -= cR[q];
          cR[q] = 0;
        }
      }
      k = j;
    }
  }
  if (style.adjacentPunctuationKerning) {
    for (let k = 0; k + 1 < n; k++) {
      const a = k;
      const b = k + 1;
      if (!((COMPRESSIBLE >> cls[a]) & 1) || !((COMPRESSIBLE >> cls[b]) & 1)) continue;
      if (w[a] < em[a] * 0.95 || w[b] < em[b] * 0.95) continue;
      const half = em[a] / 2;
      if (cR[a] >= half * 0.9) {
        w[a] -= cR[a];
        cR[a] = 0;
      } else if (cL[b] >= half * 0.9) {
        w[b] -= cL[b];
        dx[b] -= cL[b];
        cL[b] = 0;
      }
    }
  }
  // Hyphenation points of English words.
  if (style.hyphenate) {
    for (let wi = 0; wi < wordStarts.length; wi++) {
      const s = wordStarts[wi];
      const e = wordEnds[wi];
      // Split the segment into letter runs (words) and hyphenate each.
      let k = s;
      while (k < e) {
        while (k < e && cls[k] !== Cls.Latin) k++;
        const ws = k;
        while (k < e && cls[k] === Cls.Latin) k++;
        if (k - ws < 5) continue;
        const word = text.slice(off[ws], off[k]);
        if (!/^[A-Za-z\u00c0-\u024f]+$/.test(word)) continue;
        const points = hyphenationPoints(word);
        for (const p of points) {
          // Item whose glyph ends at offset off[ws] + p.
          const target = off[ws] + p;
          for (let q = ws; q < k; q++) if (off[q + 1] === target && brk[q] === Brk.No) brk[q] = Brk.Hyphen;
        }
      }
    }
  }
  return {
    n,
    text,
    runs,
    off,
    cls,
    run,
    face,
    gid,
    w,
    dx,
    em,
    cL,
    cR,
    hl,
    brk,
    bar,
    stretchOk,
    hyphenW,
    hyphenGid,
    runAscent,
    runDescent,
    diagnostics,
  };
}

function isQuestionOrBang(c: number): boolean {
  return c === 0xff1f || c === 0xff01;
}

function sameWord(k: number, starts: number[], ends: number[]): boolean {
  // Words are sorted; binary search the word containing item k and check k+1 is inside too.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] > k) hi = mid - 1;
    else if (ends[mid] <= k) lo = mid + 1;
    else return k + 1 < ends[mid];
  }
  return false;
}

function boundsSides(f: FontFace, g: number): { left: number; right: number } {
  const b = f.bounds(g);
  if (b.xMax <= b.xMin) return { left: 0, right: 0 };
  return { left: Math.max(0, b.xMin), right: Math.max(0, f.advance(g) - b.xMax) };
}

export { PUNCT_MASK };
