import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UPLOAD_LIMITS } from '../../core/api/methods.js';
import { writeFailureReason } from '../write-failure.js';

/**
 * Files the renderer sends before an API call that uses them (a photo dropped on the page, a
 * relinked photo): the bytes arrive in a request body of their own — the loopback host's
 * `POST /api/upload`, or one ArrayBuffer over Electron's IPC — and are written straight to a
 * temp file, never held whole in memory or carried as base64 JSON. The answer is an upload id
 * that linkPhoto takes (`upload`), once. A failed, aborted or oversized upload leaves no file.
 */

/** Why an upload was refused; `status` is the HTTP status the loopback host answers. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 429,
    message: string,
    /** For the UI: why, with the file's name and the sizes in MB (HostErrorReason upload.*). */
    readonly why?: { reason: 'upload.too-large' | 'upload.busy' | 'upload.full' | 'upload.timeout'; params: Record<string, string | number> },
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

export interface UploadOptions {
  /** Largest file, bytes (default UPLOAD_LIMITS.maxBytes). */
  maxBytes?: number;
  /** Longest an upload may take, ms (default UPLOAD_LIMITS.timeoutMs). */
  timeoutMs?: number;
  /** How long a received file waits for the call that uses it, ms. */
  keepMs?: number;
  /** Bytes of received files waiting to be used, all clients together, before new uploads are refused. */
  maxWaitingBytes?: number;
  /** Parent of the temp folder (default the system's). */
  tmpDir?: string;
}

interface Received {
  file: string;
  name: string;
  bytes: number;
  client: string;
  timer: NodeJS.Timeout;
}

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 10 * 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);

export class Uploads {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  private readonly keepMs: number;
  private dir: Promise<string> | undefined;
  private readonly received = new Map<string, Received>();
  /** Clients with an upload being received: one at a time each. */
  private readonly receiving = new Set<string>();

  constructor(private readonly opts: UploadOptions = {}) {
    this.maxBytes = opts.maxBytes ?? UPLOAD_LIMITS.maxBytes;
    this.timeoutMs = opts.timeoutMs ?? UPLOAD_LIMITS.timeoutMs;
    this.keepMs = opts.keepMs ?? 10 * 60_000;
  }

  private folder(): Promise<string> {
    if (!this.dir) {
      const made = mkdtemp(join(this.opts.tmpDir ?? tmpdir(), 'bs-uploads-'));
      // A failure is not kept: the next upload tries again.
      made.catch(() => this.dir === made && (this.dir = undefined));
      this.dir = made;
    }
    return this.dir;
  }

  /** Whether `client` is sending an upload now (a second one is refused). */
  busy(client: string): boolean {
    return this.receiving.has(client);
  }

  /**
   * Streams `body` to a temp file named `name`: at most maxBytes (a larger body is refused, 413,
   * as soon as it is known), within timeoutMs (408), one at a time per client (429). Resolves
   * the upload id. The caller has checked the name (a file name, not a path).
   */
  async receive(body: Readable, name: string, client: string, declaredBytes?: number): Promise<{ upload: string; bytes: number }> {
    if (declaredBytes !== undefined && declaredBytes > this.maxBytes) throw new UploadRefused(413, `"${name}" is ${mb(declaredBytes)}; an upload is limited to ${mb(this.maxBytes)}`, { reason: 'upload.too-large', params: { name, size: mb(declaredBytes), limit: mb(this.maxBytes) } });
    if (this.receiving.has(client)) throw new UploadRefused(429, `Another upload from this page is still being received: "${name}" was not sent; try again when it is done`, { reason: 'upload.busy', params: { name } });
    this.roomFor(name, declaredBytes ?? 0);
    const folder = await this.folder().catch((err: unknown) => {
      throw new Error(`"${name}" was not taken: the temp folder for uploads cannot be made (${writeFailureReason(err)})`);
    });
    if (this.receiving.has(client)) throw new UploadRefused(429, `Another upload from this page is still being received: "${name}" was not sent; try again when it is done`, { reason: 'upload.busy', params: { name } });
    this.receiving.add(client);
    const id = randomBytes(16).toString('hex');
    const dir = join(folder, id);
    const file = join(dir, name);
    let size = 0;
    const max = this.maxBytes;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > max) done(new UploadRefused(413, `"${name}" is larger than ${mb(max)}, the limit of an upload: nothing was kept`, { reason: 'upload.too-large', params: { name, size: `> ${mb(max)}`, limit: mb(max) } }));
        else done(null, chunk);
      },
    });
    // The body is piped into a stream of our own: on refusal that one is destroyed, not the
    // request, so the host can still answer before the connection closes.
    const source = new PassThrough();
    // The pipeline listens while it runs; a late error (after its end) must not be an uncaught one.
    source.on('error', () => {});
    let ended = false;
    const end = () => (ended = true);
    const gone = () => {
      if (!ended && !(body as { complete?: boolean }).complete && !source.destroyed) source.destroy(new UploadRefused(400, `the upload of "${name}" was cut off before all its bytes arrived: nothing was kept`));
    };
    body.once('end', end);
    body.once('close', gone);
    body.once('error', gone);
    body.pipe(source);
    const timer = setTimeout(() => !source.destroyed && source.destroy(new UploadRefused(408, `the upload of "${name}" took longer than ${Math.round(this.timeoutMs / 1000)} s: nothing was kept`, { reason: 'upload.timeout', params: { name, seconds: Math.round(this.timeoutMs / 1000) } })), this.timeoutMs);
    try {
      // Recursive: a system temp cleaner may have removed the folder during a long session.
      await mkdir(dir, { recursive: true });
      await pipeline(source, limiter, createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      body.unpipe(source);
      await rm(dir, { recursive: true, force: true });
      if (err instanceof UploadRefused) throw err;
      throw new Error(`"${name}" could not be written to the temp folder for uploads (${writeFailureReason(err)}): nothing was kept`);
    } finally {
      clearTimeout(timer);
      body.off('end', end);
      body.off('close', gone);
      body.off('error', gone);
      this.receiving.delete(client);
    }
    this.keep(id, { file, name, bytes: size, client });
    return { upload: id, bytes: size };
  }

  /** The desktop shell's upload: the bytes came whole over IPC (structured clone), written as one file. */
  async receiveBytes(bytes: Uint8Array, name: string, client = 'window'): Promise<{ upload: string; bytes: number }> {
    if (bytes.byteLength > this.maxBytes) throw new UploadRefused(413, `"${name}" is ${mb(bytes.byteLength)}; an upload is limited to ${mb(this.maxBytes)}`, { reason: 'upload.too-large', params: { name, size: mb(bytes.byteLength), limit: mb(this.maxBytes) } });
    this.roomFor(name, bytes.byteLength);
    const id = randomBytes(16).toString('hex');
    const folder = await this.folder().catch((err: unknown) => {
      throw new Error(`"${name}" was not taken: the temp folder for uploads cannot be made (${writeFailureReason(err)})`);
    });
    const dir = join(folder, id);
    const file = join(dir, name);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, bytes, { flag: 'wx' });
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    this.keep(id, { file, name, bytes: bytes.byteLength, client });
    return { upload: id, bytes: bytes.byteLength };
  }

  /** Uploads nobody used yet fill the temp folder until they expire: past a total, new ones wait. */
  private roomFor(name: string, bytes: number): void {
    const max = this.opts.maxWaitingBytes ?? 4 * this.maxBytes;
    let waiting = 0;
    for (const r of this.received.values()) waiting += r.bytes;
    if (waiting + bytes > max) throw new UploadRefused(429, `"${name}" was not taken: ${mb(waiting)} of uploads are still waiting to be linked (at most ${mb(max)}); try again in a few minutes`, { reason: 'upload.full', params: { name, waiting: mb(waiting), max: mb(max) } });
  }

  private keep(id: string, r: Omit<Received, 'timer'>): void {
    const timer = setTimeout(() => void this.discard(id), this.keepMs);
    timer.unref?.();
    this.received.set(id, { ...r, timer });
  }

  /**
   * Runs `use` on the received file of `id` (its path, under the name it was sent with), then
   * removes it: an upload is used once. Throws naming the id when there is no such upload.
   */
  async use<T>(id: string, use: (file: string, name: string) => Promise<T>): Promise<T> {
    const r = this.received.get(id);
    if (!r) throw Object.assign(new Error(`No upload '${id}': it was never received, already used, or expired (uploads wait ${Math.round(this.keepMs / 60_000)} min)`), { code: 'ENOENT' });
    this.received.delete(id);
    clearTimeout(r.timer);
    try {
      return await use(r.file, r.name);
    } finally {
      await rm(join(r.file, '..'), { recursive: true, force: true });
    }
  }

  private async discard(id: string): Promise<void> {
    const r = this.received.get(id);
    if (!r) return;
    this.received.delete(id);
    await rm(join(r.file, '..'), { recursive: true, force: true });
  }

  /** The temp folder (tests look into it), once an upload made it. */
  async tempFolder(): Promise<string> {
    return this.folder();
  }

  /** Removes every received file and the temp folder (the host is closing). */
  async close(): Promise<void> {
    for (const r of this.received.values()) clearTimeout(r.timer);
    this.received.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
