import { useEffect, useRef, useState } from 'react';
import type { FontGrowth } from '../src/fonts.js';

/**
 * The growing font subsets of the open issue (renderer/src/fonts.ts), seen from the workspace:
 * a frame and a task after the first paint they widen to what editors type (so that paint is
 * never held up); whenever a composition asked about a character outside them, they grow to it
 * and `recompose` composes again (once no repair is left, so a burst of new characters costs one
 * recomposition). Editing never waits for them. `busy` is for the status bar; a subset that cannot
 * be fetched is told to `onError` (the composition then keeps what it has and says so).
 */
export function useFontGrowth(growth: FontGrowth | undefined, recompose: () => void, onError: (err: unknown) => void): { busy: boolean } {
  const [busy, setBusy] = useState(growth?.busy ?? false);
  const recomposeRef = useRef(recompose);
  recomposeRef.current = recompose;
  const errorRef = useRef(onError);
  errorRef.current = onError;
  useEffect(() => {
    if (!growth) return setBusy(false);
    setBusy(growth.busy);
    const off = growth.on((e) => {
      if (e.type === 'busy') setBusy(e.busy);
      else if (e.type === 'error') errorRef.current(e.error);
      else if (growth.exact) recomposeRef.current();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => void growth.widen().catch((err: unknown) => errorRef.current(err)));
    });
    return () => {
      off();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [growth]);
  return { busy };
}
