import { withStoryTracking } from '../../../core/compose/copyfit.js';
import type { Asset, Frame, GridRect, Issue, Page, PhotoFrame, Story, StoryFrame } from '../../../core/model/issue.js';
import type { Template, TemplateRegistry } from '../../../core/templates/index.js';
import { moveIntoGrid } from './grid.js';
import { findFrame, placedStoryIds, previousFrame, threadOf } from './threads.js';

/**
 * The layout editor's operations on an issue. Each is a pure function from one issue to the
 * next (objects that do not change are shared, so undo keeps whole issues cheaply and the
 * recomposer sees what changed by identity). Operations refuse what would damage the issue
 * with an OperationError; none ever drops a story — a story whose last frame goes is unplaced.
 */

/** What an operation needs besides the issue. */
export interface OpEnv {
  templates: TemplateRegistry;
  /** A fresh id with a prefix (`p` page, `f` frame, `s` story, `a` asset), unique in the issue. */
  newId(prefix: string): string;
}

/** An undo-menu label: an i18n key of the workspace namespace and its values. */
export interface OpLabel {
  key: string;
  values?: Record<string, string | number>;
}

/** One undoable change. `coalesce`: consecutive operations with the same key are one undo step (typing). */
export interface Operation {
  label: OpLabel;
  coalesce?: string;
  run(issue: Issue, env: OpEnv): Issue;
}

/** An operation refused; `key` is an i18n key of the workspace namespace. */
export class OperationError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
    this.name = 'OperationError';
  }
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────

function templateOf(env: OpEnv, page: Page): Template {
  const t = env.templates.get(page.templateId);
  if (!t) throw new OperationError('error.unknownTemplate', { id: page.templateId });
  return t;
}

function checkPage(issue: Issue, index: number): Page {
  const p = issue.pages[index];
  if (!p) throw new OperationError('error.noPage', { index });
  return p;
}

function withPage(issue: Issue, index: number, fn: (p: Page) => Page): Issue {
  const pages = issue.pages.slice();
  pages[index] = fn(checkPage(issue, index));
  return { ...issue, pages };
}

function withFrame<F extends Frame>(issue: Issue, id: string, type: F['type'], fn: (f: F, page: Page) => F): Issue {
  const at = findFrame(issue, id);
  if (!at) throw new OperationError('error.noFrame', { id });
  if (at.frame.type !== type) throw new OperationError('error.wrongFrameType', { id, type });
  return withPage(issue, at.pageIndex, (p) => ({ ...p, frames: p.frames.map((f) => (f.id === id ? fn(f as F, p) : f)) }));
}

function withStory(issue: Issue, id: string, fn: (s: Story) => Story): Issue {
  const i = issue.stories.findIndex((s) => s.id === id);
  if (i < 0) throw new OperationError('error.noStory', { id });
  const stories = issue.stories.slice();
  stories[i] = fn(stories[i]);
  return { ...issue, stories };
}

/** A story with one empty paragraph (a frame drawn on the page starts empty). */
export function emptyStory(id: string, slug: string): Story {
  return { id, slug, status: 'draft', doc: { type: 'doc', content: [{ type: 'paragraph' }] } };
}

/**
 * Page numbers follow page order, counting on from the issue's first page number; a label of the
 * plant's form (letters + the old number, e.g. A03) follows its number, other labels are kept.
 */
function renumber(pages: Page[], start: number): Page[] {
  return pages.map((p, i) => {
    const number = start + i;
    if (p.number === number) return p;
    const next: Page = { ...p, number };
    const m = p.label ? /^([A-Za-z]*)(0*)(\d+)$/.exec(p.label) : null;
    if (m && Number(m[3]) === p.number) {
      const width = m[2].length + m[3].length;
      next.label = m[1] + String(number).padStart(width, '0');
    }
    return next;
  });
}

function firstNumber(issue: Issue): number {
  return issue.pages[0]?.number ?? 1;
}

/**
 * Removes frames from the issue, closing each thread over the gap: the frame before a removed
 * one now continues to the next frame kept (InDesign does the same when a threaded frame is
 * deleted). Stories lose frames, never text: a story with no frame left is unplaced.
 */
function removeFrames(issue: Issue, ids: Set<string>): Issue {
  if (!ids.size) return issue;
  const relink = new Map<string, string | undefined>();
  const stories = new Set<string>();
  for (const p of issue.pages) for (const f of p.frames) if (ids.has(f.id) && f.type === 'story') stories.add(f.storyId);
  for (const storyId of stories) {
    const kept = threadOf(issue, storyId).filter((at) => !ids.has(at.frame.id));
    kept.forEach((at, i) => {
      const next = kept[i + 1]?.frame.id;
      if (at.frame.next !== next) relink.set(at.frame.id, next);
    });
  }
  return {
    ...issue,
    pages: issue.pages.map((p) => {
      if (!p.frames.some((f) => ids.has(f.id) || relink.has(f.id))) return p;
      return {
        ...p,
        frames: p.frames
          .filter((f) => !ids.has(f.id))
          .map((f) => {
            if (!relink.has(f.id) || f.type !== 'story') return f;
            const next = relink.get(f.id);
            const { next: _old, ...rest } = f;
            return next ? { ...rest, next } : rest;
          }),
      };
    }),
  };
}

function label(key: string, values?: Record<string, string | number>): OpLabel {
  return values ? { key, values } : { key };
}

// ── pages ────────────────────────────────────────────────────────────────────────────────

/** Inserts a new empty page of a template at `index` (pages after it are renumbered). */
export function addPage(index: number, templateId: string, id?: string): Operation {
  return {
    label: label('op.addPage'),
    run(issue, env) {
      if (!env.templates.get(templateId)) throw new OperationError('error.unknownTemplate', { id: templateId });
      const at = Math.max(0, Math.min(issue.pages.length, index));
      const page: Page = { id: id ?? env.newId('p'), number: (issue.pages[0]?.number ?? 1) + at, section: '', editor: '', designer: '', templateId, frames: [] };
      const pages = issue.pages.slice();
      pages.splice(at, 0, page);
      return { ...issue, pages: renumber(pages, firstNumber(issue)) };
    },
  };
}

/**
 * Duplicates a page after itself. Its stories are duplicated too (a story runs in one thread),
 * with the threads inside the page kept and threads leaving the page cut; photos stay linked
 * to the same files.
 */
export function duplicatePage(index: number): Operation {
  return {
    label: label('op.duplicatePage'),
    run(issue, env) {
      const src = checkPage(issue, index);
      const frameIds = new Map(src.frames.map((f) => [f.id, env.newId('f')]));
      const storyIds = new Map<string, string>();
      for (const f of src.frames) if (f.type === 'story' && !storyIds.has(f.storyId)) storyIds.set(f.storyId, env.newId('s'));
      const frames: Frame[] = src.frames.map((f) => {
        const id = frameIds.get(f.id)!;
        if (f.type === 'story') {
          const { next, ...rest } = f;
          const copy: StoryFrame = { ...rest, id, storyId: storyIds.get(f.storyId)! };
          if (next && frameIds.has(next)) copy.next = frameIds.get(next);
          return copy;
        }
        if (f.type === 'photo' && f.storyId && storyIds.has(f.storyId)) return { ...f, id, storyId: storyIds.get(f.storyId) };
        return { ...f, id };
      });
      const copies: Story[] = [];
      for (const [oldId, newId] of storyIds) {
        const s = issue.stories.find((x) => x.id === oldId);
        if (s) copies.push({ ...s, id: newId, slug: s.slug ? `${s.slug} (2)` : '', doc: structuredClone(s.doc) });
      }
      const page: Page = { ...src, id: env.newId('p'), frames };
      const pages = issue.pages.slice();
      pages.splice(index + 1, 0, page);
      return { ...issue, pages: renumber(pages, firstNumber(issue)), stories: [...issue.stories, ...copies] };
    },
  };
}

/** Deletes a page: its frames go (threads close over them), its stories stay in the issue, unplaced if nothing else shows them. */
export function deletePage(index: number): Operation {
  return {
    label: label('op.deletePage'),
    run(issue) {
      const p = checkPage(issue, index);
      if (issue.pages.length === 1) throw new OperationError('error.lastPage');
      const without = removeFrames(issue, new Set(p.frames.map((f) => f.id)));
      const pages = without.pages.filter((_, i) => i !== index);
      return { ...without, pages: renumber(pages, firstNumber(issue)) };
    },
  };
}

/** Moves a page from one position to another; pages are renumbered in their new order. */
export function movePage(from: number, to: number): Operation {
  return {
    label: label('op.movePage'),
    run(issue) {
      checkPage(issue, from);
      const target = Math.max(0, Math.min(issue.pages.length - 1, to));
      if (target === from) return issue;
      const pages = issue.pages.slice();
      const [p] = pages.splice(from, 1);
      pages.splice(target, 0, p);
      return { ...issue, pages: renumber(pages, firstNumber(issue)) };
    },
  };
}

/**
 * Gives a page another template. A frame dropped in a slot moves to the new template's slot
 * of the same name and kind; every other frame keeps its grid position, moved and shrunk as
 * little as needed to stay inside the new grid.
 */
export function setPageTemplate(index: number, templateId: string): Operation {
  return {
    label: label('op.setTemplate'),
    run(issue, env) {
      const t = env.templates.get(templateId);
      if (!t) throw new OperationError('error.unknownTemplate', { id: templateId });
      return withPage(issue, index, (p) => ({
        ...p,
        templateId,
        frames: p.frames.map((f) => {
          const slot = f.slot ? t.spec.slots.find((s) => s.name === f.slot && slotKindFits(s.kind, f)) : undefined;
          if (slot) return { ...f, rect: { ...slot.rect } };
          const { slot: _gone, ...rest } = f;
          return { ...rest, rect: moveIntoGrid(t, f.rect) } as Frame;
        }),
      }));
    },
  };
}

/** Whether a template slot kind takes a frame. */
export function slotKindFits(kind: 'article' | 'photo' | 'caption' | 'banner', f: Pick<Frame, 'type'>): boolean {
  return (kind === 'article' && f.type === 'story') || (kind === 'photo' && f.type === 'photo') || (kind === 'banner' && f.type === 'banner');
}

/** Page fields: section name (版名), editors (责任编辑, 美编), the plant's label. */
export function setPageProps(index: number, patch: Partial<Pick<Page, 'section' | 'editor' | 'designer' | 'label'>>): Operation {
  return {
    label: label('op.pageProps'),
    run(issue) {
      return withPage(issue, index, (p) => {
        const next = { ...p, ...patch };
        if (patch.label === '') delete next.label;
        return next;
      });
    },
  };
}

/** The issue's own fields (报名, 期号, 日期, 刊号 …) and its printing condition (印刷条件). */
export type IssuePatch = Partial<Pick<Issue, 'paper' | 'issueNumber' | 'totalNumber' | 'date' | 'edition' | 'serial' | 'publisher'>> & {
  /** Fields of the printing condition; '' / undefined clears one. Without a condition the issue prints to IFRA26. */
  print?: { condition?: string; profile?: string; inkLimit?: number };
};

/** Sets the issue's fields; a bad date, an empty paper name or an ink limit outside 100–400 % is refused. */
export function setIssueProps(patch: IssuePatch): Operation {
  return {
    label: label('op.issueProps'),
    run(issue) {
      const { print, ...fields } = patch;
      if (fields.paper !== undefined && !fields.paper.trim()) throw new OperationError('error.paperEmpty');
      if (fields.date !== undefined && !validDate(fields.date)) throw new OperationError('error.badDate', { date: fields.date });
      const next: Issue = { ...issue, ...fields };
      if (print) {
        const merged = { ...issue.print, ...print };
        if (merged.inkLimit !== undefined && !(merged.inkLimit >= 100 && merged.inkLimit <= 400)) throw new OperationError('error.badInkLimit', { value: merged.inkLimit });
        const condition = merged.condition?.trim() || (merged.profile || merged.inkLimit !== undefined ? 'IFRA26' : '');
        if (!condition) delete next.print;
        else
          next.print = {
            condition,
            ...(merged.info ? { info: merged.info } : {}),
            ...(merged.profile?.trim() ? { profile: merged.profile.trim() } : {}),
            ...(merged.inkLimit !== undefined ? { inkLimit: merged.inkLimit } : {}),
          };
      }
      return next;
    },
  };
}

/** A real calendar date written YYYY-MM-DD. */
function validDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

// ── frames ───────────────────────────────────────────────────────────────────────────────

/**
 * Adds a story frame. With `storyId` it places that (unplaced) story; without, it starts a new
 * empty story, as drawing a text frame does. The rectangle is snapped into the page's grid.
 */
export function addStoryFrame(pageIndex: number, rect: GridRect, opts: { id: string; storyId?: string; newStoryId?: string; slot?: string; slug?: string }): Operation {
  return {
    label: label(opts.storyId ? 'op.placeStory' : 'op.addStoryFrame'),
    run(issue, env) {
      const t = templateOf(env, checkPage(issue, pageIndex));
      let stories = issue.stories;
      let storyId = opts.storyId;
      if (storyId) {
        if (!issue.stories.some((s) => s.id === storyId)) throw new OperationError('error.noStory', { id: storyId });
        if (placedStoryIds(issue).has(storyId)) throw new OperationError('error.storyPlaced', { id: storyId });
      } else {
        storyId = opts.newStoryId ?? env.newId('s');
        stories = [...stories, emptyStory(storyId, opts.slug ?? '')];
      }
      const frame: StoryFrame = { id: opts.id, type: 'story', storyId, rect: moveIntoGrid(t, rect), ...(opts.slot ? { slot: opts.slot } : {}) };
      const next = withPage(issue, pageIndex, (p) => ({ ...p, frames: [...p.frames, frame] }));
      return { ...next, stories };
    },
  };
}

/** Adds a photo frame (empty, or showing an asset already in the issue). */
export function addPhotoFrame(pageIndex: number, rect: GridRect, opts: { id: string; assetId?: string | null; slot?: string }): Operation {
  return {
    label: label('op.addPhotoFrame'),
    run(issue, env) {
      const t = templateOf(env, checkPage(issue, pageIndex));
      if (opts.assetId && !issue.assets.some((a) => a.id === opts.assetId)) throw new OperationError('error.noAsset', { id: opts.assetId });
      const frame: PhotoFrame = { id: opts.id, type: 'photo', assetId: opts.assetId ?? null, rect: moveIntoGrid(t, rect), fit: 'fill', caption: 'below', ...(opts.slot ? { slot: opts.slot } : {}) };
      return withPage(issue, pageIndex, (p) => ({ ...p, frames: [...p.frames, frame] }));
    },
  };
}

/** Moves or resizes a frame to a grid rectangle (snapped into the page's grid). A moved frame leaves its slot. */
export function setFrameRect(frameId: string, rect: GridRect, kind: 'move' | 'resize' = 'move'): Operation {
  return {
    label: label(kind === 'move' ? 'op.moveFrame' : 'op.resizeFrame'),
    coalesce: `rect:${frameId}:${kind}`,
    run(issue, env) {
      const at = findFrame(issue, frameId);
      if (!at) throw new OperationError('error.noFrame', { id: frameId });
      const t = templateOf(env, issue.pages[at.pageIndex]);
      const r = moveIntoGrid(t, rect);
      const old = at.frame.rect;
      if (r.column === old.column && r.span === old.span && r.line === old.line && r.lines === old.lines) return issue;
      return withPage(issue, at.pageIndex, (p) => ({
        ...p,
        frames: p.frames.map((f) => {
          if (f.id !== frameId) return f;
          const { slot: _left, ...rest } = f;
          return { ...rest, rect: r } as Frame;
        }),
      }));
    },
  };
}

/** Moves a frame to another page (threads keep running through it: links are by frame id). */
export function moveFrameToPage(frameId: string, pageIndex: number, rect: GridRect): Operation {
  return {
    label: label('op.moveFrame'),
    run(issue, env) {
      const at = findFrame(issue, frameId);
      if (!at) throw new OperationError('error.noFrame', { id: frameId });
      if (at.pageIndex === pageIndex) return setFrameRect(frameId, rect).run(issue, env);
      const t = templateOf(env, checkPage(issue, pageIndex));
      const { slot: _left, ...rest } = at.frame;
      const moved = { ...rest, rect: moveIntoGrid(t, rect) } as Frame;
      return {
        ...issue,
        pages: issue.pages.map((p, i) => (i === at.pageIndex ? { ...p, frames: p.frames.filter((f) => f.id !== frameId) } : i === pageIndex ? { ...p, frames: [...p.frames, moved] } : p)),
      };
    },
  };
}

/** Deletes a frame. A story frame's thread closes over the gap; its story is kept (unplaced when this was its only frame). */
export function deleteFrame(frameId: string): Operation {
  return {
    label: label('op.deleteFrame'),
    run(issue) {
      if (!findFrame(issue, frameId)) throw new OperationError('error.noFrame', { id: frameId });
      return removeFrames(issue, new Set([frameId]));
    },
  };
}

/**
 * Threads story frame `fromId` on to frame `toId` (on any page). The target leaves its own
 * thread and takes the source's story; the story it showed is kept — unplaced if this was its
 * only frame. Frames that followed the source now follow the target's end (nothing is cut).
 */
export function linkFrames(fromId: string, toId: string): Operation {
  return {
    label: label('op.linkFrames'),
    run(issue) {
      if (fromId === toId) throw new OperationError('error.linkSelf');
      const from = findFrame(issue, fromId);
      const to = findFrame(issue, toId);
      if (!from || !to) throw new OperationError('error.noFrame', { id: from ? toId : fromId });
      if (from.frame.type !== 'story' || to.frame.type !== 'story') throw new OperationError('error.linkNotStory');
      const storyId = from.frame.storyId;
      const thread = threadOf(issue, storyId).map((a) => a.frame.id);
      const fromPos = thread.indexOf(fromId);
      if (to.frame.storyId === storyId && thread.indexOf(toId) <= fromPos) throw new OperationError('error.linkCycle');
      if (from.frame.next === toId) return issue;
      // Take the target out of wherever it is (its old thread closes over it).
      let out = removeFrames(issue, new Set([toId]));
      const target: StoryFrame = { ...(to.frame as StoryFrame), storyId };
      delete target.next;
      // The new order of this story's thread: ... from, to, (what followed from) ...
      const order = thread.filter((id) => id !== toId);
      order.splice(order.indexOf(fromId) + 1, 0, toId);
      out = {
        ...out,
        pages: out.pages.map((p, i) => {
          const frames = i === to.pageIndex ? insertAt(p.frames, target, issue.pages[i].frames.findIndex((f) => f.id === toId)) : p.frames;
          if (!frames.some((f) => f.type === 'story' && f.storyId === storyId)) return frames === p.frames ? p : { ...p, frames };
          return {
            ...p,
            frames: frames.map((f) => {
              if (f.type !== 'story' || f.storyId !== storyId) return f;
              const k = order.indexOf(f.id);
              const next = k >= 0 ? order[k + 1] : undefined;
              if (f.next === next) return f;
              const { next: _n, ...rest } = f;
              return next ? { ...rest, next } : rest;
            }),
          };
        }),
      };
      return out;
    },
  };
}

function insertAt<T>(list: T[], item: T, index: number): T[] {
  const out = list.slice();
  out.splice(index < 0 ? out.length : Math.min(index, out.length), 0, item);
  return out;
}

/**
 * Breaks a thread after a frame: the story's text stops at this frame (the rest is overset,
 * counted, never lost) and the frames that followed become a thread of a new empty story.
 */
export function unlinkAfter(frameId: string, newStoryId?: string): Operation {
  return {
    label: label('op.unlinkFrames'),
    run(issue, env) {
      const at = findFrame(issue, frameId);
      if (!at || at.frame.type !== 'story') throw new OperationError('error.noFrame', { id: frameId });
      if (!at.frame.next) return issue;
      const thread = threadOf(issue, at.frame.storyId).map((a) => a.frame.id);
      const rest = new Set(thread.slice(thread.indexOf(frameId) + 1));
      const sid = newStoryId ?? env.newId('s');
      const source = issue.stories.find((s) => s.id === (at.frame as StoryFrame).storyId);
      return {
        ...issue,
        stories: [...issue.stories, emptyStory(sid, source?.slug ? `${source.slug} (2)` : '')],
        pages: issue.pages.map((p) =>
          p.frames.some((f) => f.id === frameId || rest.has(f.id))
            ? {
                ...p,
                frames: p.frames.map((f) => {
                  if (f.id === frameId && f.type === 'story') {
                    const { next: _cut, ...r } = f;
                    return r;
                  }
                  return rest.has(f.id) && f.type === 'story' ? { ...f, storyId: sid } : f;
                }),
              }
            : p,
        ),
      };
    },
  };
}

/** Story frame settings the inspector edits. */
export type StoryFramePatch = Partial<Pick<StoryFrame, 'columns' | 'gutter' | 'headlineSpan' | 'headlineMaxLines' | 'headlineSize' | 'balance' | 'border' | 'tint' | 'ruleBelow' | 'ruleRight'>>;

/** Sets story frame settings (an undefined value clears the setting back to the template's). */
export function setStoryFrameProps(frameId: string, patch: StoryFramePatch): Operation {
  return {
    label: label('op.frameProps'),
    run(issue, env) {
      return withFrame<StoryFrame>(issue, frameId, 'story', (f, page) => {
        const t = templateOf(env, page);
        const next: StoryFrame = { ...f };
        for (const [k, v] of Object.entries(patch) as [keyof StoryFramePatch, unknown][]) {
          if (v === undefined) delete next[k];
          else (next as Record<string, unknown>)[k] = v;
        }
        if (next.columns !== undefined && (!Number.isInteger(next.columns) || next.columns < 1 || next.columns > t.columns * 2)) throw new OperationError('error.badColumns', { max: t.columns * 2 });
        if (next.gutter !== undefined && !(next.gutter >= 0 && next.gutter <= 10)) throw new OperationError('error.badGutter');
        if (next.headlineSize !== undefined && !(next.headlineSize >= 4 && next.headlineSize <= 400)) throw new OperationError('error.badSize', { value: next.headlineSize });
        return next;
      });
    },
  };
}

/** Photo frame settings the inspector edits (fit/fill, focal point, zoom, caption, credit, the linked asset). */
export type PhotoFramePatch = Partial<Pick<PhotoFrame, 'fit' | 'focus' | 'zoom' | 'caption' | 'captionText' | 'credit' | 'assetId'>>;

export function setPhotoProps(frameId: string, patch: PhotoFramePatch, coalesce?: string): Operation {
  return {
    label: label(patch.focus || patch.zoom ? 'op.cropPhoto' : 'op.photoProps'),
    coalesce,
    run(issue) {
      if (patch.assetId && !issue.assets.some((a) => a.id === patch.assetId)) throw new OperationError('error.noAsset', { id: patch.assetId });
      if (patch.zoom !== undefined && !(patch.zoom >= 1 && patch.zoom <= 20)) throw new OperationError('error.badZoom');
      return withFrame<PhotoFrame>(issue, frameId, 'photo', (f) => {
        const next: PhotoFrame = { ...f };
        for (const [k, v] of Object.entries(patch) as [keyof PhotoFramePatch, unknown][]) {
          if (v === undefined && k !== 'assetId') delete next[k];
          else (next as Record<string, unknown>)[k] = v;
        }
        return next;
      });
    },
  };
}

/** Adds a linked photo to the issue's assets (or refreshes the record with the same id) and shows it in a photo frame. */
export function placePhoto(frameId: string, asset: Asset): Operation {
  return {
    label: label('op.linkPhoto'),
    run(issue, env) {
      const assets = issue.assets.some((a) => a.id === asset.id) ? issue.assets.map((a) => (a.id === asset.id ? asset : a)) : [...issue.assets, asset];
      return setPhotoProps(frameId, { assetId: asset.id }).run({ ...issue, assets }, env);
    },
  };
}

/** Replaces the record of a linked photo with the same id (relinked to another file, or its outside link accepted). */
export function updateAsset(asset: Asset, kind: 'relink' | 'acceptOutside'): Operation {
  return {
    label: label(kind === 'relink' ? 'op.relinkPhoto' : 'op.acceptOutside'),
    run(issue) {
      if (!issue.assets.some((a) => a.id === asset.id)) throw new OperationError('error.noAsset', { id: asset.id });
      return { ...issue, assets: issue.assets.map((a) => (a.id === asset.id ? asset : a)) };
    },
  };
}

// ── stories ──────────────────────────────────────────────────────────────────────────────

/** Replaces a story's document (text edited on the page). Consecutive edits with the same `coalesce` key are one undo step. */
export function setStoryDoc(storyId: string, doc: Story['doc'], coalesce?: string): Operation {
  return {
    label: label('op.editText'),
    coalesce,
    run(issue) {
      return withStory(issue, storyId, (s) => ({ ...s, doc }));
    },
  };
}

/** Replaces the documents of several stories in one undo step (replace all across the issue). */
export function setStoryDocs(docs: ReadonlyMap<string, Story['doc']>): Operation {
  return {
    label: label('op.replaceAll', { count: docs.size }),
    run(issue) {
      for (const id of docs.keys()) if (!issue.stories.some((s) => s.id === id)) throw new OperationError('error.noStory', { id });
      if (!docs.size) return issue;
      return { ...issue, stories: issue.stories.map((s) => (docs.has(s.id) ? { ...s, doc: docs.get(s.id)! } : s)) };
    },
  };
}

/** Desk metadata of a story: slug (稿件名) and status. */
export function setStoryProps(storyId: string, patch: Partial<Pick<Story, 'slug' | 'status'>>): Operation {
  return {
    label: label('op.storyProps'),
    run(issue) {
      return withStory(issue, storyId, (s) => ({ ...s, ...patch }));
    },
  };
}

/**
 * A story's body tracking (字距, em; 0 = the style's): typed in the inspector, or chosen by copyfit
 * (自动调整, `copyfit` names the step so undo says what it undoes).
 */
export function setStoryTracking(storyId: string, tracking: number, copyfit = false): Operation {
  return {
    label: label(copyfit ? 'op.copyfit' : 'op.tracking'),
    run(issue) {
      if (!Number.isFinite(tracking) || Math.abs(tracking) > 0.2) throw new OperationError('error.trackingRange', { min: -200, max: 200 });
      return withStory(issue, storyId, (s) => ((s.tracking ?? 0) === tracking ? s : withStoryTracking(s, tracking)));
    },
  };
}

/** The frame before a frame in its thread, for the inspector's thread controls. */
export { previousFrame };
