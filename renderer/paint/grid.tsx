/* @jsxRuntime automatic @jsxImportSource react -- also when tsx (the test runner) compiles this file */
import type { Template } from '../../core/templates/index.js';
import { r2 } from './glyphs.js';

/**
 * The template's grid over a page (View ▸ Show Grid): the 版心, the columns and every body
 * line's em box, so an editor sees what frames snap to.
 */
export function GridOverlay({ template }: { template: Template }) {
  const t = template;
  const top = t.lineTop(0);
  const bottom = t.lineTop(t.lines - 1) + t.em;
  const lines: number[] = [];
  for (let l = 0; l < t.lines; l++) lines.push(t.lineTop(l));
  return (
    <g className="bs-grid" pointerEvents="none" aria-hidden="true">
      <rect x={r2(t.area.x)} y={r2(t.area.y)} width={r2(t.area.w)} height={r2(t.area.h)} fill="none" stroke="rgb(0 160 220)" strokeWidth={0.5} />
      {Array.from({ length: t.columns }, (_, c) => (
        <rect key={`c${c}`} x={r2(t.columnX(c))} y={r2(top)} width={r2(t.columnWidth)} height={r2(bottom - top)} fill="rgb(0 160 220 / 0.06)" stroke="rgb(0 160 220 / 0.5)" strokeWidth={0.3} />
      ))}
      {lines.map((y, l) => (
        <line key={`l${l}`} x1={r2(t.area.x)} x2={r2(t.area.x + t.area.w)} y1={r2(y + t.em * 0.88)} y2={r2(y + t.em * 0.88)} stroke={l % 5 === 4 ? 'rgb(230 80 160 / 0.45)' : 'rgb(230 80 160 / 0.18)'} strokeWidth={0.25} />
      ))}
    </g>
  );
}
