import { useLayoutEffect, useState } from 'react';
import type { IssueSession } from './model/session.js';

/**
 * Re-renders on every change of the session. A change made by typing in the story editor is
 * shown at the next animation frame (several keystrokes in one frame, one render): the editor
 * has already placed the typed text itself, and the keystroke's task stays short. Every other
 * change renders at once.
 */
export function useSessionVersion(session: IssueSession): number {
  const [version, setVersion] = useState(session.version);
  useLayoutEffect(() => {
    let frame = 0;
    setVersion(session.version);
    const unsubscribe = session.subscribe(() => {
      if (session.lastOperation?.coalesce?.startsWith('text:')) {
        frame ||= requestAnimationFrame(() => {
          frame = 0;
          setVersion(session.version);
        });
        return;
      }
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      setVersion(session.version);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [session]);
  return version;
}
