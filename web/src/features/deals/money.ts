// Money is integer minor units (kopecks) end to end; only the screen shows roubles.
export function formatMoney(minor: number, currency = 'RUB', locale = 'ru-RU'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);
}

// "1 234 567,89", "1234567.89", "1 234 567" → kopecks; null when it is not an amount.
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const minorToInput = (minor: number) => (minor / 100).toFixed(2).replace('.', ',');
