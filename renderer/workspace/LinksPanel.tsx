import { useRef, useState } from 'react';
import type { LinksReportDto } from '../../core/api/methods.js';
import type { Issue } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { useWorkspaceT } from './i18n.js';
import { linkRows, RELINK_FILE_TYPES, type LinkRow } from './links.js';

/**
 * The Links panel (链接), as InDesign's: every photo of the issue with its page and frame, the
 * state of its link, its pixel size and effective resolution in its frame. A row selects its
 * frame's page; an outside link can be accepted (after a confirm naming its real file) and any
 * photo relinked to a file picked here (sent as an upload). Broken links are red.
 */

export interface LinksPanelProps {
  issue: Issue;
  templates: TemplateRegistry;
  report: LinksReportDto | null;
  error: string | null;
  readOnly: boolean;
  /** Plant minimum at placed size (ppi below it is flagged). */
  minPpi?: number;
  onShow(row: LinkRow): void;
  onAcceptOutside(row: LinkRow): void;
  onRelink(row: LinkRow, file: File): void;
  onClose(): void;
}

export function LinksPanel(p: LinksPanelProps) {
  const { t } = useWorkspaceT();
  const picker = useRef<HTMLInputElement | null>(null);
  const [relinking, setRelinking] = useState<LinkRow | null>(null);
  const rows = p.report ? linkRows(p.report, p.issue, p.templates) : [];
  const minPpi = p.minPpi ?? 200;
  return (
    <section className="bs-ws-panel bs-ws-links" aria-label={t('links.title')} data-testid="links-panel">
      <header className="bs-ws-panel-head">
        <h2>{t('links.title')}</h2>
        <span className="bs-ws-detail" data-testid="links-summary">
          {p.report ? t('links.summary', { count: rows.length, broken: rows.filter((r) => r.broken).length }) : t('links.loading')}
        </span>
        <button type="button" onClick={p.onClose} title={t('links.close')} aria-label={t('links.close')}>
          ×
        </button>
      </header>
      {p.error && <p className="bs-ws-warn bs-ws-hint">{t('links.failed', { message: p.error })}</p>}
      {p.report && rows.length === 0 && <p className="bs-ws-empty">{t('links.none')}</p>}
      {rows.length > 0 && (
        <table className="bs-ws-story-table bs-ws-links-table">
          <thead>
            <tr>
              <th>{t('links.file')}</th>
              <th>{t('links.where')}</th>
              <th>{t('links.status')}</th>
              <th className="num">{t('links.pixels')}</th>
              <th className="num">{t('links.ppi')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const e = r.entry;
              const lowRes = r.ppi !== undefined && r.ppi < minPpi;
              return (
                <tr
                  key={e.id}
                  className={`${r.broken ? 'is-broken' : ''}${r.frame ? ' is-placed' : ''}`}
                  onClick={() => r.frame && p.onShow(r)}
                  title={e.message}
                  data-testid="link-row"
                  data-asset={e.id}
                  data-status={e.status}
                >
                  <td>
                    <div className="bs-ws-link-file">{e.path.split('/').pop()}</div>
                    <div className="bs-ws-link-actions" onClick={(ev) => ev.stopPropagation()}>
                      {e.status === 'outside' && e.realPath && (
                        <button type="button" disabled={p.readOnly} onClick={() => p.onAcceptOutside(r)} data-testid="link-accept">
                          {t('links.accept')}
                        </button>
                      )}
                      <button
                        type="button"
                        disabled={p.readOnly}
                        onClick={() => {
                          setRelinking(r);
                          picker.current?.click();
                        }}
                        data-testid="link-relink"
                      >
                        {t('links.relink')}
                      </button>
                    </div>
                  </td>
                  <td className="bs-ws-link-where">{r.frame ? t('links.onPage', { number: r.frame.page }) + (e.frames.length > 1 ? ` +${e.frames.length - 1}` : '') : t('links.unplaced')}</td>
                  <td>
                    <span className={`bs-ws-link-status bs-ws-link-${e.status}`} data-testid="link-status">
                      {t(`links.state.${e.status}`)}
                    </span>
                    {e.realPath && (e.status === 'outside' || e.status === 'outside-accepted') && <div className="bs-ws-detail bs-ws-link-real">→ {e.realPath}</div>}
                  </td>
                  <td className="num">{e.widthPx && e.heightPx ? `${e.widthPx}×${e.heightPx}` : '—'}</td>
                  <td className={`num${lowRes ? ' bs-ws-warn' : ''}`} title={lowRes ? t('links.lowRes', { min: minPpi }) : undefined}>
                    {r.ppi ?? '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <input
        ref={picker}
        type="file"
        accept={RELINK_FILE_TYPES}
        hidden
        data-testid="link-file"
        onChange={(ev) => {
          const file = ev.target.files?.[0];
          const row = relinking;
          ev.target.value = '';
          if (file && row) p.onRelink(row, file);
          setRelinking(null);
        }}
      />
    </section>
  );
}
