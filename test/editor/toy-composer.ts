import type { Node as PMNode } from 'prosemirror-model';
import type { LineTable, PlacedGlyph, PlacedLine, PlacedRun } from '../../renderer/editor/line-table.js';

/**
 * A small stand-in composer for the editor's tests: greedy line breaking, justified lines
 * (stretch spread over the gaps around CJK characters and spaces, never inside a Latin word,
 * cjk-typesetting.md §1.5), line-end closing punctuation compressed to half an em (§1.4),
 * a quarter em between Han and Latin (§1.7), a 2 em first-line indent, a space at a break
 * dropped. Latin letters get a fixed 0.55 em — deliberately not the font's own widths, so a
 * test passes only if the editor puts every glyph where the composer said, whatever the
 * browser would have done.
 */
export interface ToyColumn {
  frameId: string;
  pageIndex: number;
  /** Column left edge and first baseline, points. */
  x: number;
  firstBaseline: number;
  width: number;
  lines: number;
}

export interface ToyOptions {
  size: number;
  pitch: number;
}

const CLOSING = /[，。、；：？！”’）》」』】]/u;
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》—…]/u;
const LATIN = /[A-Za-z0-9.,'%\-]/;

type Kind = 'cjk' | 'latin' | 'space';
interface Ch { pos: number; char: string; kind: Kind; closing: boolean; font: string; width: number }

function kindOf(c: string): Kind {
  if (c === ' ') return 'space';
  if (LATIN.test(c) && !CJK.test(c)) return 'latin';
  return 'cjk';
}

/** Lays a story document into the columns. */
export function composeToy(doc: PMNode, columns: readonly ToyColumn[], opts: ToyOptions): LineTable {
  const em = opts.size;
  const lines: PlacedLine[] = [];
  let col = 0;
  let row = 0;
  let oversetLines = 0;
  let oversetChars = 0;
  const place = (make: (c: ToyColumn, baseline: number) => PlacedLine | null, chars: number) => {
    while (col < columns.length && row >= columns[col].lines) {
      col++;
      row = 0;
    }
    if (col >= columns.length) {
      oversetLines++;
      oversetChars += chars;
      return;
    }
    const c = columns[col];
    const line = make(c, c.firstBaseline + row * opts.pitch);
    if (line) lines.push(line);
    row++;
  };

  doc.descendants((block, blockPos) => {
    if (!block.isTextblock) return true;
    const start = blockPos + 1;
    const font = block.type.name === 'headline' ? 'sans-bold' : 'serif';
    const chars: Ch[] = [];
    let off = 0;
    block.forEach((t) => {
      const f = t.marks.some((m) => m.type.name === 'bold') ? 'serif-bold' : font;
      for (const char of t.text ?? '') {
        const kind = kindOf(char);
        chars.push({ pos: start + off, char, kind, closing: CLOSING.test(char), font: f, width: kind === 'latin' ? 0.55 * em : kind === 'space' ? 0.3 * em : em });
        off += char.length;
      }
    });
    const end = start + off;
    if (!chars.length) {
      place((c, baseline) => ({ frameId: c.frameId, pageIndex: c.pageIndex, from: start, to: start, columnX: c.x, x: c.x + 2 * em, baseline, ascent: 0.88 * em, descent: 0.12 * em, font, size: em, runs: [] }), 0);
      return false;
    }
    // Gap before char i (Han–Latin spacing).
    const gapBefore = (i: number) => (i > 0 && ((chars[i - 1].kind === 'cjk' && chars[i].kind === 'latin') || (chars[i - 1].kind === 'latin' && chars[i].kind === 'cjk')) ? 0.25 * em : 0);
    // Break opportunities: before i when not inside a Latin word and not before a closing mark.
    const canBreakBefore = (i: number) => i > 0 && !(chars[i - 1].kind === 'latin' && chars[i].kind === 'latin') && !chars[i].closing;
    let i = 0;
    let first = true;
    while (i < chars.length) {
      const indent = first ? 2 * em : 0;
      const width = (col < columns.length ? columns[col].width : columns[columns.length - 1].width) - indent;
      let w = 0;
      let j = i;
      let lastBreak = -1;
      let compressedEnd = false;
      while (j < chars.length) {
        const add = (j > i ? gapBefore(j) : 0) + chars[j].width;
        if (w + add > width + 1e-9) {
          // A closing mark that fits at half width ends the line, compressed (§1.4).
          if (j > i && chars[j].closing && w + add - chars[j].width / 2 <= width + 1e-9) {
            j++;
            compressedEnd = true;
          }
          break;
        }
        w += add;
        j++;
        if (j < chars.length && canBreakBefore(j)) lastBreak = j;
      }
      let stop = j >= chars.length || compressedEnd || canBreakBefore(j) ? j : lastBreak > i ? lastBreak : j;
      if (stop <= i) stop = i + 1;
      const seg = chars.slice(i, stop);
      const last = stop >= chars.length;
      const lineFrom = chars[i].pos;
      const lineTo = last ? end : chars[stop].pos;
      const firstLine = first;
      place((c, baseline) => {
        // Drop a space at the break.
        const shown = seg.filter((ch, k) => !(k === seg.length - 1 && ch.kind === 'space' && !last));
        const adv = shown.map((ch, k) => (k === shown.length - 1 && ch.closing && !last ? ch.width / 2 : ch.width));
        const gaps = shown.map((_, k) => (k > 0 ? gapBefore(i + k) : 0));
        const natural = adv.reduce((a, b) => a + b, 0) + gaps.reduce((a, b) => a + b, 0);
        const avail = c.width - (firstLine ? 2 * em : 0);
        const stretchable = shown.map((ch, k) => k > 0 && !(shown[k - 1].kind === 'latin' && ch.kind === 'latin'));
        const n = stretchable.filter(Boolean).length;
        const extra = !last && n > 0 && avail > natural ? (avail - natural) / n : 0;
        let x = c.x + (firstLine ? 2 * em : 0);
        const runs: PlacedRun[] = [];
        shown.forEach((ch, k) => {
          if (k > 0) x += gaps[k] + (stretchable[k] ? extra : 0);
          const g: PlacedGlyph = { pos: ch.pos, x, advance: adv[k], char: ch.char };
          const run = runs[runs.length - 1];
          if (run && run.font === ch.font) run.glyphs.push(g);
          else runs.push({ font: ch.font, size: em, glyphs: [g] });
          x += adv[k];
        });
        return { frameId: c.frameId, pageIndex: c.pageIndex, from: lineFrom, to: lineTo, columnX: c.x, x: c.x + (firstLine ? 2 * em : 0), baseline, ascent: 0.88 * em, descent: 0.12 * em, font, size: em, runs };
      }, seg.length);
      i = stop;
      first = false;
    }
    return false;
  });
  return { lines, overset: { chars: oversetChars, lines: oversetLines } };
}
