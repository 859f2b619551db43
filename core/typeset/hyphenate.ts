import enUs from 'hyphen/en-us/index.js';
import { Cls } from './classes.js';
import { Brk, type Items } from './prepare.js';
import type { ParagraphStyle } from './types.js';

/**
 * Stage 4, hyphenate: hyphenation points in English words, when the style hyphenates.
 *
 * Input and output: {@link Items}; a barred break inside a word of five or more Latin letters
 * becomes {@link Brk.Hyphen} where the en-us TeX patterns allow a hyphen. The line breaker
 * takes such a point only in the word straddling the measure.
 */
export function hyphenate(items: Items, style: ParagraphStyle): Items {
  if (!style.hyphenate) return items;
  const { text, off, cls, brk, wordStarts, wordEnds, wordAddress } = items;
  for (let wi = 0; wi < wordStarts.length; wi++) {
    if (wordAddress[wi]) continue; // URLs and e-mail addresses break only at their / . and @
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
      for (const p of hyphenationPoints(word)) {
        // The item whose glyph ends at offset off[ws] + p.
        const target = off[ws] + p;
        for (let q = ws; q < k; q++) if (off[q + 1] === target && brk[q] === Brk.No) brk[q] = Brk.Hyphen;
      }
    }
  }
  return items;
}

const cache = new Map<string, number[]>();
const NONE: number[] = [];

/**
 * Hyphenation points of an English word (UTF-16 indexes where a break may fall, with a
 * hyphen added), from the `hyphen` package's en-us TeX patterns; cached per word.
 */
export function hyphenationPoints(word: string): number[] {
  let points = cache.get(word);
  if (points) return points;
  points = NONE;
  if (word.length >= 5) {
    const marked = enUs.hyphenateSync(word, { hyphenChar: '\u00ad', minWordLength: 5 });
    if (marked.length !== word.length) {
      points = [];
      let k = 0;
      for (let i = 0; i < marked.length; i++) {
        if (marked.charCodeAt(i) === 0xad) points.push(k);
        else k++;
      }
    }
  }
  if (cache.size > 50000) cache.clear();
  cache.set(word, points);
  return points;
}
