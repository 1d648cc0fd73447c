import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';

export type DiffRow = { key: string; before: unknown; after: unknown };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Top-level fields that differ between two audit snapshots; a create or delete lists every field.
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  if (!isPlainObject(before) && !isPlainObject(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: '', before, after }];
  }
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}

// What the log's words need: yes/no, an empty value, a field's name, and record names by id.
export type Words = {
  yes: string;
  no: string;
  empty: string;
  field: (key: string) => string;
  name?: (id: string) => string | undefined;
};

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A value as a person reads it: yes/no, dates in the UI language, money in roubles, lists joined,
// ids by the record's name where known, nested objects as "field: value" pairs.
export function showValue(v: unknown, words?: Words, key = ''): string {
  if (v === undefined || v === null || v === '') return words ? words.empty : '—';
  if (!words) return typeof v === 'string' ? v : JSON.stringify(v);
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (typeof v === 'number') return key === 'amount' ? formatMoney(v) : formatNumber(v);
  if (typeof v === 'string') {
    if (isoTime.test(v)) return formatDateTime(v);
    if (isoDay.test(v)) return formatDate(v);
    if (uuid.test(v)) return words.name?.(v) ?? '…' + v.slice(-6);
    return v;
  }
  if (Array.isArray(v))
    return v.length ? v.map((x) => showValue(x, words)).join(', ') : words.empty;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(
      ([, x]) => x !== undefined && x !== null && x !== '',
    );
    // A phone or an e-mail entry reads as its number or address.
    const main = (v as Record<string, unknown>).number ?? (v as Record<string, unknown>).address;
    if (typeof main === 'string') return main;
    return entries.length
      ? entries.map(([k, x]) => `${words.field(k)}: ${showValue(x, words, k)}`).join('; ')
      : words.empty;
  }
  return String(v);
}
