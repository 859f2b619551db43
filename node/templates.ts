import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateRegistry, type TemplateFile, type TemplateRegistry } from '../core/templates/index.js';
import { errorMessage } from '../core/error-message.js';

/**
 * The templates folder and the registry read from it: the one source of templates for every
 * composition in Node (export, preflight, inspect, import, galley, the loopback host) and,
 * through listTemplates, for the renderer's. Looked at afresh at each call, so a template
 * edited in the folder is what the next export and the next opened issue see alike.
 */

function projectRoot(): string {
  try {
    return join(dirname(fileURLToPath(import.meta.url)), '..');
  } catch {
    // Bundled to CommonJS (Electron main), where import.meta.url is empty.
    return process.cwd();
  }
}

/**
 * The app's templates folder: BROADSHEET_TEMPLATES_DIR (the packaged app points it at its
 * resources), else templates/ at the project root. The only place that says where it is.
 */
export function templatesDir(): string {
  return process.env.BROADSHEET_TEMPLATES_DIR ?? join(projectRoot(), 'templates');
}

/** The `.json` files of a templates folder, by name; none when the folder does not exist. */
function templateFileNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Every template file of a folder, read: its JSON, or why it is not a template file. */
export function readTemplateFolder(dir = templatesDir()): TemplateFile[] {
  return templateFileNames(dir).map((name) => {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { file, problem: `cannot be read: ${errorMessage(err)}` };
    }
    try {
      return { file, data: JSON.parse(text) as unknown };
    } catch (err) {
      return { file, problem: `not JSON: ${errorMessage(err)}` };
    }
  });
}

let last: { key: string; registry: TemplateRegistry } | undefined;

/** What identifies a folder's contents: its files' names, sizes and modification times. */
function folderKey(dir: string): string {
  const parts = [dir];
  for (const name of templateFileNames(dir)) {
    const st = statSync(join(dir, name), { throwIfNoEntry: false });
    parts.push(`${name}:${st?.size}:${st?.mtimeMs}`);
  }
  return parts.join('\n');
}

/**
 * The template registry: built-ins, then the folder's templates by id (core/templates'
 * templateRegistry). Validated again only when a file of the folder changed.
 */
export function folderTemplates(dir = templatesDir()): TemplateRegistry {
  const key = folderKey(dir);
  if (last?.key !== key) last = { key, registry: templateRegistry(readTemplateFolder(dir)) };
  return last.registry;
}

/** The template ids an issue may use: those of the registry. */
export function knownTemplateIds(dir = templatesDir()): string[] {
  return folderTemplates(dir).ids();
}

/** The template file for an id, for Package (undefined when the id is not a file in the folder). */
export function templateFileFor(id: string, dir = templatesDir()): string | undefined {
  const files = readTemplateFolder(dir);
  const byName = files.find((f) => f.file === join(dir, `${id}.json`));
  if (byName) return byName.file;
  return files.find((f) => (f.data as { id?: unknown } | undefined)?.id === id)?.file;
}
