/**
 * Text with per-character marks, as copy arrives (plain text has none; Word runs carry bold
 * and italic). Repairs edit the text character by character so marks stay on their characters.
 */

/** Mark bits: bold (加粗), emphasis (着重 / italic in Word). */
export const BOLD = 1;
export const EMPHASIS = 2;

export interface Rich {
  text: string;
  /** One entry per UTF-16 code unit of `text`; absent = no marks anywhere. */
  marks?: number[];
}

/** A rich text built up piece by piece, keeping each piece's mark. */
export class RichBuilder {
  private parts: string[] = [];
  private marks: number[] = [];
  private any = false;

  push(s: string, mark = 0): void {
    if (!s) return;
    this.parts.push(s);
    for (let i = 0; i < s.length; i++) this.marks.push(mark);
    if (mark) this.any = true;
  }

  build(): Rich {
    const text = this.parts.join('');
    return this.any ? { text, marks: this.marks } : { text };
  }
}

/** The mark of the code unit at i. */
export const markAt = (r: Rich, i: number): number => r.marks?.[i] ?? 0;

/** Concatenates rich texts. */
export function concatRich(...rs: Rich[]): Rich {
  const b = new RichBuilder();
  for (const r of rs) {
    if (!r.marks) b.push(r.text);
    else for (let i = 0; i < r.text.length; i++) b.push(r.text[i], r.marks[i]);
  }
  return b.build();
}

/** A slice of a rich text. */
export function sliceRich(r: Rich, from: number, to = r.text.length): Rich {
  const text = r.text.slice(from, to);
  return r.marks ? { text, marks: r.marks.slice(from, to) } : { text };
}

/** Trims whitespace (ASCII, ideographic, no-break) at both ends. */
export function trimRich(r: Rich): Rich {
  const m = /^[\s\u3000\u00a0\ufeff]*/.exec(r.text)![0].length;
  const e = /[\s\u3000\u00a0\ufeff]*$/.exec(r.text.slice(m))![0].length;
  return sliceRich(r, m, r.text.length - e);
}

/** Runs of equal marks: [text, mark] pairs in order. */
export function richRuns(r: Rich): Array<[string, number]> {
  if (!r.marks) return r.text ? [[r.text, 0]] : [];
  const out: Array<[string, number]> = [];
  let start = 0;
  for (let i = 1; i <= r.text.length; i++) {
    if (i === r.text.length || r.marks[i] !== r.marks[start]) {
      out.push([r.text.slice(start, i), r.marks[start]]);
      start = i;
    }
  }
  return out;
}
