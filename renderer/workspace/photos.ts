import type { BroadsheetApi } from '../../core/api/methods.js';
import type { Asset } from '../../core/model/issue.js';
import { placePhoto } from './model/operations.js';
import type { IssueSession } from './model/session.js';

/**
 * A photo file dropped from the system onto the page: the host copies it beside the issue
 * (photos/), measures and hashes it, and the photo frame links the new asset in one undoable
 * step. The page shows the dropped file itself at once (an object URL), not a round trip.
 */

/** Base64 of a file's bytes, in chunks (a 20 MB photo must not build one huge argument list). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Links a dropped file into a photo frame; returns the asset and a preview URL for it. */
export async function linkDroppedPhoto(api: Pick<BroadsheetApi, 'linkPhoto'>, session: IssueSession, frameId: string, file: File): Promise<{ asset: Asset; previewUrl: string }> {
  if (!session.path) throw new Error('the issue has no file yet: save it first, so the photo can be copied beside it');
  const { asset } = await api.linkPhoto({ issuePath: session.path, id: session.newId('a'), name: file.name, dataBase64: await fileToBase64(file) });
  const r = session.apply(placePhoto(frameId, asset));
  if (!r.ok) throw r.error;
  return { asset, previewUrl: URL.createObjectURL(file) };
}
