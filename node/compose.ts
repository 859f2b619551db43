import { stat } from 'node:fs/promises';
import type { ComposeContext } from '../core/compose/types.js';
import type { Issue } from '../core/model/issue.js';
import type { TemplateRegistry } from '../core/templates/index.js';
import { nodeFontSource } from './fonts.js';
import { resolveLinkedFile } from './store/index.js';
import { folderTemplates } from './templates.js';

/**
 * The composer's context in a Node process (CLI, export worker, loopback host): the font files
 * of assets/fonts.json, the templates folder's registry (node/templates.ts), and the pixel sizes of the issue's linked
 * images — an image whose file is gone is left out, so composition shows a placeholder and
 * reports it missing.
 */
export async function nodeComposeContext(issue: Issue, issuePath: string | undefined, templates: TemplateRegistry = folderTemplates()): Promise<ComposeContext> {
  const sizes = new Map<string, { widthPx: number; heightPx: number }>();
  await Promise.all(
    issue.assets.map(async (a) => {
      if (!issuePath) return;
      const path = await resolveLinkedFile(issuePath, a);
      if (!path || !(await stat(path).then((s) => s.isFile(), () => false))) return;
      let w = a.widthPx;
      let h = a.heightPx;
      if (!w || !h) {
        const sharp = (await import('sharp')).default;
        const meta = await sharp(path).metadata().catch(() => undefined);
        w = meta?.width;
        h = meta?.height;
      }
      if (w && h) sizes.set(a.id, { widthPx: w, heightPx: h });
    }),
  );
  return {
    fonts: nodeFontSource(),
    templates,
    assets: (id) => (issuePath ? sizes.get(id) : knownSize(issue, id)),
  };
}

function knownSize(issue: Issue, id: string) {
  const a = issue.assets.find((x) => x.id === id);
  return a?.widthPx && a.heightPx ? { widthPx: a.widthPx, heightPx: a.heightPx } : undefined;
}
