import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLocale } from '../../core/api/methods.js';
import en from './locales/en.js';
import zhCN from './locales/zh-CN.js';
import { setHostErrorLanguage } from './host-errors.js';

/** The UI languages; Simplified Chinese first (the newsroom's language). */
export const UI_LOCALES: ReadonlyArray<{ locale: UiLocale; label: string }> = [
  { locale: 'zh-CN', label: '简体中文' },
  { locale: 'en', label: 'English' },
];

/** Initialises i18next with both languages bundled (no network); `locale` from appInfo(). */
export async function initI18n(locale: UiLocale): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  setHostErrorLanguage(instance);
  instance.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return instance;
}

/**
 * The UI language the browser (or Electron, from the OS) asks for: its first language that is
 * Chinese or English; undefined when it names neither. In a browser this is the user's own
 * setting, which the loopback host's LANG (a server's, often C) knows nothing of.
 */
export function browserUiLocale(languages: readonly string[] | undefined): UiLocale | undefined {
  for (const l of languages ?? []) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return undefined;
}

const LOCALE_KEY = 'broadsheet.uiLocale';

/** The UI language the user chose before, if any (kept per app origin). */
export function savedUiLocale(): UiLocale | undefined {
  try {
    const v = localStorage.getItem(LOCALE_KEY);
    return UI_LOCALES.some((l) => l.locale === v) ? (v as UiLocale) : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the UI language the user chose. */
export function saveUiLocale(locale: UiLocale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* storage unavailable: the choice lasts for this session */
  }
}
