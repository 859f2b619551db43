import { useMemo, useState } from 'react';
import type { ComposedIssue, StoryFit } from '../../core/compose/types.js';
import type { Issue } from '../../core/model/issue.js';
import { useWorkspaceT } from './i18n.js';
import { storyRows } from './model/summary.js';
import { STORY_DRAG_TYPE } from './PageCanvas.js';

/**
 * The stories panel: every story of the issue with slug, headline, length in characters and
 * lines, and how it fits (fits / short by N lines / overset by N characters), as the copy desk
 * tracks copyfit. Unplaced stories are dragged from here onto a page (into a slot or a cell),
 * or laid out automatically; plain text pasted here is imported as stories.
 */

export interface StoriesPanelProps {
  issue: Issue;
  composed: ComposedIssue;
  selectedStoryId: string | null;
  onShow(storyId: string): void;
  /** Length in lines of an unplaced story at one column (session.measureLines). */
  measureLines?: (storyId: string) => number | undefined;
  /** Lay out unplaced stories (排入未上版稿件); none: nothing to lay out. */
  onLayoutUnplaced?: () => void;
  /** Plain text pasted into the panel (not into a story): imported as stories. */
  onPasteText?: (text: string) => void;
}

export function FitBadge({ fit, placed }: { fit?: StoryFit; placed: boolean }) {
  const { t } = useWorkspaceT();
  if (!placed) return <span className="bs-ws-fit bs-ws-fit-unplaced">{t('stories.notPlaced')}</span>;
  if (!fit) return null;
  const text = fit.state === 'overset' ? t('stories.overset', { count: fit.chars }) : fit.state === 'short' ? t('stories.short', { count: fit.lines }) : t('stories.fits');
  return (
    <span className={`bs-ws-fit bs-ws-fit-${fit.state}`} data-testid="fit" data-state={fit.state} data-chars={fit.chars} data-lines={fit.lines}>
      {text}
    </span>
  );
}

export function StoriesPanel(p: StoriesPanelProps) {
  const { t } = useWorkspaceT();
  const [filter, setFilter] = useState<'all' | 'unplaced'>('all');
  const rows = useMemo(() => storyRows(p.issue, p.composed, p.measureLines), [p.issue, p.composed, p.measureLines]);
  const shown = filter === 'all' ? rows : rows.filter((r) => !r.placed);
  return (
    <section
      className="bs-ws-panel bs-ws-stories"
      aria-label={t('stories.title')}
      // Focusable so a paste lands here (not in a story being edited): copy of several stories comes in as stories.
      tabIndex={0}
      title={t('stories.pasteHint')}
      data-testid="stories-panel"
      onPaste={(e) => {
        const text = e.clipboardData.getData('text/plain');
        if (!p.onPasteText || !text.trim() || (e.target as HTMLElement).closest?.('input, textarea, [contenteditable="true"]')) return;
        e.preventDefault();
        p.onPasteText(text);
      }}
    >
      <header className="bs-ws-panel-head">
        <h2>{t('stories.title')}</h2>
        <div className="bs-ws-seg" role="group">
          <button type="button" className={filter === 'all' ? 'is-on' : ''} onClick={() => setFilter('all')}>
            {t('stories.all')} {rows.length}
          </button>
          <button type="button" className={filter === 'unplaced' ? 'is-on' : ''} onClick={() => setFilter('unplaced')} data-testid="stories-unplaced">
            {t('stories.unplaced')} {rows.filter((r) => !r.placed).length}
          </button>
        </div>
        <button type="button" className="bs-ws-primary" disabled={!p.onLayoutUnplaced} onClick={() => p.onLayoutUnplaced?.()} data-testid="stories-layout-unplaced">
          {t('stories.layoutUnplaced')}
        </button>
      </header>
      {shown.length === 0 ? (
        <p className="bs-ws-empty">{t('stories.none')}</p>
      ) : (
        <table className="bs-ws-story-table">
          <thead>
            <tr>
              <th>{t('stories.slug')}</th>
              <th>{t('stories.headline')}</th>
              <th className="num">{t('stories.chars')}</th>
              <th className="num">{t('stories.lines')}</th>
              <th>{t('stories.fit')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.id}
                className={`${r.id === p.selectedStoryId ? 'is-selected' : ''}${r.placed ? '' : ' is-unplaced'}`}
                draggable={!r.placed}
                onDragStart={(e) => {
                  e.dataTransfer.setData(STORY_DRAG_TYPE, r.id);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => r.placed && p.onShow(r.id)}
                title={r.placed ? undefined : t('stories.dragHint')}
                data-testid="story-row"
                data-story={r.id}
              >
                <td>{r.slug || r.id}</td>
                <td className="bs-ws-headline">{r.headline}</td>
                <td className="num">{r.chars}</td>
                <td className="num" title={r.placed ? undefined : t('stories.linesOneColumn')}>{r.lines ?? '—'}</td>
                <td>
                  <FitBadge fit={r.fit} placed={r.placed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
