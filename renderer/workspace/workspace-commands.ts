import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../core/api/shell.js';
import { commandForMenu, runCommand, type CommandTable } from './commands.js';
import { commandForKey } from './keys.js';
import { copiedFramesText } from './frame-actions.js';
import type { IssueSession } from './model/session.js';

/**
 * Where the workspace's commands come from: the keyboard (keys.ts) and the native menu
 * (Electron; the loopback host has none). Both go through the one command table the toolbar
 * uses too. Also the close guard: leaving with unsaved edits asks first.
 */
export function useCommandSources(table: CommandTable, session: IssueSession, selected: string | null, menu?: { onMenuCommand(listener: (c: MenuCommand) => void): () => void }, guideSelected = false): void {
  // The table of this render (the listeners are installed once per session).
  const tableRef = useRef(table);
  tableRef.current = table;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const guideRef = useRef(guideSelected);
  guideRef.current = guideSelected;

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const command = commandForKey(e, {
        inEditor: !!target?.closest?.('.ProseMirror'),
        inField: !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'),
        frameSelected: !!selectedRef.current,
        guideSelected: guideRef.current,
        // The stories panel imports pasted copy; a focused button or menu item takes its own Enter.
        pasteTarget: !!target?.closest?.('[data-testid=stories-panel]'),
        onControl: !!target?.closest?.('button, [role=menuitem], a[href]'),
        onFrame: !!target?.classList?.contains('bs-ws-frame'),
      });
      if (!command) return;
      // Ctrl+C/X/V go on to the browser's copy/cut/paste events (below), as the desktop menu's Edit items do.
      if (command.do === 'copy-frames' || command.do === 'cut-frames' || command.do === 'paste-frames') return;
      // An arrow key keeps its default (scrolling) when there was nothing to nudge; Tab past the page's last frame moves focus on.
      if (command.do === 'nudge' || command.do === 'select-frame') {
        if (runCommand(tableRef.current, command)) e.preventDefault();
        return;
      }
      e.preventDefault();
      runCommand(tableRef.current, command);
    };
    // A held arrow key is one undo step: it ends when the key goes up.
    const up = (e: KeyboardEvent) => e.key.startsWith('Arrow') && session.seal();
    // Copy, cut and paste of frames — from the keys and from the desktop Edit menu (its roles send these
    // events too). In text (a field, the story editor), in the stories panel (it imports pasted copy) or over
    // selected text of a panel, they are the browser's own.
    const clipboard = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('input, textarea, select, [contenteditable="true"], .ProseMirror, [data-testid=stories-panel]')) return;
      if (e.type !== 'paste' && window.getSelection()?.toString()) return;
      const command = e.type === 'copy' ? ({ do: 'copy-frames' } as const) : e.type === 'cut' ? ({ do: 'cut-frames' } as const) : ({ do: 'paste-frames' } as const);
      if (!runCommand(tableRef.current, command)) return;
      e.preventDefault();
      const text = e.type !== 'paste' ? copiedFramesText() : '';
      if (text) e.clipboardData?.setData('text/plain', text);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    for (const type of ['copy', 'cut', 'paste']) document.addEventListener(type, clipboard as EventListener);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      for (const type of ['copy', 'cut', 'paste']) document.removeEventListener(type, clipboard as EventListener);
    };
  }, [session]);

  useEffect(
    () =>
      menu?.onMenuCommand((c) => {
        const command = commandForMenu(c);
        if (command) runCommand(tableRef.current, command);
      }),
    [menu],
  );

  // Closing the window (or the tab) with unsaved edits asks first: the browser asks by itself;
  // Electron's main process asks on 'will-prevent-unload' (electron/main.ts). The one guard:
  // this session is what knows whether there are unsaved edits.
  useEffect(() => {
    const before = (e: BeforeUnloadEvent) => {
      if (!session.dirty) return;
      e.preventDefault();
      e.returnValue = ''; // older Chromium (and Electron) ask only when returnValue is set
    };
    window.addEventListener('beforeunload', before);
    return () => window.removeEventListener('beforeunload', before);
  }, [session]);
}

/**
 * Undo or redo from the menu: the focused text first — a text field, or the story editor
 * (contenteditable: the browser's undo, which ProseMirror's history takes as historyUndo) —
 * else the workspace's page edits. Says whether the text took it.
 */
export function undoFocusedText(what: 'undo' | 'redo'): boolean {
  const el = document.activeElement as HTMLElement | null;
  const editable = !!el && (el.isContentEditable || el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(el.type)));
  if (editable) document.execCommand(what);
  return editable;
}
