import { isApiMethod, validateApiArgs, type ApiResult, type BroadsheetApi } from '../../core/api/index.js';
import { isIssueFileError } from '../store/index.js';
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
    const e = err as NodeJS.ErrnoException;
    if (isIssueFileError(err)) return { ok: false, error: { code: err.code === 'not-found' ? 'not-found' : 'failed', message: err.problem } };
    if (err instanceof EditRefused || err instanceof FolderOutside) return { ok: false, error: { code: 'refused', message: err.message } };
    if (e?.code === 'ENOENT') return { ok: false, error: { code: 'not-found', message: e.message } };
    return { ok: false, error: { code: 'failed', message: errorMessage(err) } };
  }
}
