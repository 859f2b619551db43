import type { Issue } from '../../core/model/issue.js';
import { resolveAsset } from '../store/links.js';
import { IFRA26, ProfileProblem, type PrintCondition } from '../pdf/separation.js';

/**
 * The printing condition of an issue's PDF/X export: its `print` settings, else IFRA26 with the
 * bundled profile. A condition Broadsheet has no profile for needs the plant's (`print.profile`,
 * linked relative to the issue file like a photo, and embedded in the output intent); the output
 * intent and the photo separation always come from this one object, so they cannot disagree.
 * Throws ProfileProblem for a profile path that leaves the issue's folder, or an unknown
 * condition without a profile.
 */
export function printConditionOf(issue: Issue, issuePath: string): PrintCondition {
  const print = issue.print;
  if (!print) return IFRA26;
  const inkLimit = print.inkLimit ?? IFRA26.inkLimit;
  if (!print.profile) {
    if (print.condition !== IFRA26.identifier)
      throw new ProfileProblem(print.condition, `Broadsheet has no profile for the condition "${print.condition}" — set the plant's ICC profile (print.profile) or use IFRA26`);
    return { ...IFRA26, info: print.info ?? IFRA26.info, inkLimit };
  }
  const profile = resolveAsset(issuePath, { path: print.profile });
  if (!profile) throw new ProfileProblem(print.profile, "the path leaves the issue's folder (by '..', an absolute path or a symbolic link)");
  return { identifier: print.condition, info: print.info ?? print.condition, profile, embedProfile: true, inkLimit };
}
