/**
 * sfnt table checksums: the sum, modulo 2³², of a table's bytes read as big-endian uint32 words
 * (the last word padded with zeros).
 */

/** The checksum of `data`. */
export function tableChecksum(data: Uint8Array): number {
  let sum = 0;
  const whole = data.length & ~3;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < whole; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i] : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** The checksum of each span ([offset, length]) of `file`, one per span in order. */
export function spanChecksums(file: Uint8Array, spans: ReadonlyArray<readonly [number, number]>): number[] {
  return spans.map(([offset, length]) => tableChecksum(file.subarray(offset, offset + length)));
}
