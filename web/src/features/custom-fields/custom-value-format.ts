import type { CustomField } from '@voronka/contract';

// A stored custom value as text for cards and lists: money from kopecks in roubles, dates and
// numbers in the reader's locale, lists joined.
export function formatCustomValue(
  field: Pick<CustomField, 'type'>,
  value: unknown,
  words: { yes: string; no: string },
  locale = 'ru-RU',
): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'money':
      return typeof value === 'number'
        ? new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(value / 100)
        : String(value);
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value);
    case 'date': {
      const d = new Date(`${String(value)}T00:00:00`);
      return Number.isNaN(d.getTime()) ? String(value) : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
    }
    case 'boolean':
      return value === true ? words.yes : words.no;
    case 'multiselect':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}
