import enUs from 'hyphen/en-us/index.js';

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
