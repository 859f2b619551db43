import { COMPRESSIBLE } from './classes.js';
import type { Items } from './prepare.js';
import type { ParagraphStyle } from './types.js';

/**
 * Stage 3, kern: punctuation against punctuation.
 *
 * Input and output: {@link Items}; the widths, trims and ink offsets of neighbouring
 * full-width marks change in place. Two stacked ？？ ！！ ？！ take one position, three take two
 * (GB/T 15834 §5.1.2, cjk-typesetting.md §1.3); two adjacent full-width marks take 1.5 em
 * instead of 2 (§1.4), across style-run boundaries too. Neither applies under 对开, where every
 * mark is already half width.
 */
export function kern(items: Items, style: ParagraphStyle): Items {
  if (style.punctuation !== 'half') stackQuestionMarks(items);
  if (style.adjacentPunctuationKerning) kernAdjacent(items);
  return items;
}

function isQuestionOrBang(c: number): boolean {
  return c === 0xff1f || c === 0xff01;
}

/** ？？ / ！！ / ？！ in a row: all but the last lose their right side; of three or more the last keeps its full position. */
function stackQuestionMarks(items: Items): void {
  const { n, text, off, w, em, cR } = items;
  for (let k = 0; k < n; k++) {
    if (!isQuestionOrBang(text.charCodeAt(off[k])) || w[k] < em[k] * 0.95) continue;
    let j = k;
    while (j + 1 < n && isQuestionOrBang(text.charCodeAt(off[j + 1])) && w[j + 1] >= em[j + 1] * 0.95) j++;
    if (j > k) {
      for (let q = k; q <= j; q++) {
        if (q === j && j - k + 1 > 2) break;
        w[q] -= cR[q];
        cR[q] = 0;
      }
    }
    k = j;
  }
}

/** Two adjacent full-width marks: the first loses its empty right half, else the second its empty left half. */
function kernAdjacent(items: Items): void {
  const { n, cls, w, em, cL, cR, dx } = items;
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
