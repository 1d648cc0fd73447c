import type { z } from 'zod';
import { i18n } from './i18n';

export type FieldErrors = Record<string, string>;
export type Checked<D> = { ok: true; data: D } | { ok: false; errors: FieldErrors };

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? i18n.t('validation.required')
        : i18n.t('validation.minLength', { count: Number(issue.minimum) });
    case 'too_big':
      return i18n.t('validation.maxLength', { count: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? i18n.t('validation.email') : i18n.t('validation.invalid');
    default:
      return i18n.t('validation.invalid');
  }
}

// Client-side check with the contract's own schema, in the reader's language.
export function validate<S extends z.ZodType>(schema: S, values: unknown): Checked<z.output<S>> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issueMessage(issue);
  }
  return { ok: false, errors };
}

// A one-time code from an authenticator app: six digits, spaces allowed while typing.
export function checkCode(values: { code: string }): Checked<string> {
  const code = values.code.replace(/\s/g, '');
  return /^\d{6}$/.test(code)
    ? { ok: true, data: code }
    : { ok: false, errors: { code: i18n.t('validation.sixDigits') } };
}
