import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import type { Issue } from '../../core/model/issue.js';
import { storySchema } from '../../core/model/story-schema.js';
import type { Template, TemplateRegistry } from '../../core/templates/index.js';
import { characterStyleActive, setParagraphStyle, toggleCharacterStyle, type StoryEditor } from '../editor/index.js';
import { useWorkspaceT } from './i18n.js';
import { faceLabel, paragraphStyleRows, stylesInRange, type StyleRow } from './model/paragraph-styles.js';
import { findFrame } from './model/threads.js';

/**
 * The styles panel (样式; Ctrl+F11, View ▸ Styles Panel), as InDesign's Paragraph Styles or 飞腾's
 * 样式 panel: the template's paragraph styles, each shown in its own face at (nearly) its size
 * with its 号, size and leading and how many paragraphs of the story use it; the style of the
 * paragraph(s) at the caret is marked. A click (or ↑ ↓ and Enter in the list) applies a style to
 * the paragraphs of the selection — one undo step, recomposed at once — and the character
 * styles (the story schema's marks) toggle over the selected text. Outside the text the panel
 * shows the selected frame's template read-only.
 */

export interface StylesPanelProps {
  issue: Issue;
  templates: TemplateRegistry;
  /** The story editor while text is being edited. */
  editor: StoryEditor | null;
  /** Bumped when the editor's selection or text changes. */
  caretTick: number;
  /** The frame being edited, else the selected one. */
  frameId: string | null;
  pageIndex: number;
  fonts: Record<string, { family: string; weight: number }>;
  onClose(): void;
}

/** Shown size of a style's sample: its size at screen scale, kept between 11 and 24 px so a 小初 headline fits the panel. */
const sampleStyle = (row: StyleRow, fonts: StylesPanelProps['fonts']): CSSProperties => {
  const face = fonts[row.font];
  return { fontFamily: face ? `"${face.family}"` : undefined, fontWeight: face?.weight, fontSize: `${Math.min(24, Math.max(11, row.size * (4 / 3))).toFixed(1)}px` };
};

export function StylesPanel(p: StylesPanelProps) {
  const { t, i18n } = useWorkspaceT();
  const en = i18n.language === 'en';
  const located = p.frameId ? findFrame(p.issue, p.frameId) : undefined;
  const frame = located?.frame;
  const page = p.issue.pages[located?.pageIndex ?? p.pageIndex];
  const template: Template | undefined = page ? p.templates.get(page.templateId) : undefined;
  const storyId = frame?.type === 'story' ? frame.storyId : undefined;
  const savedDoc = p.issue.stories.find((s) => s.id === storyId)?.doc;
  const storedDoc = useMemo(() => (savedDoc && !p.editor ? safeDoc(savedDoc) : null), [savedDoc, p.editor]);
  const state = p.editor?.view.state;
  const doc: PMNode | null = state?.doc ?? storedDoc;
  const rows = useMemo(() => (template ? paragraphStyleRows(template, doc) : []), [template, doc]);
  const current = state ? stylesInRange(state.doc, state.selection.from, state.selection.to) : [];
  const canApply = (row: StyleRow) => !!state && !!row.block && (current.includes(row.style) || setParagraphStyle(row.block)(state));
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement | null>(null);
  // The keyboard's row follows the caret's style when the caret moves.
  const firstCurrent = rows.findIndex((r) => current.includes(r.style));
  useEffect(() => {
    if (firstCurrent >= 0) setActive(firstCurrent);
  }, [firstCurrent, p.caretTick]);

  const apply = (row: StyleRow) => {
    const view = p.editor?.view;
    if (!view || !row.block) return;
    setParagraphStyle(row.block)(view.state, view.dispatch, view);
    view.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const n = rows.length;
    if (!n) return;
    const to = e.key === 'ArrowDown' ? Math.min(n - 1, active + 1) : e.key === 'ArrowUp' ? Math.max(0, active - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to >= 0) setActive(to);
    else if (e.key === 'Enter' || e.key === ' ') {
      if (canApply(rows[active])) apply(rows[active]);
    } else return;
    // The list's own keys: not a frame nudge, not the canvas's Enter.
    e.preventDefault();
    e.stopPropagation();
  };
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const name = (row: StyleRow) => (en ? (row.block ? t(`block.${row.block}`) : row.style) : row.label);
  // The other language's name beside it: 主题 · Headline (a furniture style: its key).
  const other = (row: StyleRow) => (en ? row.label : row.block ? t(`block.${row.block}`, { lng: 'en' }) : row.style);
  const marks = Object.keys(storySchema.marks);
  const marksAllowed = !!state && marks.some((m) => toggleCharacterStyle(m)(state));
  return (
    <section className="bs-ws-panel bs-ws-styles" aria-label={t('styles.title')} data-testid="styles-panel">
      <header className="bs-ws-panel-head">
        <h2>{t('styles.title')}</h2>
        {template && <span className="bs-ws-detail">{t('styles.template', { name: template.spec.name })}</span>}
        <button type="button" onClick={p.onClose} title={t('styles.close')} aria-label={t('styles.close')}>
          ×
        </button>
      </header>
      {!p.editor && <p className="bs-ws-hint" data-testid="styles-hint">{template ? t('styles.clickIntoText') : t('styles.selectFrame')}</p>}
      {template && (
        <>
          <h3 className="bs-ws-styles-head">{t('styles.paragraph')}</h3>
          <ul
            ref={list}
            className="bs-ws-style-list"
            role="listbox"
            aria-label={t('styles.paragraph')}
            aria-readonly={!p.editor}
            tabIndex={0}
            aria-activedescendant={rows[active] ? `bs-style-${rows[active].style}` : undefined}
            onKeyDown={onKey}
            data-testid="paragraph-styles"
          >
            {rows.map((row, i) => {
              const ok = canApply(row);
              const why = !p.editor ? undefined : !row.block ? t('styles.notInStory', { label: name(row) }) : !ok ? t('styles.notHere', { label: name(row) }) : undefined;
              return (
                <li
                  key={row.style}
                  id={`bs-style-${row.style}`}
                  role="option"
                  data-index={i}
                  data-style={row.style}
                  aria-selected={current.includes(row.style)}
                  aria-disabled={!ok}
                  className={`bs-ws-style${current.includes(row.style) ? ' is-current' : ''}${i === active ? ' is-active' : ''}${ok ? '' : ' is-off'}`}
                  title={why}
                  // The editor keeps the focus (and its selection) while a style is clicked.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setActive(i);
                    if (ok) apply(row);
                  }}
                >
                  <span className="bs-ws-style-sample" style={sampleStyle(row, p.fonts)}>
                    {name(row)}
                  </span>
                  <span className="bs-ws-style-count" data-testid={`style-count-${row.style}`}>{doc && row.block && row.count ? t('styles.count', { count: row.count }) : ''}</span>
                  <span className="bs-ws-style-info">
                    {other(row)} · {t('styles.size', { size: row.size, hao: row.hao ? `${row.hao} · ` : '' })} · {t('styles.leading', { leading: row.leading })} · {p.fonts[row.font] ? faceLabel(p.fonts[row.font], en ? 'en' : 'zh-CN', true) : row.font}
                  </span>
                </li>
              );
            })}
          </ul>
          <h3 className="bs-ws-styles-head">{t('styles.character')}</h3>
          <div className="bs-ws-row bs-ws-char-styles">
            {marks.map((m) => {
              const on = !!state && characterStyleActive(state, m);
              const ok = !!state && toggleCharacterStyle(m)(state);
              return (
                <button
                  key={m}
                  type="button"
                  className={on ? 'is-on' : ''}
                  aria-pressed={on}
                  disabled={!ok}
                  title={t(`styles.markHint.${m}`)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    const view = p.editor?.view;
                    if (!view) return;
                    toggleCharacterStyle(m)(view.state, view.dispatch, view);
                    view.focus();
                  }}
                  data-testid={`char-style-${m}`}
                >
                  {t(`styles.mark.${m}`)}
                </button>
              );
            })}
          </div>
          {state && !marksAllowed && <p className="bs-ws-hint">{t('styles.noMarks')}</p>}
        </>
      )}
    </section>
  );
}

/** A stored story document as a node, or null when it does not fit the schema (the panel then shows no counts). */
function safeDoc(json: unknown): PMNode | null {
  try {
    return storySchema.nodeFromJSON(json);
  } catch {
    return null;
  }
}
