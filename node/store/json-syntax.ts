/**
 * Where JSON text breaks, in words for the editor, and how much of it can be read before
 * the break. JSON.parse only says "Unexpected end of JSON input"; an editor with a damaged
 * file needs the line and column, and the pages and stories before the damage.
 * The scanner is iterative, so deeply nested garbage cannot overflow the stack.
 */

export interface JsonBreak {
  offset: number;
  line: number;
  column: number;
  message: string;
  /** The text ends before the JSON does (cut off while copying or saving). */
  truncated: boolean;
  /**
   * The text up to the last complete value at depth ≤ `keepDepth`, closed with the brackets
   * still open: valid JSON holding everything before the break (whole pages, whole stories).
   */
  repaired?: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const show = (ch: string) => (ch === '\n' ? 'a line break' : ch === '\0' ? 'a zero byte' : `"${ch}"`);

/** Scans JSON text and returns where it breaks, or null when it is valid JSON. */
export function findJsonBreak(text: string, keepDepth = 2): JsonBreak | null {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  let cut = -1;
  let cutClosers = '';
  let state: 'value' | 'key' | 'after' = 'value';
  let first = false;

  const completed = () => {
    if (stack.length >= 1 && stack.length <= keepDepth) {
      cut = i;
      cutClosers = [...stack].reverse().join('');
    }
  };
  const fail = (message: string, truncated = false): JsonBreak => {
    const at = Math.min(i, n);
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at; k++) if (text.charCodeAt(k) === 10) (line++, (lineStart = k + 1));
    return { offset: at, line, column: at - lineStart + 1, message, truncated, repaired: cut > 0 ? text.slice(0, cut) + cutClosers : undefined };
  };
  const skipWs = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  /** Scans a string starting at the quote; returns an error message or null. */
  const scanString = (): string | null => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i + 6 > n ? '' : 'a broken \\u escape in a string';
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else return `an unknown escape "\\${e}" in a string`;
        continue;
      }
      if (c < 32) return `${show(text[i])} inside a string (control characters must be escaped)`;
      i++;
    }
    return '';
  };

  for (;;) {
    skipWs();
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return null;
      return fail(stack.length || state !== 'value' || n > 0 ? 'the file ends in the middle of the data' : 'the file is empty', true);
    }
    const ch = text[i];
    if (state === 'value') {
      if (ch === '{') {
        stack.push('}');
        i++;
        state = 'key';
        first = true;
        continue;
      }
      if (ch === '[') {
        stack.push(']');
        i++;
        skipWs();
        if (text[i] === ']') {
          i++;
          stack.pop();
          completed();
          state = 'after';
        }
        continue;
      }
      if (ch === '"') {
        const e = scanString();
        if (e === '') return fail('the file ends inside a string', true);
        if (e) return fail(e);
      } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail(`a malformed number`);
        i += m[0].length;
      } else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (!word) {
          const partial = ['true', 'false', 'null'].some((w) => w.startsWith(text.slice(i)));
          return partial ? fail('the file ends in the middle of the data', true) : fail(`unexpected ${show(ch)} where a value should be`);
        }
        i += word.length;
      }
      completed();
      state = 'after';
      continue;
    }
    if (state === 'key') {
      if (ch === '}' && first) {
        i++;
        stack.pop();
        completed();
        state = 'after';
        continue;
      }
      if (ch !== '"') return fail(`unexpected ${show(ch)} where a field name in double quotes should be`);
      const e = scanString();
      if (e === '') return fail('the file ends inside a field name', true);
      if (e) return fail(e);
      skipWs();
      if (i >= n) return fail('the file ends in the middle of the data', true);
      if (text[i] !== ':') return fail(`unexpected ${show(text[i])} where ":" should follow a field name`);
      i++;
      state = 'value';
      first = false;
      continue;
    }
    // state 'after': a value just ended
    if (stack.length === 0) return fail(`unexpected ${show(ch)} after the end of the data`);
    const top = stack[stack.length - 1];
    if (ch === ',') {
      i++;
      state = top === '}' ? 'key' : 'value';
      first = false;
      continue;
    }
    if (ch === top) {
      i++;
      stack.pop();
      completed();
      continue;
    }
    return fail(`unexpected ${show(ch)} where "," or "${top}" should be`);
  }
}
