/**
 * The hanzi of the mainland character-set standards, for a face's coverage counts in the font
 * library: GB 2312 (6,763 hanzi), GBK (its hanzi, GB 2312's included) and GB 18030 implementation
 * level 1 (GB 18030-2022 §4: the two-byte part's hanzi, CJK Extension A and the Unified Ideographs
 * block up to U+9FEF). The two-byte parts are decoded with the platform's GB 18030 decoder
 * (WHATWG's gb18030, which the GBK and GB 2312 code spaces are part of), so no table of
 * thousands of characters lives in the source. A hanzi is a code point with the Unicode property
 * Unified_Ideograph (the 80-odd GBK ideographic components that decode to radicals or the private
 * use area are left out: they are no characters an editor types).
 */

import { gb2312CodePoints } from '../../core/fonts/coverage.js';

const HANZI = /^\p{Unified_Ideograph}$/u;

function decodedHanzi(leads: [number, number], trails: [number, number][]): number[] {
  const decoder = new TextDecoder('gb18030');
  const out: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [from, to] of trails) {
      for (let trail = from; trail <= to; trail++) {
        const s = decoder.decode(new Uint8Array([lead, trail]));
        if (HANZI.test(s)) out.push(s.codePointAt(0)!);
      }
    }
  }
  return out;
}

let gb2312: readonly number[] | undefined;
let gbk: readonly number[] | undefined;
let gb18030: readonly number[] | undefined;

/** GB 2312's 6,763 hanzi (rows 16–87), in code order of the standard: core's GB 2312 set, its symbols left out. */
export function gb2312Hanzi(): readonly number[] {
  gb2312 ??= gb2312CodePoints().filter((cp) => HANZI.test(String.fromCodePoint(cp)));
  return gb2312;
}

/** GBK's hanzi: every two-byte code (lead 0x81–0xFE, trail 0x40–0x7E and 0x80–0xFE) that decodes to a hanzi. */
export function gbkHanzi(): readonly number[] {
  gbk ??= decodedHanzi([0x81, 0xfe], [[0x40, 0x7e], [0x80, 0xfe]]);
  return gbk;
}

/** GB 18030 implementation level 1 hanzi: GBK's, CJK Extension A (U+3400–U+4DBF) and U+4E00–U+9FEF. */
export function gb18030Hanzi(): readonly number[] {
  if (!gb18030) {
    const set = new Set(gbkHanzi());
    for (let cp = 0x3400; cp <= 0x4dbf; cp++) set.add(cp);
    for (let cp = 0x4e00; cp <= 0x9fef; cp++) set.add(cp);
    gb18030 = [...set].sort((a, b) => a - b);
  }
  return gb18030;
}

/** How many hanzi of each standard a face has a glyph for, out of how many. */
export interface GbCoverage {
  gb2312: number;
  gbk: number;
  gb18030: number;
}

/** The size of each standard's hanzi set (the denominators of GbCoverage). */
export function gbTotals(): GbCoverage {
  return { gb2312: gb2312Hanzi().length, gbk: gbkHanzi().length, gb18030: gb18030Hanzi().length };
}

/** Counts the hanzi of each standard for which `has` says the face has a glyph. */
export function gbCoverage(has: (codePoint: number) => boolean): GbCoverage {
  const count = (cps: readonly number[]) => cps.reduce((n, cp) => n + (has(cp) ? 1 : 0), 0);
  return { gb2312: count(gb2312Hanzi()), gbk: count(gbkHanzi()), gb18030: count(gb18030Hanzi()) };
}
