import { and, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { rowsOf } from '../../platform/db/rls.js';
import { credentialAttempts } from './tables.js';

// The one limiter behind every credential check: sign-in, invitation acceptance, the second factor,
// API / invitation / reset tokens, sign-up and reset requests. A check names the keys it counts
// against; each key allows `max` counted attempts within its window, then answers 429 with
// Retry-After until the oldest attempt in the window ages out. Counts live in the database
// (credential_attempts) so that every API process sees the same numbers.
//
// Keys (docs/security.md explains the choice):
//  ip            every failed credential check from one address — generous, a whole office may share it
//  account+ip    failed guesses at one account from one address — tight: this is what stops guessing,
//                and it locks out only the guesser's address, not the owner's
//  account       failed guesses at one account from anywhere — loose: bounds a botnet, and a stranger
//                needs many addresses for long to reach it (the owner still gets in by a reset link)
//  totp          wrong second-factor codes for one user — the password is already known there
//  sign-up / reset-request   every attempt, not only failures: each creates a workspace or sends mail
export type Limit = { key: string; max: number; windowS: number };

const MIN = 60;
export const limits = {
  ip: (ip: string): Limit => ({ key: `ip:${ip}`, max: 50, windowS: 15 * MIN }),
  accountIp: (account: string, ip: string): Limit => ({
    key: `account-ip:${account.toLowerCase()}|${ip}`,
    max: 5,
    windowS: 15 * MIN,
  }),
  account: (account: string): Limit => ({
    key: `account:${account.toLowerCase()}`,
    max: 100,
    windowS: 60 * MIN,
  }),
  totp: (userId: string): Limit => ({ key: `totp:${userId}`, max: 5, windowS: 15 * MIN }),
  signUp: (ip: string, perHour: number): Limit => ({
    key: `sign-up:${ip}`,
    max: perHour,
    windowS: 60 * MIN,
  }),
  resetRequestIp: (ip: string): Limit => ({
    key: `reset-request-ip:${ip}`,
    max: 10,
    windowS: 60 * MIN,
  }),
  resetRequestAccount: (account: string): Limit => ({
    key: `reset-request:${account.toLowerCase()}`,
    max: 3,
    windowS: 60 * MIN,
  }),
};

// The usual set for guessing a password of `account` from `ip` (no ip: in-process callers, the CLI).
export const passwordLimits = (account: string, ip: string | null): Limit[] =>
  ip
    ? [limits.ip(ip), limits.accountIp(account, ip), limits.account(account)]
    : [limits.account(account)];
export const ipLimits = (ip: string | null): Limit[] => (ip ? [limits.ip(ip)] : []);

// 429 once any key has reached its limit within its window.
export async function assertAllowed(db: Executor, list: Limit[]): Promise<void> {
  if (!list.length) return;
  const windows: SQL[] = list.map((l) =>
    and(
      eq(credentialAttempts.key, l.key),
      gt(credentialAttempts.at, sql`now() - make_interval(secs => ${l.windowS})`),
    )!,
  );
  const rows = rowsOf<{ key: string; n: number | string; oldest_age: number | string }>(
    await db.execute(sql`select ${credentialAttempts.key} as key, count(*) as n, extract(epoch from now() - min(${credentialAttempts.at})) as oldest_age
      from ${credentialAttempts} where ${or(...windows)} group by ${credentialAttempts.key}`),
  );
  let retryAfter = 0;
  for (const l of list) {
    const r = rows.find((x) => x.key === l.key);
    if (r && Number(r.n) >= l.max)
      retryAfter = Math.max(retryAfter, l.windowS - Number(r.oldest_age));
  }
  if (retryAfter > 0)
    throw new DomainError(
      'request.rate_limited',
      `too many attempts: try again in ${Math.ceil(retryAfter / 60)} min`,
      { retryAfter: Math.ceil(retryAfter) },
    );
}

export async function recordAttempt(db: Executor, list: Limit[]): Promise<void> {
  if (list.length)
    await db.insert(credentialAttempts).values(list.map((l) => ({ id: newId(), key: l.key })));
}

// A credential check behind the limiter: refused while over the limit (before anything is looked
// at), and a failed check counts against every key.
export async function limitedCheck<T>(
  db: Db,
  list: Limit[],
  check: () => Promise<T | null | false>,
): Promise<T | null> {
  await assertAllowed(db, list);
  const result = await check();
  if (result === null || result === false) {
    await recordAttempt(db, list);
    return null;
  }
  return result;
}

// A proven owner (a reset link used) starts clean: their account's failures are forgotten.
export async function forgetAccount(db: Executor, account: string): Promise<void> {
  const a = account.toLowerCase();
  await db
    .delete(credentialAttempts)
    .where(
      or(
        eq(credentialAttempts.key, `account:${a}`),
        sql`${credentialAttempts.key} like ${`account-ip:${a.replace(/[\\%_]/g, '\\$&')}|%`}`,
      ),
    );
}

export async function purgeOldAttempts(db: Executor): Promise<void> {
  await db
    .delete(credentialAttempts)
    .where(lt(credentialAttempts.at, sql`now() - interval '1 day'`));
}

// Sign-up counts every attempt per address (each may create a workspace), refused or not.
export async function countSignUp(db: Db, ip: string | null, perHour: number): Promise<void> {
  if (!ip) return;
  const list = [limits.signUp(ip, perHour)];
  await assertAllowed(db, list);
  await recordAttempt(db, list);
}
