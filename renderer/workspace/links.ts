import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BroadsheetApi, LinkEntryDto, LinksReportDto, LinkStatusDto } from '../../core/api/methods.js';
import type { Issue, PhotoFrame } from '../../core/model/issue.js';
import type { TemplateRegistry } from '../../core/templates/index.js';
import type { IssueSession } from './model/session.js';
import { updateAsset, type Operation } from './model/operations.js';
import { uploadAndLink, type PhotoApi } from './photos.js';
import { useWorkspaceT } from './i18n.js';
import { errorMessage } from '../../core/error-message.js';

/** The photo files a Relink… picker offers (the formats the export reads). */
export const RELINK_FILE_TYPES = '.jpg,.jpeg,.png,.tif,.tiff,.webp,image/jpeg,image/png,image/tiff,image/webp';

/**
 * The Links panel's data: the host's links report of the issue as edited (linksReport), asked
 * again whenever the photo links change (a drop, a relink, an accepted outside link), after a
 * save and when the window gets the focus back (a photo may have been moved or edited meanwhile).
 * Rows, pages with broken links and effective resolution are computed here, without the DOM.
 */

/** Statuses that leave a photo out of the page and the PDF: flagged at once (red row, mark on the page). */
export const BROKEN: ReadonlySet<LinkStatusDto> = new Set(['missing', 'unreadable', 'invalid-path', 'outside']);

/** Effective resolution of a photo in a frame, ppi: its pixels over the size it is shown at (fill covers the frame, fit fits in it; zoom enlarges). */
export function effectivePpi(frame: Pick<PhotoFrame, 'fit' | 'zoom'>, box: { w: number; h: number }, px: { widthPx?: number; heightPx?: number }): number | undefined {
  if (!px.widthPx || !px.heightPx || box.w <= 0 || box.h <= 0) return undefined;
  const sx = box.w / px.widthPx;
  const sy = box.h / px.heightPx;
  // Points per pixel at placed size.
  const scale = (frame.fit === 'fit' ? Math.min(sx, sy) : Math.max(sx, sy)) * (frame.zoom ?? 1);
  return Math.round(72 / scale);
}

export interface LinkRow {
  entry: LinkEntryDto;
  /** The first frame showing it (the row selects it). */
  frame?: { page: number; pageIndex: number; frameId: string };
  /** Lowest effective ppi over its frames. */
  ppi?: number;
  broken: boolean;
}

/** The panel's rows: every photo asset of the issue, in the report's order, with its lowest ppi. */
export function linkRows(report: LinksReportDto, issue: Issue, templates: TemplateRegistry): LinkRow[] {
  return report.entries.map((entry) => {
    let ppi: number | undefined;
    for (const f of entry.frames) {
      const page = issue.pages[f.pageIndex];
      const frame = page?.frames.find((x) => x.id === f.frameId);
      const tpl = page && templates.get(page.templateId);
      if (!frame || frame.type !== 'photo' || !tpl) continue;
      const p = effectivePpi(frame, tpl.box(frame.rect), entry);
      if (p !== undefined && (ppi === undefined || p < ppi)) ppi = p;
    }
    return { entry, frame: entry.frames[0], ppi, broken: BROKEN.has(entry.status) };
  });
}

/** Page indexes showing a photo whose link is broken (the pages panel marks them). */
/** A photo frame whose file is not there to print: missing (or a bad path), unreadable, or outside the folder unaccepted. */
export interface BrokenPhoto {
  kind: 'missing' | 'unreadable' | 'outside';
  path: string;
}

/** The photo frames with a broken link, by frame id (the canvas flags each at once). */
export function framesWithBrokenLinks(report: LinksReportDto | null): ReadonlyMap<string, BrokenPhoto> {
  const out = new Map<string, BrokenPhoto>();
  for (const e of report?.entries ?? []) {
    if (!BROKEN.has(e.status)) continue;
    const kind = e.status === 'unreadable' ? 'unreadable' : e.status === 'outside' ? 'outside' : 'missing';
    for (const f of e.frames) out.set(f.frameId, { kind, path: e.path });
  }
  return out;
}

export function pagesWithBrokenLinks(report: LinksReportDto | null): ReadonlySet<number> {
  const out = new Set<number>();
  for (const e of report?.entries ?? []) if (BROKEN.has(e.status)) for (const f of e.frames) out.add(f.pageIndex);
  return out;
}

/**
 * The links report of the session's issue, refreshed when its photo links change, after a save
 * and on window focus. Null until the first answer (and for an issue with no file yet).
 */
export function useLinksReport(api: Pick<BroadsheetApi, 'linksReport'>, session: IssueSession) {
  const [report, setReport] = useState<LinksReportDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const refresh = useCallback(async () => {
    if (!session.path) return;
    const n = ++asked.current;
    try {
      const r = await api.linksReport({ issuePath: session.path, issue: session.issue });
      if (n === asked.current) {
        setReport(r);
        setError(null);
      }
    } catch (err) {
      if (n === asked.current) setError(err instanceof Error ? err.message : String(err));
    }
  }, [api, session]);
  // What the report depends on: the links themselves and where they are placed — not the text.
  const issue = session.issue;
  // Typing changes stories only: the key is rebuilt only when the assets or pages change.
  const key = useMemo(() => JSON.stringify([session.path, issue.assets, issue.pages.map((p) => p.frames.filter((f) => f.type === 'photo').map((f) => [f.id, (f as PhotoFrame).assetId]))]), [session.path, issue.assets, issue.pages]);
  const saved = !session.dirty;
  useEffect(() => {
    const id = setTimeout(() => void refresh(), 150);
    return () => clearTimeout(id);
  }, [key, saved, refresh]);
  useEffect(() => {
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refresh]);
  return { report, error, refresh };
}

export interface LinkActionOptions {
  api: Pick<BroadsheetApi, 'linksReport' | 'acceptOutsideLink'> & PhotoApi;
  session: IssueSession;
  apply(op: Operation): boolean;
  setMessage(m: string | null): void;
  /** Asks the user (window.confirm in the page). */
  confirm(text: string): boolean;
}

/**
 * The Links panel's report and actions: accept an outside link (after a confirm naming its real
 * file) and relink a photo to a picked file (uploaded, linked under the same asset id), each one
 * undoable step; the report is asked again after either.
 */
export function useLinks(o: LinkActionOptions) {
  const { t } = useWorkspaceT();
  const { report, error, refresh } = useLinksReport(o.api, o.session);
  const acceptOutside = async (row: LinkRow) => {
    const e = row.entry;
    if (!e.realPath || !o.confirm(t('links.confirmAccept', { path: e.path, realPath: e.realPath }))) return;
    try {
      const { asset } = await o.api.acceptOutsideLink({ issuePath: o.session.path, issue: o.session.issue, assetId: e.id, realPath: e.realPath });
      if (o.apply(updateAsset(asset, 'acceptOutside'))) o.setMessage(t('links.accepted', { realPath: e.realPath }));
    } catch (err) {
      o.setMessage(t('links.acceptFailed', { message: errorMessage(err) }));
    }
    await refresh();
  };
  const relink = async (row: LinkRow, file: File) => {
    try {
      const asset = await uploadAndLink(o.api, o.session.path, row.entry.id, file);
      if (o.apply(updateAsset(asset, 'relink'))) o.setMessage(t('links.relinked', { path: asset.path }));
    } catch (err) {
      o.setMessage(t('links.relinkFailed', { message: errorMessage(err) }));
    }
    await refresh();
  };
  // New only with a new report: the canvas and the pages panel repaint for a link, not per keystroke.
  const brokenPages = useMemo(() => pagesWithBrokenLinks(report), [report]);
  const brokenPhotos = useMemo(() => framesWithBrokenLinks(report), [report]);
  return { report, error, refresh, brokenPages, brokenPhotos, acceptOutside: (r: LinkRow) => void acceptOutside(r), relink: (r: LinkRow, f: File) => void relink(r, f) };
}
