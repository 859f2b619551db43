import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';

/** Find and replace across the stories of an issue (text inside one textblock; marks don't split a match). */

export interface FindOptions {
  caseSensitive?: boolean;
}

/** One match: a document range in a story. */
export interface FindMatch {
  storyId: string;
  from: number;
  to: number;
}

function norm(s: string, o: FindOptions): string {
  return o.caseSensitive ? s : s.toLowerCase();
}

/** Every match of query in one story document, in document order (matches do not overlap). */
export function findInDoc(doc: PMNode, storyId: string, query: string, options: FindOptions = {}): FindMatch[] {
  const out: FindMatch[] = [];
  if (!query) return out;
  const q = norm(query, options);
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const text = norm(node.textContent, options);
    for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + q.length)) out.push({ storyId, from: pos + 1 + i, to: pos + 1 + i + q.length });
    return false;
  });
  return out;
}

/** Every match in the stories, story by story in the order given. */
export function findInStories(stories: ReadonlyArray<{ id: string; doc: PMNode }>, query: string, options: FindOptions = {}): FindMatch[] {
  return stories.flatMap((s) => findInDoc(s.doc, s.id, query, options));
}

/**
 * Replaces matches in one document (each keeps the marks of its first character) and returns
 * the transform, so an open editor can dispatch it as one undoable step.
 */
export function replaceMatches(tr: Transform, matches: readonly FindMatch[], replacement: string): Transform {
  for (const m of [...matches].sort((a, b) => b.from - a.from)) {
    const marks = tr.doc.resolve(m.from + 1).marks();
    if (replacement) tr.replaceWith(m.from, m.to, tr.doc.type.schema.text(replacement, marks));
    else tr.delete(m.from, m.to);
  }
  return tr;
}

/** Replace all across stories: the new document of every story that changed, and the count. */
export function replaceAllInStories(
  stories: ReadonlyArray<{ id: string; doc: PMNode }>,
  query: string,
  replacement: string,
  options: FindOptions = {},
): { docs: Map<string, PMNode>; count: number } {
  const docs = new Map<string, PMNode>();
  let count = 0;
  for (const s of stories) {
    const matches = findInDoc(s.doc, s.id, query, options);
    if (!matches.length) continue;
    docs.set(s.id, replaceMatches(new Transform(s.doc), matches, replacement).doc);
    count += matches.length;
  }
  return { docs, count };
}
