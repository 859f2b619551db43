import { useCallback, useLayoutEffect, useState, type MutableRefObject } from 'react';
import type { Issue } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { PASTEBOARD_GAP, templateFor } from './pasteboard.js';

/**
 * The canvas zoom: a zoom factor (1 = 100 %, one CSS px per 0.75 pt), or a fit mode that
 * follows the viewport's size and the current page. Zooming keeps the anchor (the pointer, or
 * the viewport's centre) where it was.
 */

/** CSS px per pt at 100 %. */
export const PX_PER_PT = 96 / 72;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];

export type ZoomMode = 'fit-page' | 'fit-width' | null;

export interface ZoomOptions {
  viewport: MutableRefObject<HTMLDivElement | null>;
  issue: Issue;
  currentPage: number;
  templates: TemplateRegistry;
  spreads: boolean;
}

/** The zoom step after (or before) `zoom` on the zoom menu's steps. */
export function nextZoomStep(zoom: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-3) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-3) ?? MIN_ZOOM;
}

export function useZoom(o: ZoomOptions) {
  const [zoom, setZoom] = useState(1);
  const [zoomMode, setZoomMode] = useState<ZoomMode>('fit-page');
  const { viewport, issue, currentPage, templates, spreads } = o;
  const fitZoom = useCallback(
    (mode: Exclude<ZoomMode, null>) => {
      const el = viewport.current;
      const page = issue.pages[currentPage];
      const tpl = page && templateFor(templates, page.templateId);
      if (!el || !tpl) return 1;
      const w = (el.clientWidth - 2 * PASTEBOARD_GAP) / (tpl.pageWidth * PX_PER_PT * (spreads ? 2 : 1));
      const h = (el.clientHeight - 2 * PASTEBOARD_GAP) / (tpl.pageHeight * PX_PER_PT);
      return Math.max(MIN_ZOOM / 2, Math.min(MAX_ZOOM, mode === 'fit-page' ? Math.min(w, h) : w));
    },
    [viewport, issue, currentPage, templates, spreads],
  );
  const zoomTo = useCallback(
    (z: number, anchor?: { clientX: number; clientY: number }) => {
      const el = viewport.current;
      const next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
      setZoomMode(null);
      setZoom((old) => {
        if (el && old !== next) {
          const r = el.getBoundingClientRect();
          const ax = anchor ? anchor.clientX - r.left : el.clientWidth / 2;
          const ay = anchor ? anchor.clientY - r.top : el.clientHeight / 2;
          const cx = el.scrollLeft + ax;
          const cy = el.scrollTop + ay;
          requestAnimationFrame(() => {
            el.scrollLeft = (cx * next) / old - ax;
            el.scrollTop = (cy * next) / old - ay;
          });
        }
        return next;
      });
    },
    [viewport],
  );
  // Before paint (a layout effect): the first page is painted at the zoom it fits at, not at 100 % first.
  useLayoutEffect(() => {
    if (!zoomMode) return;
    const fit = () => setZoom(fitZoom(zoomMode));
    fit();
    const el = viewport.current;
    if (!el) return;
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [zoomMode, fitZoom, viewport]);
  const stepZoom = useCallback((dir: 1 | -1) => zoomTo(nextZoomStep(zoom, dir)), [zoom, zoomTo]);
  return { zoom, zoomMode, setZoomMode, zoomTo, stepZoom };
}
