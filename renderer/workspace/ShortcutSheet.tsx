import { useWorkspaceT } from './i18n.js';
import { keysLabel, SHORTCUTS } from './keys.js';
import { Modal } from './Modal.js';

/** Whether this browser runs on a Mac (⌘ instead of Ctrl). */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keyboard-shortcut sheet (? or Ctrl+/): every key of keys.ts's SHORTCUTS, where it works. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useWorkspaceT();
  return (
    <Modal label={t('shortcuts.title')} testid="shortcut-sheet" onClose={onClose}>
      <div className="bs-ws-dialog">
        <h2>{t('shortcuts.title')}</h2>
        <table className="bs-ws-shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys} data-testid="shortcut">
                <td>
                  <kbd>{keysLabel(s.keys, IS_MAC)}</kbd>
                </td>
                <td>{t(s.label)}</td>
                <td className="bs-ws-muted">{t(`shortcuts.where.${s.where ?? 'page'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose} data-testid="shortcut-sheet-close">
          {t('shortcuts.close')}
        </button>
      </div>
    </Modal>
  );
}
