import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { BroadsheetApi, RecentIssueDto } from '../../core/api/methods.js';
import type { MenuCommand } from '../../core/api/shell.js';
import type { IssueView } from './document.js';
import { FileDialog } from './FileDialog.js';
import { MenuBar } from './MenuBar.js';
import { NewIssueDialog } from './NewIssueDialog.js';
import { findItem, menuItemForKey, pageMenus, type PageMenuItem } from './page-menu.js';
import { MENU_EVENT } from './transport.js';

/** A menu command into the page's menu channel: the frame and the workspace take it as they take the native menu's. */
function send(command: MenuCommand): void {
  window.dispatchEvent(new CustomEvent(MENU_EVENT, { detail: command }));
}

function folderOf(path: string): string | undefined {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : undefined;
}

/**
 * The browser host's File / Edit / View / Help: the menu bar, the dialogs it opens where the
 * desktop shell shows native ones (Open, Save As, New from a template) and its own keys (Ctrl+O,
 * Ctrl+Shift+S). What it runs goes out as menu commands — the desktop shell's main process does
 * the same after its dialogs (electron/main.ts onMenuAction).
 */
export function PageMenuBar({
  api,
  view,
  currentPath,
  onStartup,
  saveAsRequest,
}: {
  api: Pick<BroadsheetApi, 'listFolder' | 'recentIssues'>;
  view: IssueView | undefined;
  /** Where the shown issue is saved now ('' for not yet). */
  currentPath: () => string;
  onStartup: () => void;
  /** Set here: opens Save As (the workspace's Save of an issue with no file asks it); `done` hears whether a file was chosen. */
  saveAsRequest: MutableRefObject<((done?: (chosen: boolean) => void) => void) | null>;
}) {
  // Which dialog is open, and where the shown issue was saved when it opened (Save As moves it; the frame does not re-render for that).
  const [dialog, setDialogState] = useState<null | { kind: 'new' | 'open' | 'save-as'; path: string }>(null);
  const setDialog = useCallback((kind: 'new' | 'open' | 'save-as' | null) => setDialogState(kind ? { kind, path: currentPath() } : null), [currentPath]);
  const [recent, setRecent] = useState<RecentIssueDto[]>([]);
  const refreshRecent = useCallback(() => void api.recentIssues().then(setRecent, () => {}), [api]);
  useEffect(refreshRecent, [refreshRecent, view]);

  const path = currentPath();
  const menus = pageMenus({ hasIssue: !!view, hasFile: !!path, readOnly: !!view?.opened.readOnly, recent });
  const run = useCallback((item: PageMenuItem) => {
    const a = item.action;
    if (!a) return;
    if ('dialog' in a) setDialog(a.dialog);
    else if ('startup' in a) onStartup();
    else send(a.send);
  }, [onStartup, setDialog]);

  // Who asked for the Save As dialog now open (a photo placed into an issue with no file goes on after it).
  const saveAsDone = useRef<((chosen: boolean) => void) | null>(null);
  const closeSaveAs = (chosen: boolean) => {
    const done = saveAsDone.current;
    saveAsDone.current = null;
    done?.(chosen);
  };
  useEffect(() => {
    saveAsRequest.current = (done) => {
      saveAsDone.current = done ?? null;
      setDialog('save-as');
    };
    return () => {
      saveAsRequest.current = null;
    };
  }, [saveAsRequest, setDialog]);

  // The keys only the menu bar answers; the latest menus (enabled or not) decide.
  const menusRef = useRef(menus);
  menusRef.current = menus;
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      const id = menuItemForKey(e);
      const item = id ? findItem(menusRef.current, id) : undefined;
      if (!item) return;
      e.preventDefault();
      if (item.enabled) run(item);
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, [run]);

  const at = dialog?.path ?? path;
  const name = at ? at.split(/[\\/]/).pop() : `${view?.opened.issue.paper ?? ''}${view?.opened.issue.date ? ` ${view.opened.issue.date}` : ''}.broadsheet`.trim();
  return (
    <>
      <MenuBar menus={menus} onRun={run} onOpen={refreshRecent} />
      {dialog?.kind === 'open' && <FileDialog api={api} mode="open" start={at ? folderOf(at) : undefined} onClose={() => setDialog(null)} onChoose={(p) => (setDialog(null), send({ command: 'open', path: p }))} />}
      {dialog?.kind === 'save-as' && (
        <FileDialog api={api} mode="save" start={at ? folderOf(at) : undefined} suggestedName={name} onClose={() => (setDialog(null), closeSaveAs(false))} onChoose={(p) => (setDialog(null), closeSaveAs(true), send({ command: 'save-as', path: p }))} />
      )}
      {dialog?.kind === 'new' && view && (
        <NewIssueDialog templates={view.templates} fonts={view.fonts} onClose={() => setDialog(null)} onCreate={(o) => (setDialog(null), send({ command: 'new', ...o }))} />
      )}
    </>
  );
}
