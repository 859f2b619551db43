import type { Cmyk } from '../../core/display/types.js';

/**
 * CMYK (percent ink) to a screen colour. A naive, device-independent conversion — the page
 * on screen is a proof for layout, not for colour; the PDF keeps the CMYK values.
 */
export function cmykToRgb({ c, m, y, k }: Cmyk): [number, number, number] {
  const K = 1 - k / 100;
  const ch = (v: number) => Math.round(255 * (1 - v / 100) * K);
  return [ch(c), ch(m), ch(y)];
}

/** The CSS colour of a CMYK value: `rgb(r g b)`. */
export function cmykToCss(cmyk: Cmyk): string {
  const [r, g, b] = cmykToRgb(cmyk);
  return `rgb(${r} ${g} ${b})`;
}
