/**
 * The scratch memory of one typesetter: the paragraph's items in structure-of-arrays form and
 * the per-line adjustment buffers. A paragraph is set entirely inside one synchronous call, so
 * one workspace serves every paragraph its owner sets, one after the other; the buffers grow
 * to the longest paragraph and line seen and are then reused, so warm typesetting allocates
 * nothing per glyph for them. What a stage returns may point into these buffers: it is valid
 * until the owner sets its next paragraph (the lines handed out are plain copies).
 *
 * Owners: the composer's paragraph cache and the galley each hold one; callers that pass none
 * share one per font source (see `typesetParagraph`).
 */
export class TypesetWorkspace {
  /** Items the item buffers hold room for. */
  private capacity = 0;

  // Filled by collect: one entry per item (off has one more, the paragraph's end).
  off = new Int32Array(1);
  cls = new Uint8Array(0);
  run = new Int32Array(0);
  gid = new Int32Array(0);
  w = new Float64Array(0);
  dx = new Float64Array(0);
  em = new Float64Array(0);
  cL = new Float64Array(0);
  cR = new Float64Array(0);
  hyphenW = new Float64Array(0);
  hyphenGid = new Int32Array(0);
  // Filled by prepare.
  hl = new Float64Array(0);
  brk = new Uint8Array(0);
  bar = new Uint8Array(0);
  stretchOk = new Uint8Array(0);

  // One line at a time (adjust → finalize): box widths, space before each item, ink offsets.
  lw = new Float64Array(256);
  lgap = new Float64Array(256);
  ldx = new Float64Array(256);

  /** Makes room for `size` items (doubling, so a growing paragraph reallocates rarely). */
  reserveItems(size: number): void {
    if (size <= this.capacity) return;
    const cap = Math.max(size, this.capacity * 2, 256);
    this.capacity = cap;
    this.off = new Int32Array(cap + 1);
    this.cls = new Uint8Array(cap);
    this.run = new Int32Array(cap);
    this.gid = new Int32Array(cap);
    this.w = new Float64Array(cap);
    this.dx = new Float64Array(cap);
    this.em = new Float64Array(cap);
    this.cL = new Float64Array(cap);
    this.cR = new Float64Array(cap);
    this.hl = new Float64Array(cap);
    this.brk = new Uint8Array(cap);
    this.bar = new Uint8Array(cap);
    this.stretchOk = new Uint8Array(cap);
    this.hyphenW = new Float64Array(cap);
    this.hyphenGid = new Int32Array(cap);
  }

  /** Makes room for a line of `length` items in the line buffers. */
  reserveLine(length: number): void {
    if (this.lw.length >= length + 1) return;
    this.lw = new Float64Array(length * 2);
    this.lgap = new Float64Array(length * 2);
    this.ldx = new Float64Array(length * 2);
  }
}
