import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BroadsheetApi, FolderListingDto } from '../../core/api/methods.js';
import { Modal } from '../workspace/Modal.js';
import { errorMessage } from './transport.js';

/** Characters no file name may hold on any of the systems a host runs on. */
const BAD_NAME = /[/\\:*?"<>|\u0000-\u001f]/;

/** A typed file name as an issue file name: `.broadsheet` added when missing; null when unusable. */
export function issueFileName(typed: string): string | null {
  const name = typed.trim();
  if (!name || BAD_NAME.test(name) || name.startsWith('.') || name === '..') return null;
  return name.toLowerCase().endsWith('.broadsheet') ? name : `${name}.broadsheet`;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The page's Open and Save As dialog (the browser host has no native ones): the user's folders
 * on the left, one folder's subfolders and issue files on the right (API listFolder, which
 * refuses anything outside those folders), a file name to save under. Double-click opens a
 * folder or an issue; saving over an existing file asks first.
 */
export function FileDialog({
  api,
  mode,
  start,
  suggestedName,
  onChoose,
  onClose,
}: {
  api: Pick<BroadsheetApi, 'listFolder'>;
  mode: 'open' | 'save';
  /** The folder to start in (the shown issue's); none = the host's startup folder. */
  start?: string;
  suggestedName?: string;
  onChoose: (path: string) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [listing, setListing] = useState<FolderListingDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState(suggestedName ?? '');
  const [confirm, setConfirm] = useState<string | null>(null);

  const go = useCallback(
    (path?: string) => {
      setError(null);
      setConfirm(null);
      api.listFolder(path ? { path } : {}).then(
        (l) => {
          setListing(l);
          setSelected(null);
        },
        (err: unknown) => {
          // A start folder outside the user's folders (an issue opened from elsewhere): start from the host's folder.
          if (path && path === start) return go();
          setError(errorMessage(err));
        },
      );
    },
    [api, start],
  );
  useEffect(() => go(start), [go, start]);

  const target = mode === 'save' ? issueFileName(name) : null;
  const choose = (path?: string) => {
    if (mode === 'open') {
      const p = path ?? selected;
      if (p) onChoose(p);
      return;
    }
    if (!listing) return;
    if (!target) return setError(t('fileDialog.badName'));
    const full = `${listing.path}${listing.path.endsWith(listing.sep) ? '' : listing.sep}${target}`;
    if (listing.issues.some((f) => f.name === target) && confirm !== full) return setConfirm(full);
    onChoose(full);
  };
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Modal label={t(mode === 'open' ? 'fileDialog.openTitle' : 'fileDialog.saveTitle')} testid="file-dialog" onClose={onClose}>
      <div className="bs-ws-dialog bs-file-dialog">
        <h2>{t(mode === 'open' ? 'fileDialog.openTitle' : 'fileDialog.saveTitle')}</h2>
        <div className="bs-file-body">
          <nav className="bs-file-places" aria-label={t('fileDialog.places')}>
            {listing?.roots.map((r) => (
              <button key={r.path} type="button" title={r.path} aria-current={listing.path === r.path || undefined} onClick={() => go(r.path)}>
                {r.kind === 'recent' ? t('fileDialog.recent', { name: r.path.split(/[\\/]/).pop() }) : t(`fileDialog.${r.kind}`)}
              </button>
            ))}
          </nav>
          <div className="bs-file-main">
            <div className="bs-file-path">
              <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && go(listing.parent)} data-testid="file-up">
                ↑ {t('fileDialog.up')}
              </button>
              <span title={listing?.path} data-testid="file-folder">{listing?.path ?? t('fileDialog.loading')}</span>
            </div>
            <ul className="bs-file-list" role="listbox" aria-label={listing?.name ?? ''} data-testid="file-list">
              {listing?.folders.map((f) => (
                <li key={f.path} role="option" aria-selected={false} tabIndex={0} className="bs-file-folder" onDoubleClick={() => go(f.path)} onKeyDown={(e) => e.key === 'Enter' && go(f.path)} title={f.path}>
                  <span>
                    <svg className="bs-file-icon" viewBox="0 0 14 11" aria-hidden="true">
                      <path d="M0 1.5A1.5 1.5 0 0 1 1.5 0H5l1.5 1.5h6A1.5 1.5 0 0 1 14 3v6.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 0 9.5z" />
                    </svg>
                    {f.name}
                  </span>
                  <span>{t('fileDialog.folder')}</span>
                </li>
              ))}
              {listing?.issues.map((f) => (
                <li
                  key={f.path}
                  role="option"
                  tabIndex={0}
                  aria-selected={selected === f.path}
                  onClick={() => (setSelected(f.path), mode === 'save' && setName(f.name))}
                  onDoubleClick={() => (mode === 'open' ? choose(f.path) : (setName(f.name), setSelected(f.path)))}
                  onKeyDown={(e) => e.key === 'Enter' && (mode === 'open' ? choose(f.path) : setName(f.name))}
                  title={f.path}
                >
                  <span>{f.name}</span>
                  <span>
                    {size(f.size)} · {date(f.modified)}
                  </span>
                </li>
              ))}
              {listing && !listing.folders.length && !listing.issues.length && <li className="bs-file-empty">{t('fileDialog.empty')}</li>}
            </ul>
            {listing?.truncated && <p className="bs-ws-detail">{t('fileDialog.truncated', { count: listing.folders.length + listing.issues.length })}</p>}
          </div>
        </div>
        {mode === 'save' && (
          <label className="bs-ws-field">
            <span>{t('fileDialog.fileName')}</span>
            <input type="text" value={name} autoFocus onChange={(e) => (setName(e.target.value), setConfirm(null), setError(null))} onKeyDown={(e) => e.key === 'Enter' && choose()} data-testid="file-name" />
          </label>
        )}
        {confirm && (
          <p className="bs-ws-warn" role="alert" data-testid="file-confirm">
            {t('fileDialog.exists', { name: target })}
          </p>
        )}
        {error && (
          <p className="bs-ws-warn" role="alert" data-testid="file-error">
            {error}
          </p>
        )}
        <div className="bs-ws-row bs-ws-dialog-actions">
          <button type="button" onClick={onClose}>
            {t('fileDialog.cancel')}
          </button>
          <button type="button" className="bs-ws-primary" disabled={mode === 'open' ? !selected : !listing || !name.trim()} onClick={() => choose()} data-testid="file-choose">
            {mode === 'open' ? t('fileDialog.open') : confirm ? t('fileDialog.replace') : t('fileDialog.save')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
