import { withStoryTracking } from '../../../core/compose/copyfit.js';
import type { Asset, Frame, GridRect, Issue, Page, PhotoFrame, Story, StoryFrame } from '../../../core/model/issue.js';
import type { Template, TemplateRegistry } from '../../../core/templates/index.js';
import { moveIntoGrid } from './grid.js';
import { findFrame, placedStoryIds, previousFrame, threadOf, type FrameAt } from './threads.js';

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
  /** The font keys loaded (a frame's headline face must be one); absent: any key of the right shape. */
  fontKeys?: ReadonlySet<string>;
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
export type StoryFramePatch = Partial<Pick<StoryFrame, 'columns' | 'gutter' | 'headlineSpan' | 'headlineMaxLines' | 'headlineSize' | 'headlineFont' | 'balance' | 'border' | 'tint' | 'ruleBelow' | 'ruleRight'>>;

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
        if (next.headlineFont !== undefined && (typeof next.headlineFont !== 'string' || !/^[\w-]{1,64}$/.test(next.headlineFont) || (env.fontKeys && !env.fontKeys.has(next.headlineFont)))) throw new OperationError('error.unknownFace', { face: String(next.headlineFont) });
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

// ── several frames: the selection ────────────────────────────────────────────────────────

/** The frames with these ids, with their pages (in page and frame order); an id no page holds is refused. */
function framesOf(issue: Issue, ids: readonly string[]): FrameAt[] {
  const want = new Set(ids);
  const out: FrameAt[] = [];
  issue.pages.forEach((p, pageIndex) => p.frames.forEach((frame) => want.has(frame.id) && out.push({ pageIndex, frame })));
  if (out.length < want.size) {
    const missing = ids.find((id) => !out.some((a) => a.frame.id === id));
    throw new OperationError('error.noFrame', { id: missing ?? '' });
  }
  return out;
}

/** Replaces frames' rectangles (by id) on their pages; a moved frame leaves its slot. */
function withRects(issue: Issue, rects: ReadonlyMap<string, GridRect>): Issue {
  const same = (a: GridRect, b: GridRect) => a.column === b.column && a.span === b.span && a.line === b.line && a.lines === b.lines;
  let changed = false;
  const pages = issue.pages.map((p) => {
    if (!p.frames.some((f) => rects.has(f.id) && !same(rects.get(f.id)!, f.rect))) return p;
    changed = true;
    return {
      ...p,
      frames: p.frames.map((f) => {
        const r = rects.get(f.id);
        if (!r || same(r, f.rect)) return f;
        const { slot: _left, ...rest } = f;
        return { ...rest, rect: r } as Frame;
      }),
    };
  });
  return changed ? { ...issue, pages } : issue;
}

/** Deletes several frames in one step (threads close over every gap; stories are kept, as `deleteFrame`). */
export function deleteFrames(frameIds: readonly string[], labelKey = 'sel.op.deleteFrames'): Operation {
  return {
    label: label(labelKey, { count: frameIds.length }),
    run(issue) {
      if (!frameIds.length) return issue;
      framesOf(issue, frameIds);
      return removeFrames(issue, new Set(frameIds));
    },
  };
}

/**
 * Moves several frames by whole columns and lines together (arrow nudge, a drag of the
 * selection). The group keeps its shape: the step is cut short so that every frame stays inside
 * its page's grid, rather than each frame stopping at the edge on its own.
 */
export function moveFrames(frameIds: readonly string[], columns: number, lines: number): Operation {
  return {
    label: label('sel.op.moveFrames', { count: frameIds.length }),
    coalesce: `rects:${frameIds.join(',')}`,
    run(issue, env) {
      const at = framesOf(issue, frameIds);
      let dc = Math.round(columns);
      let dl = Math.round(lines);
      for (const a of at) {
        const t = templateOf(env, issue.pages[a.pageIndex]);
        const r = moveIntoGrid(t, a.frame.rect);
        dc = Math.max(-r.column, Math.min(t.columns - r.span - r.column, dc));
        dl = Math.max(-r.line, Math.min(t.lines - r.lines - r.line, dl));
      }
      if (!at.length || (dc === 0 && dl === 0)) return issue;
      const rects = new Map<string, GridRect>();
      for (const a of at) {
        const t = templateOf(env, issue.pages[a.pageIndex]);
        const r = moveIntoGrid(t, a.frame.rect);
        rects.set(a.frame.id, { ...r, column: r.column + dc, line: r.line + dl });
      }
      return withRects(issue, rects);
    },
  };
}

/**
 * Sets grid fields (first column, span, first line, lines) of several frames at once — the
 * inspector's shared fields — each frame snapped into its own page's grid (moved, not cut, at an edge).
 */
export function setFramesRect(frameIds: readonly string[], patch: Partial<GridRect>): Operation {
  return {
    label: label('sel.op.framesRect', { count: frameIds.length }),
    run(issue, env) {
      const rects = new Map<string, GridRect>();
      for (const a of framesOf(issue, frameIds)) rects.set(a.frame.id, moveIntoGrid(templateOf(env, issue.pages[a.pageIndex]), { ...a.frame.rect, ...patch }));
      return withRects(issue, rects);
    },
  };
}

/** Puts frames on top of the page's others (`front`) or under them: a page paints its frames in order. */
export function arrangeFrames(frameIds: readonly string[], to: 'front' | 'back'): Operation {
  return {
    label: label(to === 'front' ? 'sel.op.bringToFront' : 'sel.op.sendToBack'),
    run(issue) {
      framesOf(issue, frameIds);
      const ids = new Set(frameIds);
      return {
        ...issue,
        pages: issue.pages.map((p) => {
          if (!p.frames.some((f) => ids.has(f.id))) return p;
          const mine = p.frames.filter((f) => ids.has(f.id));
          const others = p.frames.filter((f) => !ids.has(f.id));
          const frames = to === 'front' ? [...others, ...mine] : [...mine, ...others];
          return frames.every((f, i) => f === p.frames[i]) ? p : { ...p, frames };
        }),
      };
    },
  };
}

/** Align edges: left, centre, right across; top, middle, bottom down. */
export type AlignEdge = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

/**
 * Aligns frames on one page: two or more to the edge (or centre) of their common bounds, one
 * frame to the page's 版心 (the type area, i.e. the template grid). Frames stay on the grid:
 * a centre that falls between two columns (or lines) goes to the one left of (above) it.
 * Frames on different pages are refused (the bounds would mean nothing).
 */
export function alignFrames(frameIds: readonly string[], edge: AlignEdge): Operation {
  return {
    label: label(`sel.op.align.${edge}`),
    run(issue, env) {
      const at = framesOf(issue, frameIds);
      if (!at.length) throw new OperationError('sel.error.nothingSelected');
      const pageIndex = at[0].pageIndex;
      if (at.some((a) => a.pageIndex !== pageIndex)) throw new OperationError('sel.error.framesOnPages');
      const t = templateOf(env, issue.pages[pageIndex]);
      const rects = at.map((a) => moveIntoGrid(t, a.frame.rect));
      const across = edge === 'left' || edge === 'center' || edge === 'right';
      // Bounds in grid cells: [lo, hi) across columns or down lines.
      const start = (r: GridRect) => (across ? r.column : r.line);
      const size = (r: GridRect) => (across ? r.span : r.lines);
      const lo = rects.length === 1 ? 0 : Math.min(...rects.map(start));
      const hi = rects.length === 1 ? (across ? t.columns : t.lines) : Math.max(...rects.map((r) => start(r) + size(r)));
      const out = new Map<string, GridRect>();
      at.forEach((a, i) => {
        const r = rects[i];
        const n = size(r);
        const to = edge === 'left' || edge === 'top' ? lo : edge === 'right' || edge === 'bottom' ? hi - n : Math.floor((lo + hi - n) / 2);
        out.set(a.frame.id, moveIntoGrid(t, across ? { ...r, column: to } : { ...r, line: to }));
      });
      return withRects(issue, out);
    },
  };
}

/**
 * Distributes three or more frames on one page with equal gaps between them, across
 * (`horizontal`) or down: the outermost two stay, the others are spaced between them in their
 * order. Frames lie on the grid, so each lands on the column (line) nearest its exact place —
 * gaps differ by at most one column (line) when the space does not divide evenly.
 */
export function distributeFrames(frameIds: readonly string[], axis: 'horizontal' | 'vertical'): Operation {
  return {
    label: label(axis === 'horizontal' ? 'sel.op.distribute.horizontal' : 'sel.op.distribute.vertical'),
    run(issue, env) {
      const at = framesOf(issue, frameIds);
      if (at.length < 3) throw new OperationError('sel.error.distributeThree');
      const pageIndex = at[0].pageIndex;
      if (at.some((a) => a.pageIndex !== pageIndex)) throw new OperationError('sel.error.framesOnPages');
      const t = templateOf(env, issue.pages[pageIndex]);
      const across = axis === 'horizontal';
      const start = (r: GridRect) => (across ? r.column : r.line);
      const size = (r: GridRect) => (across ? r.span : r.lines);
      const items = at.map((a) => ({ id: a.frame.id, r: moveIntoGrid(t, a.frame.rect) })).sort((a, b) => start(a.r) + size(a.r) / 2 - (start(b.r) + size(b.r) / 2) || start(a.r) - start(b.r));
      const lo = Math.min(...items.map((x) => start(x.r)));
      const hi = Math.max(...items.map((x) => start(x.r) + size(x.r)));
      const total = items.reduce((n, x) => n + size(x.r), 0);
      const gap = (hi - lo - total) / (items.length - 1);
      const out = new Map<string, GridRect>();
      let exact = lo;
      items.forEach((x, i) => {
        const to = i === 0 ? lo : i === items.length - 1 ? hi - size(x.r) : Math.round(exact);
        out.set(x.id, moveIntoGrid(t, across ? { ...x.r, column: to } : { ...x.r, line: to }));
        exact += size(x.r) + gap;
      });
      return withRects(issue, out);
    },
  };
}

/**
 * Frames copied (Ctrl+C), as the in-app clipboard holds them: the frames as they were, the
 * stories of the story frames with their text at the time of copying, the assets of the photo
 * frames, and the page each frame came from.
 */
export interface FrameClipboard {
  frames: { frame: Frame; pageId: string }[];
  stories: Story[];
  assets: Asset[];
}

/** What `pasteFrames` added: the new frames' ids (in clipboard order). */
export interface PasteResult {
  frameIds: string[];
}

/** Copies frames into a clipboard record (nothing in the issue changes). */
export function copyFrames(issue: Issue, frameIds: readonly string[]): FrameClipboard {
  const at = framesOf(issue, frameIds);
  const storyIds = new Set<string>();
  const assetIds = new Set<string>();
  for (const a of at) {
    if (a.frame.type === 'story') storyIds.add(a.frame.storyId);
    if (a.frame.type === 'photo' && a.frame.assetId) assetIds.add(a.frame.assetId);
  }
  return {
    frames: at.map((a) => ({ frame: structuredClone(a.frame), pageId: issue.pages[a.pageIndex].id })),
    stories: issue.stories.filter((s) => storyIds.has(s.id)).map((s) => structuredClone(s)),
    assets: issue.assets.filter((a) => assetIds.has(a.id)).map((a) => structuredClone(a)),
  };
}

/** The copied frames as plain text for the system clipboard: each story's blocks a line, stories a blank line apart. */
export function clipboardText(clip: FrameClipboard): string {
  type Node = { text?: string; content?: Node[] };
  const text = (n: Node): string => n.text ?? (n.content ?? []).map(text).join('');
  return clip.stories
    .map((s) => ((s.doc as Node).content ?? []).map(text).filter((line) => line.trim()).join('\n'))
    .filter(Boolean)
    .join('\n\n');
}

const sameRect = (a: GridRect, b: GridRect) => a.column === b.column && a.span === b.span && a.line === b.line && a.lines === b.lines;

/**
 * Pastes copied frames onto a page at the places they were copied from (snapped into that
 * page's grid). Where every pasted frame would land exactly on a frame already there (pasting
 * back onto the page copied from), the paste moves one column right and one line down, again
 * until it lands on something new. A story frame's copy gets a copy of its story (a new story,
 * headline and text copied; frames copied from one thread keep that thread among them); a photo
 * frame's copy links the same photo. `out` receives the new frames' ids.
 */
export function pasteFrames(clip: FrameClipboard, pageIndex: number, out?: PasteResult, labelKey = 'sel.op.pasteFrames'): Operation {
  return {
    label: label(labelKey, { count: clip.frames.length }),
    run(issue, env) {
      if (!clip.frames.length) throw new OperationError('sel.error.clipboardEmpty');
      const page = checkPage(issue, pageIndex);
      const t = templateOf(env, page);
      const rects0 = clip.frames.map((c) => moveIntoGrid(t, c.frame.rect));
      let rects = rects0;
      for (let step = 1; step <= Math.max(t.columns, t.lines); step++) {
        if (!rects.every((r) => page.frames.some((f) => sameRect(f.rect, r)))) break;
        rects = rects0.map((r) => moveIntoGrid(t, { ...r, column: r.column + step, line: r.line + step }));
      }
      const frameIds = new Map(clip.frames.map((c) => [c.frame.id, env.newId('f')]));
      const storyIds = new Map<string, string>();
      for (const c of clip.frames) if (c.frame.type === 'story' && !storyIds.has(c.frame.storyId)) storyIds.set(c.frame.storyId, env.newId('s'));
      const frames: Frame[] = clip.frames.map((c, i) => {
        const f = c.frame;
        const id = frameIds.get(f.id)!;
        const { slot: _slot, ...base } = f;
        if (base.type === 'story') {
          const { next, ...rest } = base;
          const copy: StoryFrame = { ...structuredClone(rest), id, rect: rects[i], storyId: storyIds.get(base.storyId)! };
          if (next && frameIds.has(next)) copy.next = frameIds.get(next);
          return copy;
        }
        if (base.type === 'photo') {
          const { storyId, figure, ...rest } = base;
          const copy: PhotoFrame = { ...structuredClone(rest), id, rect: rects[i] };
          if (storyId && storyIds.has(storyId)) Object.assign(copy, { storyId: storyIds.get(storyId), ...(figure !== undefined ? { figure } : {}) });
          return copy;
        }
        return { ...structuredClone(base), id, rect: rects[i] } as Frame;
      });
      const stories: Story[] = [];
      for (const [oldId, newId] of storyIds) {
        const s = clip.stories.find((x) => x.id === oldId) ?? issue.stories.find((x) => x.id === oldId);
        stories.push(s ? { ...structuredClone(s), id: newId } : emptyStory(newId, ''));
      }
      // A photo whose asset record went (undone) comes back with its record.
      const assets = [...issue.assets, ...clip.assets.filter((a) => !issue.assets.some((x) => x.id === a.id) && frames.some((f) => f.type === 'photo' && f.assetId === a.id))];
      if (out) out.frameIds = [...frameIds.values()];
      const next = withPage(issue, pageIndex, (p) => ({ ...p, frames: [...p.frames, ...frames] }));
      return { ...next, stories: [...issue.stories, ...stories], assets: assets.length === issue.assets.length ? issue.assets : assets };
    },
  };
}

/**
 * 原位复制 / Duplicate: copies of frames on their own pages, one column and one line off (as a
 * paste onto the page they came from), in one step. `out` receives the copies' ids.
 */
export function duplicateFrames(frameIds: readonly string[], out?: PasteResult): Operation {
  return {
    label: label('sel.op.duplicateFrames', { count: frameIds.length }),
    run(issue, env) {
      const at = framesOf(issue, frameIds);
      if (!at.length) throw new OperationError('sel.error.nothingSelected');
      let next = issue;
      const ids: string[] = [];
      for (const pageIndex of [...new Set(at.map((a) => a.pageIndex))]) {
        const clip = copyFrames(issue, at.filter((a) => a.pageIndex === pageIndex).map((a) => a.frame.id));
        const r: PasteResult = { frameIds: [] };
        next = pasteFrames(clip, pageIndex, r).run(next, env);
        ids.push(...r.frameIds);
      }
      if (out) out.frameIds = ids;
      return next;
    },
  };
}

/**
 * 粘贴为串接框: each copied story frame's copy goes onto a page as the new last frame of its
 * original story's thread — the text runs on into it (a story with no frame left is placed
 * in it). Frames that are not story frames are not pasted; a story no longer in the issue is refused.
 */
export function pasteThreaded(clip: FrameClipboard, pageIndex: number, out?: PasteResult): Operation {
  return {
    label: label('sel.op.pasteThreaded'),
    run(issue, env) {
      const storyFrames = clip.frames.filter((c): c is { frame: StoryFrame; pageId: string } => c.frame.type === 'story');
      if (!storyFrames.length) throw new OperationError('sel.error.pasteThreadedNotStory');
      const page = checkPage(issue, pageIndex);
      const t = templateOf(env, page);
      let next = issue;
      const ids: string[] = [];
      for (const c of storyFrames) {
        const storyId = c.frame.storyId;
        if (!next.stories.some((s) => s.id === storyId)) throw new OperationError('error.noStory', { id: storyId });
        const thread = threadOf(next, storyId);
        const last = thread[thread.length - 1];
        let rect = moveIntoGrid(t, c.frame.rect);
        for (let step = 1; page.frames.some((f) => sameRect(f.rect, rect)) && step <= Math.max(t.columns, t.lines); step++) rect = moveIntoGrid(t, { ...c.frame.rect, column: c.frame.rect.column + step, line: c.frame.rect.line + step });
        const { next: _n, slot: _s, ...rest } = structuredClone(c.frame);
        const id = env.newId('f');
        const frame: StoryFrame = { ...rest, id, rect, storyId };
        next = withPage(next, pageIndex, (p) => ({ ...p, frames: [...p.frames, frame] }));
        if (last) {
          next = {
            ...next,
            pages: next.pages.map((p, i) => (i === last.pageIndex ? { ...p, frames: p.frames.map((f) => (f.id === last.frame.id ? { ...(f as StoryFrame), next: id } : f)) } : p)),
          };
        }
        ids.push(id);
      }
      if (out) out.frameIds = ids;
      return next;
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
