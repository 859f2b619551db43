import type { TFunction } from 'i18next';
import type { PreflightFindingDto } from '../../core/api/methods.js';

/**
 * A preflight finding in the user's language: the workspace's `finding.<code>` template filled
 * with the finding's values. A finding with no values, or a code this version has no words for,
 * is shown as the host wrote it (English).
 */
export function findingText(t: TFunction, exists: (key: string) => boolean, f: Pick<PreflightFindingDto, 'code' | 'message' | 'params'>): string {
  const p = f.params;
  if (!p) return f.message;
  const key = f.code === 'image-outside' && p.changed ? 'finding.image-outside-changed' : `finding.${f.code}`;
  if (!exists(key)) return f.message;
  const values: Record<string, string | number> = { ...p };
  if (f.code === 'small-colour-text') values.inkWords = t(`finding.ink.${String(p.ink)}`);
  return t(key, { ...values, interpolation: { escapeValue: false } });
}
