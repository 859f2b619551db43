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
  const scan = new JsonScanner(text, keepDepth);
  for (;;) {
    scan.skipWhitespace();
    const result = scan.atEnd() ? scan.end() : scan.state === 'value' ? scan.value() : scan.state === 'key' ? scan.key() : scan.afterValue();
    if (result !== CONTINUE) return result;
  }
}

const CONTINUE = Symbol('continue');
type Step = JsonBreak | null | typeof CONTINUE;

/**
 * The scanner's state between steps: the position, the brackets open (as their closers), what
 * comes next (a value, a field name, or what follows a value), and the last place the text
 * could be cut and closed into valid JSON.
 */
class JsonScanner {
  i = 0;
  readonly stack: string[] = [];
  state: 'value' | 'key' | 'after' = 'value';
  /** Just after "{": a "}" may close the object at once. */
  private first = false;
  private cut = -1;
  private cutClosers = '';

  constructor(
    private readonly text: string,
    private readonly keepDepth: number,
  ) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  skipWhitespace(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  /** The text ended: valid only after a whole top-level value. */
  end(): Step {
    if (this.state === 'after' && this.stack.length === 0) return null;
    return this.fail(this.stack.length || this.state !== 'value' || this.text.length > 0 ? 'the file ends in the middle of the data' : 'the file is empty', true);
  }

  /** A value: an object or array opens, or a string, number or literal is read whole. */
  value(): Step {
    const { text } = this;
    const ch = text[this.i];
    if (ch === '{') {
      this.open('}');
      this.state = 'key';
      this.first = true;
      return CONTINUE;
    }
    if (ch === '[') {
      this.open(']');
      this.skipWhitespace();
      if (text[this.i] === ']') this.close();
      return CONTINUE;
    }
    if (ch === '"') {
      const e = this.scanString();
      if (e === '') return this.fail('the file ends inside a string', true);
      if (e) return this.fail(e);
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(text);
      if (!m) return this.fail(`a malformed number`);
      this.i += m[0].length;
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, this.i));
      if (!word) {
        const partial = ['true', 'false', 'null'].some((w) => w.startsWith(text.slice(this.i)));
        return partial ? this.fail('the file ends in the middle of the data', true) : this.fail(`unexpected ${show(ch)} where a value should be`);
      }
      this.i += word.length;
    }
    this.completed();
    this.state = 'after';
    return CONTINUE;
  }

  /** A field name and its ":" (or, just after "{", the "}" of an empty object). */
  key(): Step {
    const { text } = this;
    const ch = text[this.i];
    if (ch === '}' && this.first) {
      this.close();
      return CONTINUE;
    }
    if (ch !== '"') return this.fail(`unexpected ${show(ch)} where a field name in double quotes should be`);
    const e = this.scanString();
    if (e === '') return this.fail('the file ends inside a field name', true);
    if (e) return this.fail(e);
    this.skipWhitespace();
    if (this.atEnd()) return this.fail('the file ends in the middle of the data', true);
    if (text[this.i] !== ':') return this.fail(`unexpected ${show(text[this.i])} where ":" should follow a field name`);
    this.i++;
    this.state = 'value';
    this.first = false;
    return CONTINUE;
  }

  /** After a value: a "," or the closer of the innermost object or array. */
  afterValue(): Step {
    const ch = this.text[this.i];
    if (this.stack.length === 0) return this.fail(`unexpected ${show(ch)} after the end of the data`);
    const top = this.stack[this.stack.length - 1];
    if (ch === ',') {
      this.i++;
      this.state = top === '}' ? 'key' : 'value';
      this.first = false;
      return CONTINUE;
    }
    if (ch === top) {
      this.close();
      return CONTINUE;
    }
    return this.fail(`unexpected ${show(ch)} where "," or "${top}" should be`);
  }

  private open(closer: string): void {
    this.stack.push(closer);
    this.i++;
  }

  private close(): void {
    this.i++;
    this.stack.pop();
    this.completed();
    this.state = 'after';
  }

  /** A value ended at a depth worth keeping: the text can be cut here. */
  private completed(): void {
    if (this.stack.length >= 1 && this.stack.length <= this.keepDepth) {
      this.cut = this.i;
      this.cutClosers = [...this.stack].reverse().join('');
    }
  }

  /** Scans a string starting at the quote; returns an error message, '' when the text ends inside it, or null. */
  private scanString(): string | null {
    const { text } = this;
    const n = text.length;
    this.i++;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        return null;
      }
      if (c === 92) {
        const e = text[this.i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 2, this.i + 6))) return this.i + 6 > n ? '' : 'a broken \\u escape in a string';
          this.i += 6;
        } else if ('"\\/bfnrt'.includes(e)) this.i += 2;
        else return `an unknown escape "\\${e}" in a string`;
        continue;
      }
      if (c < 32) return `${show(text[this.i])} inside a string (control characters must be escaped)`;
      this.i++;
    }
    return '';
  }

  private fail(message: string, truncated = false): JsonBreak {
    const { text } = this;
    const at = Math.min(this.i, text.length);
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at; k++) if (text.charCodeAt(k) === 10) (line++, (lineStart = k + 1));
    return { offset: at, line, column: at - lineStart + 1, message, truncated, repaired: this.cut > 0 ? text.slice(0, this.cut) + this.cutClosers : undefined };
  }
}
