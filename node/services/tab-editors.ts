import type { IssueLockDto } from '../../core/api/index.js';
import { canonicalIssuePath } from '../store/index.js';

/**
 * Which browser tab edits the issue a loopback host shows. Every tab sends its own client id
 * (kept in the tab's sessionStorage, so a reload is the same tab); the first tab to open the
 * issue edits it, and keeps it by calling (issueStatus every few seconds, saves, autosaves). A
 * second tab opens it read-only, is told since when the other tab has it and when it was last
 * heard from, gets no recovery offer (the other tab's autosave is not a crash), and may take it
 * over — the same user's own tab, so always allowed; the first tab is then told, and its saves
 * and autosaves of that issue are refused.
 *
 * A tab in the background may have its timers slowed to once a minute, so a tab counts as
 * editing for TAB_LIVE_MS after its last call; a closed tab's claim lapses after that.
 */

export const TAB_LIVE_MS = 90_000;

/** A write this page may not make: another tab took the issue over, or another program holds it. */
export class EditRefused extends Error {
  constructor(
    readonly why: 'taken-over' | 'open-elsewhere',
    readonly file: string,
    message: string,
    readonly holder?: string,
  ) {
    super(message);
  }
}

interface Editor {
  client: string;
  path: string;
  since: number;
  seen: number;
}

export class TabEditors {
  private editor: Editor | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  private current(path: string): Editor | undefined {
    const e = this.editor;
    return e && e.path === canonicalIssuePath(path) ? e : undefined;
  }

  /** The tab editing `path` other than `client`, as a lock to show; undefined when it is `client`'s or nobody's. */
  other(path: string, client: string): IssueLockDto | undefined {
    const e = this.current(path);
    if (!e || e.client === client) return undefined;
    const live = this.now() - e.seen < TAB_LIVE_MS;
    return { tab: true, owner: '', host: '', since: new Date(e.since).toISOString(), seen: new Date(e.seen).toISOString(), sameHost: true, stale: !live };
  }

  /** Whether another tab edits `path` and was heard from lately. */
  private taken(path: string, client: string): boolean {
    const e = this.current(path);
    return !!e && e.client !== client && this.now() - e.seen < TAB_LIVE_MS;
  }

  /** `client` edits `path` from now on (opened it with nobody else editing, or took it over). */
  claim(path: string, client: string): void {
    const e = this.current(path);
    const t = this.now();
    this.editor = { client, path: canonicalIssuePath(path), since: e?.client === client ? e.since : t, seen: t };
  }

  /** The editing tab called: it keeps the issue. Returns whether `client` is the editing tab. */
  touch(path: string, client: string): boolean {
    const e = this.current(path);
    if (!e) return false;
    if (e.client !== client) return false;
    e.seen = this.now();
    return true;
  }

  /** Whether anyone is registered as editing `path`. */
  has(path: string): boolean {
    return !!this.current(path);
  }

  /** Before `client` writes `path` (save, autosave, discard, photo): refused while another tab edits it. */
  mayWrite(path: string, client: string): void {
    if (this.taken(path, client)) {
      throw new EditRefused('taken-over', path.split(/[\\/]/).pop() ?? path, `another tab took over "${path.split(/[\\/]/).pop()}"; this tab's edits were not written — take it back in this tab, or keep them with Save As`);
    }
    if (!this.touch(path, client) && !this.has(path)) this.claim(path, client);
  }
}
