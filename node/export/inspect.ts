import type { Frame } from '../../core/model/issue.js';
import { openIssueFile } from '../store/index.js';
import { composeForExport, loadComposer, type ExportComposer } from './composer.js';
import { pageLabel, preflight, type PreflightReport } from './preflight.js';
import { summarizeStory, type StorySummary } from './story-text.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * What `broadsheet inspect` shows: the issue's pages, frames and stories, and the same
 * preflight report export would give (with --pdfx rules when asked).
 */

export interface FrameSummary {
  id: string;
  type: Frame['type'];
  rect: Frame['rect'];
  storyId?: string;
  assetId?: string | null;
  next?: string;
}

export interface PageSummary {
  number: number;
  label: string;
  section: string;
  templateId: string;
  frames: FrameSummary[];
}

export interface IssueInspection {
  file: string;
  paper: string;
  date: string;
  issueNumber: string;
  pages: PageSummary[];
  stories: StorySummary[];
  preflight: PreflightReport;
  warnings: string[];
}

/** Reads, composes and preflights an issue; throws only when the file cannot be read. */
export async function inspectIssue(issuePath: string, opts: { pdfx?: boolean; composer?: ExportComposer; composerModule?: string } = {}): Promise<IssueInspection> {
  const opened = await openIssueFile(issuePath, { readOnly: true });
  const { issue } = opened;
  const composer = opts.composer ?? (opts.composerModule ? await loadComposer(opts.composerModule) : composeForExport);
  let report: PreflightReport;
  try {
    const composed = await composer(issue, issuePath);
    report = await preflight({ issue, issuePath, pages: composed.pages, overset: composed.overset, templateProblems: composed.templateProblems, pdfx: !!opts.pdfx });
  } catch (err) {
    report = { errors: [{ severity: 'error', code: 'compose-failed', message: `the pages cannot be composed: ${errorMessage(err)}`, params: { detail: errorMessage(err) } }], warnings: [] };
  }
  return {
    file: issuePath,
    paper: issue.paper,
    date: issue.date,
    issueNumber: issue.issueNumber,
    pages: issue.pages.map((p) => ({
      number: p.number,
      label: pageLabel(issue, p.number),
      section: p.section,
      templateId: p.templateId,
      frames: p.frames.map((f) => ({
        id: f.id,
        type: f.type,
        rect: f.rect,
        ...(f.type === 'story' ? { storyId: f.storyId, ...(f.next ? { next: f.next } : {}) } : {}),
        ...(f.type === 'photo' ? { assetId: f.assetId, ...(f.storyId ? { storyId: f.storyId } : {}) } : {}),
      })),
    })),
    stories: issue.stories.map(summarizeStory),
    preflight: report,
    warnings: opened.warnings,
  };
}
