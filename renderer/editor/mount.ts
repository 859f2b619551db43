import { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { history } from 'prosemirror-history';
import { NO_TIME_GROUPING, UndoGroups } from './undo-groups.js';
import type { FontKey } from '../../core/display/types.js';
import { storySchema } from '../../core/model/story-schema.js';
import { lineIndexAt } from './caret.js';
import { LINE_ATTR, PIECE_ATTR, PIECE_CLASS } from './decorations.js';
import { domRenderContext } from './dom-context.js';
import { EDITOR_CLASS, installEditorCss } from './editor-css.js';
import { findInDoc, replaceMatches, type FindMatch, type FindOptions } from './find.js';
import { storyKeymaps } from './keymap.js';
import { lineTableKey, lineTablePlugin, lineTableState, setLineTableMeta } from './line-table-plugin.js';
import type { StoryLayout } from '../../core/compose/types.js';
import { lineTableFromStoryLayout } from './from-compose.js';
import type { LineTable } from './line-table.js';
import { cleanHtml, cleanSlice, clipboardParser, parsePlainText } from './paste.js';
import type { FontCss } from './render-context.js';

/** What the workspace gives the editor of one story. */
export interface StoryEditorOptions {
  /** The story being edited: its id and ProseMirror JSON (or a document of the story schema). */
  story: { id: string; doc: unknown };
  /** The composer's layout of the story as it is now (core/compose's StoryLayout, or a line table). */
  layout: StoryLayout | LineTable;
  /** CSS pixels per point. */
  scale: number;
  /** Top-left of a page (index in the issue) in CSS pixels from the host's top-left; default (0, 0). */
  pageOrigin?: (pageIndex: number) => { x: number; y: number };
  /** CSS font of a face key; default: the faces of assets/fonts.json. */
  fontCss?: (key: FontKey) => FontCss;
  /**
   * Recomposes the story for a changed document, synchronously (the composer recomposes only
   * this story). Called for every change except while an input method composes, and once at
   * compositionend. Null: no exact layout yet (the fonts are growing to a character just typed);
   * the lines shown are kept, mapped through the change, until `update` brings the layout.
   */
  onRequestLayout(doc: PMNode): StoryLayout | LineTable | null;
  /** Called after every document change with the new document (save, page repaint, counts). */
  onChange?(doc: PMNode): void;
  /**
   * Undo (redo) with nothing left in the editor's own history: the workspace goes on into the
   * edits before this text (a frame move…); says whether it did.
   */
  onHistoryEnd?(what: 'undo' | 'redo'): boolean;
}

/** A mounted story editor. */
export interface StoryEditor {
  readonly view: EditorView;
  /** Places the text by a new layout of the current document (e.g. after a frame moved). */
  update(layout: StoryLayout | LineTable): void;
  /** Follows a zoom change (and page origins that moved with it). */
  setScale(scale: number, pageOrigin?: (pageIndex: number) => { x: number; y: number }): void;
  /** Matches of a query in this story (find across the issue: findInStories over every story's doc). */
  find(query: string, options?: FindOptions): FindMatch[];
  /** Replaces matches of this story in one undoable step. */
  replace(matches: readonly FindMatch[], replacement: string): void;
  /** Selects a match and scrolls it into view. */
  select(match: FindMatch): void;
  /** True between compositionstart and compositionend: the layout is frozen. */
  readonly composing: boolean;
  destroy(): void;
}

/** The line table of a layout from the composer (or a line table already). */
function toTable(layout: StoryLayout | LineTable): LineTable;
function toTable(layout: StoryLayout | LineTable | null): LineTable | undefined;
function toTable(layout: StoryLayout | LineTable | null): LineTable | undefined {
  if (!layout) return undefined;
  return 'storyId' in layout ? lineTableFromStoryLayout(layout) : layout;
}

/** Style element that draws the composing line above its neighbours (outside ProseMirror's DOM, so nothing under the composition changes). */
function composingStyle(doc: Document): HTMLStyleElement {
  const el = doc.createElement('style');
  doc.head.append(el);
  return el;
}

/**
 * Mounts the editor of one story over the page in `host` (which the workspace positions over
 * the page canvas; the editor root sits at its top-left). The text is placed by the composer's
 * layout; the page painter should leave this story's glyph runs out while it is mounted.
 */
export function mountStoryEditor(host: HTMLElement, opts: StoryEditorOptions): StoryEditor {
  const doc = host.ownerDocument;
  installEditorCss(doc);
  let ctx = domRenderContext({ scale: opts.scale, pageOrigin: opts.pageOrigin, fontCss: opts.fontCss });
  let frozen = false;
  // A layout handed in while an input method composes waits: compositionend recomposes.
  let missedUpdate = false;
  let missedRestyle = false;
  const lift = composingStyle(doc);
  const editorId = `bs-ed-${Math.random().toString(36).slice(2, 8)}`;

  const startDoc = opts.story.doc instanceof PMNode ? opts.story.doc : PMNode.fromJSON(storySchema, opts.story.doc);
  const state = EditorState.create({
    doc: startDoc,
    plugins: [...storyKeymaps((what) => !!opts.onHistoryEnd?.(what)), history({ newGroupDelay: NO_TIME_GROUPING }), lineTablePlugin(toTable(opts.layout), () => ctx)],
  });

  const root = doc.createElement('div');
  host.append(root);
  const opening = new LineOpening(() => view.dom, editorId, doc);
  const undoGroups = new UndoGroups();

  const recompose = () => {
    if (view.isDestroyed) return;
    const table = toTable(opts.onRequestLayout(view.state.doc));
    // No exact layout yet: the mapped lines stay (current false) until update() brings one.
    if (!table) return;
    view.dispatch(setLineTableMeta(view.state.tr, { table, restyle: missedRestyle }).setMeta('addToHistory', false));
    missedRestyle = false;
  };

  const view: EditorView = new EditorView({ mount: root }, {
    state,
    attributes: { class: EDITOR_CLASS, lang: 'zh-CN', spellcheck: 'false', 'data-story': opts.story.id, id: editorId },
    clipboardParser: clipboardParser(),
    clipboardTextParser: parsePlainText,
    transformPastedHTML: cleanHtml,
    transformPasted: (slice) => cleanSlice(slice),
    dispatchTransaction(tr: Transaction) {
      performance.mark('bs-editor:dispatch');
      undoGroups.mark(tr, view.state, frozen || view.composing);
      if (tr.docChanged && !frozen && !(tr.getMeta(lineTableKey) as { table?: LineTable } | undefined)?.table) {
        const table = toTable(opts.onRequestLayout(tr.doc));
        if (table) setLineTableMeta(tr, { table });
        performance.mark('bs-editor:composed');
      }
      view.updateState(view.state.apply(tr));
      // A redraw under the composition may have put back a moved piece.
      if (frozen && tr.docChanged) opening.follow();
      undoGroups.applied(view.state);
      performance.mark('bs-editor:updated');
      if (tr.docChanged) opts.onChange?.(view.state.doc);
    },
    handleDOMEvents: {
      compositionstart: () => {
        frozen = true;
        undoGroups.compositionStart();
        // Lift the line being composed above its neighbours: long pinyin at a line end runs over the next column.
        const s = lineTableState(view.state);
        // A composition over a selection replaces it from its start.
        const sel = view.state.selection;
        const li = sel.empty ? lineIndexAt(s.table.lines, sel.head, s.caret?.pos === sel.head ? s.caret.side : -1) : lineIndexAt(s.table.lines, sel.from, 1);
        // Each textblock is its own stacking context (contain: layout), so the block is lifted too.
        const k = s.keys[li];
        lift.textContent = li >= 0 ? `#${editorId} > :has([${LINE_ATTR}="${k}"]) { z-index: 2; } #${editorId} [${LINE_ATTR}="${k}"] { z-index: 2; background: #fff; }` : '';
        opening.start(li >= 0 ? k : null);
        return false;
      },
      input: () => {
        if (frozen) opening.follow();
        return false;
      },
      compositionend: () => {
        frozen = false;
        // Chromium applies the committed text while view.composing is still true, so the
        // recompose is triggered from here, after ProseMirror has read the DOM change.
        setTimeout(() => {
          if (frozen) return;
          lift.textContent = '';
          opening.end();
          (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
          // The commit may already have come in as a change after the freeze ended (and was composed then).
          if (missedUpdate || !lineTableState(view.state).current) recompose();
          missedUpdate = false;
        }, 0);
        return false;
      },
    },
  });

  /** Draws the lines again (zoom, fonts); while the layout is frozen or waits for one (not current), with the next layout. */
  const restyle = () => {
    if (frozen) missedUpdate = missedRestyle = true;
    else if (!lineTableState(view.state).current) missedRestyle = true;
    else view.dispatch(setLineTableMeta(view.state.tr, { restyle: true }).setMeta('addToHistory', false));
  };
  const onFonts = () => {
    ctx.clearCache();
    restyle();
  };
  doc.fonts?.addEventListener('loadingdone', onFonts);

  return {
    view,
    get composing() {
      return frozen;
    },
    find: (query, options) => findInDoc(view.state.doc, opts.story.id, query, options),
    replace(matches, replacement) {
      const mine = matches.filter((m) => m.storyId === opts.story.id);
      if (mine.length) view.dispatch(replaceMatches(view.state.tr, mine, replacement) as Transaction);
    },
    select(match) {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, match.from, match.to)).scrollIntoView());
    },
    update(layout) {
      if (frozen) {
        missedUpdate = true;
        return;
      }
      view.dispatch(setLineTableMeta(view.state.tr, { table: toTable(layout), restyle: missedRestyle }).setMeta('addToHistory', false));
      missedRestyle = false;
    },
    setScale(scale, pageOrigin) {
      ctx = domRenderContext({ scale, pageOrigin: pageOrigin ?? opts.pageOrigin, fontCss: opts.fontCss });
      restyle();
    },
    destroy() {
      doc.fonts?.removeEventListener('loadingdone', onFonts);
      lift.remove();
      opening.destroy();
      view.destroy();
      root.remove();
    },
  };
}

/**
 * Opens the composing line: while an input method's preedit grows inside one piece of a line,
 * the pieces after it on that line move right by as much, so the preedit never paints over the
 * characters after the caret (the layout is frozen until compositionend, which recomposes). The
 * shift is a rule in a style element of its own, outside ProseMirror's DOM (which may redraw a
 * piece under the composition), naming the pieces by line key and index; end() empties it.
 */
class LineOpening {
  /** The composing line's key and its pieces' widths by index, before the preedit. */
  private line: { key: number; widths: Map<string, number> } | null = null;
  private readonly sheet: HTMLStyleElement;

  constructor(
    private readonly root: () => HTMLElement,
    private readonly scope: string,
    doc: Document,
  ) {
    this.sheet = doc.createElement('style');
  }

  private pieces(key: number): HTMLElement[] {
    return [...this.root().querySelectorAll<HTMLElement>(`.${PIECE_CLASS}[${LINE_ATTR}="${key}"]`)];
  }

  /** At compositionstart: the pieces of the line `key` and their widths, before the preedit. */
  start(key: number | null): void {
    this.end();
    if (key === null) return;
    const widths = new Map(this.pieces(key).map((el) => [el.getAttribute(PIECE_ATTR) ?? '', el.getBoundingClientRect().width]));
    if (widths.size > 1) this.line = { key, widths };
  }

  /** After each preedit change: the pieces after the one composed into move by its growth. */
  follow(): void {
    if (!this.line) return;
    const node = this.root().ownerDocument.getSelection()?.focusNode;
    const piece = (node && (node.nodeType === 1 ? (node as Element) : node.parentElement))?.closest<HTMLElement>(`.${PIECE_CLASS}`);
    if (!piece || piece.getAttribute(LINE_ATTR) !== String(this.line.key)) return;
    const index = Number(piece.getAttribute(PIECE_ATTR));
    const was = this.line.widths.get(String(index));
    if (was === undefined) return;
    const grown = piece.getBoundingClientRect().width - was;
    const after = [...this.line.widths.keys()].filter((i) => Number(i) > index);
    if (!this.sheet.isConnected) this.root().ownerDocument.head.append(this.sheet);
    this.sheet.textContent =
      grown > 0 && after.length ? `${after.map((i) => `#${this.scope} [${LINE_ATTR}="${this.line!.key}"][${PIECE_ATTR}="${i}"]`).join(', ')} { translate: ${Math.round(grown * 100) / 100}px 0; }` : '';
  }

  /** Takes every shift off (compositionend, before the new layout places the line). */
  end(): void {
    this.sheet.textContent = '';
    this.line = null;
  }

  destroy(): void {
    this.sheet.remove();
  }
}
