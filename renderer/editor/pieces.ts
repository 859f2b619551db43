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
 * spacing, justification: cjk-typesetting.md §1.4, §1.5, §1.7). So a piece runs on only while
 * every gap equals the previous glyph's natural advance plus one constant, which becomes the
 * piece's letter-spacing: a justified run of Han is one piece, a compressed mark or a Han–Latin
 * gap starts a new one. Natural advances come from the renderer (measured once per font, size
 * and character); without one, only Han ideographs, kana and the ideographic space (exactly
 * 1 em in the CJK faces we ship) are known. A lone glyph's letter-spacing makes its box the
 * composer's advance, so clicks and selections hit where the composer put the glyph.
 * A piece never crosses a text node (a mark boundary), because ProseMirror splits the
 * decoration there and both halves would start at the piece's x.
 */
export interface Piece {
  /** Index of the line in the table. */
  line: number;
  /** Document range the piece covers. */
  from: number;
  to: number;
  /** Page x of the first glyph's origin, baseline y, in points. */
  x: Pt;
  /**
   * How much of the span's left to clip away (0 or positive): an opening mark trimmed on its
   * left (§1.4) is drawn from left of its box, over the mark before it; clipping its empty
   * half keeps clicks there for that mark. Only on a piece of one glyph.
   */
  clipLeft: Pt;
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
/**
 * How far a piece's last box may differ from the composer's before the glyph goes alone, in
 * em: a compressed mark (half an em) goes alone; the stretch of a justified line (a few
 * hundredths of an em after the last glyph) does not cost a span per line.
 */
const BOX_EPS_EM = 0.2;

/** The glyph before g on its line. */
function glyphBefore(line: PlacedLine, g: PlacedGlyph): PlacedGlyph | undefined {
  let prev: PlacedGlyph | undefined;
  for (const r of line.runs) for (const x of r.glyphs) {
    if (x === g) return prev;
    if (x.char !== '') prev = x;
  }
  return undefined;
}

/** Text nodes of the document that meet [from, to), as absolute ranges. */
function textRanges(doc: PMNode, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) out.push([pos, pos + node.nodeSize]);
    return !node.isText;
  });
  return out;
}

/** Natural advance of a character in points as the browser sets it (no kerning), if known. */
export type NaturalAdvance = (font: FontKey, size: Pt, char: string) => Pt | undefined;

const emOnly: NaturalAdvance = (_font, size, char) => (EVEN_EM.test(char) ? size : undefined);

/** Cuts every line of the table into pieces (see the module comment). */
export function buildPieces(doc: PMNode, lines: readonly PlacedLine[], natural: NaturalAdvance = emOnly): Piece[] {
  return lines.flatMap((line, li) => linePieces(doc, line, li, natural));
}

/** The pieces of one line (line index li in its table). */
export function linePieces(doc: PMNode, line: PlacedLine, li: number, natural: NaturalAdvance = emOnly): Piece[] {
  const pieces: Piece[] = [];
  const nat = (font: FontKey, size: Pt, char: string) => (EVEN_EM.test(char) ? size : natural(font, size, char));
  {
    if (line.from === line.to) return pieces;
    const nodes = textRanges(doc, line.from, line.to);
    const nodeOf = (pos: number) => nodes.findIndex(([a, b]) => pos >= a && pos < b);
    type Open = { start: number; node: number; first: PlacedGlyph; last: PlacedGlyph; lastNatural: Pt | undefined; count: number; spacing: Pt; font: FontKey; size: Pt; alone?: boolean };
    const open: Open[] = [];
    for (const run of line.runs) {
      for (const g of run.glyphs) {
        if (g.char === '' || g.pos < line.from || g.pos >= line.to) continue;
        const node = nodeOf(g.pos);
        const cur = open[open.length - 1];
        const trimmedLeft = g.boxX !== undefined && g.boxX > g.x + EPS;
        if (cur && !cur.alone && !trimmedLeft && cur.node === node && cur.font === run.font && cur.size === run.size && cur.lastNatural !== undefined) {
          const spacing = g.x - cur.last.x - cur.lastNatural;
          if (cur.count === 1 || Math.abs(spacing - cur.spacing) < EPS) {
            cur.spacing = spacing;
            cur.last = g;
            cur.lastNatural = nat(run.font, run.size, g.char);
            cur.count++;
            continue;
          }
        }
        const n = nat(run.font, run.size, g.char);
        // A lone glyph's spacing gives its box the composer's advance (set again if the piece grows).
        open.push({ start: g.pos, node, first: g, last: g, lastNatural: n, count: 1, spacing: n === undefined ? 0 : (g.boxX ?? g.x) + g.advance - g.x - n, font: run.font, size: run.size, alone: trimmedLeft });
      }
    }
    // A piece's last glyph gets the piece's spacing too; where that box is clearly not the
    // composer's (a compressed mark ending the piece), the glyph goes alone, so the caret after
    // it and clicks on it follow the composer.
    for (let k = 0; k < open.length; k++) {
      const p = open[k];
      if (p.count < 2 || p.lastNatural === undefined) continue;
      const lastEnd = (p.last.boxX ?? p.last.x) + p.last.advance;
      if (Math.abs(p.last.x + p.lastNatural + p.spacing - lastEnd) <= BOX_EPS_EM * p.size) continue;
      const prevOfLast = glyphBefore(line, p.last);
      const alone: Open = { start: p.last.pos, node: p.node, first: p.last, last: p.last, lastNatural: p.lastNatural, count: 1, spacing: lastEnd - p.last.x - p.lastNatural, font: p.font, size: p.size };
      p.last = prevOfLast!;
      p.count--;
      open.splice(k + 1, 0, alone);
      k++;
    }
    open.forEach((p, k) => {
      const next = open[k + 1];
      const nodeEnd = p.node >= 0 ? nodes[p.node][1] : line.to;
      const nodeStart = p.node >= 0 ? nodes[p.node][0] : line.from;
      // Characters the composer gave no glyph (a space dropped at the break) ride with the piece before them.
      const from = k === 0 ? Math.max(line.from, nodeStart) : p.start;
      const to = Math.min(next ? next.start : line.to, nodeEnd);
      if (to <= from) return;
      pieces.push({
        line: li,
        from,
        to,
        x: p.first.x,
        clipLeft: p.count === 1 && p.first.boxX !== undefined && p.first.boxX > p.first.x + EPS ? p.first.boxX - p.first.x : 0,
        baseline: line.baseline,
        pageIndex: line.pageIndex,
        font: p.font,
        size: p.size,
        letterSpacing: Math.abs(p.spacing) < EPS ? 0 : p.spacing,
        blockStart: doc.resolve(from).parentOffset === 0,
      });
    });
  }
  return pieces;
}
