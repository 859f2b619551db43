import type { KinsokuLevel } from './types.js';

/**
 * Character classes for line breaking and adjustment, after cjk-typesetting.md §1.1–§1.2
 * (clreq §3.1.5 code-point sets, JLREQ Appendix A). One byte per BMP code point, built once,
 * so the hot loop reads a typed array instead of testing regular expressions.
 */
export const enum Cls {
  /** Anything without a rule of its own (symbols such as ■); breakable on both sides. */
  Other = 0,
  /** Han ideographs, kana, hangul, fullwidth letters and digits: break anywhere, spacing against Latin. */
  Han,
  /** Letters of Western words (and ASCII symbols that belong to words): unbreakable inside a word. */
  Latin,
  /** European digits: a number is unbreakable, including its `.` `,` separators. */
  Digit,
  /** Word space (U+0020, and no-break space which never breaks). */
  Space,
  /** Opening brackets and quotes (NO_LINE_END). */
  Open,
  /** Closing brackets and quotes (NO_LINE_START). */
  Close,
  /** 、，：；: pause marks (点号), NO_LINE_START, compress in shrink step 5. */
  Pause,
  /** 。？！．: sentence-end marks, NO_LINE_START, full width under 开明, compress last (step 7). */
  Stop,
  /** ASCII , . : ; ! ? : NO_LINE_START; inside a number `.` and `,` are separators. */
  AsciiPunct,
  /** Interpuncts · ・ ‧: NO_LINE_START, fixed ½ em in Chinese text (GB/T 15834 §5.1.7). */
  Middle,
  /** Connectors – ～ ~ and the hyphen: NO_LINE_START. */
  Connector,
  /** Solidi / ／: NO_LINE_START; GB法 also NO_LINE_END (§5.1.9). */
  Solidus,
  /** Dashes — ⸺ ―: —— is unbreakable; strict bars it from line start. */
  Dash,
  /** Ellipses … ‥ ⋯: …… is unbreakable; strict bars it from line start. */
  Ellipsis,
  /** Prefixes of numbers ¥ $ £ # € № (cl-12) and signs + − ±: never split from the number. */
  Prefix,
  /** Postfixes of numbers % ‰ ℃ ° ′ ″ ¢ ℉ (cl-13): never split from the number. */
  Postfix,
  /** Ideographic space U+3000: a full-width blank. */
  IdeoSpace,
  /** Hard line break inside a paragraph (U+2028, \n). */
  Newline,
}

const table = new Uint8Array(0x10000);

function set(chars: string, cls: Cls): void {
  for (const ch of chars) table[ch.codePointAt(0)!] = cls;
}
function range(from: number, to: number, cls: Cls): void {
  table.fill(cls, from, to + 1);
}

// Han and other full-width scripts.
range(0x2e80, 0x2fdf, Cls.Han); // radicals
range(0x3040, 0x30ff, Cls.Han); // kana
range(0x3100, 0x312f, Cls.Han); // bopomofo
range(0x3190, 0x31ff, Cls.Han);
range(0x3400, 0x4dbf, Cls.Han); // ext A
range(0x4e00, 0x9fff, Cls.Han); // unified
range(0xac00, 0xd7af, Cls.Han); // hangul
range(0xf900, 0xfaff, Cls.Han); // compatibility
range(0xff10, 0xff19, Cls.Han); // fullwidth digits sit on the grid like Han
range(0xff21, 0xff3a, Cls.Han);
range(0xff41, 0xff5a, Cls.Han);
// Latin letters and the ASCII symbols that live inside words.
range(0x0021, 0x007e, Cls.Latin);
range(0x00c0, 0x024f, Cls.Latin);
range(0x0370, 0x03ff, Cls.Latin);
range(0x0400, 0x04ff, Cls.Latin);
range(0x1e00, 0x1eff, Cls.Latin);
set('&@*=<>^_`|\\\'"', Cls.Latin);
range(0x0030, 0x0039, Cls.Digit);
set(' ', Cls.Space);
set('\u00a0', Cls.Latin); // no-break space: glues like a letter
set('\n\u2028', Cls.Newline);
set('\u3000', Cls.IdeoSpace);
// §1.1 / §1.2 punctuation.
set('“‘（［｛【〔〈《「『〖〘⦅«〝([{', Cls.Open);
set('”’）］｝】〕〉》」』〗〙⦆»〟)]}', Cls.Close);
set('、，：；', Cls.Pause);
set('。？！．‼⁇⁈⁉｡', Cls.Stop);
set(',.:;!?', Cls.AsciiPunct);
set('·・‧', Cls.Middle);
set('–～~〜‐-', Cls.Connector);
set('/／', Cls.Solidus);
set('—⸺―', Cls.Dash);
set('…‥⋯', Cls.Ellipsis);
set('¥$£#€№￥＄', Cls.Prefix);
set('+−±', Cls.Prefix);
set('%％‰℃°′″¢℉', Cls.Postfix);

/** The class of a code point (astral Han extensions count as Han). */
export function charClass(cp: number): Cls {
  if (cp < 0x10000) return table[cp] as Cls;
  return cp >= 0x20000 && cp <= 0x3ffff ? Cls.Han : Cls.Other;
}

/** Classes that may not start a line at a level (NO_LINE_START, §1.1), as a bit mask over Cls. */
export function noLineStartMask(level: KinsokuLevel): number {
  if (level === 'none') return 0;
  let m = bit(Cls.Close) | bit(Cls.Pause) | bit(Cls.Stop) | bit(Cls.AsciiPunct) | bit(Cls.Middle) | bit(Cls.Connector) | bit(Cls.Solidus);
  if (level === 'strict') m |= bit(Cls.Dash) | bit(Cls.Ellipsis);
  return m;
}

/** Classes that may not end a line at a level (NO_LINE_END, §1.1). */
export function noLineEndMask(level: KinsokuLevel): number {
  if (level === 'none') return 0;
  let m = bit(Cls.Open);
  if (level === 'gb' || level === 'strict') m |= bit(Cls.Solidus);
  return m;
}

/** Bit of a class in a mask. */
export function bit(c: Cls): number {
  return 1 << c;
}

/** Classes that are punctuation marks (no Han–Latin spacing beside them, §1.7). */
export const PUNCT_MASK =
  bit(Cls.Open) | bit(Cls.Close) | bit(Cls.Pause) | bit(Cls.Stop) | bit(Cls.Middle) | bit(Cls.Connector) | bit(Cls.Solidus) | bit(Cls.Dash) | bit(Cls.Ellipsis) | bit(Cls.AsciiPunct);

/** Full-width marks with trimmable empty sides (§1.4): brackets, quotes, 点号 and interpuncts. */
export const COMPRESSIBLE = bit(Cls.Open) | bit(Cls.Close) | bit(Cls.Pause) | bit(Cls.Stop) | bit(Cls.Middle);

/** Marks that may hang past the measure at a line end (§1.6). */
export const HANGABLE = bit(Cls.Pause) | bit(Cls.Stop);

/** Items that take no width at a line end: word spaces and hard line breaks. */
export const SPACEISH = bit(Cls.Space) | bit(Cls.Newline);

/** Whether a class is part of a Western word or number for Han–Latin spacing (§1.7). */
export function isLatinLike(c: Cls): boolean {
  return c === Cls.Latin || c === Cls.Digit || c === Cls.Prefix || c === Cls.Postfix;
}
