/** The typesetting engine: a paragraph of styled runs into lines, by cjk-typesetting.md §1. */
import type { FontSource } from '../fonts/types.js';
import { adjust } from './adjust.js';
import { balance } from './balance.js';
import { collect } from './collect.js';
import { emptyLine, finalize } from './finalize.js';
import { hyphenate } from './hyphenate.js';
import { kern } from './kern.js';
import { explainBreak, linebreak, type LineWidths } from './linebreak.js';
import { avoidOrphan } from './orphan.js';
import { prepare } from './prepare.js';
import type { LineMeasure, ParagraphInput, ParagraphLayout, TypesetLine } from './types.js';
import { TypesetWorkspace } from './workspace.js';

export { charClass, Cls, noLineEndMask, noLineStartMask } from './classes.js';
export { bodyStyle } from './styles.js';
export { TypesetWorkspace } from './workspace.js';
export type * from './types.js';

/**
 * Sets a paragraph into lines: breaking, punctuation compression and justification by
 * cjk-typesetting.md §1. Each step is a stage of its own file, taking data and returning data;
 * the scratch buffers are the workspace's. Pass a workspace of your own when you set many
 * paragraphs; without one, the workspace kept for `fonts` is used.
 */
export function typesetParagraph(input: ParagraphInput, fonts: FontSource, workspace: TypesetWorkspace = workspaceFor(fonts)): ParagraphLayout {
  const { runs, style, measure } = input;
  const slotOf: LineMeasure = typeof measure === 'number' ? () => ({ width: measure, offset: 0 }) : measure;
  const indent = style.firstLineIndent * (runs[0]?.size ?? 0);
  const avail: LineWidths = (li) => slotOf(li).width - (li === 0 ? indent : 0);

  // 1. Shape the runs into items, one per glyph, punctuation at the style's widths (§1.4).
  const glyphs = collect(runs, style, fonts, workspace);
  // 2. Where a line may end (禁则 §1.1, unbreakables §1.2), Han–Latin glue (§1.7).
  const prepared = prepare(glyphs, style, workspace);
  // 3. Adjacent punctuation to 1.5 em, stacked ？！ to one position (§1.4, GB/T 15834 §5.1.2).
  const kerned = kern(prepared, style);
  // 4. Hyphenation points in English words.
  const items = hyphenate(kerned, style);
  const diagnostics = items.diagnostics;
  if (items.n === 0) return { lines: [emptyLine(slotOf(0), items)], diagnostics };
  // 5. Break into lines: natural fit, hanging, push-in, hyphen, push-out (§1.1, §1.6).
  const firstFit = linebreak(items, style, avail);
  // 6. Headlines and subheads: even lines, turned at phrase or word boundaries.
  const balanced = balance(items, style, avail, firstFit);
  // 7. No 孤字 on the last line (§1.8).
  const { breaks, ok } = avoidOrphan(items, style, avail, balanced);
  if (!ok) {
    const last = breaks[breaks.length - 1];
    diagnostics.push({ kind: 'orphan', offset: items.off[last.s], message: `The last line holds fewer than ${style.minLastLineChars} characters (孤字) and no earlier line could take or give one` });
  }
  const lines: TypesetLine[] = [];
  for (let li = 0; li < breaks.length; li++) {
    const slot = slotOf(li);
    const last = li === breaks.length - 1;
    // 8. The line shrunk or stretched to its measure (§1.5).
    const adjusted = adjust(items, style, breaks[li], slot, li === 0 ? indent : 0, last, workspace);
    // 9. Its glyphs placed.
    lines.push(finalize(items, adjusted, slot, last));
    if (!last) explainBreak(items, breaks[li], diagnostics);
  }
  return { lines, diagnostics };
}

/** The workspaces of callers that bring none, one per font source (and gone with it). */
const workspaces = new WeakMap<FontSource, TypesetWorkspace>();

function workspaceFor(fonts: FontSource): TypesetWorkspace {
  let ws = workspaces.get(fonts);
  if (!ws) workspaces.set(fonts, (ws = new TypesetWorkspace()));
  return ws;
}
