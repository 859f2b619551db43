import { page as pageSchema, type Page } from '../../core/model/issue.js';
import { checkAssetPath, checkStoryDoc } from '../../core/model/validate.js';
import { knownTemplateIds } from '../templates.js';
import { burnPasswordCheck, hashPassword, newSessionToken, passwordProblem, ROLES, tokenHash, verifyPassword, type Role } from './auth.js';
import type { NewsroomDb, Queryable } from './db.js';
import { diffPages, diffStoryText, type PageDiff, type TextDiff } from './diff.js';

/**
 * The newsroom's rules: who may do what, check-out leases, check-in as versions, statuses and
 * the audit log. Every method that changes something takes the acting user's session (`Actor`)
 * and checks the role and the lease in the database, so nothing a client says about itself is
 * trusted. Changes are announced on the `newsroom` NOTIFY channel inside their transaction, so an
 * event is sent exactly when its change is committed, to every server on the same database.
 */

export type TargetKind = 'story' | 'page';

export const STORY_STATUSES = ['draft', 'edited', 'ready', 'placed', 'approved'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];
export const PAGE_STATUSES = ['empty', 'layout', 'ready', 'approved', 'sent'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** The signed-in user a request acts as, as the database has it now. */
export interface Actor {
  userId: number;
  login: string;
  name: string;
  role: Role;
  sessionHash: Buffer;
}

export class NewsroomError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** What clients subscribed to an edition are told. `sent` is the server's clock (ms) when committed. */
export interface NewsroomEvent {
  type: 'checkout' | 'takeover' | 'break' | 'cancel' | 'checkin' | 'restore' | 'status' | 'created' | 'fit' | 'edition' | 'photo';
  edition: string;
  kind?: TargetKind;
  id?: string;
  version?: number;
  status?: string;
  user?: string;
  ids?: string[];
  sent: number;
}

export const EVENTS_CHANNEL = 'newsroom';

/** What each role may do. Reading an edition is open to every signed-in user. */
const PERMISSIONS = {
  'story.create': ['reporter', 'editor', 'chief'],
  'story.edit-own': ['reporter'],
  'story.edit-any': ['editor', 'chief'],
  'page.edit': ['layout'],
  'photo.upload': ['reporter', 'editor', 'layout', 'chief'],
  'edition.create': ['layout', 'chief', 'admin'],
  'lease.break': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['chief', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
type Permission = keyof typeof PERMISSIONS;

/** Story statuses each role may set by hand ('placed' is also set when a page places a ready story). */
const STORY_STATUS_BY: Record<Role, readonly StoryStatus[]> = {
  reporter: [],
  editor: ['draft', 'edited', 'ready'],
  layout: ['ready', 'placed'],
  chief: STORY_STATUSES,
  admin: [],
};
/** Page statuses each role may set: layout moves a page to ready and back; only the chief approves, sends and reopens. */
const PAGE_STATUS_BY: Record<Role, readonly PageStatus[]> = {
  reporter: [],
  editor: [],
  layout: ['layout', 'ready'],
  chief: PAGE_STATUSES,
  admin: [],
};

export interface NewsroomOptions {
  /** A check-out ends this long after its last heartbeat (default 2 min). */
  leaseMs?: number;
  /** A session token is valid this long after login (default 12 h: a shift). */
  sessionMs?: number;
  /** Failed logins allowed per login name in `loginWindowMs` before it is refused (default 5 in 5 min). */
  loginMaxFailures?: number;
  loginWindowMs?: number;
}

const ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,127}$/u;
const EDITION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LOGIN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Largest story document a check-in takes (JSON characters); the longest story is far below. */
export const MAX_STORY_CHARS = 4 * 1024 * 1024;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : String(d));
const bytes = (b: unknown) => (Buffer.isBuffer(b) ? b : Buffer.from(b as Uint8Array));
const json = (v: unknown) => JSON.stringify(v);

export interface LeaseInfo {
  kind: TargetKind;
  id: string;
  user: string;
  userName: string;
  since: string;
  expires: string;
  mine: boolean;
}

export interface StoryRow {
  id: string;
  slug: string;
  banner?: string;
  status: StoryStatus;
  owner?: string;
  version: number;
  fit?: unknown;
  updatedAt: string;
  updatedBy?: string;
}

export interface PageRow {
  id: string;
  position: number;
  status: PageStatus;
  version: number;
  page: Omit<Page, 'id'>;
  updatedAt: string;
  updatedBy?: string;
}

export interface VersionInfo {
  version: number;
  author?: string;
  note: string;
  at: string;
}

export class Newsroom {
  readonly leaseMs: number;
  readonly sessionMs: number;
  private readonly loginMax: number;
  private readonly loginWindowMs: number;
  private templates: Set<string> | undefined;

  constructor(
    readonly db: NewsroomDb,
    opts: NewsroomOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.sessionMs = opts.sessionMs ?? 12 * 3600_000;
    this.loginMax = opts.loginMaxFailures ?? 5;
    this.loginWindowMs = opts.loginWindowMs ?? 5 * 60_000;
  }

  // ---- users and sessions ----

  /** Adds a user (CLI, or an admin through the API). */
  async addUser(u: { login: string; name: string; role: Role; password: string }, by?: Actor): Promise<void> {
    if (by) this.require(by, 'users.manage');
    if (!LOGIN.test(u.login ?? '')) throw new NewsroomError(400, 'invalid', `a login is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; got ${JSON.stringify(u.login)}`);
    if (typeof u.name !== 'string' && u.name !== undefined) throw new NewsroomError(400, 'invalid', 'a user’s name is text');
    if ((u.name ?? '').length > 100) throw new NewsroomError(400, 'invalid', 'a user’s name is at most 100 characters');
    if (!ROLES.includes(u.role)) throw new NewsroomError(400, 'invalid', `unknown role ${JSON.stringify(u.role)}; the roles are ${ROLES.join(', ')}`);
    const bad = passwordProblem(u.password);
    if (bad) throw new NewsroomError(400, 'invalid', bad);
    const { salt, hash } = await hashPassword(u.password);
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query('insert into users(login, name, role, salt, hash) values ($1, $2, $3, $4, $5) on conflict (login) do nothing returning id', [u.login, u.name || u.login, u.role, salt, hash]);
      if (!rows.length) throw new NewsroomError(409, 'exists', `there is already a user '${u.login}'`);
      await audit(tx, by?.userId, 'user-add', { target: u.login, detail: { role: u.role } });
    });
  }

  async setPassword(login: string, password: string, by?: Actor): Promise<void> {
    if (by && by.login !== login) this.require(by, 'users.manage');
    const bad = passwordProblem(password);
    if (bad) throw new NewsroomError(400, 'invalid', bad);
    const { salt, hash } = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>('update users set salt = $2, hash = $3 where login = $1 returning id', [login, salt, hash]);
      if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no user '${login}'`);
      // A new password ends every other session of the user.
      await tx.query('delete from sessions where user_id = $1 and token_hash <> $2', [rows[0].id, by?.sessionHash ?? Buffer.alloc(0)]);
      await audit(tx, by?.userId, 'user-passwd', { target: login });
    });
  }

  /** Disables (or re-enables) a user: a disabled user's sessions end at once and their check-outs are released. */
  async setDisabled(login: string, disabled: boolean, by?: Actor): Promise<void> {
    if (by) this.require(by, 'users.manage');
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>('update users set disabled = $2 where login = $1 returning id', [login, disabled]);
      if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no user '${login}'`);
      if (disabled) {
        await tx.query('delete from sessions where user_id = $1', [rows[0].id]);
        const released = await tx.query<{ edition_id: string; kind: TargetKind; target_id: string }>('delete from leases where user_id = $1 returning edition_id, kind, target_id', [rows[0].id]);
        for (const l of released.rows) await notify(tx, { type: 'break', edition: l.edition_id, kind: l.kind, id: l.target_id, user: login });
      }
      await audit(tx, by?.userId, disabled ? 'user-disable' : 'user-enable', { target: login });
    });
  }

  /** The users (an admin through the API; the CLI, which has the database, without an actor). */
  async listUsers(by?: Actor): Promise<{ login: string; name: string; role: Role; disabled: boolean; sessions: number }[]> {
    if (by) this.require(by, 'users.manage');
    const { rows } = await this.db.query<{ login: string; name: string; role: Role; disabled: boolean; sessions: string | number }>(
      'select u.login, u.name, u.role, u.disabled, (select count(*) from sessions s where s.user_id = u.id and s.expires_at > now()) as sessions from users u order by u.login',
    );
    return rows.map((r) => ({ ...r, sessions: Number(r.sessions) }));
  }

  /**
   * Signs in: a new session token, valid `sessionMs`. Failed attempts are counted per login name in
   * the database (so every server behind a load balancer counts the same), and past the limit the
   * login is refused for the rest of the window, right password or not.
   */
  async login(login: string, password: string, from = ''): Promise<{ token: string; expires: string; user: { login: string; name: string; role: Role } }> {
    if (typeof login !== 'string' || typeof password !== 'string' || login.length > 64 || password.length > 1024) throw new NewsroomError(400, 'invalid', 'login and password are wanted');
    const failures = await this.db.query<{ n: string | number }>("select count(*) as n from audit where action = 'login-failed' and target_id = $1 and at > now() - $2 * interval '1 millisecond'", [login, this.loginWindowMs]);
    if (Number(failures.rows[0].n) >= this.loginMax) {
      throw new NewsroomError(429, 'rate-limited', `too many failed sign-ins for '${login}'; wait ${Math.round(this.loginWindowMs / 60000) || 1} min and try again`);
    }
    const { rows } = await this.db.query<{ id: number; name: string; role: Role; salt: Uint8Array; hash: Uint8Array; disabled: boolean }>('select id, name, role, salt, hash, disabled from users where login = $1', [login]);
    const u = rows[0];
    const ok = u ? await verifyPassword(password, bytes(u.salt), bytes(u.hash)) : (await burnPasswordCheck(password), false);
    if (!ok || !u || u.disabled) {
      await audit(this.db, u?.id, 'login-failed', { target: login, detail: { from } });
      throw new NewsroomError(401, 'unauthorized', u?.disabled && ok ? `the user '${login}' is disabled` : 'wrong login or password');
    }
    const token = newSessionToken();
    const { rows: s } = await this.db.query<{ expires_at: Date }>("insert into sessions(token_hash, user_id, expires_at) values ($1, $2, now() + $3 * interval '1 millisecond') returning expires_at", [tokenHash(token), u.id, this.sessionMs]);
    await audit(this.db, u.id, 'login', { target: login, detail: { from } });
    return { token, expires: iso(s[0].expires_at), user: { login, name: u.name, role: u.role } };
  }

  /** The user a session token belongs to, checked against the database on every request. */
  async authenticate(token: string | undefined): Promise<Actor> {
    if (!token) throw new NewsroomError(401, 'unauthorized', 'sign in first (no session token)');
    const h = tokenHash(token);
    const { rows } = await this.db.query<{ id: number; login: string; name: string; role: Role; disabled: boolean }>(
      'select u.id, u.login, u.name, u.role, u.disabled from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > now()',
      [h],
    );
    const u = rows[0];
    if (!u || u.disabled) throw new NewsroomError(401, 'unauthorized', 'the session has ended; sign in again');
    return { userId: u.id, login: u.login, name: u.name, role: u.role, sessionHash: h };
  }

  async logout(a: Actor): Promise<void> {
    await this.db.query('delete from sessions where token_hash = $1', [a.sessionHash]);
    await this.db.query('delete from leases where session_hash = $1', [a.sessionHash]);
    await audit(this.db, a.userId, 'logout', {});
  }

  // ---- editions ----

  async createEdition(a: Actor | undefined, e: { id?: string; paper: string; date: string; edition?: string; meta?: Record<string, unknown> }, tx: Queryable = this.db): Promise<string> {
    if (a) this.require(a, 'edition.create');
    if (typeof e.paper !== 'string' || !e.paper) throw new NewsroomError(400, 'invalid', 'an edition needs the paper’s name');
    if (typeof e.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) throw new NewsroomError(400, 'invalid', `an edition's date is YYYY-MM-DD; got ${JSON.stringify(e.date)}`);
    const id = e.id ?? `${e.date}${e.edition ? '-' + e.edition.replace(/[^A-Za-z0-9._-]+/g, '') : ''}`.replace(/-$/, '');
    if (!EDITION_ID.test(id)) throw new NewsroomError(400, 'invalid', `an edition id is 1–64 letters, digits, '.', '_' or '-'; got ${JSON.stringify(id)}`);
    const { rows } = await tx.query('insert into editions(id, paper, date, edition, meta) values ($1, $2, $3, $4, $5::jsonb) on conflict (id) do nothing returning id', [id, e.paper, e.date, e.edition ?? '', json(e.meta ?? {})]);
    if (!rows.length) throw new NewsroomError(409, 'exists', `there is already an edition '${id}'`);
    await audit(tx, a?.userId, 'create-edition', { edition: id });
    await notify(tx, { type: 'edition', edition: id, user: a?.login });
    return id;
  }

  async listEditions(_a?: Actor): Promise<{ id: string; paper: string; date: string; edition: string; pages: number; stories: number }[]> {
    const { rows } = await this.db.query<{ id: string; paper: string; date: string; edition: string; pages: string; stories: string }>(
      'select e.id, e.paper, e.date, e.edition, (select count(*) from pages p where p.edition_id = e.id) as pages, (select count(*) from stories s where s.edition_id = e.id) as stories from editions e order by e.date desc, e.id',
    );
    return rows.map((r) => ({ ...r, pages: Number(r.pages), stories: Number(r.stories) }));
  }

  /** Everything about an edition but the stories' text: what a desk's overview shows, with who holds what. */
  async overview(a: Actor | undefined, edition: string): Promise<{ id: string; paper: string; date: string; edition: string; meta: Record<string, unknown>; pages: PageRow[]; stories: StoryRow[]; assets: unknown[]; leases: LeaseInfo[] }> {
    const e = await this.edition(edition);
    const [pages, stories, assets, leases] = await Promise.all([
      this.db.query<{ id: string; position: number; status: PageStatus; version: number; body: Omit<Page, 'id'>; updated_at: Date; by: string | null }>('select p.id, p.position, p.status, p.version, p.body, p.updated_at, u.login as by from pages p left join users u on u.id = p.updated_by where p.edition_id = $1 order by p.position', [edition]),
      this.db.query<{ id: string; slug: string; banner: string | null; status: StoryStatus; owner: string | null; version: number; fit: unknown; updated_at: Date; by: string | null }>(
        'select s.id, s.slug, s.banner, s.status, o.login as owner, s.version, s.fit, s.updated_at, u.login as by from stories s left join users o on o.id = s.owner_id left join users u on u.id = s.updated_by where s.edition_id = $1 order by s.position',
        [edition],
      ),
      this.db.query('select id, path, hash, width, height, color_space from assets where edition_id = $1 order by position, id', [edition]),
      this.leases(edition, a),
    ]);
    return {
      ...e,
      pages: pages.rows.map((p) => ({ id: p.id, position: p.position, status: p.status, version: p.version, page: p.body, updatedAt: iso(p.updated_at), updatedBy: p.by ?? undefined })),
      stories: stories.rows.map((s) => ({ id: s.id, slug: s.slug, banner: s.banner ?? undefined, status: s.status, owner: s.owner ?? undefined, version: s.version, fit: s.fit ?? undefined, updatedAt: iso(s.updated_at), updatedBy: s.by ?? undefined })),
      assets: assets.rows,
      leases,
    };
  }

  private async edition(edition: string, q: Queryable = this.db): Promise<{ id: string; paper: string; date: string; edition: string; meta: Record<string, unknown> }> {
    const { rows } = await q.query<{ id: string; paper: string; date: string; edition: string; meta: Record<string, unknown> }>('select id, paper, date, edition, meta from editions where id = $1', [edition]);
    if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no edition '${edition}'`);
    return rows[0];
  }

  private async leases(edition: string, a: Actor | undefined, q: Queryable = this.db): Promise<LeaseInfo[]> {
    const { rows } = await q.query<{ kind: TargetKind; target_id: string; login: string; name: string; acquired_at: Date; expires_at: Date; session_hash: Uint8Array }>(
      'select l.kind, l.target_id, u.login, u.name, l.acquired_at, l.expires_at, l.session_hash from leases l join users u on u.id = l.user_id where l.edition_id = $1 and l.expires_at > now() order by l.kind, l.target_id',
      [edition],
    );
    return rows.map((l) => ({ kind: l.kind, id: l.target_id, user: l.login, userName: l.name, since: iso(l.acquired_at), expires: iso(l.expires_at), mine: !!a && bytes(l.session_hash).equals(a.sessionHash) }));
  }

  // ---- stories and pages ----

  async createStory(a: Actor, edition: string, s: { id?: string; slug?: string; banner?: string; doc?: unknown; status?: StoryStatus }): Promise<{ id: string; version: number }> {
    this.require(a, 'story.create');
    return this.db.transaction(async (tx) => {
      await this.lockEdition(tx, edition);
      const id = s.id !== undefined ? checkId('story', String(s.id)) : await this.freeId(tx, 'stories', edition, 'story');
      const doc = s.doc ?? { type: 'doc', content: [{ type: 'paragraph' }] };
      this.checkStory(doc, s.slug, s.banner, id);
      const inserted = await tx.query(
        "insert into stories(edition_id, id, position, slug, banner, status, owner_id, version, doc, updated_by) values ($1, $2, (select coalesce(max(position), 0) + 1 from stories where edition_id = $1), $3, $4, 'draft', $5, 1, $6::jsonb, $5) on conflict do nothing returning id",
        [edition, id, s.slug ?? '', s.banner ?? null, a.userId, json(doc)],
      );
      if (!inserted.rows.length) throw new NewsroomError(409, 'exists', `there is already a story '${id}' in ${edition}`);
      await tx.query('insert into story_versions(edition_id, story_id, version, slug, banner, doc, author_id, note) values ($1, $2, 1, $3, $4, $5::jsonb, $6, $7)', [edition, id, s.slug ?? '', s.banner ?? null, json(doc), a.userId, 'created']);
      await audit(tx, a.userId, 'create-story', { edition, kind: 'story', target: id });
      await notify(tx, { type: 'created', edition, kind: 'story', id, version: 1, user: a.login });
      return { id, version: 1 };
    });
  }

  async getStory(_a: Actor, edition: string, id: string): Promise<StoryRow & { doc: unknown }> {
    const { rows } = await this.db.query<{ slug: string; banner: string | null; status: StoryStatus; owner: string | null; version: number; doc: unknown; fit: unknown; updated_at: Date; by: string | null }>(
      'select s.slug, s.banner, s.status, o.login as owner, s.version, s.doc, s.fit, s.updated_at, u.login as by from stories s left join users o on o.id = s.owner_id left join users u on u.id = s.updated_by where s.edition_id = $1 and s.id = $2',
      [edition, id],
    );
    const s = rows[0];
    if (!s) throw new NewsroomError(404, 'not-found', `there is no story '${id}' in edition '${edition}'`);
    return { id, slug: s.slug, banner: s.banner ?? undefined, status: s.status, owner: s.owner ?? undefined, version: s.version, doc: s.doc, fit: s.fit ?? undefined, updatedAt: iso(s.updated_at), updatedBy: s.by ?? undefined };
  }

  async getPage(_a: Actor, edition: string, id: string): Promise<PageRow> {
    const { rows } = await this.db.query<{ position: number; status: PageStatus; version: number; body: Omit<Page, 'id'>; updated_at: Date; by: string | null }>(
      'select p.position, p.status, p.version, p.body, p.updated_at, u.login as by from pages p left join users u on u.id = p.updated_by where p.edition_id = $1 and p.id = $2',
      [edition, id],
    );
    const p = rows[0];
    if (!p) throw new NewsroomError(404, 'not-found', `there is no page '${id}' in edition '${edition}'`);
    return { id, position: p.position, status: p.status, version: p.version, page: p.body, updatedAt: iso(p.updated_at), updatedBy: p.by ?? undefined };
  }

  /**
   * Names an uploaded photo in an edition (layout): an asset id and the path it takes in an
   * exported issue folder, pointing at a stored blob whose pixel size and colour it copies.
   */
  async addAsset(a: Actor, edition: string, x: { id: string; path: string; hash: string }, tx: Queryable = this.db): Promise<void> {
    this.require(a, 'photo.upload');
    checkId('photo', String(x.id ?? ''));
    const path = String(x.path ?? '');
    const badPath = path.length > 512 ? 'the photo path is longer than 512 characters' : checkAssetPath(path);
    if (badPath) throw new NewsroomError(400, 'invalid', `photo '${x.id}': ${badPath}`);
    const { rows: blob } = await tx.query<{ width: number; height: number; color_space: string | null }>('select width, height, color_space from blobs where hash = $1', [String(x.hash ?? '')]);
    if (!blob.length) throw new NewsroomError(400, 'invalid', `photo '${x.id}': no uploaded photo has the hash ${JSON.stringify(String(x.hash).slice(0, 70))}; upload it first`);
    await this.edition(edition, tx);
    await tx.query(
      'insert into assets(edition_id, id, path, hash, width, height, color_space, position) values ($1, $2, $3, $4, $5, $6, $7, (select coalesce(max(position), 0) + 1 from assets where edition_id = $1)) on conflict (edition_id, id) do update set path = excluded.path, hash = excluded.hash, width = excluded.width, height = excluded.height, color_space = excluded.color_space',
      [edition, x.id, path, x.hash, blob[0].width, blob[0].height, blob[0].color_space],
    );
    await audit(tx, a.userId, 'photo', { edition, target: x.id, detail: { hash: x.hash, path } });
    await notify(tx, { type: 'photo', edition, id: x.id, user: a.login });
  }

  async createPage(a: Actor, edition: string, p: Partial<Page> & { position?: number }): Promise<{ id: string; version: number }> {
    this.require(a, 'page.edit');
    return this.db.transaction(async (tx) => {
      await this.lockEdition(tx, edition);
      const id = p.id !== undefined ? checkId('page', String(p.id)) : await this.freeId(tx, 'pages', edition, 'page');
      const { rows: maxRows } = await tx.query<{ n: number | null; pos: number | null }>("select max((body->>'number')::int) as n, max(position) as pos from pages where edition_id = $1", [edition]);
      const body = await this.checkPage(tx, edition, { id, number: (maxRows[0].n ?? 0) + 1, section: '', editor: '', designer: '', frames: [], ...p } as Page);
      const position = p.position ?? (maxRows[0].pos ?? 0) + 1;
      await tx.query('update pages set position = position + 1 where edition_id = $1 and position >= $2', [edition, position]);
      const ins = await tx.query('insert into pages(edition_id, id, position, status, version, body, updated_by) values ($1, $2, $3, $4, 1, $5::jsonb, $6) on conflict do nothing returning id', [edition, id, position, body.frames.length ? 'layout' : 'empty', json(body), a.userId]);
      if (!ins.rows.length) throw new NewsroomError(409, 'exists', `there is already a page '${id}' in ${edition}`);
      await tx.query('insert into page_versions(edition_id, page_id, version, body, author_id, note) values ($1, $2, 1, $3::jsonb, $4, $5)', [edition, id, json(body), a.userId, 'created']);
      await audit(tx, a.userId, 'create-page', { edition, kind: 'page', target: id });
      await notify(tx, { type: 'created', edition, kind: 'page', id, version: 1, user: a.login });
      return { id, version: 1 };
    });
  }

  /**
   * Checks a story or page out to this session. The lease row is written by one INSERT … ON
   * CONFLICT whose condition (free, expired, or taken over by its holder's other session) is
   * evaluated by PostgreSQL under the row's lock: of two users asking at once, exactly one
   * gets a row back.
   */
  async checkout(a: Actor, edition: string, kind: TargetKind, id: string, opts: { takeover?: boolean } = {}): Promise<LeaseInfo> {
    await this.requireEdit(a, edition, kind, id);
    return this.db.transaction(async (tx) => {
      const before = await tx.query<{ user_id: number; login: string; expired: boolean; session_hash: Uint8Array }>(
        'select l.user_id, u.login, l.expires_at <= now() as expired, l.session_hash from leases l join users u on u.id = l.user_id where l.edition_id = $1 and l.kind = $2 and l.target_id = $3',
        [edition, kind, id],
      );
      const { rows } = await tx.query<{ acquired_at: Date; expires_at: Date }>(
        `insert into leases(edition_id, kind, target_id, user_id, session_hash, expires_at)
         values ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')
         on conflict (edition_id, kind, target_id) do update
           set user_id = excluded.user_id, session_hash = excluded.session_hash, expires_at = excluded.expires_at,
               acquired_at = case when leases.session_hash = excluded.session_hash then leases.acquired_at else now() end
           where leases.expires_at <= now() or leases.session_hash = excluded.session_hash or ($7 and leases.user_id = excluded.user_id)
         returning acquired_at, expires_at`,
        [edition, kind, id, a.userId, a.sessionHash, this.leaseMs, !!opts.takeover],
      );
      if (!rows.length) {
        const holder = (await this.leases(edition, a, tx)).find((l) => l.kind === kind && l.id === id);
        throw new NewsroomError(409, 'checked-out', holder ? `${kind} '${id}' is checked out by ${holder.userName} (${holder.user}) since ${holder.since}` : `${kind} '${id}' is checked out by someone else`, { holder });
      }
      const prev = before.rows[0];
      const again = prev && bytes(prev.session_hash).equals(a.sessionHash);
      if (!again) {
        const took = prev && !prev.expired ? 'takeover' : 'checkout';
        await audit(tx, a.userId, took, { edition, kind, target: id, detail: prev ? { from: prev.login, expired: prev.expired } : {} });
        await notify(tx, { type: took, edition, kind, id, user: a.login });
      }
      return { kind, id, user: a.login, userName: a.name, since: iso(rows[0].acquired_at), expires: iso(rows[0].expires_at), mine: true };
    });
  }

  /** Keeps this session's check-out alive; a lease lost (expired and taken, broken) is a 409. */
  async heartbeat(a: Actor, edition: string, kind: TargetKind, id: string): Promise<{ expires: string }> {
    const { rows } = await this.db.query<{ expires_at: Date }>(
      "update leases set expires_at = now() + $5 * interval '1 millisecond' where edition_id = $1 and kind = $2 and target_id = $3 and session_hash = $4 returning expires_at",
      [edition, kind, id, a.sessionHash, this.leaseMs],
    );
    if (!rows.length) throw await this.lost(edition, kind, id, a);
    return { expires: iso(rows[0].expires_at) };
  }

  /** Ends this session's check-out without a new version. */
  async cancel(a: Actor, edition: string, kind: TargetKind, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query('delete from leases where edition_id = $1 and kind = $2 and target_id = $3 and session_hash = $4 returning user_id', [edition, kind, id, a.sessionHash]);
      if (!rows.length) throw await this.lost(edition, kind, id, a, tx);
      await audit(tx, a.userId, 'cancel', { edition, kind, target: id });
      await notify(tx, { type: 'cancel', edition, kind, id, user: a.login });
    });
  }

  /** An admin ends someone's check-out (the holder's unsaved edits stay with the holder's client). */
  async breakLease(a: Actor, edition: string, kind: TargetKind, id: string): Promise<void> {
    this.require(a, 'lease.break');
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ login: string }>('delete from leases l using users u where u.id = l.user_id and l.edition_id = $1 and l.kind = $2 and l.target_id = $3 returning u.login', [edition, kind, id]);
      if (!rows.length) throw new NewsroomError(404, 'not-found', `${kind} '${id}' is not checked out`);
      await audit(tx, a.userId, 'break', { edition, kind, target: id, detail: { holder: rows[0].login } });
      await notify(tx, { type: 'break', edition, kind, id, user: a.login });
    });
  }

  /**
   * Checks a story in: its new text becomes the next version, in one transaction with the lease
   * check, so a server killed at any moment leaves the old version or the new one. `keep` keeps the
   * check-out (a save while still editing).
   */
  async checkinStory(a: Actor, edition: string, id: string, s: { doc: unknown; slug?: string; banner?: string | null; keep?: boolean; note?: string }): Promise<{ version: number }> {
    this.checkStory(s.doc, s.slug, s.banner, id);
    const version = await this.db.transaction(async (tx) => {
      await this.holdLease(tx, a, edition, 'story', id, !!s.keep);
      const { rows } = await tx.query<{ version: number; slug: string; banner: string | null }>(
        'update stories set version = version + 1, doc = $3::jsonb, slug = coalesce($4, slug), banner = case when $6 then $5 else banner end, updated_at = now(), updated_by = $7 where edition_id = $1 and id = $2 returning version, slug, banner',
        [edition, id, json(s.doc), s.slug ?? null, s.banner ?? null, s.banner !== undefined, a.userId],
      );
      const v = rows[0].version;
      await tx.query('insert into story_versions(edition_id, story_id, version, slug, banner, doc, author_id, note) values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)', [edition, id, v, rows[0].slug, rows[0].banner, json(s.doc), a.userId, String(s.note ?? '').slice(0, 500)]);
      await audit(tx, a.userId, 'checkin', { edition, kind: 'story', target: id, detail: { version: v } });
      await notify(tx, { type: 'checkin', edition, kind: 'story', id, version: v, user: a.login });
      return v;
    });
    return { version };
  }

  /** Checks a page in (layout): template, header fields and frames, checked like an issue file's page. */
  async checkinPage(a: Actor, edition: string, id: string, p: { page: Omit<Page, 'id'>; keep?: boolean; note?: string }): Promise<{ version: number }> {
    const version = await this.db.transaction(async (tx) => {
      await this.holdLease(tx, a, edition, 'page', id, !!p.keep);
      const body = await this.checkPage(tx, edition, { ...(p.page ?? {}), id } as Page);
      const { rows } = await tx.query<{ version: number }>(
        "update pages set version = version + 1, body = $3::jsonb, status = case when status = 'empty' and jsonb_array_length($3::jsonb->'frames') > 0 then 'layout' else status end, updated_at = now(), updated_by = $4 where edition_id = $1 and id = $2 returning version",
        [edition, id, json(body), a.userId],
      );
      const v = rows[0].version;
      await tx.query('insert into page_versions(edition_id, page_id, version, body, author_id, note) values ($1, $2, $3, $4::jsonb, $5, $6)', [edition, id, v, json(body), a.userId, String(p.note ?? '').slice(0, 500)]);
      // A ready story that a page now places is 'placed'.
      const placed = [...new Set(body.frames.flatMap((f) => (f.type === 'story' ? [f.storyId] : [])))];
      if (placed.length) {
        const { rows: moved } = await tx.query<{ id: string }>("update stories set status = 'placed' where edition_id = $1 and id = any($2::text[]) and status = 'ready' returning id", [edition, placed]);
        for (const m of moved) await notify(tx, { type: 'status', edition, kind: 'story', id: m.id, status: 'placed', user: a.login });
      }
      await audit(tx, a.userId, 'checkin', { edition, kind: 'page', target: id, detail: { version: v } });
      await notify(tx, { type: 'checkin', edition, kind: 'page', id, version: v, user: a.login });
      return v;
    });
    return { version };
  }

  async setStatus(a: Actor, edition: string, kind: TargetKind, id: string, status: string): Promise<void> {
    const allowed: readonly string[] = kind === 'story' ? STORY_STATUS_BY[a.role] : PAGE_STATUS_BY[a.role];
    const all: readonly string[] = kind === 'story' ? STORY_STATUSES : PAGE_STATUSES;
    if (!all.includes(status)) throw new NewsroomError(400, 'invalid', `unknown ${kind} status ${JSON.stringify(status)}; the statuses are ${all.join(', ')}`);
    if (!allowed.includes(status)) throw new NewsroomError(403, 'forbidden', `a ${a.role} cannot set a ${kind} to '${status}'${allowed.length ? ` (may set: ${allowed.join(', ')})` : ''}`);
    await this.db.transaction(async (tx) => {
      const table = kind === 'story' ? 'stories' : 'pages';
      const { rows: cur } = await tx.query<{ status: string }>(`select status from ${table} where edition_id = $1 and id = $2 for update`, [edition, id]);
      if (!cur.length) throw new NewsroomError(404, 'not-found', `there is no ${kind} '${id}' in edition '${edition}'`);
      const from = cur[0].status;
      if (kind === 'page' && a.role === 'layout' && (from === 'approved' || from === 'sent')) {
        throw new NewsroomError(403, 'forbidden', `page '${id}' is ${from}; only the chief can reopen it`);
      }
      if (kind === 'page' && status === 'sent' && from !== 'approved') throw new NewsroomError(409, 'not-approved', `page '${id}' is ${from}; a page goes to the plant only once approved`);
      await tx.query(`update ${table} set status = $3 where edition_id = $1 and id = $2`, [edition, id, status]);
      if (kind === 'page' && status === 'approved') {
        // Approving a page approves the stories it places.
        const { rows: body } = await tx.query<{ body: Omit<Page, 'id'> }>('select body from pages where edition_id = $1 and id = $2', [edition, id]);
        const ids = [...new Set(body[0].body.frames.flatMap((f) => (f.type === 'story' ? [f.storyId] : [])))];
        const { rows: moved } = await tx.query<{ id: string }>("update stories set status = 'approved' where edition_id = $1 and id = any($2::text[]) and status <> 'approved' returning id", [edition, ids]);
        for (const m of moved) await notify(tx, { type: 'status', edition, kind: 'story', id: m.id, status: 'approved', user: a.login });
      }
      await audit(tx, a.userId, status === 'approved' ? 'approve' : from === 'approved' || from === 'sent' ? 'reopen' : 'status', { edition, kind, target: id, detail: { from, to: status } });
      await notify(tx, { type: 'status', edition, kind, id, status, user: a.login });
    });
  }

  // ---- history ----

  async versions(_a: Actor, edition: string, kind: TargetKind, id: string): Promise<VersionInfo[]> {
    const sql =
      kind === 'story'
        ? 'select v.version, u.login, v.note, v.created_at from story_versions v left join users u on u.id = v.author_id where v.edition_id = $1 and v.story_id = $2 order by v.version desc'
        : 'select v.version, u.login, v.note, v.created_at from page_versions v left join users u on u.id = v.author_id where v.edition_id = $1 and v.page_id = $2 order by v.version desc';
    const { rows } = await this.db.query<{ version: number; login: string | null; note: string; created_at: Date }>(sql, [edition, id]);
    if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no ${kind} '${id}' in edition '${edition}'`);
    return rows.map((r) => ({ version: r.version, author: r.login ?? undefined, note: r.note, at: iso(r.created_at) }));
  }

  async version(_a: Actor | undefined, edition: string, kind: TargetKind, id: string, version: number): Promise<{ version: number; doc?: unknown; slug?: string; banner?: string; page?: Omit<Page, 'id'> }> {
    if (kind === 'story') {
      const { rows } = await this.db.query<{ doc: unknown; slug: string; banner: string | null }>('select doc, slug, banner from story_versions where edition_id = $1 and story_id = $2 and version = $3', [edition, id, version]);
      if (!rows.length) throw new NewsroomError(404, 'not-found', `story '${id}' has no version ${version}`);
      return { version, doc: rows[0].doc, slug: rows[0].slug, banner: rows[0].banner ?? undefined };
    }
    const { rows } = await this.db.query<{ body: Omit<Page, 'id'> }>('select body from page_versions where edition_id = $1 and page_id = $2 and version = $3', [edition, id, version]);
    if (!rows.length) throw new NewsroomError(404, 'not-found', `page '${id}' has no version ${version}`);
    return { version, page: rows[0].body };
  }

  async diff(a: Actor, edition: string, kind: TargetKind, id: string, from: number, to: number): Promise<TextDiff | PageDiff> {
    const [x, y] = await Promise.all([this.version(a, edition, kind, id, from), this.version(a, edition, kind, id, to)]);
    return kind === 'story' ? diffStoryText(x.doc, y.doc) : diffPages(x.page!, y.page!);
  }

  /** Restores an old version as a new one (history is never rewritten); allowed to whoever may edit it, when nobody else holds it. */
  async restore(a: Actor, edition: string, kind: TargetKind, id: string, version: number): Promise<{ version: number }> {
    await this.requireEdit(a, edition, kind, id);
    const old = await this.version(a, edition, kind, id, version);
    const held = (await this.leases(edition, a)).find((l) => l.kind === kind && l.id === id);
    if (held && !held.mine) throw new NewsroomError(409, 'checked-out', `${kind} '${id}' is checked out by ${held.userName} (${held.user}); restore it once it is checked in`, { holder: held });
    if (!held) await this.checkout(a, edition, kind, id);
    const note = `restored from version ${version}`;
    const r = kind === 'story' ? await this.checkinStory(a, edition, id, { doc: old.doc, slug: old.slug, banner: old.banner ?? null, keep: !!held, note }) : await this.checkinPage(a, edition, id, { page: old.page!, keep: !!held, note });
    await audit(this.db, a.userId, 'restore', { edition, kind, target: id, detail: { from: version, version: r.version } });
    return r;
  }

  async audit(a: Actor, edition?: string, limit = 500): Promise<{ at: string; user?: string; action: string; edition?: string; kind?: string; id?: string; detail: unknown }[]> {
    this.require(a, 'audit.read');
    const { rows } = await this.db.query<{ at: Date; login: string | null; action: string; edition_id: string | null; kind: string | null; target_id: string | null; detail: unknown }>(
      `select a.at, u.login, a.action, a.edition_id, a.kind, a.target_id, a.detail from audit a left join users u on u.id = a.user_id ${edition ? 'where a.edition_id = $2' : ''} order by a.id desc limit $1`,
      edition ? [clampLimit(limit), edition] : [clampLimit(limit)],
    );
    return rows.map((r) => ({ at: iso(r.at), user: r.login ?? undefined, action: r.action, edition: r.edition_id ?? undefined, kind: r.kind ?? undefined, id: r.target_id ?? undefined, detail: r.detail }));
  }

  // ---- checks ----

  require(a: Actor, p: Permission): void {
    if (!(PERMISSIONS[p] as readonly Role[]).includes(a.role)) throw new NewsroomError(403, 'forbidden', `a ${a.role} may not ${describe(p)}`);
  }

  /** May this user change this story's text or this page's layout? (Checked on every check-out and restore.) */
  private async requireEdit(a: Actor, edition: string, kind: TargetKind, id: string): Promise<void> {
    if (kind === 'page') {
      this.require(a, 'page.edit');
      const { rows } = await this.db.query<{ status: PageStatus }>('select status from pages where edition_id = $1 and id = $2', [edition, id]);
      if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no page '${id}' in edition '${edition}'`);
      if (rows[0].status === 'approved' || rows[0].status === 'sent') throw new NewsroomError(409, 'approved', `page '${id}' is ${rows[0].status === 'sent' ? 'sent to the plant' : 'approved'}; the chief must reopen it first`);
      return;
    }
    const { rows } = await this.db.query<{ owner_id: number | null; status: StoryStatus }>('select owner_id, status from stories where edition_id = $1 and id = $2', [edition, id]);
    if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no story '${id}' in edition '${edition}'`);
    if ((PERMISSIONS['story.edit-any'] as readonly Role[]).includes(a.role)) return;
    if ((PERMISSIONS['story.edit-own'] as readonly Role[]).includes(a.role)) {
      if (rows[0].owner_id !== a.userId) throw new NewsroomError(403, 'forbidden', `a reporter may edit only their own stories; '${id}' is not yours`);
      if (rows[0].status === 'approved') throw new NewsroomError(403, 'forbidden', `story '${id}' is approved; ask the desk to reopen it`);
      return;
    }
    throw new NewsroomError(403, 'forbidden', `a ${a.role} may not edit a story's text`);
  }

  /** Inside a check-in's transaction: this session must hold the lease (expired or not, as long as nobody took it). */
  private async holdLease(tx: Queryable, a: Actor, edition: string, kind: TargetKind, id: string, keep: boolean): Promise<void> {
    const { rows } = keep
      ? await tx.query("update leases set expires_at = now() + $5 * interval '1 millisecond' where edition_id = $1 and kind = $2 and target_id = $3 and session_hash = $4 returning user_id", [edition, kind, id, a.sessionHash, this.leaseMs])
      : await tx.query('delete from leases where edition_id = $1 and kind = $2 and target_id = $3 and session_hash = $4 returning user_id', [edition, kind, id, a.sessionHash]);
    if (!rows.length) throw await this.lost(edition, kind, id, a, tx);
  }

  private async lost(edition: string, kind: TargetKind, id: string, a: Actor, q: Queryable = this.db): Promise<NewsroomError> {
    const holder = (await this.leases(edition, a, q)).find((l) => l.kind === kind && l.id === id);
    return holder
      ? new NewsroomError(409, 'not-checked-out', `${kind} '${id}' is checked out by ${holder.userName} (${holder.user}) since ${holder.since}, not by this session; keep your text and ask them`, { holder })
      : new NewsroomError(409, 'not-checked-out', `${kind} '${id}' is not checked out by this session (the check-out ended or was broken); check it out again`);
  }

  private checkStory(doc: unknown, slug: unknown, banner: unknown, id: string): void {
    if (typeof doc !== 'object' || doc === null) throw new NewsroomError(400, 'invalid', `story '${id}': the text is missing`);
    if (json(doc).length > MAX_STORY_CHARS) throw new NewsroomError(413, 'too-large', `story '${id}': the text is larger than ${MAX_STORY_CHARS / 2 ** 20} MB of JSON; split it`);
    const bad = checkStoryDoc(doc);
    if (bad) throw new NewsroomError(400, 'invalid', `story '${id}': ${bad}`);
    if (slug !== undefined && typeof slug !== 'string') throw new NewsroomError(400, 'invalid', `story '${id}': the slug must be text`);
    if (banner !== undefined && banner !== null && typeof banner !== 'string') throw new NewsroomError(400, 'invalid', `story '${id}': the banner must be text`);
  }

  /** A page as an issue file holds it, checked: shape, template, and the stories and photos its frames name. */
  private async checkPage(tx: Queryable, edition: string, p: Page): Promise<Omit<Page, 'id'>> {
    const r = pageSchema.safeParse(p);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new NewsroomError(400, 'invalid', `page '${p.id}': ${i.message} (at ${i.path.join('.') || 'page'})`);
    }
    this.templates ??= new Set(knownTemplateIds());
    if (this.templates.size && !this.templates.has(r.data.templateId)) throw new NewsroomError(400, 'invalid', `page '${p.id}': unknown template '${r.data.templateId}'`);
    const frameIds = new Set<string>();
    for (const f of r.data.frames) {
      if (frameIds.has(f.id)) throw new NewsroomError(400, 'invalid', `page '${p.id}': two frames are called '${f.id}'`);
      frameIds.add(f.id);
    }
    const storyIds = [...new Set(r.data.frames.flatMap((f) => (f.type === 'story' || (f.type === 'photo' && f.storyId) ? [f.storyId!] : [])))];
    if (storyIds.length) {
      const { rows } = await tx.query<{ id: string }>('select id from stories where edition_id = $1 and id = any($2::text[])', [edition, storyIds]);
      const missing = storyIds.filter((s) => !rows.some((x) => x.id === s));
      if (missing.length) throw new NewsroomError(400, 'invalid', `page '${p.id}': a frame places story '${missing[0]}', which edition '${edition}' does not have`);
    }
    const assetIds = [...new Set(r.data.frames.flatMap((f) => (f.type === 'photo' && f.assetId ? [f.assetId] : [])))];
    if (assetIds.length) {
      const { rows } = await tx.query<{ id: string }>('select id from assets where edition_id = $1 and id = any($2::text[])', [edition, assetIds]);
      const missing = assetIds.filter((s) => !rows.some((x) => x.id === s));
      if (missing.length) throw new NewsroomError(400, 'invalid', `page '${p.id}': a photo frame shows photo '${missing[0]}', which edition '${edition}' does not have`);
    }
    const { id: _id, ...body } = r.data;
    return body;
  }

  private async lockEdition(tx: Queryable, edition: string): Promise<void> {
    const { rows } = await tx.query('select id from editions where id = $1 for update', [edition]);
    if (!rows.length) throw new NewsroomError(404, 'not-found', `there is no edition '${edition}'`);
  }

  private async freeId(tx: Queryable, table: 'stories' | 'pages', edition: string, prefix: string): Promise<string> {
    const { rows } = await tx.query<{ n: string | number }>(`select count(*) as n from ${table} where edition_id = $1`, [edition]);
    for (let n = Number(rows[0].n) + 1; ; n++) {
      const id = `${prefix}-${n}`;
      const { rows: e } = await tx.query(`select 1 from ${table} where edition_id = $1 and id = $2`, [edition, id]);
      if (!e.length) return id;
    }
  }
}

export function checkId(what: string, id: string): string {
  if (!ID.test(id)) throw new NewsroomError(400, 'invalid', `bad ${what} id ${JSON.stringify(id.slice(0, 80))}`);
  return id;
}

const clampLimit = (n: number) => (Number.isInteger(n) ? Math.min(Math.max(n, 1), 5000) : 500);

function describe(p: Permission): string {
  return {
    'story.create': 'file a story',
    'story.edit-own': 'edit stories',
    'story.edit-any': "edit other people's stories",
    'page.edit': 'change a page’s layout (pages, frames, placing stories and photos)',
    'photo.upload': 'upload photos',
    'edition.create': 'create an edition',
    'lease.break': 'break someone’s check-out',
    'users.manage': 'manage users',
    'audit.read': 'read the audit log',
  }[p];
}

export async function audit(tx: Queryable, userId: number | undefined, action: string, e: { edition?: string; kind?: string; target?: string; detail?: Record<string, unknown> }): Promise<void> {
  await tx.query('insert into audit(user_id, action, edition_id, kind, target_id, detail) values ($1, $2, $3, $4, $5, $6::jsonb)', [userId ?? null, action, e.edition ?? null, e.kind ?? null, e.target ?? null, json(e.detail ?? {})]);
}

/** Announces a change; inside a transaction PostgreSQL delivers it at commit, and not at all on rollback. */
export async function notify(tx: Queryable, e: Omit<NewsroomEvent, 'sent'>): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, json({ ...e, sent: Date.now() })]);
}
