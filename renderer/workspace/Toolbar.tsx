import type { ReactNode } from 'react';
import { commandEnabled, runCommand, type Command, type CommandTable, type GuideName } from './commands.js';
import { useWorkspaceT } from './i18n.js';
import { keysLabel, SHORTCUTS } from './keys.js';
import type { OpLabel } from './model/operations.js';
import { IS_MAC } from './ShortcutSheet.js';
import type { Guides, Tool } from './PageCanvas.js';
import { ZOOM_STEPS, type ZoomMode } from './use-zoom.js';

/**
 * The workspace's toolbar: every button is a command of the workspace's command table (so it
 * is greyed exactly when its key and menu item do nothing), with the state it shows.
 */

export interface ToolbarProps {
  commands: CommandTable;
  tool: Tool;
  zoom: number;
  zoomMode: ZoomMode;
  guides: Guides;
  findOpen: boolean;
  preflightOpen: boolean;
  linksOpen?: boolean;
  stylesOpen?: boolean;
  /** What Undo and Redo would undo or redo (their tooltips). */
  undoLabel?: OpLabel;
  redoLabel?: OpLabel;
  /** Import Copy's file picker (the browser's; the desktop menu uses the shell's dialog). */
  onPickCopy(files: File[]): void;
  /** The hidden file input Import Copy opens. */
  copyInput: (el: HTMLInputElement | null) => void;
  layingOut: boolean;
}

// Locking the ruler guides is View ▸ 锁定参考线 only: the toolbar has no room for it at 1400 px.
const GUIDE_LABELS: Record<Exclude<GuideName, 'lockGuides'>, string> = { columns: 'toolbar.columnGrid', baselines: 'toolbar.baselineGrid', frames: 'toolbar.frameEdges', rulerGuides: 'guide.toolbar', preview: 'toolbar.preview' };
const TOOL_LABELS = { select: 'toolbar.select', story: 'toolbar.storyFrame', photo: 'toolbar.photoFrame' } as const;

/** A button's tooltip: what it does, and its key (Ctrl+S) when it has one. */
function tooltip(c: Command, what: string | undefined): string | undefined {
  const shortcut = SHORTCUTS.find((s) => s.does === c.do && (c.do !== 'zoom' || s.keys === (c.step > 0 ? 'Mod+=' : 'Mod+-')) && (c.do !== 'tool' || s.label === TOOL_LABELS[c.tool]));
  if (!shortcut) return what;
  const keys = keysLabel(shortcut.keys, IS_MAC);
  return what ? `${what} (${keys})` : keys;
}

export function Toolbar(p: ToolbarProps) {
  const { t } = useWorkspaceT();
  const run = (c: Command) => runCommand(p.commands, c);
  const what = (l: OpLabel | undefined, key: string) => (l ? t(key, { what: t(l.key, l.values ?? {}) }) : undefined);
  const button = (c: Command, label: ReactNode, extra: { on?: boolean; title?: string; aria?: string; testid?: string; primary?: boolean; busy?: boolean; key?: string } = {}) => (
    <button
      key={extra.key}
      type="button"
      className={[extra.on ? 'is-on' : '', extra.primary ? 'bs-ws-primary' : ''].filter(Boolean).join(' ') || undefined}
      onClick={() => run(c)}
      disabled={!commandEnabled(p.commands, c)}
      title={tooltip(c, extra.title ?? (typeof label === 'string' ? label : extra.aria))}
      aria-label={extra.aria}
      aria-busy={extra.busy || undefined}
      data-testid={extra.testid}
    >
      {label}
    </button>
  );
  return (
    <div className="bs-ws-toolbar" role="toolbar">
      {button({ do: 'save' }, t('toolbar.save'), { testid: 'save' })}
      {button({ do: 'undo', leaveText: false }, t('toolbar.undo'), { title: what(p.undoLabel, 'toolbar.undoWhat'), testid: 'undo' })}
      {button({ do: 'redo', leaveText: false }, t('toolbar.redo'), { title: what(p.redoLabel, 'toolbar.redoWhat'), testid: 'redo' })}
      {button(p.findOpen ? { do: 'close-find' } : { do: 'find' }, t('find.find'), { on: p.findOpen, testid: 'find-toggle' })}
      <span className="bs-ws-sep" />
      {button({ do: 'import-copy' }, t('toolbar.importCopy'), { testid: 'import-copy' })}
      <input
        ref={p.copyInput}
        type="file"
        multiple
        accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        hidden
        data-testid="import-copy-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          p.onPickCopy(files);
        }}
      />
      {button({ do: 'layout-unplaced' }, t('toolbar.layoutUnplaced'), { testid: 'layout-unplaced', busy: p.layingOut })}
      <span className="bs-ws-sep" />
      <div className="bs-ws-seg" role="group" aria-label={t('toolbar.tools')}>
        {(['select', 'story', 'photo'] as const).map((tl) => (
          button({ do: 'tool', tool: tl }, t(TOOL_LABELS[tl]), { on: p.tool === tl, testid: `tool-${tl}`, key: tl })
        ))}
      </div>
      <span className="bs-ws-sep" />
      {button({ do: 'fit-page' }, t('toolbar.fitPage'), { on: p.zoomMode === 'fit-page', testid: 'fit-page' })}
      {button({ do: 'fit-width' }, t('toolbar.fitWidth'), { on: p.zoomMode === 'fit-width' })}
      {button({ do: 'zoom', step: -1 }, '−', { title: t('toolbar.zoomOut'), aria: t('toolbar.zoomOut') })}
      <select value={ZOOM_STEPS.includes(p.zoom) ? String(p.zoom) : 'custom'} onChange={(e) => e.target.value !== 'custom' && run({ do: 'zoom-to', zoom: Number(e.target.value) })} aria-label={t('toolbar.zoom')} data-testid="zoom">
        {!ZOOM_STEPS.includes(p.zoom) && <option value="custom">{Math.round(p.zoom * 100)}%</option>}
        {ZOOM_STEPS.map((z) => (
          <option key={z} value={z}>
            {Math.round(z * 100)}%
          </option>
        ))}
      </select>
      {button({ do: 'zoom', step: 1 }, '+', { title: t('toolbar.zoomIn'), aria: t('toolbar.zoomIn') })}
      <span className="bs-ws-sep" />
      {(Object.keys(GUIDE_LABELS) as (keyof typeof GUIDE_LABELS)[]).map((k) => (
        <label key={k} className="bs-ws-check">
          <input type="checkbox" checked={p.guides[k]} onChange={() => run({ do: 'set-guide', guide: k, on: !p.guides[k] })} data-testid={`guide-${k}`} />
          {t(GUIDE_LABELS[k])}
        </label>
      ))}
      <span className="bs-ws-grow" />
      {button({ do: 'styles' }, t('toolbar.styles'), { on: !!p.stylesOpen, testid: 'styles-toggle' })}
      {button({ do: 'links' }, t('toolbar.links'), { on: !!p.linksOpen, testid: 'links-toggle' })}
      {button({ do: 'shortcuts' }, '?', { title: t('shortcuts.title'), aria: t('shortcuts.title'), testid: 'shortcuts' })}
      {button({ do: 'preflight' }, t('preflight.title'), { on: p.preflightOpen, testid: 'preflight-toggle' })}
      {button({ do: 'export' }, t('toolbar.export'), { primary: true, testid: 'export' })}
    </div>
  );
}
