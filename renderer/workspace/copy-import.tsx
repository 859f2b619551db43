import { codePointsText, firstPaintCodePoints } from '../../core/fonts/coverage.js';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { copyFileLimit, IMPORT_COPY_LIMITS, type BroadsheetApi, type CopyProblemCode } from '../../core/api/methods.js';
import type { ComposeContext } from '../../core/compose/types.js';
import { importText, toModelStory, type ImportReport } from '../../core/import/index.js';
import type { LayoutNote } from '../../core/layout/index.js';
import type { Issue, Story } from '../../core/model/issue.js';
import { useWorkspaceT } from './i18n.js';
import { addStories, layOutUnplaced, type AutoLayoutOutcome } from './model/copy.js';
import type { Operation } from './model/operations.js';
import type { IssueSession } from './model/session.js';
import { blockText } from './model/summary.js';
import { errorMessage } from '../../core/error-message.js';
import { Modal } from './Modal.js';

/**
 * Copy into the open issue from the workspace: Import Copy… (files picked in the
 * browser, sent as bytes; or the paths the desktop shell's dialog returned), plain text pasted
 * into the stories panel, and Lay out unplaced stories. Imported stories are added unplaced in
 * one undoable step and the import report is shown for review; the layout is one undoable step
 * and what it could not do is listed. Bad files are named and nothing changes.
 */

/** Why copy was refused before or by the host: a code the dialog says in the editor's language. */
export interface CopyProblem {
  code: CopyProblemCode | 'too-many' | 'failed';
  file: string;
  size?: number;
  max?: number;
  /** The host's own words (English), shown as the detail. */
  detail?: string;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Checks picked files against the import limits before any is read (an empty or huge file is named at once). */
export function checkPickedFiles(files: ReadonlyArray<{ name: string; size: number }>): CopyProblem | null {
  if (files.length > IMPORT_COPY_LIMITS.files) return { code: 'too-many', file: '', max: IMPORT_COPY_LIMITS.files };
  for (const f of files) {
    if (f.size === 0) return { code: 'empty', file: f.name };
    if (f.size > copyFileLimit(f.name)) return { code: 'too-large', file: f.name, size: f.size, max: copyFileLimit(f.name) };
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > IMPORT_COPY_LIMITS.totalBytes) return { code: 'too-large', file: files.map((f) => f.name).join('、'), size: total, max: IMPORT_COPY_LIMITS.totalBytes };
  return null;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** What the copy dialog shows: an import report, a layout's outcome, or a refusal. */
export interface CopyDialogState {
  report?: ImportReport;
  files?: Array<{ name: string; format: string }>;
  layout?: AutoLayoutOutcome;
  problem?: CopyProblem;
}

export interface CopyImportOptions {
  api: BroadsheetApi;
  session: IssueSession;
  ctx: ComposeContext;
  apply: (op: Operation) => boolean;
  /** After a layout that placed stories: the first page laid out (the canvas goes there). */
  onLaidOut?: (pageIndex: number) => void;
  onError: (message: string) => void;
  /**
   * Resolves once the fonts cover the characters of `text` (the issue opens on subsets of its own
   * characters, grown to GB 2312; imported copy may have others): automatic layout waits for it, so
   * it never measures a character the subsets do not hold.
   */
  fontsFor?: (text: string) => Promise<unknown>;
}

/** Resolves once the browser has painted what is rendered now: a synchronous job that follows does not hide it. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function useCopyImport(o: CopyImportOptions) {
  const { t } = useWorkspaceT();
  const [dialog, setDialog] = useState<CopyDialogState | null>(null);
  const [busy, setBusy] = useState(false);
  /** Lay out unplaced stories is running (waiting for fonts, or laying out): its buttons are off, the status bar says so. */
  const [layingOut, setLayingOut] = useState(false);
  const layingOutNow = useRef(false);
  const existingIds = () => o.session.issue.stories.map((s) => s.id);

  const added = (stories: Story[], report: ImportReport, files: Array<{ name: string; format: string }>) => {
    if (o.apply(addStories(stories))) setDialog({ report, files });
  };

  const importFiles = useCallback(
    async (picked: File[]) => {
      if (!picked.length) return;
      const problem = checkPickedFiles(picked);
      if (problem) return setDialog({ problem });
      setBusy(true);
      try {
        const files = await Promise.all(picked.map(async (f) => ({ name: f.name, dataBase64: base64(new Uint8Array(await f.arrayBuffer())) })));
        const r = await o.api.importCopy({ files, existingIds: existingIds() });
        if (!r.ok) setDialog({ problem: { code: r.code, file: r.file, detail: r.message } });
        else added(r.stories, r.report, r.files);
      } catch (err) {
        setDialog({ problem: { code: 'failed', file: picked.map((f) => f.name).join('、'), detail: errorMessage(err) } });
      } finally {
        setBusy(false);
      }
    },
    [o.api, o.session, o.apply],
  );

  const importPaths = useCallback(
    async (paths: string[]) => {
      setBusy(true);
      try {
        const r = await o.api.importCopy({ paths, existingIds: existingIds() });
        if (!r.ok) setDialog({ problem: { code: r.code, file: r.file, detail: r.message } });
        else added(r.stories, r.report, r.files);
      } catch (err) {
        setDialog({ problem: { code: 'failed', file: paths.map((p) => p.split(/[\\/]/).pop()).join('、'), detail: errorMessage(err) } });
      } finally {
        setBusy(false);
      }
    },
    [o.api, o.session, o.apply],
  );

  /** Plain text pasted into the stories panel: imported as the copy of a file named after the paste. */
  const importPasted = useCallback(
    (text: string) => {
      const name = t('importer.pasted');
      const bytes = new TextEncoder().encode(text).length;
      if (bytes > IMPORT_COPY_LIMITS.textBytes) return setDialog({ problem: { code: 'too-large', file: name, size: bytes, max: IMPORT_COPY_LIMITS.textBytes } });
      const r = importText(name, text, { existingIds: existingIds() });
      if (!r.stories.length) return setDialog({ problem: { code: 'no-stories', file: name } });
      added(r.stories.map(toModelStory), r.report, [{ name, format: 'text' }]);
    },
    [o.session, o.apply, t],
  );

  const layoutUnplaced = useCallback(async () => {
    if (layingOutNow.current) return;
    layingOutNow.current = true;
    // Rendered at once (also when the menu asked), then painted before the synchronous layout runs.
    flushSync(() => setLayingOut(true));
    let outcome: AutoLayoutOutcome | undefined;
    try {
      await o.fontsFor?.(codePointsText(firstPaintCodePoints(o.session.issue)));
      await afterPaint();
      if (!o.apply(layOutUnplaced(o.ctx, (x) => (outcome = x)))) return;
    } catch (err) {
      o.onError(t('error.layoutFailed', { message: errorMessage(err) }));
      return;
    } finally {
      layingOutNow.current = false;
      setLayingOut(false);
    }
    if (!outcome) return;
    const got = outcome;
    setDialog((d) => ({ ...(d?.problem ? {} : d), layout: got }));
    if (got.pages.length) o.onLaidOut?.(got.pages[0]);
  }, [o.apply, o.ctx, o.onLaidOut, o.fontsFor, t]);

  const element: ReactNode = dialog && <CopyDialog state={dialog} issue={o.session.issue} onLayout={layoutUnplaced} layingOut={layingOut} onClose={() => setDialog(null)} />;
  return { importFiles, importPaths, importPasted, layoutUnplaced, busy, layingOut, dialog: element };
}

function storyName(issue: Issue, id: string | undefined): string {
  const s = id ? issue.stories.find((x) => x.id === id) : undefined;
  if (!s) return id ?? '';
  return blockText(s.doc, 'headline') || s.slug || s.id;
}

/** One layout note in the editor's language (core/layout's numbers; its English message as the title). */
export function noteKey(n: LayoutNote): string {
  if (n.kind === 'unplaced') return n.values?.onPage !== undefined ? 'autoLayout.note.alreadyPlaced' : n.values?.partial ? 'autoLayout.note.unplacedPartial' : 'autoLayout.note.unplaced';
  return `autoLayout.note.${n.kind}`;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) + '…' : s);

/** The part of a change worth reading: the join (¶ marks where the lines met), the first edit, or the flagged paragraph. */
export function changeExcerpt(c: { kind: string; before: string; after: string }): string {
  const around = (s: string, i: number, w: number) => `${i > w ? '…' : ''}${s.slice(Math.max(0, i - w), i + w)}${i + w < s.length ? '…' : ''}`;
  if (c.kind === 'joined') {
    const i = c.before.indexOf('¶');
    return i < 0 ? clip(c.after, 60) : around(c.before, i, 14);
  }
  if (c.before === c.after) return clip(c.after, 60);
  let i = 0;
  while (i < c.before.length && c.before[i] === c.after[i]) i++;
  return `${around(c.before, i, 12)} → ${around(c.after, i, 12)}`;
}

/** The import report to review (what was recognised, joined, flagged, changed) and the layout's outcome. */
function CopyDialog({ state, issue, onLayout, layingOut, onClose }: { state: CopyDialogState; issue: Issue; onLayout: () => void; layingOut: boolean; onClose: () => void }) {
  const { t } = useWorkspaceT();
  const { report, layout, problem } = state;
  const unplacedLeft = report && !layout;
  const title = problem || report ? t('importer.title') : t('autoLayout.title');
  return (
    <Modal label={title} testid="copy-dialog" onClose={onClose}>
      <div className="bs-ws-dialog bs-ws-copy">
        <h2>{title}</h2>
        {problem && (
          <div role="alert" data-testid="copy-problem" data-code={problem.code} data-file={problem.file}>
            <p className="bs-ws-warn">
              {problem.code === 'failed'
                ? t('error.importFailed', { message: problem.detail ?? '' })
                : t(`importer.bad.${problem.code}`, { file: problem.file, size: problem.size !== undefined ? mb(problem.size) : '', max: problem.code === 'too-many' ? problem.max : problem.max !== undefined ? mb(problem.max) : '' })}
            </p>
            {problem.detail && problem.code !== 'failed' && <p className="bs-ws-detail">{problem.detail}</p>}
            <p>{t('importer.unchanged')}</p>
          </div>
        )}
        {report && <ImportReportView report={report} files={state.files ?? []} />}
        {layout && (
          <section data-testid="layout-outcome" data-placed={layout.placed.length} data-unplaced={layout.unplaced.length}>
            {report && <h3>{t('autoLayout.title')}</h3>}
            <p>
              {layout.placed.length
                ? t('autoLayout.placed', { count: layout.placed.length, pages: layout.pages.map((i) => issue.pages[i]?.number ?? i + 1).join('、'), ms: Math.round(layout.ms) })
                : t('autoLayout.nothingPlaced')}
            </p>
            {layout.notes.length === 0 && layout.placed.length > 0 && <p data-testid="layout-all-fit">{t('autoLayout.allFit')}</p>}
            {layout.notes.length > 0 && (
              <>
                <h3>{t('autoLayout.notes')}</h3>
                <ul className="bs-ws-findings">
                  {layout.notes.map((n, i) => (
                    <li key={i} className={`bs-ws-finding bs-ws-finding-${n.kind === 'hole' || n.kind === 'continued' ? 'warning' : 'error'}`} data-testid="layout-note" data-kind={n.kind} title={n.message}>
                      {t(noteKey(n), { story: clip(storyName(issue, n.storyId), 24), ...n.values })}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {layout.empty.length > 0 && <p>{t('autoLayout.empty', { count: layout.empty.length })}</p>}
            {layout.placed.length > 0 && <p className="bs-ws-detail">{t('autoLayout.undoHint')}</p>}
          </section>
        )}
        {report && !layout && <p className="bs-ws-detail">{t('importer.undoHint')}</p>}
        <div className="bs-ws-row bs-ws-dialog-actions">
          <button type="button" onClick={onClose} data-testid="copy-close">
            {t('importer.close')}
          </button>
          {unplacedLeft && (
            <button type="button" className="bs-ws-primary" onClick={onLayout} disabled={layingOut} data-testid="copy-layout">
              {t('importer.layout')}
            </button>
          )}
        </div>
      </div>
    </Modal>
  );
}

function ImportReportView({ report, files }: { report: ImportReport; files: Array<{ name: string; format: string }> }) {
  const { t } = useWorkspaceT();
  const byStory = new Map<string, ImportReport['recognised']>();
  for (const p of report.recognised) byStory.set(p.storyId, [...(byStory.get(p.storyId) ?? []), p]);
  const kinds = new Map<string, ImportReport['changes']>();
  for (const c of report.changes) kinds.set(c.kind, [...(kinds.get(c.kind) ?? []), c]);
  const PARTS = ['banner', 'kicker', 'headline', 'deck', 'byline', 'caption', 'credit'] as const;
  return (
    <section data-testid="import-report" data-stories={report.stories} data-changes={report.changes.length}>
      <p>{t('importer.from', { files: files.map((f) => (f.format === 'text' ? f.name : `${f.name} (${f.format})`)).join('、') })}</p>
      <h3>{t('importer.stories', { count: report.stories })}</h3>
      <ol className="bs-ws-import-stories">
        {[...byStory].map(([id, parts]) => {
          const head = parts.find((p) => p.kind === 'story' || p.kind === 'photo-story');
          const shown = PARTS.flatMap((k) => parts.filter((p) => p.kind === k));
          return (
            <li key={id} data-testid="import-story" data-story={id}>
              {head?.kind === 'photo-story' && <span className="bs-ws-tag">{t('importer.photoStory')}</span>}
              {shown.length === 0 && <i>{t('importer.noHeadline')} {clip(head?.text ?? '', 30)}</i>}
              {shown.map((p, i) => (
                <span key={i} className="bs-ws-part">
                  <b>{t(`importer.part.${p.kind}`)}</b> {clip(p.text, 40)}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
      <h3>{report.changes.length ? t('importer.changes', { count: report.changes.length }) : t('importer.noChanges')}</h3>
      {[...kinds].map(([kind, changes]) => (
        <details key={kind} open={kind === 'repeated' || kind === 'joined'} data-testid="import-changes" data-kind={kind} data-count={changes.length}>
          <summary>
            {t(`importer.kind.${kind}`)} · {changes.length}
          </summary>
          <ul className="bs-ws-changes">
            {changes.map((c, i) => (
              <li key={i} title={c.message}>
                <span className="bs-ws-where">{t('importer.line', { file: c.file, line: c.line })}</span>{' '}
                {changeExcerpt(c)}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {report.warnings.length > 0 && (
        <>
          <h3>{t('importer.warnings')}</h3>
          <ul className="bs-ws-findings">
            {report.warnings.map((w, i) => (
              <li key={i} className="bs-ws-finding bs-ws-finding-warning">
                {w}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
