import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { installStyleSheet } from '../editor/editor-css.js';
import type { CanvasMenuItem } from './canvas-menu.js';
import { commandEnabled, runCommand, type CommandTable } from './commands.js';
import { useWorkspaceT } from './i18n.js';
import { keysLabel } from './keys.js';
import { IS_MAC } from './ShortcutSheet.js';

/**
 * The canvas's right-click menu (an ARIA menu): items from canvas-menu.ts, each a command of the
 * command table — greyed (aria-disabled) when it cannot run, its shortcut shown. ↑ ↓ Home End
 * move, → or Enter opens a submenu and ← closes it, Enter or a click runs an item; Escape, Tab,
 * a click outside or the window losing focus close it. Keys typed in it go no further (the
 * workspace's own keys do not act behind it).
 */

export interface ContextMenuProps {
  x: number;
  y: number;
  items: CanvasMenuItem[];
  commands: CommandTable;
  onClose(): void;
}

const CSS = `
.bs-ws-menu-root { position: fixed; z-index: 60; }
.bs-ws-menu { position: fixed; z-index: 60; min-width: 190px; padding: 4px 0; margin: 0; background: #fbfbfa; border: 1px solid #bdbdb7; border-radius: 5px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.25); font: 12px/1.4 system-ui, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; outline: none; }
.bs-ws-menu [role=menuitem] { display: flex; align-items: center; gap: 18px; padding: 4px 12px 4px 22px; cursor: default; outline: none; position: relative; white-space: nowrap; }
.bs-ws-menu [role=menuitem]:focus, .bs-ws-menu [role=menuitem][aria-expanded=true] { background: #1e6fd9; color: #fff; }
.bs-ws-menu [role=menuitem][aria-disabled=true] { color: #a6a6a0; }
.bs-ws-menu [role=menuitem][aria-disabled=true]:focus { background: #e4e4e0; color: #8a8a84; }
.bs-ws-menu-label { flex: 1; }
.bs-ws-menu-keys { color: #77776f; font-size: 11px; }
.bs-ws-menu [role=menuitem]:focus .bs-ws-menu-keys { color: inherit; }
.bs-ws-menu [role=separator] { height: 1px; margin: 4px 0; background: #deded9; }
.bs-ws-menu .bs-ws-menu { position: absolute; left: 100%; top: -5px; }
.bs-ws-marquee { position: absolute; border: 1px solid #1e6fd9; background: rgb(30 111 217 / 0.1); pointer-events: none; z-index: 7; }
.bs-ws-frame.is-selected.is-multi { outline: 2px solid #1e6fd9; }
.bs-ws-align-buttons { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; margin: 4px 8px; }
.bs-ws-shared { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 2px 8px 4px; }
.bs-ws-group > .bs-ws-align-title { margin: 6px 8px 0; }
`;

/** The style sheet of the menu, the marquee and the inspector's align buttons (once per document). */
export function installSelectionCss(doc: Document): void {
  installStyleSheet(doc, 'bs-ws-selection-css', CSS);
}

export function ContextMenu(p: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x: p.x, y: p.y });
  const close = useRef(p.onClose);
  close.current = p.onClose;
  // Inside the window: a menu near the right or bottom edge opens to the left or upwards.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ x: Math.max(0, Math.min(p.x, window.innerWidth - r.width - 4)), y: Math.max(0, Math.min(p.y, window.innerHeight - r.height - 4)) });
    el.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [p.x, p.y]);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const outside = (e: PointerEvent) => !ref.current?.contains(e.target as Node) && close.current();
    const blur = () => close.current();
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('blur', blur);
    window.addEventListener('resize', blur);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('blur', blur);
      window.removeEventListener('resize', blur);
      if (before?.isConnected && document.activeElement === document.body) before.focus();
    };
  }, []);
  const run = (item: CanvasMenuItem) => {
    if (!item.command || !commandEnabled(p.commands, item.command)) return;
    close.current();
    runCommand(p.commands, item.command);
  };
  return (
    <div ref={ref} style={{ left: pos.x, top: pos.y }} className="bs-ws-menu-root" onContextMenu={(e) => e.preventDefault()}>
      <MenuList items={p.items} commands={p.commands} run={run} onClose={() => close.current()} root />
    </div>
  );
}

function MenuList({ items, commands, run, onClose, root }: { items: CanvasMenuItem[]; commands: CommandTable; run(item: CanvasMenuItem): void; onClose(): void; root?: boolean }) {
  const { t } = useWorkspaceT();
  const listRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<string | null>(null);
  const entries = () => [...(listRef.current?.querySelectorAll<HTMLElement>(':scope > [role=menuitem]') ?? [])];
  const onKeyDown = (e: ReactKeyboardEvent) => {
    // The workspace's keys (arrows nudge frames, Escape deselects, Delete …) do not act behind the menu.
    e.stopPropagation();
    const list = entries();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    const current = items[at];
    switch (e.key) {
      case 'ArrowDown':
        focus(at + 1);
        break;
      case 'ArrowUp':
        focus(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(-1);
        break;
      case 'ArrowRight':
        if (current?.submenu) setOpen(current.id);
        break;
      case 'ArrowLeft':
        if (!root) onClose();
        break;
      case 'Enter':
      case ' ':
        if (current?.submenu) setOpen(current.id);
        else if (current) run(current);
        break;
      case 'Escape':
        onClose();
        break;
      case 'Tab':
        onClose();
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  return (
    <div ref={listRef} role="menu" aria-label={root ? t('sel.menu.label') : undefined} className="bs-ws-menu" data-testid={root ? 'canvas-menu' : 'canvas-submenu'} onKeyDown={onKeyDown} style={root ? { position: 'static' } : undefined}>
      {items.flatMap((item) => {
        const enabled = item.submenu ? item.submenu.some((s) => s.command && commandEnabled(commands, s.command)) : !!item.command && commandEnabled(commands, item.command);
        const row = (
          <div
            key={item.id}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={!enabled || undefined}
            aria-haspopup={item.submenu ? 'menu' : undefined}
            aria-expanded={item.submenu ? open === item.id : undefined}
            data-command={item.id}
            onClick={(e) => {
              e.stopPropagation();
              if (item.submenu) setOpen(open === item.id ? null : item.id);
              else run(item);
            }}
            // On a move, not on enter: a menu opened from the keyboard under a resting pointer keeps its focus.
            onPointerMove={(e) => {
              if (e.currentTarget === document.activeElement || e.currentTarget.contains(document.activeElement)) return;
              e.currentTarget.focus();
              setOpen(item.submenu ? item.id : null);
            }}
          >
            <span className="bs-ws-menu-label">{t(item.label)}</span>
            {item.keys && <kbd className="bs-ws-menu-keys">{keysLabel(item.keys, IS_MAC)}</kbd>}
            {item.submenu && <span aria-hidden="true">▸</span>}
            {item.submenu && open === item.id && (
              <SubMenu
                items={item.submenu}
                commands={commands}
                run={run}
                onClose={() => {
                  setOpen(null);
                  entries()[items.indexOf(item)]?.focus();
                }}
              />
            )}
          </div>
        );
        return item.separator ? [<div key={`sep-${item.id}`} role="separator" />, row] : [row];
      })}
    </div>
  );
}

function SubMenu(p: { items: CanvasMenuItem[]; commands: CommandTable; run(item: CanvasMenuItem): void; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Kept inside the window: moved up at its bottom edge, opened to the left at its right edge.
    const menu = ref.current?.querySelector<HTMLElement>('.bs-ws-menu');
    if (menu) {
      const r = menu.getBoundingClientRect();
      if (r.bottom > window.innerHeight - 4) menu.style.top = `${-5 - Math.min(r.top, r.bottom - window.innerHeight + 4)}px`;
      if (r.right > window.innerWidth - 4) Object.assign(menu.style, { left: 'auto', right: '100%' });
    }
    ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, []);
  return (
    <div ref={ref} onClick={(e) => e.stopPropagation()} onPointerMove={(e) => e.stopPropagation()}>
      <MenuList items={p.items} commands={p.commands} run={p.run} onClose={p.onClose} />
    </div>
  );
}
