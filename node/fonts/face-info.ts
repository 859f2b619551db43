import * as fontkit from 'fontkit';
import { errorMessage } from '../../core/error-message.js';
import { gbCoverage, type GbCoverage } from './gb-coverage.js';

/**
 * What the font library records of one face of a font file: its names (Chinese and English name
 * records), weight, outline format, embedding permission (OS/2 fsType) and hanzi coverage. Read
 * with fontkit; the numbers fontkit turns into flags (fsType, usWeightClass) are read from the
 * OS/2 table's bytes, so the raw value is what the manifest keeps.
 */

/** The file kinds the library takes: TrueType, OpenType with CFF outlines, a collection of either. */
export type FontFileKind = 'ttf' | 'otf' | 'ttc';

/** A name in the face's Chinese (Simplified first) and English name records; either may be missing. */
export interface FaceName {
  zh?: string;
  en?: string;
}

/** What the face's OS/2 fsType allows the PDF export (OpenType spec, OS/2 table, fsType). */
export interface Embedding {
  /** The raw fsType value. */
  fsType: number;
  /** The usage permission (bits 0–3; when several are set the least restrictive applies, as the spec says for old OS/2 versions). */
  permission: 'installable' | 'restricted' | 'preview-print' | 'editable';
  /** Whether the PDF export may embed the face. */
  pdf: boolean;
  /** Whether it may embed a subset (fsType 0x0100 says the whole face only). */
  subset: boolean;
  /** fsType 0x0200: only bitmaps may be embedded, which Broadsheet's PDF never does (it embeds outlines). */
  bitmapOnly: boolean;
  /** One sentence for the user: what the permission means for print. */
  message: string;
}

export interface FaceInfo {
  /** Face index in a collection (0 in a single-face file). */
  index: number;
  outlines: 'truetype' | 'cff';
  postscriptName: string;
  family: FaceName;
  style: FaceName;
  fullName: FaceName;
  /** OS/2 usWeightClass (400 when the face has no OS/2 table). */
  weight: number;
  italic: boolean;
  embedding: Embedding;
  coverage: GbCoverage;
  glyphs: number;
}

export interface FontFileInfo {
  kind: FontFileKind;
  faces: FaceInfo[];
}

/** Why a file cannot go into the library (not a font, corrupt, a kind it does not take). */
export class FontFileError extends Error {}

const FS_RESTRICTED = 0x0002;
const FS_PREVIEW_PRINT = 0x0004;
const FS_EDITABLE = 0x0008;
const FS_NO_SUBSETTING = 0x0100;
const FS_BITMAP_ONLY = 0x0200;

/** The permission and PDF verdict of an OS/2 fsType value. */
export function embeddingOf(fsType: number): Embedding {
  const permission =
    fsType & FS_EDITABLE ? 'editable' : fsType & FS_PREVIEW_PRINT ? 'preview-print' : fsType & FS_RESTRICTED ? 'restricted' : 'installable';
  const subset = !(fsType & FS_NO_SUBSETTING);
  const bitmapOnly = !!(fsType & FS_BITMAP_ONLY);
  const hex = `0x${fsType.toString(16).padStart(4, '0')}`;
  let pdf = true;
  let message: string;
  if (permission === 'restricted') {
    pdf = false;
    message = `its licence forbids embedding (OS/2 fsType ${hex}, restricted licence): it shows on screen but cannot be used in a PDF`;
  } else if (bitmapOnly) {
    pdf = false;
    message = `its licence allows embedding bitmaps only (OS/2 fsType ${hex}): it shows on screen but cannot be used in a PDF, which embeds outlines`;
  } else {
    const what = { installable: 'installable', 'preview-print': 'preview and print', editable: 'editable' }[permission];
    message = `embedding allowed (OS/2 fsType ${hex}, ${what})${subset ? '' : '; no subsetting: the PDF embeds the whole face'}`;
  }
  return { fsType, permission, pdf, subset, bitmapOnly, message };
}

// The parts of fontkit's objects read here (types/fontkit.d.ts types only what the composer uses).
interface TableEntry {
  offset: number;
  length: number;
}
interface SfntFont {
  type: string;
  postscriptName: unknown;
  numGlyphs: number;
  directory: { tag: string; tables: Record<string, TableEntry | undefined> };
  name?: { records: Record<string, Record<string, string> | undefined> };
  hasGlyphForCodePoint(cp: number): boolean;
}
interface Collection {
  type: 'TTC';
  fonts: SfntFont[];
}

const ZH = ['zh', 'zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO'];
const EN = ['en', 'en-US', 'en-GB'];

function pick(records: Record<string, string> | undefined, langs: readonly string[]): string | undefined {
  if (!records) return undefined;
  for (const lang of langs) {
    const v = records[lang];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}

/** The typographic name (name IDs 16/17) when the face has one, else the legacy one (1/2), per language. */
function nameOf(font: SfntFont, typographic: string, legacy: string): FaceName {
  const r = font.name?.records ?? {};
  const out: FaceName = {};
  const zh = pick(r[typographic], ZH) ?? pick(r[legacy], ZH);
  const en = pick(r[typographic], EN) ?? pick(r[legacy], EN);
  if (zh) out.zh = zh;
  if (en) out.en = en;
  return out;
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1];
}

function describeFace(font: SfntFont, index: number, bytes: Uint8Array): FaceInfo {
  const tables = font.directory.tables;
  // fontkit reads tables when asked, and a table past the end of the file reads as zeros or empty:
  // a file cut short (an interrupted copy or download) would pass as a face with no characters.
  for (const [tag, t] of Object.entries(tables)) {
    if (t && t.offset + t.length > bytes.length) {
      throw new FontFileError(`it is cut short: its '${tag.trim()}' table runs to byte ${t.offset + t.length} of a ${bytes.length}-byte file`);
    }
  }
  const outlines = tables['CFF '] || tables.CFF2 ? 'cff' : tables.glyf ? 'truetype' : undefined;
  if (!outlines) throw new FontFileError('it has no outlines (neither a glyf nor a CFF table): bitmap and colour-only fonts are not taken');
  const os2 = tables['OS/2'];
  let weight = 400;
  let fsType = 0;
  let italic = false;
  if (os2) {
    if (os2.length < 10) throw new FontFileError(`its OS/2 table is cut short (${os2.length} bytes)`);
    weight = u16(bytes, os2.offset + 4);
    fsType = u16(bytes, os2.offset + 8);
    if (os2.length >= 64) italic = !!(u16(bytes, os2.offset + 62) & 0x0001); // fsSelection bit 0
  }
  const family = nameOf(font, 'preferredFamily', 'fontFamily');
  if (!family.zh && !family.en) throw new FontFileError('it has no family name (name table record 1 or 16 in Chinese or English)');
  return {
    index,
    outlines,
    postscriptName: typeof font.postscriptName === 'string' ? font.postscriptName : '',
    family,
    style: nameOf(font, 'preferredSubfamily', 'fontSubfamily'),
    fullName: nameOf(font, 'fullName', 'fullName'),
    weight,
    italic,
    embedding: embeddingOf(fsType),
    coverage: gbCoverage((cp) => font.hasGlyphForCodePoint(cp)),
    glyphs: font.numGlyphs,
  };
}

/**
 * The faces of a font file's bytes: one for a .ttf or .otf, each of a .ttc. Throws a
 * FontFileError saying what is wrong (not a font, a web font, corrupt tables) — without the
 * file's name, which the caller adds.
 */
export function describeFontFile(bytes: Uint8Array): FontFileInfo {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  if (tag === 'wOFF' || tag === 'wOF2') throw new FontFileError('it is a web font (WOFF); add the TrueType or OpenType file it was made from');
  if (!['ttcf', 'OTTO', 'true', '\0\x01\0\0'].includes(tag)) throw new FontFileError('it is not a font file (no TrueType, OpenType or collection header)');
  let parsed: SfntFont | Collection;
  try {
    parsed = fontkit.create(bytes) as unknown as SfntFont | Collection;
  } catch (err) {
    throw new FontFileError(`it cannot be read as a font: ${errorMessage(err)}`);
  }
  const fonts = parsed.type === 'TTC' ? (parsed as Collection).fonts : [parsed as SfntFont];
  if (fonts.length === 0) throw new FontFileError('it is a font collection with no faces');
  const faces: FaceInfo[] = [];
  fonts.forEach((font, index) => {
    try {
      faces.push(describeFace(font, index, bytes));
    } catch (err) {
      const where = parsed.type === 'TTC' ? `face ${index} of the collection: ` : '';
      if (err instanceof FontFileError) throw new FontFileError(where + err.message);
      throw new FontFileError(`${where}its tables are corrupt (${errorMessage(err)})`);
    }
  });
  const kind: FontFileKind = parsed.type === 'TTC' ? 'ttc' : faces[0].outlines === 'cff' ? 'otf' : 'ttf';
  return { kind, faces };
}
