import type { Issue } from '../../core/model/issue.js';
import type { IssueProblem } from '../../core/model/validate.js';

/** Why an issue file could not be opened or saved. */
export type IssueFileErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  | 'empty'
  | 'not-text'
  | 'not-json'
  | 'truncated'
  | 'wrong-format'
  | 'newer-version'
  | 'invalid'
  | 'locked'
  | 'disk-full'
  | 'write-failed';

/** What could still be taken from a damaged file, for the editor to offer. */
export interface RecoverableContent {
  issue: Issue;
  kept: { pages: number; stories: number; assets: number };
  /** One line per part that could not be kept. */
  dropped: string[];
  /** How the parts were found, e.g. "read up to the point where the file breaks off". */
  note: string;
}

/**
 * An issue file that cannot be opened or saved, with a message for the editor: it names the
 * file and the problem (field path or line/column/offset) and never carries a stack trace
 * in its message. The original file is never modified when this is thrown.
 */
export class IssueFileError extends Error {
  override readonly name = 'IssueFileError';
  /** The file as given by the caller. */
  readonly file: string;
  readonly code: IssueFileErrorCode;
  /** The human message: names the file and what is wrong with it (same as `message`). */
  readonly problem: string;
  /** Every problem found, for a detail list (validation errors). */
  readonly problems: IssueProblem[];
  /** Parts of the issue that are valid on their own, when any. */
  readonly recoverable?: RecoverableContent;

  constructor(file: string, code: IssueFileErrorCode, problem: string, opts: { problems?: IssueProblem[]; recoverable?: RecoverableContent; cause?: unknown } = {}) {
    super(problem, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.file = file;
    this.code = code;
    this.problem = problem;
    this.problems = opts.problems ?? [];
    this.recoverable = opts.recoverable;
  }
}

/** Type guard usable across module copies (bundled CLI, tests). */
export function isIssueFileError(err: unknown): err is IssueFileError {
  return err instanceof IssueFileError || (err instanceof Error && err.name === 'IssueFileError' && 'problem' in err);
}
