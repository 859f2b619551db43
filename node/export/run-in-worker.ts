import { Worker } from 'node:worker_threads';
import type { ExportProgress, ExportRequest, ExportResult } from './service.js';

/**
 * Runs an export in a worker thread so the app's main process (and its UI) never waits on
 * font subsetting or image conversion. The same request/progress/result messages would go
 * over an Electron utilityProcess port; this module is the only place that knows the transport.
 */

export type WorkerMessage =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; result: ExportResult }
  | { type: 'failed'; error: { message: string; name: string; code?: string } };

export interface RunningExport {
  /** Resolves with the result (ok: false with cancelled: true after cancel); rejects when the export failed. */
  done: Promise<ExportResult>;
  /** Asks the export to stop between pages; nothing half-written is left behind. */
  cancel(): void;
}

/** An export error from the worker, carrying the original error's name and code. */
export class ExportFailed extends Error {
  constructor(
    message: string,
    readonly errorName: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function spawn(request: ExportRequest): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from sources (CLI through tsx, tests): module hooks are per thread in Node 20,
    // so the worker registers tsx itself before loading worker.ts.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./worker.ts', here).href;
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(code, { eval: true, workerData: { request } });
  }
  return new Worker(new URL('./worker.js', here), { workerData: { request } });
}

/** Starts an export in a worker thread. */
export function runExportInWorker(request: ExportRequest, onProgress?: (p: ExportProgress) => void): RunningExport {
  const worker = spawn(request);
  const done = new Promise<ExportResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result);
      } else if (m.type === 'failed') {
        settled = true;
        reject(new ExportFailed(m.error.message, m.error.name, m.error.code));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`export worker exited with code ${code}`));
    });
  });
  return { done, cancel: () => worker.postMessage({ type: 'cancel' }) };
}
