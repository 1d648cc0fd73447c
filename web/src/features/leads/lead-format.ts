import type { LeadStatus } from '@voronka/contract';

export const leadStatusColor: Record<LeadStatus, string> = {
  new: 'blue',
  in_work: 'yellow',
  qualified: 'teal',
  converted: 'green',
  junk: 'gray',
};

// The statuses a person may pick next (the server's rules, mirrored to show only useful buttons).
export const nextStatuses: Record<LeadStatus, Exclude<LeadStatus, 'converted'>[]> = {
  new: ['in_work', 'qualified', 'junk'],
  in_work: ['qualified', 'new', 'junk'],
  qualified: ['in_work', 'junk'],
  junk: ['new'],
  converted: [],
};

// "1 234,50" or "1234.5" roubles → 123450 kopecks; null when it is not an amount.
export function parseMoney(input: string): number | null {
  const s = input.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

// "Анна Смирнова" → first and last name for a new contact; one word is a first name.
export function splitName(full: string | null): { firstName: string; lastName: string } {
  const parts = (full ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}
