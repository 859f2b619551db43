import { realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fontFilePath, fontManifest } from '../font-files.js';
import { fontSubsets } from '../font-subsets.js';
import { assetPath } from '../export/preflight.js';
import type { Issue } from '../../core/model/issue.js';
import { templatesDir } from '../templates.js';

/**
 * The URL space both hosts serve beside the API, relative to the app's root so the renderer
 * uses the same relative URLs in either host (`broadsheet://app/…` or `http://127.0.0.1:…/`):
 *   fonts/<key>              a face of assets/fonts.json
 *   font-subsets/<name>.ttf  a subset of a face made by the API's fontSubsets (immutable: the name is its content's key)
 *   templates/<id>.json      a page template
 *   issue-assets/<assetId>   a linked photo of the issue opened last
 *   export-files/<job>/<i>   the i-th PDF a finished export wrote (the page downloads it)
 *   assets/<name>            the built renderer's hashed bundle files (immutable)
 *   anything else            the built renderer (dist/renderer)
 */

export interface Resource {
  file: string;
  type: string;
  /** Immutable for the life of the process (fonts): cacheable. */
  immutable?: boolean;
  /**
   * The app's own code (index.html and the bundle): the same for everyone who has the app, so
   * the loopback host serves it without the launch token; the page then sends the token with
   * every request for the user's data (the API, photos, fonts and templates).
   */
  public?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

export const contentType = (file: string) => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** A file inside `dir` for a URL path, or undefined when the path escapes it. */
export async function fileInside(dir: string, urlPath: string): Promise<string | undefined> {
  const rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  if (rel.includes('\0')) return undefined;
  const file = resolve(dir, rel);
  const root = resolve(dir);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  try {
    // Symlinks must not lead out either.
    const real = await realpath(file);
    const realRoot = await realpath(root);
    return real === realRoot || real.startsWith(realRoot + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

export interface ResourceResolver {
  (pathname: string): Promise<Resource | undefined>;
}

/** Resolves the URL space above. `lastIssue` tells which issue's photos `issue-assets/` serves. */
export function createResourceResolver(opts: { rendererDir: string; lastIssue: () => { path: string; issue: Issue } | undefined; exportFile?: (jobId: string, index: number) => string | undefined }): ResourceResolver {
  return async (pathname) => {
    const p = pathname.replace(/^\/+/, '');
    let m = /^fonts\/([\w-]+)$/.exec(p);
    if (m) {
      if (!Object.hasOwn(fontManifest(), m[1])) return undefined;
      return { file: fontFilePath(m[1]), type: 'font/ttf', immutable: true };
    }
    m = /^font-subsets\/([\w-]+)\.ttf$/.exec(p);
    if (m) {
      const file = await fontSubsets().file(m[1]);
      return file ? { file, type: 'font/ttf', immutable: true } : undefined;
    }
    m = /^templates\/([\w.-]+\.json)$/.exec(p);
    if (m) {
      const file = await fileInside(templatesDir(), m[1]);
      return file ? { file, type: contentType(file) } : undefined;
    }
    m = /^issue-assets\/([^/]+)$/.exec(p);
    if (m) {
      const last = opts.lastIssue();
      const file = last && (await assetPath(last.issue, last.path, decodeURIComponent(m[1])));
      return file ? { file, type: contentType(file) } : undefined;
    }
    m = /^export-files\/([\w-]{1,64})\/(\d{1,4})$/.exec(p);
    if (m) {
      const file = opts.exportFile?.(m[1], Number(m[2]));
      return file ? { file, type: 'application/pdf' } : undefined;
    }
    const file = await fileInside(opts.rendererDir, p === '' ? 'index.html' : p);
    // Vite names the bundle's files by their content hash (assets/index-<hash>.js): a new build is a new name.
    const hashed = /^assets\/[\w.-]+-[\w-]{8,}\.(js|css|woff2?|png|svg)$/.test(p);
    return file ? { file, type: contentType(file), public: true, ...(hashed ? { immutable: true } : {}) } : undefined;
  };
}

/** The page's Content-Security-Policy, the same in both hosts: nothing but the app's own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes (positions of page items).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every response of either host carries (the loopback host adds x-frame-options). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Where the pieces live for a checkout (or an unpacked app) rooted at `root`. */
export function appPaths(root: string) {
  return {
    rendererDir: join(root, 'dist', 'renderer'),
    sampleIssue: join(root, 'assets', 'sample', 'sample.broadsheet'),
  };
}
