import broadsheet8 from '../../templates/broadsheet-8col.json';
import broadsheet8Inside from '../../templates/broadsheet-8col-inside.json';
import tabloid6 from '../../templates/tabloid-6col.json';
import tabloid6Inside from '../../templates/tabloid-6col-inside.json';
import { errorMessage } from '../error-message.js';
import { parseTemplate, type Template } from './template.js';

export { parseTemplate, TemplateError, EM_ASCENT, type Template, type Box } from './template.js';
export { templateSpec, paragraphStyleSpec, slotSpec, REQUIRED_STYLES, type TemplateSpec, type ParagraphStyleSpec, type SlotSpec } from './schema.js';

/** The template a new issue or a new page gets when nothing else says which. */
export const DEFAULT_TEMPLATE_ID = 'broadsheet-8col';

/** Templates by id. */
export interface TemplateRegistry {
  get(id: string): Template | undefined;
  ids(): string[];
  /** Template files that were left out, each message naming its file and what is wrong. */
  readonly problems: readonly string[];
}

/**
 * One file of a templates folder as read: its name (for messages) and its JSON, or why it
 * could not be read. The Node side reads the folder (node/templates.ts); the renderer gets the
 * same list from the host (listTemplates), so both build their registry here from the same files.
 */
export interface TemplateFile {
  file: string;
  data?: unknown;
  /** Unreadable or not JSON. */
  problem?: string;
}

/** A page whose template the registry does not have; composition cannot guess one. */
export class UnknownTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly pageNumber: number,
    known: readonly string[],
  ) {
    super(`page ${pageNumber} uses template "${templateId}", which is neither built in nor in the templates folder (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownTemplateError';
  }
}

/** A registry over template JSON documents; each is validated, errors name its file. */
export function createTemplateRegistry(files: ReadonlyArray<{ file: string; data: unknown }>): TemplateRegistry {
  const byId = new Map<string, Template>();
  for (const { file, data } of files) {
    const t = parseTemplate(data, file);
    byId.set(t.id, t);
  }
  return registryOf(byId, []);
}

function registryOf(byId: Map<string, Template>, problems: string[]): TemplateRegistry {
  return { get: (id) => byId.get(id), ids: () => [...byId.keys()], problems };
}

let builtins: TemplateRegistry | undefined;

/** The built-in templates (templates/*.json of the app), validated once. */
export function builtinTemplates(): TemplateRegistry {
  builtins ??= createTemplateRegistry([
    { file: 'templates/broadsheet-8col.json', data: broadsheet8 },
    { file: 'templates/broadsheet-8col-inside.json', data: broadsheet8Inside },
    { file: 'templates/tabloid-6col.json', data: tabloid6 },
    { file: 'templates/tabloid-6col-inside.json', data: tabloid6Inside },
  ]);
  return builtins;
}

/**
 * The registry every composition uses, on screen and in the PDF: the built-in templates, then
 * the templates folder's files in the order given, each replacing the template of its id. A
 * file that is unreadable or fails validation is left out and named in `problems` (a built-in
 * of the same id, if any, stays).
 */
export function templateRegistry(folder: ReadonlyArray<TemplateFile>): TemplateRegistry {
  const byId = new Map<string, Template>();
  const base = builtinTemplates();
  for (const id of base.ids()) byId.set(id, base.get(id)!);
  const problems: string[] = [];
  for (const { file, data, problem } of folder) {
    if (problem !== undefined) {
      problems.push(`${file}: ${problem}`);
      continue;
    }
    try {
      const t = parseTemplate(data, file);
      byId.set(t.id, t);
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  return registryOf(byId, problems);
}

/** The template of a page; an id the registry lacks is an UnknownTemplateError naming it and the page. */
export function pageTemplate(templates: TemplateRegistry, page: { templateId: string; number: number }): Template {
  const t = templates.get(page.templateId);
  if (!t) throw new UnknownTemplateError(page.templateId, page.number, templates.ids());
  return t;
}
