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

/**
 * A type size as an editor types it: a 号 name (初号 … 八号, 小五) or points (“36”, “10.5pt”,
 * “9 磅”); undefined when it is neither.
 */
export function parseTypeSize(text: string): Pt | undefined {
  const t = text.trim().replace(/（.*）|\(.*\)/g, '').trim();
  const bare = (x: string) => x.replace(/号$/, '');
  const hao = t ? HAO_SIZES.find((h) => bare(h.label) === bare(t)) : undefined;
  if (hao) return hao.pt;
  const m = /^(\d+(?:\.\d+)?)\s*(?:pt|磅|p)?$/i.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** A size as the inspector shows it: “36（小初）”, or just the points when no 号 has that size. */
export function typeSizeLabel(pt: Pt): string {
  const hao = haoLabel(pt);
  return hao ? `${pt}（${hao}）` : String(pt);
}
