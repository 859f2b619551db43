import { createServices, type ServiceOptions } from '../services/index.js';
import { appPaths, createResourceResolver } from '../services/resources.js';
import type { OpenedIssueDto } from '../../core/api/index.js';
import { startLoopbackHost, type LoopbackHost } from './server.js';

export { startLoopbackHost, TOKEN_COOKIE, TOKEN_HEADER, type LoopbackHost, type LoopbackHostOptions } from './server.js';

/** The loopback host of a checkout rooted at `root`, on the real services (what `broadsheet serve` runs). */
export async function serveApp(root: string, opts: { port?: number; issue?: string; token?: string; recentFile?: string } & Partial<ServiceOptions> = {}): Promise<LoopbackHost> {
  const paths = appPaths(root);
  let last: OpenedIssueDto | undefined;
  const api = createServices({
    startupIssue: opts.issue ?? paths.sampleIssue,
    templatesDir: paths.templatesDir,
    recentFile: opts.recentFile,
    locale: opts.locale,
    onOpened: (o) => (last = o),
    // A photo dropped in the editor is served at once (issue-assets/<id>), before any save.
    onPhotoLinked: (path, asset) => {
      if (last && last.path === path) last = { ...last, issue: { ...last.issue, assets: [...last.issue.assets.filter((a) => a.id !== asset.id), asset] } };
    },
    // After Save As the photos resolve beside the new file.
    onSaved: (path, issue) => (last = { path, issue, warnings: [], readOnly: false }),
  });
  const resources = createResourceResolver({ rendererDir: paths.rendererDir, templatesDir: paths.templatesDir, lastIssue: () => last });
  return startLoopbackHost({ api, resources, port: opts.port, token: opts.token });
}
