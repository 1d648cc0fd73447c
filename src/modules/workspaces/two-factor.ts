import { and, eq, isNull, lt, or } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Sealer } from '../../platform/crypto.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { limitedCheck, limits } from './limiter.js';
import { sessions, users } from './tables.js';

const totpFor = (email: string, secretBase32: string) =>
  new OTPAuth.TOTP({
    issuer: 'Voronka',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });

// ±1 step of clock drift, as RFC 6238 suggests.
export const isValidTotp = (email: string, secretBase32: string, code: string) =>
  totpStep(email, secretBase32, code) !== null;

// The time step a code belongs to (within ±1 of now), or null when it matches none.
function totpStep(email: string, secretBase32: string, code: string): number | null {
  const totp = totpFor(email, secretBase32);
  const delta = totp.validate({ token: code, window: 1 });
  return delta === null ? null : totp.counter() + delta;
}

// A code is good once (RFC 6238 §5.2): the step is claimed atomically, so two requests with one
// code — in one process or two — cannot both pass; a step at or before the last accepted is refused.
async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

async function acceptCode(
  db: Db,
  user: { id: string; email: string },
  secretBase32: string,
  code: string,
): Promise<boolean> {
  const step = totpStep(user.email, secretBase32, code);
  return step !== null && (await claimTotpStep(db, user.id, step));
}

async function loadUser(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError('user.not_found', 'user not found');
  return user;
}

export async function beginTwoFactorSetup(db: Db, sealer: Sealer, p: Principal) {
  const user = await loadUser(db, p.userId);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  // A fresh set-up forgets the last used step (of an old secret), unless a live secret still uses it.
  await db
    .update(users)
    .set({
      totpPendingSecret: sealer.seal(secret),
      ...(user.totpEnabled ? {} : { totpLastStep: null }),
    })
    .where(eq(users.id, p.userId));
  const otpauthUrl = totpFor(user.email, secret).toString();
  return {
    secret,
    otpauthUrl,
    qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }),
  };
}

export async function enableTwoFactor(db: Db, sealer: Sealer, p: Principal, code: string) {
  const user = await loadUser(db, p.userId);
  if (!user.totpPendingSecret)
    throw new DomainError('auth.invalid_two_factor_code', 'start the two-factor set-up first', {
      field: 'code',
    });
  const secret = sealer.open(user.totpPendingSecret);
  if (!(await acceptCode(db, user, secret, code)))
    throw new DomainError('auth.invalid_two_factor_code', 'the code is not valid', {
      field: 'code',
    });
  await inWorkspace(db, p.workspaceId, async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabled: true })
      .where(eq(users.id, p.userId));
    await recordAudit(
      { tx, workspaceId: p.workspaceId, actor: p, ip: null, requestId: null },
      { action: 'user.two_factor_enabled', entity: 'users', entityId: p.memberId },
    );
  });
}

export async function disableTwoFactor(db: Db, sealer: Sealer, p: Principal, code: string) {
  const user = await loadUser(db, p.userId);
  if (!user.totpEnabled || !user.totpSecret) return;
  if (!(await acceptCode(db, user, sealer.open(user.totpSecret), code)))
    throw new DomainError('auth.invalid_two_factor_code', 'the code is not valid', {
      field: 'code',
    });
  await inWorkspace(db, p.workspaceId, async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabled: false })
      .where(eq(users.id, p.userId));
    await recordAudit(
      { tx, workspaceId: p.workspaceId, actor: p, ip: null, requestId: null },
      { action: 'user.two_factor_disabled', entity: 'users', entityId: p.memberId },
    );
  });
}

// Second step of sign-in: the session becomes fully authenticated.
export async function verifySecondFactor(
  db: Db,
  sealer: Sealer,
  p: Principal,
  code: string,
  ip: string | null = null,
) {
  if (!p.session) throw new DomainError('auth.required', 'sign in first');
  const user = await loadUser(db, p.userId);
  // Six digits are guessable without a limit: five wrong codes per user per 15 minutes (and the
  // address's limit for every credential), then 429. A code already used counts as wrong.
  const ok = await limitedCheck(
    db,
    [limits.totp(p.userId), ...(ip ? [limits.ip(ip)] : [])],
    async () =>
      user.totpSecret !== null && (await acceptCode(db, user, sealer.open(user.totpSecret), code)),
  );
  if (!ok)
    throw new DomainError('auth.invalid_two_factor_code', 'the code is not valid', {
      field: 'code',
    });
  await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, p.session.id));
}
