/** The screen painter: display pages (core/display) as SVG. */
export { PageSvg, type PageSvgProps } from './page-svg.js';
export { GridOverlay } from './grid.js';
export { cmykToCss, cmykToRgb } from './color.js';
export { svgTextRun, type SvgTextRun } from './glyphs.js';
