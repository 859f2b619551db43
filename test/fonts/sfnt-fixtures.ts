/**
 * Font files made for the font library's tests from the bundled Noto faces (no font from outside
 * the repo): an sfnt reader and writer (table directory, checksums, head.checkSumAdjustment), a
 * name table of our own, OS/2 fields patched, a TrueType collection built from several faces
 * (identical tables shared), and an OpenType face with CFF outlines made from a TrueType subset.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { subsetFont } from '../../node/font-subsets.js';

const require = createRequire(import.meta.url);

/** A bundled Noto face's file: `notoFile('serif', '400Regular')`. */
export function notoFile(family: 'serif' | 'sans', weight: string): string {
  const pkg = family === 'serif' ? '@expo-google-fonts/noto-serif-sc' : '@expo-google-fonts/noto-sans-sc';
  const name = family === 'serif' ? 'NotoSerifSC' : 'NotoSansSC';
  return join(dirname(require.resolve(`${pkg}/package.json`)), weight, `${name}_${weight}.ttf`);
}

/** A subset of a bundled face keeping exactly these characters (hb-subset, as the app's subsets). */
export async function notoSubset(family: 'serif' | 'sans', weight: string, text: string | Iterable<number>): Promise<Uint8Array> {
  const cps = typeof text === 'string' ? [...text].map((c) => c.codePointAt(0)!) : [...text];
  return subsetFont(readFileSync(notoFile(family, weight)), cps);
}

export interface Sfnt {
  /** 0x00010000 (TrueType) or 'OTTO' (CFF). */
  version: number;
  tables: Map<string, Uint8Array>;
}

const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The tables of the sfnt whose directory starts at `offset` (table offsets are from the file's start, as in a collection). */
export function readSfnt(bytes: Uint8Array, offset = 0): Sfnt {
  const v = dv(bytes);
  const version = v.getUint32(offset);
  const n = v.getUint16(offset + 4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < n; i++) {
    const at = offset + 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    tables.set(tag, bytes.slice(v.getUint32(at + 8), v.getUint32(at + 8) + v.getUint32(at + 12)));
  }
  return { version, tables };
}

function checksum(b: Uint8Array): number {
  const padded = new Uint8Array((b.length + 3) & ~3);
  padded.set(b);
  const v = dv(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

const pad4 = (n: number) => (n + 3) & ~3;

function directory(version: number, entries: { tag: string; data: Uint8Array; offset: number }[]): Uint8Array {
  const n = entries.length;
  const out = new Uint8Array(12 + 16 * n);
  const v = dv(out);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= n) {
    pow *= 2;
    log++;
  }
  v.setUint32(0, version);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, log);
  v.setUint16(10, n * 16 - pow * 16);
  entries.forEach((e, i) => {
    for (let k = 0; k < 4; k++) out[12 + 16 * i + k] = e.tag.charCodeAt(k);
    v.setUint32(12 + 16 * i + 4, checksum(e.data));
    v.setUint32(12 + 16 * i + 8, e.offset);
    v.setUint32(12 + 16 * i + 12, e.data.length);
  });
  return out;
}

/** A single-face font file of these tables (sorted by tag, 4-byte aligned, checksums and head.checkSumAdjustment right). */
export function writeSfnt(font: Sfnt): Uint8Array {
  const tags = [...font.tables.keys()].sort();
  const head = font.tables.get('head');
  if (head) dv(head).setUint32(8, 0);
  let at = 12 + 16 * tags.length;
  const entries = tags.map((tag) => {
    const data = font.tables.get(tag)!;
    const e = { tag, data, offset: at };
    at += pad4(data.length);
    return e;
  });
  const out = new Uint8Array(at);
  out.set(directory(font.version, entries));
  for (const e of entries) out.set(e.data, e.offset);
  if (head) {
    const adjust = (0xb1b0afba - checksum(out)) >>> 0;
    dv(out).setUint32(entries.find((e) => e.tag === 'head')!.offset + 8, adjust);
    dv(head).setUint32(8, adjust);
  }
  return out;
}

/** A font collection ('ttcf' 1.0) of these faces; a table with the same bytes in several faces is stored once. */
export function writeTtc(faces: Sfnt[]): Uint8Array {
  const headerSize = 12 + 4 * faces.length;
  const dirSizes = faces.map((f) => 12 + 16 * f.tables.size);
  let at = headerSize + dirSizes.reduce((a, b) => a + b, 0);
  const stored = new Map<string, { data: Uint8Array; offset: number }>();
  const placed: { tag: string; data: Uint8Array; offset: number }[][] = faces.map((f) =>
    [...f.tables.keys()].sort().map((tag) => {
      const data = f.tables.get(tag)!;
      const key = `${data.length}:${Buffer.from(data).toString('base64')}`;
      let s = stored.get(key);
      if (!s) {
        s = { data, offset: at };
        stored.set(key, s);
        at += pad4(data.length);
      }
      return { tag, data, offset: s.offset };
    }),
  );
  const out = new Uint8Array(at);
  const v = dv(out);
  out.set([0x74, 0x74, 0x63, 0x66]); // 'ttcf'
  v.setUint32(4, 0x00010000);
  v.setUint32(8, faces.length);
  let dirAt = headerSize;
  faces.forEach((f, i) => {
    v.setUint32(12 + 4 * i, dirAt);
    out.set(directory(f.version, placed[i]), dirAt);
    dirAt += dirSizes[i];
  });
  for (const s of stored.values()) out.set(s.data, s.offset);
  return out;
}

export interface NameRecord {
  nameID: number;
  /** Windows language id: 0x0409 English (US), 0x0804 Chinese (PRC); Macintosh: 0 English, 33 Chinese (Simplified). */
  lang: number;
  text: string;
  /**
   * Windows Unicode (the default: platform 3, encoding 1, UTF-16BE), or Macintosh with the
   * Simplified Chinese script (platform 1, encoding 25, the text in GB 2312 bytes, given as `bytes`).
   */
  platform?: 'windows' | 'mac-gb';
  bytes?: Uint8Array;
}

/** A name table (format 0) of these records (sorted as the spec wants: platform, encoding, language, name id). */
export function nameTable(records: NameRecord[]): Uint8Array {
  const pid = (r: NameRecord) => (r.platform === 'mac-gb' ? 1 : 3);
  const sorted = [...records].sort((a, b) => pid(a) - pid(b) || a.lang - b.lang || a.nameID - b.nameID);
  const strings = sorted.map((r) => {
    if (r.platform === 'mac-gb') return r.bytes!;
    const b = new Uint8Array(r.text.length * 2);
    for (let i = 0; i < r.text.length; i++) dv(b).setUint16(2 * i, r.text.charCodeAt(i));
    return b;
  });
  const stringOffset = 6 + 12 * sorted.length;
  const out = new Uint8Array(stringOffset + strings.reduce((a, s) => a + s.length, 0));
  const v = dv(out);
  v.setUint16(2, sorted.length);
  v.setUint16(4, stringOffset);
  let at = 0;
  sorted.forEach((r, i) => {
    const p = 6 + 12 * i;
    v.setUint16(p, pid(r));
    v.setUint16(p + 2, r.platform === 'mac-gb' ? 25 : 1);
    v.setUint16(p + 4, r.lang);
    v.setUint16(p + 6, r.nameID);
    v.setUint16(p + 8, strings[i].length);
    v.setUint16(p + 10, at);
    out.set(strings[i], stringOffset + at);
    at += strings[i].length;
  });
  return out;
}

export interface FaceNames {
  familyZh?: string;
  familyEn: string;
  styleZh?: string;
  styleEn: string;
  postscript: string;
}

/** Name records 1, 2, 4 and 6 in English (and 1, 2, 4 in Chinese when given). */
export function names(n: FaceNames): NameRecord[] {
  const out: NameRecord[] = [
    { nameID: 1, lang: 0x409, text: n.familyEn },
    { nameID: 2, lang: 0x409, text: n.styleEn },
    { nameID: 4, lang: 0x409, text: `${n.familyEn} ${n.styleEn}` },
    { nameID: 6, lang: 0x409, text: n.postscript },
  ];
  if (n.familyZh) {
    out.push({ nameID: 1, lang: 0x804, text: n.familyZh });
    out.push({ nameID: 4, lang: 0x804, text: `${n.familyZh} ${n.styleZh ?? ''}`.trim() });
  }
  if (n.styleZh) out.push({ nameID: 2, lang: 0x804, text: n.styleZh });
  return out;
}

/** The face with these OS/2 fields changed (usWeightClass, fsType) and its name table replaced. */
export function patched(font: Uint8Array | Sfnt, change: { names?: NameRecord[]; weight?: number; fsType?: number }): Sfnt {
  const sfnt = font instanceof Uint8Array ? readSfnt(font) : { version: font.version, tables: new Map([...font.tables].map(([t, d]) => [t, d.slice()])) };
  const os2 = sfnt.tables.get('OS/2')!;
  if (change.weight !== undefined) dv(os2).setUint16(4, change.weight);
  if (change.fsType !== undefined) dv(os2).setUint16(8, change.fsType);
  if (change.names) sfnt.tables.set('name', nameTable(change.names));
  return sfnt;
}

// --- CFF --------------------------------------------------------------------------------------

function cffIndex(items: Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array([0, 0]);
  const total = items.reduce((a, b) => a + b.length, 0) + 1;
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const out = new Uint8Array(3 + offSize * (items.length + 1) + total - 1);
  dv(out).setUint16(0, items.length);
  out[2] = offSize;
  let off = 1;
  const put = (i: number, value: number) => {
    for (let k = 0; k < offSize; k++) out[3 + i * offSize + k] = (value >>> (8 * (offSize - 1 - k))) & 0xff;
  };
  let at = 3 + offSize * (items.length + 1);
  items.forEach((item, i) => {
    put(i, off);
    out.set(item, at);
    at += item.length;
    off += item.length;
  });
  put(items.length, off);
  return out;
}

/** A DICT integer operand as a 5-byte number (29 + int32), so a dict's size does not depend on its values. */
function int32(n: number): number[] {
  return [29, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

/**
 * A CFF table (version 1, one font, not CID-keyed) of `glyphs` empty glyphs: every charstring is
 * `endchar`, glyph i (after .notdef) is named `g<i>` by the String INDEX (SIDs from 391, after
 * the standard strings) through a format-2 charset of one range.
 */
export function cffTable(fontName: string, glyphs: number): Uint8Array {
  const header = new Uint8Array([1, 0, 4, 4]);
  const nameIndex = cffIndex([ascii(fontName)]);
  const stringIndex = cffIndex(Array.from({ length: glyphs - 1 }, (_, i) => ascii(`g${i + 1}`)));
  const gsubrs = cffIndex([]);
  const charStrings = cffIndex(Array.from({ length: glyphs }, () => new Uint8Array([14])));
  const charset = new Uint8Array(1 + 4);
  charset[0] = 2;
  dv(charset).setUint16(1, 391);
  dv(charset).setUint16(3, glyphs - 2);
  const privateDict = new Uint8Array([]); // all defaults
  // Top DICT: charset (15), CharStrings (17), Private (18: size, offset); offsets filled below.
  const top = (charsetAt: number, charStringsAt: number, privateAt: number) =>
    new Uint8Array([...int32(charsetAt), 15, ...int32(charStringsAt), 17, ...int32(privateDict.length), ...int32(privateAt), 18]);
  const topSize = cffIndex([top(0, 0, 0)]).length;
  const before = header.length + nameIndex.length + topSize + stringIndex.length + gsubrs.length;
  const charsetAt = before;
  const charStringsAt = charsetAt + charset.length;
  const privateAt = charStringsAt + charStrings.length;
  const topIndex = cffIndex([top(charsetAt, charStringsAt, privateAt)]);
  const parts = [header, nameIndex, topIndex, stringIndex, gsubrs, charset, charStrings, privateDict];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * An OpenType face with CFF outlines from a TrueType face: its cmap, metrics, OS/2 and names kept,
 * glyf/loca (and the TrueType hinting tables) replaced by a CFF table with as many (empty) glyphs,
 * maxp version 0.5, post version 3.
 */
export function cffFromTrueType(font: Sfnt, postscriptName: string): Sfnt {
  const maxp = font.tables.get('maxp')!;
  const glyphs = dv(maxp).getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (const [tag, data] of font.tables) {
    if (['glyf', 'loca', 'gasp', 'prep', 'fpgm', 'cvt ', 'hdmx', 'LTSH', 'VDMX', 'DSIG'].includes(tag)) continue;
    tables.set(tag, data.slice());
  }
  const maxp05 = new Uint8Array(6);
  dv(maxp05).setUint32(0, 0x00005000);
  dv(maxp05).setUint16(4, glyphs);
  tables.set('maxp', maxp05);
  const post = tables.get('post')!.slice(0, 32);
  dv(post).setUint32(0, 0x00030000);
  tables.set('post', post);
  tables.set('CFF ', cffTable(postscriptName, glyphs));
  return { version: 0x4f54544f, tables }; // 'OTTO'
}
