// Words of a request, for the priority rules: tokens, a light suffix-stripping stemmer for Russian and
// English, and catalog matching that tolerates inflection ("газобетонные блоки" ~ "Газобетонный блок")
// and one-letter typos ("concret" ~ "concrete", "кресел" ~ "кресло").
// No stemming package is installed; a Snowball stemmer (e.g. @orama/stemmers/russian) could replace
// `stemWord` one for one — the matching around it stays the same.

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

// Longest first; a stem keeps at least three letters.
const ruEndings = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'ость',
  'ости',
  'ться',
  'ешь',
  'ишь',
  'иях',
  'ах',
  'ях',
  'ых',
  'их',
  'ий',
  'ый',
  'ой',
  'ей',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ом',
  'ем',
  'ам',
  'ям',
  'им',
  'ым',
  'ов',
  'ев',
  'ью',
  'ия',
  'ья',
  'ье',
  'ию',
  'ть',
  'ет',
  'ют',
  'ут',
  'ит',
  'ат',
  'ят',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'й',
];

function stemRussian(word: string): string {
  for (const ending of ruEndings) {
    if (word.endsWith(ending) && word.length - ending.length >= 3)
      return word.slice(0, -ending.length);
  }
  return word;
}

function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function stemWord(word: string): string {
  const w = normalizeText(word);
  return /[а-я]/.test(w) ? stemRussian(w) : stemEnglish(w);
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

export type CatalogEntry = { name: string; required: string[] };

// Every alphabetic, non-generic word of a name must appear in the request; codes and numbers in
// the name ("А500С", "365") are qualifiers the request may leave out.
export function prepareCatalog(names: readonly string[]): CatalogEntry[] {
  return names
    .map((name) => {
      const words = tokenize(name).filter(
        (t) => !t.hasDigit && t.stem.length >= 2 && !(name.includes('-') && t.raw.includes('-')),
      );
      const strong = words.filter((t) => !weakWords.has(t.stem)).map((t) => t.stem);
      return { name, required: strong.length > 0 ? strong : words.map((t) => t.stem) };
    })
    .filter((entry) => entry.required.length > 0);
}

export function findCatalogProducts(
  tokens: readonly Token[],
  catalog: readonly CatalogEntry[],
): string[] {
  const stems = tokens.filter((t) => !t.hasDigit).map((t) => t.stem);
  return catalog
    .filter((entry) => entry.required.every((req) => stems.some((s) => stemsMatch(s, req))))
    .map((entry) => entry.name);
}
