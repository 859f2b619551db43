import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../core/api/methods.js';
import type { MenuCommand } from '../../core/api/shell.js';
import { newIssue, viewIssue, type IssueView, type LoadStep } from './document.js';
import type { LoadedFonts } from './fonts.js';
import { UI_LOCALES } from './i18n.js';
import { Workspace } from '../workspace/index.js';
import { errorMessage, type Transport } from './transport.js';

/** Zoom steps in percent of actual size (100 % = 1 pt is 1/72 in on screen). */
export const ZOOM_STEPS = [25, 33, 50, 67, 75, 100, 125, 150, 200, 300] as const;
const DEFAULT_ZOOM = 50;
/** Menu commands the workspace carries out on the issue being edited. */
const WORKSPACE_COMMANDS = new Set<MenuCommand['command']>(['save', 'save-as', 'export-pdf', 'zoom-in', 'zoom-out', 'zoom-reset', 'show-grid']);
const PX_PER_PT = 96 / 72;

type State =
  | { phase: 'loading'; step: LoadStep | { step: 'starting' } }
  | { phase: 'ready'; view: IssueView; message?: string }
  | { phase: 'error'; message: string };

/**
 * The app's frame: toolbar, the main area (pages now; the page editor workspace later) and
 * the status bar. It opens the host's startup issue, composes it and answers menu commands.
 */
export function App({ transport, info }: { transport: Transport; info: AppInfo }) {
  const { t, i18n } = useTranslation();
  const api = transport.api;
  const [state, setState] = useState<State>({ phase: 'loading', step: { step: 'starting' } });
  const [zoom, setZoom] = useState<number>(DEFAULT_ZOOM);
  const [showGrid, setShowGrid] = useState(false);
  const fontCache = useRef<{ fonts?: LoadedFonts; fontKeys?: string[] }>({});
  const base = useMemo(() => new URL('./', window.location.href), []);
  const viewRef = useRef<IssueView | undefined>(undefined);
  viewRef.current = state.phase === 'ready' ? state.view : undefined;

  const show = useCallback(
    async (open: () => Promise<{ path: string | null; issue: IssueView['issue']; readOnly: boolean; warnings: string[] }>) => {
      setState({ phase: 'loading', step: { step: 'opening' } });
      try {
        const opened = await open();
        const view = await viewIssue(api, opened, base, fontCache.current, (step) => setState({ phase: 'loading', step }));
        setState({ phase: 'ready', view });
      } catch (err) {
        setState({ phase: 'error', message: errorMessage(err) });
      }
    },
    [api, base],
  );

  useEffect(() => {
    void show(() => api.openStartupIssue());
  }, [api, show]);

  const zoomBy = useCallback((dir: 1 | -1) => {
    setZoom((z) => {
      const i = ZOOM_STEPS.findIndex((s) => s >= z);
      const next = dir > 0 ? ZOOM_STEPS.find((s) => s > z) : [...ZOOM_STEPS].reverse().find((s) => s < z);
      return next ?? ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, i))];
    });
  }, []);

  const note = useCallback((message: string) => setState((s) => (s.phase === 'ready' ? { ...s, message } : s)), []);

  const onMenu = useCallback(
    async (cmd: MenuCommand) => {
      const view = viewRef.current;
      // With an issue open, the workspace answers the editing and view commands (it holds the edited issue).
      if (view && WORKSPACE_COMMANDS.has(cmd.command)) return;
      switch (cmd.command) {
        case 'zoom-in':
          return zoomBy(1);
        case 'zoom-out':
          return zoomBy(-1);
        case 'zoom-reset':
          return setZoom(100);
        case 'show-grid':
          return setShowGrid(cmd.checked);
        case 'open':
          return show(() => api.openIssue({ path: cmd.path }));
        case 'new':
          await show(async () => ({ path: null, issue: newIssue(), readOnly: false, warnings: [] }));
          return note(t('status.newIssue'));
        case 'save':
        case 'save-as': {
          if (!view) return;
          const path = cmd.command === 'save-as' ? cmd.path : view.path;
          if (!path) return note(t('status.saveNeedsPath'));
          try {
            await api.saveIssue({ path, issue: view.issue });
            setState({ phase: 'ready', view: { ...view, path, readOnly: false }, message: t('status.saved', { path }) });
          } catch (err) {
            note(errorMessage(err));
          }
          return;
        }
        case 'export-pdf': {
          if (!view?.path) return note(t('status.saveNeedsPath'));
          note(t('status.exporting'));
          try {
            const r = await api.exportPdf({ issuePath: view.path, output: cmd.output });
            note(r.ok ? t('status.exported', { pages: r.pages, file: r.files.join(', ') }) : t('status.exportFailed', { message: r.errors.join('; ') }));
          } catch (err) {
            note(t('status.exportFailed', { message: errorMessage(err) }));
          }
          return;
        }
      }
    },
    [api, note, show, t, zoomBy],
  );

  useEffect(() => api.onMenuCommand((cmd) => void onMenu(cmd)), [api, onMenu]);

  const assetUrl = useCallback((id: string) => new URL(`issue-assets/${encodeURIComponent(id)}`, base).href, [base]);
  const view = state.phase === 'ready' ? state.view : undefined;
  const scale = (zoom / 100) * PX_PER_PT;
  const title = view ? `${view.issue.paper} · ${view.issue.date}` : '';

  useEffect(() => {
    document.title = view ? `${view.path ? view.path.split(/[\\/]/).pop() : t('toolbar.untitled')} — ${t('app.name')}` : t('app.name');
  }, [view, t]);

  return (
    <div className="bs-app" data-state={state.phase}>
      <header className="bs-toolbar" role="toolbar" aria-label={t('app.name')}>
        <span className="bs-brand">{t('app.name')}</span>
        {view && (
          <span className="bs-title" title={view.path ?? undefined}>
            {title}
            {view.readOnly && <span className="bs-badge">{t('toolbar.readOnly')}</span>}
          </span>
        )}
        {view && <span className="bs-count">{t('toolbar.pages', { count: view.composed.pages.length })}</span>}
        <span className="bs-spacer" />
        {!view && (
          <>
        <button type="button" onClick={() => zoomBy(-1)} title={t('toolbar.zoomOut')} aria-label={t('toolbar.zoomOut')}>
          −
        </button>
        <button type="button" className="bs-zoom" onClick={() => setZoom(100)} title={t('toolbar.zoomReset')}>
          {t('toolbar.zoom', { percent: zoom })}
        </button>
        <button type="button" onClick={() => zoomBy(1)} title={t('toolbar.zoomIn')} aria-label={t('toolbar.zoomIn')}>
          +
        </button>
        <label className="bs-check">
          <input type="checkbox" checked={showGrid} onChange={(e) => setShowGrid(e.target.checked)} />
          {t('toolbar.showGrid')}
        </label>
          </>
        )}
        <label className="bs-lang">
          <span className="bs-sr">{t('toolbar.language')}</span>
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} aria-label={t('toolbar.language')}>
            {UI_LOCALES.map((l) => (
              <option key={l.locale} value={l.locale}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>

      <main className="bs-main">
        {state.phase === 'ready' && (
          <Workspace key={state.view.path ?? 'new'} api={api} opened={state.view} fonts={state.view.fonts} templates={state.view.templates} menu={api} assetUrl={assetUrl} />
        )}
        {state.phase === 'loading' && (
          <p className="bs-loading" role="status">
            {state.step.step === 'fonts' ? t('status.fonts', { count: state.step.count }) : t(`status.${state.step.step}`)}
          </p>
        )}
        {state.phase === 'error' && (
          <div className="bs-error" role="alert">
            <h2>{t('error.title')}</h2>
            <p>{state.message}</p>
            <button type="button" onClick={() => void show(() => api.openStartupIssue())}>
              {t('error.retry')}
            </button>
          </div>
        )}
      </main>

      <footer className="bs-status">
        <span>{t(`transport.${transport.kind}`)}</span>
        <span>{info.name} {info.version}</span>
        {view && <span>{state.phase === 'ready' && state.message ? state.message : t('status.ready', { pages: view.composed.pages.length, ms: Math.round(view.composeMs) })}</span>}
        {view && <Diagnostics view={view} />}
      </footer>
    </div>
  );
}

function Diagnostics({ view }: { view: IssueView }) {
  const { t } = useTranslation();
  const list = view.composed.diagnostics;
  const warnings = view.warnings;
  if (!list.length && !warnings.length) return <span>{t('status.noDiagnostics')}</span>;
  return (
    <details className="bs-diagnostics">
      <summary>{t('status.diagnostics', { count: list.length + warnings.length })}</summary>
      <ul>
        {warnings.map((w, i) => (
          <li key={`w${i}`} className="warning">
            {w}
          </li>
        ))}
        {list.map((d, i) => (
          <li key={i} className={d.severity}>
            <b>{t('diagnostics.page', { number: view.issue.pages[d.pageIndex]?.number ?? d.pageIndex + 1 })}</b> {d.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
