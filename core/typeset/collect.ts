import type { FontKey } from '../display/types.js';
import type { FontFace, FontSource } from '../fonts/types.js';
import { charClass, Cls, COMPRESSIBLE } from './classes.js';
import type { ParagraphStyle, StyledRun, TypesetDiagnostic } from './types.js';
import type { TypesetWorkspace } from './workspace.js';

/**
 * Stage 1, collect: the paragraph's styled runs into items, one per glyph, with their widths.
 *
 * Input: the runs, the paragraph style (for its punctuation style) and the fonts. Output:
 * {@link Glyphs}. Western words are shaped whole with kerning; every other character is one
 * item. Punctuation widths follow the style (cjk-typesetting.md §1.4): 全身 keeps full-width
 * marks at 1 em with their empty sides recorded as trimmable, 开明 halves all but the
 * sentence-end marks, 对开 halves all; the empty sides come from the font's `halt` feature, else
 * from the glyph's ink (§3.3). A —— is set from full-width glyphs (GB/T 15834 §5.1.4, §1.3) and
 * an interpunct in Chinese takes half a position, centred (§5.1.7). A character the run's face
 * lacks comes from its fallback face, and is reported either way.
 */

/**
 * The paragraph as items, in structure-of-arrays form so that the later stages touch typed
 * arrays only. The arrays are the workspace's (longer than n; only [0, n) is meaningful).
 * Widths are in points after the punctuation style; adjacent-punctuation kerning comes later.
 */
export interface Glyphs {
  /** Number of items. */
  n: number;
  /** The paragraph text (all runs' text joined). */
  text: string;
  runs: StyledRun[];
  /** Text offset of each item; off[n] = text.length. */
  off: Int32Array;
  /** Character class of each item (cjk-typesetting.md §1.1–§1.2). */
  cls: Uint8Array;
  /** Index of the item's styled run. */
  run: Int32Array;
  /** Face of each item (the run's face, or its fallback for a missing glyph). */
  face: FontKey[];
  gid: Int32Array;
  /** Box width (advance after the punctuation style, tracking included), pt. */
  w: Float64Array;
  /** Glyph origin offset from the box start (negative when the left side is trimmed), pt. */
  dx: Float64Array;
  /** Em (the run size) of each item. */
  em: Float64Array;
  /** Still-trimmable empty space on the left and right of a punctuation mark, pt. */
  cL: Float64Array;
  cR: Float64Array;
  /** Width and glyph of a hyphen in the item's face (set for items of Western words only). */
  hyphenW: Float64Array;
  hyphenGid: Int32Array;
  /** Item ranges [start, end) of the shaped Western word segments, in order. */
  wordStarts: number[];
  wordEnds: number[];
  /** Per word: 1 when it is a URL or an e-mail address (breaks only after / . and @, never hyphenated). */
  wordAddress: number[];
  /** Per run: ascent and descent in pt. */
  runAscent: number[];
  runDescent: number[];
  /** Missing glyphs so far; later stages add theirs. */
  diagnostics: TypesetDiagnostic[];
}

/** A styled run resolved against its face once, before its characters are collected. */
interface RunFace {
  index: number;
  key: FontKey;
  face: FontFace;
  size: number;
  hscale: number;
  /** Font units → pt at the run's size and horizontal scale. */
  scale: number;
  /** Tracking after every glyph, pt. */
  track: number;
  /** The run's hyphen glyph and width, looked up with the run's first word (-1 until then). */
  hyphenGid: number;
  hyphenW: number;
}

/** Code points from U+2E80 on are wide (CJK) context for dashes and interpuncts. */
const WIDE_CONTEXT = 0x2e80;

export function collect(runs: StyledRun[], style: ParagraphStyle, fonts: FontSource, ws: TypesetWorkspace): Glyphs {
  let text = '';
  for (const r of runs) text += r.text;
  ws.reserveItems(text.length + 4);
  const g: Glyphs = {
    n: 0,
    text,
    runs,
    off: ws.off,
    cls: ws.cls,
    run: ws.run,
    face: [],
    gid: ws.gid,
    w: ws.w,
    dx: ws.dx,
    em: ws.em,
    cL: ws.cL,
    cR: ws.cR,
    hyphenW: ws.hyphenW,
    hyphenGid: ws.hyphenGid,
    wordStarts: [],
    wordEnds: [],
    wordAddress: [],
    runAscent: [],
    runDescent: [],
    diagnostics: [],
  };
  let base = 0;
  for (let r = 0; r < runs.length; r++) {
    collectRun(g, runFace(runs[r], r, fonts), base, style, fonts);
    base += runs[r].text.length;
  }
  g.off[g.n] = text.length;
  return g;
}

function runFace(sr: StyledRun, index: number, fonts: FontSource): RunFace {
  const face = fonts.face(sr.font);
  const hscale = sr.hscale ?? 1;
  return { index, key: sr.font, face, size: sr.size, hscale, scale: (sr.size * hscale) / face.unitsPerEm, track: (sr.tracking ?? 0) * sr.size, hyphenGid: -1, hyphenW: 0 };
}

/** Items of one run whose text starts at paragraph offset `base`. */
function collectRun(g: Glyphs, rf: RunFace, base: number, style: ParagraphStyle, fonts: FontSource): void {
  const f = rf.face;
  g.runAscent.push((f.ascent / f.unitsPerEm) * rf.size);
  g.runDescent.push((f.descent / f.unitsPerEm) * rf.size);
  const t = g.runs[rf.index].text;
  const tl = t.length;
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
        if (!shapeable(q, charClass(q)) && !(q === APOSTROPHE && isLetter(t.charCodeAt(j - 1)) && j + 1 < tl && isLetter(t.charCodeAt(j + 1)))) break;
        j++;
      }
      if (collectWord(g, rf, t.slice(i, j), base + i)) {
        i = j;
        continue;
      }
      // A glyph is missing: set this code point on its own (with the fallback face).
    }
    collectChar(g, rf, t, i, units, cp, c, base, style, fonts);
    i += units;
  }
}

/** ’ — between two letters an apostrophe (Liu’an, don’t), set as part of the word, not as a full-width closing quote. */
const APOSTROPHE = 0x2019;

/**
 * A URL or an e-mail address: a scheme or www. at its start, user@host.tld, or a bare host
 * name with a common top-level domain (yunshan.gov.cn).
 */
const ADDRESS = /^[("'“‘<[]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|[^\s@]+@[^\s@]+\.[a-z]{2,}|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|info|io)(?![a-z0-9])/i;

/** A Latin letter (ASCII, Latin-1 and Latin Extended-A/B). */
function isLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7);
}

/** Code points set as Western words and shaped with kerning (letters, digits, ASCII, Latin-1). */
function shapeable(cp: number, c: Cls): boolean {
  if (c === Cls.Latin || c === Cls.Digit) return true;
  return cp < 0x250 && c !== Cls.Space && c !== Cls.Newline && cp !== 0xb7 && cp >= 0x21;
}

/** Shapes a Western word segment at paragraph offset `at` into items; false (nothing added) when the face lacks a glyph of it. */
function collectWord(g: Glyphs, rf: RunFace, seg: string, at: number): boolean {
  const f = rf.face;
  let ok = true;
  for (let k = 0; k < seg.length; k++) if (f.glyphId(seg.charCodeAt(k)) === 0) ok = false;
  if (!ok) return false;
  const { off, cls, run, face, gid, w, dx, em, cL, cR } = g;
  const shaped = f.shape(seg);
  const startItem = g.n;
  let n = startItem;
  for (let k = 0; k < shaped.length; k++) {
    const sg = shaped[k];
    const cl = at + sg.cluster;
    if (k > 0 && cl === off[n - 1]) {
      // A glyph sharing its cluster (decomposition): fold its advance into the previous item.
      w[n - 1] += sg.advance * rf.scale;
      continue;
    }
    off[n] = cl;
    const ch = seg.charCodeAt(sg.cluster);
    run[n] = rf.index;
    face[n] = rf.key;
    if (ch === APOSTROPHE) {
      // The proportional form: the SC face's default ’ is a full-width closing quote.
      cls[n] = Cls.Latin;
      gid[n] = f.proportionalGlyph ? f.proportionalGlyph(ch) : sg.glyphId;
      w[n] = f.advance(gid[n]) * rf.scale + rf.track;
    } else {
      cls[n] = charClass(ch);
      gid[n] = sg.glyphId;
      w[n] = sg.advance * rf.scale + rf.track;
    }
    dx[n] = 0;
    em[n] = rf.size;
    cL[n] = 0;
    cR[n] = 0;
    n++;
  }
  if (rf.hyphenGid < 0) {
    rf.hyphenGid = f.glyphId(0x2d);
    rf.hyphenW = f.advance(rf.hyphenGid) * rf.scale;
  }
  for (let k = startItem; k < n; k++) {
    g.hyphenGid[k] = rf.hyphenGid;
    g.hyphenW[k] = rf.hyphenW;
  }
  g.wordStarts.push(startItem);
  g.wordEnds.push(n);
  g.wordAddress.push(ADDRESS.test(seg) ? 1 : 0);
  g.n = n;
  return true;
}

/** One item for the code point at run offset i (a Han character, a mark, a space, a newline). */
function collectChar(g: Glyphs, rf: RunFace, t: string, i: number, units: number, cp: number, c: Cls, base: number, style: ParagraphStyle, fonts: FontSource): void {
  const n = g.n;
  g.off[n] = base + i;
  g.cls[n] = c;
  g.run[n] = rf.index;
  g.em[n] = rf.size;
  g.cL[n] = 0;
  g.cR[n] = 0;
  g.dx[n] = 0;
  g.n = n + 1;
  if (c === Cls.Newline) {
    g.face[n] = rf.key;
    g.gid[n] = rf.face.glyphId(0x20);
    g.w[n] = 0;
    return;
  }
  const text = g.text;
  const len = text.length;
  const tl = t.length;
  const prev = i > 0 ? t.charCodeAt(i - 1) : base > 0 ? text.charCodeAt(base - 1) : 0;
  const next = i + units < tl ? t.charCodeAt(i + units) : base + i + units < len ? text.charCodeAt(base + i + units) : 0;
  const wide = prev >= WIDE_CONTEXT || next >= WIDE_CONTEXT;
  let fk = rf.face;
  let fkey = rf.key;
  let gl: number;
  if (c === Cls.Dash && (wide || charClass(prev) === Cls.Dash || charClass(next) === Cls.Dash) && fk.fullWidthGlyph) {
    gl = fk.fullWidthGlyph(cp); // —— is two full positions (GB/T 15834 §5.1.4)
  } else {
    gl = fk.glyphId(cp);
  }
  if (gl === 0 && c !== Cls.Space) {
    const fb = fallbackGlyph(g, rf.key, cp, base + i, fonts);
    if (fb) {
      fk = fb.face;
      fkey = fb.key;
      gl = fb.glyph;
    }
  }
  g.face[n] = fkey;
  g.gid[n] = gl;
  const sc = (rf.size * rf.hscale) / fk.unitsPerEm;
  const adv = fk.advance(gl) * sc;
  g.w[n] = adv + rf.track;
  if ((COMPRESSIBLE >> c) & 1) trimPunctuation(g, n, rf, fk, gl, cp, c, adv, sc, wide, style);
}

/** The fallback face's glyph for a code point the run's face lacks, reported as a missing glyph either way. */
function fallbackGlyph(g: Glyphs, key: FontKey, cp: number, offset: number, fonts: FontSource): { face: FontFace; key: FontKey; glyph: number } | undefined {
  const fb = fonts.fallback(key);
  const ff = fb !== undefined ? fonts.face(fb) : undefined;
  const g2 = ff ? ff.glyphId(cp) : 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  if (ff && g2) {
    g.diagnostics.push({ kind: 'missing-glyph', offset, message: `${hex} ${String.fromCodePoint(cp)} is not in font ${key}; set in fallback ${fb}` });
    return { face: ff, key: fb!, glyph: g2 };
  }
  g.diagnostics.push({ kind: 'missing-glyph', offset, message: `${hex} ${String.fromCodePoint(cp)} is in neither ${key} nor its fallback: shows as a blank box (tofu)` });
  return undefined;
}

/**
 * The empty sides of a full-width punctuation mark (item n, glyph advance `adv`): recorded as
 * trimmable under 全身, trimmed now under 开明 (all but sentence-end marks) and 对开 (§1.4).
 */
function trimPunctuation(g: Glyphs, n: number, rf: RunFace, fk: FontFace, gl: number, cp: number, c: Cls, adv: number, sc: number, wide: boolean, style: ParagraphStyle): void {
  const emW = rf.size * rf.hscale;
  if (c === Cls.Middle && wide) {
    // GB/T 15834 §5.1.7: the interpunct takes half a position, centred.
    g.dx[n] = (emW / 2 - adv) / 2;
    g.w[n] = emW / 2 + rf.track;
    return;
  }
  if (adv < emW * 0.95) return;
  const sides = fk.emptySides ? fk.emptySides(cp) : boundsSides(fk, gl);
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
  g.cL[n] = l;
  g.cR[n] = rr;
  // 开明: sentence-end marks full, all others half; 对开: all half (§1.4).
  if (style.punctuation === 'half' || (style.punctuation === 'kaiming' && c !== Cls.Stop)) {
    g.w[n] -= l + rr;
    g.dx[n] -= l;
    g.cL[n] = 0;
    g.cR[n] = 0;
  }
}

/** Empty sides of a glyph from its ink bounds, for faces without `emptySides`. */
function boundsSides(f: FontFace, g: number): { left: number; right: number } {
  const b = f.bounds(g);
  if (b.xMax <= b.xMin) return { left: 0, right: 0 };
  return { left: Math.max(0, b.xMin), right: Math.max(0, f.advance(g) - b.xMax) };
}
