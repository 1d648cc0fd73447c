// Money is integer minor units (kopecks) end to end; only the screen shows roubles.
// A total may be a decimal string of kopecks (exact past 2^53): it is formatted as a decimal string,
// which Intl formats without going through a float.
export function formatMoney(minor: number | string, currency = 'RUB', locale = 'ru-RU'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (typeof minor === 'number') return format.format(minor / 100);
  const negative = minor.startsWith('-');
  const digits = minor.replace(/^-/, '').padStart(3, '0');
  return format.format(`${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}` as unknown as number);
}

// Adds kopecks to an exact total without losing precision.
export const addMinor = (total: string, delta: number) => String(BigInt(total) + BigInt(delta));

// "1 234 567,89", "1234567.89", "1 234 567" → kopecks; null when it is not an amount.
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const minorToInput = (minor: number) => (minor / 100).toFixed(2).replace('.', ',');
