import type { AgingAmounts, AgingBucket } from '@voronka/contract';

// Pure receivables arithmetic: days between calendar dates, the aging bucket, sums per bucket.

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Whole days from `from` to `to` (calendar dates, no time zone involved). */
export const daysBetween = (from: string, to: string): number =>
  Math.round(dayNumber(to) - dayNumber(from));

/** Days past the due date on `asOf`; 0 when not yet due or without a due date ("after the act"
 * with no act yet). */
export const daysPastDue = (dueDate: string | null, asOf: string): number =>
  dueDate ? Math.max(0, daysBetween(dueDate, asOf)) : 0;

export function bucketOf(daysLate: number): AgingBucket {
  if (daysLate <= 0) return 'current';
  if (daysLate <= 30) return 'd1_30';
  if (daysLate <= 60) return 'd31_60';
  if (daysLate <= 90) return 'd61_90';
  return 'd90_plus';
}

/** Today's calendar date in a time zone: the workspace's "today" for aging. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export const emptyAmounts = (): AgingAmounts => ({
  current: 0,
  d1_30: 0,
  d31_60: 0,
  d61_90: 0,
  d90_plus: 0,
  total: 0,
  overdue: 0,
  invoices: 0,
});

export function addTo(sum: AgingAmounts, bucket: AgingBucket, kopecks: number): void {
  sum[bucket] += kopecks;
  sum.total += kopecks;
  if (bucket !== 'current') sum.overdue += kopecks;
  sum.invoices += 1;
}

/** The date an invoice became fully paid: the payment that brought the allocations to its total
 * (payments in date order); null while anything is open. */
export function paidOn(total: number, payments: { date: string; amountKopecks: number }[]) {
  let sum = 0;
  for (const p of [...payments].sort((a, b) => a.date.localeCompare(b.date))) {
    sum += p.amountKopecks;
    if (sum >= total) return p.date;
  }
  return null;
}
