import type { Node as PMNode } from 'prosemirror-model';
import type { FontKey } from '../../core/display/types.js';
import type { Pt } from '../../core/units.js';
import type { PlacedGlyph, PlacedLine } from './line-table.js';

/**
 * Cuts placed lines into pieces: document ranges the browser can draw as one absolutely
 * positioned span and still put every glyph where the composer did.
 *
 * Inside a span the browser advances each glyph by its natural width plus letter-spacing.
 * The composer's line, though, is adjusted glyph by glyph (punctuation compression, Han–Latin
 * spacing, justification: cjk-typesetting.md §1.4, §1.5, §1.7). So a piece only runs on while
 * the browser's placement is predictable without measuring anything: Han ideographs (and kana,
 * the ideographic space) have a natural advance of exactly 1 em in the CJK faces we ship, and a
 * justified line stretches them evenly, which one letter-spacing per piece reproduces. Every
 * other glyph (punctuation, Latin, digits, spaces) starts its own piece at its own x.
 * A piece never crosses a text node (a mark boundary), because ProseMirror splits the
 * decoration there and both halves would start at the piece's x.
 */
export interface Piece {
  /** Index of the line in the table. */
  line: number;
  /** Document range the piece covers. */
  from: number;
  to: number;
  /** Page x of the first glyph, baseline y, in points. */
  x: Pt;
  baseline: Pt;
  pageIndex: number;
  font: FontKey;
  size: Pt;
  /** Extra advance after every glyph, in points (0 unless the piece is evenly stretched). */
  letterSpacing: Pt;
  /** True when the piece starts its textblock (typing at the block start goes into it). */
  blockStart: boolean;
}

const EVEN_EM = /^[\p{Script=Han}\u3040-\u30ff\u3000]$/u;
/** Tolerance for "evenly spaced", in points: far below what shows at any zoom. */
const EPS = 0.001;

/** Text nodes of the document that meet [from, to), as absolute ranges. */
function textRanges(doc: PMNode, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) out.push([pos, pos + node.nodeSize]);
    return !node.isText;
  });
  return out;
}

/** Cuts every line of the table into pieces (see the module comment). */
export function buildPieces(doc: PMNode, lines: readonly PlacedLine[]): Piece[] {
  const pieces: Piece[] = [];
  lines.forEach((line, li) => {
    if (line.from === line.to) return;
    const nodes = textRanges(doc, line.from, line.to);
    const nodeOf = (pos: number) => nodes.findIndex(([a, b]) => pos >= a && pos < b);
    type Open = { start: number; node: number; first: PlacedGlyph; last: PlacedGlyph; count: number; pitch: number; font: FontKey; size: Pt };
    const open: Open[] = [];
    for (const run of line.runs) {
      for (const g of run.glyphs) {
        if (g.char === '' || g.pos < line.from || g.pos >= line.to) continue;
        const node = nodeOf(g.pos);
        const cur = open[open.length - 1];
        if (cur && cur.node === node && cur.font === run.font && cur.size === run.size && EVEN_EM.test(cur.last.char) && EVEN_EM.test(g.char)) {
          const gap = g.x - cur.last.x;
          if (cur.count === 1 || Math.abs(gap - cur.pitch) < EPS) {
            if (cur.count === 1) cur.pitch = gap;
            cur.last = g;
            cur.count++;
            continue;
          }
        }
        open.push({ start: g.pos, node, first: g, last: g, count: 1, pitch: run.size, font: run.font, size: run.size });
      }
    }
    open.forEach((p, k) => {
      const next = open[k + 1];
      const nodeEnd = p.node >= 0 ? nodes[p.node][1] : line.to;
      const nodeStart = p.node >= 0 ? nodes[p.node][0] : line.from;
      // Characters the composer gave no glyph (a space dropped at the break) ride with the piece before them.
      const from = k === 0 ? Math.max(line.from, nodeStart) : p.start;
      const to = Math.min(next ? next.start : line.to, nodeEnd);
      if (to <= from) return;
      const $from = doc.resolve(from);
      pieces.push({
        line: li,
        from,
        to,
        x: p.first.x,
        baseline: line.baseline,
        pageIndex: line.pageIndex,
        font: p.font,
        size: p.size,
        letterSpacing: p.count > 1 ? p.pitch - p.size : 0,
        blockStart: $from.parentOffset === 0,
      });
    });
  });
  return pieces;
}
