import type { AdjustedLine } from './adjust.js';
import type { Items } from './prepare.js';
import type { LineRun, LineSlot, TypesetLine } from './types.js';

/**
 * Stage 9, finalize: an adjusted line into the typesetter's output, its glyphs placed.
 *
 * Input: {@link Items} and one {@link AdjustedLine}. Output: a {@link TypesetLine} whose runs
 * group the glyphs by style run and face, each glyph with its x, its box (the caret position:
 * an opening mark whose empty left half was trimmed keeps its box where the ink is not, §1.4),
 * its advance after adjustment, its text and offset; a hyphenated line ends in the hyphen
 * glyph, and a hanging mark (§1.6) does not count in the line's width. The line's ascent and
 * descent are the largest of its runs'.
 */
export function finalize(items: Items, line: AdjustedLine, slot: LineSlot, last: boolean): TypesetLine {
  const b = line.at;
  const { s, e } = b;
  const { widths: lw, gaps: lgap, inkDx: ldx, x0, hyphenW } = line;
  const runs: LineRun[] = [];
  let cur: LineRun | undefined;
  let curRun = -1;
  let curFace = '';
  let pen = x0;
  let ascent = 0;
  let descent = 0;
  for (let i = s; i <= e; i++) {
    const k = i - s;
    pen += lgap[k];
    const r = items.run[i];
    const f = items.face[i];
    if (!cur || r !== curRun || f !== curFace) {
      const sr = items.runs[r];
      cur = { font: f, size: sr.size, glyphs: [], xs: [], advances: [], boxXs: [], chars: [], offsets: [] };
      if (sr.hscale !== undefined && sr.hscale !== 1) cur.hscale = sr.hscale;
      if (sr.color) cur.color = sr.color;
      if (sr.emphasisDots) cur.emphasisDots = true;
      runs.push(cur);
      curRun = r;
      curFace = f;
      if (items.runAscent[r] > ascent) ascent = items.runAscent[r];
      if (items.runDescent[r] > descent) descent = items.runDescent[r];
    }
    cur.glyphs.push(items.gid[i]);
    cur.xs.push(pen + ldx[k]);
    cur.boxXs!.push(pen);
    const nextGap = i < e ? lgap[k + 1] : 0;
    cur.advances.push(lw[k] + nextGap);
    cur.chars.push(items.text.slice(items.off[i], items.off[i + 1]));
    cur.offsets.push(items.off[i]);
    pen += lw[k];
  }
  if (b.hyphen && cur) {
    cur.glyphs.push(items.hyphenGid[e]);
    cur.xs.push(pen);
    cur.boxXs!.push(pen);
    cur.advances.push(hyphenW);
    cur.chars.push('');
    cur.offsets.push(items.off[e + 1]);
    pen += hyphenW;
  }
  const width = pen - x0 - (b.hang ? lw[line.ee - s] : 0);
  return {
    start: items.off[s],
    end: items.off[e + 1],
    slot,
    naturalWidth: line.natural,
    width,
    ascent,
    descent,
    runs,
    adjustments: { compressed: line.compressed, stretched: line.stretched, pushIn: b.pushIn, pushOut: b.pushOut, hyphenated: b.hyphen, hanging: b.hang },
    last,
  };
}

/** The one line of an empty paragraph (it still takes a line on the page, at the first run's height). */
export function emptyLine(slot: LineSlot, items: Items): TypesetLine {
  return {
    start: 0,
    end: 0,
    slot,
    naturalWidth: 0,
    width: 0,
    ascent: items.runAscent[0] ?? 0,
    descent: items.runDescent[0] ?? 0,
    runs: [],
    adjustments: { compressed: 0, stretched: 0, pushIn: false, pushOut: false, hyphenated: false, hanging: false },
    last: true,
  };
}
