import { createHash } from 'node:crypto';
import type { Queryable } from './db.js';
import { NewsroomError } from './service.js';

/**
 * Photos as content-addressed blobs: stored once by sha256, whoever uploads them and however
 * many editions use them. An upload is checked before anything is stored: a real JPEG, PNG or
 * TIFF that libvips reads, with sane pixel dimensions.
 */

export const MAX_PHOTO_BYTES = 64 * 1024 * 1024;
/** The most pixels a photo may have (libvips' default decoding limit; no page needs more). */
export const MAX_PHOTO_PIXELS = 268_402_689;
const FORMATS = new Set(['jpeg', 'png', 'tiff']);

export interface PhotoBlob {
  hash: string;
  size: number;
  width: number;
  height: number;
  format: string;
  colorSpace: 'rgb' | 'cmyk' | 'gray';
}

/** Reads what a photo is, or says clearly why it is not one the paper can print. */
export async function inspectPhoto(data: Uint8Array, name = 'the upload'): Promise<PhotoBlob> {
  if (data.length === 0) throw new NewsroomError(400, 'invalid', `${name} is empty`);
  if (data.length > MAX_PHOTO_BYTES) throw new NewsroomError(413, 'too-large', `${name} is ${(data.length / 2 ** 20).toFixed(0)} MB; a photo may be at most ${MAX_PHOTO_BYTES / 2 ** 20} MB`);
  const head = Buffer.from(data.subarray(0, 256)).toString('latin1');
  if (/<svg[\s>]/i.test(head) || /^\s*<\?xml/.test(head)) throw new NewsroomError(400, 'invalid', `${name} is an SVG drawing, not a photo; export it as a JPEG, PNG or TIFF at print resolution`);
  const { default: sharp } = await import('sharp');
  let meta: import('sharp').Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw new NewsroomError(400, 'invalid', `${name} is not an image that can be read (damaged, or not a JPEG, PNG or TIFF)`);
  }
  if (!meta.format || !FORMATS.has(meta.format)) throw new NewsroomError(400, 'invalid', `${name} is ${meta.format ?? 'of an unknown format'}; the plant takes JPEG, PNG or TIFF photos`);
  if (!meta.width || !meta.height) throw new NewsroomError(400, 'invalid', `${name} has no pixel size`);
  if (meta.width * meta.height > MAX_PHOTO_PIXELS) {
    throw new NewsroomError(400, 'invalid', `${name} is too large: ${meta.width} × ${meta.height} px (${Math.round((meta.width * meta.height) / 1e6)} megapixels; at most ${Math.floor(MAX_PHOTO_PIXELS / 1e6)}); scale it down first`);
  }
  // The whole file must decode, not only its header: a truncated JPEG is refused here, not at export.
  try {
    await sharp(data, { failOn: 'truncated' }).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
  } catch {
    throw new NewsroomError(400, 'invalid', `${name} is damaged: its header reads as a ${meta.width} × ${meta.height} ${meta.format}, but the picture does not decode`);
  }
  const colorSpace = meta.space === 'cmyk' ? 'cmyk' : meta.space === 'b-w' || meta.channels === 1 ? 'gray' : 'rgb';
  return { hash: createHash('sha256').update(data).digest('hex'), size: data.length, width: meta.width, height: meta.height, format: meta.format, colorSpace };
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
