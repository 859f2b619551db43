
/**
 * The file store: open, save, autosave/recovery, locks, links and Package for `.broadsheet`
 * issue files. Main-process only (Node); the API hosts and the CLI call these functions.
 */

export { IssueFileError, isIssueFileError, type IssueFileErrorCode, type RecoverableContent } from './errors.js';
export { parseIssueBytes, readIssueFile, serializeIssue, backupPathFor, contentHash, MAX_ISSUE_FILE_BYTES, type HashedIssue, type ParsedIssue, type ParseOptions, type SaveOptions } from './issue-file.js';
export { writeFileAtomic, cleanStaleTemps, type AtomicFs } from './atomic.js';
export { knownTemplateIds } from '../templates.js';
export { acquireLock, readLock, lockPathFor, IssueLock, IssueLockedError, type LockInfo, type LockStatus, type AcquireOptions } from './lock.js';
export {
  checkRecovery,
  discardRecovery,
  readRecovery,
  recoveryPathFor,
  writeRecovery,
  describeDifferences,
  fileHash,
  type IssueOnDisk,
  type RecoveryOffer,
  type RecoveryData,
} from './recovery.js';
export { linksReport, linkPhotoFile, relinkFolder, updateLink, photoInfo, hashFile, resolveAsset, resolveLinkedFile, outsideTarget, acceptOutsideLink, linkBroken, LINK_STATUSES, realInside, relativeAssetPath, PHOTOS_DIR, type LinksReport, type LinkEntry, type LinkStatus, type RelinkResult, type PhotoInfo } from './links.js';
export { packageIssue, unpackIssueZip, type PackageOptions, type PackageResult } from './package.js';

export { openIssueFile, saveIssueFile, type OpenedIssue, type OpenOptions, type SaveIssueOptions } from './open.js';
export { RecentFiles, canonicalIssuePath, type RecentEntry } from './recent.js';
export { IssueHold, type HoldOptions } from './hold.js';
