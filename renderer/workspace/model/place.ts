import type { Asset, GridRect, Issue } from '../../../core/model/issue.js';
import type { TemplateRegistry } from '../../../core/templates/index.js';
import { moveIntoGrid } from './grid.js';
import { addPhotoFrame, OperationError, placePhoto, type Operation } from './operations.js';
import { findFrame } from './threads.js';

/**
 * File ▸ Place… (置入…, Ctrl+D, as InDesign's): where each picked photo goes, decided from the
 * selection before anything is uploaded, and the one undoable step that puts them there. A
 * selected photo frame takes the first photo (an empty one is filled, a filled one gets the new
 * image in place of its old one); every other photo becomes a new photo frame — in the page's
 * free photo slots first, then in the first free place of two columns by 16 lines down the page
 * (over other frames, a column and two lines apart, only when the page has no room left).
 */

/** Where one placed photo goes: into an existing photo frame, or a new frame at a grid place. */
export type PlaceTarget = { into: string } | { newFrame: { id: string; pageIndex: number; rect: GridRect; slot?: string } };

/** The size of a photo frame Place draws where no slot is free: two columns by 16 lines (as a drop). */
export const PLACED_FRAME = { span: 2, lines: 16 } as const;

/**
 * Where `count` photos go: `selected` the last selected frame (its page is used when it is a
 * photo frame; a story frame or nothing selected places on `pageIndex`); `newId` names the new frames.
 */
export function planPlace(issue: Issue, templates: TemplateRegistry, selected: string | null, pageIndex: number, count: number, newId: (prefix: string) => string): PlaceTarget[] {
  if (count < 1) return [];
  const at = selected ? findFrame(issue, selected) : undefined;
  const into = at?.frame.type === 'photo' ? at.frame.id : undefined;
  const onPage = into ? at!.pageIndex : pageIndex;
  const page = issue.pages[onPage];
  if (!page) throw new OperationError('error.noPage', { index: onPage });
  const t = templates.get(page.templateId);
  if (!t) throw new OperationError('error.unknownTemplate', { id: page.templateId });
  const out: PlaceTarget[] = into ? [{ into }] : [];
  // What is taken: the page's frames and the frames planned so far.
  const taken: GridRect[] = page.frames.map((f) => f.rect);
  const free = (r: GridRect) => !taken.some((x) => overlaps(x, r));
  // A photo slot no frame fills and none covers (a frame drawn over it without its name takes it too).
  const freeSlots = t.spec.slots.filter((s) => s.kind === 'photo' && !page.frames.some((f) => f.slot === s.name) && free(s.rect));
  let cascade = 0;
  while (out.length < count) {
    const slot = freeSlots.shift();
    const rect = slot?.rect ?? freePlace(t, free) ?? moveIntoGrid(t, { column: cascade % Math.max(1, t.columns - PLACED_FRAME.span + 1), span: PLACED_FRAME.span, line: (cascade++ * 2) % Math.max(1, t.lines - PLACED_FRAME.lines + 1), lines: PLACED_FRAME.lines });
    taken.push(rect);
    out.push({ newFrame: { id: newId('f'), pageIndex: onPage, rect, ...(slot ? { slot: slot.name } : {}) } });
  }
  return out;
}

function overlaps(a: GridRect, b: GridRect): boolean {
  return a.column < b.column + b.span && b.column < a.column + a.span && a.line < b.line + b.lines && b.line < a.line + a.lines;
}

/** The first free place of the placed size, down the page two lines at a time, each row from the left; none when the page is full. */
function freePlace(t: { columns: number; lines: number }, free: (r: GridRect) => boolean): GridRect | undefined {
  const span = Math.min(PLACED_FRAME.span, t.columns);
  const lines = Math.min(PLACED_FRAME.lines, t.lines);
  for (let line = 0; line + lines <= t.lines; line += 2)
    for (let column = 0; column + span <= t.columns; column++) {
      const r = { column, span, line, lines };
      if (free(r)) return r;
    }
  return undefined;
}

/** The frame each target leaves the photo in (the frames to select after placing). */
export function placedFrameIds(targets: readonly PlaceTarget[]): string[] {
  return targets.map((x) => ('into' in x ? x.into : x.newFrame.id));
}

/** Places `assets[i]` at `targets[i]`: one undo step for all of them (置入 N 张图片). */
export function placePhotos(targets: readonly PlaceTarget[], assets: readonly Asset[]): Operation {
  return {
    label: { key: 'ph.op.placePhotos', values: { count: assets.length } },
    run(issue, env) {
      if (targets.length !== assets.length || !assets.length) throw new OperationError('ph.error.placeCount', { targets: targets.length, photos: assets.length });
      let next = issue;
      targets.forEach((target, i) => {
        const asset = assets[i];
        if ('into' in target) next = placePhoto(target.into, asset).run(next, env);
        else {
          // The asset first, then the frame that shows it.
          next = { ...next, assets: next.assets.some((a) => a.id === asset.id) ? next.assets.map((a) => (a.id === asset.id ? asset : a)) : [...next.assets, asset] };
          const f = target.newFrame;
          next = addPhotoFrame(f.pageIndex, f.rect, { id: f.id, assetId: asset.id, slot: f.slot }).run(next, env);
        }
      });
      return next;
    },
  };
}

/** Image file names and types Place and a drop accept (what the host can measure and the PDF embed). */
export function isPlaceableImage(file: { name: string; type: string }): boolean {
  return /^image\/(jpeg|png|tiff|webp)$/.test(file.type) || /\.(jpe?g|png|tiff?|webp)$/i.test(file.name);
}
