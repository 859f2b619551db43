import { parentPort, workerData } from 'node:worker_threads';
import { exportIssue, type ExportRequest } from './service.js';
import type { WorkerMessage } from './run-in-worker.js';

/**
 * Worker-thread entry of the export: runs exportIssue off the main (UI) thread, posts
 * progress, and aborts between pages when the parent posts { type: 'cancel' }.
 */

const port = parentPort!;
const controller = new AbortController();
port.on('message', (m: { type?: string }) => {
  if (m?.type === 'cancel') controller.abort();
});

const post = (m: WorkerMessage) => port.postMessage(m);
// Notes (image conversions falling back to this process) go to the main process's stderr.
const onNote = (message: string) => process.stderr.write(`broadsheet export: ${message}\n`);
exportIssue(workerData.request as ExportRequest, { signal: controller.signal, onProgress: (p) => post({ type: 'progress', progress: p }), onNote }).then(
  (result) => {
    post({ type: 'done', result });
    port.close();
  },
  (err: unknown) => {
    const e = err as { message?: string; name?: string; code?: string };
    post({ type: 'failed', error: { message: e?.message ?? String(err), name: e?.name ?? 'Error', code: e?.code } });
    port.close();
  },
);
