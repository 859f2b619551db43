import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinTemplates } from '../../core/templates/index.js';
import { templatesDir } from './templates-dir.js';

/**
 * The template ids an issue may use, read once per process; `setKnownTemplateIds` lets the
 * app (user templates) or a test supply the list instead.
 */
export const TEMPLATES_DIR = templatesDir();

let override: string[] | undefined;
let cached: string[] | undefined;

/** Replaces the known template list (the registry's ids); `undefined` returns to reading templates/. */
export function setKnownTemplateIds(ids: string[] | undefined): void {
  override = ids;
}

/**
 * Template ids an issue may use: the composition engine's registry (core/templates) plus any
 * further templates/*.json; undefined when there are none (then ids are not checked).
 */
export function knownTemplateIds(): string[] | undefined {
  if (override) return override;
  if (!cached) {
    let registry: string[] = [];
    try {
      registry = builtinTemplates().ids();
    } catch {
      /* a broken built-in template is the registry's error to report; fall back to the files */
    }
    cached = [...new Set([...registry, ...readTemplateIds(TEMPLATES_DIR)])];
  }
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
