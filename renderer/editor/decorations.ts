import type { Node as PMNode } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { LineTable } from './line-table.js';
import { buildPieces, type Piece } from './pieces.js';
import type { RenderContext } from './render-context.js';

/** Class of a placed piece of text; styled position:absolute; white-space:pre (editor.css). */
export const PIECE_CLASS = 'bs-piece';
/** Class of an empty textblock placed by a node decoration. */
export const EMPTY_CLASS = 'bs-empty';

const px = (v: number) => `${Math.round(v * 1000) / 1000}px`;

function fontStyle(ctx: RenderContext, font: string, sizePt: number, lineHeightPx: number): string {
  const f = ctx.fontCss(font);
  const sizePx = sizePt * ctx.scale;
  return `font-family:"${f.family}";font-weight:${f.weight};font-style:${f.style ?? 'normal'};font-size:${px(sizePx)};line-height:${px(lineHeightPx)};height:${px(lineHeightPx)}`;
}

/** Inline decoration attributes that put a piece where the composer placed it. */
export function pieceAttrs(piece: Piece, table: LineTable, ctx: RenderContext): { class: string; style: string; 'data-l': string } {
  const line = table.lines[piece.line];
  const origin = ctx.pageOrigin(piece.pageIndex);
  const lineHeight = (line.ascent + line.descent) * ctx.scale;
  const top = origin.y + piece.baseline * ctx.scale - ctx.baselineOffset(piece.font, piece.size * ctx.scale, lineHeight);
  let style = `left:${px(origin.x + piece.x * ctx.scale)};top:${px(top)};${fontStyle(ctx, piece.font, piece.size, lineHeight)}`;
  if (piece.letterSpacing) style += `;letter-spacing:${px(piece.letterSpacing * ctx.scale)}`;
  return { class: PIECE_CLASS, style, 'data-l': String(piece.line) };
}

/**
 * The decoration set that places a story's text: one inline decoration per piece, one node
 * decoration per empty textblock. Inline decorations include text typed at their end (and
 * at their start when they start a textblock), so that text mapped while the layout is
 * frozen stays in the span the browser typed it into.
 */
export function buildDecorations(doc: PMNode, table: LineTable, ctx: RenderContext): DecorationSet {
  const decos: Decoration[] = [];
  const natural = ctx.naturalAdvance ? (font: string, size: number, char: string) => ctx.naturalAdvance!(font, size * ctx.scale, char) / ctx.scale : undefined;
  for (const piece of buildPieces(doc, table.lines, natural)) {
    decos.push(Decoration.inline(piece.from, piece.to, pieceAttrs(piece, table, ctx), { inclusiveEnd: true, inclusiveStart: piece.blockStart }));
  }
  table.lines.forEach((line, li) => {
    if (line.from !== line.to) return;
    const $pos = doc.resolve(line.from);
    if (!$pos.parent.isTextblock || $pos.parent.content.size !== 0) return;
    const origin = ctx.pageOrigin(line.pageIndex);
    const lineHeight = (line.ascent + line.descent) * ctx.scale;
    const top = origin.y + line.baseline * ctx.scale - ctx.baselineOffset(line.font, line.size * ctx.scale, lineHeight);
    const style = `left:${px(origin.x + line.x * ctx.scale)};top:${px(top)};${fontStyle(ctx, line.font, line.size, lineHeight)}`;
    decos.push(Decoration.node($pos.before(), $pos.after(), { class: EMPTY_CLASS, style, 'data-l': String(li) }));
  });
  return DecorationSet.create(doc, decos);
}
