import { readFile, stat } from 'node:fs/promises';
import type { ResourceResolver } from '../../node/services/resources.js';
import { SECURITY_HEADERS } from '../../node/services/resources.js';

/**
 * The app's own origin in Electron: `broadsheet://app/…` serves the built renderer, fonts,
 * templates and the open issue's photos through the same resolver as the loopback host
 * (node/services/resources.ts), with the page's CSP on every response. Nothing is
 * loaded from file:// or from the network.
 */
export const APP_SCHEME = 'broadsheet';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The privileges the scheme is registered with (before app ready): a standard, secure origin with fetch. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** Whether a URL is on the app's origin. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The resource path of an app URL, or undefined for anything that is not a plain path on the
 * app's origin: another scheme or host, `..` or `.` segments (also percent-encoded),
 * backslashes, NUL, or an empty segment in the middle. The resolver checks again that the
 * file lies inside its folder; this refuses such requests before any file system access.
 */
export function appUrlPath(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return undefined;
  // URL parsing already folds plain ../; look at the raw path as well, and at each decoded segment.
  const raw = url.slice(APP_ORIGIN.length).split(/[?#]/)[0];
  const segments = raw.split('/').slice(1);
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  for (let i = 0; i < decoded.length; i++) {
    const s = decoded[i];
    if (s === '..' || s === '.' || s.includes('\\') || s.includes('/') || s.includes('\0')) return undefined;
    if (s === '' && i < decoded.length - 1) return undefined;
  }
  const path = decoded.join('/');
  return path === '' ? 'index.html' : path;
}

/** The headers every app response carries. */
export const APP_RESPONSE_HEADERS = SECURITY_HEADERS;

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** Answers one request on the app's origin (GET/HEAD only) from the resolver. */
export async function answerAppRequest(resolver: ResourceResolver, url: string, method = 'GET'): Promise<AppResponse> {
  const text = (status: number, message: string): AppResponse => ({ status, headers: { ...APP_RESPONSE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body: message });
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'Only GET');
  const path = appUrlPath(url);
  if (path === undefined) return text(403, `Refused: ${url}`);
  const resource = await resolver(path);
  const info = resource && (await stat(resource.file).catch(() => undefined));
  if (!resource || !info?.isFile()) {
    return text(404, path === 'index.html' ? 'The renderer is not built: run `npm run build`' : `Not found: ${path}`);
  }
  const headers = { ...APP_RESPONSE_HEADERS, 'content-type': resource.type, 'content-length': String(info.size), 'cache-control': resource.immutable ? 'max-age=31536000, immutable' : 'no-cache' };
  return { status: 200, headers, body: method === 'HEAD' ? '' : await readFile(resource.file) };
}
