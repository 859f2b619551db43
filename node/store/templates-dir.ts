import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  try {
    return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  } catch {
    // Bundled to CommonJS (Electron main), where import.meta.url is empty.
    return process.cwd();
  }
}

/**
 * The app's templates folder: BROADSHEET_TEMPLATES_DIR, else templates/ at the project root.
 * On its own, without the template registry (node/store/templates.ts), so the CLI's galley
 * can find it without loading the store (in the bundle, a module reachable by import() costs at
 * every start: zod's namespaces are built up front).
 */
export function templatesDir(): string {
  return process.env.BROADSHEET_TEMPLATES_DIR ?? join(projectRoot(), 'templates');
}
