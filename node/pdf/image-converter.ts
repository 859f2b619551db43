import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ImageProblem, imageForPdf, type ImageConversion, type ImageForPdfOptions } from './images.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * The image converter process: the sharp work of a PDF/X export (RGB → CMYK, resampling) runs
 * in a child process started with MALLOC_ARENA_MAX=2, so glibc's per-thread malloc arenas that
 * libvips' threads grow are capped, and whatever they hold is returned to the system when the
 * export ends. In the export's own process the same 40 conversions of 24 MP photos peaked at
 * ~540–640 MB (bench/cases/export.bench.ts); neither variable can be set from inside a running
 * process, hence a process of its own.
 *
 * One converter per export (service.ts): the child starts on the first conversion, serves the
 * rest one at a time (path in, JPEG bytes back over the IPC channel, advanced serialization:
 * bounded by one converted image), and is ended by close() — when the export ends, fails or is
 * cancelled (the signal kills it at once). The child also exits by itself when the channel
 * closes, so a parent that dies takes it along. A child that dies while converting becomes an
 * ImageConverterCrashed naming the file; one that cannot be started at all leaves the
 * conversions to this process (the same imageForPdf), and `onFallback` says why.
 */

/** Messages to the child. */
export interface ConverterRequest {
  id: number;
  path: string;
  opts: ImageForPdfOptions;
}

/** Messages from the child. */
export type ConverterReply =
  | { type: 'ready' }
  | { type: 'converted'; id: number; bytes: Uint8Array }
  | { type: 'failed'; id: number; problem: boolean; message: string };

/** The converter process died (crash, killed, out of memory) while converting `path`. */
export class ImageConverterCrashed extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`the image converter process died while converting ${path} (${reason})`);
    this.name = 'ImageConverterCrashed';
  }
}

/** A conversion stopped because the export was cancelled. */
export class ConversionCancelled extends Error {
  constructor() {
    super('image conversion cancelled');
    this.name = 'ConversionCancelled';
  }
}

/**
 * The child's environment. glibc's arenas capped at 2, and a fixed 128 KB mmap threshold (so
 * libvips' big buffers are mmapped and given back when freed, instead of glibc raising the
 * threshold and keeping them in an arena) with the trim threshold to match. Measured on the
 * bench's 40 conversions of 24 MP photos (bundled CLI): the converter peaked at ~250 MB with
 * MALLOC_ARENA_MAX=2 alone, ~200 MB adding UV_THREADPOOL_SIZE=1, ~175 MB with
 * MALLOC_ARENA_MAX=1, ~170 MB with these; the conversions take about as long.
 */
export const CONVERTER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** How long the child may take to load sharp before it counts as "cannot be started". */
const READY_TIMEOUT_MS = 60_000;

/**
 * How long one conversion may take before the child counts as hung: a 24 MP photo takes well
 * under a second, the largest image preflight lets through some seconds; a libvips that stops
 * answering would otherwise hold the export until someone cancels it.
 */
export const CONVERSION_TIMEOUT_MS = 180_000;

export interface ChildEntry {
  /** The module the child runs. */
  file: string;
  execArgv: string[];
}

// Set by the bundlers (scripts/build-cli.mjs, scripts/build.mjs: esbuild `define`) to the bundled
// child beside the bundle; undefined when running from sources.
declare const BROADSHEET_IMAGE_CHILD: string | undefined;

/**
 * The child's entry: BROADSHEET_IMAGE_CONVERTER (a stand-in module, tests), the bundled
 * image-child beside a bundle (CLI, Electron), or image-child.ts through tsx from sources.
 */
export function converterEntry(env: NodeJS.ProcessEnv = process.env): ChildEntry {
  const named = env.BROADSHEET_IMAGE_CONVERTER;
  const file = named ?? (typeof BROADSHEET_IMAGE_CHILD === 'string' ? BROADSHEET_IMAGE_CHILD : fileURLToPath(new URL('./image-child.ts', import.meta.url)));
  return { file, execArgv: /\.[cm]?tsx?$/.test(file) ? ['--import', import.meta.resolve('tsx')] : [] };
}

export interface ImageConverterOptions {
  /** Aborting kills the child at once; a conversion under way rejects with ConversionCancelled. */
  signal?: AbortSignal;
  /** Called once when the child cannot be started and conversions run in this process instead. */
  onFallback?: (reason: string) => void;
  entry?: ChildEntry;
  /** A conversion without an answer for this long ends the child and fails as ImageConverterCrashed (default CONVERSION_TIMEOUT_MS). */
  conversionTimeoutMs?: number;
}

interface Pending {
  path: string;
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
}

export class ImageConverter {
  private child: ChildProcess | undefined;
  /** Resolves to the ready child, or undefined when it could not be started (in-process from then on). */
  private starting: Promise<ChildProcess | undefined> | undefined;
  private inProcess = false;
  private closed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail = '';
  private readonly onAbort = () => this.kill(new ConversionCancelled());

  constructor(private readonly options: ImageConverterOptions = {}) {
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The child's pid while it runs (tests). */
  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** True once conversions fell back to this process. */
  get fellBack(): boolean {
    return this.inProcess;
  }

  /** imageForPdf's conversion step, in the child; pass as imageForPdf's `convert`. */
  readonly convert: ImageConversion = async (path, opts) => {
    if (this.options.signal?.aborted) throw new ConversionCancelled();
    if (this.closed) throw new Error('image converter is closed');
    const child = this.inProcess ? undefined : await this.start();
    if (this.options.signal?.aborted) throw new ConversionCancelled();
    if (this.closed) throw new Error('image converter is closed');
    if (!child) return imageForPdf(path, opts);
    const id = this.nextId++;
    const limit = this.options.conversionTimeoutMs ?? CONVERSION_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { path, resolve, reject });
      child.send({ id, path, opts } satisfies ConverterRequest, (err) => {
        if (err && this.pending.delete(id)) reject(new ImageConverterCrashed(path, `request not delivered: ${err.message}`));
      });
      // A hung child: ended, and whatever it held fails with the reason (a later conversion starts a new one).
      timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        const reason = `no answer within ${(limit / 1000).toFixed(0)} s`;
        this.rejectAll((p) => new ImageConverterCrashed(p, reason));
        if (child.connected) child.disconnect();
        child.kill('SIGKILL');
      }, limit);
      timer.unref();
    }).finally(() => clearTimeout(timer));
  };

  /** Ends the child (if any) and waits for it to exit. */
  async close(): Promise<void> {
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    const child = this.child;
    if (!child) return;
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
    this.kill(new Error('image converter closed'));
    await exited;
  }

  private start(): Promise<ChildProcess | undefined> {
    this.starting ??= this.spawn().then((child) => {
      if (!child) this.inProcess = true;
      return child;
    });
    return this.starting;
  }

  private spawn(): Promise<ChildProcess | undefined> {
    const entry = this.options.entry ?? converterEntry();
    const env: NodeJS.ProcessEnv = { ...process.env, ...CONVERTER_ENV };
    // Electron (the app's export worker): the child is Electron's own binary run as plain Node
    // (the RunAsNode fuse is left on: electron-builder.yml flips no fuses).
    if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
    let child: ChildProcess;
    try {
      child = fork(entry.file, [], { execArgv: entry.execArgv, env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    } catch (err) {
      return Promise.resolve(this.fallBack(`it cannot be started: ${errorMessage(err)}`));
    }
    this.child = child;
    this.stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      this.stderrTail = (this.stderrTail + s).slice(-2000);
    });
    return new Promise((resolve) => {
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(this.fallBack(`it did not start within ${READY_TIMEOUT_MS / 1000} s`));
      }, READY_TIMEOUT_MS);
      timer.unref();
      child.on('message', (m: ConverterReply) => {
        if (m.type === 'ready') {
          ready = true;
          clearTimeout(timer);
          resolve(child);
          return;
        }
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.type === 'converted') p.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
        else p.reject(m.problem ? new ImageProblem(m.message) : new Error(m.message));
      });
      child.on('error', (err) => {
        // spawn failures (and failed sends, which the send callback reports); exit follows a started child
        if (!ready) {
          clearTimeout(timer);
          resolve(this.fallBack(`it cannot be started: ${err.message}`));
        }
      });
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        if (!ready) clearTimeout(timer);
        else if (!this.closed) this.starting = undefined; // a later request starts a new child
        // What it printed last says why (libvips' message, a missing module): read to the end first.
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        afterOutput(child, () => {
          const said = lastError(this.stderrTail);
          const reason = `${how}${said ? `: ${said}` : ''}`;
          if (!ready) resolve(this.fallBack(`it exited before it was ready (${reason})`));
          // Died after it was ready: what it was converting fails with the reason.
          else this.rejectAll((path) => new ImageConverterCrashed(path, reason));
        });
      });
    });
  }

  private fallBack(reason: string): undefined {
    if (this.inProcess) return undefined; // said once (a failed spawn reports both an error and an exit)
    this.inProcess = true;
    // a child killed by close() or a cancel before it was ready is no reason to say anything
    if (!this.closed && !this.options.signal?.aborted) this.options.onFallback?.(reason);
    return undefined;
  }

  private kill(err: Error): void {
    const child = this.child;
    this.rejectAll(() => err);
    if (!child) return;
    if (child.connected) child.disconnect();
    child.kill('SIGKILL');
  }

  private rejectAll(errFor: (path: string) => Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(errFor(p.path));
  }
}

/** Calls `then` once the child's stderr has been read to its end (at most 1 s after it exited). */
function afterOutput(child: ChildProcess, then: () => void): void {
  const stderr = child.stderr;
  if (!stderr || stderr.readableEnded || stderr.destroyed) return then();
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(once, 1000);
  timer.unref();
  stderr.once('end', once);
  stderr.once('close', once);
}

/** The line of a child's stderr that says what went wrong: the last error line (`Error: Cannot find module …`), else the last line. */
function lastError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /^\w*Error\b/.test(l));
  return (errors.at(-1) ?? lines.at(-1) ?? '').slice(0, 300);
}
