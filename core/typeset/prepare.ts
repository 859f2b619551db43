import { Cls, isLatinLike, noLineEndMask, noLineStartMask } from './classes.js';
import type { Glyphs } from './collect.js';
import type { ParagraphStyle } from './types.js';
import type { TypesetWorkspace } from './workspace.js';

/**
 * Stage 2, prepare: where lines may end, and the glue between items.
 *
 * Input: {@link Glyphs}. Output: {@link Items}, the same items with a break opportunity after
 * each one, why a break is barred, the Han–Latin spacing before each one and whether the gap
 * after it may stretch. Rules: 禁则 at the style's level, looking through word spaces (§1.1);
 * unbreakable sequences —— …… numbers with their prefixes and postfixes, Western words (§1.2);
 * Han–Latin spacing between a Han character and a Latin letter or digit only (§1.7); no
 * stretching inside unbreakables or around connectors and solidi, brackets hugging what they
 * enclose (§1.5 stretch step 3, §1.4).
 */

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

/** The items with everything line breaking and adjustment read (arrays of the workspace, [0, n) meaningful). */
export interface Items extends Glyphs {
  /** Han–Latin spacing before the item (natural), pt. */
  hl: Float64Array;
  /** Break opportunity after the item ({@link Brk}). */
  brk: Uint8Array;
  /** Why a break after the item is barred ({@link Bar}). */
  bar: Uint8Array;
  /** Whether the gap after the item may be stretched in the last stretch step (§1.5). */
  stretchOk: Uint8Array;
}

export function prepare(glyphs: Glyphs, style: ParagraphStyle, ws: TypesetWorkspace): Items {
  const g = glyphs;
  // Fields listed rather than spread: V8 gives a spread copy of this object a slow (dictionary)
  // shape, which every later stage would pay for on every item access.
  const items: Items = {
    n: g.n,
    text: g.text,
    runs: g.runs,
    off: g.off,
    cls: g.cls,
    run: g.run,
    face: g.face,
    gid: g.gid,
    w: g.w,
    dx: g.dx,
    em: g.em,
    cL: g.cL,
    cR: g.cR,
    hyphenW: g.hyphenW,
    hyphenGid: g.hyphenGid,
    wordStarts: g.wordStarts,
    wordEnds: g.wordEnds,
    wordAddress: g.wordAddress,
    runAscent: g.runAscent,
    runDescent: g.runDescent,
    diagnostics: g.diagnostics,
    hl: ws.hl,
    brk: ws.brk,
    bar: ws.bar,
    stretchOk: ws.stretchOk,
  };
  hanLatinSpacing(items, style);
  const noStart = noLineStartMask(style.kinsoku);
  const noEnd = noLineEndMask(style.kinsoku);
  const { n, brk, bar, stretchOk } = items;
  for (let k = 0; k < n - 1; k++) {
    stretchOk[k] = 1;
    bar[k] = Bar.None;
    breakAfter(items, k, style, noStart, noEnd);
  }
  if (n > 0) {
    bar[n - 1] = Bar.None;
    brk[n - 1] = Brk.Allowed;
    stretchOk[n - 1] = 0;
  }
  return items;
}

/** Han–Latin spacing (§1.7): between a Han character and a Latin letter or digit only, the larger em's share. */
function hanLatinSpacing(items: Items, style: ParagraphStyle): void {
  const { n, cls, em, hl } = items;
  hl.fill(0, 0, n);
  const hlEm = style.hanLatinSpacing;
  if (!(hlEm > 0)) return;
  for (let k = 0; k + 1 < n; k++) {
    const a = cls[k];
    const b = cls[k + 1];
    if ((a === Cls.Han && isLatinLike(b)) || (isLatinLike(a) && b === Cls.Han)) hl[k + 1] = hlEm * Math.max(em[k], em[k + 1]);
  }
}

/** The break opportunity after item k (not the last) and whether the gap after it may stretch. */
function breakAfter(items: Items, k: number, style: ParagraphStyle, noStart: number, noEnd: number): void {
  const { n, cls, brk, bar, stretchOk } = items;
  const a = cls[k];
  const b = cls[k + 1];
  if (a === Cls.Newline) {
    brk[k] = Brk.Forced;
    return;
  }
  if (b === Cls.Newline) {
    brk[k] = Brk.No;
    bar[k] = Bar.Unbreakable;
    return;
  }
  if (b === Cls.Space) {
    brk[k] = Brk.No;
    stretchOk[k] = 0;
    return;
  }
  if (a === Cls.Space) {
    stretchOk[k] = 0;
    // The line would end at the last mark before the spaces: 禁则 looks through them.
    let v = k;
    while (v > 0 && cls[v] === Cls.Space) v--;
    const before = cls[v] === Cls.Space ? Cls.Other : cls[v];
    brk[k] = (noStart >> b) & 1 || (noEnd >> before) & 1 ? Brk.No : Brk.Allowed;
    if (brk[k] === Brk.No) bar[k] = Bar.Kinsoku;
    return;
  }
  const inWord = wordBreak(items, k, a, b);
  if (inWord !== InWord.Outside) {
    // An address's break stands whatever 禁则 says of its / (it is not the Chinese 斜线 there).
    brk[k] = inWord === InWord.AddressBreak ? Brk.Allowed : Brk.No;
    if (inWord === InWord.Unbreakable) bar[k] = Bar.Unbreakable;
    stretchOk[k] = 0;
    return;
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

const enum InWord {
  /** Not inside one unbreakable sequence: the ordinary rules decide. */
  Outside = 0,
  Unbreakable = 1,
  /** A break point of a URL or e-mail address. */
  AddressBreak = 2,
}

/** Whether items k (class a) and k + 1 (class b) belong to one unbreakable sequence (§1.2): ——, ……, a number with its prefix or postfix, a word — or meet at a break point of an address. */
function wordBreak(items: Items, k: number, a: Cls, b: Cls): InWord {
  if (a === b && (a === Cls.Dash || a === Cls.Ellipsis)) return InWord.Unbreakable;
  if (a === Cls.Prefix && (b === Cls.Digit || b === Cls.Prefix)) return InWord.Unbreakable;
  if ((a === Cls.Digit || a === Cls.Postfix) && b === Cls.Postfix) return InWord.Unbreakable;
  const wi = wordOf(k, items.wordStarts, items.wordEnds);
  if (wi < 0 || k + 1 >= items.wordEnds[wi]) return InWord.Outside;
  const { text, off } = items;
  const ch = text.charCodeAt(off[k]);
  // A URL or e-mail address breaks after / (not inside //), . and @, with no hyphen added, and
  // never at its own hyphens (a reader could not tell them from an added one).
  if (items.wordAddress[wi]) return (ch === 0x2f && text.charCodeAt(off[k + 1]) !== 0x2f) || ch === 0x2e || ch === 0x40 ? InWord.AddressBreak : InWord.Unbreakable;
  // Inside a word, except after a hyphen followed by a letter or digit (a compound's hyphen is a
  // break) — but a number's hyphen (0551-6588, 2023-2024) holds it together.
  if (ch !== 0x2d || a !== Cls.Connector || (b !== Cls.Latin && b !== Cls.Digit)) return InWord.Unbreakable;
  return b === Cls.Digit && k > 0 && items.cls[k - 1] === Cls.Digit ? InWord.Unbreakable : InWord.Outside;
}

/** The shaped word item k lies in (the words are sorted: binary search), or -1. */
function wordOf(k: number, starts: number[], ends: number[]): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] > k) hi = mid - 1;
    else if (ends[mid] <= k) lo = mid + 1;
    else return mid;
  }
  return -1;
}
