import type { GridRect } from '../model/issue.js';
import { mmToPt, type Pt } from '../units.js';
import { REQUIRED_STYLES, templateSpec, type ParagraphStyleSpec, type TemplateSpec } from './schema.js';

/** A rectangle in page points. */
export interface Box {
  x: Pt;
  y: Pt;
  w: Pt;
  h: Pt;
}

/** A validated template with its grid worked out in points (cjk-typesetting.md §1.9, §2.1). */
export interface Template {
  readonly id: string;
  readonly spec: TemplateSpec;
  readonly pageWidth: Pt;
  readonly pageHeight: Pt;
  /** The 版心. */
  readonly area: Box;
  /** Body size (1 em of the grid). */
  readonly em: Pt;
  readonly pitch: Pt;
  readonly columns: number;
  readonly columnWidth: Pt;
  readonly gutter: Pt;
  /** Body lines per column. */
  readonly lines: number;
  style(name: string): ParagraphStyleSpec;
  /** Left edge of a grid column. */
  columnX(column: number): Pt;
  /** Top of a grid line's em box (the ideographic em box: 0.88 em above the baseline). */
  lineTop(line: number): Pt;
  /** Baseline of a grid line. */
  baseline(line: number): Pt;
  /** The page box of a grid rectangle: from the first line's em-box top to the last line's em-box bottom. */
  box(rect: GridRect): Box;
}

/** A template that failed validation: the message names the file and the field. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field || '(root)'}: ${detail}`);
    this.name = 'TemplateError';
  }
}

/** Ascent of the ideographic em box over the baseline, in em. */
export const EM_ASCENT = 0.88;

/** Validates template JSON (`file` names it in errors) and works out its grid. */
export function parseTemplate(data: unknown, file: string): Template {
  const r = templateSpec.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new TemplateError(file, issue.path.join('.'), issue.message);
  }
  const spec = r.data;
  for (const style of Object.values(spec.styles)) style.punctuation ??= spec.punctuation;
  for (const name of REQUIRED_STYLES) {
    if (!spec.styles[name]) throw new TemplateError(file, `styles.${name}`, 'required paragraph style is missing');
  }
  const f = spec.furniture;
  const named = [
    ['furniture.masthead.titleStyle', f.masthead?.titleStyle],
    ['furniture.masthead.infoStyle', f.masthead?.infoStyle],
    ['furniture.runningHead.style', f.runningHead?.style],
    ['furniture.runningHead.sectionStyle', f.runningHead?.sectionStyle],
    ['furniture.footLine.style', f.footLine?.style],
  ] as const;
  for (const [field, name] of named) {
    if (name !== undefined && !spec.styles[name]) throw new TemplateError(file, field, `names style "${name}", which the template does not define`);
  }
  const pageWidth = mmToPt(spec.page.widthMm);
  const pageHeight = mmToPt(spec.page.heightMm);
  const ta = spec.textArea;
  const area: Box = { x: mmToPt(ta.leftMm), y: mmToPt(ta.topMm), w: mmToPt(ta.widthMm), h: mmToPt(ta.heightMm) };
  const eps = 0.01;
  if (area.x + area.w > pageWidth + eps) throw new TemplateError(file, 'textArea.widthMm', `版心 (${ta.leftMm} + ${ta.widthMm} mm) is wider than the page (${spec.page.widthMm} mm)`);
  if (area.y + area.h > pageHeight + eps) throw new TemplateError(file, 'textArea.heightMm', `版心 (${ta.topMm} + ${ta.heightMm} mm) is taller than the page (${spec.page.heightMm} mm)`);
  const g = spec.grid;
  const em = g.bodySize;
  const columnWidth = g.charsPerColumn * em;
  const gutter = g.gutterChars * em;
  const gridWidth = g.columns * columnWidth + (g.columns - 1) * gutter;
  if (gridWidth > area.w + eps) {
    throw new TemplateError(file, 'grid.columns', `${g.columns} columns × ${g.charsPerColumn} characters + ${g.columns - 1} gutters of ${g.gutterChars} at ${em} pt = ${gridWidth.toFixed(1)} pt, wider than the 版心 (${area.w.toFixed(1)} pt)`);
  }
  if (g.pitch < em) throw new TemplateError(file, 'grid.pitch', `baseline pitch ${g.pitch} pt is smaller than the body size ${em} pt`);
  const lines = Math.floor((area.h - em) / g.pitch + 1e-9) + 1;
  if (lines < 1) throw new TemplateError(file, 'textArea.heightMm', 'the 版心 holds no body line');
  const checkRect = (field: string, rect: GridRect) => {
    if (rect.column + rect.span > g.columns) throw new TemplateError(file, `${field}.span`, `columns ${rect.column}–${rect.column + rect.span - 1} exceed the grid's ${g.columns}`);
    if (rect.line + rect.lines > lines) throw new TemplateError(file, `${field}.lines`, `lines ${rect.line}–${rect.line + rect.lines - 1} exceed the 版心's ${lines}`);
  };
  if (f.masthead) checkRect('furniture.masthead.rect', f.masthead.rect);
  spec.slots.forEach((s, i) => checkRect(`slots.${i}.rect`, s.rect));
  // The grid sits centred in the 版心 when the 版心 is a little wider than whole characters.
  const left = area.x + (area.w - gridWidth) / 2;
  const columnX = (c: number) => left + c * (columnWidth + gutter);
  const lineTop = (l: number) => area.y + l * g.pitch;
  return {
    id: spec.id,
    spec,
    pageWidth,
    pageHeight,
    area,
    em,
    pitch: g.pitch,
    columns: g.columns,
    columnWidth,
    gutter,
    lines,
    style(name) {
      return spec.styles[name] ?? spec.styles.body;
    },
    columnX,
    lineTop,
    baseline: (l) => lineTop(l) + EM_ASCENT * em,
    box(rect) {
      const x = columnX(rect.column);
      const y = lineTop(rect.line);
      return { x, y, w: rect.span * columnWidth + (rect.span - 1) * gutter, h: (rect.lines - 1) * g.pitch + em };
    },
  };
}
