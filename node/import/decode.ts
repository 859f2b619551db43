import iconv from 'iconv-lite';

/**
 * Decoding copy files: UTF-8, GB18030 (which contains GBK and GB2312), Big5 and UTF-16, by byte
 * order mark when there is one and by checking the bytes when not. What cannot be text
 * (images, PDFs, archives, binary data) is refused with a message that says what it is.
 */

export type CopyEncoding = 'utf-8' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: CopyEncoding;
  /** How the encoding was found. */
  by: 'bom' | 'valid-utf8' | 'heuristic';
  /** Set when the guess may be wrong: say so to the editor. */
  unsure?: string;
  /** What decoding changed (broken characters replaced), for the import report. */
  notes?: string[];
}

/** Copy that cannot be decoded as text; the message names the file and what it is. */
export class CopyFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'empty' | 'too-large' | 'binary' | 'wrong-format' | 'unreadable' | 'bad-docx',
    message: string,
  ) {
    super(message);
    this.name = 'CopyFileError';
  }
}

const SIGNATURES: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [[0x42, 0x4d], 'a BMP image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document (extract its text first, e.g. with pdftotext)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (a Word .docx file is one: give it the .docx extension)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Word .doc (or other Office 97–2003) file: save it as .docx or .txt'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document: save it as .docx or .txt'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF)'],
  [[0x4d, 0x5a], 'a Windows program'],
];

/** What a file's first bytes say it is, when that is not text. */
export function sniffBinary(bytes: Uint8Array): string | undefined {
  for (const [sig, what] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) {
      // "BM" and "MZ" are also two letters a text may start with: require more evidence.
      if (sig.length === 2 && sig[0] !== 0x1f && !hasNul(bytes, 4096)) continue;
      return what;
    }
  }
  if (bytes.length >= 12 && bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) return 'a video or HEIC image';
  if (bytes.length >= 12 && bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45) return 'a WebP image';
  return undefined;
}

function hasNul(b: Uint8Array, n: number): boolean {
  for (let i = 0; i < Math.min(n, b.length); i++) if (b[i] === 0) return true;
  return false;
}

/** Share of characters in a decoded sample that do not belong in copy: U+FFFD, controls, private use. */
function badShare(text: string): number {
  let bad = 0;
  let n = 0;
  for (const ch of text) {
    n++;
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0) || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  return n ? bad / n : 0;
}

/** Share of characters that are common in Chinese copy (CJK, ASCII, CJK punctuation and full-width forms). */
function commonShare(text: string): number {
  let ok = 0;
  let n = 0;
  for (const ch of text) {
    n++;
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || c === 10 || c === 13 || c === 9 || (c >= 0x4e00 && c <= 0x9fa5) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x2027) || c === 0xb7 || c === 0x25a0) ok++;
  }
  return n ? ok / n : 1;
}

/**
 * The most frequent characters of Chinese news copy, simplified and traditional. Big5 bytes
 * read as GBK (or the reverse) are valid characters but almost never these, so the share of
 * them tells the two double-byte encodings apart.
 */
const FREQUENT = new Set(
  '的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裏用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心本前开開但因只从從想实實日者意无無力与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應向头頭文体體政美相见見被利二等产產或新制身果加月话話合回特代内內信表化老给給世位次度门門任常先海通教原东東声聲提立及比员員水名真论論处處走义義各入几幾口认認条條平系气氣题題活更别別打女变變四神总總何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直资資命山金指区區议議社办辦记記讯訊府区县縣镇鎮村街居'.split(''),
);

function frequentShare(text: string): number {
  let hit = 0;
  let han = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x3400 || c > 0x9fff) continue;
    han++;
    if (FREQUENT.has(ch)) hit++;
  }
  return han ? hit / han : 0;
}

const SAMPLE = 256 * 1024;

/** Decodes copy bytes; throws CopyFileError for what is not text. `file` names the file in messages. */
export function decodeCopy(file: string, bytes: Uint8Array): DecodedText {
  const q = `"${file}"`;
  if (bytes.length === 0) throw new CopyFileError(file, 'empty', `${q} is empty (0 bytes): there is no copy to import.`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Byte order marks first: they are unambiguous.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return checked(file, { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', by: 'bom' });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(file, { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', by: 'bom' });
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(file, { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', by: 'bom' });
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return checked(file, { text: iconv.decode(buf.subarray(4), 'gb18030'), encoding: 'gb18030', by: 'bom' });
  const what = sniffBinary(bytes);
  if (what) throw new CopyFileError(file, what.startsWith('a zip') ? 'wrong-format' : 'binary', `${q} is not a text file: it is ${what}.`);

  // UTF-16 without a mark: NUL bytes in one half of the code units (ASCII text), or a decode that reads as Chinese.
  const sample = buf.subarray(0, Math.min(buf.length, SAMPLE) & ~1);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const units = sample.length / 2 || 1;
  if (evenNul + oddNul > 0) {
    if (oddNul / units > 0.2 && evenNul / units < 0.05) return checked(file, { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le', by: 'heuristic' });
    if (evenNul / units > 0.2 && oddNul / units < 0.05) return checked(file, { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be', by: 'heuristic' });
    // Chinese UTF-16 has few NULs; binary data has them anywhere.
    const le = commonShare(iconv.decode(sample, 'utf-16le'));
    const be = commonShare(iconv.decode(sample, 'utf-16be'));
    const best = le >= be ? 'utf-16le' : 'utf-16be';
    if (Math.max(le, be) > 0.9) return checked(file, { text: iconv.decode(buf, best), encoding: best, by: 'heuristic' });
    throw new CopyFileError(file, 'binary', `${q} is not a text file: it holds binary data (NUL bytes), not copy in UTF-8, GB18030/GBK or UTF-16.`);
  }
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    /* not UTF-8 */
  }
  if (utf8 !== undefined) return checked(file, { text: utf8, encoding: 'utf-8', by: 'valid-utf8' });
  const repaired = repairUtf8(file, buf);
  if (repaired) return checked(file, repaired);
  const gb = iconv.decode(buf, 'gb18030');
  // Big5 (Taiwan, Hong Kong copy) reads as GBK without errors, as nonsense: the frequent characters decide.
  const big5 = iconv.decode(buf.subarray(0, SAMPLE), 'big5');
  // (the sample may end inside a character: one bad character in it is allowed)
  if (frequentShare(big5) > 2 * frequentShare(gb.slice(0, SAMPLE)) + 0.05 && badShare(big5.slice(0, -1)) < 0.01) {
    return checked(file, { text: iconv.decode(buf, 'big5'), encoding: 'big5', by: 'heuristic', unsure: `${q} is not UTF-8; read as Big5 (traditional Chinese) because it reads as Chinese that way — check the text.` });
  }
  const d: DecodedText = { text: gb, encoding: 'gb18030', by: 'heuristic' };
  const common = commonShare(gb.slice(0, SAMPLE));
  // UTF-16 copy without a mark and without any ASCII has no NUL bytes: compare with its decode.
  if (buf.length % 2 === 0) {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const alt = iconv.decode(sample, enc);
      if (commonShare(alt) > common + 0.1 && badShare(alt) < 0.01) return checked(file, { text: iconv.decode(buf, enc), encoding: enc, by: 'heuristic', unsure: `${q} has no byte order mark; read as ${enc.toUpperCase()} because it reads as Chinese that way — check the text.` });
    }
  }
  if (common < 0.97) {
    const bad = badShare(gb.slice(0, SAMPLE));
    if (bad > 0.02) throw new CopyFileError(file, 'binary', `${q} is not text in UTF-8, GB18030/GBK or UTF-16 (${(bad * 100).toFixed(0)} % of it decodes to nothing); if it is copy in another encoding, save it as UTF-8.`);
    d.unsure = `${q} is not UTF-8; read as GB18030/GBK, but ${((1 - common) * 100).toFixed(1)} % of its characters are rare — if the text looks wrong, save the file as UTF-8 and import it again.`;
  }
  return checked(file, d);
}

/**
 * UTF-8 with a few broken sequences — cut off mid-character (`head -c`, a truncated
 * attachment) or a few stray bytes — read as UTF-8 with each broken sequence replaced by
 * U+FFFD, and a note naming the lines. It counts as UTF-8 only while the valid multibyte
 * characters far outnumber the broken ones (GBK read as UTF-8 is nearly all broken).
 */
function repairUtf8(file: string, buf: Buffer): DecodedText | undefined {
  const text = new TextDecoder('utf-8').decode(buf);
  let literal = 0; // U+FFFD written in the file itself (EF BF BD) is not a repair
  for (let i = buf.indexOf(0xef); i >= 0 && i + 2 < buf.length; i = buf.indexOf(0xef, i + 1)) if (buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) literal++;
  let replaced = -literal;
  let multibyte = 0;
  const lines: number[] = [];
  let line = 1;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 10) line++;
    else if (c === 0xfffd) {
      replaced++;
      if (lines.at(-1) !== line) lines.push(line);
    } else if (c >= 0x80) multibyte++;
  }
  if (replaced <= 0 || multibyte < 20 * replaced) return undefined;
  const where = lines.length > 8 ? `${lines.slice(0, 8).join(', ')} …` : lines.join(', ');
  const what = replaced === 1 ? 'a broken character (invalid UTF-8) was' : `${replaced} broken characters (invalid UTF-8) were`;
  return { text, encoding: 'utf-8', by: 'heuristic', notes: [`"${file}": ${what} replaced by � — line${lines.length === 1 ? '' : 's'} ${where}; check the text there.`] };
}

/** Refuses decoded text that is mostly not text (binary data that happened to decode). */
function checked(file: string, d: DecodedText): DecodedText {
  const sample = d.text.slice(0, SAMPLE);
  const bad = badShare(sample);
  if (bad > 0.02) throw new CopyFileError(file, 'binary', `"${file}" is not a text file: ${(bad * 100).toFixed(0)} % of it decodes as ${d.encoding.toUpperCase()} to control or invalid characters.`);
  if (!/[^\s\u3000\ufeff]/.test(d.text)) throw new CopyFileError(file, 'empty', `"${file}" holds only blank lines or spaces: there is no copy to import.`);
  return d;
}
