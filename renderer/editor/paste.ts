import { DOMParser as PMDOMParser, Fragment, Slice, type Node as PMNode, type ResolvedPos } from 'prosemirror-model';
import { storySchema } from '../../core/model/story-schema.js';

/**
 * Paste cleaning: whatever comes from Word, a web page or plain text arrives as the story
 * schema's paragraphs, subheads and bold/emphasis, with the copy's own indentation,
 * invisible characters and layout whitespace removed (the paragraph style indents 2 em).
 */

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const HAN_OR_FULLWIDTH = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Cleans one run of pasted text: invisible characters out, NBSP to space, line breaks inside Chinese dropped. */
export function cleanText(text: string): string {
  let t = text.replace(INVISIBLE, '').replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n');
  // A line break inside a paragraph is layout from the source: nothing between Han, a space elsewhere.
  t = t.replace(/[ \t]*\n[ \t]*/g, (_, offset: number, all: string) => {
    const before = all[offset - 1] ?? '';
    const after = all[offset + _.length] ?? '';
    return HAN_OR_FULLWIDTH.test(before) || HAN_OR_FULLWIDTH.test(after) ? '' : ' ';
  });
  return t.replace(/[ \t]{2,}/g, ' ');
}

/** Drops the indentation a paragraph was typed with (spaces, tabs, 全角 spaces) and trailing blanks. */
export function trimParagraph(text: string): string {
  return text.replace(/^[\s\u3000]+/, '').replace(/[\s\u3000]+$/, '');
}

/**
 * Plain text to paragraph texts: with blank lines in it, blocks between blank lines are the
 * paragraphs; without, every line is one (Chinese copy puts one paragraph on a line).
 */
export function splitPlainText(text: string): string[] {
  const t = text.replace(INVISIBLE, '').replace(/\r\n?/g, '\n');
  const blocks = /\n[ \t\u3000]*\n/.test(t) ? t.split(/\n[ \t\u3000]*\n/) : t.split('\n');
  return blocks.map((b) => trimParagraph(cleanText(b))).filter((b) => b.length > 0);
}

/** Strips what Word and web pages put around the content: conditional comments, styles, Office tags. */
export function cleanHtml(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|xml|head|title)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/?(o|w|m|v|st1):[^>]*>/gi, '')
    .replace(/<(meta|link)\b[^>]*>/gi, '');
}

const BODY_BLOCKS = new Set(['paragraph', 'subhead']);

/** Cleans the text of a textblock's inline content, keeping bold/emphasis, trimming the ends. */
function cleanInline(content: Fragment): Fragment {
  const nodes: PMNode[] = [];
  content.forEach((n) => {
    if (!n.isText) return;
    const t = cleanText(n.text ?? '');
    if (t) nodes.push(storySchema.text(t, n.marks));
  });
  // Trim the block's leading and trailing blanks across text nodes.
  while (nodes.length) {
    const t = nodes[0].text!.replace(/^[\s\u3000]+/, '');
    if (t) { nodes[0] = storySchema.text(t, nodes[0].marks); break; }
    nodes.shift();
  }
  while (nodes.length) {
    const last = nodes[nodes.length - 1];
    const t = last.text!.replace(/[\s\u3000]+$/, '');
    if (t) { nodes[nodes.length - 1] = storySchema.text(t, last.marks); break; }
    nodes.pop();
  }
  return Fragment.fromArray(nodes);
}

/**
 * Cleans a pasted slice: every textblock becomes a paragraph or subhead (a pasted headline
 * is a subhead in the body), text is cleaned, empty paragraphs are dropped. A slice of
 * inline content only (pasting inside a line) keeps its open ends and is only cleaned.
 */
export function cleanSlice(slice: Slice): Slice {
  const blocks: PMNode[] = [];
  let inlineOnly = true;
  slice.content.forEach((n) => { if (!n.isInline) inlineOnly = false; });
  if (inlineOnly) {
    const nodes: PMNode[] = [];
    slice.content.forEach((n) => {
      const t = n.isText ? cleanText(n.text ?? '') : '';
      if (t) nodes.push(storySchema.text(t, n.marks.filter((m) => m.type.schema === storySchema)));
    });
    return new Slice(Fragment.fromArray(nodes), 0, 0);
  }
  const visit = (node: PMNode) => {
    if (node.isTextblock) {
      const inline = cleanInline(node.content);
      if (inline.size === 0) return;
      const type = BODY_BLOCKS.has(node.type.name) ? node.type : node.type.name === 'headline' || node.type.name === 'kicker' || node.type.name === 'deck' ? storySchema.nodes.subhead : storySchema.nodes.paragraph;
      blocks.push(type.create(null, inline));
    } else if (node.type.name === 'figure') {
      blocks.push(node);
    } else node.forEach(visit);
  };
  slice.content.forEach(visit);
  if (!blocks.length) return Slice.empty;
  // Open at both ends so the first and last pasted paragraphs join the text around the caret.
  return new Slice(Fragment.fromArray(blocks), blocks[0].isTextblock ? 1 : 0, blocks[blocks.length - 1].isTextblock ? 1 : 0);
}

/** Plain text with every line a paragraph of its own (a list: 便民信息, a timetable), blank lines dropped. */
export function splitLines(text: string): string[] {
  return text
    .replace(INVISIBLE, '')
    .split(/\r\n?|\n/)
    .map((l) => trimParagraph(cleanText(l)))
    .filter((l) => l.length > 0);
}

/**
 * Plain text as a slice of story paragraphs (one line of text pastes inline). `byLine`: every
 * line is a paragraph even where blank lines group them (Ctrl+Shift+V, the paste without formatting).
 */
export function plainTextSlice(text: string, byLine = false): Slice {
  const paras = byLine ? splitLines(text) : splitPlainText(text);
  if (!paras.length) return Slice.empty;
  const blocks = paras.map((p) => storySchema.nodes.paragraph.create(null, storySchema.text(p)));
  return new Slice(Fragment.fromArray(blocks), 1, 1);
}

/** Parse rules for pasted HTML on top of the schema's: any heading is a subhead, CSS bold/italic become marks. */
export function clipboardParser(): PMDOMParser {
  const base = PMDOMParser.fromSchema(storySchema);
  const rules = [
    { tag: 'h1', node: 'subhead', priority: 60 },
    { tag: 'h2', node: 'subhead', priority: 60 },
    { tag: 'h5', node: 'subhead', priority: 60 },
    { tag: 'h6', node: 'subhead', priority: 60 },
    { tag: 'li', node: 'paragraph', priority: 60 },
    { tag: 'div', node: 'paragraph', priority: 10, getAttrs: (dom: HTMLElement) => (dom.querySelector('p,div,h1,h2,h3,h4,h5,h6,li,table') ? false : null) },
    { tag: 'td', node: 'paragraph', priority: 10 },
    { tag: 'b', mark: 'bold', getAttrs: (dom: HTMLElement) => (/^(normal|[1-4]00)$/.test(dom.style.fontWeight) ? false : null), priority: 60 },
    { style: 'font-weight', mark: 'bold', getAttrs: (v: string) => (/^(bold(er)?|[6-9]00)$/.test(v) ? null : false) },
    { style: 'font-style', mark: 'emphasis', getAttrs: (v: string) => (v === 'italic' ? null : false) },
  ];
  return new PMDOMParser(storySchema, [...(rules as never[]), ...base.rules]);
}

/** ProseMirror's clipboardTextParser signature, for plain-text pastes; `plain` is Shift held (Ctrl+Shift+V): keep the lines. */
export function parsePlainText(text: string, _$context: ResolvedPos, plain: boolean): Slice {
  return plainTextSlice(text, plain);
}
