import { Unzip, UnzipInflate } from 'fflate';
import mammoth from 'mammoth';
import { BOLD, EMPHASIS, RichBuilder } from '../../core/import/rich.js';
import type { SourceParagraph } from '../../core/import/types.js';
import { CopyFileError } from './decode.js';

/**
 * Word copy (.docx) through mammoth: its paragraphs with their styles, bold and italic. The
 * styles a newsroom's Word template uses (标题/Title/Heading, 引题, 副题, 小标题, 题注/Caption)
 * become hints for import; everything else is recognised from the text as for plain copy.
 */

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='主题'] => h1:fresh",
  "p[style-name='引题'] => p.kicker:fresh",
  "p[style-name='Subtitle'] => p.deck:fresh",
  "p[style-name='副标题'] => p.deck:fresh",
  "p[style-name='副题'] => p.deck:fresh",
  "p[style-name='小标题'] => h3:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='caption'] => p.caption:fresh",
  "p[style-name='题注'] => p.caption:fresh",
  "p[style-name='图说'] => p.caption:fresh",
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });

/** Paragraphs of mammoth's HTML, with bold/italic marks and style hints. */
export function paragraphsFromHtml(html: string): SourceParagraph[] {
  const out: SourceParagraph[] = [];
  const token = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi;
  let b: RichBuilder | undefined;
  let hint: SourceParagraph['hint'];
  let bold = 0;
  let em = 0;
  let hadImage = false;
  let n = 0;
  const flush = () => {
    if (!b) return;
    const r = b.build();
    n++;
    if (/[^\s\u3000\u00a0]/.test(r.text)) out.push({ text: r, line: n, gapBefore: 0, ...(hint ? { hint } : {}) });
    else if (hadImage) out.push({ text: { text: '[图片]' }, line: n, gapBefore: 0, hint: 'image' });
    b = undefined;
    hint = undefined;
    hadImage = false;
  };
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const [, close, tagRaw, attrs, text] = m;
    if (text !== undefined) {
      b ??= new RichBuilder();
      b.push(decodeEntities(text), (bold ? BOLD : 0) | (em ? EMPHASIS : 0));
      continue;
    }
    const tag = tagRaw.toLowerCase();
    if (/^(p|h[1-6]|li)$/.test(tag)) {
      flush();
      if (!close) {
        b = new RichBuilder();
        const cls = /class="([^"]*)"/.exec(attrs)?.[1] ?? '';
        hint = tag === 'h1' ? 'headline' : /^h[2-6]$/.test(tag) ? 'subhead' : cls === 'kicker' ? 'kicker' : cls === 'deck' ? 'deck' : cls === 'caption' ? 'caption' : undefined;
      }
    } else if (tag === 'strong' || tag === 'b') bold += close ? -1 : 1;
    else if (tag === 'em' || tag === 'i') em += close ? -1 : 1;
    else if (tag === 'br') {
      // A manual line break inside a Word paragraph: copy typed with Enter-less lines.
      flush();
      b = new RichBuilder();
    } else if (tag === 'img') {
      b ??= new RichBuilder();
      hadImage = true;
    }
  }
  flush();
  // A heading right after the headline, before any body, is its deck (主题 + 副题 as Word headings).
  for (let i = 1; i < out.length; i++) if (out[i].hint === 'subhead' && out[i - 1].hint === 'headline') out[i].hint = 'deck';
  return out;
}

/** The most XML a .docx may inflate to (its document, styles, notes …): Word copy is a few MB at most. */
export const DOCX_XML_LIMIT = 64 * 1024 * 1024;

/**
 * Inflates the archive's XML parts once, counting, before mammoth reads it: a zip bomb stops
 * at DOCX_XML_LIMIT instead of filling memory, and XML with a DTD (entity definitions, which
 * Word never writes: "billion laughs", external entities) is refused. Returns why not, or undefined.
 */
export function docxProblem(bytes: Uint8Array): string | undefined {
  let total = 0;
  let problem: string | undefined;
  const unzip = new Unzip((entry) => {
    if (problem || !/\.(xml|rels)$/i.test(entry.name)) return;
    let head = '';
    entry.ondata = (err, chunk) => {
      if (problem) return;
      if (err) return void (problem = `its part ${entry.name} is damaged (${err.message})`);
      total += chunk.length;
      if (head.length < 4096) head += Buffer.from(chunk.subarray(0, 4096)).toString('latin1');
      if (/<!DOCTYPE|<!ENTITY/i.test(head)) problem = `its part ${entry.name} defines XML entities (a DTD), which Word never writes`;
      else if (total > DOCX_XML_LIMIT) problem = `its text parts inflate to more than ${DOCX_XML_LIMIT / 1024 / 1024} MB (a compressed "zip bomb", not copy)`;
      if (problem) entry.terminate();
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (err) {
    return problem ?? `it is not a readable zip archive (${(err as Error).message})`;
  }
  return problem;
}

/** Reads a .docx's paragraphs; throws CopyFileError when it is not a readable Word file. */
export async function docxParagraphs(file: string, bytes: Buffer): Promise<{ paragraphs: SourceParagraph[]; warnings: string[] }> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new CopyFileError(file, 'bad-docx', `"${file}" is named .docx but is not a Word file (a .docx is a zip archive).`);
  const problem = docxProblem(bytes);
  if (problem) throw new CopyFileError(file, 'bad-docx', `"${file}" cannot be read as a Word document: ${problem}.`);
  let result;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: STYLE_MAP,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
  } catch (err) {
    throw new CopyFileError(file, 'bad-docx', `"${file}" cannot be read as a Word document: ${(err as Error).message}`);
  }
  const warnings = result.messages
    .filter((m) => m.type === 'error' || !/Unrecognised (paragraph|run) style/.test(m.message))
    .slice(0, 5)
    .map((m) => `${file}: Word: ${m.message}`);
  return { paragraphs: paragraphsFromHtml(result.value), warnings };
}
