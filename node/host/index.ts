import { createServices, type ServiceOptions } from '../services/index.js';
import { ExportJobs } from '../services/editing.js';
import { HostIssue } from '../services/host-issue.js';
import { appPaths, createResourceResolver } from '../services/resources.js';
import { startLoopbackHost, type LoopbackHost } from './server.js';
import { errorMessage } from '../../core/error-message.js';
import { Uploads, type UploadOptions } from '../services/uploads.js';

export { startLoopbackHost, crossOrigin, HEADERS_TIMEOUT_MS, LARGE_BODY_BYTES, REQUEST_TIMEOUT_MS, TOKEN_HEADER, type LoopbackHost, type LoopbackHostOptions } from './server.js';

/**
 * The loopback host of a checkout rooted at `root`, on the real services (what `broadsheet serve`
 * runs). Like an Electron window it keeps the shown issue's session: the file is editable here
 * when this host holds its lock, read-only when someone else does (and for the bundled sample);
 * close() releases the lock.
 */
export async function serveApp(root: string, opts: { port?: number; issue?: string; token?: string; recentFile?: string; maxBodyBytes?: number; upload?: UploadOptions } & Partial<ServiceOptions> = {}): Promise<LoopbackHost> {
  const paths = appPaths(root);
  const shown = new HostIssue({
    readOnlyPaths: [paths.sampleIssue],
    onHoldError: (path, err) => process.stderr.write(`broadsheet serve: ${path} stays read-only: ${errorMessage(err)}\n`),
  });
  const exportJobs = new ExportJobs();
  const uploads = new Uploads(opts.upload);
  const api = createServices({
    exportJobs,
    uploads,
    startupIssue: opts.issue ?? paths.sampleIssue,
    recentFile: opts.recentFile,
    locale: opts.locale,
    onOpened: shown.opened,
    // A photo dropped in the editor is served at once (issue-assets/<id>), before any save.
    onPhotoLinked: shown.photoLinked,
    // After Save As the photos resolve beside the new file, and its lock is this host's.
    onSaved: shown.saved,
  });
  const resources = createResourceResolver({ rendererDir: paths.rendererDir, lastIssue: () => shown.shown, exportFile: (job, i) => exportJobs.file(job, i) });
  const host = await startLoopbackHost({ api: shown.wrap(api), clientApi: (client) => shown.wrap(api, undefined, client), resources, port: opts.port, token: opts.token, maxBodyBytes: opts.maxBodyBytes, uploads });
  const close = host.close;
  return {
    ...host,
    close: async () => {
      await close();
      await shown.close();
      await uploads.close();
    },
  };
}
