import { useEffect, useRef, type ReactNode } from 'react';

/** The open modals, innermost last: Escape closes only that one. */
const open: object[] = [];

/**
 * A modal dialog of the workspace (export, copy import, package…): focus moves into it when it
 * opens and back where it was when it closes, and Escape closes it — wherever focus is, even
 * when the button it was on went disabled (focus then falls to the page) — and only the
 * innermost dialog when several are open.
 */
export function Modal({ label, testid, onClose, children }: { label: string; testid: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const me = {};
    open.push(me);
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    // Capture: the workspace's own Escape (deselect, leave text) must not act behind the dialog.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || open[open.length - 1] !== me) return;
      e.stopPropagation();
      e.preventDefault();
      close.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      open.splice(open.indexOf(me), 1);
      before?.focus();
    };
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="bs-ws-modal" role="dialog" aria-modal="true" aria-label={label} data-testid={testid}>
      {children}
    </div>
  );
}
