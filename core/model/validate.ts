import { issue as issueSchema, page as pageSchema, story as storySchema_, asset as assetSchema, type Issue, type Page, type Story, type Asset } from './issue.js';
import { storySchema } from './story-schema.js';
import { errorMessage } from '../error-message.js';

/**
 * Validation of a whole issue as loaded from a file: the zod shape of the model, every story
 * document against the ProseMirror story schema, template ids against the known templates,
 * asset paths staying inside the issue's folder, and the references between pages, frames,
 * stories and assets. When an issue is invalid, `salvageIssue` keeps the parts that are valid
 * on their own, so the editor can offer them instead of nothing.
 */

/** One thing wrong with an issue, located by a JSON path and described in the newsroom's words. */
export interface IssueProblem {
  /** JSON path, e.g. `pages[2].frames[0].rect.span`. */
  path: string;
  /** Human location, e.g. `page 3, frame "f12"`. */
  where: string;
  message: string;
}

export interface ValidateOptions {
  /** Template ids the app knows; when given, a page with another template id is a problem. */
  knownTemplateIds?: Iterable<string>;
  /** Font keys of assets/fonts.json; when given, a frame's headline face must be one of them. */
  knownFontKeys?: Iterable<string>;
  /** Stop collecting after this many problems (default 50). */
  maxProblems?: number;
}

export type ValidationResult =
  | { ok: true; issue: Issue; warnings: string[] }
  | { ok: false; problems: IssueProblem[]; warnings: string[] };

/** Formats a JSON path as `pages[2].frames[0].rect`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out ? '.' : '') + String(key);
  }
  return out || '(top level)';
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const idOf = (v: unknown): string | undefined => (isObj(v) && typeof v.id === 'string' ? v.id : undefined);

/** Describes where a JSON path points in newsroom terms: page number, frame id, story id. */
export function describePath(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next: unknown = isObj(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[key as string] : undefined;
    const parentKey = path[i - 1];
    if (typeof key === 'number') {
      const id = idOf(next);
      if (parentKey === 'pages') {
        const num = isObj(next) && typeof next.number === 'number' ? next.number : undefined;
        parts.push(num !== undefined ? `page ${num}` : `page #${key + 1}`);
      } else if (parentKey === 'frames') parts.push(id ? `frame "${id}"` : `frame #${key + 1}`);
      else if (parentKey === 'stories') parts.push(id ? `story "${id}"` : `story #${key + 1}`);
      else if (parentKey === 'assets') parts.push(id ? `photo link "${id}"` : `photo link #${key + 1}`);
      else if (parentKey === 'guides') parts.push(`ruler guide #${key + 1}`);
    }
    node = next;
  }
  return parts.join(', ');
}

const clip = (s: string, n = 160) => (s.length > n ? s.slice(0, n) + '…' : s);

/** A story document problem: where in the doc JSON (path below `doc`) and what. */
export interface StoryDocProblem {
  path: Array<string | number>;
  message: string;
}

const MAX_DOC_DEPTH = 64;

/**
 * Checks a story's ProseMirror JSON against the story schema: known node and mark types, text
 * nodes with text, attributes of the right kind, and each node's content allowed by the schema.
 * Walks iteratively, so a maliciously deep document cannot overflow the stack.
 */
export function checkStoryDocAt(doc: unknown): StoryDocProblem | null {
  const stack: Array<{ node: unknown; path: Array<string | number>; depth: number }> = [{ node: doc, path: [], depth: 0 }];
  while (stack.length) {
    const { node, path, depth } = stack.pop()!;
    if (depth > MAX_DOC_DEPTH) return { path, message: `the story document is nested more than ${MAX_DOC_DEPTH} levels deep` };
    if (!isObj(node)) return { path, message: 'a node of the story document is not an object' };
    const name = node.type;
    if (typeof name !== 'string') return { path, message: 'a node of the story document has no type' };
    const type = storySchema.nodes[name];
    if (!type) return { path, message: `unknown kind of block or node "${clip(name, 40)}"` };
    if (name === 'text') {
      if (typeof node.text !== 'string' || node.text === '') return { path, message: 'a text node without text' };
    } else if (node.text !== undefined) return { path, message: `a "${name}" node with a text field` };
    if (node.marks !== undefined) {
      if (!Array.isArray(node.marks)) return { path: [...path, 'marks'], message: 'marks must be a list' };
      for (const [i, m] of node.marks.entries()) {
        const mt = isObj(m) && typeof m.type === 'string' ? m.type : undefined;
        if (!mt || !storySchema.marks[mt]) return { path: [...path, 'marks', i], message: `unknown text style (mark) ${mt ? `"${clip(mt, 40)}"` : ''}`.trim() };
      }
    }
    if (node.attrs !== undefined) {
      if (!isObj(node.attrs)) return { path: [...path, 'attrs'], message: 'attrs must be an object' };
      for (const [k, v] of Object.entries(node.attrs)) {
        if (!type.spec.attrs || !(k in type.spec.attrs)) return { path: [...path, 'attrs', k], message: `a "${name}" has no attribute "${clip(k, 40)}"` };
        if (name === 'photo' && k === 'assetId' && v !== null && typeof v !== 'string') return { path: [...path, 'attrs', k], message: 'a photo\'s assetId must be a photo link id or null' };
        if (name === 'photo' && k === 'alt' && typeof v !== 'string') return { path: [...path, 'attrs', k], message: 'a photo\'s alt text must be text' };
      }
    }
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return { path: [...path, 'content'], message: 'content must be a list' };
      for (let i = node.content.length - 1; i >= 0; i--) stack.push({ node: node.content[i], path: [...path, 'content', i], depth: depth + 1 });
    }
  }
  // The shape is sound: now the content rules (which blocks may follow which), per node.
  let root;
  try {
    root = storySchema.nodeFromJSON(doc as Json);
  } catch (err) {
    return { path: [], message: clip(errorMessage(err)) };
  }
  const nodes: Array<{ node: typeof root; path: Array<string | number> }> = [{ node: root, path: [] }];
  while (nodes.length) {
    const { node, path } = nodes.pop()!;
    if (!node.type.validContent(node.content)) {
      const kids: string[] = [];
      node.content.forEach((c) => kids.push(c.type.name));
      const shown = kids.length > 8 ? [...kids.slice(0, 8), '…'] : kids;
      return { path, message: `a "${node.type.name}" may not hold [${shown.join(', ')}] in this order (allowed: ${node.type.spec.content ?? 'nothing'})` };
    }
    let badMarks = -1;
    node.forEach((child, _offset, i) => {
      if (!child.isText) nodes.push({ node: child, path: [...path, 'content', i] });
      else if (badMarks < 0 && !node.type.allowsMarks(child.marks)) badMarks = i;
    });
    if (badMarks >= 0) return { path: [...path, 'content', badMarks], message: `a text style (bold, emphasis) that a "${node.type.name}" does not allow` };
  }
  return null;
}

/** Checks a story's ProseMirror JSON against the story schema; returns the problem in words, or null. */
export function checkStoryDoc(doc: unknown): string | null {
  const p = checkStoryDocAt(doc);
  return p && `the story text does not fit the story schema: ${p.message}${p.path.length ? ` (at doc${formatPath(p.path).replace(/^(?!\[)/, '.')})` : ''}`;
}

/**
 * Checks that a linked asset path is relative and stays inside the issue's folder (no `..`
 * escaping it, no absolute or drive paths, no NUL); returns the problem or null.
 */
export function checkAssetPath(p: string): string | null {
  if (p.includes('\0')) return 'the photo path contains a NUL character';
  if (/^[a-zA-Z]:/.test(p) || p.startsWith('/') || p.startsWith('\\')) return `the photo path "${clip(p, 80)}" is absolute; links must be relative to the issue file`;
  let depth = 0;
  for (const seg of p.split(/[\\/]+/)) {
    if (seg === '..') depth--;
    else if (seg !== '.' && seg !== '') depth++;
    if (depth < 0) return `the photo path "${clip(p, 80)}" points outside the issue's folder`;
  }
  if (depth === 0) return `the photo path "${clip(p, 80)}" does not name a file`;
  return null;
}

interface Collector {
  problems: IssueProblem[];
  warnings: string[];
  add(path: PropertyKey[], message: string): void;
}

function collector(raw: unknown, max: number): Collector {
  const c: Collector = {
    problems: [],
    warnings: [],
    add(path, message) {
      if (c.problems.length < max) c.problems.push({ path: formatPath(path), where: describePath(raw, path), message });
    },
  };
  return c;
}

const KIND: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' };

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `"${clip(v, 40)}"`;
  if (typeof v === 'number' && !Number.isFinite(v)) return 'an invalid number';
  return String(v);
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = raw;
  for (const k of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[k] : undefined;
  return node;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  options?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
}

/** A zod issue in the editor's words: which field, what it should be, what was found. */
function zodProblem(raw: unknown, issue: unknown): string {
  const iss = issue as ZodIssueLike;
  const last = iss.path[iss.path.length - 1];
  const field = typeof last === 'string' ? last : undefined;
  const name = field ? `"${field}"` : iss.path.length ? 'this entry' : 'the file';
  const actual = valueAt(raw, iss.path);
  switch (iss.code) {
    case 'invalid_type':
      if (actual === undefined) return `the field ${name} is missing`;
      return `${name} should be ${KIND[iss.expected ?? ''] ?? iss.expected}, found ${shown(actual)}`;
    case 'invalid_value':
      return `${name} should be ${(iss.values ?? []).map((v) => JSON.stringify(v)).join(' or ')}, found ${shown(actual)}`;
    case 'invalid_union':
      return iss.options ? `${name} should be one of ${iss.options.map((v) => JSON.stringify(v)).join(', ')}, found ${shown(actual)}` : `${name} has the wrong kind of value (${shown(actual)})`;
    case 'too_small':
      return iss.origin === 'string' || iss.origin === 'array' ? `${name} must not be empty` : `${name} must be at least ${iss.minimum}, found ${shown(actual)}`;
    case 'too_big':
      return `${name} must be at most ${iss.maximum}, found ${shown(actual)}`;
    case 'invalid_format':
      return field === 'date' ? `${name} must be a date written YYYY-MM-DD, found ${shown(actual)}` : `${name} has the wrong format, found ${shown(actual)}`;
    default:
      return `${name}: ${clip(iss.message, 120)}`;
  }
}

/** Validates raw (already migrated) issue JSON; returns the typed issue or every problem found. */
export function validateIssue(raw: unknown, opts: ValidateOptions = {}): ValidationResult {
  const c = collector(raw, opts.maxProblems ?? 50);
  const parsed = issueSchema.safeParse(raw);
  if (!parsed.success) {
    for (const iss of parsed.error.issues) c.add(iss.path as PropertyKey[], zodProblem(raw, iss));
    return { ok: false, problems: c.problems, warnings: c.warnings };
  }
  const value = parsed.data;
  checkContent(value, c, opts);
  if (c.problems.length) return { ok: false, problems: c.problems, warnings: c.warnings };
  const unknown = droppedFields(raw, value);
  if (unknown.length) c.warnings.push(`fields this version of Broadsheet does not know will not be kept when saving: ${unknown.slice(0, 8).join(', ')}${unknown.length > 8 ? ` and ${unknown.length - 8} more` : ''}`);
  return { ok: true, issue: value, warnings: c.warnings };
}

/** Field paths present in the raw JSON but not in the parsed issue (zod drops unknown keys); story docs excluded. */
function droppedFields(raw: unknown, parsed: Issue): string[] {
  const out: string[] = [];
  const cmp = (r: unknown, p: unknown, path: PropertyKey[]) => {
    if (!isObj(r) || !isObj(p)) return;
    for (const k of Object.keys(r)) if (!(k in p)) out.push(formatPath([...path, k]));
  };
  const rawObj = raw as { pages?: unknown[]; stories?: unknown[]; assets?: unknown[] };
  cmp(raw, parsed, []);
  parsed.pages.forEach((pg, i) => {
    const rp = rawObj.pages?.[i] as { frames?: unknown[] } | undefined;
    cmp(rp, pg, ['pages', i]);
    pg.frames.forEach((f, j) => {
      cmp(rp?.frames?.[j], f, ['pages', i, 'frames', j]);
      cmp((rp?.frames?.[j] as { rect?: unknown } | undefined)?.rect, f.rect, ['pages', i, 'frames', j, 'rect']);
    });
  });
  parsed.stories.forEach((st, i) => cmp(rawObj.stories?.[i], st, ['stories', i]));
  parsed.assets.forEach((a, i) => cmp(rawObj.assets?.[i], a, ['assets', i]));
  return out;
}

function checkContent(value: Issue, c: Collector, opts: ValidateOptions): void {
  const known = opts.knownTemplateIds ? new Set(opts.knownTemplateIds) : undefined;
  const faces = opts.knownFontKeys ? new Set(opts.knownFontKeys) : undefined;
  const dup = (kind: string, list: Array<{ id: string }>, key: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) c.add([key, i, 'id'], `${kind} id "${x.id}" is used twice`);
      seen.add(x.id);
    });
  };
  dup('page', value.pages, 'pages');
  dup('story', value.stories, 'stories');
  dup('photo link', value.assets, 'assets');

  value.assets.forEach((a, i) => {
    const p = checkAssetPath(a.path);
    if (p) c.add(['assets', i, 'path'], p);
  });
  value.stories.forEach((s, i) => {
    const p = checkStoryDocAt(s.doc);
    if (p) c.add(['stories', i, 'doc', ...p.path], `the story text does not fit the story schema: ${p.message}`);
  });

  const storyIds = new Set(value.stories.map((s) => s.id));
  const assetIds = new Set(value.assets.map((a) => a.id));
  const frames = new Map<string, { storyId?: string }>();
  value.pages.forEach((pg, pi) => {
    if (known && !known.has(pg.templateId)) {
      c.add(['pages', pi, 'templateId'], `unknown template "${pg.templateId}" (known: ${[...known].slice(0, 12).join(', ') || 'none'})`);
    }
    pg.frames.forEach((f, fi) => {
      if (frames.has(f.id)) c.add(['pages', pi, 'frames', fi, 'id'], `frame id "${f.id}" is used twice`);
      frames.set(f.id, { storyId: f.type === 'story' ? f.storyId : undefined });
      if (f.type === 'story' && f.headlineFont !== undefined && faces && !faces.has(f.headlineFont)) c.add(['pages', pi, 'frames', fi, 'headlineFont'], `unknown headline face "${f.headlineFont}" (the bundled faces: ${[...faces].join(', ')})`);
      if (f.type === 'story' && !storyIds.has(f.storyId)) c.add(['pages', pi, 'frames', fi, 'storyId'], `the frame shows story "${f.storyId}", which is not in the issue`);
      if (f.type === 'photo' && f.assetId !== null && !assetIds.has(f.assetId)) c.add(['pages', pi, 'frames', fi, 'assetId'], `the frame shows photo "${f.assetId}", which is not among the issue's photo links`);
      if (f.type === 'photo' && f.storyId !== undefined && !storyIds.has(f.storyId)) c.add(['pages', pi, 'frames', fi, 'storyId'], `the photo belongs to story "${f.storyId}", which is not in the issue`);
    });
  });
  value.pages.forEach((pg, pi) =>
    pg.frames.forEach((f, fi) => {
      if (f.type !== 'story' || !f.next) return;
      const next = frames.get(f.next);
      if (!next) c.add(['pages', pi, 'frames', fi, 'next'], `the story continues in frame "${f.next}", which does not exist`);
      else if (next.storyId !== f.storyId) c.add(['pages', pi, 'frames', fi, 'next'], `the story continues in frame "${f.next}", which shows another story`);
    }),
  );
  // Figures pointing at a missing photo show a placeholder; worth telling, not worth refusing the file.
  for (const s of value.stories) {
    for (const id of photoIdsInDoc(s.doc)) {
      if (!assetIds.has(id)) c.warnings.push(`story "${s.id}" has a figure with photo "${id}", which is not among the issue's photo links`);
    }
  }
}

function photoIdsInDoc(doc: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [doc];
  while (stack.length) {
    const n = stack.pop();
    if (!isObj(n)) continue;
    if (n.type === 'photo' && isObj(n.attrs) && typeof n.attrs.assetId === 'string') out.push(n.attrs.assetId);
    if (Array.isArray(n.content)) for (const c of n.content) stack.push(c);
  }
  return out;
}

/** What could be kept from an invalid issue, and a line for each part that could not. */
export interface SalvagedIssue {
  issue: Issue;
  kept: { pages: number; stories: number; assets: number };
  dropped: string[];
}

/**
 * Keeps every page, story and photo link of an invalid issue that is valid on its own, and
 * drops frames that point at dropped stories. Returns undefined when nothing is worth offering.
 */
export function salvageIssue(raw: unknown, opts: ValidateOptions = {}): SalvagedIssue | undefined {
  if (!isObj(raw)) return undefined;
  const known = opts.knownTemplateIds ? new Set(opts.knownTemplateIds) : undefined;
  const faces = opts.knownFontKeys ? new Set(opts.knownFontKeys) : undefined;
  const dropped: string[] = [];
  const field = <T>(key: keyof Issue, fallback: T): T => {
    const r = (issueSchema.shape[key] as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(raw[key]);
    return r.success ? (r.data as T) : fallback;
  };
  const assets: Asset[] = [];
  const assetIds = new Set<string>();
  arr(raw.assets).forEach((a, i) => {
    const r = assetSchema.safeParse(a);
    const problem = !r.success ? zodProblem(a, r.error.issues[0]) : checkAssetPath(r.data.path) ?? (assetIds.has(r.data.id) ? 'duplicate id' : null);
    if (problem || !r.success) return void dropped.push(`${describePath(raw, ['assets', i])}: ${problem}`);
    assets.push(r.data);
    assetIds.add(r.data.id);
  });
  const stories: Story[] = [];
  const storyIds = new Set<string>();
  arr(raw.stories).forEach((s, i) => {
    const r = storySchema_.safeParse(s);
    const problem = !r.success ? zodProblem(s, r.error.issues[0]) : checkStoryDoc(r.data.doc) ?? (storyIds.has(r.data.id) ? 'duplicate id' : null);
    if (problem || !r.success) return void dropped.push(`${describePath(raw, ['stories', i])}: ${problem}`);
    stories.push(r.data);
    storyIds.add(r.data.id);
  });
  const pages: Page[] = [];
  const pageIds = new Set<string>();
  const frameIds = new Set<string>();
  arr(raw.pages).forEach((p, i) => {
    let r = pageSchema.safeParse(p);
    // Bad ruler guides cost the page only its guides (they are an aid, never printed).
    if (!r.success && isObj(p) && r.error.issues.every((iss) => iss.path[0] === 'guides')) {
      dropped.push(`${describePath(raw, ['pages', i])}: its ruler guides (${zodProblem(p, r.error.issues[0])})`);
      const { guides: _, ...rest } = p;
      r = pageSchema.safeParse(rest);
    }
    if (!r.success) return void dropped.push(`${describePath(raw, ['pages', i])}: ${zodProblem(p, r.error.issues[0])} (at pages[${i}]${formatPath(r.error.issues[0]?.path ?? []).replace(/^(?!\[)/, '.')})`);
    if (known && !known.has(r.data.templateId)) return void dropped.push(`${describePath(raw, ['pages', i])}: unknown template "${r.data.templateId}"`);
    if (pageIds.has(r.data.id)) return void dropped.push(`${describePath(raw, ['pages', i])}: duplicate id`);
    pageIds.add(r.data.id);
    const frames = r.data.frames.filter((f) => {
      if (frameIds.has(f.id)) {
        dropped.push(`page ${r.data.number}, frame "${f.id}": its id is used twice`);
        return false;
      }
      if (f.type === 'story' && !storyIds.has(f.storyId)) {
        dropped.push(`page ${r.data.number}, frame "${f.id}": its story "${f.storyId}" could not be recovered`);
        return false;
      }
      frameIds.add(f.id);
      return true;
    });
    pages.push({ ...r.data, frames });
  });
  // Second pass: references that only resolve once every page is known.
  for (const pg of pages) {
    for (const f of pg.frames) {
      if (f.type === 'photo' && f.assetId !== null && !assetIds.has(f.assetId)) f.assetId = null;
      if (f.type === 'photo' && f.storyId !== undefined && !storyIds.has(f.storyId)) delete f.storyId;
      if (f.type === 'story' && f.next && !frameIds.has(f.next)) delete f.next;
      if (f.type === 'story' && f.headlineFont !== undefined && faces && !faces.has(f.headlineFont)) {
        dropped.push(`page ${pg.number}, frame "${f.id}": unknown headline face "${f.headlineFont}" (set in the template's)`);
        delete f.headlineFont;
      }
    }
  }
  if (!pages.length && !stories.length) return undefined;
  const issue: Issue = {
    format: 'broadsheet-issue',
    version: (issueSchema.shape.version.safeParse(raw.version).success ? raw.version : 1) as number,
    paper: field('paper', 'Recovered issue'),
    issueNumber: field('issueNumber', ''),
    totalNumber: field('totalNumber', ''),
    date: field('date', '1970-01-01'),
    edition: field('edition', ''),
    serial: field('serial', ''),
    publisher: field('publisher', ''),
    pages,
    stories,
    assets,
  };
  return { issue, kept: { pages: pages.length, stories: stories.length, assets: assets.length }, dropped };
}

