import type { Cmyk } from '../../core/display/types.js';
import { num } from './fonts.js';
import type { PdfDoc, PdfRef } from './pdfkit-internals.js';
import type { PrintCondition } from './separation.js';

/**
 * Print furniture of the PDF (cjk-typesetting.md §4.1, §4.3): page boxes, crop marks, the
 * overprint graphics state, the PDF/X-1a:2001 output intent and Info dictionary.
 */

export const MM = 72 / 25.4;

/** Where the trim box sits on the (possibly grown) media box. */
export interface PageGeometry {
  /** Offset of the trim box from the media box's left and bottom edges, pt. */
  margin: number;
  bleed: number;
  mediaWidth: number;
  mediaHeight: number;
}

const MARK_OFFSET = 3 * MM;
const MARK_LENGTH = 6 * MM;

/** The media box around a trim of width × height with the given bleed and optional crop marks. */
export function pageGeometry(width: number, height: number, bleedMm: number, marks: boolean): PageGeometry {
  const bleed = Math.max(0, bleedMm) * MM;
  // Marks start outside the bleed (at least 3 mm from the trim) so they never print on the page.
  const margin = marks ? Math.max(bleed, MARK_OFFSET) + MARK_LENGTH + 2 * MM : bleed;
  return { margin, bleed, mediaWidth: width + 2 * margin, mediaHeight: height + 2 * margin };
}

/** Sets TrimBox (always), BleedBox (with bleed) and MediaBox on the current page (PDF coordinates, y up). */
export function setPageBoxes(doc: PdfDoc, g: PageGeometry, width: number, height: number): void {
  const d = doc.page.dictionary.data;
  const box = (grow: number) => [g.margin - grow, g.margin - grow, g.margin + width + grow, g.margin + height + grow].map((v) => Math.round(v * 1000) / 1000);
  d.MediaBox = [0, 0, Math.round(g.mediaWidth * 1000) / 1000, Math.round(g.mediaHeight * 1000) / 1000];
  d.TrimBox = box(0);
  if (g.bleed > 0) d.BleedBox = box(g.bleed);
}

/** Crop marks outside the trim (and bleed), in trim-relative y-down coordinates; 0.25 pt in all four inks (registration). */
export function cropMarkOperators(g: PageGeometry, width: number, height: number): string {
  const off = Math.max(g.bleed, MARK_OFFSET);
  const ops: string[] = ['q', '0.25 w', '1 1 1 1 K'];
  const line = (x1: number, y1: number, x2: number, y2: number) => ops.push(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  for (const x of [0, width]) {
    line(x, -off, x, -off - MARK_LENGTH);
    line(x, height + off, x, height + off + MARK_LENGTH);
  }
  for (const y of [0, height]) {
    line(-off, y, -off - MARK_LENGTH, y);
    line(width + off, y, width + off + MARK_LENGTH, y);
  }
  ops.push('Q');
  return ops.join('\n');
}

export const fillOp = (c: Cmyk) => `${num(c.c / 100)} ${num(c.m / 100)} ${num(c.y / 100)} ${num(c.k / 100)} k`;
export const strokeOp = (c: Cmyk) => `${num(c.c / 100)} ${num(c.m / 100)} ${num(c.y / 100)} ${num(c.k / 100)} K`;

/** The overprint graphics state (OP/op true, OPM 1), created once per document. */
export function overprintState(doc: PdfDoc): PdfRef {
  const ref = doc.ref({ Type: 'ExtGState', OP: true, op: true, OPM: 1 });
  ref.end();
  return ref;
}

/**
 * Adds the GTS_PDFX output intent to the catalog for a printing condition. A condition of the ICC
 * registry (IFRA26) is named only; a plant's own carries its profile as DestOutputProfile
 * (`profile`: the ICC file's bytes).
 */
export function addPdfxOutputIntent(doc: PdfDoc, condition: Pick<PrintCondition, 'identifier' | 'info' | 'embedProfile'>, profile?: Uint8Array): void {
  const data: Record<string, unknown> = {
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(condition.identifier),
    OutputCondition: new String(condition.info),
    RegistryName: new String('http://www.color.org'),
    Info: new String(condition.info),
  };
  if (condition.embedProfile) {
    if (!profile) throw new Error(`the output intent for ${condition.identifier} needs its profile`);
    const icc = doc.ref({ N: 4 });
    icc.end(Buffer.from(profile));
    data.DestOutputProfile = icc;
  }
  const intent = doc.ref(data);
  intent.end();
  doc._root.data.OutputIntents = [intent];
}

/**
 * Ends the document like pdfkit's `end()`, but writes the Info dictionary with direct values so
 * `/Trapped` can be the name `/False` PDF/X requires (pdfkit turns every Info string into a PDF
 * string in an indirect object). Mirrors pdfkit 0.20 lib/document.js `end()`.
 */
export function endWithInfo(doc: PdfDoc, info: Record<string, unknown>): void {
  doc.flushPages();
  doc._info = doc.ref(info);
  doc._info.end();
  for (const name in doc._fontFamilies) doc._fontFamilies[name].finalize();
  doc.endOutline();
  doc.endMarkings();
  if (doc.subset && doc.endSubset) doc.endSubset();
  doc.endMetadata();
  doc._root.end();
  (doc._root.data.Pages as PdfRef).end();
  (doc._root.data.Names as PdfRef).end();
  doc.endAcroForm();
  if (doc._root.data.ViewerPreferences) (doc._root.data.ViewerPreferences as PdfRef).end();
  if (doc._security) doc._security.end();
  if (doc._waiting === 0) doc._finalize();
  else doc._ended = true;
}

/** Info dictionary values: title, producer, dates, and the PDF/X keys when asked. */
export function infoDictionary(title: string, pdfx: boolean, now = new Date()): Record<string, unknown> {
  const info: Record<string, unknown> = {
    Title: new String(title),
    Creator: new String('Broadsheet'),
    Producer: new String('Broadsheet (pdfkit)'),
    CreationDate: now,
    ModDate: now,
    Trapped: 'False', // a plain JS string is written as the name /False
  };
  if (pdfx) {
    info.GTS_PDFXVersion = new String('PDF/X-1:2001');
    info.GTS_PDFXConformance = new String('PDF/X-1a:2001');
  }
  return info;
}
