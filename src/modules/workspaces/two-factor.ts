import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { assertUnderFailureLimit, recordFailure } from './sessions.js';
import { sessions, users } from './tables.js';

const totpFor = (email: string, secretBase32: string) =>
  new OTPAuth.TOTP({ issuer: 'Voronka', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });

// ±1 step of clock drift, as RFC 6238 suggests.
export const isValidTotp = (email: string, secretBase32: string, code: string) => totpFor(email, secretBase32).validate({ token: code, window: 1 }) !== null;

async function loadUser(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError('user.not_found', 'user not found');
  return user;
}

export async function beginTwoFactorSetup(db: Db, sealer: Sealer, p: Principal) {
  const user = await loadUser(db, p.userId);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.update(users).set({ totpPendingSecret: sealer.seal(secret) }).where(eq(users.id, p.userId));
  const otpauthUrl = totpFor(user.email, secret).toString();
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

export async function enableTwoFactor(db: Db, sealer: Sealer, p: Principal, code: string) {
  const user = await loadUser(db, p.userId);
  if (!user.totpPendingSecret) throw new DomainError('auth.invalid_two_factor_code', 'start the two-factor set-up first', { field: 'code' });
  const secret = sealer.open(user.totpPendingSecret);
  if (!isValidTotp(user.email, secret, code)) throw new DomainError('auth.invalid_two_factor_code', 'the code is not valid', { field: 'code' });
  await inWorkspace(db, p.workspaceId, async (tx) => {
    await tx.update(users).set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabled: true }).where(eq(users.id, p.userId));
    await recordAudit({ tx, workspaceId: p.workspaceId, actor: p, ip: null, requestId: null }, { action: 'user.two_factor_enabled', entity: 'users', entityId: p.memberId });
  });
}

export async function disableTwoFactor(db: Db, sealer: Sealer, p: Principal, code: string) {
  const user = await loadUser(db, p.userId);
  if (!user.totpEnabled || !user.totpSecret) return;
  if (!isValidTotp(user.email, sealer.open(user.totpSecret), code)) throw new DomainError('auth.invalid_two_factor_code', 'the code is not valid', { field: 'code' });
  await inWorkspace(db, p.workspaceId, async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabled: false }).where(eq(users.id, p.userId));
    await recordAudit({ tx, workspaceId: p.workspaceId, actor: p, ip: null, requestId: null }, { action: 'user.two_factor_disabled', entity: 'users', entityId: p.memberId });
  });
}

// Second step of sign-in: the session becomes fully authenticated.
export async function verifySecondFactor(db: Db, sealer: Sealer, p: Principal, code: string) {
  if (!p.session) throw new DomainError('auth.required', 'sign in first');
  const user = await loadUser(db, p.userId);
  // Six digits are guessable without a limit: five wrong codes per 15 minutes, then 429.
  const limit = { key: `totp:${p.userId}`, max: 5 };
  await assertUnderFailureLimit(db, [limit]);
  if (!user.totpSecret || !isValidTotp(user.email, sealer.open(user.totpSecret), code)) {
    await recordFailure(db, [limit.key]);
    throw new DomainError('auth.invalid_two_factor_code', 'the code is not valid', { field: 'code' });
  }
  await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, p.session.id));
}
