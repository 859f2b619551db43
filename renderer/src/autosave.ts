import { errorMessage } from '../../core/error-message.js';
/**
 * Autosave of the workspace's unsaved edits to the issue's recovery file (issue files: autosave
 * and recovery). A few seconds after the last change — and at most every `maxWait` while
 * typing goes on — the whole edited issue goes to the host, which writes it atomically beside
 * the issue file; the file itself is only written by Save. Nothing is sent while the session is
 * clean, read-only, or has no file yet.
 */

export interface AutosaveSource {
  readonly dirty: boolean;
  readonly readOnly: boolean;
  readonly path: string;
  readonly issue: unknown;
  readonly version: number;
  subscribe(listener: () => void): () => void;
}

export interface AutosaveTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const browserTimers: AutosaveTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class Autosave {
  private timer: unknown;
  private firstPending = 0;
  private savedVersion = -1;
  private busy = false;
  private readonly off: () => void;

  constructor(
    private readonly source: AutosaveSource,
    private readonly write: (arg: { path: string; issue: unknown; changes: number }) => Promise<unknown>,
    private readonly report: (result: { ok: true; at: number } | { ok: false; message: string }) => void,
    private readonly delay = 2000,
    private readonly maxWait = 10000,
    private readonly timers: AutosaveTimers = browserTimers,
  ) {
    this.off = source.subscribe(() => this.changed());
  }

  private eligible(): boolean {
    const s = this.source;
    return s.dirty && !s.readOnly && /\.broadsheet$/i.test(s.path) && s.version !== this.savedVersion;
  }

  private changed(): void {
    if (!this.eligible()) return;
    const now = this.timers.now();
    if (this.timer === undefined) this.firstPending = now;
    else this.timers.clear(this.timer);
    // Typing that never pauses still gets a save every maxWait.
    const wait = Math.max(0, Math.min(this.delay, this.firstPending + this.maxWait - now));
    this.timer = this.timers.set(() => void this.flush(), wait);
  }

  /** Writes now if there is anything to write (also called on pagehide). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    if (this.busy || !this.eligible()) return;
    const s = this.source;
    const version = s.version;
    this.busy = true;
    try {
      await this.write({ path: s.path, issue: s.issue, changes: version });
      this.savedVersion = version;
      this.report({ ok: true, at: this.timers.now() });
    } catch (err) {
      this.report({ ok: false, message: errorMessage(err) });
    } finally {
      this.busy = false;
    }
    // Edits that came in while writing.
    if (this.eligible()) this.changed();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.off();
  }
}
