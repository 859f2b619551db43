/**
 * A TrueType (glyf) subset for a PDF FontFile2, read straight from the font file's bytes: each
 * used glyph's outline is copied as it is (composite glyphs have their component ids renumbered
 * and their components added), with the tables a CIDFontType2 needs — head, hhea, maxp, hmtx,
 * loca, glyf, cvt, prep, fpgm (the set fontkit's TTFSubset writes; cmap, name and post are not
 * needed: the PDF maps CIDs to glyphs by Identity). Glyph outlines are never decoded (fontkit's
 * subset decodes every outline to find composites and reads vertical metrics through the
 * outline's bounding box; bench row `export` measures the difference).
 *
 * Same contract as fontkit's subset, which pdfkit's EmbeddedFont calls: includeGlyph(gid)
 * returns the glyph's id in the subset (0 stays 0, new glyphs in order of first use), encode()
 * the font file. `TrueTypeSubset.open` returns undefined for a font it does not handle (CFF
 * outlines, variable fonts, a collection), where the caller keeps fontkit's subset.
 */

import { tableChecksum, spanChecksums } from './sfnt-checksum.js';

export interface TableRecord {
  offset: number;
  length: number;
}

/**
 * Makes byte ranges ([offset, length]) of the file readable in the array handed to open(), for
 * a file read piecewise (node/font-files.ts SparseFontFile); nothing for a file read whole.
 * Every read of the array goes through it first: what was not asked for may still be zeros.
 */
export type EnsureRanges = (ranges: ReadonlyArray<readonly [number, number]>) => void;

const WHOLE_FILE: EnsureRanges = () => {};

export class TrueTypeSubset {
  /** Not a CFF subset (pdfkit writes CIDFontType2 and FontFile2 when this is absent). */
  readonly cff = undefined;
  /** Font glyph ids in subset order. */
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly tables: Map<string, TableRecord>,
    private readonly ensure: EnsureRanges,
  ) {
    this.includeGlyph(0);
  }

  /**
   * A subset of the TrueType font in `bytes`, or undefined when it is not a static glyf font this
   * writer handles. `ensure` (a file read piecewise) is asked for every range before it is read.
   */
  static open(file: Uint8Array, ensure: EnsureRanges = WHOLE_FILE): TrueTypeSubset | undefined {
    if (file.length < 12) return undefined;
    // A plain Uint8Array over the file: a Node Buffer's subarray() builds a Buffer for every glyph copied.
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tables = readTableDirectory(bytes, view, ensure);
    if (!tables) return undefined;
    for (const t of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) if (!tables.has(t)) return undefined;
    if (tables.has('fvar') || tables.has('gvar')) return undefined;
    if (tables.get('head')!.length < 54 || tables.get('hhea')!.length < 36 || tables.get('maxp')!.length < 6) return undefined;
    return new TrueTypeSubset(bytes, view, tables, ensure);
  }

  /** The glyph's id in the subset, adding it on first use. */
  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'object' ? glyph.id : glyph;
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  private table(tag: string): Uint8Array | undefined {
    const t = this.tables.get(tag);
    if (!t) return undefined;
    this.ensure([[t.offset, t.length]]);
    return this.bytes.subarray(t.offset, t.offset + t.length);
  }

  /** The subset font file. */
  encode(): Uint8Array {
    const { view } = this;
    const head = this.tables.get('head')!;
    const hhea = this.tables.get('hhea')!;
    const maxp = this.tables.get('maxp')!;
    const loca = this.tables.get('loca')!;
    const glyf = this.tables.get('glyf')!;
    const hmtx = this.tables.get('hmtx')!;
    // The tables read below, whole; the glyphs' outlines as they are needed (all the subset's at once, then components).
    this.ensure([head, hhea, maxp, loca, hmtx].map((t) => [t.offset, t.length] as const));
    const longLoca = view.getInt16(head.offset + 50) === 1;
    const numGlyphs = view.getUint16(maxp.offset + 4);
    const numMetrics = view.getUint16(hhea.offset + 34);
    const glyphRange = (gid: number): [number, number] => {
      if (gid >= numGlyphs) return [0, 0];
      const a = longLoca ? view.getUint32(loca.offset + gid * 4) : view.getUint16(loca.offset + gid * 2) * 2;
      const b = longLoca ? view.getUint32(loca.offset + gid * 4 + 4) : view.getUint16(loca.offset + gid * 2 + 2) * 2;
      return b > a && a + (b - a) <= glyf.length ? [glyf.offset + a, b - a] : [0, 0];
    };

    // Glyph data: copied, 4-byte aligned; composites' component ids renumbered (their components join the subset).
    this.ensure(this.glyphs.map(glyphRange).filter(([, length]) => length > 0));
    const known = this.glyphs.length;
    const pieces: Uint8Array[] = [];
    const offsets: number[] = [];
    let size = 0;
    for (let i = 0; i < this.glyphs.length; i++) {
      offsets.push(size);
      const [start, length] = glyphRange(this.glyphs[i]);
      if (length === 0) continue;
      if (i >= known) this.ensure([[start, length]]); // a component that joined while copying
      let data = this.bytes.subarray(start, start + length);
      if (length >= 10 && view.getInt16(start) < 0) data = this.renumberComponents(data);
      const padded = (data.length + 3) & ~3;
      if (padded !== data.length) {
        const p = new Uint8Array(padded);
        p.set(data);
        data = p;
      }
      pieces.push(data);
      size += data.length;
    }
    offsets.push(size);
    const n = this.glyphs.length;

    const shortLoca = size <= 0x1fffe;
    const locaOut = new Uint8Array(shortLoca ? (n + 1) * 2 : (n + 1) * 4);
    const lv = new DataView(locaOut.buffer);
    for (let i = 0; i <= n; i++) {
      if (shortLoca) lv.setUint16(i * 2, offsets[i] / 2);
      else lv.setUint32(i * 4, offsets[i]);
    }
    const glyfOut = new Uint8Array(size);
    let at = 0;
    for (const p of pieces) {
      glyfOut.set(p, at);
      at += p.length;
    }

    const hmtxOut = new Uint8Array(n * 4);
    const hv = new DataView(hmtxOut.buffer);
    const lastAdvance = numMetrics > 0 ? view.getUint16(hmtx.offset + (numMetrics - 1) * 4) : 0;
    for (let i = 0; i < n; i++) {
      const gid = this.glyphs[i];
      let advance = lastAdvance;
      let lsb = 0;
      if (gid < numMetrics) {
        advance = view.getUint16(hmtx.offset + gid * 4);
        lsb = view.getInt16(hmtx.offset + gid * 4 + 2);
      } else {
        const o = numMetrics * 4 + (gid - numMetrics) * 2;
        if (o + 2 <= hmtx.length) lsb = view.getInt16(hmtx.offset + o);
      }
      hv.setUint16(i * 4, advance);
      hv.setInt16(i * 4 + 2, lsb);
    }

    const headOut = copy(this.table('head')!);
    const headView = new DataView(headOut.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, shortLoca ? 0 : 1);
    const hheaOut = copy(this.table('hhea')!);
    new DataView(hheaOut.buffer).setUint16(34, n);
    const maxpOut = copy(this.table('maxp')!);
    new DataView(maxpOut.buffer).setUint16(4, n);

    const out: Array<[string, Uint8Array]> = [
      ['head', headOut],
      ['hhea', hheaOut],
      ['loca', locaOut],
      ['maxp', maxpOut],
      ['glyf', glyfOut],
      ['hmtx', hmtxOut],
    ];
    for (const t of ['cvt ', 'prep', 'fpgm']) {
      const data = this.table(t);
      if (data) out.push([t, data]);
    }
    return writeSfnt(out);
  }

  /** A composite glyph's bytes with each component's glyph id replaced by its subset id. */
  private renumberComponents(src: Uint8Array): Uint8Array {
    const data = copy(src);
    const v = new DataView(data.buffer);
    let p = 10;
    for (;;) {
      if (p + 4 > data.length) break;
      const flags = v.getUint16(p);
      v.setUint16(p + 2, this.includeGlyph(v.getUint16(p + 2)));
      p += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
      if (flags & 0x0008) p += 2; // WE_HAVE_A_SCALE
      else if (flags & 0x0040) p += 4; // WE_HAVE_AN_X_AND_Y_SCALE
      else if (flags & 0x0080) p += 8; // WE_HAVE_A_TWO_BY_TWO
      if (!(flags & 0x0020)) break; // MORE_COMPONENTS
    }
    return data;
  }
}

/**
 * The table directory of a TrueType font file (version 0x00010000 or 'true'): tag → offset and
 * length; undefined for another kind of file, or a directory or table running past the file's end.
 * `ensure` (a file read piecewise) is asked for the header and the table records before they are read.
 */
export function readTableDirectory(bytes: Uint8Array, view: DataView, ensure: EnsureRanges): Map<string, TableRecord> | undefined {
  if (bytes.length < 12) return undefined;
  ensure([[0, 12]]);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return undefined;
  const numTables = view.getUint16(4);
  if (12 + numTables * 16 > bytes.length) return undefined;
  ensure([[0, 12 + numTables * 16]]);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const r = 12 + i * 16;
    const tag = String.fromCharCode(bytes[r], bytes[r + 1], bytes[r + 2], bytes[r + 3]);
    const offset = view.getUint32(r + 8);
    const length = view.getUint32(r + 12);
    if (offset + length > bytes.length) return undefined;
    tables.set(tag, { offset, length });
  }
  return tables;
}

/** A copy in its own ArrayBuffer (a Node Buffer's slice() would be a view into the font file). */
function copy(a: Uint8Array): Uint8Array {
  return new Uint8Array(a);
}

/** An sfnt file: offset table, table records sorted by tag, tables 4-byte aligned, checksums and head.checkSumAdjustment. */
export function writeSfnt(tables: Array<[string, Uint8Array]>): Uint8Array {
  tables.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const numTables = tables.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  let size = 12 + numTables * 16;
  const offsets: number[] = [];
  for (const [, data] of tables) {
    offsets.push(size);
    size += (data.length + 3) & ~3;
  }
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, numTables);
  v.setUint16(6, searchRange);
  v.setUint16(8, entrySelector);
  v.setUint16(10, numTables * 16 - searchRange);
  let headOffset = -1;
  tables.forEach(([tag, data], i) => {
    const r = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[r + k] = tag.charCodeAt(k);
    v.setUint32(r + 8, offsets[i]);
    v.setUint32(r + 12, data.length);
    out.set(data, offsets[i]);
    if (tag === 'head') headOffset = offsets[i];
  });
  // Each table's checksum, read where it now lies (4-byte aligned, padded with zeros, as the checksum pads it).
  // The whole file's checksum is the header's plus every table's, so the tables are summed once, not twice.
  const sums = spanChecksums(out, tables.map(([, data], i) => [offsets[i], data.length] as const));
  let total = 0;
  sums.forEach((sum, i) => {
    v.setUint32(12 + i * 16 + 4, sum);
    total = (total + sum) >>> 0;
  });
  total = (total + tableChecksum(out.subarray(0, 12 + numTables * 16))) >>> 0;
  if (headOffset >= 0) v.setUint32(headOffset + 8, (0xb1b0afba - total) >>> 0);
  return out;
}
