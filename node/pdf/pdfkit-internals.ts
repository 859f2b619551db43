import PDFDocument from 'pdfkit';
import type { Font as FontkitFont } from 'fontkit';

/**
 * The part of pdfkit's undocumented internals the painter relies on, typed in one place so a
 * pdfkit upgrade that changes them fails here and in test/pdf, not silently in the output.
 * (pdfkit 0.20: lib/document.js, lib/page.js, lib/font/embedded.js, lib/reference.js.)
 */

export interface PdfRef {
  id: number;
  data: Record<string, unknown>;
  /** Whether end() deflates what was written (the document's compress option, unless data.Filter was given). */
  compress: boolean;
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

export interface PdfPage {
  width: number;
  height: number;
  dictionary: { data: Record<string, unknown> };
  fonts: Record<string, PdfRef>;
  ext_gstates: Record<string, PdfRef>;
  xobjects: Record<string, PdfRef>;
}

export interface SubsetLike {
  includeGlyph(glyphId: number): number;
}

/** pdfkit's EmbeddedFont (lib/font/embedded.js). */
export interface EmbeddedFontLike {
  id: string;
  subset: SubsetLike;
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): PdfRef;
  toUnicodeCmap(): PdfRef;
}

export interface PdfDoc {
  page: PdfPage;
  info: Record<string, unknown>;
  version: number;
  _root: PdfRef;
  _font: EmbeddedFontLike | null;
  _info: PdfRef;
  _fontFamilies: Record<string, { finalize(): void }>;
  _fontCount: number;
  compress: boolean;
  _waiting: number;
  _ended: boolean;
  readableLength: number;
  ref(data?: unknown): PdfRef;
  addPage(options: { size: [number, number]; margin: number }): PdfDoc;
  flushPages(): void;
  font(src: unknown, family?: string): PdfDoc;
  addContent(data: string | Uint8Array): PdfDoc;
  /** Writes a string (plus a newline) or bytes to the output: every object, the xref table, the trailer. */
  _write(data: string | Uint8Array): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
  save(): PdfDoc;
  restore(): PdfDoc;
  translate(x: number, y: number): PdfDoc;
  image(src: Uint8Array, x: number, y: number, options: { width: number; height: number }): PdfDoc;
  pipe<T extends NodeJS.WritableStream>(dest: T): T;
  unpipe(dest?: NodeJS.WritableStream): void;
  destroy(err?: Error): void;
  on(event: string, fn: (...args: unknown[]) => void): PdfDoc;
  removeAllListeners(event?: string): PdfDoc;
  end(): void;
  // mixin finishers called by endWithDirectInfo
  endOutline(): void;
  endMarkings(): void;
  endMetadata(): void;
  endAcroForm(): void;
  endSubset?(): void;
  subset?: unknown;
  _security?: { end(): void };
  _finalize(): void;
}

/**
 * A string of char codes 0–255 (pdfkit's "binary string") as bytes, with the newline pdfkit's
 * write() appends to strings: Node's latin1 encoder keeps each code's low byte, exactly as
 * pdfkit's fromBinaryString (a JavaScript loop, slow while the code is cold) does.
 */
export function binaryLine(s: string): Uint8Array {
  return Buffer.from(s + '\n', 'latin1');
}

/** A new pdfkit document with no default (Helvetica) font and no automatic first page. */
export function newPdfDoc(opts: { pdfVersion: '1.3' | '1.4'; compress?: boolean; title?: string }): PdfDoc {
  const Ctor = PDFDocument as unknown as new (o: Record<string, unknown>) => PdfDoc;
  const doc = new Ctor({ pdfVersion: opts.pdfVersion, autoFirstPage: false, font: null, compress: opts.compress ?? true, info: { Title: opts.title ?? '' } });
  // pdfkit's _write (lib/document.js: every object, the xref table, the trailer), with the native conversion.
  doc._write = function (this: PdfDoc, data: string | Uint8Array) {
    const bytes = data instanceof Uint8Array ? data : binaryLine(data);
    this.push(bytes);
    this._offset += bytes.length;
  };
  return doc;
}
