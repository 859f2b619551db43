import { useEffect, useRef, useState, type ReactNode } from 'react';
import { setBlockType } from 'prosemirror-commands';
import type { ComposedIssue } from '../../core/compose/types.js';
import { BLACK, type Cmyk } from '../../core/display/types.js';
import type { Frame, GridRect, Issue, Page, PhotoFrame, StoryFrame } from '../../core/model/issue.js';
import { storySchema } from '../../core/model/story-schema.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { HAO_SIZES, parseTypeSize, typeSizeLabel } from '../../core/units.js';
import type { StoryEditor } from '../editor/index.js';
import { useWorkspaceT } from './i18n.js';
import type { Operation, PhotoFramePatch, StoryFramePatch } from './model/operations.js';
import { setFrameRect, setIssueProps, setPageProps, setPageTemplate, setPhotoProps, setStoryFrameProps, setStoryProps, setStoryTracking, unlinkAfter } from './model/operations.js';
import { COPYFIT_DEFAULT } from '../../core/compose/copyfit.js';
import { findFrame, previousFrame } from './model/threads.js';
import { FitBadge } from './StoriesPanel.js';
import { commandEnabled, runCommand, type Command, type CommandTable } from './commands.js';
import { SelectionInspector } from './SelectionInspector.js';
import { faceLabel, SETTABLE_BLOCKS, styleHao, styleLeading, styleOfBlock, type SettableBlock } from './model/paragraph-styles.js';
import { RELINK_FILE_TYPES, type BrokenPhoto } from './links.js';

/**
 * The inspector: settings of what is selected — a story frame (grid position, its own
 * columns and gutter for 破栏, headline span, border and tint, rules, thread), the paragraph
 * the caret is in (its style), a photo frame (fit/fill, zoom, focal point, caption, credit,
 * effective resolution) or, with nothing selected, the current page (template, section,
 * editors). Every change is one operation (one undo step).
 */

export interface InspectorProps {
  issue: Issue;
  composed: ComposedIssue;
  templates: TemplateRegistry;
  frameId: string | null;
  pageIndex: number;
  editor: StoryEditor | null;
  /** Bumped when the editor's selection moves (paragraph style follows the caret). */
  caretTick: number;
  apply(op: Operation): void;
  onDelete(): void;
  onStartLink(): void;
  linking: boolean;
  /** Copyfit (自动调整) the selected frame's story. */
  onCopyfit?(): void;
  /** Every selected frame: with several, the inspector shows them together (SelectionInspector). */
  selection?: readonly string[];
  commands?: CommandTable;
  /** The loaded faces by font key (the headline face choice). */
  fonts?: Record<string, { family: string; weight: number }>;
  /** Photo frames whose file is missing, unreadable or outside the folder (the links report), by frame id. */
  brokenPhotos?: ReadonlyMap<string, BrokenPhoto>;
  /** Relinks the selected photo frame's photo to a picked file (the Links panel's relink). */
  onRelinkPhoto?(assetId: string, file: File): void;
}

export function Inspector(p: InspectorProps) {
  const { t } = useWorkspaceT();
  const at = p.frameId ? findFrame(p.issue, p.frameId) : undefined;
  const several = !!p.selection && p.selection.length > 1 && !!p.commands;
  return (
    <section className="bs-ws-panel bs-ws-inspector" aria-label={t('inspector.title')} data-testid="inspector">
      <header className="bs-ws-panel-head">
        <h2>{t('inspector.title')}</h2>
      </header>
      {p.editor && <ParagraphSection editor={p.editor} issue={p.issue} templates={p.templates} pageIndex={at?.pageIndex ?? p.pageIndex} tick={p.caretTick} commands={p.commands} />}
      {at?.frame.type === 'story' && <StoryFrameSection {...p} frame={at.frame} pageIndex={at.pageIndex} />}
      {at?.frame.type === 'photo' && <PhotoSection {...p} frame={at.frame} pageIndex={at.pageIndex} />}
      {at && (at.frame.type === 'banner' || at.frame.type === 'rule') && (
        <Group title={t(`inspector.${at.frame.type}`)}>
          <RectFields frame={at.frame} apply={p.apply} />
          <button type="button" className="bs-ws-danger" onClick={p.onDelete}>{t('inspector.delete')}</button>
        </Group>
      )}
      {several && <SelectionInspector issue={p.issue} selection={p.selection!} commands={p.commands!} apply={p.apply} />}
      {!at && !several && p.issue.pages[p.pageIndex] && <PageSection page={p.issue.pages[p.pageIndex]} pageIndex={p.pageIndex} templates={p.templates} apply={p.apply} />}
      {!at && !several && <IssueSection issue={p.issue} apply={p.apply} />}
    </section>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="bs-ws-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/** A number field that commits on Enter or blur (one undo step per commit), empty = cleared. */
export function NumField({ label, value, min, max, step = 1, onCommit, allowEmpty, testId, placeholder }: { label: string; value: number | undefined; min?: number; max?: number; step?: number; onCommit(v: number | undefined): void; allowEmpty?: boolean; testId?: string; placeholder?: string }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const commit = () => {
    if (text.trim() === '') {
      if (allowEmpty && value !== undefined) onCommit(undefined);
      else setText(value === undefined ? '' : String(value));
      return;
    }
    let v = Number(text);
    if (!Number.isFinite(v)) return setText(value === undefined ? '' : String(value));
    if (min !== undefined) v = Math.max(min, v);
    if (max !== undefined) v = Math.min(max, v);
    if (v !== value) onCommit(v);
    else setText(String(v));
  };
  return (
    <label className="bs-ws-field">
      <span>{label}</span>
      <input type="number" value={text} min={min} max={max} step={step} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid={testId} />
    </label>
  );
}

/** A type size typed in points or as a 号 (小初, 一号 …), offered from a list of the 号; empty = the template's. */
function SizeField({ label, value, placeholder, onCommit, testId }: { label: string; value: number | undefined; placeholder: string; onCommit(v: number | undefined): void; testId?: string }) {
  const shown = value === undefined ? '' : typeSizeLabel(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    if (text.trim() === '') return value !== undefined ? onCommit(undefined) : undefined;
    const pt = parseTypeSize(text);
    if (pt === undefined || pt === value) return setText(shown);
    onCommit(pt);
  };
  return (
    <label className="bs-ws-field">
      <span>{label}</span>
      <input type="text" list="bs-ws-hao-sizes" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid={testId} />
      <datalist id="bs-ws-hao-sizes">
        {HAO_SIZES.map((h) => (
          <option key={h.label} value={typeSizeLabel(h.pt)} />
        ))}
      </datalist>
    </label>
  );
}

/** A face of the bundled fonts by its display name; the first choice (empty) is the template's. */
function FaceField({ label, value, fallback, fonts, onCommit, testId }: { label: string; value: string | undefined; fallback: string | undefined; fonts: Record<string, { family: string; weight: number }>; onCommit(v: string | undefined): void; testId?: string }) {
  const { t, i18n } = useWorkspaceT();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const name = (key: string) => (fonts[key] ? faceLabel(fonts[key], lang) : key);
  const keys = Object.keys(fonts).sort((a, b) => fonts[a].family.localeCompare(fonts[b].family) || fonts[a].weight - fonts[b].weight);
  return (
    <label className="bs-ws-field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onCommit(e.target.value || undefined)} data-testid={testId}>
        <option value="">{t('inspector.headlineFontDefault', { face: fallback ? name(fallback) : '' })}</option>
        {value !== undefined && !fonts[value] && <option value={value}>{value}</option>}
        {keys.map((k) => (
          <option key={k} value={k}>
            {name(k)}
          </option>
        ))}
      </select>
    </label>
  );
}

function TextField({ label, value, onCommit, multiline, testId, placeholder }: { label: string; value: string; onCommit(v: string): void; multiline?: boolean; testId?: string; placeholder?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => text !== value && onCommit(text);
  return (
    <label className="bs-ws-field">
      <span>{label}</span>
      {multiline ? (
        <textarea value={text} rows={2} onChange={(e) => setText(e.target.value)} onBlur={commit} />
      ) : (
        <input type="text" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid={testId} />
      )}
    </label>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="bs-ws-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function RectFields({ frame, apply }: { frame: Frame; apply(op: Operation): void }) {
  const { t } = useWorkspaceT();
  const set = (k: keyof GridRect, kind: 'move' | 'resize') => (v: number | undefined) => v !== undefined && apply(setFrameRect(frame.id, { ...frame.rect, [k]: v - (k === 'column' || k === 'line' ? 1 : 0) }, kind));
  return (
    <div className="bs-ws-grid2">
      <NumField label={t('inspector.column')} value={frame.rect.column + 1} min={1} onCommit={set('column', 'move')} testId="rect-column" />
      <NumField label={t('inspector.span')} value={frame.rect.span} min={1} onCommit={set('span', 'resize')} testId="rect-span" />
      <NumField label={t('inspector.line')} value={frame.rect.line + 1} min={1} onCommit={set('line', 'move')} testId="rect-line" />
      <NumField label={t('inspector.lines')} value={frame.rect.lines} min={1} onCommit={set('lines', 'resize')} testId="rect-lines" />
    </div>
  );
}

const kOf = (c: Cmyk | undefined) => (c ? c.k : undefined);
const gray = (k: number): Cmyk => ({ ...BLACK, k });

function StoryFrameSection(p: InspectorProps & { frame: StoryFrame; pageIndex: number }) {
  const { t } = useWorkspaceT();
  const f = p.frame;
  const story = p.issue.stories.find((s) => s.id === f.storyId);
  const layout = p.composed.stories[f.storyId];
  const prev = previousFrame(p.issue, f.id);
  const next = f.next ? findFrame(p.issue, f.next) : undefined;
  const patch = (v: StoryFramePatch) => p.apply(setStoryFrameProps(f.id, v));
  const tpl = p.templates.get(p.issue.pages[p.pageIndex]?.templateId ?? '');
  const where = (at: { pageIndex: number } | undefined) => (at ? t('pages.page', { number: p.issue.pages[at.pageIndex].number }) : t('inspector.none'));
  return (
    <>
      <Group title={t('inspector.frame')}>
        <RectFields frame={f} apply={p.apply} />
        <div className="bs-ws-grid2">
          <NumField label={t('inspector.columns')} value={f.columns} placeholder={String(f.rect.span)} min={1} max={16} allowEmpty onCommit={(v) => patch({ columns: v })} testId="frame-columns" />
          <NumField label={t('inspector.gutter')} value={f.gutter} placeholder={String(tpl?.spec.grid.gutterChars ?? '')} min={0} max={10} step={0.5} allowEmpty onCommit={(v) => patch({ gutter: v })} />
          <NumField label={t('inspector.headlineSpan')} value={f.headlineSpan} placeholder="0" min={0} max={16} allowEmpty onCommit={(v) => patch({ headlineSpan: v })} />
          <NumField label={t('inspector.headlineMaxLines')} value={f.headlineMaxLines} min={1} max={6} allowEmpty onCommit={(v) => patch({ headlineMaxLines: v })} />
          <SizeField label={t('inspector.headlineSize')} value={f.headlineSize} placeholder={tpl ? typeSizeLabel(tpl.spec.styles.headline.size) : ''} onCommit={(v) => patch({ headlineSize: v })} testId="frame-headline-size" />
          {p.fonts && <FaceField label={t('inspector.headlineFont')} value={f.headlineFont} fallback={tpl?.spec.styles.headline.font} fonts={p.fonts} onCommit={(v) => patch({ headlineFont: v })} testId="frame-headline-font" />}
          <NumField label={t('inspector.border')} value={f.border?.width} min={0} max={6} step={0.25} allowEmpty onCommit={(v) => patch({ border: v === undefined ? undefined : { width: v, color: f.border?.color ?? BLACK } })} />
          <NumField label={t('inspector.borderK')} value={kOf(f.border?.color)} min={0} max={100} allowEmpty onCommit={(v) => f.border && patch({ border: { width: f.border.width, color: gray(v ?? 100) } })} />
          <NumField label={t('inspector.tint')} value={kOf(f.tint)} min={0} max={100} step={5} allowEmpty onCommit={(v) => patch({ tint: v === undefined || v === 0 ? undefined : gray(v) })} />
        </div>
        <Check label={t('inspector.balance')} checked={!!f.balance} onChange={(v) => patch({ balance: v || undefined })} />
        <Check label={t('inspector.ruleBelow')} checked={!!f.ruleBelow} onChange={(v) => patch({ ruleBelow: v || undefined })} />
        <Check label={t('inspector.ruleRight')} checked={!!f.ruleRight} onChange={(v) => patch({ ruleRight: v || undefined })} />
      </Group>
      <Group title={t('inspector.thread')}>
        <p className="bs-ws-kv">
          <span>{t('inspector.previous')}</span> {where(prev)}
        </p>
        <p className="bs-ws-kv">
          <span>{t('inspector.next')}</span> {where(next)}
        </p>
        <div className="bs-ws-row">
          <button type="button" className={p.linking ? 'is-on' : ''} onClick={p.onStartLink} data-testid="link-next">{t('inspector.linkNext')}</button>
          <button type="button" disabled={!f.next} onClick={() => p.apply(unlinkAfter(f.id))}>{t('inspector.unlink')}</button>
        </div>
        {p.linking && <p className="bs-ws-hint">{t('inspector.linkHint')}</p>}
      </Group>
      <Group title={t('inspector.story')}>
        {story && <TextField label={t('stories.slug')} value={story.slug} onCommit={(v) => p.apply(setStoryProps(story.id, { slug: v }))} />}
        <p className="bs-ws-kv">
          <span>{t('inspector.fitState')}</span> <FitBadge fit={layout?.fit} placed />
        </p>
        {story && (
          <div className="bs-ws-row">
            <NumField label={t('inspector.tracking')} value={story.tracking === undefined ? undefined : Math.round(story.tracking * 1000)} placeholder="0" min={-200} max={200} step={5} allowEmpty onCommit={(v) => p.apply(setStoryTracking(story.id, (v ?? 0) / 1000))} testId="story-tracking" />
            {p.onCopyfit && (
              <button type="button" onClick={p.onCopyfit} title={t('inspector.copyfitHint', { min: Math.round((tpl?.spec.copyfit ?? COPYFIT_DEFAULT).trackingMin * 1000), max: Math.round((tpl?.spec.copyfit ?? COPYFIT_DEFAULT).trackingMax * 1000) })} data-testid="copyfit">
                {t('inspector.copyfit')}
              </button>
            )}
          </div>
        )}
        {p.commands && <CommandButton commands={p.commands} command={{ do: 'merge-story' }} label={t('struct.cmd.merge')} title={t('struct.hint.merge')} testId="merge-story" />}
        <button type="button" className="bs-ws-danger" onClick={p.onDelete}>{t('inspector.delete')}</button>
      </Group>
    </>
  );
}

function PhotoSection(p: InspectorProps & { frame: PhotoFrame; pageIndex: number }) {
  const { t } = useWorkspaceT();
  const f = p.frame;
  const asset = f.assetId ? p.issue.assets.find((a) => a.id === f.assetId) : undefined;
  const patch = (v: PhotoFramePatch, coalesce?: string) => p.apply(setPhotoProps(f.id, v, coalesce));
  // Effective resolution at placed size: the image item's drawn size on the page.
  const display = p.composed.pages[p.pageIndex];
  const tpl = p.templates.get(p.issue.pages[p.pageIndex].templateId);
  const box = tpl?.box(f.rect);
  const img = display?.items.find((it) => it.kind === 'image' && it.assetId === f.assetId && box && Math.abs(it.x - box.x) < 1 && Math.abs(it.y - box.y) < 1);
  // A file gone, unreadable or outside the folder: what the asset recorded when placed is not what will print.
  const broken = asset ? p.brokenPhotos?.get(f.id) : undefined;
  const ppi = img && img.kind === 'image' && asset?.widthPx && asset.heightPx ? Math.round(Math.min(asset.widthPx / (img.iw / 72), asset.heightPx / (img.ih / 72))) : undefined;
  return (
    <Group title={t('inspector.photo')}>
      <RectFields frame={f} apply={p.apply} />
      <p className="bs-ws-kv">
        <span>{t('inspector.asset')}</span> {asset ? asset.path : t('inspector.noAsset')}
      </p>
      {broken && asset ? (
        <BrokenPhotoStatus broken={broken} assetId={asset.id} onRelink={p.onRelinkPhoto} />
      ) : (
        asset?.widthPx && asset.heightPx && <p className="bs-ws-kv">{t('inspector.pixels', { w: asset.widthPx, h: asset.heightPx })}</p>
      )}
      {!broken && ppi !== undefined && (
        <p className={`bs-ws-kv${ppi < 200 ? ' bs-ws-warn' : ''}`} data-testid="photo-ppi">
          {t('inspector.ppi', { ppi })} {ppi < 200 ? `· ${t('inspector.lowRes')}` : ''}
        </p>
      )}
      <label className="bs-ws-field">
        <span>{t('inspector.fit')}</span>
        <select value={f.fit} onChange={(e) => patch({ fit: e.target.value as PhotoFrame['fit'] })}>
          <option value="fill">{t('inspector.fitFill')}</option>
          <option value="fit">{t('inspector.fitFit')}</option>
        </select>
      </label>
      <div className="bs-ws-grid2">
        <NumField label={t('inspector.zoom')} value={f.zoom ?? 1} min={1} max={20} step={0.1} onCommit={(v) => patch({ zoom: v === 1 ? undefined : v })} />
        <NumField label={`${t('inspector.focus')} X`} value={Math.round((f.focus?.x ?? 0.5) * 100)} min={0} max={100} onCommit={(v) => patch({ focus: { x: (v ?? 50) / 100, y: f.focus?.y ?? 0.5 } })} />
        <NumField label={`${t('inspector.focus')} Y`} value={Math.round((f.focus?.y ?? 0.5) * 100)} min={0} max={100} onCommit={(v) => patch({ focus: { x: f.focus?.x ?? 0.5, y: (v ?? 50) / 100 } })} />
      </div>
      <p className="bs-ws-hint">{t('inspector.focusHint')}</p>
      <label className="bs-ws-field">
        <span>{t('inspector.caption')}</span>
        <select value={f.caption} onChange={(e) => patch({ caption: e.target.value as PhotoFrame['caption'] })}>
          <option value="below">{t('inspector.captionBelow')}</option>
          <option value="right">{t('inspector.captionRight')}</option>
          <option value="left">{t('inspector.captionLeft')}</option>
          <option value="none">{t('inspector.captionNone')}</option>
        </select>
      </label>
      {!f.storyId && <TextField label={t('inspector.captionText')} value={f.captionText ?? ''} multiline onCommit={(v) => patch({ captionText: v || undefined })} />}
      <TextField label={t('inspector.credit')} value={f.credit ?? ''} onCommit={(v) => patch({ credit: v || undefined })} />
      <button type="button" className="bs-ws-danger" onClick={p.onDelete}>{t('inspector.delete')}</button>
    </Group>
  );
}

/** The inspector on a photo whose file the links report cannot find or read: the status instead of the old pixels and ppi, and Relink…. */
function BrokenPhotoStatus({ broken, assetId, onRelink }: { broken: BrokenPhoto; assetId: string; onRelink?(assetId: string, file: File): void }) {
  const { t } = useWorkspaceT();
  const picker = useRef<HTMLInputElement | null>(null);
  return (
    <div className="bs-ws-photo-broken" data-testid="photo-status" data-kind={broken.kind}>
      <p className="bs-ws-kv bs-ws-warn" title={t(`ph.statusWhy.${broken.kind}`, { path: broken.path })}>
        <span className="bs-ws-flag bs-ws-flag-error">{t(`ph.status.${broken.kind}`)}</span> {t(`ph.statusWhy.${broken.kind}`, { path: broken.path })}
      </p>
      {onRelink && (
        <>
          <button type="button" onClick={() => picker.current?.click()} data-testid="photo-relink">
            {t('ph.relink')}
          </button>
          <input
            ref={picker}
            type="file"
            accept={RELINK_FILE_TYPES}
            hidden
            data-testid="photo-relink-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) onRelink(assetId, file);
            }}
          />
        </>
      )}
    </div>
  );
}

function PageSection({ page, pageIndex, templates, apply }: { page: Page; pageIndex: number; templates: TemplateRegistry; apply(op: Operation): void }) {
  const { t } = useWorkspaceT();
  const set = (k: 'section' | 'editor' | 'designer' | 'label') => (v: string) => apply(setPageProps(pageIndex, { [k]: v }));
  return (
    <Group title={`${t('inspector.page')} ${page.label ?? page.number}`}>
      <label className="bs-ws-field">
        <span>{t('inspector.template')}</span>
        <select value={page.templateId} onChange={(e) => apply(setPageTemplate(pageIndex, e.target.value))}>
          {!templates.get(page.templateId) && <option value={page.templateId}>{page.templateId}</option>}
          {templates.ids().map((id) => (
            <option key={id} value={id}>
              {templates.get(id)?.spec.name ?? id}
            </option>
          ))}
        </select>
      </label>
      <p className="bs-ws-kv">
        <span>{t('inspector.number')}</span> {page.number}
      </p>
      <TextField label={t('inspector.label')} value={page.label ?? ''} onCommit={set('label')} />
      <TextField label={t('inspector.section')} value={page.section} onCommit={set('section')} />
      <TextField label={t('inspector.editor')} value={page.editor} onCommit={set('editor')} />
      <TextField label={t('inspector.designer')} value={page.designer} onCommit={set('designer')} />
    </Group>
  );
}

/** The issue's own fields and its printing condition (issue.print; empty = IFRA26 with the bundled profile). */
function IssueSection({ issue, apply }: { issue: Issue; apply(op: Operation): void }) {
  const { t } = useWorkspaceT();
  const set = (k: 'paper' | 'issueNumber' | 'totalNumber' | 'date' | 'serial' | 'publisher') => (v: string) => apply(setIssueProps({ [k]: v.trim() }));
  return (
    <Group title={t('inspector.issue')}>
      <TextField label={t('inspector.paper')} value={issue.paper} onCommit={set('paper')} testId="issue-paper" />
      <TextField label={t('inspector.issueNumber')} value={issue.issueNumber} onCommit={set('issueNumber')} />
      <TextField label={t('inspector.totalNumber')} value={issue.totalNumber} onCommit={set('totalNumber')} />
      <TextField label={t('inspector.date')} value={issue.date} onCommit={set('date')} testId="issue-date" />
      <TextField label={t('inspector.serial')} value={issue.serial} onCommit={set('serial')} />
      <TextField label={t('inspector.publisher')} value={issue.publisher} onCommit={set('publisher')} />
      <TextField label={t('inspector.printCondition')} value={issue.print?.condition ?? ''} placeholder="IFRA26" onCommit={(v) => apply(setIssueProps({ print: { condition: v } }))} testId="issue-print-condition" />
      <TextField label={t('inspector.printProfile')} value={issue.print?.profile ?? ''} placeholder="print/plant.icc" onCommit={(v) => apply(setIssueProps({ print: { profile: v } }))} testId="issue-print-profile" />
      <NumField label={t('inspector.inkLimit')} value={issue.print?.inkLimit} min={100} max={400} allowEmpty placeholder="240" onCommit={(v) => apply(setIssueProps({ print: { inkLimit: v } }))} testId="issue-ink-limit" />
    </Group>
  );
}

/** The paragraph the caret is in: its block type (the template style it is set in), changeable like a paragraph style. */
function ParagraphSection({ editor, issue, templates, pageIndex, commands }: { editor: StoryEditor; issue: Issue; templates: TemplateRegistry; pageIndex: number; tick: number; commands?: CommandTable }) {
  const { t } = useWorkspaceT();
  const state = editor.view.state;
  const block = state.selection.$from.parent;
  const name = block.type.name;
  const tpl = templates.get(issue.pages[pageIndex]?.templateId ?? '');
  const style = tpl?.spec.styles[styleOfBlock(name)];
  const change = (type: string) => {
    const nodeType = storySchema.nodes[type];
    if (!nodeType) return;
    setBlockType(nodeType)(editor.view.state, editor.view.dispatch);
    editor.view.focus();
  };
  const options = SETTABLE_BLOCKS.filter((b) => b === name || setBlockType(storySchema.nodes[b])(state));
  return (
    <Group title={t('inspector.paragraph')}>
      <label className="bs-ws-field">
        <span>{t('inspector.style')}</span>
        <select value={name} onChange={(e) => change(e.target.value)} data-testid="paragraph-style">
          {(options.includes(name as SettableBlock) ? options : [name, ...options]).map((b) => (
            <option key={b} value={b}>
              {t(`block.${b}`)}
            </option>
          ))}
        </select>
      </label>
      {style && (
        <p className="bs-ws-kv">
          {style.label} ·{' '}
          {t('inspector.styleInfo', { font: style.font, size: style.size, hao: styleHao(style) ? `（${styleHao(style)}）` : '', leading: tpl ? styleLeading(tpl, styleOfBlock(name)) : style.leading })}
        </p>
      )}
      {commands && <CommandButton commands={commands} command={{ do: 'split-story' }} label={t('struct.cmd.split')} title={t('struct.hint.split')} testId="split-story" />}
    </Group>
  );
}

/** A button that runs a command of the command table, greyed when the table says it cannot run. */
function CommandButton({ commands, command, label, title, testId }: { commands: CommandTable; command: Command; label: string; title: string; testId: string }) {
  return (
    <button type="button" onClick={() => runCommand(commands, command)} disabled={!commandEnabled(commands, command)} title={title} data-testid={testId}>
      {label}
    </button>
  );
}
