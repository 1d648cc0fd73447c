import { currentLanguage, type Language } from './i18n';

// The one place dates, numbers and money become text. Everything follows the UI language (not the
// browser's locale): Russian reads "3 дек. 2026 г., 14:05" and "1 234,50 ₽"; English reads
// "3 Dec 2026, 14:05" and "RUB 1,234.50" (day before month, never mm/dd/yyyy). Times are in the
// browser's time zone.
const intlLocales: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' };
export const intlLocale = (lng: Language = currentLanguage()): string => intlLocales[lng];

// Intl formatters are costly to build and lists format hundreds of values: one per locale and options.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = intlLocale();
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = intlLocale();
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

// An ISO timestamp or a calendar day (YYYY-MM-DD, read as that day in the local calendar).
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
}
function formatWith(
  value: string | Date | null | undefined,
  options: Intl.DateTimeFormatOptions,
  empty = '—',
): string {
  if (!value) return empty;
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return dateFormat(options).format(d);
}

// "3 дек. 2026 г., 14:05" / "3 Dec 2026, 14:05"
export const formatDateTime = (value: string | Date | null | undefined) =>
  formatWith(value, { dateStyle: 'medium', timeStyle: 'short' });
// "3 дек. 2026 г." / "3 Dec 2026"
export const formatDate = (value: string | Date | null | undefined) =>
  formatWith(value, { dateStyle: 'medium' });
// "03.12.2026" / "03/12/2026": short enough for a list column.
export const formatShortDate = (value: string | Date | null | undefined) =>
  formatWith(value, { dateStyle: 'short' });
// "14:05"
export const formatTime = (value: string | Date | null | undefined) =>
  formatWith(value, { timeStyle: 'short' });
// "среда, 3 декабря" / "Wednesday 3 December"
export const formatLongDay = (value: string | Date) =>
  formatWith(value, { weekday: 'long', day: 'numeric', month: 'long' });

// "дек. 2026 г." / "Dec 2026": a report's month (a calendar day YYYY-MM-DD of it).
export const formatMonth = (day: string) => formatWith(day, { month: 'short', year: 'numeric' });
// Today in this browser's calendar, as YYYY-MM-DD.
export const localDay = (d = new Date()) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

// A list's time: today's by the clock, this year's by day, month and time, older ones with the year.
export function formatWhen(value: string | Date, now = new Date()): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return String(value);
  if (d.toDateString() === now.toDateString()) return dateFormat({ timeStyle: 'short' }).format(d);
  return dateFormat({
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(d.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}),
  }).format(d);
}

// "1 234,5" / "1,234.5"
export const formatNumber = (n: number, options: Intl.NumberFormatOptions = {}) =>
  numberFormat(options).format(n);
// A share 0–1 as per cent: "12,5 %" / "12.5%".
export const formatPercent = (share: number, maximumFractionDigits = 1) =>
  numberFormat({ style: 'percent', maximumFractionDigits }).format(share);

// Money is integer minor units (kopecks) end to end; only the screen shows roubles. A total may be
// a decimal string of kopecks (exact past 2^53): it is formatted as a decimal string, which Intl
// formats without going through a float.
export function formatMoney(minor: number | string, currency = 'RUB'): string {
  const format = numberFormat({
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  if (typeof minor === 'number') return format.format(minor / 100);
  const negative = minor.startsWith('-');
  const digits = minor.replace(/^-/, '').padStart(3, '0');
  return format.format(
    `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}` as unknown as number,
  );
}

// An amount for an input box, with the language's decimal mark and no grouping: "1234,50" / "1234.50".
export const formatMoneyInput = (minor: number) =>
  numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(
    minor / 100,
  );

// A file's size: "13 Б", "2 КБ", "3,5 МБ" / "13 B", "2 KB", "3.5 MB".
const sizeUnits: Record<Language, [string, string, string]> = {
  ru: ['Б', 'КБ', 'МБ'],
  en: ['B', 'KB', 'MB'],
};
export function formatSize(bytes: number): string {
  const [b, kb, mb] = sizeUnits[currentLanguage()];
  if (bytes < 1024) return `${formatNumber(bytes)} ${b}`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} ${kb}`;
  return `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} ${mb}`;
}
