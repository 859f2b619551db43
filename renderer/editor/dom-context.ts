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
  let probe: HTMLSpanElement | null = null;
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
      const id = `${key}|${sizePx}|${char}`;
      let v = cache.get(id);
      if (v === undefined) {
        // Measured in a span like the pieces, not on a canvas: canvas text takes other
        // OpenType defaults (Noto's digits come out tabular there, proportional in spans).
        probe ??= document.body.appendChild(document.createElement('span'));
        const f = fontCss(key);
        probe.style.cssText = `position:absolute;left:0;top:0;visibility:hidden;white-space:pre;font-kerning:none;font-variant-ligatures:none;text-spacing-trim:space-all;text-autospace:no-autospace;font-family:"${f.family}";font-weight:${f.weight};font-style:${f.style ?? 'normal'};font-size:${sizePx}px`;
        probe.textContent = char;
        v = probe.getBoundingClientRect().width;
        cache.set(id, v);
      }
      return v;
    },
    clearCache: () => cache.clear(),
  };
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
