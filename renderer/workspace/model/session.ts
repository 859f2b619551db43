import type { ComposedIssue } from '../../../core/compose/types.js';
import type { Issue } from '../../../core/model/issue.js';
import type { TemplateRegistry } from '../../../core/templates/index.js';
import { History } from './history.js';
import { OperationError, type OpEnv, type OpLabel, type Operation } from './operations.js';
import { recompose, type ScreenComposer } from './recompose.js';

/**
 * The issue being edited: the document, its composition, undo/redo and whether it differs from
 * what was last saved. Plain TypeScript (no DOM), so every rule is tested under Node; the React
 * workspace subscribes to it. Every change goes through `apply` (one data path, like
 * ProseMirror's dispatch): operation → new issue → recompose what changed → notify.
 */

export interface SessionOptions {
  issue: Issue;
  /** What the file holds, when `issue` is not it (edits restored from a recovery file): the session starts dirty. */
  savedIssue?: Issue;
  /** The issue file (save target, and what relative photo paths resolve against). */
  path: string;
  readOnly?: boolean;
  templates: TemplateRegistry;
  compose: ScreenComposer;
  /** Id source for new pages, frames, stories and assets (tests pass a counter). */
  newId?: (prefix: string) => string;
  /** A composer with no shared cache, for measuring unplaced stories (default: none, lengths in lines unknown). */
  measure?: ScreenComposer;
  /** The font keys the composer has (a headline face set in the inspector must be one of them). */
  fontKeys?: Iterable<string>;
}

/** What the last recomposition did, for the status bar and benchmarks. */
export interface RecomposeInfo {
  pages: number[];
  ms: number;
}

export type ApplyResult = { ok: true } | { ok: false; error: OperationError };

/** What a save goes through (BroadsheetApi.saveIssue). */
export interface SaveTarget {
  saveIssue(arg: { path: string; issue: Issue }): Promise<{ path: string }>;
}

function allIds(issue: Issue): Set<string> {
  const ids = new Set<string>();
  for (const p of issue.pages) {
    ids.add(p.id);
    for (const f of p.frames) ids.add(f.id);
  }
  for (const s of issue.stories) ids.add(s.id);
  for (const a of issue.assets) ids.add(a.id);
  return ids;
}

function randomId(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

export class IssueSession {
  private current: Issue;
  private composedIssue: ComposedIssue;
  private saved: Issue;
  private readonly history = new History();
  private readonly listeners = new Set<() => void>();
  private readonly env: OpEnv;
  /** Bumped on every change; React reads it through useSyncExternalStore. */
  version = 0;
  path: string;
  /** Opened read-only (another session holds the file's lock): Save is refused, Save As to another file is not. */
  readOnly: boolean;
  lastRecompose: RecomposeInfo = { pages: [], ms: 0 };
  /** The operation of the last change (null after undo, redo, save): views may treat typing differently. */
  lastOperation: Operation | null = null;

  constructor(private readonly opts: SessionOptions) {
    this.current = opts.issue;
    this.saved = opts.savedIssue ?? opts.issue;
    this.path = opts.path;
    this.readOnly = !!opts.readOnly;
    const make = opts.newId ?? randomId;
    this.env = {
      templates: opts.templates,
      ...(opts.fontKeys ? { fontKeys: new Set(opts.fontKeys) } : {}),
      newId: (prefix) => {
        const taken = allIds(this.current);
        let id = make(prefix);
        while (taken.has(id)) id = make(prefix);
        return id;
      },
    };
    const t0 = now();
    this.composedIssue = recompose(opts.compose, this.current).composed;
    this.lastRecompose = { pages: this.current.pages.map((_, i) => i), ms: now() - t0 };
  }

  get issue(): Issue {
    return this.current;
  }

  get composed(): ComposedIssue {
    return this.composedIssue;
  }

  get templates(): TemplateRegistry {
    return this.opts.templates;
  }

  /** True when the issue differs from what was opened or last saved (undoing back to it clears it). */
  get dirty(): boolean {
    return this.current !== this.saved;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  get undoLabel(): OpLabel | undefined {
    return this.history.undoLabel;
  }

  get redoLabel(): OpLabel | undefined {
    return this.history.redoLabel;
  }

  private measured = new WeakMap<object, Map<string, number>>();

  /**
   * Length in body lines of a story set in one column of a template (the copy desk's measure
   * of an unplaced story), composed by the real composer: placed lines plus overset lines.
   * Cached per story document and template.
   */
  measureLines(storyId: string, templateId = this.current.pages[0]?.templateId): number | undefined {
    const story = this.current.stories.find((s) => s.id === storyId);
    const t = templateId ? this.opts.templates.get(templateId) : undefined;
    if (!story || !t || !this.opts.measure) return undefined;
    let byTemplate = this.measured.get(story.doc);
    const hit = byTemplate?.get(t.id);
    if (hit !== undefined) return hit;
    const issue: Issue = {
      ...this.current,
      pages: [{ id: 'measure', number: 1, section: '', editor: '', designer: '', templateId: t.id, frames: [{ id: 'measure', type: 'story', storyId, rect: { column: 0, span: 1, line: 0, lines: t.lines } }] }],
      stories: [story],
    };
    const layout = this.opts.measure(issue).stories[storyId];
    const lines = layout ? layout.lines.length + layout.overset.lines : 0;
    if (!byTemplate) this.measured.set(story.doc, (byTemplate = new Map()));
    byTemplate.set(t.id, lines);
    return lines;
  }

  /** A fresh id, unique in the issue (for frames the caller wants to select after adding). */
  newId(prefix: string): string {
    return this.env.newId(prefix);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs an operation; a refused one changes nothing and says why. */
  apply(op: Operation): ApplyResult {
    let next: Issue;
    try {
      next = op.run(this.current, this.env);
    } catch (err) {
      if (err instanceof OperationError) return { ok: false, error: err };
      throw err;
    }
    next = this.canonical(next);
    if (next === this.current) return { ok: true };
    this.history.push({ label: op.label, before: this.current, after: next, coalesce: op.coalesce });
    this.lastOperation = op;
    this.replace(next);
    return { ok: true };
  }

  /** Ends the current coalesced step (a text-editing session closed, a nudge finished). */
  seal(): void {
    this.history.seal();
  }

  undo(): boolean {
    const step = this.history.undo();
    if (!step) return false;
    this.lastOperation = null;
    this.replace(step.before);
    return true;
  }

  redo(): boolean {
    const step = this.history.redo();
    if (!step) return false;
    this.lastOperation = null;
    this.replace(step.after);
    return true;
  }

  /** Saves through the API to the session's path (or `path`: Save As); the saved issue is the clean state. */
  async save(api: SaveTarget, path = this.path): Promise<void> {
    if (this.readOnly && path === this.path) throw new Error(`${path} is open read-only: save it under another name`);
    const issue = this.current;
    const result = await api.saveIssue({ path, issue });
    if (result.path !== this.path) this.readOnly = false;
    this.path = result.path;
    this.saved = issue;
    this.lastOperation = null;
    this.notify();
  }

  /**
   * The saved issue itself when an edit took the issue back to it (typing, then undoing the
   * typing in the editor): stories whose document is the saved document object are the saved
   * story objects, and an issue equal part for part to the saved one is the saved one — so it
   * is not dirty, and nothing is recomposed.
   */
  private canonical(next: Issue): Issue {
    const saved = this.saved;
    if (next === saved || next.pages !== saved.pages || next.assets !== saved.assets) return next;
    const savedStories = new Map(saved.stories.map((st) => [st.id, st]));
    let same = next.stories.length === saved.stories.length;
    const stories = next.stories.map((st, i) => {
      const old = savedStories.get(st.id);
      const keep = old && old !== st && old.doc === st.doc && old.slug === st.slug && old.status === st.status ? old : st;
      if (keep !== saved.stories[i]) same = false;
      return keep;
    });
    const fields = (Object.keys(next) as (keyof Issue)[]).every((k) => k === 'stories' || next[k] === saved[k]);
    return same && fields ? saved : { ...next, stories };
  }

  /**
   * Composes the whole issue again (the fonts' answers changed: the full files replaced subsets
   * a composition had asked outside of). The history and the dirty state are untouched.
   */
  recomposeAll(): void {
    const t0 = now();
    this.composedIssue = recompose(this.opts.compose, this.current).composed;
    this.measured = new WeakMap();
    this.lastRecompose = { pages: this.current.pages.map((_, i) => i), ms: now() - t0 };
    this.notify();
  }

  private replace(next: Issue): void {
    const t0 = now();
    const r = recompose(this.opts.compose, next, { issue: this.current, composed: this.composedIssue });
    this.current = next;
    this.composedIssue = r.composed;
    this.lastRecompose = { pages: r.pages, ms: now() - t0 };
    this.notify();
  }

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
