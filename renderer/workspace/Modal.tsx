import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog of the workspace (export, copy import): focus moves into it when it opens and
 * back where it was when it closes, and Escape closes it — whatever had focus inside it.
 */
export function Modal({ label, testid, onClose, children }: { label: string; testid: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="bs-ws-modal"
      role="dialog"
      aria-modal="true"
      aria-label={label}
      data-testid={testid}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // The workspace's own Escape (deselect, leave text) must not act behind the dialog.
        e.stopPropagation();
        close.current();
      }}
    >
      {children}
    </div>
  );
}
