import { useState } from 'react';
import type { BroadsheetApi, PackageResultDto } from '../../core/api/methods.js';
import { errorMessage } from '../../core/error-message.js';
import { useWorkspaceT } from './i18n.js';
import { Modal } from './Modal.js';
import type { IssueSession } from './model/session.js';

/** Where a package goes by default: a zip beside the issue, named after it. */
export function defaultPackagePath(issuePath: string): string {
  return issuePath.replace(/\.broadsheet$/i, '') + ' 打包.zip';
}

/**
 * File ▸ Package… (打包): the issue as edited, every linked photo and the templates its pages use,
 * into a .zip or a folder for a colleague or the plant (API packageIssue); then what went in and
 * what was missing. An existing package is replaced only when the editor says so.
 */
export function PackageDialog({ api, session, to: given, onClose }: { api: Pick<BroadsheetApi, 'packageIssue'>; session: IssueSession; to?: string; onClose(): void }) {
  const { t } = useWorkspaceT();
  const [to, setTo] = useState(given ?? (session.path ? defaultPackagePath(session.path) : ''));
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PackageResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    setBusy(true);
    setError(null);
    api.packageIssue({ issuePath: session.path, issue: session.issue, to: to.trim(), ...(overwrite ? { overwrite } : {}) }).then(
      (r) => (setResult(r), setBusy(false)),
      (err: unknown) => (setError(errorMessage(err)), setBusy(false)),
    );
  };
  return (
    <Modal label={t('package.title')} testid="package-dialog" onClose={onClose}>
      <div className="bs-ws-dialog">
        <h2>{t('package.title')}</h2>
        {!session.path ? (
          <p className="bs-ws-warn">{t('package.saveFirst')}</p>
        ) : (
          <>
            <p>{t('package.what')}</p>
            <label className="bs-ws-field">
              <span>{t('package.to')}</span>
              <input type="text" value={to} onChange={(e) => (setTo(e.target.value), setResult(null))} data-testid="package-to" />
            </label>
            <label className="bs-ws-check">
              <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
              {t('package.overwrite')}
            </label>
          </>
        )}
        {error && (
          <p className="bs-ws-warn" role="alert" data-testid="package-error">
            {error}
          </p>
        )}
        {result && (
          <div data-testid="package-done">
            <p>{t('package.done', { path: result.path, files: result.files, photos: result.photos, templates: result.templates.length })}</p>
            {result.missingPhotos.length > 0 && <p className="bs-ws-warn">{t('package.missing', { photos: result.missingPhotos.join('、') })}</p>}
          </div>
        )}
        <div className="bs-ws-row bs-ws-dialog-actions">
          <button type="button" onClick={onClose}>
            {result ? t('export.close') : t('export.cancel')}
          </button>
          <button type="button" className="bs-ws-primary" disabled={!session.path || !to.trim() || busy || !!result} onClick={run} data-testid="package-run">
            {t('package.run')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
