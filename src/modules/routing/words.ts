// Words of a request, for the priority rules: tokens, Snowball stems for Russian and English, and
// catalog matching that tolerates inflection ("газобетонные блоки" ~ "Газобетонный блок") and
// one-letter typos ("concret" ~ "concrete", "кресел" ~ "кресло").
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';

export type Token = { raw: string; norm: string; stem: string; hasDigit: boolean };

// Latin look-alikes of Cyrillic letters, applied to codes only ("А500С" and "A500C" are one grade).
const homoglyphs: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
};

export const normalizeText = (text: string): string => text.toLowerCase().replaceAll('ё', 'е');

export const normalizeCode = (token: string): string =>
  [...normalizeText(token)]
    .map((ch) => homoglyphs[ch] ?? ch)
    .join('')
    .replaceAll('-', '');

// Snowball stemmers (Russian and English, @orama/stemmers): "газобетонные блоки" → "газобетон блок",
// "котла" → "котл", "generators" → "gener". A word is stemmed once per process (the cache is bounded).
const stemCache = new Map<string, string>();
export function stemWord(word: string): string {
  const w = normalizeText(word);
  let stem = stemCache.get(w);
  if (stem === undefined) {
    stem = /[а-я]/.test(w) ? stemRussian(w) : /[a-z]/.test(w) ? stemEnglish(w) : w;
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(w, stem);
  }
  return stem;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
    const raw = match[0];
    const hasDigit = /\d/.test(raw);
    const norm = hasDigit ? normalizeCode(raw) : normalizeText(raw);
    tokens.push({ raw, norm, stem: hasDigit ? norm : stemWord(raw), hasDigit });
    // A hyphenated word also counts as its parts: "экскаватора-погрузчика", "сайта-каталога".
    if (!hasDigit && raw.includes('-')) {
      for (const part of raw.split('-'))
        tokens.push({
          raw: part,
          norm: normalizeText(part),
          stem: stemWord(part),
          hasDigit: false,
        });
    }
  }
  return tokens;
}

// Restricted Damerau–Levenshtein distance, stopping early past 1.
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i + 1),
    restB = b.slice(i + 1);
  if (a.length === b.length)
    return (
      restA === restB ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short) && long.length - short.length <= 2) return true;
  return short.length >= 5 && withinOneEdit(a, b);
}

// Words that qualify a product name but never name one alone.
const weakWords = new Set(
  [
    'монтаж',
    'установк',
    'аренд',
    'поставк',
    'услуг',
    'работ',
    'ремонт',
    'для',
    'под',
    'ключ',
    'installation',
    'install',
    'rental',
    'hire',
    'supply',
    'service',
    'work',
    'repair',
    'for',
    'with',
    'and',
    'the',
    'of',
  ].map(stemWord),
);

// `required` holds the stems a request must name; `words` the same words unstemmed, for typos the
// stemmer cuts differently ("ofice" → "ofic", "office" → "offic").
export type CatalogEntry = { name: string; required: string[]; words?: string[] };

// Every alphabetic, non-generic word of a name must appear in the request; codes and numbers in
// the name ("А500С", "365") are qualifiers the request may leave out.
export function prepareCatalog(names: readonly string[]): CatalogEntry[] {
  return names
    .map((name) => {
      const words = tokenize(name).filter(
        (t) => !t.hasDigit && t.stem.length >= 2 && !(name.includes('-') && t.raw.includes('-')),
      );
      const strong = words.filter((t) => !weakWords.has(t.stem));
      const chosen = strong.length > 0 ? strong : words;
      return { name, required: chosen.map((t) => t.stem), words: chosen.map((t) => t.norm) };
    })
    .filter((entry) => entry.required.length > 0);
}

export function findCatalogProducts(
  tokens: readonly Token[],
  catalog: readonly CatalogEntry[],
): string[] {
  const words = tokens.filter((t) => !t.hasDigit);
  const names = (t: Token, entry: CatalogEntry, i: number) => {
    if (stemsMatch(t.stem, entry.required[i]!)) return true;
    const word = entry.words?.[i];
    return (
      word !== undefined && word.length >= 5 && t.norm.length >= 5 && withinOneEdit(t.norm, word)
    );
  };
  return catalog
    .filter((entry) => entry.required.every((_, i) => words.some((t) => names(t, entry, i))))
    .map((entry) => entry.name);
}
