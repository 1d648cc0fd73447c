import { honeypotKey, type FormField } from '@voronka/contract';
import { isValidPhoneNumber } from 'libphonenumber-js';

// What a visitor's submission means, checked against the form's definition. Pure: the intake
// route hands in the body and request headers, and stores what comes out.

export type FieldError = { field: string; reason: string };

export type ReadSubmission = {
  // By field key, in the form's order; empty optional fields are left out.
  values: { field: FormField; value: string | boolean }[];
  consentGiven: boolean;
  pageUrl: string | null;
  referrer: string | null;
  utm: Record<string, string>;
  // The widget's idempotency token: a repeat of the same token is one submission.
  token: string | null;
  isSpam: boolean;
};

type Body = Record<string, unknown>;
type Headers = { referer?: string | undefined; idempotencyKey?: string | undefined };

const MAX_LENGTH: Record<FormField['type'], number> = {
  text: 500,
  phone: 40,
  email: 254,
  textarea: 5000,
  select: 200,
  checkbox: 10,
};
const TRUE = new Set(['true', 'on', '1', 'yes', 'да', 'y']);
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARS = /^[+\d\s()\-.]+$/;

// A url-encoded form sends repeated names as a list; a field takes the first value given.
function scalar(raw: unknown): string | boolean | null {
  if (Array.isArray(raw)) return raw.map(scalar).find((v) => v !== null && v !== '') ?? null;
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw;
  return null;
}

export const isTruthy = (raw: unknown): boolean => {
  const v = scalar(raw);
  return v === true || (typeof v === 'string' && TRUE.has(v.toLowerCase()));
};

function checkField(
  field: FormField,
  raw: unknown,
): { value: string | boolean | null; reason?: string } {
  if (field.type === 'checkbox') {
    const checked = isTruthy(raw);
    return field.required && !checked
      ? { value: null, reason: 'must be checked' }
      : { value: checked };
  }
  const v = scalar(raw);
  const text = typeof v === 'boolean' ? String(v) : v;
  if (!text) return field.required ? { value: null, reason: 'required' } : { value: null };
  if (text.length > MAX_LENGTH[field.type])
    return { value: null, reason: `at most ${MAX_LENGTH[field.type]} characters` };
  if (field.type === 'email' && !EMAIL.test(text))
    return { value: null, reason: 'not an e-mail address' };
  // A phone is a number that can be dialled (libphonenumber's metadata: length and prefixes by
  // country), not just digits: "8 912 000" is refused. Local formats read as Russian ("8 912 …",
  // "(495) …"); other countries are written internationally ("+44 …").
  if (field.type === 'phone' && (!PHONE_CHARS.test(text) || !isValidPhoneNumber(text, 'RU')))
    return { value: null, reason: 'not a phone number' };
  if (field.type === 'select' && !field.options.includes(text))
    return { value: null, reason: `one of: ${field.options.join(', ')}` };
  return { value: text };
}

const httpUrl = (raw: unknown): string | null => {
  const v = scalar(raw);
  if (typeof v !== 'string' || !v || v.length > 2000) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
};

// UTM tags as sent by the widget (read from the page's address) or, failing that, from the page URL.
function readUtm(body: Body, pageUrl: string | null): Record<string, string> {
  const fromPage = pageUrl ? new URL(pageUrl).searchParams : null;
  const utm: Record<string, string> = {};
  for (const key of UTM_KEYS) {
    const given = scalar(body[key]);
    const value = (typeof given === 'string' && given ? given : fromPage?.get(key)?.trim()) ?? '';
    if (value) utm[key] = value.slice(0, 200);
  }
  return utm;
}

function readToken(body: Body, headers: Headers): string | null {
  const header = headers.idempotencyKey?.trim();
  if (header && header.length <= 255) return header;
  const v = scalar(body._token);
  return typeof v === 'string' && v && v.length <= 255 ? v : null;
}

export function readSubmission(
  form: { fields: FormField[]; consentText: string | null },
  body: Body,
  headers: Headers,
): { ok: true; submission: ReadSubmission } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: ReadSubmission['values'] = [];
  for (const field of form.fields) {
    const checked = checkField(field, body[field.key]);
    if (checked.reason) errors.push({ field: field.key, reason: checked.reason });
    else if (checked.value !== null && checked.value !== false)
      values.push({ field, value: checked.value });
  }
  const consentGiven = isTruthy(body.consent);
  if (form.consentText && !consentGiven)
    errors.push({
      field: 'consent',
      reason: 'consent to the processing of personal data is required',
    });
  const spam = scalar(body[honeypotKey]);
  const isSpam = spam === true || (typeof spam === 'string' && spam !== '');
  // A bot that filled the honeypot gets the thank-you whatever else it sent (see the intake route).
  if (errors.length && !isSpam) return { ok: false, errors };
  const pageUrl = httpUrl(body.page_url) ?? httpUrl(headers.referer);
  const referrer = httpUrl(body.referrer);
  return {
    ok: true,
    submission: {
      values,
      consentGiven,
      pageUrl,
      referrer,
      utm: readUtm(body, pageUrl),
      token: readToken(body, headers),
      isSpam,
    },
  };
}

const NAME_KEYS = new Set(['name', 'fio', 'full_name', 'client_name', 'first_name']);

// The client as the inbox matches them: the name field, the first phone and e-mail fields.
export function clientOf(values: ReadSubmission['values']): {
  name: string | null;
  phone: string | null;
  email: string | null;
} {
  const text = (pick: (f: FormField) => boolean) => {
    const found = values.find((v) => pick(v.field) && typeof v.value === 'string');
    return found ? (found.value as string) : null;
  };
  return {
    name:
      text((f) => NAME_KEYS.has(f.key)) ??
      text((f) => f.type === 'text' && /имя|фио|name/i.test(f.label)),
    phone: text((f) => f.type === 'phone'),
    email: text((f) => f.type === 'email'),
  };
}

// The message the team reads in the inbox and the request: every answer under its label, then the
// page it was sent from.
export function composeMessage(values: ReadSubmission['values'], pageUrl: string | null): string {
  const lines = values.map(({ field, value }) => `${field.label}: ${value === true ? '✓' : value}`);
  if (pageUrl) lines.push(pageUrl);
  return lines.join('\n');
}
