/* @jsxRuntime automatic @jsxImportSource react -- also when tsx (the test runner) compiles this file */
import { memo, useId, type ReactElement } from 'react';
import type { DisplayItem, DisplayPage, FontKey } from '../../core/display/types.js';
import { cmykToCss } from './color.js';
import { r2, svgTextRun } from './glyphs.js';

/**
 * The screen painter: one display page (core/display) as SVG in page points. Glyph runs are
 * drawn with the very font files the composer measured (registered by family and weight),
 * each character at the composer's x; rules, boxes and clipped images as the PDF painter
 * draws them. Colours are CMYK converted for the screen.
 */
export interface PageSvgProps {
  page: DisplayPage;
  /** CSS px per pt. */
  scale: number;
  fonts: Record<FontKey, { family: string; weight: number }>;
  /** URL of an issue asset (photo) by asset id. */
  assetUrl: (assetId: string) => string;
  /** Leave out the glyph runs of this story (the story editor draws it). */
  hideStoryId?: string;
  /** Accessible name of the page, e.g. "第1版". */
  label: string;
  /** Drawn above the page items (grid overlay). */
  overlay?: ReactElement | null;
  /** Class of the svg element (default bs-page; thumbnails take another, so "the pages" stay the pages). */
  className?: string;
}

function item(it: DisplayItem, i: number, p: PageSvgProps, uid: string): ReactElement | null {
  switch (it.kind) {
    case 'glyphs': {
      if (p.hideStoryId && it.storyId === p.hideStoryId) return null;
      const { text, xs } = svgTextRun(it);
      if (!text) return null;
      const font = p.fonts[it.font];
      const scale = it.hscale && it.hscale > 0 && it.hscale !== 1 ? it.hscale : undefined;
      return (
        <text
          key={i}
          x={xs.map(r2).join(' ')}
          y={r2(it.y)}
          transform={scale ? `scale(${scale} 1)` : undefined}
          fontFamily={font ? `"${font.family}"` : undefined}
          fontWeight={font?.weight}
          fontSize={it.size}
          fill={cmykToCss(it.fill)}
          data-font={it.font}
          data-story={it.storyId}
        >
          {text}
        </text>
      );
    }
    case 'rule':
      return <line key={i} x1={r2(it.x1)} y1={r2(it.y1)} x2={r2(it.x2)} y2={r2(it.y2)} stroke={cmykToCss(it.color)} strokeWidth={it.width} strokeDasharray={it.dash?.join(' ')} />;
    case 'box':
      return (
        <rect
          key={i}
          x={r2(it.x)}
          y={r2(it.y)}
          width={r2(it.w)}
          height={r2(it.h)}
          fill={it.fill ? cmykToCss(it.fill) : 'none'}
          stroke={it.stroke ? cmykToCss(it.stroke) : undefined}
          strokeWidth={it.stroke ? (it.strokeWidth ?? 0.5) : undefined}
        />
      );
    case 'image': {
      // Ids are per page instance: several pages (and thumbnails) share one document.
      const clip = `${uid}-clip-${i}`;
      return (
        <g key={i} data-asset={it.assetId}>
          <clipPath id={clip}>
            <rect x={r2(it.x)} y={r2(it.y)} width={r2(it.w)} height={r2(it.h)} />
          </clipPath>
          <rect x={r2(it.x)} y={r2(it.y)} width={r2(it.w)} height={r2(it.h)} fill="#d9d9d9" />
          <image clipPath={`url(#${clip})`} href={p.assetUrl(it.assetId)} x={r2(it.ix)} y={r2(it.iy)} width={r2(it.iw)} height={r2(it.ih)} preserveAspectRatio="none" />
        </g>
      );
    }
    default:
      return null;
  }
}

const SVG_TEXT_STYLE = { whiteSpace: 'pre', fontKerning: 'none', fontVariantLigatures: 'none' } as const;

/** One page as SVG; re-renders only when its display page, scale or fonts change. */
export const PageSvg = memo(function PageSvg(p: PageSvgProps) {
  const { page, scale } = p;
  const uid = 'bs' + useId().replace(/[^\w-]/g, '');
  return (
    <svg
      className={p.className ?? 'bs-page'}
      role="img"
      aria-label={p.label}
      data-page={page.number}
      viewBox={`0 0 ${r2(page.width)} ${r2(page.height)}`}
      width={Math.round(page.width * scale)}
      height={Math.round(page.height * scale)}
      xmlns="http://www.w3.org/2000/svg"
      // Every character has its own x: the browser must not collapse spaces, kern or ligate.
      style={SVG_TEXT_STYLE}
    >
      <rect width={page.width} height={page.height} fill="#fff" />
      {page.items.map((it, i) => item(it, i, p, uid))}
      {p.overlay}
    </svg>
  );
});
