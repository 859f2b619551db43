import type { Issue } from '../../core/model/issue.js';
import { ALIGN_ITEMS, type CanvasMenuItem } from './canvas-menu.js';
import { commandEnabled, runCommand, type CommandTable } from './commands.js';
import { useWorkspaceT } from './i18n.js';
import { findFrame } from './model/threads.js';
import { setFramesRect, type Operation } from './model/operations.js';
import type { GridRect } from '../../core/model/issue.js';
import { NumField } from './Inspector.js';

/**
 * The inspector on several selected frames: how many, the fields they share (type, page, grid
 * position and size — a value when all agree, 不同 when not; a value typed sets them all, one
 * undo step) and the align and distribute
 * buttons, each a command of the command table (greyed with the menu's items).
 */
export function SelectionInspector({ issue, selection, commands, apply }: { issue: Issue; selection: readonly string[]; commands: CommandTable; apply(op: Operation): void }) {
  const { t } = useWorkspaceT();
  const at = selection.map((id) => findFrame(issue, id)).filter((a) => !!a);
  const shared = <T,>(values: T[]): T | undefined => (values.every((v) => v === values[0]) ? values[0] : undefined);
  const show = (v: string | number | undefined) => (v === undefined ? t('sel.inspector.mixed') : String(v));
  const type = shared(at.map((a) => a.frame.type));
  const page = shared(at.map((a) => issue.pages[a.pageIndex].number));
  const rows: [string, string][] = [
    [t('sel.inspector.type'), t(`sel.inspector.types.${type ?? 'mixed'}`)],
    [t('sel.inspector.page'), show(page)],
  ];
  // Grid fields shown 1-based (column, line) as the single-frame inspector does.
  const rectField = (k: keyof GridRect, label: string) => {
    const base = k === 'column' || k === 'line' ? 1 : 0;
    return <NumField key={k} label={label} value={shared(at.map((a) => a.frame.rect[k] + base))} min={1} placeholder={t('sel.inspector.mixed')} onCommit={(v) => v !== undefined && apply(setFramesRect(selection, { [k]: v - base }))} testId={`shared-${k}`} />;
  };
  const button = (item: CanvasMenuItem) => (
    <button key={item.id} type="button" disabled={!item.command || !commandEnabled(commands, item.command)} onClick={() => item.command && runCommand(commands, item.command)} data-testid={`align-${item.id.split(':')[1]}`}>
      {t(item.label)}
    </button>
  );
  return (
    <fieldset className="bs-ws-group" data-testid="selection-inspector">
      <legend data-testid="selection-count">{t('sel.inspector.frames', { count: at.length })}</legend>
      <div className="bs-ws-shared">
        {rows.map(([k, v]) => (
          <span key={k} style={{ display: 'contents' }}>
            <span className="bs-ws-muted">{k}</span>
            <span data-testid="shared-field">{v}</span>
          </span>
        ))}
      </div>
      <div className="bs-ws-grid2">
        {rectField('column', t('inspector.column'))}
        {rectField('span', t('inspector.span'))}
        {rectField('line', t('inspector.line'))}
        {rectField('lines', t('inspector.lines'))}
      </div>
      <div className="bs-ws-muted bs-ws-align-title">{t('sel.inspector.alignTitle')}</div>
      <div className="bs-ws-align-buttons">{ALIGN_ITEMS.map(button)}</div>
      <button type="button" className="bs-ws-danger" disabled={!commandEnabled(commands, { do: 'delete-frame' })} onClick={() => runCommand(commands, { do: 'delete-frame' })} data-testid="delete-frames">
        {t('sel.cmd.delete')}
      </button>
    </fieldset>
  );
}
