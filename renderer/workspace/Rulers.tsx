import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { Issue } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { mmToPt } from '../../core/units.js';
import type { Pasteboard } from './pasteboard.js';
import { useWorkspaceT } from './i18n.js';
import { guideInGrid, guidePos } from './model/guides.js';

/**
 * Rulers along the canvas, measured from the current page: millimetres from the trim box's
 * top-left corner, or the grid's own units — characters across each column (numbered by
 * column) and body lines down the 版心 — which is how a layout editor counts a page. A press on
 * a ruler drags a ruler guide out of it (`onGuideDown`: the top ruler a horizontal one, the left
 * a vertical one); one dragged back onto a ruler goes. The current page's guides are marked on
 * the rulers in the guides' cyan (vertical ones on the top ruler, horizontal on the left).
 */

export const RULER = 22;

type Unit = 'mm' | 'grid';

export function Rulers({ pasteboard, templates, issue, scale, currentPage, viewport, onGuideDown }: { pasteboard: Pasteboard; templates: TemplateRegistry; issue: Issue; scale: number; currentPage: number; viewport: RefObject<HTMLDivElement | null>; onGuideDown?: (axis: 'x' | 'y', e: ReactPointerEvent) => void }) {
  const { t } = useWorkspaceT();
  const [unit, setUnit] = useState<Unit>('mm');
  const top = useRef<HTMLCanvasElement>(null);
  const left = useRef<HTMLCanvasElement>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const bump = () => setTick((n) => n + 1);
    el.addEventListener('scroll', bump, { passive: true });
    const ro = new ResizeObserver(bump);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', bump);
      ro.disconnect();
    };
  }, [viewport]);

  // Only the current page's template and place matter (not the text: typing leaves the rulers alone).
  const templateId = issue.pages[currentPage]?.templateId;
  const origin = pasteboard.origins[currentPage];
  const ox0 = origin?.x;
  const oy0 = origin?.y;
  // The guides marked (none while they are hidden: no `onGuideDown`).
  const guides = onGuideDown ? issue.pages[currentPage]?.guides : undefined;
  useEffect(() => {
    const el = viewport.current;
    const tpl = templateId ? templates.get(templateId) : undefined;
    const o = ox0 === undefined || oy0 === undefined ? undefined : { x: ox0, y: oy0 };
    if (!el || !o || !top.current || !left.current) return;
    // Page top-left in viewport px.
    const ox = o.x - el.scrollLeft;
    const oy = o.y - el.scrollTop;
    const dpr = window.devicePixelRatio || 1;
    const draw = (c: HTMLCanvasElement, length: number, horizontal: boolean) => {
      c.width = Math.max(1, Math.round((horizontal ? length : RULER) * dpr));
      c.height = Math.max(1, Math.round((horizontal ? RULER : length) * dpr));
      c.style.width = `${horizontal ? length : RULER}px`;
      c.style.height = `${horizontal ? RULER : length}px`;
      const g = c.getContext('2d');
      if (!g) return;
      // The vertical ruler is drawn in the same (along, across) coordinates, transposed.
      if (horizontal) g.setTransform(dpr, 0, 0, dpr, 0, 0);
      else g.setTransform(0, dpr, dpr, 0, 0, 0);
      g.fillStyle = '#f3f3f1';
      g.fillRect(0, 0, length, RULER);
      g.strokeStyle = '#8a8a86';
      g.fillStyle = '#45453f';
      g.font = '9px system-ui, sans-serif';
      g.lineWidth = 1;
      const origin = horizontal ? ox : oy;
      const mark = (pos: number, h: number, text?: string) => {
        const v = Math.round(pos) + 0.5;
        if (v < 0 || v > length) return;
        g.beginPath();
        g.moveTo(v, RULER);
        g.lineTo(v, RULER - h);
        g.stroke();
        if (!text) return;
        if (horizontal) g.fillText(text, v + 2, 9);
        else {
          g.save();
          g.setTransform(dpr, 0, 0, dpr, 0, 0);
          g.fillText(text, 1, v + 10);
          g.restore();
        }
      };
      if (unit === 'mm' || !tpl) {
        const pxPerMm = mmToPt(1) * scale;
        const step = pxPerMm >= 6 ? 1 : pxPerMm >= 1.2 ? 5 : 10;
        const labelEvery = pxPerMm * 10 >= 28 ? 10 : pxPerMm * 50 >= 28 ? 50 : 100;
        const from = Math.floor(-origin / pxPerMm / step) * step;
        const to = (length - origin) / pxPerMm;
        for (let mm = from; mm <= to; mm += step) {
          const pos = origin + mm * pxPerMm;
          mark(pos, mm % labelEvery === 0 ? 12 : mm % 5 === 0 ? 7 : 4, mm % labelEvery === 0 ? String(mm) : undefined);
        }
      } else if (horizontal) {
        // Characters across each column, the column number at its left edge.
        for (let c = 0; c < tpl.columns; c++) {
          const x0 = tpl.columnX(c);
          const chars = Math.round(tpl.columnWidth / tpl.em);
          for (let k = 0; k <= chars; k++) mark(origin + (x0 + k * tpl.em) * scale, k === 0 || k === chars ? 12 : k % 5 === 0 ? 7 : 3, k === 0 ? t('canvas.column', { n: c + 1 }) : undefined);
        }
      } else {
        for (let l = 0; l <= tpl.lines; l++) {
          const y = tpl.lineTop(l);
          mark(origin + y * scale, l % 10 === 0 ? 12 : l % 5 === 0 ? 7 : 3, l % 10 === 0 && l < tpl.lines ? String(l + 1) : undefined);
        }
      }
      if (tpl && guides) {
        g.fillStyle = '#00a5c8';
        for (const gd of guides) {
          if (gd.axis !== (horizontal ? 'x' : 'y') || !guideInGrid(tpl, gd)) continue;
          const v = Math.round(origin + guidePos(tpl, gd) * scale);
          if (v >= 0 && v <= length) g.fillRect(v - 1, RULER - 8, 2, 8);
        }
      }
    };
    draw(top.current, el.clientWidth, true);
    draw(left.current, el.clientHeight, false);
  }, [templateId, ox0, oy0, templates, scale, unit, tick, viewport, t, guides]);

  return (
    <>
      <button
        type="button"
        className="bs-ws-ruler-corner"
        title={unit === 'mm' ? t('canvas.rulerGrid') : t('canvas.rulerMm')}
        onClick={() => setUnit(unit === 'mm' ? 'grid' : 'mm')}
        data-testid="ruler-unit"
      >
        {unit === 'mm' ? 'mm' : '字'}
      </button>
      <canvas ref={top} className="bs-ws-ruler bs-ws-ruler-top" data-testid="ruler-top" style={onGuideDown ? { cursor: 'row-resize' } : undefined} onPointerDown={onGuideDown && ((e) => onGuideDown('y', e))} />
      <canvas ref={left} className="bs-ws-ruler bs-ws-ruler-left" data-testid="ruler-left" style={onGuideDown ? { cursor: 'col-resize' } : undefined} onPointerDown={onGuideDown && ((e) => onGuideDown('x', e))} />
    </>
  );
}
