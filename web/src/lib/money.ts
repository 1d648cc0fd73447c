import { formatMoney, formatMoneyInput } from './format';
import { currentLanguage, type Language } from './i18n';

// Money is integer minor units (kopecks) end to end; only the screen shows roubles, in the UI
// language's format (lib/format.ts).
export { formatMoney };

// Adds kopecks to an exact total without losing precision.
export const addMinor = (total: string, delta: number) => String(BigInt(total) + BigInt(delta));

// "1 234 567,89", "1234567.89", "1 234 567" → kopecks; null when it is not an amount. In English a
// comma groups thousands ("1,234,567.89"); in Russian it is the decimal mark.
export function parseMoney(text: string, lng: Language = currentLanguage()): number | null {
  const spaced = text.replace(/[\s\u00a0\u202f₽]/g, '');
  const cleaned =
    lng === 'en'
      ? spaced.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(',', '.')
      : spaced.replace(',', '.');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const minorToInput = (minor: number) => formatMoneyInput(minor);
