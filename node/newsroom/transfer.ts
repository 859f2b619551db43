import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ISSUE_FORMAT_VERSION, type Issue, type Page, type Story } from '../../core/model/issue.js';
import { readIssueFile, writeIssueFile } from '../store/issue-file.js';
import { resolveAsset } from '../store/links.js';
import type { NewsroomDb } from './db.js';
import { storePhoto } from './photos.js';
import { audit, Newsroom, NewsroomError, notify, type StoryStatus } from './service.js';

/**
 * Between the newsroom server and the `.broadsheet` file, both ways. An import is one
 * transaction (the edition lands whole or not at all); an export writes the photos beside the
 * issue file at the paths the edition names, then the issue file itself, atomically.
 *
 * Statuses: the file knows draft / edited / final; the server's 'ready' is the file's 'final',
 * and 'placed' and 'approved' (which only the server tracks) export as 'final' too.
 */

/** The issue header fields an edition keeps in `meta`. */
const META_FIELDS = ['issueNumber', 'totalNumber', 'serial', 'publisher'] as const;

const toServerStatus = (s: Story['status']): StoryStatus => (s === 'final' ? 'ready' : s);
const toFileStatus = (s: StoryStatus): Story['status'] => (s === 'draft' || s === 'edited' ? s : 'final');

export interface ImportResult {
  edition: string;
  pages: number;
  stories: number;
  photos: number;
  /** Photos the file links but whose files are missing: kept as links without pixels. */
  missingPhotos: string[];
  warnings: string[];
}

/**
 * Imports an issue file as a new edition. Photos are read from the issue's folder and stored as
 * blobs (checked like any upload); a linked photo whose file is missing is kept as a link, so
 * nothing in the file is lost and preflight names it later.
 */
export async function importIssue(db: NewsroomDb, file: string, opts: { editionId?: string; owner?: string } = {}): Promise<ImportResult> {
  const { issue, warnings } = await readIssueFile(file);
  const photos: { id: string; data?: Buffer }[] = [];
  const missing: string[] = [];
  for (const a of issue.assets) {
    const abs = resolveAsset(file, a);
    const data = abs ? await readFile(abs).catch(() => undefined) : undefined;
    if (!data) missing.push(a.path);
    photos.push({ id: a.id, data });
  }
  const nr = new Newsroom(db);
  const edition = await db.transaction(async (tx) => {
    let ownerId: number | null = null;
    if (opts.owner) {
      const { rows } = await tx.query<{ id: number }>('select id from users where login = $1', [opts.owner]);
      if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no user '${opts.owner}' to own the imported stories`);
      ownerId = rows[0].id;
    }
    const meta: Record<string, unknown> = Object.fromEntries(META_FIELDS.map((k) => [k, issue[k]]));
    if (issue.print) meta.print = issue.print;
    const id = await nr.createEdition(undefined, { id: opts.editionId, paper: issue.paper, date: issue.date, edition: issue.edition, meta }, tx);
    for (const [i, a] of issue.assets.entries()) {
      const data = photos[i].data;
      const blob = data ? await storePhoto(tx, data, `photo '${a.id}' (${a.path})`) : undefined;
      await tx.query('insert into assets(edition_id, id, path, hash, width, height, color_space, position) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
        id,
        a.id,
        a.path,
        blob?.hash ?? null,
        a.widthPx ?? null,
        a.heightPx ?? null,
        a.colorSpace ?? null,
        i + 1,
      ]);
    }
    const note = `imported from ${file.split(/[\\/]/).pop()}`;
    for (const [i, s] of issue.stories.entries()) {
      await tx.query('insert into stories(edition_id, id, position, slug, banner, status, owner_id, version, doc) values ($1, $2, $3, $4, $5, $6, $7, 1, $8::jsonb)', [
        id,
        s.id,
        i + 1,
        s.slug,
        s.banner ?? null,
        toServerStatus(s.status),
        ownerId,
        JSON.stringify(s.doc),
      ]);
      await tx.query('insert into story_versions(edition_id, story_id, version, slug, banner, doc, note) values ($1, $2, 1, $3, $4, $5::jsonb, $6)', [id, s.id, s.slug, s.banner ?? null, JSON.stringify(s.doc), note]);
    }
    for (const [i, p] of issue.pages.entries()) {
      const { id: pageId, ...body } = p;
      await tx.query('insert into pages(edition_id, id, position, status, version, body) values ($1, $2, $3, $4, 1, $5::jsonb)', [id, pageId, i + 1, body.frames.length ? 'layout' : 'empty', JSON.stringify(body)]);
      await tx.query('insert into page_versions(edition_id, page_id, version, body, note) values ($1, $2, 1, $3::jsonb, $4)', [id, pageId, JSON.stringify(body), note]);
    }
    await audit(tx, undefined, 'import', { edition: id, detail: { file: file.split(/[\\/]/).pop(), pages: issue.pages.length, stories: issue.stories.length } });
    await notify(tx, { type: 'edition', edition: id });
    return id;
  });
  return { edition, pages: issue.pages.length, stories: issue.stories.length, photos: issue.assets.length - missing.length, missingPhotos: missing, warnings };
}

/** The edition as an issue (current versions), without its photos' bytes. */
export async function editionAsIssue(db: NewsroomDb, edition: string): Promise<Issue> {
  const { rows: e } = await db.query<{ paper: string; date: string; edition: string; meta: Record<string, string> & { print?: Issue['print'] } }>('select paper, date, edition, meta from editions where id = $1', [edition]);
  if (!e.length) throw new NewsroomError(404, 'not-found', `there is no edition '${edition}'`);
  const [pages, stories, assets] = await Promise.all([
    db.query<{ id: string; body: Omit<Page, 'id'> }>('select id, body from pages where edition_id = $1 order by position', [edition]),
    db.query<{ id: string; slug: string; banner: string | null; status: StoryStatus; doc: Story['doc'] }>('select id, slug, banner, status, doc from stories where edition_id = $1 order by position', [edition]),
    db.query<{ id: string; path: string; hash: string | null; width: number | null; height: number | null; color_space: 'rgb' | 'cmyk' | 'gray' | null }>('select id, path, hash, width, height, color_space from assets where edition_id = $1 order by position, id', [edition]),
  ]);
  const meta = e[0].meta ?? {};
  return {
    format: 'broadsheet-issue',
    version: ISSUE_FORMAT_VERSION,
    paper: e[0].paper,
    date: e[0].date,
    edition: e[0].edition,
    issueNumber: String(meta.issueNumber ?? ''),
    totalNumber: String(meta.totalNumber ?? ''),
    serial: String(meta.serial ?? ''),
    publisher: String(meta.publisher ?? ''),
    ...(meta.print ? { print: meta.print } : {}),
    pages: pages.rows.map((p) => ({ id: p.id, ...p.body })),
    stories: stories.rows.map((s) => ({ id: s.id, slug: s.slug, ...(s.banner !== null ? { banner: s.banner } : {}), status: toFileStatus(s.status), doc: s.doc })),
    assets: assets.rows.map((a) => ({
      id: a.id,
      path: a.path,
      ...(a.hash ? { hash: a.hash } : {}),
      ...(a.width ? { widthPx: a.width } : {}),
      ...(a.height ? { heightPx: a.height } : {}),
      ...(a.color_space ? { colorSpace: a.color_space } : {}),
    })),
  };
}

/**
 * Exports an edition to an issue file: each stored photo is written beside it at its path
 * (never outside the file's folder), then the issue file atomically. Returns what was written.
 */
export async function exportIssue(db: NewsroomDb, edition: string, file: string): Promise<{ pages: number; stories: number; photos: number }> {
  const issue = await editionAsIssue(db, edition);
  await mkdir(dirname(file), { recursive: true });
  let photos = 0;
  for (const a of issue.assets) {
    if (!a.hash) continue;
    const target = resolveAsset(file, a);
    if (!target) throw new NewsroomError(400, 'invalid', `photo '${a.id}': its path ${JSON.stringify(a.path)} leaves the folder of ${file}`);
    const { rows } = await db.query<{ bytes: Uint8Array }>('select bytes from blobs where hash = $1', [a.hash]);
    if (!rows.length) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, rows[0].bytes);
    photos++;
  }
  await writeIssueFile(file, issue, { backup: true });
  return { pages: issue.pages.length, stories: issue.stories.length, photos };
}
