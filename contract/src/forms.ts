import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

// Website forms: a form's definition (fields, consent, thank-you, where it may be embedded) is a
// workspace setting; a visitor's submission arrives through the public endpoint and becomes a
// conversation in the inbox and a request (lead).

export const FormFieldType = z.enum(['text', 'phone', 'email', 'textarea', 'select', 'checkbox']);
export type FormFieldType = z.infer<typeof FormFieldType>;

// Keys the submission itself uses (page, referrer, UTM, consent, the widget's token and honeypot):
// a field cannot take one.
export const reservedFormKeys = [
  'consent',
  'page_url',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  '_token',
  '_gotcha',
] as const;
export const honeypotKey = '_gotcha';

export const FormFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case latin letters, digits and _, starting with a letter')
  .refine(
    (k) => !(reservedFormKeys as readonly string[]).includes(k) && !k.startsWith('utm_'),
    'this key is reserved',
  );

export const FormField = z.strictObject({
  key: FormFieldKey,
  label: Name(200),
  type: FormFieldType,
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});
export type FormField = z.infer<typeof FormField>;

const Fields = z
  .array(FormField)
  .min(1)
  .max(30)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'key'],
          message: `the key "${f.key}" is used twice`,
        });
      seen.add(f.key);
      if (f.type === 'select' && f.options.length === 0)
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'a list needs options' });
    });
  });

// A site the form may be embedded on: a host ("example.ru", "shop.example.ru:8080"), every subdomain
// ("*.example.ru") or an exact origin ("https://example.ru"). Stored lower-case, IDN as punycode,
// which is what browsers put in the Origin header.
export const FormDomain = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((raw, ctx) => {
    const normalised = normaliseFormDomain(raw);
    if (!normalised) {
      ctx.addIssue({
        code: 'custom',
        message: 'a domain such as example.ru, *.example.ru or https://example.ru',
      });
      return z.NEVER;
    }
    return normalised;
  });

export function normaliseFormDomain(raw: string): string | null {
  const value = raw.trim().toLowerCase().replace(/\/+$/, '');
  const m = /^(https?:\/\/)?(\*\.)?([^/:?#\s]+)(:\d{1,5})?$/.exec(value);
  if (!m) return null;
  let host: string;
  try {
    host = new URL(`http://${m[3]}`).hostname;
  } catch {
    return null;
  }
  if (
    !/^[a-z0-9.-]+$/.test(host) ||
    host.startsWith('.') ||
    host.endsWith('.') ||
    host.includes('..')
  )
    return null;
  if (m[1] && m[2]) return null;
  return `${m[1] ?? ''}${m[2] ?? ''}${host}${m[4] ?? ''}`;
}

// Whether a browser's Origin header names one of the allowed sites.
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const hostPort = url.host;
  return allowed.some((entry) => {
    if (entry.includes('://')) return entry === url.origin;
    if (entry.startsWith('*.')) {
      const base = entry.slice(2);
      const baseHost = base.split(':')[0]!;
      const hasPort = base.includes(':');
      const subject = hasPort ? hostPort : url.hostname;
      const target = hasPort ? base : baseHost;
      return subject.endsWith(`.${target}`);
    }
    return entry.includes(':') ? entry === hostPort : entry === url.hostname;
  });
}

export const Form = z.object({
  id: Id,
  channelId: Id,
  name: z.string(),
  fields: z.array(FormField),
  consentText: z.string().nullable(),
  // Goes up by one each time the consent text changes; submissions record the version they agreed to.
  consentVersion: z.number().int(),
  thankYou: z.string(),
  allowedDomains: z.array(z.string()),
  rateLimitPerMinute: z.number().int(),
  callbackButton: z.boolean(),
  publicKey: z.string(),
  // The hosted page, the widget script and the snippet to paste into a site.
  hostedUrl: z.string(),
  widgetUrl: z.string(),
  embedCode: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Form = z.infer<typeof Form>;

export const FormCreateBody = z.strictObject({
  name: Name(200),
  fields: Fields,
  consentText: z.string().trim().max(5000).nullable().optional(),
  thankYou: z.string().trim().min(1).max(2000).optional(),
  allowedDomains: z.array(FormDomain).max(50).optional(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  callbackButton: z.boolean().optional(),
});
export type FormCreateBody = z.infer<typeof FormCreateBody>;

export const FormUpdateBody = FormCreateBody.partial();
export type FormUpdateBody = z.infer<typeof FormUpdateBody>;

// What the widget and the hosted page read: the definition without workspace internals.
export const PublicForm = z.object({
  key: z.string(),
  name: z.string(),
  fields: z.array(FormField),
  consentText: z.string().nullable(),
  consentVersion: z.number().int(),
  thankYou: z.string(),
  callbackButton: z.boolean(),
});
export type PublicForm = z.infer<typeof PublicForm>;

export const FormKeyParams = z.strictObject({ key: z.string().min(1).max(100) });

// A submission: the form's fields by key plus page_url, referrer, utm_*, consent, and from the
// widget _token (idempotency) and _gotcha (the honeypot). JSON or application/x-www-form-urlencoded.
export const FormSubmissionBody = z.record(
  z.string().max(100),
  z.union([
    z.string().max(20_000),
    z.boolean(),
    z.number(),
    z.array(z.string().max(20_000)).max(50),
    z.null(),
  ]),
);
export type FormSubmissionBody = z.infer<typeof FormSubmissionBody>;

export const FormSubmissionAccepted = z.object({ thankYou: z.string() });
export type FormSubmissionAccepted = z.infer<typeof FormSubmissionAccepted>;
