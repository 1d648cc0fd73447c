import type { CustomFieldType } from '@voronka/contract';
import { DomainError } from '../../platform/errors.js';

// Pure checks of custom field definitions and values; no I/O.
export type FieldDef = { key: string; type: CustomFieldType; options: string[]; required: boolean };

const invalid = (field: string, detail: string) =>
  new DomainError('custom_field.invalid_value', detail, { field });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isWebLink(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

// Select and multiselect fields need a list of distinct options; other types take none.
export function checkFieldOptions(type: CustomFieldType, options: string[]): string[] {
  const isChoice = type === 'select' || type === 'multiselect';
  if (!isChoice) {
    if (options.length) throw invalid('options', `a ${type} field has no options`);
    return [];
  }
  if (!options.length) throw invalid('options', 'a select field needs at least one option');
  if (new Set(options).size !== options.length)
    throw invalid('options', 'options must be distinct');
  return options;
}

export function checkCustomValue(def: FieldDef, value: unknown, field: string): unknown {
  const fail = (what: string) => invalid(field, `${def.key}: ${what}`);
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string' || value.length > 2000)
        throw fail('expected text up to 2000 characters');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('expected a number');
      return value;
    case 'money':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        throw fail('expected an integer amount in kopecks');
      return value;
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) throw fail('expected a date YYYY-MM-DD');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('expected true or false');
      return value;
    case 'link':
      if (typeof value !== 'string' || value.length > 2000 || !isWebLink(value))
        throw fail('expected an http or https link');
      return value;
    case 'select':
      if (typeof value !== 'string' || !def.options.includes(value))
        throw fail('not one of the options');
      return value;
    case 'multiselect': {
      if (
        !Array.isArray(value) ||
        value.some((v) => typeof v !== 'string' || !def.options.includes(v))
      )
        throw fail('expected a list of the options');
      return [...new Set(value as string[])];
    }
  }
}

// A filter value from the query string, checked so the database never sees a bad cast.
export function checkFilterValue(
  def: FieldDef,
  raw: string,
  op: 'gte' | 'lte' | undefined,
  field: string,
): string {
  const ranged = def.type === 'number' || def.type === 'money' || def.type === 'date';
  if (op && !ranged)
    throw invalid(field, `${def.key} is a ${def.type} field: it has no range filter`);
  if ((def.type === 'number' || def.type === 'money') && !/^-?\d+(\.\d+)?$/.test(raw))
    throw invalid(field, 'expected a number');
  if (def.type === 'date' && !isIsoDate(raw)) throw invalid(field, 'expected a date YYYY-MM-DD');
  if (def.type === 'boolean' && raw !== 'true' && raw !== 'false')
    throw invalid(field, 'expected true or false');
  return raw;
}
