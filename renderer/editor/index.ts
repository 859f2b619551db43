export { mountStoryEditor, type StoryEditor, type StoryEditorOptions } from './mount.js';
export type { LineTable, PlacedLine, PlacedRun, PlacedGlyph } from './line-table.js';
export type { FontCss, RenderContext } from './render-context.js';
export { caretX, lineIndexAt, moveHorizontal, moveVertical, posAtX, type Caret, type CaretSide } from './caret.js';
export { findInDoc, findInStories, replaceAllInStories, replaceMatches, type FindMatch, type FindOptions } from './find.js';
export { cleanHtml, cleanSlice, cleanText, plainTextSlice, splitPlainText } from './paste.js';
export { lineTableKey, lineTableState, type LineTableState } from './line-table-plugin.js';
export { lineTableFromStoryLayout } from './from-compose.js';
export { characterStyleActive, setParagraphStyle, toggleCharacterStyle } from './commands.js';
