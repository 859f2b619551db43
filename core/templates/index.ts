import broadsheet8 from '../../templates/broadsheet-8col.json';
import broadsheet8Inside from '../../templates/broadsheet-8col-inside.json';
import tabloid6 from '../../templates/tabloid-6col.json';
import tabloid6Inside from '../../templates/tabloid-6col-inside.json';
import { parseTemplate, type Template } from './template.js';

export { parseTemplate, TemplateError, EM_ASCENT, type Template, type Box } from './template.js';
export { templateSpec, paragraphStyleSpec, slotSpec, REQUIRED_STYLES, type TemplateSpec, type ParagraphStyleSpec, type SlotSpec } from './schema.js';

/** Templates by id. */
export interface TemplateRegistry {
  get(id: string): Template | undefined;
  ids(): string[];
}

/** A registry over template JSON documents; each is validated, errors name its file. */
export function createTemplateRegistry(files: ReadonlyArray<{ file: string; data: unknown }>): TemplateRegistry {
  const byId = new Map<string, Template>();
  for (const { file, data } of files) {
    const t = parseTemplate(data, file);
    byId.set(t.id, t);
  }
  return { get: (id) => byId.get(id), ids: () => [...byId.keys()] };
}

let builtins: TemplateRegistry | undefined;

/** The built-in templates (templates/*.json), validated once. */
export function builtinTemplates(): TemplateRegistry {
  builtins ??= createTemplateRegistry([
    { file: 'templates/broadsheet-8col.json', data: broadsheet8 },
    { file: 'templates/broadsheet-8col-inside.json', data: broadsheet8Inside },
    { file: 'templates/tabloid-6col.json', data: tabloid6 },
    { file: 'templates/tabloid-6col-inside.json', data: tabloid6Inside },
  ]);
  return builtins;
}
