import { createHash } from 'node:crypto';
import { deflate } from 'node:zlib';
import type { EmbeddedFontLike, PdfDoc, PdfRef } from './pdfkit-internals.js';
import { readTableDirectory, type EnsureRanges, type TrueTypeSubset } from './ttf-subset.js';

/**
 * A TrueType font in the PDF without fontkit: the same objects pdfkit's EmbeddedFont writes
 * (pdfkit 0.20 lib/font/embedded.js: FontFile2, FontDescriptor, CIDFontType2, Type0 with
 * Identity-H), with the descriptor's values read straight from the font file's head, hhea,
 * OS/2, post, hmtx and name tables, so writing the descriptor needs neither fontkit nor a decoded
 * outline. `readSfntHeader` answers only where it gives exactly what
 * fontkit's getters give; for anything else (an unusual name table, a font it cannot read) it
 * returns undefined and the painter keeps pdfkit's EmbeddedFont over fontkit.
 */

/** What the PDF font objects need of a font file, as fontkit's getters give them. */
export interface SfntHeader {
  /** name ID 6 (fontkit's getName('postscriptName')) */
  postscriptName: string;
  unitsPerEm: number;
  /** hhea ascender, descender (negative), line gap */
  ascent: number;
  descent: number;
  lineGap: number;
  /** head's font bounding box */
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  /** post.italicAngle (16.16) */
  italicAngle: number;
  /** OS/2 sCapHeight and sxHeight (undefined before OS/2 version 2, as fontkit decodes them), 0 without OS/2 */
  capHeight: number | undefined;
  xHeight: number | undefined;
  /** OS/2 sFamilyClass (0 without OS/2) */
  familyClass: number;
  isFixedPitch: boolean;
  /** head.macStyle bit 1 */
  italic: boolean;
  /** hmtx advance of glyph 0 */
  advance0: number;
}

/**
 * Reads the header values of a static TrueType font; undefined when it cannot say exactly what
 * fontkit would. `ensure` (a file read piecewise) is asked for every range before it is read.
 */
export function readSfntHeader(file: Uint8Array, ensure: EnsureRanges = () => {}): SfntHeader | undefined {
  try {
    const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const tables = readTableDirectory(file, v, ensure);
    if (!tables) return undefined;
    const head = tables.get('head');
    const hhea = tables.get('hhea');
    const post = tables.get('post');
    const hmtx = tables.get('hmtx');
    const name = tables.get('name');
    const os2 = tables.get('OS/2');
    if (!head || head.length < 54 || !hhea || hhea.length < 36 || !post || post.length < 16 || !hmtx || hmtx.length < 4 || !name) return undefined;
    // Variable fonts: fontkit would add HVAR deltas to advances.
    if (tables.has('fvar') || tables.has('HVAR')) return undefined;
    ensure([head, hhea, post, name, ...(os2 ? [os2] : [])].map((t) => [t.offset, t.length] as const).concat([[hmtx.offset, 4]]));
    const postscriptName = readPostscriptName(file, v, name.offset, name.length);
    if (postscriptName === undefined) return undefined;
    let capHeight: number | undefined = 0;
    let xHeight: number | undefined = 0;
    let familyClass = 0;
    if (os2) {
      if (os2.length < 78) return undefined;
      const os2Version = v.getUint16(os2.offset);
      if (os2Version > 5) return undefined; // fontkit cannot decode it (and would go on without OS/2)
      familyClass = v.getInt16(os2.offset + 30);
      if (os2Version >= 2) {
        if (os2.length < 96) return undefined;
        xHeight = v.getInt16(os2.offset + 86);
        capHeight = v.getInt16(os2.offset + 88);
      } else {
        xHeight = undefined;
        capHeight = undefined;
      }
    }
    const numberOfHMetrics = v.getUint16(hhea.offset + 34);
    if (numberOfHMetrics < 1) return undefined;
    return {
      postscriptName,
      unitsPerEm: v.getUint16(head.offset + 18),
      ascent: v.getInt16(hhea.offset + 4),
      descent: v.getInt16(hhea.offset + 6),
      lineGap: v.getInt16(hhea.offset + 8),
      bbox: { minX: v.getInt16(head.offset + 36), minY: v.getInt16(head.offset + 38), maxX: v.getInt16(head.offset + 40), maxY: v.getInt16(head.offset + 42) },
      italicAngle: v.getInt32(post.offset + 4) / 65536,
      capHeight,
      xHeight,
      familyClass,
      isFixedPitch: v.getUint32(post.offset + 12) !== 0,
      italic: (v.getUint16(head.offset + 44) & 0x0002) !== 0,
      advance0: v.getUint16(hmtx.offset),
    };
  } catch {
    return undefined;
  }
}

/**
 * The English PostScript name (name ID 6) as fontkit picks it: the last record for language 'en'
 * (Windows 0x0409 in UTF-16BE, or Macintosh English in Roman). Undefined when another record
 * of ID 6 exists (another language or encoding), where fontkit's choice is not this simple.
 */
function readPostscriptName(file: Uint8Array, v: DataView, offset: number, length: number): string | undefined {
  if (length < 6) return undefined;
  const count = v.getUint16(offset + 2);
  const strings = offset + v.getUint16(offset + 4);
  if (6 + count * 12 > length) return undefined;
  let found: string | undefined;
  for (let i = 0; i < count; i++) {
    const r = offset + 6 + i * 12;
    if (v.getUint16(r + 6) !== 6) continue;
    const platform = v.getUint16(r);
    const encoding = v.getUint16(r + 2);
    const language = v.getUint16(r + 4);
    const len = v.getUint16(r + 8);
    const at = strings + v.getUint16(r + 10);
    if (at + len > offset + length) return undefined; // outside the name table (and what was read of the file)
    let s = '';
    if (platform === 3 && encoding === 1 && language === 0x0409) {
      if (len % 2) return undefined;
      for (let k = 0; k < len; k += 2) s += String.fromCharCode(v.getUint16(at + k));
    } else if (platform === 1 && encoding === 0 && language === 0) {
      for (let k = 0; k < len; k++) {
        if (file[at + k] > 0x7f) return undefined; // Mac Roman beyond ASCII: leave it to fontkit
        s += String.fromCharCode(file[at + k]);
      }
    } else return undefined;
    found = s;
  }
  return found;
}

/** pdfkit's EmbeddedFont for a TrueType file, over header values and the painter's subset (see the module comment). */
export class TrueTypePdfFont implements EmbeddedFontLike {
  readonly name: string;
  readonly scale: number;
  readonly widths: number[];
  readonly unicode: number[][] = [[0]];
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  private dictionary: PdfRef | undefined;
  private embedded = false;
  /** The subset encoded and deflated ahead (compressAhead), for the number of glyphs it then had. */
  private ahead: { glyphs: number; data?: Uint8Array; done: Promise<void> } | undefined;

  constructor(
    private readonly document: PdfDoc,
    readonly id: string,
    private readonly header: SfntHeader,
    readonly subset: TrueTypeSubset,
  ) {
    this.name = header.postscriptName;
    this.scale = 1000 / header.unitsPerEm;
    // As EmbeddedFont: glyph 0's advance in font units (the painter overwrites it if the text uses .notdef).
    this.widths = [header.advance0];
    this.ascender = header.ascent * this.scale;
    this.descender = header.descent * this.scale;
    this.lineGap = header.lineGap * this.scale;
  }

  /** Registers the font in the document as doc.font(src, family) would (id F<n>, finalized at the end). */
  static register(doc: PdfDoc, family: string, header: SfntHeader, subset: TrueTypeSubset): TrueTypePdfFont {
    const font = new TrueTypePdfFont(doc, `F${++doc._fontCount}`, header, subset);
    const families = doc._fontFamilies as Record<string, unknown>;
    families[family] = font;
    if (font.name && !families[font.name]) families[font.name] = font;
    return font;
  }

  ref(): PdfRef {
    this.dictionary ??= this.document.ref();
    return this.dictionary;
  }

  finalize(): void {
    if (this.embedded || this.dictionary == null) return;
    this.embed();
    this.embedded = true;
  }

  /**
   * Encodes the subset now and deflates it on libuv's thread pool (zlib's defaults, as pdfkit's
   * deflateSync at the end would), so the compression runs while the pages are painted; embed()
   * uses the result when no glyph joined the subset since, and encodes afresh otherwise.
   */
  compressAhead(): void {
    if (!this.document.compress) return;
    const encoded = this.subset.encode();
    const ahead: { glyphs: number; data?: Uint8Array; done: Promise<void> } = { glyphs: this.subset.glyphs.length, done: Promise.resolve() };
    // One output chunk for the whole file: with zlib's 16 KB default, every chunk is a round trip through the main
    // thread, which is busy painting meanwhile. (The chunk size does not change the compressed bytes.)
    ahead.done = new Promise<void>((resolve) =>
      deflate(encoded, { chunkSize: Math.max(64 * 1024, encoded.length + 1024) }, (err, out) => {
        if (!err) ahead.data = out;
        resolve();
      }),
    );
    this.ahead = ahead;
  }

  /** Resolves once compressAhead's deflate is done (at once without one). */
  ready(): Promise<void> {
    return this.ahead?.done ?? Promise.resolve();
  }

  /** Replaced by the painter (its ToUnicode CMap from the composer's text). */
  toUnicodeCmap(): PdfRef {
    throw new Error('TrueTypePdfFont: no ToUnicode CMap writer');
  }

  /** The font objects, as pdfkit's EmbeddedFont.embed() writes them for a TrueType subset. */
  private embed(): void {
    const { document: doc, header: h, scale } = this;
    const fontFile = doc.ref();
    const ahead = this.ahead;
    if (ahead?.data && ahead.glyphs === this.subset.glyphs.length) {
      // Already deflated: written as is, with the dictionary pdfkit writes for a stream it deflates (Length, then Filter).
      fontFile.compress = false;
      fontFile.write(ahead.data);
      fontFile.data.Filter = 'FlateDecode';
      fontFile.end();
    } else fontFile.end(this.subset.encode());
    const familyClass = (h.familyClass || 0) >> 8;
    let flags = 0;
    if (h.isFixedPitch) flags |= 1 << 0;
    if (1 <= familyClass && familyClass <= 7) flags |= 1 << 1;
    flags |= 1 << 2;
    if (familyClass === 10) flags |= 1 << 3;
    if (h.italic) flags |= 1 << 6;
    const name = subsetTag(h.postscriptName, this.subset.glyphs) + '+' + h.postscriptName.replaceAll(' ', '_');
    const { bbox } = h;
    const descriptor = doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: flags,
      FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
      ItalicAngle: h.italicAngle,
      Ascent: this.ascender,
      Descent: this.descender,
      CapHeight: (h.capHeight || h.ascent) * scale,
      XHeight: (h.xHeight || 0) * scale,
      StemV: 0,
    });
    descriptor.data.FontFile2 = fontFile;
    if (doc.subset === 1) {
      const maxCID = this.widths.length - 1;
      const cidSet = new Uint8Array(Math.ceil((maxCID + 1) / 8));
      for (let cid = 0; cid <= maxCID; cid++) if (this.widths[cid] != null) cidSet[Math.floor(cid / 8)] |= 128 >> cid % 8;
      const cidSetRef = doc.ref();
      cidSetRef.write(cidSet);
      cidSetRef.end();
      descriptor.data.CIDSet = cidSetRef;
    }
    descriptor.end();
    const descendantFont = doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: [0, this.widths],
      CIDToGIDMap: 'Identity',
    });
    descendantFont.end();
    const dictionary = this.ref();
    dictionary.data = { Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [descendantFont], ToUnicode: this.toUnicodeCmap() };
    dictionary.end();
  }
}

/**
 * The six-letter tag of a subset's font name (ISO 32000 9.6.4), from what the subset holds: the
 * face and its glyphs in subset order. pdfkit derives it from a counter (F1 → the same tag in
 * every file), so the per-page files a plant imposes together would carry different subsets of one
 * face under one name, and a RIP that merges fonts by name would set one page with another's glyphs.
 */
export function subsetTag(postscriptName: string, glyphs: readonly number[]): string {
  const hash = createHash('sha256').update(postscriptName).update('\0').update(Uint32Array.from(glyphs)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (hash[i] % 26));
  return tag;
}
