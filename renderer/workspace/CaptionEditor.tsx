import { useEffect, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { FontKey } from '../../core/display/types.js';
import type { CaptionBox } from './caption-edit.js';
import { useWorkspaceT } from './i18n.js';

/**
 * A photo's caption (or credit) edited on the page: a text field over the caption's own lines,
 * in its face, size and line pitch, at its place (the story editor's host, whose origin the
 * pages' origins are measured from). Enter or a click away commits — one operation, which
 * recomposes — and Escape cancels; the composer then sets the lines again as they will print.
 */

export interface CaptionEditorProps {
  box: CaptionBox;
  host: HTMLElement;
  scale: number;
  origin: { x: number; y: number };
  fontCss: Record<FontKey, { family: string; weight: number }>;
  onCommit(text: string): void;
  onCancel(): void;
}

export function CaptionEditor(p: CaptionEditorProps) {
  const { t } = useWorkspaceT();
  const ref = useRef<HTMLTextAreaElement | null>(null);
  // Ended once: Enter, Escape or the blur that follows either must not end it again.
  const ended = useRef(false);
  const { box, scale } = p;
  const pitch = box.pitch * scale;
  const face = p.fontCss[box.font] ?? { family: 'Noto Serif SC', weight: 400 };
  // The field's first line box centred on the first line's em box, as the composer's grid line is.
  const padTop = ((box.pitch - box.size) / 2) * scale;
  const grow = () => {
    const el = ref.current;
    if (!el) return;
    el.style.height = '0px';
    el.style.height = `${Math.max(pitch * Math.max(1, box.lines), el.scrollHeight)}px`;
  };
  useLayoutEffect(grow, [pitch, box.lines]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const end = (commit: boolean) => {
    if (ended.current) return;
    ended.current = true;
    if (commit) p.onCommit(ref.current?.value ?? box.text);
    else p.onCancel();
  };
  return createPortal(
    <textarea
      ref={ref}
      className="bs-ws-caption-editor"
      data-testid="caption-editor"
      data-part={box.part}
      data-frame={box.frameId}
      aria-label={t(box.part === 'caption' ? 'ph.captionEdit' : 'ph.creditEdit')}
      title={t(box.part === 'caption' ? 'ph.captionEdit' : 'ph.creditEdit')}
      defaultValue={box.text}
      spellCheck={false}
      style={{
        left: p.origin.x + box.x * scale,
        top: p.origin.y + box.top * scale - padTop,
        width: box.width * scale,
        fontFamily: `"${face.family}"`,
        fontWeight: face.weight,
        fontSize: box.size * scale,
        textIndent: `${box.indent}em`,
        lineHeight: `${pitch}px`,
      }}
      onInput={grow}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
          e.preventDefault();
          end(true);
        } else if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          e.stopPropagation();
          end(false);
        }
      }}
      onBlur={() => end(true)}
      onPointerDown={(e) => e.stopPropagation()}
    />,
    p.host,
  );
}
