// How the print module writes numbers and dates: Russian style through Intl (ru-RU groups digits
// with a no-break space and uses a decimal comma), never by hand.

const money = new Intl.NumberFormat('ru-RU', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: true,
});
const quantity = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 3, useGrouping: true });
const longDate = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 123450 → «1 234,50» (the space is U+00A0, as ru-RU Intl groups). */
export function formatMoney(kopecks: number): string {
  // Kopecks / 100 is exact to the cent for every safe integer the money module allows.
  return money.format(kopecks / 100);
}

/** «2.5» → «2,5»; «1000» → «1 000». The decimal string is printed as it is, never rounded. */
export function formatQuantity(decimal: string): string {
  return quantity.format(Number(decimal));
}

function utc(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${date}`);
  return d;
}

/** «2026-12-03» → «3 декабря 2026 г.» */
export function formatDateLong(date: string): string {
  return longDate.format(utc(date));
}

/** «2026-12-03» → «03.12.2026» */
export function formatDateShort(date: string): string {
  return shortDate.format(utc(date));
}

/** «22 %», or «без НДС» for a line without VAT. */
export function formatVatRate(rate: number | null): string {
  return rate === null ? 'без НДС' : `${rate}%`;
}
