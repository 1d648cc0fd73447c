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

type DealSource = {
  title: string | null;
  source: string | null;
  message: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  companyName: string | null;
};

const GREETING =
  /^(здравствуйте|добрый\s+(день|вечер|утро)|доброе\s+утро|привет(ствую)?|hello|hi|good\s+(morning|afternoon|evening))[\s,.!—-]*/i;
const ASKING =
  /^(нужн[аоы]?|нужен|хочу|хотим|хотел[аи]?\s+бы|интересу(ет|ют)|прошу|подскажите|please|we\s+need|i\s+need|looking\s+for)[\s,:—-]+/i;
const CONTACT_LIKE = /^(\+?[\d\s()-]{6,}|\S+@\S+\.\S+|https?:\/\/\S+|✓)$/i;

// A deal name proposed from what the client wrote: a typed request title if it is not just the form's
// name, else the first words of the most telling thing in the message (a website form's message is
// "Label: value" lines — the name, phone and e-mail are left out, the longest other value is the
// request), without greetings or "нужны…", capitalised; else the company or the client's name.
export function proposeDealTitle(lead: DealSource): string {
  if (lead.title?.trim() && lead.title.trim() !== lead.source?.trim()) return lead.title.trim();
  const known = [lead.contactName, lead.contactPhone, lead.contactEmail]
    .filter((v): v is string => Boolean(v))
    .map((v) => v.trim().toLowerCase());
  const values = (lead.message ?? '')
    .split('\n')
    .map((line) => line.replace(/^[^:\n]{1,40}:\s*/, '').trim())
    .filter((v) => v && !CONTACT_LIKE.test(v) && !known.includes(v.toLowerCase()));
  const text = values.sort((a, b) => b.length - a.length)[0];
  if (text) {
    const sentence = (text.replace(GREETING, '').split(/(?<=[.!?])\s+|\n/)[0] ?? '')
      .replace(ASKING, '')
      .replace(/[.!?…]+$/, '')
      .trim();
    const words = sentence.split(/\s+/).filter(Boolean);
    const short = words.slice(0, 7).join(' ');
    const cut =
      short.length > 80
        ? `${short.slice(0, 79).replace(/\s+\S*$/, '')}…`
        : words.length > 7
          ? `${short}…`
          : short;
    if (cut) return cut.charAt(0).toUpperCase() + cut.slice(1);
  }
  return lead.companyName?.trim() || lead.contactName?.trim() || lead.title?.trim() || '';
}
