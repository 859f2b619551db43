/** Copy import: decoded copy (plain text or Word paragraphs) into stories of the story schema, with a report of every change. */
import type { Story } from '../model/issue.js';
import { buildStories } from './structure.js';
import { textSource } from './text.js';
import type { CopySource, ImportOptions, ImportReport, ImportResult, ImportedStory } from './types.js';

export type * from './types.js';
export { buildStories } from './structure.js';
export { paragraphsFromText, textSource } from './text.js';
export { fullWidthPunctuation, removeStraySpaces, endsSentence } from './repair.js';
export { isByline, captionParts, isBannerText, isHeadlineLike } from './recognise.js';
export { RichBuilder, BOLD, EMPHASIS, type Rich } from './rich.js';

/** Imports copy sources (several files at once) into stories; pure and deterministic. */
export function importCopy(sources: CopySource[], opts: ImportOptions = {}): ImportResult {
  return buildStories(sources, opts);
}

/** Imports one plain text (already decoded) as if it were the file `file`. */
export function importText(file: string, text: string, opts: ImportOptions = {}): ImportResult {
  return buildStories([textSource(file, text)], opts);
}

/** The model story (core/model/issue.ts) of an imported story. */
export function toModelStory(s: ImportedStory): Story {
  return { id: s.id, slug: s.slug, status: 'draft', ...(s.banner ? { banner: s.banner } : {}), doc: s.doc };
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) + '…' : s);

/** The import report as lines of text for the desk: stories found, then every change by kind. */
export function formatImportReport(r: ImportReport, opts: { details?: boolean } = {}): string[] {
  const out: string[] = [];
  const byStory = new Map<string, typeof r.recognised>();
  for (const p of r.recognised) byStory.set(p.storyId, [...(byStory.get(p.storyId) ?? []), p]);
  out.push(`Imported ${r.stories} stor${r.stories === 1 ? 'y' : 'ies'} from ${r.files.join(', ')}:`);
  for (const [id, parts] of byStory) {
    const head = parts.find((p) => p.kind === 'story' || p.kind === 'photo-story');
    const line = (k: string, label: string) => parts.filter((p) => p.kind === k).map((p) => `${label} ${p.text}`);
    const bits = [...line('banner', '栏目'), ...line('kicker', '引题'), ...line('headline', '主题'), ...line('deck', '副题'), ...line('byline', '署名'), ...line('caption', '图说'), ...line('credit', '摄影')];
    out.push(`  ${id} (line ${head?.line ?? '?'})${head?.kind === 'photo-story' ? ' photo story' : ''}: ${bits.map((b) => clip(b, 40)).join(' | ') || clip(head?.text ?? '', 30)}`);
  }
  const kinds = new Map<string, number>();
  for (const c of r.changes) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  if (r.changes.length) {
    out.push(`Changes (${r.changes.length}): ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    const show = opts.details ? r.changes : r.changes.filter((c) => c.kind === 'joined' || c.kind === 'repeated' || c.kind === 'removed-repeat' || c.kind === 'merged-headline');
    for (const c of show) out.push(`  ${c.file}:${c.line} [${c.kind}] ${c.storyId}: ${c.message}${c.kind === 'punctuation' || c.kind === 'spaces' ? `: ${clip(c.before, 30)} → ${clip(c.after, 30)}` : ''}`);
  }
  for (const w of r.warnings) out.push(`Warning: ${w}`);
  return out;
}
