import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Issue } from '../../core/model/issue.js';
import { serializeIssue, knownTemplateIds } from '../../node/store/index.js';
import { generateIssue } from '../store/generate-issue.js';

/** An issue folder on disk (issue.broadsheet + photos/) for export tests and benchmarks. */
export interface IssueOnDisk {
  dir: string;
  issuePath: string;
  issue: Issue;
}

/** A photo-like JPEG (gradient + noise, so it compresses like a photo) of the given size. */
export async function writePhoto(path: string, width: number, height: number, seed = 1): Promise<void> {
  // build a small image and scale it up: fast even for 24 MP, still a real baseline JPEG
  const sw = 64, sh = Math.max(2, Math.round((64 * height) / width));
  const px = Buffer.alloc(sw * sh * 3);
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < sw; x++) px.set([(x * 4 + seed * 37) % 256, (y * 4 + seed * 11) % 256, ((x + y) * 2 + seed * 71) % 256], (y * sw + x) * 3);
  await sharp(px, { raw: { width: sw, height: sh, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).jpeg({ quality: 85 }).toFile(path);
}

/**
 * A JPEG of camera-like size (gaussian grain over a gradient: ~7 MB at 24 MP, quality 85).
 * Made once per pixel size in `cacheDir` and copied, since export cost depends on bytes, not content.
 */
export async function writeGrainyPhoto(path: string, width: number, height: number, cacheDir: string): Promise<void> {
  const cached = join(cacheDir, `grain-${width}x${height}.jpg`);
  if (!existsSync(cached)) {
    const sw = 64, sh = Math.max(2, Math.round((64 * height) / width));
    const small = Buffer.alloc(sw * sh * 3);
    for (let i = 0; i < small.length; i++) small[i] = (i * 7) % 256;
    const base = await sharp(small, { raw: { width: sw, height: sh, channels: 3 } }).resize(width, height).raw().toBuffer();
    const grain = await sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 14 } } }).raw().toBuffer();
    for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, base[i] + grain[i] - 128));
    mkdirSync(cacheDir, { recursive: true });
    await sharp(base, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toFile(cached + '.tmp');
    renameSync(cached + '.tmp', cached);
  }
  copyFileSync(cached, path);
}

/** Writes the issue (with a known template id, if templates exist) and returns where it is. */
export function writeIssue(dir: string, issue: Issue): IssueOnDisk {
  const template = knownTemplateIds()?.[0];
  if (template) for (const p of issue.pages) p.templateId = template;
  mkdirSync(dir, { recursive: true });
  const issuePath = join(dir, 'issue.broadsheet');
  writeFileSync(issuePath, serializeIssue(issue));
  return { dir, issuePath, issue };
}

/** A generated issue of `pages` pages with its photos placed (one per page, extra ones as second photos; files kept when already there), stories that fit their frames. */
export async function generatedIssueOnDisk(dir: string, opts: { pages: number; photos?: number; photoPx?: [number, number]; chars?: number; grainyPhotosCache?: string }): Promise<IssueOnDisk> {
  const photos = opts.photos ?? opts.pages;
  const issue = generateIssue({ pages: opts.pages, photos, chars: opts.chars ?? opts.pages * 4 * 900, seed: 7 });
  const [w, h] = opts.photoPx ?? [1800, 1200];
  mkdirSync(join(dir, 'photos'), { recursive: true });
  for (const [i, a] of issue.assets.entries()) {
    a.widthPx = w;
    a.heightPx = h;
    if (existsSync(join(dir, a.path))) continue;
    if (opts.grainyPhotosCache) await writeGrainyPhoto(join(dir, a.path), w, h, opts.grainyPhotosCache);
    else await writePhoto(join(dir, a.path), w, h, i + 1);
  }
  // generateIssue places one photo per page; place the rest as second photos, page by page
  issue.assets.slice(issue.pages.length).forEach((a, i) => {
    issue.pages[i % issue.pages.length].frames.push({ id: `ph-extra-${i + 1}`, type: 'photo', assetId: a.id, rect: { column: 4, span: 4, line: 80, lines: 20 }, fit: 'fill', caption: 'none' });
  });
  return writeIssue(dir, issue);
}

const para = (type: string, text: string) => ({ type, content: text ? [{ type: 'text', text }] : [] });

/** A one-page issue with one story frame of one column × `lines` lines and the given body text. */
export function oneStoryIssue(body: string, opts: { lines?: number; headline?: string; photo?: { path: string; widthPx?: number; heightPx?: number } } = {}): Issue {
  const issue = generateIssue({ pages: 1, photos: 0, chars: 10 });
  issue.stories = [{ id: 'lead', slug: 'lead', status: 'final', doc: { type: 'doc', content: [para('headline', opts.headline ?? '头条标题'), para('paragraph', body)] } }];
  issue.pages[0].frames = [{ id: 'f1', type: 'story', storyId: 'lead', rect: { column: 0, span: 1, line: 0, lines: opts.lines ?? 10 } }];
  issue.assets = [];
  if (opts.photo) {
    issue.assets.push({ id: 'p1', path: opts.photo.path, widthPx: opts.photo.widthPx, heightPx: opts.photo.heightPx });
    issue.pages[0].frames.push({ id: 'ph', type: 'photo', assetId: 'p1', rect: { column: 2, span: 3, line: 0, lines: 20 }, fit: 'fill', caption: 'none' });
  }
  return issue;
}
