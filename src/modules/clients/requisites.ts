import { DomainError } from '../../platform/errors.js';

// Russian company requisites and their official check digits. Pure functions, no I/O.
// Each check answers null when valid, or an English reason the UI translates by code + field.

export type RequisiteField = 'inn' | 'kpp' | 'ogrn' | 'bik' | 'corrAccount' | 'settlementAccount';

const digits = (s: string) => Array.from(s, Number);
const weighted = (ds: number[], weights: number[]) =>
  weights.reduce((sum, w, i) => sum + w * ds[i]!, 0);

// INN: 10 digits (organisation, one check digit) or 12 (entrepreneur / person, two check digits).
export function innProblem(inn: string): string | null {
  if (!/^\d{10}$|^\d{12}$/.test(inn))
    return 'must be 10 digits (organisation) or 12 digits (entrepreneur)';
  const d = digits(inn);
  const check = (n: number, weights: number[]) => (weighted(d, weights) % 11) % 10 === d[n];
  if (inn.length === 10)
    return check(9, [2, 4, 10, 3, 5, 9, 4, 6, 8]) ? null : 'check digit does not match';
  const ok =
    check(10, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) && check(11, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return ok ? null : 'check digits do not match';
}

// KPP: tax office (4 digits), reason (2 digits or capital Latin letters), number (3 digits).
export function kppProblem(kpp: string): string | null {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp)
    ? null
    : 'must be 9 characters: 4 digits, 2 digits or letters A-Z, 3 digits';
}

// OGRN: 13 digits, the last is (first 12 mod 11) mod 10; OGRNIP: 15, (first 14 mod 13) mod 10.
export function ogrnProblem(ogrn: string): string | null {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return 'must be 13 digits (OGRN) or 15 digits (OGRNIP)';
  const modulus = ogrn.length === 13 ? 11n : 13n;
  const expected = (BigInt(ogrn.slice(0, -1)) % modulus) % 10n;
  return expected === BigInt(ogrn.slice(-1)) ? null : 'check digit does not match';
}

export function bikProblem(bik: string): string | null {
  return /^\d{9}$/.test(bik) ? null : 'must be 9 digits';
}

// The Bank of Russia key: 23 digits (3 from the BIK + the 20-digit account) weighted 7 1 3 7 1 3 …;
// the sum of the products is divisible by 10 when the account's key digit is right.
function accountKeyValid(prefix3: string, account: string): boolean {
  const weights = Array.from({ length: 23 }, (_, i) => [7, 1, 3][i % 3]!);
  return weighted(digits(prefix3 + account), weights) % 10 === 0;
}

// Settlement account against the BIK: the prefix is the BIK's last three digits.
export function settlementAccountProblem(account: string, bik?: string | null): string | null {
  if (!/^\d{20}$/.test(account)) return 'must be 20 digits';
  if (!bik || bikProblem(bik)) return null;
  return accountKeyValid(bik.slice(-3), account) ? null : 'control key does not match the BIK';
}

// Correspondent account against the BIK: the prefix is "0" + the BIK's 5th and 6th digits.
export function corrAccountProblem(account: string, bik?: string | null): string | null {
  if (!/^\d{20}$/.test(account)) return 'must be 20 digits';
  if (!bik || bikProblem(bik)) return null;
  return accountKeyValid(`0${bik.slice(4, 6)}`, account)
    ? null
    : 'control key does not match the BIK';
}

export type Requisites = Partial<Record<RequisiteField, string | null>>;

const labels: Record<RequisiteField, string> = {
  inn: 'INN',
  kpp: 'KPP',
  ogrn: 'OGRN',
  bik: 'BIK',
  corrAccount: 'correspondent account',
  settlementAccount: 'settlement account',
};

// Every problem of a set of requisites, in field order; accounts are checked against the BIK given.
export function requisiteProblems(r: Requisites): { field: RequisiteField; reason: string }[] {
  const checks: [RequisiteField, (v: string) => string | null][] = [
    ['inn', innProblem],
    ['kpp', kppProblem],
    ['ogrn', ogrnProblem],
    ['bik', bikProblem],
    ['corrAccount', (v) => corrAccountProblem(v, r.bik)],
    ['settlementAccount', (v) => settlementAccountProblem(v, r.bik)],
  ];
  return checks.flatMap(([field, check]) => {
    const value = r[field];
    const reason = value ? check(value) : null;
    return reason ? [{ field, reason }] : [];
  });
}

// Throws the first problem as a field error: `company.invalid_requisite` naming the field.
export function assertRequisites(r: Requisites): void {
  const [first] = requisiteProblems(r);
  if (first)
    throw new DomainError('company.invalid_requisite', `${labels[first.field]}: ${first.reason}`, {
      field: first.field,
    });
}

// The inverse of the checks, for generated requisites (the demo workspace, tests): the body given
// completed with the check digits the official algorithms expect.
const firstValid = (candidates: (d: number) => string, valid: (s: string) => boolean): string => {
  const found = Array.from({ length: 10 }, (_, d) => candidates(d)).find(valid);
  if (!found) throw new Error('no check digit fits');
  return found;
};

// 9 digits → a 10-digit organisation INN; 10 digits → a 12-digit entrepreneur INN.
export function withInnCheck(body: string): string {
  if (body.length === 9)
    return firstValid(
      (d) => body + d,
      (s) => innProblem(s) === null,
    );
  const eleven = firstValid(
    (d) => body + d,
    (s) => (weighted(digits(s), [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10 === Number(s[10]),
  );
  return firstValid(
    (d) => eleven + d,
    (s) => innProblem(s) === null,
  );
}

// 12 digits → OGRN (13); 14 digits → OGRNIP (15).
export function withOgrnCheck(body: string): string {
  return firstValid(
    (d) => body + d,
    (s) => ogrnProblem(s) === null,
  );
}

// A 20-digit account whose 9th digit (the control key) is set to match the BIK.
export function withAccountKey(
  account: string,
  bik: string,
  kind: 'corrAccount' | 'settlementAccount',
): string {
  const check = kind === 'corrAccount' ? corrAccountProblem : settlementAccountProblem;
  return firstValid(
    (d) => account.slice(0, 8) + d + account.slice(9),
    (s) => check(s, bik) === null,
  );
}

// A company's website is stored only as an http(s) address: what people type ("romashka.ru",
// "https://romashka.ru/") becomes one, anything with another scheme (javascript:, data:, file:)
// is refused, since the card shows it as a link.
export function websiteUrl(typed: string): { url: string } | { reason: string } {
  const v = typed.trim();
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(v)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https' && !/^[a-z\d-]+:\d+/i.test(v))
    return { reason: 'only http:// and https:// addresses' };
  const text = scheme === 'http' || scheme === 'https' ? v : `https://${v.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: 'not a web address' };
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    !url.hostname.includes('.') ||
    /\s/.test(text)
  )
    return { reason: 'not a web address' };
  return { url: text };
}
