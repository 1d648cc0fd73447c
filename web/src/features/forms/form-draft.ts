import type { Form, FormCreateBody, FormField, FormFieldType } from '@voronka/contract';
import { keyFromLabel } from '../custom-fields';

// The form builder's working copy: fields carry a local id for React keys and say whether the
// person typed the key themselves (otherwise it follows the label).
export type FieldDraft = FormField & { uid: string; keyTouched: boolean };
export type FormDraft = {
  name: string;
  fields: FieldDraft[];
  consentText: string;
  thankYou: string;
  allowedDomains: string[];
  rateLimitPerMinute: number;
  callbackButton: boolean;
};

let next = 0;
const uid = () => `f${++next}`;

export const fieldDraft = (
  f: Partial<FormField> & Pick<FormField, 'label' | 'type'>,
  keyTouched = true,
): FieldDraft => ({
  key: f.key ?? keyFromLabel(f.label),
  label: f.label,
  type: f.type,
  required: f.required ?? false,
  options: f.options ?? [],
  uid: uid(),
  keyTouched,
});

export type DraftDefaults = {
  name: string;
  consentText: string;
  thankYou: string;
  labels: { name: string; phone: string; email: string; message: string };
};

// A new form starts with what most sites ask: name, phone, e-mail and a message.
export function draftFromForm(form: Form | null, d: DraftDefaults): FormDraft {
  if (form) {
    return {
      name: form.name,
      fields: form.fields.map((f) => fieldDraft(f)),
      consentText: form.consentText ?? '',
      thankYou: form.thankYou,
      allowedDomains: form.allowedDomains,
      rateLimitPerMinute: form.rateLimitPerMinute,
      callbackButton: form.callbackButton,
    };
  }
  return {
    name: d.name,
    fields: [
      fieldDraft({ key: 'name', label: d.labels.name, type: 'text', required: true }),
      fieldDraft({ key: 'phone', label: d.labels.phone, type: 'phone', required: true }),
      fieldDraft({ key: 'email', label: d.labels.email, type: 'email' }),
      fieldDraft({ key: 'message', label: d.labels.message, type: 'textarea' }),
    ],
    consentText: d.consentText,
    thankYou: d.thankYou,
    allowedDomains: [],
    rateLimitPerMinute: 30,
    callbackButton: false,
  };
}

export function bodyFromDraft(d: FormDraft): FormCreateBody {
  return {
    name: d.name.trim(),
    fields: d.fields.map((f) => ({
      key: f.key,
      label: f.label.trim(),
      type: f.type,
      required: f.required,
      options: f.type === 'select' ? f.options : [],
    })),
    consentText: d.consentText.trim() || null,
    thankYou: d.thankYou.trim(),
    allowedDomains: d.allowedDomains,
    rateLimitPerMinute: d.rateLimitPerMinute,
    callbackButton: d.callbackButton,
  };
}

export function moveField(fields: FieldDraft[], index: number, delta: -1 | 1): FieldDraft[] {
  const to = index + delta;
  if (to < 0 || to >= fields.length) return fields;
  const out = [...fields];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

// A label change renames the key too until the person sets the key themselves; a new key must not
// clash with another field's.
export function relabel(fields: FieldDraft[], index: number, label: string): FieldDraft[] {
  return fields.map((f, i) => {
    if (i !== index) return f;
    if (f.keyTouched) return { ...f, label };
    const base = keyFromLabel(label) || 'field';
    const taken = new Set(fields.filter((_, j) => j !== index).map((o) => o.key));
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base.slice(0, 36)}_${n}`;
    return { ...f, label, key };
  });
}

export function newField(
  fields: FieldDraft[],
  label: string,
  type: FormFieldType = 'text',
): FieldDraft[] {
  return relabel(
    [...fields, { ...fieldDraft({ label, type }, false), key: '' }],
    fields.length,
    label,
  );
}

// The consent text the visitors agreed to changed: saving makes a new consent version.
export const isConsentChanged = (form: Form | null, d: FormDraft) =>
  form !== null && (form.consentText ?? '') !== d.consentText.trim();

// The server names a field of the list as fields.<index>.<key>: the error goes under that row.
export function fieldErrorsByIndex(
  errors: { field: string; reason: string }[],
): Record<number, Record<string, string>> {
  const out: Record<number, Record<string, string>> = {};
  for (const e of errors) {
    const m = /^fields\.(\d+)\.(\w+)/.exec(e.field);
    if (m) (out[Number(m[1])] ??= {})[m[2]!] ??= e.reason;
  }
  return out;
}

export const attachSnippet = (form: Pick<Form, 'widgetUrl' | 'publicKey'>) =>
  `<script src="${form.widgetUrl}" data-form="${form.publicKey}" data-attach="#my-form" async></script>`;
