import { EMPTY_CLASS, PIECE_CLASS } from './decorations.js';

/** Class of the editor root. */
export const EDITOR_CLASS = 'bs-editor';

/**
 * The editor's style sheet. Textblocks take no room (margin 0, height 0): every piece of text
 * is absolutely positioned by its decoration. On the root, Chromium's own CJK spacing is
 * switched off — its default text-spacing-trim squeezes adjacent full-width punctuation and
 * shifts text by half an em, and autospace would add ⅛ em between Han and Latin
 * (cjk-typesetting.md §3.2) — the composer already decided every gap. Text with no place
 * (overset) has font-size 0: it is in the document but not on the page. Each textblock is
 * the containing block of its pieces (at the root's origin, being 0 high) with layout
 * containment, so a keystroke lays out one paragraph's pieces, not the story's.
 */
export const EDITOR_CSS = `
.${EDITOR_CLASS} { position: relative; outline: none; white-space: pre-wrap; word-wrap: normal;
  font-size: 0; line-height: 0; color: #000; caret-color: #000;
  text-spacing-trim: space-all; font-kerning: none; text-autospace: no-autospace;
  font-variant-ligatures: none; font-synthesis: none; -webkit-font-smoothing: antialiased; }
.${EDITOR_CLASS} > * { margin: 0; padding: 0; height: 0; border: 0; font-size: 0; line-height: 0; position: relative; contain: layout; }
.${EDITOR_CLASS} figure > * { margin: 0; height: 0; overflow: visible; }
.${EDITOR_CLASS} .photo { display: none; }
.${EDITOR_CLASS} .${PIECE_CLASS}, .${EDITOR_CLASS} .${EMPTY_CLASS} { position: absolute; white-space: pre; margin: 0; padding: 0; }
.${EDITOR_CLASS} strong, .${EDITOR_CLASS} em { font: inherit; }
.${EDITOR_CLASS} .ProseMirror-trailingBreak { line-height: inherit; }
.${EDITOR_CLASS} .ProseMirror-gapcursor { display: none; }
`;

/** Adds the style sheet to a document once. */
export function installEditorCss(doc: Document): void {
  installStyleSheet(doc, 'bs-editor-css', EDITOR_CSS);
}

/** Adds a style sheet (a <style> element with this id) to a document once. */
export function installStyleSheet(doc: Document, id: string, css: string): void {
  if (doc.getElementById(id)) return;
  const style = doc.createElement('style');
  style.id = id;
  style.textContent = css;
  doc.head.append(style);
}
