import { useTranslation } from 'react-i18next';
import { GridOverlay, PageSvg } from '../paint/index.js';
import type { IssueView } from './document.js';

/**
 * The issue's pages side by side, painted from the composer's display lists. This is the
 * read-only view of the foundation; the page editor workspace (renderer/workspace) takes
 * this place in App and draws pages with the same painter.
 */
export function PageStrip({ view, scale, showGrid, assetUrl }: { view: IssueView; scale: number; showGrid: boolean; assetUrl: (id: string) => string }) {
  const { t } = useTranslation();
  const { composed, issue } = view;
  if (!composed.pages.length) return <p className="bs-empty">{t('workspace.empty')}</p>;
  return (
    <div className="bs-pages">
      {composed.pages.map((page, i) => {
        const src = issue.pages[i];
        const template = src && view.templates.get(src.templateId);
        const label = src?.section ? t('page.section', { number: page.number, section: src.section }) : t('page.label', { number: page.number });
        return (
          <figure className="bs-page-frame" key={src?.id ?? i}>
            <PageSvg
              page={page}
              scale={scale}
              fonts={view.fonts.css}
              assetUrl={assetUrl}
              label={label}
              overlay={showGrid && template ? <GridOverlay template={template} /> : null}
            />
            <figcaption>{label}</figcaption>
          </figure>
        );
      })}
    </div>
  );
}
