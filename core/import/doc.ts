import { charCount } from './repair.js';
import { concatRich, richRuns, BOLD, EMPHASIS, type Rich } from './rich.js';
import type { ImportedStory, SourceParagraph } from './types.js';

// Draft stories (paragraphs sorted into headline block, bylines and blocks) into ProseMirror
// JSON of the story schema (core/model/story-schema.ts).

export interface DraftUnit {
  wrapped?: boolean;
  src: SourceParagraph;
  text: Rich;
  role: string;
  file: string;
}

export type DraftBlock =
  | { kind: 'paragraph' | 'subhead'; units: DraftUnit[]; /** Set when the text differs from the units joined. */ text?: Rich; repeated?: boolean }
  | { kind: 'figure'; units: DraftUnit[]; image: boolean; caption?: string; credit?: string };

export interface DraftStory {
  id: string;
  file: string;
  line: number;
  banner?: DraftUnit;
  kicker: DraftUnit[];
  headline: DraftUnit[];
  deck: DraftUnit[];
  bylines: DraftUnit[];
  blocks: DraftBlock[];
}

type Json = Record<string, unknown>;

function inline(r: Rich): Json[] {
  const out: Json[] = [];
  for (const [text, m] of richRuns(r)) {
    if (!text) continue;
    const node: Json = { type: 'text', text };
    const marks: Json[] = [];
    if (m & BOLD) marks.push({ type: 'bold' });
    if (m & EMPHASIS) marks.push({ type: 'emphasis' });
    if (marks.length) node.marks = marks;
    out.push(node);
  }
  return out;
}

const textblock = (type: string, r: Rich): Json => {
  const content = inline(r);
  return content.length ? { type, content } : { type };
};

/** Lines of a headline part joined with a space (the schema has one node per part). */
const joinLines = (us: DraftUnit[]): Rich => concatRich(...us.flatMap((u, i) => (i ? [{ text: ' ' }, u.text] : [u.text])));

/** The story document and the facts layout needs (banner, figures, body length). */
export function buildStoryDoc(d: DraftStory): ImportedStory & { firstText: string } {
  const content: Json[] = [];
  if (d.kicker.length) content.push(textblock('kicker', joinLines(d.kicker)));
  if (d.headline.length) content.push(textblock('headline', joinLines(d.headline)));
  if (d.deck.length) content.push(textblock('deck', joinLines(d.deck)));
  for (const b of d.bylines) content.push(textblock('byline', b.text));
  let figures = 0;
  let bodyChars = 0;
  let firstText = '';
  for (const blk of d.blocks) {
    if (blk.kind === 'figure') {
      figures++;
      const fig: Json[] = [{ type: 'photo', attrs: { assetId: null, alt: '' } }];
      if (blk.caption) fig.push({ type: 'caption', content: [{ type: 'text', text: blk.caption }] });
      if (blk.credit) fig.push({ type: 'credit', content: [{ type: 'text', text: blk.credit }] });
      content.push({ type: 'figure', content: fig });
      firstText ||= blk.caption ?? '';
      continue;
    }
    const r = blk.text ?? concatRich(...blk.units.map((u) => u.text));
    if (!r.text) continue;
    bodyChars += charCount(r.text);
    firstText ||= r.text;
    content.push(textblock(blk.kind, r));
  }
  const headline = d.headline.map((u) => u.text.text).join(' ');
  const photoStory = !headline && figures > 0;
  const slugSource = headline || firstText;
  const slug = (photoStory ? '图片新闻：' : '') + slugSource.replace(/[\s\u3000]+/g, ' ').slice(0, 16);
  return {
    id: d.id,
    slug,
    doc: { type: 'doc', content },
    banner: d.banner?.text.text,
    photoStory,
    figures,
    bodyChars,
    file: d.file,
    line: d.line,
    firstText,
  };
}
