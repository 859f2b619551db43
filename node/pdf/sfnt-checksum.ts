/**
 * sfnt table checksums: the sum, modulo 2³², of a table's bytes read as big-endian uint32 words
 * (the last word padded with zeros). A subset's glyf table is some hundred kilobytes, and a short
 * CLI run never gets this loop out of V8's interpreter and baseline code (~8 ns a word, ~3 ms for
 * the corpus page's subset: a tenth of the PDF phase), so the words are summed by a small
 * WebAssembly function (~0.5 ms with its compile), with the plain loop kept for where
 * WebAssembly is not available and as the reference the tests compare against.
 */

/** The checksum of `data`, computed in JavaScript. */
export function checksumJs(data: Uint8Array): number {
  let sum = 0;
  const whole = data.length & ~3;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < whole; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return (sum + tailWord(data, whole)) >>> 0;
}

/** The last 1–3 bytes (from `whole` on) as a zero-padded big-endian word; 0 when there are none. */
function tailWord(data: Uint8Array, whole: number): number {
  if (whole >= data.length) return 0;
  let last = 0;
  for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i] : 0);
  return last >>> 0;
}

/**
 * The checksum of each span ([offset, length]) of `file`, one per span in order. Every span
 * starts on a 4-byte boundary of `file`, as an sfnt's tables do.
 */
export function spanChecksums(file: Uint8Array, spans: ReadonlyArray<readonly [number, number]>): number[] {
  const kernel = wasmKernel();
  if (!kernel || file.length < 4096) return spans.map(([offset, length]) => checksumJs(file.subarray(offset, offset + length)));
  // The whole file into the module's memory at 0 (one copy), then each span's whole words summed there.
  const need = file.length;
  const have = kernel.memory.buffer.byteLength;
  if (have < need) kernel.memory.grow(Math.ceil((need - have) / 65536));
  new Uint8Array(kernel.memory.buffer, 0, file.length).set(file);
  return spans.map(([offset, length]) => {
    const whole = length & ~3;
    return (kernel.sum(offset, offset + whole) + tailWord(file.subarray(offset, offset + length), whole)) >>> 0;
  });
}

/** What this module uses of the WebAssembly global (this project's TypeScript libs do not declare it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface Kernel {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  /** Σ big-endian words of memory[from, to) mod 2³² (to − from a multiple of 4), as a signed i32. */
  sum(from: number, to: number): number;
}

let kernel: Kernel | null | undefined;

function wasmKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
    if (!wasm) return (kernel = null);
    const instance = new wasm.Instance(new wasm.Module(kernelBytes()));
    const { sum, memory } = instance.exports as unknown as Kernel;
    kernel = { sum, memory };
  } catch {
    kernel = null; // no WebAssembly here (e.g. V8 run --jitless): the JavaScript loop
  }
  return kernel;
}

/**
 * The module, assembled here (123 bytes; a build step or a .wasm file to locate at run time
 * would cost more than it saves). In the text format:
 *
 *   (module
 *     (memory (export "memory") 1)
 *     (func (export "sum") (param $at i32) (param $end i32) (result i32)
 *       (local $sum i32) (local $w i32)
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $at) (local.get $end)))
 *         (local.set $w (i32.load (local.get $at)))            ;; little-endian load
 *         (local.set $sum (i32.add (local.get $sum)             ;; + the word byte-swapped
 *           (i32.or (i32.or (i32.shl (local.get $w) (i32.const 24))
 *                           (i32.shl (i32.and (local.get $w) (i32.const 0xff00)) (i32.const 8)))
 *                   (i32.or (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 0xff00))
 *                           (i32.shr_u (local.get $w) (i32.const 24))))))
 *         (local.set $at (i32.add (local.get $at) (i32.const 4)))
 *         (br 0)))
 *       (local.get $sum)))
 */
function kernelBytes(): Uint8Array {
  const leb = (n: number): number[] => {
    const out: number[] = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
      out.push(b | 0x80);
    }
  };
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  const [AT, END, SUM, W] = [0, 1, 2, 3];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const i32 = (n: number) => [0x41, ...leb(n)];
  const [ADD, AND, OR, SHL, SHR_U, GE_U, LOAD] = [0x6a, 0x71, 0x72, 0x74, 0x76, 0x4f, 0x28];
  const [BLOCK, LOOP, BR, BR_IF, END_OP, VOID, I32] = [0x02, 0x03, 0x0c, 0x0d, 0x0b, 0x40, 0x7f];
  const body = [
    ...[1, 2, I32], // two i32 locals: $sum, $w
    ...[BLOCK, VOID, LOOP, VOID],
    ...get(AT), ...get(END), GE_U, BR_IF, 1,
    ...get(AT), LOAD, 2, 0, ...set(W),
    ...get(SUM),
    ...get(W), ...i32(24), SHL,
    ...get(W), ...i32(0xff00), AND, ...i32(8), SHL, OR,
    ...get(W), ...i32(8), SHR_U, ...i32(0xff00), AND, OR,
    ...get(W), ...i32(24), SHR_U, OR,
    ADD, ...set(SUM),
    ...get(AT), ...i32(4), ADD, ...set(AT),
    ...[BR, 0, END_OP, END_OP],
    ...get(SUM), END_OP,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 2, I32, I32, 1, I32]), // types: (i32, i32) → i32
    ...section(3, [1, 0]), // functions: one, of type 0
    ...section(5, [1, 0, 1]), // memory: one, at least 1 page
    ...section(7, [2, ...name('sum'), 0, 0, ...name('memory'), 2, 0]), // exports
    ...section(10, [1, ...leb(body.length), ...body]), // code
  ]);
}
