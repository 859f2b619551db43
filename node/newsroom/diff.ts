import type { Frame, Page } from '../../core/model/issue.js';
import { nodeText } from '../export/story-text.js';

/**
 * Differences between two versions: of a story, paragraph by paragraph as the desk reads copy
 * (a longest-common-subsequence over the blocks' text); of a page, frame by frame.
 */

export interface TextDiff {
  kind: 'story';
  /** Blocks in reading order: kept ('='), removed ('-') or added ('+'). */
  blocks: { op: '=' | '-' | '+'; type: string; text: string }[];
  added: { blocks: number; chars: number };
  removed: { blocks: number; chars: number };
}

interface PmBlock {
  type: string;
  content?: PmBlock[];
  text?: string;
}

function blocksOf(doc: unknown): { type: string; text: string }[] {
  const content = ((doc as PmBlock | undefined)?.content ?? []) as PmBlock[];
  return content.map((b) => ({ type: b.type, text: nodeText(b as never) }));
}

const chars = (s: string) => s.replace(/\s+/g, '').length;

export function diffStoryText(from: unknown, to: unknown): TextDiff {
  const a = blocksOf(from);
  const b = blocksOf(to);
  const key = (x: { type: string; text: string }) => `${x.type}\u0000${x.text}`;
  // Trim the common head and tail first: a check-in usually changes a few paragraphs.
  let head = 0;
  while (head < a.length && head < b.length && key(a[head]) === key(b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && key(a[a.length - 1 - tail]) === key(b[b.length - 1 - tail])) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  // LCS table over the middle (rows of Uint16 keep a 2000 × 2000 middle in 8 MB).
  const n = am.length;
  const m = bm.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = key(am[i]) === key(bm[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const blocks: TextDiff['blocks'] = a.slice(0, head).map((x) => ({ op: '=' as const, ...x }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(am[i]) === key(bm[j])) blocks.push({ op: '=', ...am[i++] }), j++;
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) blocks.push({ op: '+', ...bm[j++] });
    else blocks.push({ op: '-', ...am[i++] });
  }
  blocks.push(...a.slice(a.length - tail).map((x) => ({ op: '=' as const, ...x })));
  const sum = (op: '+' | '-') => {
    const xs = blocks.filter((x) => x.op === op);
    return { blocks: xs.length, chars: xs.reduce((s, x) => s + chars(x.text), 0) };
  };
  return { kind: 'story', blocks, added: sum('+'), removed: sum('-') };
}

export interface PageDiff {
  kind: 'page';
  /** Header fields that changed (template, number, label, section, editor, designer). */
  fields: { field: string; from: unknown; to: unknown }[];
  added: string[];
  removed: string[];
  /** Frames present in both whose properties changed, with the names of those properties. */
  changed: { id: string; properties: string[] }[];
}

export function diffPages(from: Omit<Page, 'id'>, to: Omit<Page, 'id'>): PageDiff {
  const fields: PageDiff['fields'] = [];
  for (const f of ['templateId', 'number', 'label', 'section', 'editor', 'designer'] as const) {
    if (JSON.stringify(from[f]) !== JSON.stringify(to[f])) fields.push({ field: f, from: from[f], to: to[f] });
  }
  const before = new Map(from.frames.map((f) => [f.id, f]));
  const after = new Map(to.frames.map((f) => [f.id, f]));
  const changed: PageDiff['changed'] = [];
  for (const [id, f] of after) {
    const old = before.get(id);
    if (!old) continue;
    const keys = new Set([...Object.keys(old), ...Object.keys(f)]) as Set<keyof Frame>;
    const properties = [...keys].filter((k) => JSON.stringify(old[k]) !== JSON.stringify(f[k]));
    if (properties.length) changed.push({ id, properties });
  }
  return {
    kind: 'page',
    fields,
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
  };
}
