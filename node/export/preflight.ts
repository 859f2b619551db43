import type { Cmyk, DisplayPage, GlyphRunItem } from '../../core/display/types.js';
import type { PreflightFindingDto } from '../../core/api/methods.js';
import type { Issue } from '../../core/model/issue.js';
import { fontkitFont } from '../fonts.js';
import { outsideTarget, resolveLinkedFile } from '../store/links.js';
import { ImageProblem, cmykInk, inspectImage, type ImageFacts } from '../pdf/images.js';
import { ProfileProblem, separatorFor } from '../pdf/separation.js';
import { printConditionOf } from './print-condition.js';
import { readFile } from 'node:fs/promises';
import { storyTitle } from './story-text.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * Preflight: what the printing plant would reject, found before the PDF is written
 * (design.md "Print", cjk-typesetting.md §4.2). Errors stop the export; warnings are listed
 * and the export goes on. Every finding names the page, the story and what is wrong.
 */

/** Every finding's code (the UI has words for each: renderer/workspace/i18n.ts `finding`). */
export const FINDING_CODES = ['overset', 'image-unlinked', 'image-outside', 'image-outside-accepted', 'image-missing', 'image-unreadable', 'image-low-res', 'image-rgb', 'image-ink', 'print-profile', 'glyph-missing', 'font-missing', 'small-colour-text', 'compose-failed', 'template-invalid'] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** A finding as the API carries it, with its code one of preflight's own. */
export interface PreflightFinding extends PreflightFindingDto {
  code: FindingCode;
}

export interface PreflightReport {
  errors: PreflightFinding[];
  warnings: PreflightFinding[];
  /** For PDF/X: the printing condition and how photos are separated for it. */
  print?: PrintReport;
}

/** The printing condition of a PDF/X export as preflight found it. */
export interface PrintReport {
  /** OutputConditionIdentifier (IFRA26). */
  condition: string;
  info: string;
  /** The separation profile's own description, and its file. */
  profile: string;
  profileFile: string;
  /** Total ink limit, %. */
  inkLimit: number;
  intent: 'relative colorimetric, black point compensation';
}

/** What the composer reports that preflight needs beside the display list. */
export interface OversetStory {
  storyId: string;
  /** Page of the story's last frame (where the overset shows). */
  page?: number;
  /** Characters that did not fit. */
  chars: number;
}

export interface PreflightInput {
  issue: Issue;
  /** The issue file: asset paths are relative to its folder. */
  issuePath: string;
  pages: DisplayPage[];
  overset: OversetStory[];
  pdfx: boolean;
  /** Minimum effective resolution at placed size (default 200 ppi, §4.2). */
  minPpi?: number;
  /** Template files the composer's registry left out (each names its file): warnings. */
  templateProblems?: readonly string[];
}

/** Plant minimum type sizes (NIAD, cjk-typesetting.md §4.2). */
export const MIN_TYPE_PT = { fourColour: 10, tint: 8, solid: 6, reversed: 10 } as const;

/**
 * The file of an asset, or undefined when the issue has no such asset or its file is not one to
 * use: its path leaves the issue's folder (by name, or through a symbolic link not accepted, or
 * accepted but since changed). An accepted outside link gives its real path.
 */
export async function assetPath(issue: Issue, issuePath: string, assetId: string): Promise<string | undefined> {
  const asset = issue.assets.find((a) => a.id === assetId);
  return asset ? resolveLinkedFile(issuePath, asset) : undefined;
}

/** Page label for the plant: the page's own label, else A + two digits (A01). */
export function pageLabel(issue: Issue, pageNumber: number): string {
  return issue.pages.find((p) => p.number === pageNumber)?.label ?? `A${String(pageNumber).padStart(2, '0')}`;
}

/** Runs every check; never throws for bad content (that is what findings are for). */
export async function preflight(input: PreflightInput): Promise<PreflightReport> {
  const findings: PreflightFinding[] = [];
  const { issue } = input;
  const storyName = (id: string | undefined) => {
    const s = id ? issue.stories.find((x) => x.id === id) : undefined;
    return s ? storyTitle(s) : undefined;
  };
  const add = (f: Omit<PreflightFinding, 'pageLabel' | 'story'>) =>
    findings.push({ ...f, ...(f.page !== undefined ? { pageLabel: pageLabel(issue, f.page) } : {}), ...(f.storyId ? { story: storyName(f.storyId) } : {}) });

  for (const o of input.overset) {
    if (o.chars > 0) add({ severity: 'error', code: 'overset', page: o.page, storyId: o.storyId, message: `overset: ${o.chars} characters do not fit`, params: { chars: o.chars } });
  }

  for (const message of input.templateProblems ?? []) add({ severity: 'warning', code: 'template-invalid', message: `template left out: ${message}`, params: { detail: message } });

  const print = input.pdfx ? await checkPrintCondition(input, add) : undefined;
  await checkImages(input, add, print);
  checkText(input.pages, add);

  const order = (f: PreflightFinding) => [f.page ?? 0, f.storyId ?? '', f.code].join('\u0000');
  findings.sort((a, b) => (a.page ?? 0) - (b.page ?? 0) || order(a).localeCompare(order(b)));
  return { errors: findings.filter((f) => f.severity === 'error'), warnings: findings.filter((f) => f.severity === 'warning'), ...(print ? { print } : {}) };
}

type Add = (f: Omit<PreflightFinding, 'pageLabel' | 'story'>) => void;

/** The issue's printing condition and its profile, opened as the export will open it. */
async function checkPrintCondition(input: PreflightInput, add: Add): Promise<PrintReport | undefined> {
  try {
    const c = printConditionOf(input.issue, input.issuePath);
    // Opening the separator reads the profile: the one the output intent embeds, when it does.
    const separator = await separatorFor(c.profile);
    return { condition: c.identifier, info: c.info, profile: separator.description, profileFile: c.profile, inkLimit: c.inkLimit, intent: 'relative colorimetric, black point compensation' };
  } catch (err) {
    const detail = err instanceof ProfileProblem ? err.message : errorMessage(err);
    add({ severity: 'error', code: 'print-profile', message: err instanceof ProfileProblem ? err.message : `print profile: ${detail}`, params: { detail } });
    return undefined;
  }
}

async function checkImages(input: PreflightInput, add: Add, print: PrintReport | undefined): Promise<void> {
  const { issue, issuePath } = input;
  const minPpi = input.minPpi ?? 200;
  const facts = new Map<string, ImageFacts | ImageProblem>();
  const factsOf = async (path: string) => {
    let f = facts.get(path);
    if (!f) {
      try {
        f = await inspectImage(path);
      } catch (err) {
        f = err instanceof ImageProblem ? err : new ImageProblem(String(err));
      }
      facts.set(path, f);
    }
    return f;
  };
  const inks = new Map<string, Promise<number | undefined>>();
  const inkOf = (path: string) => {
    let ink = inks.get(path);
    if (!ink) {
      ink = readFile(path).then((b) => cmykInk(b)).then((r) => r.max, () => undefined);
      inks.set(path, ink);
    }
    return ink;
  };
  const reported = new Set<string>();
  const fileProblem = async (page: number, assetId: string, storyId?: string): Promise<ImageFacts | undefined> => {
    const path = await assetPath(issue, issuePath, assetId);
    const key = `${page}\u0000${assetId}`;
    const asset = issue.assets.find((a) => a.id === assetId);
    const outside = asset && outsideTarget(issuePath, asset);
    if (!path) {
      if (!reported.has(key)) {
        if (asset && outside)
          add({
            severity: 'error',
            code: 'image-outside',
            page,
            storyId,
            assetId,
            message: `photo '${assetId}' (${asset.path}) links outside the issue's folder, to ${outside}${asset.acceptedOutside ? '; it was accepted, but the link or the file has changed since' : ''}: accept it in the Links panel, or relink it`,
            params: { asset: assetId, file: asset.path, target: outside, changed: asset.acceptedOutside ? 1 : 0 },
          });
        else add({ severity: 'error', code: 'image-unlinked', page, storyId, assetId, message: `photo '${assetId}' is not linked (no such asset, or it leaves the issue's folder by its path or a symbolic link)`, params: { asset: assetId } });
      }
      reported.add(key);
      return undefined;
    }
    if (outside && !reported.has(`outside\u0000${assetId}`)) {
      reported.add(`outside\u0000${assetId}`);
      add({ severity: 'warning', code: 'image-outside-accepted', page, storyId, assetId, message: `outside link accepted: ${path} (photo '${assetId}', ${asset!.path})`, params: { path, asset: assetId, file: asset!.path } });
    }
    const f = await factsOf(path);
    if (f instanceof ImageProblem) {
      const missing = f.message === 'file is missing';
      if (!reported.has(key)) add({ severity: 'error', code: missing ? 'image-missing' : 'image-unreadable', page, storyId, assetId, message: `photo ${path}: ${f.message}`, params: { path, detail: f.message } });
      reported.add(key);
      return undefined;
    }
    return f;
  };

  // Every linked photo on a page, placed or not (an empty frame still needs its file).
  for (const page of issue.pages) {
    for (const frame of page.frames) {
      if (frame.type === 'photo' && frame.assetId) await fileProblem(page.number, frame.assetId, frame.storyId);
    }
  }
  // Placed images: resolution at placed size, colour space for PDF/X.
  for (const page of input.pages) {
    for (const item of page.items) {
      if (item.kind !== 'image') continue;
      const f = await fileProblem(page.number, item.assetId);
      if (!f) continue;
      const ppi = Math.min(f.width / (item.iw / 72), f.height / (item.ih / 72));
      if (ppi < minPpi)
        add({ severity: 'warning', code: 'image-low-res', page: page.number, assetId: item.assetId, message: `photo '${item.assetId}' is ${Math.round(ppi)} ppi at placed size (plant wants ≥ ${minPpi})`, params: { asset: item.assetId, ppi: Math.round(ppi), min: minPpi } });
      if (input.pdfx && f.space !== 'cmyk' && f.space !== 'b-w')
        add({ severity: 'warning', code: 'image-rgb', page: page.number, assetId: item.assetId, message: `photo '${item.assetId}' is ${f.space.toUpperCase()}; separated to CMYK for ${print?.condition ?? 'PDF/X'}${print ? ` with "${print.profile}"` : ''}` , params: { asset: item.assetId, space: f.space.toUpperCase(), condition: print?.condition ?? 'PDF/X', profile: print?.profile ?? '' } });
      if (print && f.space === 'cmyk') {
        const ink = await inkOf((await assetPath(issue, issuePath, item.assetId))!);
        if (ink !== undefined && ink > print.inkLimit)
          add({ severity: 'warning', code: 'image-ink', page: page.number, assetId: item.assetId, message: `photo '${item.assetId}' carries up to ${ink}% ink, over the ${print.inkLimit}% limit of ${print.condition}; the export reduces it (C, M, Y under the limit, black kept)` , params: { asset: item.assetId, ink, limit: print.inkLimit, condition: print.condition } });
      }
    }
  }
}

/** Ink class of a text colour for the minimum-size rule. */
export function inkClass(c: Cmyk): keyof typeof MIN_TYPE_PT {
  const inks = [c.c, c.m, c.y, c.k].filter((v) => v > 0);
  if (inks.length === 0) return 'reversed';
  if (inks.length > 1) return 'fourColour';
  return inks[0] >= 100 ? 'solid' : 'tint';
}

const INK_WORDS: Record<keyof typeof MIN_TYPE_PT, string> = { fourColour: 'four-colour', tint: 'tinted', solid: 'single-colour', reversed: 'reversed (white)' };

function checkText(pages: DisplayPage[], add: Add): void {
  const fontOk = new Map<string, string | undefined>();
  for (const page of pages) {
    const missing = new Map<string, { storyId?: string; font: string; chars: Set<string> }>();
    const small = new Map<string, { storyId?: string; cls: keyof typeof MIN_TYPE_PT; size: number }>();
    const fontsSeen = new Set<string>();
    for (const item of page.items) {
      if (item.kind !== 'glyphs') continue;
      const run = item as GlyphRunItem;
      if (!fontOk.has(run.font)) {
        try {
          fontkitFont(run.font);
          fontOk.set(run.font, undefined);
        } catch (err) {
          fontOk.set(run.font, errorMessage(err));
        }
      }
      const fontErr = fontOk.get(run.font);
      if (fontErr && !fontsSeen.has(run.font)) {
        fontsSeen.add(run.font);
        add({ severity: 'error', code: 'font-missing', page: page.number, storyId: run.storyId, message: fontErr, params: { detail: fontErr } });
      }
      run.glyphs.forEach((g, i) => {
        if (g !== 0) return;
        const key = `${run.storyId ?? ''}\u0000${run.font}`;
        const m = missing.get(key) ?? { storyId: run.storyId, font: run.font, chars: new Set<string>() };
        m.chars.add(run.chars[i] || '?');
        missing.set(key, m);
      });
      const cls = inkClass(run.fill);
      if (run.size < MIN_TYPE_PT[cls]) {
        const key = `${run.storyId ?? ''}\u0000${cls}`;
        const s = small.get(key);
        if (!s || run.size < s.size) small.set(key, { storyId: run.storyId, cls, size: run.size });
      }
    }
    for (const m of missing.values())
      add({ severity: 'error', code: 'glyph-missing', page: page.number, storyId: m.storyId, message: `font '${m.font}' has no glyph for ${[...m.chars].map((c) => `“${c}” U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}` , params: { font: m.font, chars: [...m.chars].join('') } });
    for (const s of small.values())
      add({ severity: 'warning', code: 'small-colour-text', page: page.number, storyId: s.storyId, message: `${INK_WORDS[s.cls]} text at ${s.size} pt is below the plant minimum of ${MIN_TYPE_PT[s.cls]} pt` , params: { ink: s.cls, size: s.size, min: MIN_TYPE_PT[s.cls] } });
  }
}

/** One line per finding: "A01 · 头条标题 (s1) · overset: 300 characters do not fit". */
export function formatFinding(f: PreflightFinding): string {
  const where = [f.pageLabel ? `${f.pageLabel} (page ${f.page})` : undefined, f.storyId ? `story ${f.story ? `“${f.story}” ` : ''}(${f.storyId})` : undefined].filter(Boolean).join(' · ');
  return `${f.severity === 'error' ? 'ERROR' : 'warning'}: ${where ? where + ' · ' : ''}${f.message}`;
}

/** The report as text lines for the CLI. */
/** The printing condition line of a PDF/X report ("Print: IFRA26 (…); photos separated with …"). */
export function formatPrint(p: Pick<PrintReport, 'condition' | 'info' | 'profile' | 'intent' | 'inkLimit'>): string {
  return `Print: ${p.condition} (${p.info}); photos separated with "${p.profile}", ${p.intent}, ink limit ${p.inkLimit}%`;
}

export function formatReport(r: PreflightReport): string {
  const print = r.print ? [formatPrint(r.print)] : [];
  if (!r.errors.length && !r.warnings.length) return ['Preflight: no problems.', ...print].join('\n');
  return [`Preflight: ${r.errors.length} error(s), ${r.warnings.length} warning(s)`, ...print, ...r.errors.map(formatFinding), ...r.warnings.map(formatFinding)].join('\n');
}
