import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Colour separation of photos for print: RGB pixels → the CMYK of the declared printing
 * condition, through the condition's ICC output profile with LittleCMS (lcms-wasm), relative
 * colorimetric with black point compensation, then the condition's total ink limit enforced.
 * libvips (sharp) is not used for this step: it separates with the perceptual intent only and
 * without black point compensation.
 */

/** A printing condition as the PDF/X output intent names it and the separation uses it. */
export interface PrintCondition {
  /** OutputConditionIdentifier: a characterisation in the ICC registry (IFRA26) or the plant's own name. */
  identifier: string;
  /** Human-readable condition (OutputCondition / Info). */
  info: string;
  /** The CMYK output profile photos are separated with (a file). */
  profile: string;
  /**
   * Embed the profile as the output intent's DestOutputProfile: required for a condition that is
   * not in the ICC registry; a registered one is named only (the plant's RIP knows it).
   */
  embedProfile: boolean;
  /** Total area coverage limit, % (C + M + Y + K of any pixel). */
  inkLimit: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The bundled profile for IFRA26, made by scripts/print/make-newsprint-profile.mjs (docs/print-profile.md). */
export const NEWSPRINT_PROFILE = join(here, '..', '..', 'assets', 'print', 'newsprint-ifra26.icc');

/** ISO 12647-3 coldset newsprint: the default condition of a PDF/X export. */
export const IFRA26: PrintCondition = {
  identifier: 'IFRA26',
  info: 'ISO 12647-3 coldset newsprint, 26% dot gain (IFRA26)',
  profile: NEWSPRINT_PROFILE,
  embedProfile: false,
  inkLimit: 240,
};

/** What a separation needs of a condition (what crosses to the image converter process). */
export type Separation = Pick<PrintCondition, 'profile' | 'inkLimit'>;

/** A profile that cannot separate photos: missing, unreadable, or not a CMYK output profile. */
export class ProfileProblem extends Error {
  constructor(
    readonly profile: string,
    reason: string,
  ) {
    super(`print profile ${profile}: ${reason}`);
    this.name = 'ProfileProblem';
  }
}

type Lcms = Awaited<ReturnType<typeof import('lcms-wasm').instantiate>>;
type LcmsModule = typeof import('lcms-wasm');

let lcmsLoading: Promise<{ lcms: Lcms; L: LcmsModule }> | undefined;

/** LittleCMS, loaded on first use (its WASM is ~1 MB; a text-only export never needs it). */
function loadLcms(): Promise<{ lcms: Lcms; L: LcmsModule }> {
  lcmsLoading ??= (async () => {
    const L = await import('lcms-wasm');
    return { lcms: await L.instantiate(), L };
  })();
  return lcmsLoading;
}

/** An opened profile: its description and the transform from sRGB into it. */
export interface Separator {
  /** The profile's own description ("Broadsheet coldset newsprint IFRA26 …"). */
  description: string;
  /** sRGB pixels (3 bytes each) → CMYK pixels (4 bytes each, 255 = solid), ink limit not yet applied. */
  transform(rgb: Uint8Array, pixels: number): Uint8Array;
}

const separators = new Map<string, Promise<Separator>>();

/** The separator for a profile file, opened once per process. */
export function separatorFor(profile: string): Promise<Separator> {
  let s = separators.get(profile);
  if (!s) {
    s = openSeparator(profile);
    separators.set(profile, s);
    s.catch(() => separators.delete(profile));
  }
  return s;
}

async function openSeparator(profile: string): Promise<Separator> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(profile));
  } catch (err) {
    throw new ProfileProblem(profile, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : `cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
  const { lcms, L } = await loadLcms();
  const out = lcms.cmsOpenProfileFromMem(bytes, bytes.byteLength);
  if (!out) throw new ProfileProblem(profile, 'not an ICC profile');
  if (lcms.cmsGetColorSpace(out) !== L.cmsSigCmykData) {
    const space = lcms.cmsGetColorSpaceASCII(out);
    lcms.cmsCloseProfile(out);
    throw new ProfileProblem(profile, `describes ${space.trim()}, not a CMYK printing condition`);
  }
  const srgb = lcms.cmsCreate_sRGBProfile();
  // NOCACHE: the one-pixel cache only costs on photos (measured: 2 MP in ~100 ms without, ~300 ms with).
  const flags = L.cmsFLAGS_BLACKPOINTCOMPENSATION | L.cmsFLAGS_NOCACHE;
  const t = lcms.cmsCreateTransform(srgb, L.TYPE_RGB_8, out, L.TYPE_CMYK_8, L.INTENT_RELATIVE_COLORIMETRIC, flags);
  const description = lcms.cmsGetProfileInfoASCII(out, L.cmsInfoDescription, 'en', 'US') || profile;
  lcms.cmsCloseProfile(srgb);
  lcms.cmsCloseProfile(out);
  if (!t) throw new ProfileProblem(profile, 'cannot be used as an output profile (no transform into it)');
  return { description, transform: (rgb, pixels) => lcms.cmsDoTransform(t, rgb, pixels) };
}

/**
 * Enforces a total ink limit in place: a pixel whose C + M + Y + K exceeds it keeps its black
 * and has its C, M and Y reduced in proportion (the usual under-colour reduction), so shadows
 * stay neutral and dark. Returns how many pixels were reduced.
 */
export function limitInk(cmyk: Uint8Array, inkLimit: number): number {
  const max = Math.floor((inkLimit / 100) * 255);
  let reduced = 0;
  for (let i = 0; i < cmyk.length; i += 4) {
    const k = cmyk[i + 3];
    const cmy = cmyk[i] + cmyk[i + 1] + cmyk[i + 2];
    if (cmy + k <= max) continue;
    reduced++;
    if (k >= max) {
      cmyk[i] = cmyk[i + 1] = cmyk[i + 2] = 0;
      cmyk[i + 3] = Math.min(k, max);
      continue;
    }
    const scale = (max - k) / cmy;
    cmyk[i] = Math.floor(cmyk[i] * scale);
    cmyk[i + 1] = Math.floor(cmyk[i + 1] * scale);
    cmyk[i + 2] = Math.floor(cmyk[i + 2] * scale);
  }
  return reduced;
}

/**
 * The highest total ink of a CMYK image, %, as a plant's preflight measures it: over 2 × 2 pixel
 * cells (a single pixel's JPEG ringing is not an area of ink), rounded to a whole per cent.
 */
export function maxInk(cmyk: Uint8Array, width: number, height: number): number {
  let max = 0;
  const row = width * 4;
  for (let y = 0; y + 1 < Math.max(height, 2); y += 2) {
    for (let x = 0; x + 1 < Math.max(width, 2); x += 2) {
      let sum = 0;
      for (const o of [y * row + x * 4, y * row + (x + 1) * 4, (y + 1) * row + x * 4, (y + 1) * row + (x + 1) * 4]) {
        if (o + 3 >= cmyk.length) continue;
        sum += cmyk[o] + cmyk[o + 1] + cmyk[o + 2] + cmyk[o + 3];
      }
      if (sum > max) max = sum;
    }
  }
  return Math.round((max / 4 / 255) * 100);
}

/**
 * A baseline TIFF of 8-bit CMYK pixels (uncompressed, one strip): how separated pixels reach
 * libvips as CMYK for JPEG encoding (a raw buffer of four channels would be read as RGBA).
 */
export function cmykTiff(width: number, height: number, pixels: Uint8Array): Buffer {
  // tag, type (3 SHORT, 4 LONG), value; BitsPerSample and StripOffsets point past the IFD.
  const entries: Array<[number, 3 | 4, number]> = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, -1], // BitsPerSample: 8,8,8,8 (at bitsAt)
    [259, 3, 1], // no compression
    [262, 3, 5], // separated (CMYK)
    [273, 4, -2], // StripOffsets (at dataAt)
    [277, 3, 4],
    [278, 4, height],
    [279, 4, pixels.length],
    [284, 3, 1],
  ];
  const ifdAt = 8;
  const bitsAt = ifdAt + 2 + entries.length * 12 + 4;
  const dataAt = bitsAt + 8;
  const buf = Buffer.alloc(dataAt + pixels.length);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdAt, 4);
  buf.writeUInt16LE(entries.length, ifdAt);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdAt + 2 + i * 12;
    buf.writeUInt16LE(tag, at);
    buf.writeUInt16LE(type, at + 2);
    buf.writeUInt32LE(tag === 258 ? 4 : 1, at + 4);
    const v = value === -1 ? bitsAt : value === -2 ? dataAt : value;
    if (type === 3 && tag !== 258) buf.writeUInt16LE(v, at + 8);
    else buf.writeUInt32LE(v, at + 8);
  });
  for (let i = 0; i < 4; i++) buf.writeUInt16LE(8, bitsAt + i * 2);
  buf.set(pixels, dataAt);
  return buf;
}
