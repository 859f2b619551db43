import type { Font as FontkitFont } from 'fontkit';
import type { DisplayPage, FontKey, GlyphRunItem } from '../../core/display/types.js';
import type { FontFace } from '../../core/fonts/types.js';
import { fontFileSparse, fontkitFont, loadFontFace } from '../fonts.js';
import { binaryLine, type EmbeddedFontLike, type PdfDoc, type PdfRef } from './pdfkit-internals.js';
import { readSfntHeader, TrueTypePdfFont } from './truetype-font.js';
import { TrueTypeSubset } from './ttf-subset.js';

/**
 * Fonts in the PDF: each face is parsed once per process (fontkit), registered once per
 * document (pdfkit EmbeddedFont, subset, Type0/Identity-H) and fed glyph ids directly — no
 * re-shaping. The ToUnicode CMap maps every subset glyph to the characters the composer says
 * it stands for (GlyphRunItem.chars), so copy/paste and pdftotext give the story text back
 * even for glyphs with no cmap entry, and for any number of glyphs (bfchar blocks of ≤ 100).
 */

interface DocFont {
  pdf: EmbeddedFontLike;
  /**
   * font glyph id → subset glyph id (the CID written in the content stream), -1 until used. Typed
   * arrays over every possible glyph id (TrueType's are 16-bit): a plain array indexed by glyph ids
   * in the tens of thousands turns into a dictionary, and this is read for every glyph painted.
   */
  cids: Int32Array;
  /** CID → its 4-digit hex code, as written in the content stream */
  hex: string[];
  /** CID → text for the ToUnicode CMap */
  text: Map<number, string>;
  /** CID → whether `text` has its entry yet (an array read per glyph instead of a Map lookup) */
  named: boolean[];
  /** font glyph id → advance in 1/1000 em (set with the glyph's CID) */
  advances: Float64Array;
  /** The composer's metrics of the same face (advances from hmtx, cached). */
  metrics: FontFace;
}

/** The fonts of one PDF document. */
export class DocumentFonts {
  private readonly fonts = new Map<FontKey, DocFont>();

  constructor(private readonly doc: PdfDoc) {}

  /** Registers the face on first use in this document and on the current page's resources; returns it. */
  use(key: FontKey): DocFont {
    const f = this.register(key);
    if (this.doc.page.fonts[f.pdf.id] == null) this.doc.page.fonts[f.pdf.id] = f.pdf.ref();
    return f;
  }

  /** The face in this document, registered on first use (no page resources: see use()). */
  private register(key: FontKey): DocFont {
    let f = this.fonts.get(key);
    if (!f) {
      // Glyphs are copied from the file, not decoded (see ttf-subset.ts), and a TrueType font's objects are written
      // from its header tables (truetype-font.ts), without fontkit; pdfkit's EmbeddedFont over fontkit (and fontkit's
      // subset) stays for fonts these do not handle.
      // The file is read piecewise: its tables and the outlines of the glyphs used (~1 MB of a 10–15 MB CJK file).
      const file = fontFileSparse(key);
      const ensure = (ranges: ReadonlyArray<readonly [number, number]>) => file.ensure(ranges);
      const subset = TrueTypeSubset.open(file.bytes, ensure);
      const header = subset && readSfntHeader(file.bytes, ensure);
      let pdf: EmbeddedFontLike;
      if (subset && header) pdf = TrueTypePdfFont.register(this.doc, `bs-${key}`, header, subset);
      else {
        this.doc.font(fontkitFont(key), `bs-${key}`);
        pdf = this.doc._font!;
        if (subset) pdf.subset = subset;
      }
      const text = new Map<number, string>();
      f = { pdf, cids: new Int32Array(0x10000).fill(-1), hex: [], text, named: [], advances: new Float64Array(0x10000), metrics: loadFontFace(key) };
      pdf.toUnicodeCmap = () => writeToUnicode(this.doc, text);
      this.fonts.set(key, f);
    }
    return f;
  }

  /**
   * Gives every glyph of the pages its CID now, in the order painting would (pages, items, glyphs),
   * then has each TrueType subset, complete, deflated on the thread pool while the pages are painted
   * (truetype-font.ts compressAhead); `ready()` waits for it. The PDF is the same as without.
   */
  prepare(pages: readonly DisplayPage[]): void {
    for (const page of pages) {
      for (const item of page.items) {
        if (item.kind !== 'glyphs' || item.glyphs.length === 0) continue;
        const f = this.register(item.font);
        const { glyphs, chars } = item;
        for (let i = 0; i < glyphs.length; i++) {
          const cid = f.cids[glyphs[i]];
          if (cid < 0) this.newCid(f, glyphs[i], chars[i] ?? '');
          else if (!f.named[cid] && chars[i]) this.name(f, cid, chars[i]);
        }
      }
    }
    for (const f of this.fonts.values()) if (f.pdf instanceof TrueTypePdfFont) f.pdf.compressAhead();
  }

  /** Resolves when the fonts' ahead-of-time compression (prepare) is done. */
  async ready(): Promise<void> {
    for (const f of this.fonts.values()) if (f.pdf instanceof TrueTypePdfFont) await f.pdf.ready();
  }

  /** Content-stream operators painting one glyph run at the composer's positions (y-down page space). */
  runOperators(run: GlyphRunItem): string {
    const f = this.use(run.font);
    const hs = run.hscale ?? 1;
    const size = run.size;
    const { glyphs, xs, chars } = run;
    const { cids, hex, advances } = f;
    // The TJ array: <hex glyphs> and, where the pen is not where the composer put the next glyph, an adjustment.
    let tj = '';
    let codes = '';
    let pen = xs[0] ?? 0;
    for (let i = 0; i < glyphs.length; i++) {
      const gid = glyphs[i];
      let cid = cids[gid];
      if (cid < 0) cid = this.newCid(f, gid, chars[i] ?? '');
      else if (!f.named[cid] && chars[i]) this.name(f, cid, chars[i]); // the first non-empty text a glyph is used for wins
      if (i > 0) {
        // TJ adjustment (thousandths of text space, subtracted) that lands this glyph at xs[i]
        const adj = Math.round(((pen - xs[i]) * 1000) / (size * hs) * 1000) / 1000;
        if (adj !== 0) {
          tj += `${tj ? ' ' : ''}<${codes}> ${num(adj)}`;
          codes = '';
          pen -= (adj / 1000) * size * hs;
        }
      }
      codes += hex[cid];
      pen += (advances[gid] / 1000) * size * hs;
    }
    if (codes) tj += `${tj ? ' ' : ''}<${codes}>`;
    // Text matrix: flip y back (the page CTM grows downwards) and apply the horizontal scale.
    return `BT\n/${f.pdf.id} ${num(size)} Tf\n${num(hs)} 0 0 -1 ${num(xs[0] ?? 0)} ${num(run.y)} Tm\n[${tj}] TJ\nET`;
  }

  /** A glyph's first use in the document: its CID in the subset, width and text. */
  private newCid(f: DocFont, gid: number, chars: string): number {
    const cid = f.pdf.subset.includeGlyph(gid);
    f.cids[gid] = cid;
    f.hex[cid] = cid.toString(16).padStart(4, '0');
    // The advance the composer measured (hmtx); fontkit's Glyph would decode the outline for its vertical metrics.
    const advance = f.metrics.advance(gid) * f.pdf.scale;
    f.advances[gid] = advance;
    f.pdf.widths[cid] = advance;
    const codePoints: number[] = [];
    for (let k = 0; k < chars.length; k++) {
      const c = chars.codePointAt(k)!;
      codePoints.push(c);
      if (c > 0xffff) k++;
    }
    f.pdf.unicode[cid] = codePoints;
    if (chars && !f.named[cid]) this.name(f, cid, chars);
    return cid;
  }

  private name(f: DocFont, cid: number, chars: string): void {
    f.text.set(cid, chars);
    f.named[cid] = true;
  }
}

function utf16Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** A ToUnicode CMap with one bfchar entry per mapped CID (≤ 100 per block, as the CMap spec limits). */
function writeToUnicode(doc: PdfDoc, text: Map<number, string>): PdfRef {
  const entries = [...text.entries()].sort((a, b) => a[0] - b[0]);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([cid, s]) => `<${cid.toString(16).padStart(4, '0')}> <${utf16Hex(s)}>`).join('\n')}\nendbfchar`);
  }
  const cmap = doc.ref();
  cmap.end(binaryLine(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`));
  return cmap;
}

/** A number for a content stream: at most 3 decimals, no exponent. */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}
