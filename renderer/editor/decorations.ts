import type { Node as PMNode } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { LineTable, PlacedLine } from './line-table.js';
import { linePieces, type NaturalAdvance } from './pieces.js';
import type { RenderContext } from './render-context.js';

/** Class of a placed piece of text; styled position:absolute; white-space:pre (editor-css.ts). */
export const PIECE_CLASS = 'bs-piece';
/** Class of an empty textblock placed by a node decoration. */
export const EMPTY_CLASS = 'bs-empty';
/** Attribute carrying the key of the line a piece is on. */
export const LINE_ATTR = 'data-k';
/** Attribute carrying a piece's index on its line, left to right (0, 1, 2 …). */
export const PIECE_ATTR = 'data-p';

const px = (v: number) => `${Math.round(v * 1000) / 1000}px`;

/**
 * A piece's decoration says where it sits relative to its line's origin, and names the line
 * by a key; the line's origin on the page is a CSS variable pair (--bxK, --byK) set on the
 * editor root (lineOrigins) and applied as a translation. When a keystroke pushes the lines
 * below down by one, only those variables change: the decorations, and so ProseMirror's DOM,
 * stay as they are, and a translation needs no layout.
 */
export function lineOrigins(table: LineTable, keys: readonly number[], ctx: RenderContext): Map<number, string> {
  const out = new Map<number, string>();
  table.lines.forEach((line, i) => {
    const o = ctx.pageOrigin(line.pageIndex);
    out.set(keys[i], `${px(o.x + line.columnX * ctx.scale)} ${px(o.y + line.baseline * ctx.scale)}`);
  });
  return out;
}

/** The origin variables of a line key, as set on the editor root. */
export function originVars(key: number): [string, string] {
  return [`--bx${key}`, `--by${key}`];
}

function fontStyle(ctx: RenderContext, font: string, sizePt: number, lineHeightPx: number): string {
  const f = ctx.fontCss(font);
  return `font-family:"${f.family}";font-weight:${f.weight};font-style:${f.style ?? 'normal'};font-size:${px(sizePt * ctx.scale)};line-height:${px(lineHeightPx)};height:${px(lineHeightPx)}`;
}

/** Natural advances in points from the context's measurement in pixels, if it measures. */
export function naturalFrom(ctx: RenderContext): NaturalAdvance | undefined {
  return ctx.naturalAdvance ? (font, size, char) => ctx.naturalAdvance!(font, size * ctx.scale, char) / ctx.scale : undefined;
}

/** Spec of every decoration the layout makes: which line it belongs to. */
export interface LineDecoSpec {
  lineKey: number;
}

/**
 * The decorations of one placed line: one inline decoration per piece, or a node decoration
 * for an empty textblock. Inline decorations include text typed at their end (and at their
 * start when they start a textblock), so that text mapped while the layout is frozen stays
 * in the span the browser typed it into.
 */
export function lineDecorations(doc: PMNode, line: PlacedLine, li: number, key: number, ctx: RenderContext, natural = naturalFrom(ctx)): Decoration[] {
  const lineHeight = (line.ascent + line.descent) * ctx.scale;
  const place = (x: number, font: string, size: number) =>
    `left:${px((x - line.columnX) * ctx.scale)};top:${px(-ctx.baselineOffset(font, size * ctx.scale, lineHeight))};transform:translate(var(--bx${key}),var(--by${key}));${fontStyle(ctx, font, size, lineHeight)}`;
  if (line.from === line.to) {
    const $pos = doc.resolve(line.from);
    if (!$pos.parent.isTextblock || $pos.parent.content.size !== 0) return [];
    const attrs = { class: EMPTY_CLASS, style: place(line.x, line.font, line.size), [LINE_ATTR]: String(key) };
    return [Decoration.node($pos.before(), $pos.after(), attrs, { lineKey: key } satisfies LineDecoSpec)];
  }
  return linePieces(doc, line, li, natural).map((p, pi) => {
    let style = place(p.x, p.font, p.size);
    if (p.clipLeft) style += `;clip-path:inset(0 0 0 ${px(p.clipLeft * ctx.scale)})`;
    if (p.letterSpacing) style += `;letter-spacing:${px(p.letterSpacing * ctx.scale)}`;
    const spec: LineDecoSpec & { inclusiveEnd: boolean; inclusiveStart: boolean } = { lineKey: key, inclusiveEnd: true, inclusiveStart: p.blockStart };
    return Decoration.inline(p.from, p.to, { class: PIECE_CLASS, style, [LINE_ATTR]: String(key), [PIECE_ATTR]: String(pi) }, spec);
  });
}

/** The whole decoration set of a table, with line keys 0, 1, 2 … */
export function buildDecorations(doc: PMNode, table: LineTable, ctx: RenderContext): DecorationSet {
  const natural = naturalFrom(ctx);
  return DecorationSet.create(doc, table.lines.flatMap((line, li) => lineDecorations(doc, line, li, li, ctx, natural)));
}
