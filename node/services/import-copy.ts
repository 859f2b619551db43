import type { ImportCopyArgs, ImportCopyResultDto } from '../../core/api/index.js';
import { toModelStory } from '../../core/import/index.js';
import { CopyFileError, importReadCopy, readCopyBytes, readCopyFiles, type ReadCopy } from '../import/index.js';

/**
 * The import service behind BroadsheetApi.importCopy: copy files (bytes from the browser, or
 * paths the desktop shell's own dialog returned) decoded by node/import and structured by
 * core/import. A file that is not copy is an answer naming it, not an exception: the renderer
 * tells the editor in their language and changes nothing.
 */

export interface ImportCopyServiceOptions {
  /** Whether the renderer may have this path read (the desktop shell grants what its dialog returned); none: no paths. */
  mayReadPath?: (path: string) => boolean;
}

export async function importCopyFiles(arg: ImportCopyArgs, opts: ImportCopyServiceOptions = {}): Promise<ImportCopyResultDto> {
  let read: ReadCopy[];
  try {
    if (arg.paths) {
      // The renderer names files only through the shell's dialog: any other path is refused unread.
      const refused = arg.paths.find((p) => !opts.mayReadPath?.(p));
      if (refused !== undefined) throw Object.assign(new Error(`importCopy: "${refused}" was not chosen in the Import Copy dialog`), { code: 'EACCES' });
      read = await readCopyFiles(arg.paths);
    } else {
      read = [];
      for (const f of arg.files ?? []) read.push(await readCopyBytes(f.name, Buffer.from(f.dataBase64, 'base64')));
    }
  } catch (err) {
    if (err instanceof CopyFileError) return { ok: false, file: err.file, code: err.code, message: err.message };
    throw err;
  }
  const result = importReadCopy(read, { existingIds: arg.existingIds, dropRepeats: arg.dropRepeats });
  const names = read.map((r) => r.source.file);
  if (!result.stories.length) return { ok: false, file: names.join(', '), code: 'no-stories', message: `No stories found in ${names.map((n) => `"${n}"`).join(', ')}.` };
  return { ok: true, stories: result.stories.map(toModelStory), report: result.report, files: read.map((r) => ({ name: r.source.file, format: r.format })) };
}
