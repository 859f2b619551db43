/**
 * The newsroom schema, as numbered migrations. A migration is never edited once released: a
 * change is a new migration with the next number. `SCHEMA_VERSION` is the newest this server knows.
 */

export interface Migration {
  version: number;
  sql: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: [
      `create table users (
        id serial primary key,
        login text not null unique,
        name text not null,
        role text not null check (role in ('reporter', 'editor', 'layout', 'chief', 'admin')),
        salt bytea not null,
        hash bytea not null,
        disabled boolean not null default false,
        created_at timestamptz not null default now()
      )`,
      `create table sessions (
        token_hash bytea primary key,
        user_id int not null references users(id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      )`,
      `create index sessions_user on sessions(user_id)`,
      `create table editions (
        id text primary key,
        paper text not null,
        date text not null,
        edition text not null default '',
        meta jsonb not null default '{}',
        created_at timestamptz not null default now()
      )`,
      `create table stories (
        edition_id text not null references editions(id) on delete cascade,
        id text not null,
        position int not null,
        slug text not null default '',
        banner text,
        status text not null default 'draft' check (status in ('draft', 'edited', 'ready', 'placed', 'approved')),
        owner_id int references users(id),
        version int not null,
        doc jsonb not null,
        fit jsonb,
        updated_at timestamptz not null default now(),
        updated_by int references users(id),
        primary key (edition_id, id)
      )`,
      `create table story_versions (
        edition_id text not null,
        story_id text not null,
        version int not null,
        slug text not null,
        banner text,
        doc jsonb not null,
        author_id int references users(id),
        note text not null default '',
        created_at timestamptz not null default now(),
        primary key (edition_id, story_id, version),
        foreign key (edition_id, story_id) references stories(edition_id, id) on delete cascade
      )`,
      `create table pages (
        edition_id text not null references editions(id) on delete cascade,
        id text not null,
        position int not null,
        status text not null default 'empty' check (status in ('empty', 'layout', 'ready', 'approved', 'sent')),
        version int not null,
        body jsonb not null,
        updated_at timestamptz not null default now(),
        updated_by int references users(id),
        primary key (edition_id, id)
      )`,
      `create table page_versions (
        edition_id text not null,
        page_id text not null,
        version int not null,
        body jsonb not null,
        author_id int references users(id),
        note text not null default '',
        created_at timestamptz not null default now(),
        primary key (edition_id, page_id, version),
        foreign key (edition_id, page_id) references pages(edition_id, id) on delete cascade
      )`,
      `create table blobs (
        hash text primary key,
        bytes bytea not null,
        size int not null,
        width int not null,
        height int not null,
        format text not null,
        color_space text,
        created_at timestamptz not null default now()
      )`,
      `create table assets (
        edition_id text not null references editions(id) on delete cascade,
        id text not null,
        path text not null,
        hash text references blobs(hash),
        width int,
        height int,
        color_space text,
        primary key (edition_id, id)
      )`,
      `create table leases (
        edition_id text not null,
        kind text not null check (kind in ('story', 'page')),
        target_id text not null,
        user_id int not null references users(id),
        session_hash bytea not null,
        acquired_at timestamptz not null default now(),
        expires_at timestamptz not null,
        primary key (edition_id, kind, target_id)
      )`,
      `create table audit (
        id bigserial primary key,
        at timestamptz not null default now(),
        user_id int references users(id),
        action text not null,
        edition_id text,
        kind text,
        target_id text,
        detail jsonb not null default '{}'
      )`,
      `create index audit_edition on audit(edition_id, at)`,
    ],
  },
  {
    // An edition's photos keep the order of the issue file they came from (and of their upload).
    version: 2,
    sql: [`alter table assets add column position int`, `update assets set position = 0 where position is null`],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
