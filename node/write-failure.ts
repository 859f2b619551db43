import { errorMessage } from '../core/error-message.js';

/**
 * Why a write failed, in the editor's words: "the disk is full", "permission denied" … or the
 * system's message for anything else. Saving issue files has its own sentences
 * (store/issue-file.ts `fsError`); export, autosave and the export's working copy use these.
 */
export function writeFailureReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOENT':
      return 'the folder does not exist';
    default:
      return errorMessage(err);
  }
}

/** An Error saying what could not be written and why, keeping the system error as its cause (and its code). */
export function writeFailure(what: string, err: unknown, after = ''): Error {
  const e = new Error(`${what}: ${writeFailureReason(err)}.${after ? ' ' + after : ''}`, { cause: err });
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code) Object.assign(e, { code });
  return e;
}
