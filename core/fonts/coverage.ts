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
