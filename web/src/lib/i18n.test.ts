import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import ru from './locales/ru.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
// Plural keys differ by language on purpose (ru has one/few/many, en one/other), so they compare by base key.
const baseKeys = (flat: Record<string, string>) =>
  [...new Set(Object.keys(flat).map((k) => k.replace(pluralSuffix, '')))].sort();

describe('locale files', () => {
  const flat = { ru: flatten(ru as Tree), en: flatten(en as Tree) };

  it('have the same keys in Russian and English', () => {
    expect(baseKeys(flat.en)).toEqual(baseKeys(flat.ru));
  });

  it('have no empty values', () => {
    for (const [lng, entries] of Object.entries(flat)) {
      const empty = Object.entries(entries)
        .filter(([, v]) => v.trim() === '')
        .map(([k]) => `${lng}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('give every plural key each form its language needs', () => {
    for (const [lng, entries] of Object.entries(flat)) {
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      const plurals = new Set(
        Object.keys(entries)
          .filter((k) => pluralSuffix.test(k))
          .map((k) => k.replace(pluralSuffix, '')),
      );
      for (const base of plurals) {
        const missing = categories.filter((c) => !(`${base}_${c}` in entries));
        expect(missing, `${lng}:${base}`).toEqual([]);
      }
    }
  });
});

describe('feature locale files', () => {
  const files = import.meta.glob<{ default: Tree }>('../features/*/locales/*.json', {
    eager: true,
  });
  const byFeature = new Map<string, Partial<Record<'ru' | 'en', Tree>>>();
  for (const [path, mod] of Object.entries(files)) {
    const [, feature, lng] = /features\/([^/]+)\/locales\/(ru|en)\.json$/.exec(path) ?? [];
    if (!feature || (lng !== 'ru' && lng !== 'en')) continue;
    byFeature.set(feature, { ...byFeature.get(feature), [lng]: mod.default });
  }

  it.each([...byFeature.keys()])(
    '%s has the same keys in Russian and English, none empty',
    (feature) => {
      const pair = byFeature.get(feature)!;
      const ru = flatten(pair.ru ?? {});
      const en = flatten(pair.en ?? {});
      expect(baseKeys(en)).toEqual(baseKeys(ru));
      expect(Object.entries({ ...ru, ...en }).filter(([, v]) => v.trim() === '')).toEqual([]);
    },
  );
});
