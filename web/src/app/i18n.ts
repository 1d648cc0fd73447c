import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ru from './locales/ru.json';

export type Language = 'ru' | 'en';
export const languages: readonly Language[] = ['ru', 'en'];
const storageKey = 'voronka.lang';

export function storedLanguage(): Language | null {
  try {
    const v = window.localStorage.getItem(storageKey);
    return v === 'ru' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ru';
}

// Changes the UI language and remembers it on this device; the server copy is the caller's business.
export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lng;
  await i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLanguage() ?? 'ru',
  fallbackLng: 'ru',
  supportedLngs: ['ru', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export { i18n };
