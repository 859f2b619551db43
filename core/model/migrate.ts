import { ISSUE_FORMAT_VERSION } from './issue.js';

/**
 * Migrations of issue files from older format versions, applied in memory on open (the file
 * on disk is only rewritten by the editor's next save). Each step takes the raw JSON of one
 * version and returns the raw JSON of the next; validation runs afterwards on the result.
 *
 * Version 0 is the legacy pre-release shape (format 'broadsheet', field `formatVersion`),
 * kept here because drafts made with the prototype still circulate in newsrooms:
 *
 *   { format: 'broadsheet', formatVersion: 0, title, number, date: 'YYYY/MM/DD',
 *     pages:  [{ no, name, template, editor?, designer? }],
 *     frames: [{ id, page: <no>, kind: 'text'|'image'|'banner'|'rule',
 *                col, cols, row, rows, story?, image?, text?, vertical? }],   // flat, by page number
 *     stories:[{ id, name?, content: <ProseMirror doc JSON> }],
 *     images: [{ id, file, sha256?, width?, height? }] }
 */

export type MigrationResult =
  | { ok: true; data: unknown; fromVersion: number; notes: string[] }
  | { ok: false; problem: string; code: 'wrong-format' | 'newer-version'; foundVersion?: number };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads which format version a raw issue JSON claims, or undefined if it is not an issue file. */
export function detectFormatVersion(raw: unknown): number | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.format === 'broadsheet-issue' && typeof raw.version === 'number') return raw.version;
  if (raw.format === 'broadsheet' && (raw.formatVersion === 0 || raw.formatVersion === undefined)) return 0;
  return undefined;
}

/** Upgrades raw issue JSON of any known older version to ISSUE_FORMAT_VERSION; refuses newer versions. */
export function migrateIssue(raw: unknown): MigrationResult {
  if (!isObj(raw)) return { ok: false, code: 'wrong-format', problem: 'the file is JSON but not a Broadsheet issue (the top level is not an object)' };
  const version = detectFormatVersion(raw);
  if (version === undefined) {
    if (raw.format === 'broadsheet-issue') {
      return { ok: false, code: 'wrong-format', problem: `the field "version" must be a whole number, found ${JSON.stringify(raw.version)}` };
    }
    const found = raw.format === undefined ? 'no "format" field' : `"format": ${JSON.stringify(raw.format)}`;
    return { ok: false, code: 'wrong-format', problem: `not a Broadsheet issue file (${found}; expected "format": "broadsheet-issue")` };
  }
  if (!Number.isInteger(version) || version < 0) {
    return { ok: false, code: 'wrong-format', problem: `the field "version" must be a whole number ≥ 1, found ${version}` };
  }
  if (version > ISSUE_FORMAT_VERSION) {
    return {
      ok: false,
      code: 'newer-version',
      foundVersion: version,
      problem: `the file was saved in issue format version ${version}, but this Broadsheet reads versions up to ${ISSUE_FORMAT_VERSION}; open it with a Broadsheet that supports format version ${version} or later`,
    };
  }
  let data: unknown = raw;
  const notes: string[] = [];
  for (let v = version; v < ISSUE_FORMAT_VERSION; v++) {
    const step = STEPS[v];
    data = step.run(data as Json);
    notes.push(`upgraded from format version ${v} to ${v + 1}: ${step.what}`);
  }
  return { ok: true, data, fromVersion: version, notes };
}

interface Step {
  what: string;
  run(raw: Json): Json;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);

/** 0 → 1: frames nested in their pages, field names of the current model, ISO dates. */
function v0to1(raw: Json): Json {
  const pages = arr(raw.pages).map((p, i) => {
    const page = isObj(p) ? p : {};
    const no = typeof page.no === 'number' ? page.no : i + 1;
    return {
      id: str(page.id, `p${no}`),
      number: no,
      section: str(page.name),
      editor: str(page.editor),
      designer: str(page.designer),
      templateId: str(page.template),
      frames: [] as unknown[],
    };
  });
  for (const f of arr(raw.frames)) {
    if (!isObj(f)) continue;
    const page = pages.find((p) => p.number === f.page);
    // A frame whose page is gone cannot be placed; the validator would reject a dangling one.
    if (!page) continue;
    const rect = { column: f.col, span: f.cols, line: f.row, lines: f.rows };
    const base = { id: str(f.id), rect };
    switch (f.kind) {
      case 'text':
        page.frames.push({ ...base, type: 'story', storyId: str(f.story), ...(f.next ? { next: str(f.next) } : {}) });
        break;
      case 'image':
        page.frames.push({ ...base, type: 'photo', assetId: f.image == null ? null : str(f.image) });
        break;
      case 'banner':
        page.frames.push({ ...base, type: 'banner', text: str(f.text) });
        break;
      case 'rule':
        page.frames.push({ ...base, type: 'rule', orientation: f.vertical ? 'vertical' : 'horizontal' });
        break;
      default:
        // Unknown legacy kinds are kept so validation names them instead of dropping them silently.
        page.frames.push({ ...base, type: f.kind });
    }
  }
  const date = str(raw.date).replace(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  return {
    format: 'broadsheet-issue',
    version: 1,
    paper: str(raw.title),
    issueNumber: str(raw.number),
    date,
    pages,
    stories: arr(raw.stories).map((s) => (isObj(s) ? { id: str(s.id), slug: str(s.name), doc: s.content } : s)),
    assets: arr(raw.images).map((a) =>
      isObj(a)
        ? {
            id: str(a.id),
            path: str(a.file),
            ...(typeof a.sha256 === 'string' ? { hash: a.sha256 } : {}),
            ...(typeof a.width === 'number' ? { widthPx: a.width } : {}),
            ...(typeof a.height === 'number' ? { heightPx: a.height } : {}),
          }
        : a,
    ),
  };
}

const STEPS: Step[] = [{ what: 'frames moved into their pages, fields renamed (title → paper, template → templateId, images → assets)', run: v0to1 }];
