// Сумма прописью, as 1C's ЧислоПрописью prints it and as payment orders require: roubles in words
// with a capital letter, kopecks as two digits, both nouns declined by the number before them.
// Written by hand: the Russian packages on npm are little used and untested against the cases in
// RU-DOCUMENTS.md §6, which words.test.ts checks one by one.

type Gender = 'm' | 'f';
type Forms = readonly [one: string, few: string, many: string];

const UNITS: Record<Gender, readonly string[]> = {
  m: ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  f: ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
};
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

const RUBLE: Forms = ['рубль', 'рубля', 'рублей'];
const KOPECK: Forms = ['копейка', 'копейки', 'копеек'];
// Scales from the lowest group up: units (the rouble itself), thousands, millions, billions.
const SCALES: { forms: Forms | null; gender: Gender }[] = [
  { forms: null, gender: 'm' },
  { forms: ['тысяча', 'тысячи', 'тысяч'], gender: 'f' },
  { forms: ['миллион', 'миллиона', 'миллионов'], gender: 'm' },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], gender: 'm' },
];

/** The noun's form after a number: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль. */
export function plural(n: number, forms: Forms): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** 0 < n < 1000 in words. */
function triad(n: number, gender: Gender): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)]!];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]!);
  else words.push(TENS[Math.floor(rest / 10)]!, UNITS[gender][rest % 10]!);
  return words.filter(Boolean);
}

/** A whole number of roubles (< 10^12) in words, without the noun. */
function integerInWords(n: number): string {
  if (n === 0) return 'ноль';
  const words: string[] = [];
  for (let scale = SCALES.length - 1; scale >= 0; scale--) {
    const group = Math.floor(n / 1000 ** scale) % 1000;
    if (group === 0) continue;
    const { forms, gender } = SCALES[scale]!;
    words.push(...triad(group, gender));
    if (forms) words.push(plural(group, forms));
  }
  return words.join(' ');
}

const MAX_KOPECKS = 99_999_999_999_999; // 999 999 999 999,99 ₽: the billions are the largest scale

/** 12345 → «Сто двадцать три рубля 45 копеек». */
export function amountInWords(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0 || kopecks > MAX_KOPECKS) {
    throw new RangeError('amount must be a whole number of kopecks from 0 to 99 999 999 999 999');
  }
  const roubles = Math.floor(kopecks / 100);
  const cents = kopecks % 100;
  const words = integerInWords(roubles);
  const text = `${words} ${plural(roubles, RUBLE)} ${String(cents).padStart(2, '0')} ${plural(cents, KOPECK)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
