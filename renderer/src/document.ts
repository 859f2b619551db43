import type { BroadsheetApi, FontFaceDto, OpenedIssueDto } from '../../core/api/methods.js';
import { emptyIssue, type Issue } from '../../core/model/issue.js';
import { pageTemplate, templateRegistry, type TemplateRegistry } from '../../core/templates/index.js';
import { codePointsText, firstPaintCodePoints } from '../../core/fonts/coverage.js';
import { workspaceResources } from '../workspace/i18n.js';
import { fontKeysFor, loadFonts, loadFontSubsets, moreFonts, type LoadedFonts } from './fonts.js';
import appStrings from './locales/zh-CN.js';
import { errorMessage } from '../../core/error-message.js';
import type { HostFiles } from './transport.js';

/**
 * From the API to what the page editor workspace needs: the opened issue, the templates the
 * host lists and the fonts those templates use. The workspace composes the issue itself with
 * core/compose — the same composer the PDF export runs, so the screen shows what will print.
 */

/**
 * The templates: the host's templates folder over the built-ins, by core/templates'
 * templateRegistry — the registry export composes with, so screen and PDF agree. A broken file
 * is left out and named in `problems`.
 */
export async function loadTemplates(api: BroadsheetApi): Promise<{ templates: TemplateRegistry; problems: readonly string[] }> {
  const templates = templateRegistry(await api.listTemplates());
  return { templates, problems: templates.problems };
}

/** The host's templates and font faces (for viewIssue), requested together. */
export function hostLists(api: BroadsheetApi): Promise<[Awaited<ReturnType<typeof loadTemplates>>, FontFaceDto[]]> {
  const lists = Promise.all([loadTemplates(api), api.listFonts()]);
  lists.catch(() => {}); // reported where it is awaited
  return lists;
}

/**
 * What the app needs first, asked for before it mounts (main.tsx): the start-up issue, the
 * templates and font list beside it, and as soon as those are there the view with its fonts
 * (subsets) — while i18n and React start. The app shows `view` and keeps `fontCache`.
 */
export interface Startup {
  view: Promise<IssueView>;
  fontCache: { fonts?: LoadedFonts };
}

export function startup(api: BroadsheetApi, files: HostFiles): Startup {
  const fontCache = {};
  const lists = hostLists(api);
  const view = api.openStartupIssue().then((opened) => viewIssue(api, opened, files, fontCache, () => {}, lists));
  view.catch(() => {}); // the app reports it when it shows the issue
  return { view, fontCache };
}

/**
 * An issue as shown: what the host opened, and — after restoring a recovery — the file's own
 * content as `baseline`, so the restored edits count as unsaved and Save is offered at once.
 */
export type ShownIssue = Pick<OpenedIssueDto, 'issue' | 'readOnly' | 'warnings' | 'recovery' | 'lock'> & { path: string | null; baseline?: Issue };

/** Everything the app shows for one issue. */
export interface IssueView {
  /** The issue as opened (null path: a new issue that was never saved); the workspace's `opened`. */
  opened: ShownIssue;
  templates: TemplateRegistry;
  fonts: LoadedFonts;
  /** Time from the open request to fonts ready (ms), shown in the status bar. */
  loadMs: number;
}

export type LoadStep = { step: 'opening' } | { step: 'fonts'; count: number };

/** The face of the UI's own text (workspace-css.ts: "Noto Sans SC" first in its font stack). */
const UI_FACE = 'sans';

/** Loads the templates and the fonts (once per key) an opened issue needs. */
export async function viewIssue(
  api: BroadsheetApi,
  opened: ShownIssue,
  files: HostFiles,
  cache: { fonts?: LoadedFonts },
  onStep: (s: LoadStep) => void,
  lists = hostLists(api),
): Promise<IssueView> {
  const [{ templates, problems }, faces] = await lists;
  // Composed on another template, the page would not be what prints: the issue does not open.
  for (const page of opened.issue.pages) pageTemplate(templates, page);
  const ids = new Set(opened.issue.pages.map((p) => p.templateId));
  const headlineFaces = opened.issue.pages.flatMap((p) => p.frames.flatMap((f) => (f.type === 'story' && f.headlineFont ? [f.headlineFont] : [])));
  // The UI's face too (its font stack starts with Noto Sans SC, and the machine may have no CJK
  // font of its own): an issue with no pages yet would otherwise load no face and show its UI in tofu.
  const keys = fontKeysFor(templates, ids, faces, [...headlineFaces, UI_FACE]);
  // The UI's own words too: its font stack starts with Noto Sans SC, and a character the
  // subset lacked would send the first layout to the system's fallback fonts (slow).
  const text = codePointsText(firstPaintCodePoints(opened.issue, [...[...ids].map((id) => templates.get(id)), appStrings, workspaceResources]));
  let fonts = cache.fonts;
  if (!fonts) {
    // The first issue opens on subsets of its faces (the characters it and its templates use),
    // which grow after the first paint to what editors type, and to any character asked for.
    onStep({ step: 'fonts', count: keys.length });
    fonts = await loadFontSubsets(api, faces, files, keys, text).catch((err: unknown) => {
      // No subsets (the host could not make them): the full files, as before — slower, never wrong.
      console.warn(`Font subsets unavailable, loading the full font files: ${errorMessage(err)}`);
      return loadFonts(faces, files, keys);
    });
  } else {
    // Another issue: the faces so far grow to its characters; faces it adds come as subsets too.
    if (keys.some((k) => !fonts!.css[k])) onStep({ step: 'fonts', count: keys.length });
    fonts = await moreFonts(fonts, api, faces, files, keys, text);
  }
  cache.fonts = fonts;
  return {
    opened: { ...opened, warnings: [...opened.warnings, ...problems] },
    templates,
    fonts,
    loadMs: 0,
  };
}

/** A new issue: one front page on a built-in template, no stories yet. */
export function newIssue(o: { date?: string; template?: string; paper?: string } = {}): Issue {
  return emptyIssue({
    paper: o.paper || '新期刊',
    date: o.date ?? new Date().toISOString().slice(0, 10),
    pages: [{ id: 'p1', number: 1, section: '要闻', editor: '', designer: '', templateId: o.template ?? 'tabloid-6col', frames: [] }],
  });
}
