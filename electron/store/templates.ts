import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The template ids an issue may use: the `id` of every templates/*.json (or its file name when
 * it has none). Read once per process; `setKnownTemplateIds` lets the composition engine's
 * registry (or a test) supply the list instead.
 */
function projectRoot(): string {
  try {
    return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  } catch {
    // Bundled to CommonJS (Electron main), where import.meta.url is empty.
    return process.cwd();
  }
}
export const TEMPLATES_DIR = process.env.BROADSHEET_TEMPLATES_DIR ?? join(projectRoot(), 'templates');

let override: string[] | undefined;
let cached: string[] | undefined;

/** Replaces the known template list (the registry's ids); `undefined` returns to reading templates/. */
export function setKnownTemplateIds(ids: string[] | undefined): void {
  override = ids;
}

/** Template ids found in templates/*.json; undefined when there are none yet (then ids are not checked). */
export function knownTemplateIds(): string[] | undefined {
  if (override) return override;
  if (!cached) cached = readTemplateIds(TEMPLATES_DIR);
  return cached.length ? cached : undefined;
}

/** Template ids in a folder of template JSON files. */
export function readTemplateIds(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const name of names) {
    try {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { id?: unknown };
      ids.push(typeof data.id === 'string' ? data.id : name.replace(/\.json$/, ''));
    } catch {
      ids.push(name.replace(/\.json$/, ''));
    }
  }
  return ids;
}

/** The template file for an id, for Package (undefined when it is not a file in templates/). */
export function templateFileFor(id: string, dir = TEMPLATES_DIR): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (name === `${id}.json`) return join(dir, name);
  }
  for (const name of names) {
    try {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { id?: unknown };
      if (data.id === id) return join(dir, name);
    } catch {
      /* not a template */
    }
  }
  return undefined;
}
