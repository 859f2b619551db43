import type { ComposeContext } from '../../../core/compose/types.js';
import { layoutStories, unplacedStories, type LayoutNote } from '../../../core/layout/index.js';
import type { Issue, Page, Story } from '../../../core/model/issue.js';
import { DEFAULT_TEMPLATE_ID, type TemplateRegistry } from '../../../core/templates/index.js';
import { OperationError, type Operation } from './operations.js';
import { storyChars } from './summary.js';

/**
 * Copy coming into the open issue: imported stories added unplaced, and "Lay out
 * unplaced stories" (排入未上版稿件) — core/layout's automatic layout of them on pages of the
 * issue, as one undoable operation each. Pure like every other operation.
 */

/** Adds stories (imported copy) to the issue, unplaced; an id the issue already has gets a suffix. */
export function addStories(stories: readonly Story[]): Operation {
  return {
    label: { key: 'op.importCopy', values: { count: stories.length } },
    run(issue) {
      if (!stories.length) throw new OperationError('error.noCopy');
      const taken = new Set([...issue.stories.map((s) => s.id), ...issue.pages.flatMap((p) => [p.id, ...p.frames.map((f) => f.id)]), ...issue.assets.map((a) => a.id)]);
      const added = stories.map((s) => {
        let id = s.id;
        for (let n = 2; taken.has(id); n++) id = `${s.id}-${n}`;
        taken.add(id);
        return id === s.id ? s : { ...s, id };
      });
      return { ...issue, stories: [...issue.stories, ...added] };
    },
  };
}

/** What a run of "Lay out unplaced stories" did, for the editor to read. */
export interface AutoLayoutOutcome {
  /** Stories placed (ids), in the order laid out. */
  placed: string[];
  /** Stories that did not fit on the pages allowed. */
  unplaced: string[];
  /** Unplaced stories with no text, left alone. */
  empty: string[];
  /** Indexes of the pages the stories were laid out on (reused empty pages and new ones). */
  pages: number[];
  /** core/layout's notes: holes, continuations, what did not fit. */
  notes: LayoutNote[];
  /** The template of the first page laid out. */
  templateId: string;
  ms: number;
}

export interface AutoLayoutOptions {
  /** Most pages to lay out on (default 4, core/layout's). */
  maxPages?: number;
}

/**
 * Where unplaced stories go: onto the issue's trailing empty pages (a new issue's blank front
 * page) on their template, else onto new pages after the last one on its inside template.
 */
export function layoutTarget(issue: Issue, templates: TemplateRegistry): { base: Issue; reuse: Page[]; templateId: string } {
  let k = issue.pages.length;
  while (k > 0 && issue.pages[k - 1].frames.length === 0) k--;
  const reuse = issue.pages.slice(k);
  const base = reuse.length ? { ...issue, pages: issue.pages.slice(0, k) } : issue;
  if (reuse.length) return { base, reuse, templateId: reuse[0].templateId };
  const last = issue.pages[issue.pages.length - 1];
  if (!last) return { base, reuse, templateId: DEFAULT_TEMPLATE_ID };
  const t = templates.get(last.templateId);
  const inside = t?.spec.kind === 'front' && templates.get(`${last.templateId}-inside`) ? `${last.templateId}-inside` : last.templateId;
  return { base, reuse, templateId: inside };
}

const hasText = (s: Story) => storyChars(s.doc) > 0;

/**
 * "Lay out unplaced stories": core/layout's layoutStories over the issue's unplaced stories
 * (in issue order; the first with a headline leads), with the composer the screen uses.
 * `onOutcome` hears what was placed and what was not. Nothing placed: the issue is unchanged.
 */
export function layOutUnplaced(ctx: ComposeContext, onOutcome: (o: AutoLayoutOutcome) => void, opts: AutoLayoutOptions = {}): Operation {
  return {
    label: { key: 'op.layoutUnplaced' },
    run(issue) {
      const t0 = typeof performance !== 'undefined' ? performance.now() : Date.now();
      const ids = unplacedStories(issue);
      const byId = new Map(issue.stories.map((s) => [s.id, s]));
      const todo = ids.filter((id) => hasText(byId.get(id)!));
      const empty = ids.filter((id) => !hasText(byId.get(id)!));
      if (!todo.length) throw new OperationError(ids.length ? 'error.noUnplacedText' : 'error.noUnplaced');
      const { base, reuse, templateId } = layoutTarget(issue, ctx.templates);
      if (!ctx.templates.get(templateId)) throw new OperationError('error.unknownTemplate', { id: templateId });
      const r = layoutStories(base, todo, ctx, { templateId, ...(opts.maxPages ? { maxPages: opts.maxPages } : {}) });
      const laid = r.issue.pages.slice(base.pages.length);
      const done = (next: Issue, pages: number[]) => {
        const ms = (typeof performance !== 'undefined' ? performance.now() : Date.now()) - t0;
        onOutcome({ placed: r.placed, unplaced: r.unplaced, empty, pages, notes: r.notes, templateId, ms });
        return next;
      };
      if (!r.placed.length) return done(issue, []);
      // A reused page keeps what the editor set on it (id, section, editors, label); the layout's frames go on it.
      const ids2 = new Set(laid.map((p) => p.id));
      const pages = laid.map((p, i) => {
        const old = reuse[i];
        if (!old) return p;
        const id = old.id === p.id || !ids2.has(old.id) ? old.id : p.id;
        return { ...old, id, number: p.number, templateId: p.templateId, frames: p.frames };
      });
      let number = pages.length ? pages[pages.length - 1].number : base.pages.length;
      const left = reuse.slice(laid.length).map((p) => (p.number === number + 1 ? (number++, p) : { ...p, number: ++number }));
      const next = { ...r.issue, pages: [...base.pages, ...pages, ...left] };
      return done(next, pages.map((_, i) => base.pages.length + i));
    },
  };
}
