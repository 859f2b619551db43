import { useRef, useState } from 'react';
import { errorMessage } from '../../core/error-message.js';
import { useWorkspaceT } from './i18n.js';
import type { BroadsheetApi } from '../../core/api/methods.js';
import type { FileUploads } from '../../core/api/shell.js';
import type { Asset } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import { slotAt } from './gestures.js';
import { cellAt, moveIntoGrid, type PagePoint } from './model/grid.js';
import { addPhotoFrame, OperationError, placePhoto, type Operation } from './model/operations.js';
import { isPlaceableImage, placedFrameIds, placePhotos, planPlace } from './model/place.js';
import type { IssueSession } from './model/session.js';

/**
 * A photo file dropped from the system onto the page: sent to the host as an upload (streamed
 * over HTTP, one ArrayBuffer over IPC), which copies it beside the issue
 * (photos/), measures and hashes it, and the photo frame links the new asset in one undoable
 * step. The page shows the dropped file itself at once (an object URL), not a round trip.
 */

/** The API as the photo paths use it: linkPhoto, and the transport's uploads (both hosts give them; a bare API does not). */
export type PhotoApi = Pick<BroadsheetApi, 'linkPhoto'> & Partial<FileUploads>;

/**
 * Sends a picked or dropped file to the host as an upload (its bytes in a request body of their
 * own, no base64) and links it under `id` — a new asset, or an existing one relinked.
 */
export async function uploadAndLink(api: PhotoApi, issuePath: string, id: string, file: File): Promise<Asset> {
  if (!api.uploadFile) throw new Error('this host takes no file uploads');
  const { upload } = await api.uploadFile(file.name, file);
  const { asset } = await api.linkPhoto({ issuePath, id, name: file.name, upload });
  return asset;
}

/** Links a dropped file into a photo frame; returns the asset and a preview URL for it. */
export async function linkDroppedPhoto(api: PhotoApi, session: IssueSession, frameId: string, file: File): Promise<{ asset: Asset; previewUrl: string }> {
  if (!session.path) throw new Error('the issue has no file yet: save it first, so the photo can be copied beside it');
  const asset = await uploadAndLink(api, session.path, session.newId('a'), file);
  const r = session.apply(placePhoto(frameId, asset));
  if (!r.ok) throw r.error;
  return { asset, previewUrl: URL.createObjectURL(file) };
}

export interface PhotoDropOptions {
  api: PhotoApi;
  session: IssueSession;
  templates: TemplateRegistry;
  apply(op: Operation): boolean;
  /** The frame the photo goes into (selected while it links). */
  onLinking(frameId: string): void;
  onError(err: unknown): void;
  /** An issue with no file yet: asks where to save it first, then calls `then` (not at all when cancelled). */
  ensureSaved?(then: () => void): void;
}

/**
 * Image files dropped on a page: into the photo frame under the drop, or a new frame there
 * (the empty photo slot under the point, else two columns by 16 lines from the cell). Returns
 * the drop handler, the photos still linking (frame id → object URL of the dropped file) and
 * the previews of those linked in this session (asset id → object URL).
 */
export function usePhotoDrops(o: PhotoDropOptions) {
  const [pending, setPending] = useState<Record<string, string>>({});
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const { session, templates, apply } = o;
  const photoFrameAt = (pageIndex: number, at: PagePoint): string | undefined => {
    const page = session.issue.pages[pageIndex];
    const tpl = templates.get(page.templateId);
    if (!tpl) return undefined;
    const hit = [...page.frames].reverse().find((f) => {
      if (f.type !== 'photo') return false;
      const b = tpl.box(f.rect);
      return at.x >= b.x && at.x <= b.x + b.w && at.y >= b.y && at.y <= b.y + b.h;
    });
    if (hit) return hit.id;
    const id = session.newId('f');
    const slot = slotAt(tpl, page.frames, at, 'photo');
    const cell = cellAt(tpl, at);
    return apply(addPhotoFrame(pageIndex, slot?.rect ?? moveIntoGrid(tpl, { column: cell.column, span: 2, line: cell.line, lines: 16 }), { id, slot: slot?.name })) ? id : undefined;
  };
  const drop = async (files: File[], pageIndex: number, at: PagePoint) => {
    // Nothing changes before there is a folder to copy the photo into (the frame comes after the save).
    if (!session.path && o.ensureSaved) return o.ensureSaved(() => void drop(files, pageIndex, at));
    const id = photoFrameAt(pageIndex, at);
    if (!id) return;
    o.onLinking(id);
    const url = URL.createObjectURL(files[0]);
    setPending((p) => ({ ...p, [id]: url }));
    try {
      const { asset, previewUrl } = await linkDroppedPhoto(o.api, session, id, files[0]);
      setPreviews((p) => ({ ...p, [asset.id]: previewUrl }));
    } catch (err) {
      o.onError(err);
    } finally {
      setPending(({ [id]: _done, ...rest }) => rest);
      URL.revokeObjectURL(url);
    }
  };
  return { pending, previews, onDropFiles: (files: File[], pageIndex: number, at: PagePoint) => void drop(files, pageIndex, at) };
}

/** Why a Place… refused its files (the message names them); nothing in the issue changed. */
export class PlaceError extends Error {
  constructor(
    readonly key: 'ph.notImage' | 'ph.unreadable' | 'ph.failed',
    readonly values: Record<string, string>,
  ) {
    super(`${key} ${JSON.stringify(values)}`);
    this.name = 'PlaceError';
  }
}

/**
 * File ▸ Place… (置入…): the picked photo files into the selection (model/place.ts decides
 * where), each uploaded and linked like a drop (uploadAndLink), then placed in one undo step.
 * A file that is not an image, or one the host cannot measure (no pixel size: damaged, or not
 * an image at all), refuses the whole Place with its name — nothing in the issue changes.
 * Returns the frames the photos went into.
 */
export async function placeFiles(api: PhotoApi, session: IssueSession, templates: TemplateRegistry, files: readonly File[], selected: string | null, pageIndex: number): Promise<string[]> {
  const bad = files.filter((f) => !isPlaceableImage(f));
  if (bad.length) throw new PlaceError('ph.notImage', { names: bad.map((f) => f.name).join('”“') });
  const plan = planPlace(session.issue, templates, selected, pageIndex, files.length, (p) => session.newId(p));
  const assets: Asset[] = [];
  const taken = new Set<string>();
  for (const file of files) {
    let id = session.newId('a');
    while (taken.has(id)) id = session.newId('a');
    taken.add(id);
    let asset: Asset;
    try {
      asset = await uploadAndLink(api, session.path, id, file);
    } catch (err) {
      throw new PlaceError('ph.failed', { name: file.name, message: err instanceof Error ? err.message : String(err) });
    }
    if (!asset.widthPx || !asset.heightPx) throw new PlaceError('ph.unreadable', { name: file.name });
    assets.push(asset);
  }
  const r = session.apply(placePhotos(plan, assets));
  if (!r.ok) throw r.error;
  return placedFrameIds(plan);
}

export interface PlaceOptions {
  api: PhotoApi;
  session: IssueSession;
  templates: TemplateRegistry;
  /** The selection's last frame and the current page, as Place reads them when the files are picked. */
  target(): { selected: string | null; pageIndex: number };
  /** The frames the photos went into (selected after). */
  onPlaced(frameIds: string[]): void;
  setMessage(m: string | null): void;
  /** An issue with no file yet: ask where to save it, then go on. */
  ensureSaved(then: () => void): void;
}

/** Place…'s picker and what follows: the hidden file input's ref, the picked files' handler, busy while uploading. */
export function usePlace(o: PlaceOptions) {
  const { t } = useWorkspaceT();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const place = async (files: File[]) => {
    if (!files.length) return;
    const { selected, pageIndex } = o.target();
    setBusy(true);
    o.setMessage(t('ph.placing', { count: files.length }));
    try {
      const ids = await placeFiles(o.api, o.session, o.templates, files, selected, pageIndex);
      o.onPlaced(ids);
      o.setMessage(t('ph.placed', { count: ids.length }));
    } catch (err) {
      o.setMessage(err instanceof PlaceError ? t(err.key, err.values) : err instanceof OperationError ? t(err.key, err.values) : t('error.photoFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  };
  // Files picked into an issue with no file yet wait for its Save As (cancelled: nothing changes).
  const picked = (files: File[]) => {
    if (!files.length) return;
    if (o.session.path) return void place(files);
    o.ensureSaved(() => void place(files));
  };
  return { busy, input, open: () => input.current?.click(), picked };
}
