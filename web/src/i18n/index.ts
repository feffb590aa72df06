// i18next set up French first; English is the second language (chosen in the header, kept in
// localStorage). Resources are bundled: they are small, and a screen must never wait for words.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import fr, { type Messages } from './fr';
import type { Locale } from '../lib/format';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'relais.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function storedLanguage(): Language {
  try {
    const l = localStorage.getItem(STORAGE_KEY);
    return l === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export function initI18n(lng: Language = storedLanguage()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { fr: { translation: fr }, en: { translation: en } },
      lng,
      fallbackLng: 'fr',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      initAsync: false,
    });
    i18n.on('languageChanged', (l) => {
      document.documentElement.lang = l;
    });
  }
  document.documentElement.lang = i18n.language;
  return i18n;
}

export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lng);
}

/** The Intl locale of the current language. */
export function localeOf(lng: string): Locale {
  return lng.startsWith('en') ? 'en-GB' : 'fr-FR';
}

export default i18n;
