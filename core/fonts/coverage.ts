/**
 * The characters a first composition of an issue can ask a face about: every character of the
 * issue (stories, page and issue fields) and of its templates, the words the composer adds itself
 * (running heads, dates, jump lines, 第…版/期), and the ranges any Latin run or punctuation mark
 * may fall back to (ASCII, Latin-1, general punctuation, CJK punctuation, full-width forms).
 * The renderer loads subsets of its faces for these first (core/fonts/subset-face.ts).
 */

/** Words core/compose writes on a page beside the issue's own text (furniture, jump lines). */
const COMPOSER_WORDS = '年月日星期一二三四五六日第版期总上接下转国内统一刊号责任编辑美编：（）　0123456789';

const RANGES: [number, number][] = [
  [0x20, 0x7e], // ASCII (the hyphen a break adds, digits, Latin words)
  [0xa0, 0xff], // Latin-1
  [0x2010, 0x2027], // dashes, quotes, ellipsis, middle dots
  [0x2030, 0x205e], // per mille, primes, ‼ ⁇ …
  [0x20ac, 0x20ac], // €
  [0x2103, 0x2103], // ℃
  [0x2109, 0x2109], // ℉
  [0x2116, 0x2116], // №
  [0x3000, 0x3029], // CJK symbols and punctuation (the combining tone marks after it excluded)
  [0x3030, 0x303f],
  [0x30fb, 0x30fb], // ・
  [0x2985, 0x2986], // ⦅ ⦆
  [0xff01, 0xff65], // full-width forms
  [0xffe0, 0xffe6],
];

function addText(out: Set<number>, text: string): void {
  for (const ch of text) out.add(ch.codePointAt(0)!);
}

function addStrings(out: Set<number>, value: unknown): void {
  if (typeof value === 'string') addText(out, value);
  else if (Array.isArray(value)) for (const v of value) addStrings(out, v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) addStrings(out, v);
}

/** Code points a first composition of `issue` on `templates` (template data as JSON) can query. */
export function firstPaintCodePoints(issue: unknown, templates: readonly unknown[] = []): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of RANGES) for (let c = a; c <= b; c++) out.add(c);
  addText(out, COMPOSER_WORDS);
  addStrings(out, issue);
  for (const t of templates) addStrings(out, t);
  return out;
}

/** The code points as one string, sorted (what the host is asked to subset, and a stable cache key). */
export function codePointsText(cps: Iterable<number>): string {
  const sorted = [...new Set(cps)].filter((c) => Number.isInteger(c) && c > 0 && c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff)).sort((a, b) => a - b);
  return sorted.map((c) => String.fromCodePoint(c)).join('');
}

/** Ranges editors type beyond GB 2312: Latin Extended-A/B (pinyin tone marks ā ǎ ǜ, names), spacing modifiers. */
const TYPING_RANGES: [number, number][] = [
  [0x100, 0x24f],
  [0x2c6, 0x2dd],
];

let gb2312: number[] | undefined;

/** The WHATWG decoder every runtime of core has (browsers, Node with full ICU); core's lib is plain ES2022. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };

/**
 * The characters of GB 2312 (its 6,763 hanzi and 682 symbols: rows 0xA1–0xA9 and 0xB0–0xF7, the
 * unassigned rows and private-use mappings left out), decoded with the platform's GB 18030 decoder.
 */
export function gb2312CodePoints(): readonly number[] {
  if (!gb2312) {
    const decoder = new TextDecoder('gb18030');
    const out: number[] = [];
    for (let row = 0xa1; row <= 0xf7; row++) {
      if (row >= 0xaa && row <= 0xaf) continue;
      for (let cell = 0xa1; cell <= 0xfe; cell++) {
        const s = decoder.decode(new Uint8Array([row, cell]));
        const cp = s.codePointAt(0)!;
        if (s.length === 1 && cp >= 0x80 && !(cp >= 0xe000 && cp <= 0xf8ff)) out.push(cp);
      }
    }
    gb2312 = out;
  }
  return gb2312;
}

/**
 * What an editor may type without waiting (the renderer grows each face's subset to this after
 * the first paint): the first paint's characters `first`, GB 2312, and the Latin ranges pinyin and
 * names use. A character outside it is still exact — the face's subset grows to it on first use.
 */
export function typingCodePoints(first: Iterable<number>): Set<number> {
  const out = new Set(first);
  for (const [a, b] of RANGES) for (let c = a; c <= b; c++) out.add(c);
  for (const [a, b] of TYPING_RANGES) for (let c = a; c <= b; c++) out.add(c);
  for (const cp of gb2312CodePoints()) out.add(cp);
  return out;
}
