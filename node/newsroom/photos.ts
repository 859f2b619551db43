import { createHash } from 'node:crypto';
import type { Queryable } from './db.js';
import { imageFacts, ImageProblem, loadImageLibrary, type ImageFacts } from '../pdf/images.js';
import { NewsroomError } from './service.js';

/**
 * Photos as content-addressed blobs: stored once by sha256, whoever uploads them and however
 * many editions use them. An upload is checked before anything is stored, by the same checks
 * export applies to a placed photo, so what the server takes the PDF can print.
 */

export const MAX_PHOTO_BYTES = 64 * 1024 * 1024;
/** What the plant takes; the PDF painter reads more, but a newsroom files photos in these. */
const FORMATS = new Set(['jpeg', 'png', 'tiff']);

export interface PhotoBlob {
  hash: string;
  size: number;
  /** Pixel size as displayed (EXIF orientation applied), as export places it. */
  width: number;
  height: number;
  format: string;
  colorSpace: 'rgb' | 'cmyk' | 'gray';
}

/**
 * Reads what a photo is, or says clearly why it is not one the paper can print: the export's
 * own checks (imageFacts: readable, not an SVG drawing, within libvips' pixel limit, JPEG not
 * truncated), a format the plant takes, and a picture that decodes to the end.
 */
export async function inspectPhoto(data: Uint8Array, name = 'the upload'): Promise<PhotoBlob> {
  if (data.length === 0) throw new NewsroomError(400, 'invalid', `${name} is empty`);
  if (data.length > MAX_PHOTO_BYTES) throw new NewsroomError(413, 'too-large', `${name} is ${(data.length / 2 ** 20).toFixed(0)} MB; a photo may be at most ${MAX_PHOTO_BYTES / 2 ** 20} MB`);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let facts: ImageFacts;
  try {
    facts = await imageFacts(bytes);
  } catch (err) {
    if (err instanceof ImageProblem) throw new NewsroomError(400, 'invalid', `${name}: ${err.message}`);
    throw err;
  }
  if (!FORMATS.has(facts.format)) throw new NewsroomError(400, 'invalid', `${name} is ${facts.format}; the plant takes JPEG, PNG or TIFF photos`);
  // The whole picture must decode, not only its header: a damaged PNG or TIFF is refused here, not at export.
  try {
    await (await loadImageLibrary())(bytes, { failOn: 'truncated' }).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
  } catch {
    throw new NewsroomError(400, 'invalid', `${name} is damaged: its header reads as a ${facts.width} × ${facts.height} ${facts.format}, but the picture does not decode`);
  }
  const colorSpace = facts.space === 'cmyk' ? 'cmyk' : facts.space === 'b-w' || facts.space === 'grey16' ? 'gray' : 'rgb';
  return { hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, width: facts.width, height: facts.height, format: facts.format, colorSpace };
}

/** Stores a checked photo (once per content). */
export async function storePhoto(tx: Queryable, data: Uint8Array, name?: string): Promise<PhotoBlob> {
  const info = await inspectPhoto(data, name);
  await tx.query('insert into blobs(hash, bytes, size, width, height, format, color_space) values ($1, $2, $3, $4, $5, $6, $7) on conflict (hash) do nothing', [info.hash, Buffer.from(data), info.size, info.width, info.height, info.format, info.colorSpace]);
  return info;
}

export async function readPhoto(db: Queryable, hash: string): Promise<{ bytes: Buffer; format: string } | undefined> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
  const { rows } = await db.query<{ bytes: Uint8Array; format: string }>('select bytes, format from blobs where hash = $1', [hash]);
  return rows[0] && { bytes: Buffer.from(rows[0].bytes), format: rows[0].format };
}
