import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { composeIssue } from '../../core/compose/index.js';
import type { DisplayPage } from '../../core/display/types.js';
import { emptyIssue } from '../../core/model/issue.js';
import type { Template, TemplateRegistry } from '../../core/templates/index.js';
import { PageSvg } from '../paint/page-svg.js';
import { Modal } from '../workspace/Modal.js';
import type { LoadedFonts } from './fonts.js';

const THUMB_WIDTH = 132;

/** The first page of a new issue on a template, composed as the workspace will show it (masthead, running heads, page number). */
function emptyPageOf(template: Template, paper: string, date: string, fonts: LoadedFonts, templates: TemplateRegistry): DisplayPage | null {
  try {
    const issue = emptyIssue({ paper, date, pages: [{ id: 'p1', number: 1, section: '', editor: '', designer: '', templateId: template.id, frames: [] }] });
    return composeIssue(issue, { fonts: fonts.source, templates }).pages[0] ?? null;
  } catch {
    return null;
  }
}

/** The template's grid and slots over its page: what the editor will lay out on. */
function GridOverlay({ template }: { template: Template }) {
  const { area, columns } = template;
  return (
    <g className="bs-new-grid">
      {Array.from({ length: columns }, (_, c) => {
        const x = template.columnX(c);
        return <rect key={c} x={x} y={area.y} width={template.columnWidth} height={area.h} />;
      })}
      {template.spec.slots.map((s) => {
        const b = template.box(s.rect);
        return <rect key={s.name} className={`bs-new-slot bs-new-slot-${s.kind}`} x={b.x} y={b.y} width={b.w} height={b.h} />;
      })}
    </g>
  );
}

/**
 * File ▸ New Issue… in the browser host: a template for the first page, chosen from
 * thumbnails of what each template's first page will look like (composed with the fonts
 * already loaded, its grid and slots over it), and the paper's name and date.
 */
export function NewIssueDialog({ templates, fonts, onCreate, onClose }: { templates: TemplateRegistry; fonts: LoadedFonts; onCreate: (o: { template: string; paper: string; date: string }) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useMemo(() => templates.ids().map((id) => templates.get(id)!).filter(Boolean), [templates]);
  const [chosen, setChosen] = useState(list.find((x) => x.spec.kind === 'front')?.id ?? list[0]?.id ?? '');
  const [paper, setPaper] = useState('新期刊');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const pages = useMemo(() => new Map(list.map((tp) => [tp.id, emptyPageOf(tp, '报名', '', fonts, templates)])), [list, fonts, templates]);

  return (
    <Modal label={t('newIssue.title')} testid="new-issue-dialog" onClose={onClose}>
      <div className="bs-ws-dialog bs-new-dialog">
        <h2>{t('newIssue.title')}</h2>
        <h3>{t('newIssue.template')}</h3>
        <div className="bs-new-templates" role="radiogroup" aria-label={t('newIssue.template')}>
          {list.map((tp) => {
            const page = pages.get(tp.id);
            const scale = THUMB_WIDTH / tp.pageWidth;
            return (
              <button key={tp.id} type="button" role="radio" aria-checked={chosen === tp.id} className="bs-new-template" onClick={() => setChosen(tp.id)} onDoubleClick={() => onCreate({ template: tp.id, paper, date })} data-template={tp.id}>
                {page ? (
                  <PageSvg className="bs-thumb-page" page={page} scale={scale} fonts={fonts.css} assetUrl={() => ''} label={tp.spec.name} overlay={<GridOverlay template={tp} />} />
                ) : (
                  <span className="bs-ws-thumb-blank" style={{ aspectRatio: `${tp.pageWidth} / ${tp.pageHeight}` }}>
                    {t('newIssue.noThumb')}
                  </span>
                )}
                <span className="bs-new-name">{tp.spec.name}</span>
                <span className="bs-ws-detail">{t('newIssue.columns', { columns: tp.columns, width: tp.spec.page.widthMm, height: tp.spec.page.heightMm })}</span>
              </button>
            );
          })}
        </div>
        <div className="bs-ws-row">
          <label className="bs-ws-field">
            <span>{t('newIssue.paper')}</span>
            <input type="text" value={paper} maxLength={200} onChange={(e) => setPaper(e.target.value)} data-testid="new-paper" />
          </label>
          <label className="bs-ws-field">
            <span>{t('newIssue.date')}</span>
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="new-date" />
          </label>
        </div>
        <div className="bs-ws-row bs-ws-dialog-actions">
          <button type="button" onClick={onClose}>
            {t('newIssue.cancel')}
          </button>
          <button type="button" className="bs-ws-primary" disabled={!chosen || !paper.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(date)} onClick={() => onCreate({ template: chosen, paper: paper.trim(), date })} data-testid="new-create">
            {t('newIssue.create')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
