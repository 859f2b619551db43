import { isAbsolute, resolve } from 'node:path';

/**
 * The issue file named on a command line (file association on Windows and Linux, a second
 * instance, `electron . file.broadsheet`): the last argument ending in `.broadsheet` that is
 * not an option, resolved against the working directory it was given in.
 */
export function issueFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (let i = argv.length - 1; i >= 1; i--) {
    const a = argv[i];
    if (a.startsWith('-')) continue;
    if (a.toLowerCase().endsWith('.broadsheet')) return isAbsolute(a) ? a : resolve(cwd, a);
  }
  return undefined;
}
