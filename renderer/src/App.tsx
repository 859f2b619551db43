import { Component, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, IssueLockDto, OpenedIssueDto, RecoveryOfferDto, UiLocale } from '../../core/api/methods.js';
import type { MenuCommand } from '../../core/api/shell.js';
import { differenceWords } from './difference-words.js';
import { Workspace, type IssueSession } from '../workspace/index.js';
import { hostLists, newIssue, viewIssue, type IssueView, type LoadStep, type ShownIssue, type Startup } from './document.js';
import type { LoadedFonts } from './fonts.js';
import { saveUiLocale, UI_LOCALES } from './i18n.js';
import { errorMessage, type Transport } from './transport.js';
import { Autosave } from './autosave.js';
import { useAssetUrls } from './asset-urls.js';
import { PageMenuBar } from './PageMenuBar.js';

/**
 * What the frame shows: the current issue (kept while another one loads, and when opening
 * another one fails, so its unsaved edits are never dropped by a failed open), what is
 * loading, and the last failure.
 */
interface State {
  view?: IssueView;
  loading?: LoadStep | { step: 'starting' };
  error?: string;
  message?: string;
}

/** How often a page asks whether it still edits its issue (node/services/tab-editors.ts TAB_LIVE_MS is far longer). */
const TAB_STATUS_MS = 5000;

/** The shown issue with who holds its lock now (kept when not told), and a status message. */
function withLock(lock: IssueLockDto | undefined, message?: string): (s: State) => State {
  return (s) => (s.view ? { ...s, ...(message ? { message } : {}), view: { ...s.view, opened: { ...s.view.opened, lock: lock ?? s.view.opened.lock } } } : s);
}

/** The frame's phase, for styling and tests: loading with nothing shown yet, an error with nothing shown, or ready. */
function phaseOf(s: State): 'loading' | 'error' | 'ready' {
  if (s.view) return 'ready';
  return s.error ? 'error' : 'loading';
}

/**
 * The app's frame: the app bar (name, issue, language), the main area where the page editor
 * workspace (renderer/workspace) works on the opened issue, and the status bar. The frame
 * opens issues — the host's startup issue, File ▸ Open / Open Recent / New from the menu —
 * and loads their fonts and templates; saving, export, zoom and the grid are the workspace's.
 */
export function App({ transport, info, startup: prefetched }: { transport: Transport; info: AppInfo; startup?: Startup }) {
  const startup = useRef(prefetched);
  const { t } = useTranslation();
  const api = transport.api;
  const [state, setState] = useState<State>({ loading: { step: 'starting' } });
  const fontCache = useRef<{ fonts?: LoadedFonts }>(prefetched?.fontCache ?? {});
  const files = transport.files;
  const { onSession, mayDiscard, resetAutosave, autosaveNote, editedIssue, currentPath } = useAutosave(api);
  // Save of an issue with no file yet asks the menu bar's Save As dialog (browser host; Electron's menu asks natively).
  const saveAsRequest = useRef<((done?: (chosen: boolean) => void) => void) | null>(null);
  const onSaveAs = useMemo(() => (transport.kind === 'loopback' ? (done?: (chosen: boolean) => void) => saveAsRequest.current?.(done) : undefined), [transport.kind]);
  // A photo placed into an issue with no file: in the desktop shell the main process's native Save As (the chosen file comes back as the save-as menu command).
  const askSaveAs = useMemo(() => (api.askSaveAs ? (done: (chosen: boolean) => void) => void api.askSaveAs!().then(done, () => done(false)) : undefined), [api]);

  const show = useCallback(
    async (open: () => Promise<ShownIssue>, message?: string, prefetchedView?: Promise<IssueView>) => {
      setState((s) => ({ view: s.view, loading: { step: 'opening' } }));
      const t0 = performance.now();
      try {
        const load = async () => {
          // The templates and the font list are fetched while the issue opens.
          const lists = hostLists(api);
          const opened = await open();
          return viewIssue(api, opened, files, fontCache.current, (step) => setState((s) => ({ ...s, loading: step })), lists);
        };
        const view = await (prefetchedView ?? load());
        resetAutosave();
        setState({ view: { ...view, loadMs: performance.now() - t0 }, message });
      } catch (err) {
        setState((s) => ({ view: s.view, error: errorMessage(err) }));
      }
    },
    [api, files, resetAutosave],
  );

  useEffect(() => {
    // The start-up issue with its templates and fonts: already asked for by main.tsx (once; a later mount asks again).
    const first = startup.current;
    startup.current = undefined;
    void show(() => api.openStartupIssue(), undefined, first?.view);
  }, [api, show]);

  // The frame answers New and Open (they change which issue is shown); the workspace answers
  // every other menu command from the same channel (renderer/workspace/commands.ts).
  const onMenu = useCallback(
    (cmd: MenuCommand) => {
      if (cmd.command !== 'open' && cmd.command !== 'new') return;
      if (!mayDiscard()) return;
      if (cmd.command === 'open') void show(() => api.openIssue({ path: cmd.path }));
      else void show(async () => ({ path: null, issue: newIssue(cmd), readOnly: false, warnings: [] }), t('status.newIssue'));
    },
    [api, mayDiscard, show, t],
  );
  useEffect(() => api.onMenuCommand(onMenu), [api, onMenu]);

  // Ask the host every few seconds whether this page still edits the issue (another tab, or another
  // program given it on purpose, may have taken it over); in a browser it also keeps the issue this tab's.
  const shownOpened = state.view?.opened;
  useEffect(() => {
    const o = shownOpened;
    if (!o?.path) return;
    let stopped = false;
    const timer = setInterval(() => {
      void api.issueStatus({ path: o.path! }).then(
        (r) => {
          if (stopped) return;
          if (!o.readOnly && r.readOnly && r.lock) {
            // Taken over by another tab or program: read-only here, this page's unsaved edits kept on screen.
            const issue = editedIssue() ?? o.issue;
            const note = r.lock.tab ? t('lock.tabTakenOver') : t('lock.lostTo', { owner: r.lock.owner || '?', host: r.lock.host || '?' });
            void show(async () => ({ ...o, issue, baseline: o.baseline ?? o.issue, readOnly: true, lock: r.lock, recovery: undefined }), note);
          } else if (o.readOnly && o.lock?.tab && r.lock?.tab && r.lock.stale !== o.lock.stale) {
            setState(withLock(r.lock));
          }
        },
        () => {},
      );
    }, TAB_STATUS_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, editedIssue, shownOpened, show, t]);

  const assetUrl = useAssetUrls(files, transport.kind === 'loopback');
  // An exported PDF into the user's downloads: fetched with the token (no cookie carries it), saved from a blob.
  const download = useCallback(
    async (url: string, name: string) => {
      const res = await files.fetch(new URL(url, files.base));
      if (!res.ok) throw new Error(t('error.downloadFailed', { status: res.status }));
      const href = URL.createObjectURL(await res.blob());
      const a = Object.assign(document.createElement('a'), { href, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    },
    [files, t],
  );
  const { view, loading, error } = state;
  const phase = phaseOf(state);
  const opened = view?.opened;

  useEffect(() => {
    document.title = opened ? `${opened.path ? opened.path.split(/[\\/]/).pop() : t('toolbar.untitled')} — ${t('app.name')}` : t('app.name');
  }, [opened, t]);

  return (
    <div className="bs-app" data-state={phase} aria-busy={loading ? true : undefined}>
      <div className="bs-top">
        <AppBar api={api} opened={opened} />
        {/* The browser host has no native menu: the page's own, sending the same commands. */}
        {transport.kind === 'loopback' && (
          <PageMenuBar api={api} view={view} currentPath={currentPath} onStartup={() => mayDiscard() && void show(() => api.openStartupIssue())} saveAsRequest={saveAsRequest} />
        )}
      </div>

      <main className="bs-main">
        <div className="bs-banners">
        {view && error && (
          <div className="bs-banner" role="alert">
            {/* The message says what failed (the host names the file and the reason). */}
            <span>{error}</span>
            <button type="button" className="bs-banner-close" onClick={() => setState((s) => ({ ...s, error: undefined }))} aria-label={t('error.dismiss')}>
              ×
            </button>
          </div>
        )}
        {view?.opened.recovery && view.opened.path && (
          <RecoveryBanner
            offer={view.opened.recovery}
            onRestore={() => {
              const { recovery, ...rest } = view.opened;
              // The file's content stays the saved state: the restored edits are unsaved, Save is offered.
              void show(async () => ({ ...rest, path: view.opened.path, issue: recovery!.issue, baseline: rest.baseline ?? rest.issue }), t('status.restored'));
            }}
            onDiscard={() => {
              const path = view.opened.path!;
              void api.discardRecovery({ path }).then(
                () => setState((st) => (st.view ? { ...st, view: { ...st.view, opened: { ...st.view.opened, recovery: undefined } } } : st)),
                (err: unknown) => setState((st) => ({ ...st, error: errorMessage(err) })),
              );
            }}
          />
        )}
        {view?.opened.lock && view.opened.readOnly && view.opened.path && (
          <LockBanner
            file={view.opened.path}
            lock={view.opened.lock}
            onTakeOver={(force) => {
              const shown = view.opened;
              // From another tab: what it saved (and autosaved, offered as a recovery) is newer than this page.
              if (shown.lock?.tab && !mayDiscard()) return;
              void api.takeOverIssue({ path: shown.path!, ...(force ? { force } : {}) }).then(
                (r) => {
                  if (r.readOnly) return void setState(withLock(r.lock, t('lock.stillHeld')));
                  if (shown.lock?.tab) void show(() => api.openIssue({ path: shown.path! }), t('lock.takenOver'));
                  // From a stale lock: the same document (restored edits included) in an editable session.
                  else void show(async () => ({ ...shown, readOnly: false, lock: undefined }), t('lock.takenOver'));
                },
                (err: unknown) => setState((st) => ({ ...st, error: errorMessage(err) })),
              );
            }}
          />
        )}
        </div>
        {view && (
          // A new workspace for another file, and when editing turns on or off (taken over, or by another tab): no frame stays "being edited".
          <WorkspaceBoundary key={`${view.opened.path ?? 'untitled'}:${view.opened.readOnly ? 'ro' : 'rw'}`} title={t('error.title')}>
            <Workspace api={api} opened={view.opened} fonts={view.fonts} templates={view.templates} menu={api} assetUrl={assetUrl} onSession={onSession} onSaveAs={onSaveAs} askSaveAs={askSaveAs} download={download} />
          </WorkspaceBoundary>
        )}
        {loading && (
          <p className={view ? 'bs-loading bs-loading-over' : 'bs-loading'} role="status">
            {loading.step === 'fonts' ? t('status.fonts', { count: loading.count }) : t(`status.${loading.step}`)}
          </p>
        )}
        {!view && error && (
          <div className="bs-error" role="alert">
            <h2>{t('error.title')}</h2>
            <p>{error}</p>
            <button type="button" onClick={() => void show(() => api.openStartupIssue())}>
              {t('error.retry')}
            </button>
          </div>
        )}
      </main>

      <footer className="bs-status">
        <span>{t(`transport.${transport.kind}`)}</span>
        <span>
          {info.name} {info.version}
        </span>
        {view && <span>{autosaveNote ?? state.message ?? t('status.ready', { ms: Math.round(view.loadMs) })}</span>}
        {view && <FileWarnings warnings={view.opened.warnings} />}
      </footer>
    </div>
  );
}

/**
 * The autosave of the workspace's editing session (renderer/src/autosave.ts): started when the
 * workspace hands over its session, flushed when the page goes, stopped when another issue is
 * shown. `mayDiscard` asks before unsaved edits would be lost by opening another issue.
 */
function useAutosave(api: Transport['api']) {
  const { t } = useTranslation();
  const session = useRef<IssueSession | null>(null);
  const autosave = useRef<Autosave | null>(null);
  const [autosaveNote, setAutosaveNote] = useState<string | undefined>();
  // Returns nothing: the workspace calls this from an effect, whose return value is a cleanup.
  const onSession = useCallback(
    (s: IssueSession) => {
      session.current = s;
      autosave.current?.dispose();
      autosave.current = new Autosave(
        s,
        (arg) => api.autosaveIssue(arg as Parameters<typeof api.autosaveIssue>[0]),
        (r) => setAutosaveNote(r.ok ? t('status.autosaved', { time: new Date(r.at).toLocaleTimeString() }) : t('status.autosaveFailed', { message: r.message })),
      );
    },
    [api, t],
  );
  // Leaving the page writes pending edits to the recovery file first.
  useEffect(() => {
    const flush = () => void autosave.current?.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      autosave.current?.dispose();
    };
  }, []);
  const mayDiscard = useCallback(() => !session.current?.dirty || window.confirm(t('confirm.discard')), [t]);
  const editedIssue = useCallback(() => session.current?.issue, []);
  /** Where the shown issue is saved now (Save As moves it), '' for none yet. */
  const currentPath = useCallback(() => session.current?.path ?? '', []);
  const resetAutosave = useCallback(() => {
    session.current = null;
    autosave.current?.dispose();
    autosave.current = null;
    setAutosaveNote(undefined);
  }, []);
  return { onSession, mayDiscard, resetAutosave, autosaveNote, editedIssue, currentPath };
}

/** The app bar: the app's name, the issue (paper · date, read-only badge, page count) and the language. */
function AppBar({ api, opened }: { api: Transport['api']; opened: IssueView['opened'] | undefined }) {
  const { t, i18n } = useTranslation();
  // The desktop shell relabels its menus too; the loopback host just acknowledges.
  const changeLocale = useCallback(
    async (locale: UiLocale) => {
      await i18n.changeLanguage(locale);
      saveUiLocale(locale);
      await api.setUiLocale({ locale }).catch(() => {});
    },
    [api, i18n],
  );

  return (
  <header className="bs-appbar">
    <span className="bs-brand">{t('app.name')}</span>
    {opened && (
      <span className="bs-title" title={opened.path ?? undefined}>
        {opened.issue.paper} · {opened.issue.date}
        {opened.readOnly && <span className="bs-badge">{t('toolbar.readOnly')}</span>}
      </span>
    )}
    {opened && <span className="bs-count">{t('toolbar.pages', { count: opened.issue.pages.length })}</span>}
    <span className="bs-spacer" />
    <label className="bs-lang">
      <span className="bs-sr">{t('toolbar.language')}</span>
      <select value={i18n.language} onChange={(e) => void changeLocale(e.target.value as UiLocale)} aria-label={t('toolbar.language')}>
        {UI_LOCALES.map((l) => (
          <option key={l.locale} value={l.locale}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  </header>
  );
}

/** The offer to restore edits autosaved after the last save (after a crash or a close without saving). */
function RecoveryBanner({ offer, onRestore, onDiscard }: { offer: RecoveryOfferDto; onRestore: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="bs-banner bs-recovery" role="alertdialog" aria-label={t('recovery.restore')}>
      <span>
        {t('recovery.found', { time: new Date(offer.savedAt).toLocaleString(), count: offer.changes })}
        {offer.fileChangedSince && <> {t('recovery.changedSince')}</>}
      </span>
      {offer.differences.length > 0 && (
        <details>
          <summary>{t('recovery.differences')}</summary>
          <ul data-testid="recovery-differences">
            {(offer.items ? (offer.items.length ? offer.items.map((d) => differenceWords(t, d)) : [t('recovery.diff.none')]) : offer.differences).map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" onClick={onRestore}>
        {t('recovery.restore')}
      </button>
      <button type="button" onClick={onDiscard}>
        {t('recovery.discard')}
      </button>
    </div>
  );
}

/**
 * Why the issue is read-only: another program's lock. A stale one (its program gone, or silent
 * for long) is offered for takeover in one click; a live one says who is editing, with a retry
 * for when they have closed it (or the lock file was deleted).
 */
function LockBanner({ file, lock, onTakeOver }: { file: string; lock: IssueLockDto; onTakeOver: (force: boolean) => void }) {
  const { t } = useTranslation();
  const name = file.split(/[\\/]/).pop();
  const since = lock.since ? new Date(lock.since).toLocaleString() : '?';
  const seen = lock.seen ? new Date(lock.seen).toLocaleTimeString() : '?';
  const who = lock.tab ? t('lock.tab', { since, seen }) : t(lock.sameHost ? 'lock.holderHere' : 'lock.holder', { owner: lock.owner || '?', host: lock.host || '?', since });
  const why = lock.tab ? (lock.stale ? t('lock.tabSilent') : '') : !lock.stale ? t('lock.live') : lock.staleKind === 'process-gone' ? t('lock.processGone') : lock.staleKind === 'unreadable' ? t('lock.unreadable') : t('lock.silent', { minutes: lock.silentMinutes ?? '?' });
  return (
    <div className="bs-banner bs-lock" role="alertdialog" aria-label={t('lock.title')} data-stale={lock.stale ? '1' : '0'}>
      <span>
        {t('lock.locked', { file: name })} {who} {why}
      </span>
      <button type="button" onClick={() => onTakeOver(false)}>
        {lock.tab ? t('lock.editHere') : lock.stale ? t('lock.takeOver') : t('lock.retry')}
      </button>
      {!lock.tab && !lock.stale && (
        // Taking it from someone still editing: their next save is refused, so ask first.
        <button type="button" onClick={() => window.confirm(t('lock.confirmForce', { owner: lock.owner || '?', host: lock.host || '?' })) && onTakeOver(true)}>
          {t('lock.forceTakeOver')}
        </button>
      )}
    </div>
  );
}

/** Warnings from opening the file (migration, read-only because locked, a broken template). */
function FileWarnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <details className="bs-diagnostics">
      <summary>{t('status.warnings', { count: warnings.length })}</summary>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} className="warning">
            {w}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Shows a failure inside the workspace as a message in the frame, never a blank window. */
class WorkspaceBoundary extends Component<{ title: string; children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="bs-error" role="alert">
        <h2>{this.props.title}</h2>
        <p>{this.state.error.message}</p>
      </div>
    );
  }
}
