import type { Issue } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

/** The large issue of the crash test: 16 pages, ~250,000 characters (about 1 MB of JSON). */
let base: Issue | undefined;

/** Version i of the crash test's issue; every version differs in its issue number and first story. */
export function crashVersion(i: number): Issue {
  base ??= generateIssue({ pages: 16, chars: 250_000, seed: 7 });
  const first = { ...base.stories[0], slug: `v${i}` };
  return { ...base, issueNumber: `第${i}期`, stories: [first, ...base.stories.slice(1)] };
}
