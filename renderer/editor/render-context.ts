import type { FontKey } from '../../core/display/types.js';

/**
 * How page points become CSS pixels inside the editor root, and how a font key is drawn.
 * The workspace owns zoom and where pages sit; the editor only follows.
 */
export interface RenderContext {
  /** CSS pixels per point (100 % zoom = 96 / 72). */
  scale: number;
  /** Top-left corner of a page (by index in the issue) in CSS pixels from the editor root's origin. */
  pageOrigin(pageIndex: number): { x: number; y: number };
  /** CSS font of a face key. */
  fontCss(key: FontKey): FontCss;
  /**
   * Distance in CSS pixels from the top of an absolutely positioned span to its baseline,
   * for this font at this size and line height (measured once in the DOM, then cached).
   */
  baselineOffset(key: FontKey, sizePx: number, lineHeightPx: number): number;
  /** Natural advance in CSS pixels of a character in this font and size, without kerning (measured in the DOM). */
  naturalAdvance?(key: FontKey, sizePx: number, char: string): number;
}

export interface FontCss {
  family: string;
  weight: number;
  style?: 'normal' | 'italic';
}

/** The font faces of assets/fonts.json by key: family from the key's stem, weight from its suffix. */
export function defaultFontCss(key: FontKey): FontCss {
  const [stem, weight] = key.split('-');
  const family = stem === 'sans' ? 'Noto Sans SC' : stem === 'serif' ? 'Noto Serif SC' : stem;
  const weights: Record<string, number> = { light: 300, medium: 500, semibold: 600, bold: 700, black: 900 };
  return { family, weight: weights[weight ?? ''] ?? 400 };
}
