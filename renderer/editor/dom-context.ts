import type { FontKey } from '../../core/display/types.js';
import { defaultFontCss, type FontCss, type RenderContext } from './render-context.js';

/**
 * The render context in a real document: baseline offsets are measured once per font, size
 * and line height with a probe span (no font metrics needed in the renderer), then cached.
 * The cache is dropped when web fonts finish loading, because until then the fallback's
 * metrics were measured.
 */
export function domRenderContext(opts: {
  scale: number;
  pageOrigin?: (pageIndex: number) => { x: number; y: number };
  fontCss?: (key: FontKey) => FontCss;
}): RenderContext & { clearCache(): void } {
  const cache = new Map<string, number>();
  const fontCss = opts.fontCss ?? defaultFontCss;
  return {
    scale: opts.scale,
    pageOrigin: opts.pageOrigin ?? (() => ({ x: 0, y: 0 })),
    fontCss,
    baselineOffset(key, sizePx, lineHeightPx) {
      const id = `${key}|${sizePx}|${lineHeightPx}`;
      let v = cache.get(id);
      if (v === undefined) {
        v = measureBaseline(fontCss(key), sizePx, lineHeightPx);
        cache.set(id, v);
      }
      return v;
    },
    naturalAdvance(key, sizePx, char) {
      const f = fontCss(key);
      const font = `${f.family}|${f.weight}|${f.style ?? 'normal'}|${sizePx}`;
      let v = advances.get(font)?.get(char);
      if (v === undefined) {
        measureAdvances(f, sizePx, font, char);
        v = advances.get(font)!.get(char)!;
      }
      return v;
    },
    clearCache: () => {
      cache.clear();
      advances.clear();
    },
  };
}

/**
 * Natural advances (CSS px) by font (family, weight, style, size) and character, shared by every
 * editor mounted (a story editor is mounted per click) and dropped when web fonts finish loading.
 */
const advances = new Map<string, Map<string, number>>();

/** Printable ASCII and the CJK punctuation of body text: measured together the first time a font is asked (one layout, not one per character). */
const COMMON = [...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)), ...'，。、；：？！“”‘’（）《》〈〉【】—…·「」『』'];

/**
 * Measures `char` (and, the first time for the font, the common Latin characters with it) in
 * spans like the pieces, not on a canvas: canvas text takes other OpenType defaults (Noto's
 * digits come out tabular there, proportional in spans). All spans are read after one layout.
 */
function measureAdvances(f: FontCss, sizePx: number, font: string, char: string): void {
  let known = advances.get(font);
  if (!known) advances.set(font, (known = new Map()));
  const chars = known.size ? [char] : [...new Set([char, ...COMMON])];
  const box = document.createElement('div');
  box.style.cssText = `position:absolute;left:0;top:0;visibility:hidden;white-space:pre;font-kerning:none;font-variant-ligatures:none;text-spacing-trim:space-all;text-autospace:no-autospace;font-family:"${f.family}";font-weight:${f.weight};font-style:${f.style ?? 'normal'};font-size:${sizePx}px`;
  const spans = chars.map((c) => {
    const span = document.createElement('span');
    span.style.cssText = 'position:absolute;left:0;top:0';
    span.textContent = c;
    return span;
  });
  box.append(...spans);
  document.body.append(box);
  spans.forEach((span, i) => known.set(chars[i], span.getBoundingClientRect().width));
  box.remove();
}

function measureBaseline(f: FontCss, sizePx: number, lineHeightPx: number): number {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;left:0;top:0;visibility:hidden;white-space:pre;font-family:"${f.family}";font-weight:${f.weight};font-style:${f.style ?? 'normal'};font-size:${sizePx}px;line-height:${lineHeightPx}px;height:${lineHeightPx}px`;
  const mark = document.createElement('span');
  mark.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline';
  probe.append('国', mark);
  document.body.append(probe);
  const v = mark.getBoundingClientRect().bottom - probe.getBoundingClientRect().top;
  probe.remove();
  return v;
}
