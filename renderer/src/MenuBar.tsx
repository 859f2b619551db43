import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keysLabel } from '../workspace/keys.js';
import type { PageMenu, PageMenuItem } from './page-menu.js';

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/**
 * The in-page menu bar (browser host only; Electron has its native menu): menus open on a
 * click and follow the pointer while one is open, as a desktop menu bar does; arrow keys move
 * through menus and items, Enter runs, Escape and a click outside close. Items are the data of
 * page-menu.ts; running one is the frame's business (`onRun`).
 */
export function MenuBar({ menus, onRun, onOpen }: { menus: readonly PageMenu[]; onRun: (item: PageMenuItem) => void; /** A menu opened (the frame refreshes what the items show: Open Recent). */ onOpen?: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const [sub, setSub] = useState<string | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open === null) return;
    const away = (e: PointerEvent) => {
      if (!bar.current?.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [open]);

  const opened = open !== null;
  useEffect(() => {
    if (opened) onOpen?.();
  }, [opened, onOpen]);

  // Focus the first enabled item when a menu opens from the keyboard or a click.
  useEffect(() => {
    if (open === null) return;
    bar.current?.querySelector<HTMLElement>(`[data-menu="${menus[open].id}"] [role="menuitem"]:not([aria-disabled="true"])`)?.focus();
  }, [open, menus]);

  const close = (refocus: boolean) => {
    const was = open;
    setOpen(null);
    setSub(null);
    if (refocus && was !== null) bar.current?.querySelector<HTMLElement>(`[data-menu-button="${menus[was].id}"]`)?.focus();
  };
  const run = (item: PageMenuItem) => {
    if (!item.enabled || !item.action) return;
    close(false);
    onRun(item);
  };
  const label = (it: PageMenuItem) => it.text ?? t(it.label);

  const onMenuKey = (e: ReactKeyboardEvent, index: number) => {
    const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (d: number) => items[(at + d + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'ArrowRight': {
        const id = (document.activeElement as HTMLElement | null)?.dataset.item;
        const it = id ? menus[index].items.find((x) => x.id === id) : undefined;
        if (it?.submenu && sub !== it.id) setSub(it.id);
        else setOpen((index + 1) % menus.length);
        break;
      }
      case 'ArrowLeft':
        if (sub) setSub(null);
        else setOpen((index - 1 + menus.length) % menus.length);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const item = (it: PageMenuItem) => (
    <li key={it.id} role="none" className={it.separatorBefore ? 'bs-menu-sep' : undefined}>
      <button
        type="button"
        role="menuitem"
        data-item={it.id}
        aria-disabled={!it.enabled || undefined}
        aria-haspopup={it.submenu ? 'menu' : undefined}
        aria-expanded={it.submenu ? sub === it.id : undefined}
        tabIndex={-1}
        onPointerEnter={() => setSub(it.submenu ? it.id : null)}
        onClick={() => (it.submenu ? setSub(it.id) : run(it))}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault();
          e.stopPropagation();
          if (it.submenu) setSub(it.id);
          else run(it);
        }}
      >
        <span>{label(it)}</span>
        <span className="bs-menu-keys">{it.keys ? keysLabel(it.keys, MAC) : it.submenu ? '▸' : ''}</span>
      </button>
      {it.submenu && sub === it.id && (
        <ul role="menu" className="bs-menu-list bs-menu-sub" aria-label={label(it)} data-testid={`menu-${it.id}`}>
          {it.submenu.map((s) => (
            <li key={s.id} role="none">
              <button type="button" role="menuitem" data-item={s.id} aria-disabled={!s.enabled || undefined} tabIndex={-1} title={s.text} onClick={() => run(s)}>
                <span>{label(s)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );

  return (
    <div ref={bar} className="bs-menubar" role="menubar" aria-label={t('menu.bar')} data-testid="menubar">
      {menus.map((m, i) => (
        <div key={m.id} className="bs-menu" data-menu={m.id} onKeyDown={(e) => onMenuKey(e, i)}>
          <button
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === i}
            data-menu-button={m.id}
            className={open === i ? 'bs-menu-open' : undefined}
            onClick={() => (open === i ? close(false) : (setSub(null), setOpen(i)))}
            onPointerEnter={() => open !== null && open !== i && (setSub(null), setOpen(i))}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && open !== i) {
                e.preventDefault();
                e.stopPropagation();
                setOpen(i);
              }
            }}
          >
            {t(m.label)}
          </button>
          {open === i && (
            <ul role="menu" className="bs-menu-list" aria-label={t(m.label)}>
              {m.items.map(item)}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
