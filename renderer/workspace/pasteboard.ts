import type { Issue } from '../../core/model/issue.js';
import { pageTemplate, type Template, type TemplateRegistry } from '../../core/templates/index.js';

/**
 * Where each page sits on the canvas (the pasteboard): pages one below the other, or in
 * spreads — page 1 alone on the right, then facing pairs (even left, odd right), as the
 * pages face each other in the printed paper. Positions in CSS px at a scale (px per pt).
 */

/** Gap between pages and around them on the pasteboard, CSS px. */
export const PASTEBOARD_GAP = 48;

export interface Pasteboard {
  /** Top-left of each page, CSS px from the canvas's top-left. */
  origins: { x: number; y: number }[];
  sizes: { w: number; h: number }[];
  width: number;
  height: number;
}

/**
 * A page's template, or undefined for an id the registry lacks. No other template stands in:
 * an issue with an unknown template does not open (renderer/src/document.ts), and the
 * composer refuses one (UnknownTemplateError).
 */
export function templateFor(templates: TemplateRegistry, templateId: string): Template | undefined {
  return templates.get(templateId);
}


/** Rows of page indexes: one page a row, or spreads (first page alone). */
export function pageRows(count: number, spreads: boolean): number[][] {
  if (!spreads) return Array.from({ length: count }, (_, i) => [i]);
  const rows: number[][] = count ? [[0]] : [];
  for (let i = 1; i < count; i += 2) rows.push(i + 1 < count ? [i, i + 1] : [i]);
  return rows;
}

/** Each page's origin and size on the pasteboard, and the pasteboard's whole size. */
export function arrangePasteboard(issue: Issue, templates: TemplateRegistry, scale: number, spreads: boolean): Pasteboard {
  const sizes = issue.pages.map((p) => {
    const t = pageTemplate(templates, p);
    return { w: t.pageWidth * scale, h: t.pageHeight * scale };
  });
  const rows = pageRows(issue.pages.length, spreads);
  const rowWidth = (row: number[]) => row.reduce((w, i) => w + sizes[i].w, 0);
  // In spread view a lone right-hand page (page 1) stands where a right page would.
  const single = spreads ? Math.max(0, ...sizes.map((s) => s.w)) : 0;
  const widest = Math.max(0, ...rows.map((r) => (spreads ? Math.max(rowWidth(r), single * 2) : rowWidth(r))));
  const origins: Pasteboard['origins'] = new Array(issue.pages.length);
  let y = PASTEBOARD_GAP;
  for (const row of rows) {
    const total = spreads ? single * 2 : rowWidth(row);
    let x = PASTEBOARD_GAP + (widest - total) / 2;
    if (spreads && row.length === 1) x += row[0] % 2 === 0 ? single : 0; // odd page numbers (index even) on the right
    for (const i of row) {
      origins[i] = { x: Math.round(x), y: Math.round(y) };
      x += sizes[i].w;
    }
    y += Math.max(...row.map((i) => sizes[i].h)) + PASTEBOARD_GAP;
  }
  return { origins, sizes, width: widest + 2 * PASTEBOARD_GAP, height: y };
}

/** The page nearest a pasteboard point (the viewport's centre: the current page); 0 when there are none. */
export function nearestPage(board: Pasteboard, at: { x: number; y: number }): number {
  let best = 0;
  let bestDistance = Infinity;
  board.origins.forEach((o, i) => {
    const s = board.sizes[i];
    const d = Math.hypot(Math.max(0, o.x - at.x, at.x - o.x - s.w), Math.max(0, o.y - at.y, at.y - o.y - s.h));
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}
