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

// A feature may keep its strings beside it (features/<name>/locales/ru.json, en.json); they are
// merged into the one translation namespace, so keys read the same wherever they live.
const featureLocales = import.meta.glob<{ default: Record<string, unknown> }>(
  '../features/*/locales/*.json',
  { eager: true },
);
type Tree = Record<string, unknown>;
function mergeInto(target: Tree, source: Tree): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      existing &&
      typeof existing === 'object' &&
      !Array.isArray(existing)
    )
      mergeInto(existing as Tree, value as Tree);
    else target[key] = value;
  }
  return target;
}
function translations(lng: Language, base: Tree): Tree {
  const out = structuredClone(base);
  for (const [path, mod] of Object.entries(featureLocales))
    if (path.endsWith(`/${lng}.json`)) mergeInto(out, mod.default);
  return out;
}

void i18n.use(initReactI18next).init({
  resources: {
    ru: { translation: translations('ru', ru) },
    en: { translation: translations('en', en) },
  },
  lng: storedLanguage() ?? 'ru',
  fallbackLng: 'ru',
  supportedLngs: ['ru', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export { i18n };
