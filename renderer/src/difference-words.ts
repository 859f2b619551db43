import type { TFunction } from 'i18next';
import type { IssueDifference } from '../../core/model/differences.js';

/** A difference of the recovered issue from the file, in the UI's language. */
export function differenceWords(t: TFunction, d: IssueDifference): string {
  const o = { interpolation: { escapeValue: false } };
  switch (d.what) {
    case 'meta':
      return t('recovery.diff.meta', { ...o, field: t(`recovery.field.${d.field}`), from: d.from, to: d.to });
    case 'page-changed':
      return d.was !== undefined ? t('recovery.diff.page-changed-frames', { ...o, ...d }) : t('recovery.diff.page-changed', { ...o, ...d });
    case 'story-edited':
      return t('recovery.diff.story-edited', { ...o, story: d.story, delta: `${d.delta >= 0 ? '+' : ''}${d.delta}` });
    default:
      return t(`recovery.diff.${d.what}`, { ...o, ...d });
  }
}
