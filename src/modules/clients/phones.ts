import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { DomainError } from '../../platform/errors.js';

// Workspaces have no region column: a Russian-speaking workspace dials Russian numbers, so local
// formats ("8 (912) …", "(495) …") read as Russia; an English-speaking one has no default region
// and must write numbers internationally ("+44 …"). Ask for a region column when that is too coarse.
export function defaultPhoneRegion(locale: 'ru' | 'en'): CountryCode | undefined {
  return locale === 'en' ? undefined : 'RU';
}

// E.164 ("+79123456789") or null when the input is not a valid number.
export function toE164(input: string, region: CountryCode | undefined): string | null {
  const parsed = parsePhoneNumberFromString(
    input.trim(),
    region ? { defaultCountry: region } : undefined,
  );
  return parsed?.isValid() ? parsed.number : null;
}

// As toE164, but a wrong number is a field error naming where it came from (e.g. "phones.1.number").
export function normalizePhone(
  input: string,
  region: CountryCode | undefined,
  field = 'phone',
): string {
  const e164 = toE164(input, region);
  if (!e164)
    throw new DomainError(
      'contact.invalid_phone',
      `not a valid phone number: ${input.slice(0, 40)}`,
      { field },
    );
  return e164;
}
