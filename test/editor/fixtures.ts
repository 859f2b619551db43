import type { Node as PMNode } from 'prosemirror-model';
import { storySchema } from '../../core/model/story-schema.js';
import type { ToyColumn } from './toy-composer.js';

const s = storySchema;

/** A story document from paragraph texts; `**x**` marks bold. */
export function storyDoc(...paras: string[]): PMNode {
  return s.node(
    'doc',
    null,
    paras.map((p) => {
      const parts = p.split(/\*\*/);
      const inline = parts.flatMap((t, i) => (t ? [i % 2 ? s.text(t, [s.marks.bold.create()]) : s.text(t)] : []));
      return s.node('paragraph', null, inline);
    }),
  );
}

/** Three 13-character columns of 10.5 pt type, 8 lines each (a small news frame). */
export function threeColumns(lines = 8, chars = 13, size = 10.5): ToyColumn[] {
  const width = chars * size;
  return [0, 1, 2].map((k) => ({ frameId: 'f1', pageIndex: 0, x: 40 + k * (width + 2 * size), firstBaseline: 60, width, lines }));
}
