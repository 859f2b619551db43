import type { DisplayItem } from '../display/types.js';
import type { PhotoFrame } from '../model/issue.js';
import type { Box } from '../templates/index.js';
import type { Pt } from '../units.js';

// Photos (cjk-typesetting.md §2.3): an image fitted or filled into its box, cropped by the
// box, the focal point kept in view; a grey placeholder with a cross while the image is
// missing.

/** Pixel size of an image. */
export interface PixelSize {
  widthPx: number;
  heightPx: number;
}

/** Where the whole image goes for a box: inside it (fit) or covering it (fill, cropped by the box). */
export function placeImage(box: Box, px: PixelSize, fit: 'fit' | 'fill', focus = { x: 0.5, y: 0.5 }, zoom = 1): { ix: Pt; iy: Pt; iw: Pt; ih: Pt } {
  const sx = box.w / px.widthPx;
  const sy = box.h / px.heightPx;
  if (fit === 'fit') {
    const s = Math.min(sx, sy);
    const iw = px.widthPx * s;
    const ih = px.heightPx * s;
    return { ix: box.x + (box.w - iw) / 2, iy: box.y + (box.h - ih) / 2, iw, ih };
  }
  const s = Math.max(sx, sy) * Math.max(1, zoom);
  const iw = px.widthPx * s;
  const ih = px.heightPx * s;
  // Put the focal point at the box centre, then keep the image covering the box.
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const ix = clamp(box.x + box.w / 2 - focus.x * iw, box.x + box.w - iw, box.x);
  const iy = clamp(box.y + box.h / 2 - focus.y * ih, box.y + box.h - ih, box.y);
  return { ix, iy, iw, ih };
}

/** Effective resolution of an image drawn `iw` points wide, in pixels per inch. */
export function effectivePpi(px: PixelSize, iw: Pt): number {
  return px.widthPx / (iw / 72);
}

const PLACEHOLDER_FILL = { c: 0, m: 0, y: 0, k: 8 };
const PLACEHOLDER_LINE = { c: 0, m: 0, y: 0, k: 40 };

/** The image of a photo frame in `box`, or a placeholder when its pixels are unknown. */
export function imageItems(frame: Pick<PhotoFrame, 'assetId' | 'fit' | 'focus' | 'zoom'>, box: Box, px: PixelSize | undefined, out: DisplayItem[]): { ppi?: number } {
  if (frame.assetId && px) {
    const p = placeImage(box, px, frame.fit ?? 'fill', frame.focus, frame.zoom);
    out.push({ kind: 'image', assetId: frame.assetId, x: box.x, y: box.y, w: box.w, h: box.h, ...p });
    return { ppi: effectivePpi(px, p.iw) };
  }
  out.push({ kind: 'box', ...box, fill: PLACEHOLDER_FILL, stroke: PLACEHOLDER_LINE, strokeWidth: 0.5 });
  out.push({ kind: 'rule', x1: box.x, y1: box.y, x2: box.x + box.w, y2: box.y + box.h, width: 0.5, color: PLACEHOLDER_LINE });
  out.push({ kind: 'rule', x1: box.x, y1: box.y + box.h, x2: box.x + box.w, y2: box.y, width: 0.5, color: PLACEHOLDER_LINE });
  return {};
}
