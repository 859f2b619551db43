/** Lengths in the document model and display list are PostScript points (1/72 in). */
export type Pt = number;

/** Millimetres per point. */
export const MM_PER_PT = 25.4 / 72;

/** Converts millimetres to points. */
export function mmToPt(mm: number): Pt {
  return (mm * 72) / 25.4;
}

/** Converts points to millimetres. */
export function ptToMm(pt: Pt): number {
  return (pt * 25.4) / 72;
}

/** Chinese type sizes (号) in points, after clreq §2.3 / ctex (see cjk-typesetting.md §1.10). */
export const HAO_SIZES: ReadonlyArray<{ label: string; pt: Pt }> = [
  { label: '初号', pt: 42 },
  { label: '小初', pt: 36 },
  { label: '一号', pt: 26 },
  { label: '小一', pt: 24 },
  { label: '二号', pt: 22 },
  { label: '小二', pt: 18 },
  { label: '三号', pt: 16 },
  { label: '小三', pt: 15 },
  { label: '四号', pt: 14 },
  { label: '小四', pt: 12 },
  { label: '五号', pt: 10.5 },
  { label: '小五', pt: 9 },
  { label: '六号', pt: 7.5 },
  { label: '小六', pt: 6.5 },
  { label: '七号', pt: 5.5 },
  { label: '八号', pt: 5 },
];

/** The 号 label of a size in points, or undefined when the size has none. */
export function haoLabel(pt: Pt): string | undefined {
  return HAO_SIZES.find((h) => Math.abs(h.pt - pt) < 1e-6)?.label;
}
