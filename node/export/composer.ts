import type { DisplayPage } from '../../core/display/types.js';
import type { Issue } from '../../core/model/issue.js';
import type { OversetStory } from './preflight.js';

/**
 * The composer as export sees it: an issue in, display pages and overset stories out.
 * The real one is core/compose's composeIssue with the Node font source; tests and the
 * worker may name another module that default-exports an ExportComposer.
 */

export interface ExportPages {
  pages: DisplayPage[];
  overset: OversetStory[];
  /** Template files the registry left out (preflight warns of each). */
  templateProblems?: readonly string[];
}

export type ExportComposer = (issue: Issue, issuePath: string) => Promise<ExportPages>;

/** Loads a composer module (its default export) by file path or URL. */
export async function loadComposer(module: string): Promise<ExportComposer> {
  const { pathToFileURL } = await import('node:url');
  const url = module.startsWith('file:') ? module : pathToFileURL(module).href;
  const mod = (await import(url)) as { default?: ExportComposer };
  if (typeof mod.default !== 'function') throw new Error(`${module} does not default-export a composer`);
  return mod.default;
}

/** The product's composer: core/compose with the templates folder's registry, the Node font files and the issue's linked images. */
export const composeForExport: ExportComposer = async (issue, issuePath) => {
  const [{ composeIssue }, { nodeComposeContext }] = await Promise.all([import('../../core/compose/index.js'), import('../compose.js')]);
  const ctx = await nodeComposeContext(issue, issuePath);
  const composed = composeIssue(issue, ctx);
  const overset: OversetStory[] = [];
  for (const d of composed.diagnostics) {
    if (d.kind !== 'overset' || !d.storyId || !d.count) continue;
    overset.push({ storyId: d.storyId, page: issue.pages[d.pageIndex]?.number, chars: d.count.chars });
  }
  return { pages: composed.pages, overset, templateProblems: ctx.templates.problems };
};
