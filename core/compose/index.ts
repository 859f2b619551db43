/** Page composition: an issue's pages (template + frames) into display pages, story line tables and diagnostics. */
export type * from './types.js';
