import { isApiMethod, validateApiArgs, type ApiErrorBody, type ApiResult, type BroadsheetApi } from '../../core/api/index.js';
import { isIssueFileError, IssueLockedError } from '../store/index.js';
import { errorMessage } from '../../core/error-message.js';
import { EditRefused } from './tab-editors.js';
import { FolderOutside } from './folders.js';

/**
 * One call from either transport: unknown methods and bad arguments are refused before any
 * service runs; a service's failure comes back as a clear message, never a stack trace.
 */
export async function dispatchApiCall(api: BroadsheetApi, method: string, arg: unknown): Promise<ApiResult> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `No API method '${method}'` } };
  const checked = validateApiArgs(method, arg);
  if (!checked.ok) return checked;
  try {
    const fn = api[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await fn.call(api, checked.arg) };
  } catch (err) {
    return { ok: false, error: hostErrorBody(err) };
  }
}

const fileName = (path: string) => path.split(/[\\/]/).pop() || path;

/**
 * A service's failure as the transports carry it: the English message, and where the failure is
 * one the UI can name, its reason and parameters (the UI says it in its own language). Issue-file
 * problems whose detail only the host can word (a JSON break, a bad field) keep it in `detail`.
 */
export function hostErrorBody(err: unknown): ApiErrorBody {
  const e = err as NodeJS.ErrnoException;
  if (isIssueFileError(err)) {
    const file = fileName(err.file);
    const code = err.code === 'not-found' ? 'not-found' : 'failed';
    const body = { code, message: err.problem } as const;
    if (err instanceof IssueLockedError) {
      const params = { file, holder: err.lock.holder ?? '', stale: err.lock.stale ? 1 : 0 };
      return { ...body, reason: err.action === 'save' ? 'issue.locked-save' : 'issue.locked', params };
    }
    const detailed = err.code === 'invalid' || err.code === 'not-json' || err.code === 'truncated' || err.code === 'not-text' || err.code === 'write-failed' || err.code === 'unreadable';
    return { ...body, reason: `issue.${err.code}`, params: detailed ? { file, detail: err.problem } : { file } };
  }
  if (err instanceof EditRefused) return { code: 'refused', message: err.message, reason: `edit.${err.why}`, params: { file: err.file, holder: err.holder ?? '' } };
  if (err instanceof FolderOutside) return { code: 'refused', message: err.message, reason: `folder.${err.why}`, params: { folder: err.folder } };
  if (e?.code === 'ENOENT') return { code: 'not-found', message: e.message, ...(typeof e.path === 'string' ? { reason: 'file.not-found', params: { file: fileName(e.path) } } : {}) };
  return { code: 'failed', message: errorMessage(err) };
}
