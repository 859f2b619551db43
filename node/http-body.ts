import type { IncomingMessage } from 'node:http';

/**
 * Reading a request body under limits, for the servers in node/ (the loopback host, the
 * newsroom server): at most `max` bytes, and — given a `large` slot — one large body at a time.
 */

/** A body past this size is a large request (an issue with photos, a copy import): one at a time. */
export const LARGE_BODY_BYTES = 1024 * 1024;

/** The one large body a server reads at a time. */
export interface LargeBodySlot {
  busy: boolean;
}

export type BodyResult = { bytes: Buffer } | { refused: 413 | 429 };

/**
 * Reads a request body of at most `max` bytes (a larger one is refused, 413, as soon as it is
 * known; the rest is read and dropped, so the answer still reaches the client). With `large`,
 * past LARGE_BODY_BYTES it holds that slot; a second large body while another is being read is
 * refused (429), so concurrent uploads cannot multiply the server's memory by `max`. A client
 * that goes away mid-body rejects.
 */
export function readBody(req: IncomingMessage, max: number, large?: LargeBodySlot): Promise<BodyResult> {
  if (Number(req.headers['content-length'] ?? NaN) > max) {
    req.resume();
    return Promise.resolve({ refused: 413 });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let holding = false;
    let done = false;
    const finish = (r: BodyResult | Error) => {
      if (done) return;
      done = true;
      if (holding && large) large.busy = false;
      chunks.length = 0;
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) return finish({ refused: 413 });
      if (large && size > LARGE_BODY_BYTES && !holding) {
        if (large.busy) return finish({ refused: 429 });
        large.busy = holding = true;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ bytes: Buffer.concat(chunks) }));
    req.on('error', (err) => finish(err));
    req.on('close', () => finish(new Error('the client went away before the request was complete')));
  });
}
