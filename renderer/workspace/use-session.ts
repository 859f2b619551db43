import { useSyncExternalStore } from 'react';
import type { IssueSession } from './model/session.js';

/** Re-renders on every change of the session (its version), React's way of reading an external store. */
export function useSessionVersion(session: IssueSession): number {
  return useSyncExternalStore(session.subscribe, () => session.version);
}
