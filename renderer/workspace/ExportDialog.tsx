import { useEffect, useRef, useState } from 'react';
import type { BroadsheetApi, ExportStatusDto, PreflightFindingDto, PreflightReportDto } from '../../core/api/methods.js';
import { useWorkspaceT } from './i18n.js';
import type { IssueSession } from './model/session.js';
import { errorMessage } from '../../core/error-message.js';
import { Modal } from './Modal.js';

/**
 * Export, as the plant's checklist wants it: the preflight list first (errors must be fixed
 * or deliberately overridden, warnings are shown), then the PDF written off the UI thread with
 * its progress. The issue is exported as it is on screen, saved or not.
 */

export interface ExportDialogProps {
  api: Pick<BroadsheetApi, 'preflightIssue' | 'startExport' | 'exportStatus'>;
  session: IssueSession;
  onClose(): void;
  /** Output file (the menu's save dialog gives one); default: beside the issue, same name. */
  output?: string;
}

/** How often the dialog asks for progress, ms. */
const POLL_MS = 150;

function defaultOutput(path: string): string {
  return path.replace(/\.broadsheet$/i, '') + '.pdf';
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function ExportDialog({ api, session, onClose, output: given }: ExportDialogProps) {
  const { t } = useWorkspaceT();
  const [pdfx, setPdfx] = useState(false);
  const [output, setOutput] = useState(given ?? defaultOutput(session.path));
  const [report, setReport] = useState<PreflightReportDto | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [status, setStatus] = useState<ExportStatusDto | null>(null);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  useEffect(() => {
    setReport(null);
    setCheckError(null);
    // A new issue has no file yet: photos and the export resolve against the issue's folder.
    if (!session.path) return setCheckError(t('export.saveFirst'));
    api
      .preflightIssue({ issuePath: session.path, issue: session.issue, pdfx })
      .then((r) => alive.current && setReport(r))
      .catch((err) => alive.current && setCheckError(errorMessage(err)));
  }, [api, session, pdfx, t]);

  const run = async () => {
    setStatus({ phase: 'open', done: 0, total: 0 });
    try {
      const { jobId } = await api.startExport({ issuePath: session.path, issue: session.issue, output, pdfx, ignoreErrors: !!report?.errors.length });
      for (;;) {
        const s = await api.exportStatus({ jobId });
        if (!alive.current) return;
        setStatus(s);
        if (s.phase === 'done' || s.phase === 'failed') return;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (err) {
      if (alive.current) setStatus({ phase: 'failed', done: 0, total: 0, error: errorMessage(err) });
    }
  };

  const running = status && status.phase !== 'done' && status.phase !== 'failed';
  const finding = (f: PreflightFindingDto, i: number) => (
    <li key={i} className={`bs-ws-finding bs-ws-finding-${f.severity}`} data-testid="finding" data-code={f.code}>
      {f.pageLabel && <b>{f.pageLabel}</b>} {f.story && <i>{f.story}</i>} {f.message}
    </li>
  );
  return (
    <Modal label={t('export.title')} testid="export-dialog" onClose={onClose}>
      <div className="bs-ws-dialog">
        <h2>{t('export.title')}</h2>
        <h3>{t('export.preflight')}</h3>
        {checkError && <p className="bs-ws-warn">{checkError}</p>}
        {!report && !checkError && <p>{t('export.checking')}</p>}
        {report && report.errors.length === 0 && report.warnings.length === 0 && <p data-testid="preflight-clean">{t('export.noProblems')}</p>}
        {report?.print && (
          <p data-testid="print-condition">
            {t('export.printCondition', { condition: report.print.condition, info: report.print.info, profile: report.print.profile, inkLimit: report.print.inkLimit })}
          </p>
        )}
        {report && report.errors.length > 0 && (
          <>
            <p className="bs-ws-warn">{t('export.errors', { count: report.errors.length })}</p>
            <ul className="bs-ws-findings">{report.errors.map(finding)}</ul>
          </>
        )}
        {report && report.warnings.length > 0 && (
          <>
            <p>{t('export.warnings', { count: report.warnings.length })}</p>
            <ul className="bs-ws-findings">{report.warnings.map(finding)}</ul>
          </>
        )}
        <label className="bs-ws-field">
          <span>{t('export.output')}</span>
          <input type="text" value={output} onChange={(e) => setOutput(e.target.value)} data-testid="export-output" />
        </label>
        <label className="bs-ws-check">
          <input type="checkbox" checked={pdfx} onChange={(e) => setPdfx(e.target.checked)} data-testid="export-pdfx" />
          {t('export.pdfx')}
        </label>
        {status && (
          <div className="bs-ws-progress" data-testid="export-status" data-phase={status.phase}>
            {status.phase === 'failed' ? (
              <p className="bs-ws-warn">{t('export.failed', { message: status.error ?? '' })}</p>
            ) : status.phase === 'done' && status.result ? (
              status.result.ok ? (
                <p data-testid="export-done">{t('export.done', { pages: status.result.pages, size: formatBytes(status.result.bytes), file: status.result.files.join(', ') })}</p>
              ) : (
                <p className="bs-ws-warn">{t('export.failed', { message: status.result.errors.join('; ') })}</p>
              )
            ) : (
              <>
                <progress max={status.total || 1} value={status.phase === 'paint' ? status.done : 0} />
                <span>{t('export.progress', { phase: t(`export.phase.${status.phase}`), done: status.done, total: status.total })}</span>
              </>
            )}
          </div>
        )}
        <div className="bs-ws-row bs-ws-dialog-actions">
          <button type="button" onClick={onClose}>{status?.phase === 'done' ? t('export.close') : t('export.cancel')}</button>
          <button type="button" className="bs-ws-primary" disabled={!report || !!running || !output.toLowerCase().endsWith('.pdf')} onClick={() => void run()} data-testid="export-run">
            {report?.errors.length ? t('export.runAnyway') : t('export.run')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
