import type { CopySource, SourceParagraph } from './types.js';

/**
 * Splits decoded plain text into source paragraphs: every non-empty line is one (copy from
 * PDFs and from typists puts one paragraph per line; hard-wrapped lines are joined later by
 * the mid-sentence rule, which also reports them). Blank lines before a line are counted:
 * a wider gap often separates stories. Form feeds (page breaks in extracted text) count as gaps.
 */
export function paragraphsFromText(text: string): SourceParagraph[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
  const out: SourceParagraph[] = [];
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const pieces = raw.split('\f');
    for (let k = 0; k < pieces.length; k++) {
      if (k > 0) gap++;
      const t = pieces[k].replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '');
      if (!/[^\s\u3000\u00a0]/.test(t)) {
        if (k === 0) gap++;
        continue;
      }
      out.push({ text: { text: t }, line: i + 1, gapBefore: out.length ? gap : 0 });
      gap = 0;
    }
  }
  return out;
}

/** A plain-text copy source. */
export function textSource(file: string, text: string): CopySource {
  return { file, paragraphs: paragraphsFromText(text) };
}
