import { useEffect, useRef, useState } from 'react';

/**
 * The full font files after the subsets of the first paint (renderer/src/fonts.ts): loaded
 * once the first page is on screen (a frame and a task later, so they never hold up that
 * paint). Editing waits for them (`complete`). When the full faces answer differently from the
 * subsets a composition used, `onInexact` recomposes; when they cannot be loaded, `onError`
 * says why and `failed` ends the "loading" status. A new `full` or `onInexact` (a new
 * session to recompose) checks again.
 */
export function useFullFonts(full: (() => Promise<{ inexact: boolean }>) | undefined, onInexact: () => void, onError: (err: unknown) => void): { complete: boolean; failed: boolean } {
  const [complete, setComplete] = useState(!full);
  const [failed, setFailed] = useState(false);
  const errorRef = useRef(onError);
  errorRef.current = onError;
  useEffect(() => {
    if (!full) return setComplete(true);
    setComplete(false);
    setFailed(false);
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        void full().then(
          ({ inexact }) => {
            if (!live) return;
            if (inexact) onInexact();
            setComplete(true);
          },
          (err: unknown) => {
            if (!live) return;
            setFailed(true);
            errorRef.current(err);
          },
        );
      });
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [full, onInexact]);
  return { complete, failed };
}
