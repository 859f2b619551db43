import type { GlyphRunItem } from '../../core/display/types.js';

/**
 * A glyph run as SVG text: the characters and one x per character, so the browser draws each
 * glyph at the composer's position and never lays out the line itself. A glyph standing for
 * several characters (a ligature) spreads its characters over its advance; a glyph whose
 * `chars` is '' continues the previous one and adds nothing — except at the end of a run,
 * where '' is the hyphen the typesetter added at a line break (it stands for no source text).
 */
export interface SvgTextRun {
  text: string;
  /** One x per code point of `text`, in the run's own coordinates (divided by hscale). */
  xs: number[];
}

export function svgTextRun(run: GlyphRunItem): SvgTextRun {
  const scale = run.hscale && run.hscale > 0 ? run.hscale : 1;
  let text = '';
  const xs: number[] = [];
  const n = run.glyphs.length;
  for (let i = 0; i < n; i++) {
    const chars = [...(run.chars[i] || (i === n - 1 && i > 0 ? '-' : ''))];
    if (!chars.length) continue;
    const x0 = run.xs[i];
    // The next placed glyph bounds a ligature's span; the last one spans about one em per character.
    let next = i + 1;
    while (next < n && !run.chars[next]) next++;
    const x1 = next < n ? run.xs[next] : x0 + run.size * 0.5 * chars.length;
    chars.forEach((ch, k) => {
      text += ch;
      xs.push((x0 + ((x1 - x0) * k) / chars.length) / scale);
    });
  }
  return { text, xs };
}

/** Rounds to 1/100 pt: enough for any zoom, and keeps the DOM small. */
export const r2 = (v: number) => Math.round(v * 100) / 100;
