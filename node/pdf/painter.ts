import { closeSync, fsync, openSync, readFileSync, writeSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import type { BoxItem, Cmyk, DisplayPage, GlyphRunItem, ImageItem, RuleItem } from '../../core/display/types.js';
import { cleanStaleTemps, tempPathFor } from '../store/atomic.js';
import { DocumentFonts, num } from './fonts.js';
import { imageForPdf, type ImageConversion } from './images.js';
import { binaryLine, newPdfDoc, type PdfDoc, type PdfRef } from './pdfkit-internals.js';
import {
  addPdfxOutputIntent,
  cropMarkOperators,
  endWithInfo,
  fillOp,
  infoDictionary,
  overprintState,
  pageGeometry,
  setPageBoxes,
  strokeOp,
} from './print.js';
import { IFRA26, type PrintCondition } from './separation.js';
import { errorMessage } from '../../core/error-message.js';
import { writeFailure } from '../write-failure.js';

/**
 * The PDF painter: paints the composer's display list (core/display/types.ts) with pdfkit as a
 * low-level writer. Every glyph sits at the composer's x (TJ adjustments), nothing is shaped or
 * wrapped again. Pages are streamed to a temporary file beside the output and renamed over it
 * at the end, so a failure or a cancel never leaves a half-written PDF.
 */

export interface PdfOptions {
  title?: string;
  /** Resolves an image item's asset id to a file path (undefined: the asset is unknown). */
  images?: (assetId: string) => string | undefined;
  /** PDF/X-1a:2001: PDF 1.3, GTS_PDFX output intent, CMYK-only images. */
  pdfx?: boolean;
  /**
   * The printing condition for --pdfx (default IFRA26 newsprint): named in the output intent and
   * used to separate photos (profile, ink limit), or with `cmykImages`.
   */
  condition?: PrintCondition;
  /** Bleed in mm: the page grows by it on every side and gets a BleedBox. */
  bleedMm?: number;
  /** Crop marks outside the trim. */
  marks?: boolean;
  /** Convert non-CMYK images to CMYK even without PDF/X. */
  cmykImages?: boolean;
  /** Where images that need converting are converted (image-converter.ts); default in this process. */
  convertImage?: ImageConversion;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Fixed creation date (reproducible output in tests). */
  date?: Date;
  /** Flate-compress content streams (default true; tests read them uncompressed). */
  compress?: boolean;
}

/** Raised when the signal aborts an export; the output file is untouched. */
export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** An image on a page that could not be put into the PDF (unreadable, undecodable, its converter died). */
export class ImageFailed extends Error {
  constructor(
    /** Page number as printed. */
    readonly page: number,
    readonly assetId: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`page ${page}: photo '${assetId}' (${path}): ${reason}`);
    this.name = 'ImageFailed';
  }
}

/** Paints the pages into one PDF at `output`, atomically. */
export async function writePdf(pages: DisplayPage[], output: string, options: PdfOptions = {}): Promise<void> {
  if (pages.length === 0) throw new Error('Nothing to export: no pages');
  const tmp = tempPathFor(output);
  const sink = new FileSink(tmp);
  let doc: PdfDoc | undefined;
  try {
    doc = newPdfDoc({ pdfVersion: '1.3', compress: options.compress, title: options.title });
    const ended = new Promise<void>((resolve, reject) => {
      doc!.on('data', (chunk) => sink.write(chunk as Buffer));
      doc!.on('end', () => resolve());
      doc!.on('error', (err) => reject(err as Error));
    });
    ended.catch(() => {}); // awaited on success
    const painter = new PagePainter(doc, options);
    if (options.pdfx) {
      const condition = options.condition ?? IFRA26;
      addPdfxOutputIntent(doc, condition, condition.embedProfile ? readFileSync(condition.profile) : undefined);
    }
    // Every glyph's CID up front, so the font subsets are deflated on the thread pool while the pages are painted.
    painter.fonts.prepare(pages);
    options.onProgress?.(0, pages.length);
    for (let i = 0; i < pages.length; i++) {
      if (options.signal?.aborted) throw new ExportCancelled();
      await painter.paint(pages[i]);
      doc.flushPages();
      sink.check();
      // a macrotask turn per page, so a cancel message (worker port, IPC) is seen between pages
      await new Promise((r) => setImmediate(r));
      options.onProgress?.(i + 1, pages.length);
    }
    if (options.signal?.aborted) throw new ExportCancelled();
    await painter.fonts.ready();
    endWithInfo(doc, infoDictionary(options.title ?? '', !!options.pdfx, options.date));
    await ended;
    await sink.finish();
    await rename(tmp, output);
    // What an export killed half-way left beside this file (its process is gone).
    await cleanStaleTemps(output).catch(() => {});
  } catch (err) {
    doc?.removeAllListeners('data');
    sink.close();
    await unlink(tmp).catch(() => {});
    // A file-system failure (disk full, permissions) in the editor's words; nothing was written.
    const e = err as NodeJS.ErrnoException & { dest?: string };
    const writing = e?.syscall === 'write' || e?.syscall === 'fsync' || e?.syscall === 'close' || e?.path === tmp || e?.dest === output;
    if (writing) throw writeFailure(`Cannot write the PDF "${output}"`, err, 'Nothing was written; an earlier file of that name is unchanged.');
    throw err;
  }
}

/**
 * The temporary file the PDF goes to: pdfkit's chunks (thousands of small ones: every object,
 * every line of the cross-reference table) are gathered and written with one write call per
 * ~1 MB, synchronously (the CLI, or the app's export worker thread), so memory stays bounded
 * without a stream's per-chunk machinery and thread-pool round trips; then flushed to disk.
 */
class FileSink {
  private fd: number | undefined;
  private chunks: Buffer[] = [];
  private size = 0;
  private error: Error | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'wx', 0o644);
  }

  write(chunk: Buffer): void {
    if (this.error) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.size === 0 || this.error || this.fd === undefined) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    try {
      for (let at = 0; at < data.length; ) at += writeSync(this.fd, data, at, data.length - at);
    } catch (err) {
      this.error = err as Error;
    }
  }

  /** Throws the first write error (disk full…), if any. */
  check(): void {
    if (this.error) throw this.error;
  }

  /** Writes what is left, flushes the file to disk and closes it; throws the first write error. */
  async finish(): Promise<void> {
    this.flush();
    this.check();
    const fd = this.fd!;
    await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
    this.close();
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
  }
}

/** 100 % K and no other ink: the plant's single black, which always overprints (cjk-typesetting.md §4.2). */
export function isSingleBlack(c: Cmyk): boolean {
  return c.k >= 100 && c.c === 0 && c.m === 0 && c.y === 0;
}

class PagePainter {
  readonly fonts: DocumentFonts;
  private overprint: PdfRef | undefined;
  /** The page's content operators not yet handed to pdfkit: one write per page (or per image), not per item. */
  private pending = '';
  private lastFill: (Cmyk & { op: string }) | undefined;

  constructor(
    private readonly doc: PdfDoc,
    private readonly options: PdfOptions,
  ) {
    this.fonts = new DocumentFonts(doc);
  }

  async paint(page: DisplayPage): Promise<void> {
    const { doc, options } = this;
    const g = pageGeometry(page.width, page.height, options.bleedMm ?? 0, !!options.marks);
    doc.addPage({ size: [g.mediaWidth, g.mediaHeight], margin: 0 });
    setPageBoxes(doc, g, page.width, page.height);
    // pdfkit's page CTM already flips y (origin top-left, y down); move the origin to the trim's corner.
    doc.translate(g.margin, g.margin);
    if (options.marks) doc.addContent(cropMarkOperators(g, page.width, page.height));
    for (const item of page.items) {
      switch (item.kind) {
        case 'glyphs':
          this.glyphs(item);
          break;
        case 'rule':
          this.rule(item);
          break;
        case 'box':
          this.box(item);
          break;
        case 'image':
          await this.image(item, page.number);
          break;
      }
    }
    this.flush();
  }

  /** Content operators of one item; written to the page with the others (the same bytes as one write each). */
  private emit(ops: string): void {
    this.pending = this.pending ? `${this.pending}\n${ops}` : ops;
  }

  private flush(): void {
    if (!this.pending) return;
    this.doc.addContent(binaryLine(this.pending)); // the bytes pdfkit would make of the string
    this.pending = '';
  }

  private overprintOn(): string {
    this.overprint ??= overprintState(this.doc);
    this.doc.page.ext_gstates.GsOP = this.overprint;
    return '/GsOP gs';
  }

  private glyphs(run: GlyphRunItem): void {
    if (run.glyphs.length === 0) return;
    const gs = run.overprint || isSingleBlack(run.fill) ? `${this.overprintOn()}\n` : '';
    this.emit(`q\n${gs}${this.fill(run.fill)}\n${this.fonts.runOperators(run)}\nQ`);
  }

  /** fillOp of the last colour asked for, kept: runs of one colour follow one another (a galley: 548 of 100 % K). */
  private fill(c: Cmyk): string {
    const last = this.lastFill;
    if (last && last.c === c.c && last.m === c.m && last.y === c.y && last.k === c.k) return last.op;
    const op = fillOp(c);
    this.lastFill = { c: c.c, m: c.m, y: c.y, k: c.k, op };
    return op;
  }

  private rule(r: RuleItem): void {
    const ops = ['q'];
    if (r.overprint || isSingleBlack(r.color)) ops.push(this.overprintOn());
    ops.push(strokeOp(r.color), `${num(r.width)} w`, '0 J');
    if (r.dash?.length) ops.push(`[${r.dash.map(num).join(' ')}] 0 d`);
    ops.push(`${num(r.x1)} ${num(r.y1)} m ${num(r.x2)} ${num(r.y2)} l S`, 'Q');
    this.emit(ops.join('\n'));
  }

  private box(b: BoxItem): void {
    if (!b.fill && !b.stroke) return;
    const ops = ['q'];
    if (b.fill) ops.push(fillOp(b.fill));
    if (b.stroke) ops.push(strokeOp(b.stroke), `${num(b.strokeWidth ?? 0.5)} w`);
    ops.push(`${num(b.x)} ${num(b.y)} ${num(b.w)} ${num(b.h)} re ${b.fill && b.stroke ? 'B' : b.fill ? 'f' : 'S'}`, 'Q');
    this.emit(ops.join('\n'));
  }

  private async image(item: ImageItem, pageNumber: number): Promise<void> {
    const path = this.options.images?.(item.assetId);
    if (!path) throw new Error(`Image '${item.assetId}' is not linked to a file`);
    let bytes: Buffer;
    try {
      const condition = this.options.condition ?? IFRA26;
      const separation = { profile: condition.profile, inkLimit: condition.inkLimit };
      bytes = await imageForPdf(path, { cmyk: !!(this.options.pdfx || this.options.cmykImages), separation, placedPt: { w: item.iw, h: item.ih } }, this.options.convertImage);
    } catch (err) {
      if (this.options.signal?.aborted) throw new ExportCancelled();
      throw new ImageFailed(pageNumber, item.assetId, path, errorMessage(err));
    }
    const { doc } = this;
    this.flush();
    doc.save();
    doc.addContent(`${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re W n`);
    doc.image(bytes, item.ix, item.iy, { width: item.iw, height: item.ih });
    doc.restore();
  }
}
