import type { CustomField } from '@voronka/contract';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';

// A stored custom value as text for cards and lists: money from kopecks in roubles, dates and
// numbers in the UI language (lib/format.ts), lists joined.
export function formatCustomValue(
  field: Pick<CustomField, 'type'>,
  value: unknown,
  words: { yes: string; no: string },
): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'date': {
      return formatDate(String(value));
    }
    case 'boolean':
      return value === true ? words.yes : words.no;
    case 'multiselect':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}
