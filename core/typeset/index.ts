/** The typesetting engine: a paragraph of styled runs into lines, by cjk-typesetting.md §1. */
export { typesetParagraph } from './paragraph.js';
export { charClass, Cls, noLineEndMask, noLineStartMask } from './classes.js';
export { bodyStyle } from './styles.js';
export type * from './types.js';
