import { markAt, RichBuilder, type Rich } from './rich.js';

// Character-level repairs of imported copy: ASCII punctuation set beside Chinese becomes the
// full-width mark (GB/T 15834; cjk-typesetting.md §1.2 notes that real Chinese text uses the
// full-width forms), and stray spaces that PDF extraction and typists leave between Chinese
// characters go (the typesetter adds Han–Latin spacing itself, §1.7).

/** Han ideographs (with extensions and compatibility forms). */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
/** A character that makes its neighbourhood Chinese: Han or full-width punctuation. */
const CJK_CONTEXT = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·]/;
const isCjk = (c: string | undefined) => c !== undefined && (CJK_CONTEXT.test(c) || /[\ud840-\ud87f]/.test(c));
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u00a0' || c === '\u3000';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

/** Nearest non-space neighbour to the left / right of i. */
function neighbours(t: string, i: number): [string | undefined, string | undefined] {
  let a = i - 1;
  while (a >= 0 && isSpace(t[a])) a--;
  let b = i + 1;
  while (b < t.length && isSpace(t[b])) b++;
  return [t[a], t[b]];
}

export interface RepairResult {
  rich: Rich;
  /** Number of marks or spaces changed. */
  count: number;
}

/**
 * ASCII , ; : ! ? ( ) " ' . and ... beside Chinese become full-width marks; digits keep their
 * separators (1,000 · 10:30 · 58.76), Latin text keeps its own punctuation and its apostrophes
 * (Xi'an): only a mark with Chinese beside it is Chinese punctuation.
 */
export function fullWidthPunctuation(r: Rich): RepairResult {
  const t = r.text;
  const out = new RichBuilder();
  let count = 0;
  // Paired marks are decided per pair: a bracket pair is full-width when either side is Chinese.
  const parenFull = new Map<number, boolean>();
  const stack: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') stack.push(i);
    else if (t[i] === ')' && stack.length) {
      const open = stack.pop()!;
      const [beforeOpen, firstIn] = neighbours(t, open);
      const [lastIn, afterClose] = neighbours(t, i);
      const full = isCjk(beforeOpen) || isCjk(firstIn) || isCjk(lastIn) || isCjk(afterClose);
      parenFull.set(open, full);
      parenFull.set(i, full);
    }
  }
  let quoteOpen = false;
  let singleOpen = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    const m = markAt(r, i);
    const [prev, next] = neighbours(t, i);
    let rep: string | undefined;
    let skip = 0;
    if (c === '(' || c === ')') {
      const full = parenFull.get(i) ?? (isCjk(prev) || isCjk(next));
      if (full) rep = FULL[c];
    } else if (c === ',' || c === ':') {
      if (!(isDigit(prev) && isDigit(next)) && (isCjk(prev) || isCjk(next))) rep = FULL[c];
    } else if (c === ';' || c === '!' || c === '?') {
      if (isCjk(prev) || isCjk(next)) rep = FULL[c];
    } else if (c === '.') {
      if (t.startsWith('...', i) && (isCjk(prev) || isCjk(t[i + 3]) || i + 3 >= t.length)) {
        let n = 3;
        while (t[i + n] === '.') n++;
        rep = '……';
        skip = n - 1;
      } else if (isCjk(prev) && !isDigit(next) && (next === undefined || isCjk(next))) rep = '。';
    } else if (c === '"') {
      if (isCjk(prev) || isCjk(next)) {
        rep = quoteOpen ? '”' : '“';
        quoteOpen = !quoteOpen;
      }
    } else if (c === "'") {
      // A single quote beside Chinese is a quotation mark; between letters it is an apostrophe (Xi'an) and stays.
      if (!(isLatin(t[i - 1]) && isLatin(t[i + 1])) && (isCjk(prev) || isCjk(next))) {
        rep = singleOpen ? '’' : '‘';
        singleOpen = !singleOpen;
      }
    }
    if (rep !== undefined) {
      out.push(rep, m);
      count++;
      i += skip;
      // The space typed after an ASCII mark belongs to Latin typing habits, not to Chinese text.
      if (rep !== '（' && rep !== '“') while (isSpace(t[i + 1]) && isCjk(nextNonSpace(t, i + 1))) i++;
    } else out.push(c, m);
  }
  return { rich: out.build(), count };
}

function nextNonSpace(t: string, i: number): string | undefined {
  while (i < t.length && isSpace(t[i])) i++;
  return t[i];
}

/**
 * Removes spaces that are not part of the text: between two Chinese characters or marks,
 * between Chinese and Latin or digits (the typesetter's Han–Latin spacing replaces them), and
 * runs of spaces inside Latin text (one is kept). `keepPhraseSpaces` keeps one space between
 * Chinese phrases, as headlines separate their halves (“民心工程进行时 幸福生活来敲门”).
 */
export function removeStraySpaces(r: Rich, keepPhraseSpaces = false): RepairResult {
  const t = r.text;
  const out = new RichBuilder();
  let count = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (!isSpace(c)) {
      out.push(c, markAt(r, i));
      continue;
    }
    let j = i;
    while (j < t.length && isSpace(t[j])) j++;
    const prev = t[i - 1];
    const next = t[j];
    let keep = '';
    if (prev === undefined || next === undefined) keep = '';
    else if (keepPhraseSpaces && !/^[，。、；：！？）》”’]/.test(next) && !/[（《“‘]$/.test(prev)) keep = ' ';
    // Outside Chinese the copy's word spaces are the text's own (2024, according · Mr. Liu · 5 %).
    else if (!isCjk(prev) && !isCjk(next)) keep = ' ';
    if (keep !== t.slice(i, j)) count++;
    out.push(keep, markAt(r, i));
    i = j - 1;
  }
  return { rich: out.build(), count };
}

/** Sentence-final: the paragraph ends a sentence (。！？… or ：, before any closing quotes/brackets). */
export function endsSentence(text: string): boolean {
  const t = text.replace(/[\s\u3000]+$/, '').replace(/[”’」』）)》〉】\]"']+$/, '');
  return /[。！？!?…．：:]$/.test(t) || /\.$/.test(t);
}

/** Has sentence punctuation inside (a headline has none of these). */
export function hasSentencePunctuation(text: string): boolean {
  return /[。；;！!？?]|[，,、：:](?!$)/.test(text);
}

/** Characters that count for the desk: everything but spaces. */
export const charCount = (text: string) => text.replace(/[\s\u3000]/g, '').length;
