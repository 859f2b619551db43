import { useEffect, useRef, useState } from 'react';
import type { BroadsheetApi, ExportStatusDto, PreflightFindingDto, PreflightReportDto } from '../../core/api/methods.js';
import { NS, useWorkspaceT } from './i18n.js';
import { findingText } from './finding-text.js';
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
  /** Number (as printed) of the page on screen, for "this page". */
  currentPage?: number;
  /** Saves a file the export wrote into the user's downloads (relative URL of the host's export-files/); none = not offered. */
  download?: (url: string, name: string) => Promise<void>;
}

/** What the dialog exports, as the CLI's options (broadsheet export --help). */
type Range = 'all' | 'current' | 'list';
type Target = 'file' | 'split';

/** Page numbers as printed, like "1,3-4" (the API checks the same). */
export const PAGE_LIST = /^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/;

/** Bleed the dialog accepts, mm (the CLI's --bleed range). */
const BLEED_MAX_MM = 20;

/** How often the dialog asks for progress, ms. */
const POLL_MS = 150;

function defaultOutput(path: string): string {
  return path.replace(/\.broadsheet$/i, '') + '.pdf';
}

/** One PDF per page goes into a folder beside the issue, named after it. */
function defaultSplitDir(path: string): string {
  return path.replace(/\.broadsheet$/i, '') + ' PDF';
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function ExportDialog({ api, session, onClose, output: given, currentPage, download }: ExportDialogProps) {
  const { t, i18n } = useWorkspaceT();
  const say = (f: PreflightFindingDto) => findingText(t, (k) => i18n.exists(k, { ns: NS }), f);
  const [pdfx, setPdfx] = useState(false);
  const [output, setOutput] = useState(given ?? defaultOutput(session.path));
  const [target, setTarget] = useState<Target>('file');
  const [splitDir, setSplitDir] = useState(defaultSplitDir(session.path));
  const [range, setRange] = useState<Range>('all');
  const [pageList, setPageList] = useState('');
  const [bleed, setBleed] = useState('0');
  const [marks, setMarks] = useState(false);
  const [fetching, setFetching] = useState<string | null>(null);
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

  const bleedMm = Number(bleed);
  const pages = range === 'current' && currentPage !== undefined ? String(currentPage) : range === 'list' ? pageList.trim() : undefined;
  const problem =
    target === 'file' && !output.toLowerCase().endsWith('.pdf')
      ? t('export.badOutput')
      : target === 'split' && !splitDir.trim()
        ? t('export.badFolder')
        : range === 'list' && !PAGE_LIST.test(pageList)
          ? t('export.badPages')
          : !(bleed.trim() !== '' && bleedMm >= 0 && bleedMm <= BLEED_MAX_MM)
            ? t('export.badBleed', { max: BLEED_MAX_MM })
            : null;
  const [jobId, setJobId] = useState<string | null>(null);

  const run = async () => {
    setStatus({ phase: 'open', done: 0, total: 0 });
    try {
      const { jobId } = await api.startExport({
        issuePath: session.path,
        issue: session.issue,
        ...(target === 'file' ? { output } : { splitDir: splitDir.trim() }),
        ...(pages ? { pages } : {}),
        pdfx,
        ...(bleedMm > 0 ? { bleedMm } : {}),
        ...(marks ? { marks } : {}),
        ignoreErrors: !!report?.errors.length,
      });
      setJobId(jobId);
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
      {f.pageLabel && <b>{f.pageLabel}</b>} {f.story && <i>{f.story}</i>} {say(f)}
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
        <fieldset className="bs-ws-options" disabled={!!running}>
          <legend>{t('export.pages')}</legend>
          <label className="bs-ws-check">
            <input type="radio" name="bs-export-range" checked={range === 'all'} onChange={() => setRange('all')} />
            {t('export.allPages', { count: session.issue.pages.length })}
          </label>
          {currentPage !== undefined && (
            <label className="bs-ws-check">
              <input type="radio" name="bs-export-range" checked={range === 'current'} onChange={() => setRange('current')} data-testid="export-current" />
              {t('export.currentPage', { number: currentPage })}
            </label>
          )}
          <label className="bs-ws-check">
            <input type="radio" name="bs-export-range" checked={range === 'list'} onChange={() => setRange('list')} />
            {t('export.pageList')}
            <input type="text" value={pageList} placeholder="1,3-4" size={10} onFocus={() => setRange('list')} onChange={(e) => setPageList(e.target.value)} data-testid="export-pages" />
          </label>
        </fieldset>
        <fieldset className="bs-ws-options" disabled={!!running}>
          <legend>{t('export.target')}</legend>
          <label className="bs-ws-check">
            <input type="radio" name="bs-export-target" checked={target === 'file'} onChange={() => setTarget('file')} />
            {t('export.oneFile')}
          </label>
          <label className="bs-ws-check">
            <input type="radio" name="bs-export-target" checked={target === 'split'} onChange={() => setTarget('split')} data-testid="export-split" />
            {t('export.perPage')}
          </label>
          {target === 'file' ? (
            <label className="bs-ws-field">
              <span>{t('export.output')}</span>
              <input type="text" value={output} onChange={(e) => setOutput(e.target.value)} data-testid="export-output" />
            </label>
          ) : (
            <label className="bs-ws-field">
              <span>{t('export.folder')}</span>
              <input type="text" value={splitDir} onChange={(e) => setSplitDir(e.target.value)} data-testid="export-folder" />
            </label>
          )}
        </fieldset>
        <fieldset className="bs-ws-options" disabled={!!running}>
          <legend>{t('export.print')}</legend>
          <label className="bs-ws-check">
            <input type="checkbox" checked={pdfx} onChange={(e) => setPdfx(e.target.checked)} data-testid="export-pdfx" />
            {t('export.pdfx')}
          </label>
          <label className="bs-ws-check">
            {t('export.bleed')}
            <input type="number" min={0} max={BLEED_MAX_MM} step={0.5} value={bleed} onChange={(e) => setBleed(e.target.value)} data-testid="export-bleed" style={{ width: '5em' }} />
            {t('export.mm')}
          </label>
          <label className="bs-ws-check">
            <input type="checkbox" checked={marks} onChange={(e) => setMarks(e.target.checked)} data-testid="export-marks" />
            {t('export.marks')}
          </label>
        </fieldset>
        {problem && <p className="bs-ws-warn" data-testid="export-problem">{problem}</p>}
        {status && (
          <div className="bs-ws-progress" data-testid="export-status" data-phase={status.phase}>
            {status.phase === 'failed' ? (
              <p className="bs-ws-warn">{t('export.failed', { message: status.error ?? '' })}</p>
            ) : status.phase === 'done' && status.result ? (
              status.result.ok ? (
                <div data-testid="export-done">
                  <p>{t('export.done', { pages: status.result.pages, size: formatBytes(status.result.bytes), file: status.result.files.length === 1 ? status.result.files[0] : t('export.files', { count: status.result.files.length }) })}</p>
                  {download && jobId && (
                    <ul className="bs-ws-files">
                      {status.result.files.map((f, i) => (
                        <li key={f}>
                          <span title={f}>{baseName(f)}</span>
                          <button
                            type="button"
                            disabled={fetching === f}
                            data-testid="export-download"
                            onClick={() => {
                              setFetching(f);
                              download(`export-files/${jobId}/${i}`, baseName(f)).then(
                                () => alive.current && setFetching(null),
                                (err: unknown) => alive.current && (setFetching(null), setStatus((s) => s && { ...s, error: errorMessage(err) })),
                              );
                            }}
                          >
                            {t('export.download')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                  {status.error && <p className="bs-ws-warn">{status.error}</p>}
                </div>
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
          <button type="button" className="bs-ws-primary" disabled={!report || !!running || !!problem} onClick={() => void run()} data-testid="export-run">
            {report?.errors.length ? t('export.runAnyway') : t('export.run')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
