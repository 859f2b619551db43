import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { DecorationSet, EditorView } from 'prosemirror-view';
import type { Caret, CaretSide } from './caret.js';
import { Decoration, DecorationSet as DecoSet } from 'prosemirror-view';
import type { Mapping } from 'prosemirror-transform';
import type { Node as PMNode } from 'prosemirror-model';
import { lineDecorations, lineOrigins, naturalFrom, originVars, type LineDecoSpec } from './decorations.js';
import { matchLines } from './line-match.js';
import type { LineTable } from './line-table.js';
import type { RenderContext } from './render-context.js';

/** What the line-table plugin keeps: the line table, the decorations made from it, and the caret's side. */
export interface LineTableState {
  table: LineTable;
  decos: DecorationSet;
  /** Key of every line of the table (names its origin variables and tags its decorations). */
  keys: number[];
  nextKey: number;
  /** Each line key's origin on the page ("x y" in CSS px), set on the editor root as --bxK / --byK. */
  origins: Map<number, string>;
  /** False once the document moved on without a new layout (while an input method composes). */
  current: boolean;
  /** The caret the editor's own movement last set, with the side it is drawn on. */
  caret: Caret | null;
  /** Column-relative x kept across consecutive up/down moves. */
  goal: number | undefined;
}

/** Transaction metadata the plugin understands. */
export interface LineTableMeta {
  /** A fresh layout of the transaction's document. */
  table?: LineTable;
  /** Rebuild the decorations from the current table (zoom or fonts changed). */
  restyle?: boolean;
  /** The caret after an editor-driven move. */
  caret?: Caret;
  goal?: number;
}

export const lineTableKey = new PluginKey<LineTableState>('bs-line-table');

/** Layout state of an editor state (the plugin must be installed). */
export function lineTableState(state: EditorState): LineTableState {
  const s = lineTableKey.getState(state);
  if (!s) throw new Error('the line-table plugin is not installed');
  return s;
}

/** Sets layout metadata on a transaction. */
export function setLineTableMeta(tr: Transaction, meta: LineTableMeta): Transaction {
  return tr.setMeta(lineTableKey, { ...(tr.getMeta(lineTableKey) as LineTableMeta | undefined), ...meta });
}

/**
 * The plugin that places a story's text where the composer put it. The decoration set lives
 * in plugin state: a new layout rebuilds it, any other change maps it (while an input method
 * composes, the layout is frozen and only mapped — design.md "Editing on the page").
 */
export function lineTablePlugin(initial: LineTable, ctx: () => RenderContext): Plugin<LineTableState> {
  return new Plugin<LineTableState>({
    key: lineTableKey,
    state: {
      init: (_, state) => ({ ...relayout(state.doc, null, initial, null, ctx()), current: true, caret: null, goal: undefined }),
      apply(tr, prev, _old, state): LineTableState {
        const meta = tr.getMeta(lineTableKey) as LineTableMeta | undefined;
        let next: LineTableState = prev;
        if (meta?.table) next = { ...next, ...relayout(state.doc, meta.restyle ? null : prev, meta.table, tr.docChanged ? tr.mapping : null, ctx()), current: true };
        else if (meta?.restyle) next = { ...next, ...relayout(state.doc, null, next.table, null, ctx()) };
        else if (tr.docChanged) next = { ...next, decos: next.decos.map(tr.mapping, tr.doc), current: false };
        if (meta?.caret) next = { ...next, caret: meta.caret, goal: meta.goal };
        else if (tr.selectionSet || tr.docChanged) next = next.caret || next.goal !== undefined ? { ...next, caret: null, goal: undefined } : next;
        return next;
      },
    },
    props: {
      decorations: (state) => lineTableKey.getState(state)?.decos,
    },
    view: (view) => {
      // Origin variables go on the root's inline style (ProseMirror ignores attribute changes
      // on its root), written in one assignment: each property set separately restyles the root.
      let seen: Map<number, string> | null = null;
      let written = '';
      const write = () => {
        const { origins } = lineTableState(view.state);
        if (origins === seen) return;
        const same = seen !== null && seen.size === origins.size && [...origins].every(([k, v]) => seen!.get(k) === v);
        seen = origins;
        if (same) return;
        let css = '';
        for (const [k, v] of origins) {
          const [x, y] = v.split(' ');
          const [vx, vy] = originVars(k);
          css += `${vx}:${x};${vy}:${y};`;
        }
        if (css !== written) (view.dom as HTMLElement).style.cssText = written = css;
      };
      write();
      return {
        update(view, prevState) {
          write();
          const s = lineTableState(view.state);
          if (s.caret && s.caret !== lineTableKey.getState(prevState)?.caret) drawCaretOnSide(view, s.caret.pos, s.caret.side);
        },
      };
    },
  });
}

/**
 * Decorations, keys and origin variables for a new layout. Lines that are an old line
 * unchanged (matchLines) keep their key and their mapped decorations; the rest are rebuilt.
 * Without a previous state everything is built afresh.
 */
function relayout(doc: PMNode, prev: LineTableState | null, table: LineTable, mapping: Mapping | null, ctx: RenderContext): Pick<LineTableState, 'table' | 'decos' | 'keys' | 'nextKey' | 'origins'> {
  const natural = naturalFrom(ctx);
  if (!prev) {
    const keys = table.lines.map((_, i) => i);
    const decos = DecoSet.create(doc, table.lines.flatMap((line, li) => lineDecorations(doc, line, li, keys[li], ctx, natural)));
    return { table, decos, keys, nextKey: keys.length, origins: lineOrigins(table, keys, ctx) };
  }
  let decos = mapping ? prev.decos.map(mapping, doc) : prev.decos;
  const match = matchLines(prev.table.lines, table.lines, mapping);
  // Where each old line's decorations ended up: a match whose decorations grew over typed
  // text (an inclusive end) is rebuilt.
  const extent = new Map<number, [number, number]>();
  for (const d of decos.find()) {
    const k = (d.spec as LineDecoSpec).lineKey;
    const e = extent.get(k);
    extent.set(k, e ? [Math.min(e[0], d.from), Math.max(e[1], d.to)] : [d.from, d.to]);
  }
  let nextKey = prev.nextKey;
  const keep = new Set<number>();
  const keys: number[] = table.lines.map((line, li) => {
    const j = match[li];
    if (j < 0) return -1;
    const k = prev.keys[j];
    const e = extent.get(k);
    const inside = line.from === line.to ? !e || (e[0] <= line.from && e[1] >= line.to) : !!e && e[0] >= line.from && e[1] <= line.to;
    if (!inside || keep.has(k)) return -1;
    keep.add(k);
    return k;
  });
  // A rebuilt line takes the key of the old line at its index when that one is gone, so its
  // origin variables usually keep their values and nothing else is restyled.
  const added: Decoration[] = [];
  const reused = new Set<number>();
  table.lines.forEach((line, li) => {
    if (keys[li] >= 0) return;
    const old = prev.keys[li];
    const k = old !== undefined && !keep.has(old) && !reused.has(old) ? old : nextKey++;
    reused.add(k);
    keys[li] = k;
    added.push(...lineDecorations(doc, line, li, k, ctx, natural));
  });
  // Every decoration of a line that was not kept goes, including those of a key now reused.
  const stale = decos.find(undefined, undefined, (spec) => !keep.has((spec as LineDecoSpec).lineKey));
  if (stale.length) decos = decos.remove(stale);
  if (added.length) decos = decos.add(doc, added);
  return { table, decos, keys, nextKey, origins: lineOrigins(table, keys, ctx) };
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
  const s = lineTableState(state);
  return s.current ? s.table : null;
}
