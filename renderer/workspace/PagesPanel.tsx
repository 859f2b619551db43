import { memo, startTransition, useEffect, useRef, useState } from 'react';
import type { ComposedIssue } from '../../core/compose/types.js';
import type { DisplayPage, FontKey } from '../../core/display/types.js';
import type { Issue } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { PageSvg } from '../paint/index.js';
import { pageRows } from './pasteboard.js';
import { useWorkspaceT } from './i18n.js';
import { diagnosticWords, pageStatus } from './model/summary.js';

/**
 * The pages panel (the flatplan): every page as a thumbnail painted from its display list,
 * with its number, section and a status mark (fits / overset / warnings from the composer's
 * diagnostics), single or in spreads; add, duplicate, delete and reorder (drag, or the
 * buttons), and the template of the current page.
 */

export interface PagesPanelProps {
  issue: Issue;
  composed: ComposedIssue;
  templates: TemplateRegistry;
  fonts: Record<FontKey, { family: string; weight: number }>;
  assetUrl: (assetId: string) => string;
  current: number;
  spreads: boolean;
  onSpreads(on: boolean): void;
  onGo(pageIndex: number): void;
  onAdd(): void;
  onDuplicate(): void;
  onDelete(): void;
  onMove(from: number, to: number): void;
  onTemplate(templateId: string): void;
  /** Page indexes showing a missing or unreadable photo (the links report): marked at once. */
  brokenLinks?: ReadonlySet<number>;
}

const THUMB_WIDTH = 92;
/** Quiet time after the last change before thumbnails repaint, ms. */
const THUMB_DELAY_MS = 400;

const PAGE_DRAG_TYPE = 'application/x-broadsheet-page';

export function PagesPanel(p: PagesPanelProps) {
  const { t } = useWorkspaceT();
  const storyName = (id: string) => p.issue.stories.find((s) => s.id === id)?.slug || undefined;
  const [dragOver, setDragOver] = useState<number | null>(null);
  // Thumbnails follow once typing pauses: repainting a whole small page per keystroke would
  // take the main thread from the page being edited. Status marks follow at once.
  // The first thumbnails are painted after the canvas's first paint (opening shows the page first).
  const [thumbPages, setThumbPages] = useState<DisplayPage[] | null>(null);
  useEffect(() => {
    if (thumbPages === p.composed.pages) return;
    // A transition: React paints the small pages in slices, never one long task under the caret.
    const id = setTimeout(() => startTransition(() => setThumbPages(p.composed.pages)), thumbPages ? THUMB_DELAY_MS : 50);
    return () => clearTimeout(id);
  }, [p.composed.pages, thumbPages]);
  const rows = pageRows(p.issue.pages.length, p.spreads);
  const page = p.issue.pages[p.current];
  return (
    <section className="bs-ws-panel bs-ws-pages" aria-label={t('pages.title')}>
      <header className="bs-ws-panel-head">
        <h2>{t('pages.title')}</h2>
        <label className="bs-ws-check">
          <input type="checkbox" checked={p.spreads} onChange={(e) => p.onSpreads(e.target.checked)} />
          {t('toolbar.spread')}
        </label>
      </header>
      <div className="bs-ws-page-actions">
        <button type="button" onClick={p.onAdd} data-testid="page-add">{t('pages.add')}</button>
        <button type="button" onClick={p.onDuplicate}>{t('pages.duplicate')}</button>
        <button type="button" onClick={p.onDelete} disabled={p.issue.pages.length < 2}>{t('pages.delete')}</button>
        <button type="button" onClick={() => p.onMove(p.current, p.current - 1)} disabled={p.current === 0} title={t('pages.moveUp')}>↑</button>
        <button type="button" onClick={() => p.onMove(p.current, p.current + 1)} disabled={p.current >= p.issue.pages.length - 1} title={t('pages.moveDown')}>↓</button>
      </div>
      {page && (
        <label className="bs-ws-field">
          <span>{t('pages.template')}</span>
          <select value={page.templateId} onChange={(e) => p.onTemplate(e.target.value)} data-testid="page-template">
            {p.templates.ids().map((id) => (
              <option key={id} value={id}>
                {p.templates.get(id)?.spec.name ?? id}
              </option>
            ))}
          </select>
        </label>
      )}
      <ol className="bs-ws-thumbs">
        {rows.map((row) => (
          <li key={row.join('-')} className={`bs-ws-thumb-row${p.spreads ? ' is-spread' : ''}${p.spreads && row.length === 1 && row[0] % 2 === 0 ? ' is-right' : ''}`}>
            {row.map((i) => {
              const pg = p.issue.pages[i];
              const display = thumbPages ? thumbPages[i] : undefined;
              const status = pageStatus(p.composed.diagnostics, i);
              return (
                <button
                  key={pg.id}
                  type="button"
                  className={`bs-ws-thumb${i === p.current ? ' is-current' : ''}${dragOver === i ? ' is-drop' : ''}`}
                  onClick={() => p.onGo(i)}
                  draggable
                  onDragStart={(e) => e.dataTransfer.setData(PAGE_DRAG_TYPE, String(i))}
                  onDragOver={(e) => {
                    if (e.dataTransfer.types.includes(PAGE_DRAG_TYPE)) {
                      e.preventDefault();
                      setDragOver(i);
                    }
                  }}
                  onDragLeave={() => setDragOver(null)}
                  onDrop={(e) => {
                    setDragOver(null);
                    const from = Number(e.dataTransfer.getData(PAGE_DRAG_TYPE));
                    if (Number.isInteger(from) && from !== i) p.onMove(from, i);
                  }}
                  title={status.diagnostics.map((d) => diagnosticWords(t, d, storyName)).join('\n') || undefined}
                  // Named as the desk says it, not by the whole page's text the thumbnail paints.
                  aria-label={t('pages.thumb', { number: pg.number, label: pg.label ?? pg.number, section: pg.section || t('pages.noSection'), status: t(`pages.status.${status.status}`) })}
                  data-testid="page-thumb"
                  data-status={status.status}
                >
                  {display ? <Thumb page={display} fonts={p.fonts} assetUrl={p.assetUrl} /> : <span className="bs-ws-thumb-blank" style={{ aspectRatio: `${p.composed.pages[i]?.width ?? 1} / ${p.composed.pages[i]?.height ?? 1.4}` }} />}
                  <span className="bs-ws-thumb-caption">
                    <span className={`bs-ws-status bs-ws-status-${status.status}`} aria-label={t(`pages.status.${status.status}`)} />
                    <b>{pg.label ?? pg.number}</b> {pg.section || t('pages.noSection')}
                    {p.brokenLinks?.has(i) && (
                      <span className="bs-ws-thumb-links" title={t('links.brokenOnPage')} aria-label={t('links.brokenOnPage')} data-testid="page-links-broken">
                        !
                      </span>
                    )}
                  </span>
                </button>
              );
            })}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A thumbnail: the page painted small (same painter, same fonts), once it scrolls into the panel's view. */
const Thumb = memo(function Thumb({ page, fonts, assetUrl }: { page: DisplayPage; fonts: Record<FontKey, { family: string; weight: number }>; assetUrl: (id: string) => string }) {
  const [seen, setSeen] = useState(false);
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  if (!seen) return <span ref={ref} className="bs-ws-thumb-blank" style={{ aspectRatio: `${page.width} / ${page.height}` }} />;
  return <PageSvg className="bs-thumb-page" page={page} scale={THUMB_WIDTH / page.width} fonts={fonts} assetUrl={assetUrl} label={String(page.number)} />;
});
