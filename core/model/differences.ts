import type { Issue, Story } from './issue.js';

/**
 * How one issue differs from another, as data: the metadata fields changed, pages and stories
 * added, removed or changed, the photo links. The recovery offer lists them (the store in
 * English for the CLI and logs, the app in the user's language), so they are said once here
 * and worded where they are shown.
 */
export type IssueDifference =
  | { what: 'meta'; field: MetaField; from: string; to: string }
  | { what: 'page-added' | 'page-removed'; page: number }
  | { what: 'page-changed'; page: number; frames: number; was?: number }
  | { what: 'story-added'; story: string; chars: number }
  | { what: 'story-edited'; story: string; delta: number }
  | { what: 'story-removed'; story: string }
  | { what: 'photos-changed'; count: number; was: number };

const META_FIELDS = ['paper', 'issueNumber', 'totalNumber', 'date', 'edition', 'serial', 'publisher'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** Characters of text in stories. */
export function textLength(stories: readonly Story[]): number {
  let n = 0;
  for (const s of stories) {
    const stack: unknown[] = [s.doc];
    while (stack.length) {
      const node = stack.pop() as { text?: unknown; content?: unknown };
      if (typeof node?.text === 'string') n += node.text.length;
      if (Array.isArray(node?.content)) for (const c of node.content) stack.push(c);
    }
  }
  return n;
}

export function issueDifferences(before: Issue, after: Issue): IssueDifference[] {
  const out: IssueDifference[] = [];
  for (const field of META_FIELDS) if (before[field] !== after[field]) out.push({ what: 'meta', field, from: String(before[field] ?? ''), to: String(after[field] ?? '') });
  const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  const pb = byId(before.pages);
  const pa = byId(after.pages);
  for (const [id, p] of pa) {
    const old = pb.get(id);
    if (!old) out.push({ what: 'page-added', page: p.number });
    else if (JSON.stringify(old) !== JSON.stringify(p)) out.push({ what: 'page-changed', page: p.number, frames: p.frames.length, ...(old.frames.length !== p.frames.length ? { was: old.frames.length } : {}) });
  }
  for (const [id, p] of pb) if (!pa.has(id)) out.push({ what: 'page-removed', page: p.number });
  const sb = byId(before.stories);
  for (const s of after.stories) {
    const old = sb.get(s.id);
    const story = s.slug || s.id;
    if (!old) out.push({ what: 'story-added', story, chars: textLength([s]) });
    else if (JSON.stringify(old) !== JSON.stringify(s)) out.push({ what: 'story-edited', story, delta: textLength([s]) - textLength([old]) });
  }
  const sa = byId(after.stories);
  for (const s of before.stories) if (!sa.has(s.id)) out.push({ what: 'story-removed', story: s.slug || s.id });
  if (JSON.stringify(before.assets) !== JSON.stringify(after.assets)) out.push({ what: 'photos-changed', count: after.assets.length, was: before.assets.length });
  return out;
}

/** A difference in English (the store's recovery offer, the CLI). */
export function differenceText(d: IssueDifference): string {
  switch (d.what) {
    case 'meta':
      return `${d.field}: "${d.from}" → "${d.to}"`;
    case 'page-added':
      return `page ${d.page} added`;
    case 'page-removed':
      return `page ${d.page} removed`;
    case 'page-changed':
      return `page ${d.page} changed (${d.frames} frames${d.was !== undefined ? `, was ${d.was}` : ''})`;
    case 'story-added':
      return `story "${d.story}" added (${d.chars} characters)`;
    case 'story-edited':
      return `story "${d.story}" edited (${d.delta >= 0 ? '+' : ''}${d.delta} characters)`;
    case 'story-removed':
      return `story "${d.story}" removed`;
    case 'photos-changed':
      return `photo links changed (${d.count}, was ${d.was})`;
  }
}
