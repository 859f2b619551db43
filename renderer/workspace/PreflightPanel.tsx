import { useEffect, useRef, useState } from 'react';
import type { BroadsheetApi, PreflightFindingDto, PreflightReportDto } from '../../core/api/methods.js';
import { errorMessage } from '../../core/error-message.js';
import { NS, useWorkspaceT } from './i18n.js';
import { findingText } from './finding-text.js';
import { findingTarget } from './model/finding-target.js';
import type { IssueSession } from './model/session.js';

/** Quiet time after the last edit before the open panel checks again, ms. */
const RECHECK_MS = 800;

/**
 * The preflight panel (印前检查), open beside the page while the editor works — not only inside
 * the export dialog: what the plant would reject in the issue as edited, checked again shortly
 * after each change; a finding click goes to its page and selects its frame.
 */
export function PreflightPanel({
  api,
  session,
  version,
  onShow,
  onClose,
}: {
  api: Pick<BroadsheetApi, 'preflightIssue'>;
  session: IssueSession;
  /** The session's version: a change to check again after. */
  version: number;
  onShow: (target: { pageIndex: number; frameId?: string }) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useWorkspaceT();
  const [pdfx, setPdfx] = useState(true);
  const [report, setReport] = useState<PreflightReportDto | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const asked = useRef(0);

  useEffect(() => {
    if (!session.path) {
      setReport(null);
      return setProblem(t('preflight.saveFirst'));
    }
    const ask = ++asked.current;
    const timer = setTimeout(
      () => {
        setChecking(true);
        api.preflightIssue({ issuePath: session.path, issue: session.issue, pdfx }).then(
          (r) => ask === asked.current && (setReport(r), setProblem(null), setChecking(false)),
          (err: unknown) => ask === asked.current && (setProblem(errorMessage(err)), setChecking(false)),
        );
      },
      report ? RECHECK_MS : 0,
    );
    return () => clearTimeout(timer);
    // `report` only decides the first check's delay: not a reason to check again.
  }, [api, session, version, pdfx, t]);

  const row = (f: PreflightFindingDto, i: number) => {
    const target = findingTarget(session.issue, f);
    return (
      <li key={`${f.severity}-${i}`} className={`bs-ws-finding bs-ws-finding-${f.severity}`} data-testid="preflight-finding" data-code={f.code}>
        <button type="button" disabled={!target} onClick={() => target && onShow(target)} title={target ? t('preflight.show') : undefined}>
          {f.pageLabel && <b>{f.pageLabel}</b>} {f.story && <i>{f.story}</i>} {findingText(t, (k) => i18n.exists(k, { ns: NS }), f)}
        </button>
      </li>
    );
  };
  const errors = report?.errors ?? [];
  const warnings = report?.warnings ?? [];
  return (
    <section className="bs-ws-preflight" aria-label={t('preflight.title')} data-testid="preflight-panel" data-state={checking ? 'checking' : report ? 'done' : 'none'}>
      <header>
        <h2>{t('preflight.title')}</h2>
        <span className={errors.length ? 'bs-ws-preflight-bad' : 'bs-ws-preflight-good'} data-testid="preflight-summary">
          {report ? (errors.length || warnings.length ? t('preflight.summary', { errors: errors.length, warnings: warnings.length }) : t('preflight.clean')) : checking ? t('export.checking') : ''}
        </span>
        <button type="button" className="bs-ws-preflight-close" onClick={onClose} aria-label={t('preflight.close')}>
          ×
        </button>
      </header>
      <label className="bs-ws-check">
        <input type="checkbox" checked={pdfx} onChange={(e) => setPdfx(e.target.checked)} />
        {t('preflight.asPdfx')}
      </label>
      {problem && <p className="bs-ws-warn">{problem}</p>}
      {report?.print && pdfx && <p className="bs-ws-detail">{t('preflight.print', { condition: report.print.condition, inkLimit: report.print.inkLimit })}</p>}
      <ul className="bs-ws-findings bs-ws-preflight-list">
        {errors.map(row)}
        {warnings.map(row)}
      </ul>
    </section>
  );
}
