import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { DecorationSet, EditorView } from 'prosemirror-view';
import type { Caret, CaretSide } from './caret.js';
import { buildDecorations } from './decorations.js';
import type { LineTable } from './line-table.js';
import type { RenderContext } from './render-context.js';

/** What the layout plugin keeps: the line table, the decorations made from it, and the caret's side. */
export interface LayoutState {
  table: LineTable;
  decos: DecorationSet;
  /** False once the document moved on without a new layout (while an input method composes). */
  current: boolean;
  /** The caret the editor's own movement last set, with the side it is drawn on. */
  caret: Caret | null;
  /** Column-relative x kept across consecutive up/down moves. */
  goal: number | undefined;
}

/** Transaction metadata the plugin understands. */
export interface LayoutMeta {
  /** A fresh layout of the transaction's document. */
  table?: LineTable;
  /** Rebuild the decorations from the current table (zoom or fonts changed). */
  restyle?: boolean;
  /** The caret after an editor-driven move. */
  caret?: Caret;
  goal?: number;
}

export const layoutKey = new PluginKey<LayoutState>('bs-layout');

/** Layout state of an editor state (the plugin must be installed). */
export function layoutState(state: EditorState): LayoutState {
  const s = layoutKey.getState(state);
  if (!s) throw new Error('the layout plugin is not installed');
  return s;
}

/** Sets layout metadata on a transaction. */
export function setLayoutMeta(tr: Transaction, meta: LayoutMeta): Transaction {
  return tr.setMeta(layoutKey, { ...(tr.getMeta(layoutKey) as LayoutMeta | undefined), ...meta });
}

/**
 * The plugin that places a story's text where the composer put it. The decoration set lives
 * in plugin state: a new layout rebuilds it, any other change maps it (while an input method
 * composes, the layout is frozen and only mapped — design.md "Editing on the page").
 */
export function layoutPlugin(initial: LineTable, ctx: () => RenderContext): Plugin<LayoutState> {
  return new Plugin<LayoutState>({
    key: layoutKey,
    state: {
      init: (_, state) => ({ table: initial, decos: buildDecorations(state.doc, initial, ctx()), current: true, caret: null, goal: undefined }),
      apply(tr, prev, _old, state): LayoutState {
        const meta = tr.getMeta(layoutKey) as LayoutMeta | undefined;
        let next: LayoutState = prev;
        if (meta?.table) next = { ...next, table: meta.table, decos: buildDecorations(state.doc, meta.table, ctx()), current: true };
        else if (meta?.restyle) next = { ...next, decos: buildDecorations(state.doc, next.table, ctx()) };
        else if (tr.docChanged) next = { ...next, decos: next.decos.map(tr.mapping, tr.doc), current: false };
        if (meta?.caret) next = { ...next, caret: meta.caret, goal: meta.goal };
        else if (tr.selectionSet || tr.docChanged) next = next.caret || next.goal !== undefined ? { ...next, caret: null, goal: undefined } : next;
        return next;
      },
    },
    props: {
      decorations: (state) => layoutKey.getState(state)?.decos,
    },
    view: () => ({
      update(view, prevState) {
        const s = layoutState(view.state);
        if (s.caret && s.caret !== layoutKey.getState(prevState)?.caret) drawCaretOnSide(view, s.caret.pos, s.caret.side);
      },
    }),
  });
}

/**
 * Puts the DOM caret on the chosen side of a soft line break. ProseMirror draws a position
 * shared by two pieces at the end of the earlier one; after Home, a right arrow onto the
 * next line and the like it must stand at the start of the later one.
 */
function drawCaretOnSide(view: EditorView, pos: number, side: CaretSide): void {
  const sel = view.state.selection;
  if (!sel.empty || sel.head !== pos || !view.hasFocus()) return;
  const { node, offset } = view.domAtPos(pos, side);
  const domSel = (view.root as Document).getSelection?.() ?? document.getSelection();
  if (!domSel) return;
  if (domSel.focusNode === node && domSel.focusOffset === offset && domSel.isCollapsed) return;
  domSel.collapse(node, offset);
}

/** The layout that is current for this document, or null while it is frozen. */
export function currentTable(state: EditorState): LineTable | null {
  const s = layoutState(state);
  return s.current ? s.table : null;
}
