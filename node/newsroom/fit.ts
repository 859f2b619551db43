import { ComposeCache, composeIssue } from '../../core/compose/index.js';
import type { StoryFit } from '../../core/compose/types.js';
import { nodeComposeContext } from '../compose.js';
import type { NewsroomDb } from './db.js';
import { notify, type NewsroomEvent } from './service.js';
import { editionAsIssue } from './transfer.js';

/**
 * Keeps every story's fit (lines over or under its frames) current on the server, with the
 * same composer the app and the export use: after a check-in of a story or a page, the edition
 * is recomposed (debounced, incrementally through one ComposeCache per edition) and the fits
 * that changed are stored and announced. A reporter sees "12 lines over" without opening the
 * page.
 *
 * Several servers on one database all recompose; only fits that differ from the stored ones
 * are written, so the second server writes and announces nothing.
 */

export interface StoredFit extends StoryFit {
  /** The story version the fit was composed from. */
  version: number;
}

const TRIGGERS = new Set<NewsroomEvent['type']>(['checkin', 'restore', 'created', 'edition']);

export class FitKeeper {
  private readonly caches = new Map<string, ComposeCache>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly db: NewsroomDb,
    private readonly opts: { debounceMs?: number; log?: (line: string) => void } = {},
  ) {}

  /**
   * Feeds a committed change; a change to text or layout schedules a recomposition of its
   * edition `debounceMs` later, which takes in every change made meanwhile. A pending one is not
   * pushed back: under a steady stream of check-ins fits still follow within that delay.
   */
  onEvent(e: NewsroomEvent): void {
    if (this.closed || !TRIGGERS.has(e.type) || this.timers.has(e.edition)) return;
    this.timers.set(
      e.edition,
      setTimeout(() => {
        this.timers.delete(e.edition);
        void this.refresh(e.edition);
      }, this.opts.debounceMs ?? 250),
    );
  }

  /** Recomposes an edition now and stores the fits that changed; resolves to the stories updated. */
  async refresh(edition: string): Promise<string[]> {
    // One recomposition per edition at a time; a change arriving meanwhile runs after it.
    const before = this.running.get(edition) ?? Promise.resolve();
    let changed: string[] = [];
    const run = before.then(async () => {
      try {
        changed = await this.recompose(edition);
      } catch (err) {
        (this.opts.log ?? ((l) => process.stderr.write(l + '\n')))(`newsroom: fit of edition '${edition}' not updated: ${(err as Error).message}`);
      }
    });
    this.running.set(edition, run);
    await run;
    if (this.running.get(edition) === run) this.running.delete(edition);
    return changed;
  }

  private async recompose(edition: string): Promise<string[]> {
    const issue = await editionAsIssue(this.db, edition);
    const versions = new Map((await this.db.query<{ id: string; version: number }>('select id, version from stories where edition_id = $1', [edition])).rows.map((r) => [r.id, r.version]));
    let cache = this.caches.get(edition);
    if (!cache) this.caches.set(edition, (cache = new ComposeCache()));
    const composed = composeIssue(issue, await nodeComposeContext(issue, undefined), { cache });
    const fits = issue.stories.map((s) => {
      const f = composed.stories[s.id]?.fit;
      return { id: s.id, fit: f ? ({ state: f.state, lines: f.lines, chars: f.chars, version: versions.get(s.id) ?? 0 } satisfies StoredFit) : null };
    });
    return this.db.transaction(async (tx) => {
      // Only the story versions composed: a check-in landing meanwhile gets its own recomposition.
      const { rows } = await tx.query<{ id: string }>(
        `update stories s set fit = f.fit from jsonb_to_recordset($2::jsonb) as f(id text, fit jsonb)
         where s.edition_id = $1 and s.id = f.id and s.fit is distinct from f.fit
           and (f.fit is null or s.version = (f.fit->>'version')::int)
         returning s.id`,
        [edition, JSON.stringify(fits)],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length) await notify(tx, { type: 'fit', edition, ids });
      return ids;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.running.values());
  }
}
