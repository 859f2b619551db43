import { readFile } from 'node:fs/promises';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { errorMessage } from '../../core/error-message.js';
import { IFRA26, ProfileProblem, cmykTiff, limitInk, maxInk, separatorFor, type Separation } from './separation.js';

/**
 * Images for the PDF. JPEGs go in as they are (DCTDecode passthrough, no re-encoding) unless
 * the print profile asks for CMYK and the JPEG is RGB; every other format, or an image with
 * alpha, is flattened on white (PDF/X-1a allows no transparency) and re-encoded as JPEG —
 * CMYK when the profile asks for it, separated for the printing condition (separation.ts), and a
 * CMYK photo carrying more ink than the condition allows is brought under its limit.
 */

export type SharpFn = (input?: Buffer, options?: SharpOptions) => Sharp;
let sharpFn: SharpFn | undefined;

/**
 * sharp (and libvips), loaded on first use: its native library is slow to load, and a
 * text-only export never needs it. The image converter process loads it before its first request.
 */
export async function loadImageLibrary(): Promise<SharpFn> {
  if (!sharpFn) {
    const mod = (await import('sharp')).default;
    mod.cache(false); // one pass over each photo: libvips' operation cache would only hold memory
    mod.concurrency(1);
    sharpFn = mod as unknown as SharpFn;
  }
  return sharpFn;
}

async function sharp(input: Buffer, options?: SharpOptions): Promise<Sharp> {
  return (await loadImageLibrary())(input, options);
}

export interface ImageFacts {
  format: string;
  width: number;
  height: number;
  /** libvips colour space: 'srgb', 'cmyk', 'b-w', … */
  space: string;
  hasAlpha: boolean;
}

/** An image that cannot go into the PDF, with the reason in words. */
export class ImageProblem extends Error {}

/** True when a JPEG's bytes end with the EOI marker (allowing padding): a cheap truncation test. */
export function jpegLooksComplete(bytes: Uint8Array): boolean {
  let end = bytes.length;
  while (end > 2 && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20)) end--;
  return end >= 4 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

/** Reads an image's facts; throws ImageProblem when the file is missing, unreadable, truncated or not an image. */
export async function inspectImage(path: string): Promise<ImageFacts> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ImageProblem((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : `file cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
  return imageFacts(bytes);
}

/** The most pixels a photo may have to go into a PDF: libvips' own decoding limit (16383 × 16383). */
export const MAX_IMAGE_PIXELS = 0x3fff * 0x3fff;

/** The facts of an image's bytes (inspectImage without the file); throws ImageProblem as it does. */
export async function imageFacts(bytes: Buffer): Promise<ImageFacts> {
  let meta: Metadata;
  try {
    // The header only: a picture too large to decode is still measured, to say so.
    meta = await (await sharp(bytes, { limitInputPixels: false })).metadata();
  } catch {
    throw new ImageProblem(`not a readable image (${bytes.length} bytes)`);
  }
  if (!meta.width || !meta.height || !meta.format) throw new ImageProblem('image has no size');
  // A drawing is not a photo: rasterised here it would print at its nominal size's 72 dpi.
  if (meta.format === 'svg') throw new ImageProblem('is an SVG drawing, not a photo — export it as a JPEG, PNG or TIFF at print resolution and place that');
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) throw new ImageProblem(`image is too large: ${meta.width} × ${meta.height} px (${Math.round((meta.width * meta.height) / 1e6)} megapixels; at most ${Math.floor(MAX_IMAGE_PIXELS / 1e6)} go into a PDF) — scale it down first`);
  if (meta.format === 'jpeg' && !jpegLooksComplete(bytes)) throw new ImageProblem('JPEG is truncated (no end-of-image marker)');
  let width = meta.width;
  let height = meta.height;
  if ((meta.orientation ?? 1) > 4) [width, height] = [height, width];
  return { format: meta.format, width, height, space: meta.space ?? 'srgb', hasAlpha: !!meta.hasAlpha };
}

/** Resolution converted images are resampled to at their placed size (when they have more). */
export const CONVERT_PPI = 300;

export interface ImageForPdfOptions {
  cmyk: boolean;
  /** The printing condition's profile and ink limit for `cmyk` (default IFRA26's). */
  separation?: Separation;
  placedPt?: { w: number; h: number };
}

/**
 * Converts an image that needs it (imageForPdf decided): the same imageForPdf, run somewhere
 * else — in the image converter process (image-converter.ts) — with the same result bytes.
 */
export type ImageConversion = (path: string, opts: ImageForPdfOptions) => Promise<Buffer>;

/**
 * The bytes to embed for an image: a JPEG pdfkit passes through. An image that has to be
 * converted anyway is also resampled to CONVERT_PPI at its placed size (`placedPt`, the drawn
 * width × height in points) when it has more pixels: a 24 MP photo in a 4-column frame needs
 * ~2 MP, and converting at full size costs seconds and tens of MB per photo.
 * With `convert`, an image that has to be converted is handed to it (by path) instead of being
 * converted here; a passthrough JPEG never is.
 */
export async function imageForPdf(path: string, opts: ImageForPdfOptions, convert?: ImageConversion): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ImageProblem(`image ${path} cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
  const facts = await imageFacts(bytes);
  const separation = opts.cmyk ? (opts.separation ?? IFRA26) : undefined;
  const printReady = facts.space === 'cmyk' || facts.space === 'b-w' || !separation;
  if (facts.format === 'jpeg' && !facts.hasAlpha && printReady) {
    // A CMYK JPEG goes in as it is unless it carries more ink than the condition allows.
    if (!separation || facts.space !== 'cmyk' || (await cmykInk(bytes)).max <= separation.inkLimit) return bytes;
  }
  if (convert) return convert(path, opts);
  try {
    let img = (await sharp(bytes)).rotate().flatten({ background: '#ffffff' });
    if (opts.placedPt) {
      const w = Math.ceil((opts.placedPt.w / 72) * CONVERT_PPI);
      const h = Math.ceil((opts.placedPt.h / 72) * CONVERT_PPI);
      if (facts.width > w && facts.height > h) img = img.resize(w, h, { fit: 'fill' });
    }
    // Greyscale stays grey (DeviceGray prints on K alone; as CMYK it would become rich black).
    if (facts.space === 'b-w') return await img.toColourspace('b-w').jpeg({ quality: 90 }).toBuffer();
    if (!separation) return await img.toColourspace('srgb').jpeg({ quality: 90 }).toBuffer();
    let cmyk: Uint8Array;
    let width: number;
    let height: number;
    if (facts.space === 'cmyk') {
      // Already separated (over the ink limit, or not a JPEG): its pixels as they are.
      const raw = await img.pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
      ({ width, height } = raw.info);
      cmyk = raw.data;
    } else {
      // RGB (its embedded profile applied by libvips on the way to sRGB) → the condition's CMYK.
      const raw = await img.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
      ({ width, height } = raw.info);
      cmyk = (await separatorFor(separation.profile)).transform(raw.data, width * height);
    }
    limitInk(cmyk, separation.inkLimit);
    return await (await sharp(cmykTiff(width, height, cmyk))).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer();
  } catch (err) {
    if (err instanceof ProfileProblem) throw err;
    throw new ImageProblem(`image ${path} cannot be decoded: ${errorMessage(err)}`);
  }
}

/** The ink of a CMYK image's pixels: the highest total (% over 2 × 2 cells, see maxInk). */
export async function cmykInk(bytes: Buffer): Promise<{ max: number }> {
  const raw = await (await sharp(bytes)).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  return { max: maxInk(raw.data, raw.info.width, raw.info.height) };
}
