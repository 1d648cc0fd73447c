import type { Locale } from '@voronka/contract';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { APP_ROLE } from '../../platform/db/rls.js';
import type { Db, Tx } from '../../platform/db/types.js';
import { systemActor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { SystemMailer } from '../../platform/mail/system-mail.js';
import { findUserByEmail } from './accounts.js';
import {
  assertAllowed,
  forgetAccount,
  ipLimits,
  limitedCheck,
  limits,
  recordAttempt,
} from './limiter.js';
import { hashPassword } from './passwords.js';
import { members, passwordResets, sessions, users } from './tables.js';

const RESET_MINUTES = 60;

const letters: Record<Locale, (link: string) => { subject: string; text: string }> = {
  ru: (link) => ({
    subject: 'Сброс пароля в Воронке',
    text: `Здравствуйте!\n\nКто-то (надеемся, вы) попросил сбросить пароль от Воронки для этой почты. Чтобы задать новый пароль, откройте ссылку:\n\n${link}\n\nСсылка действует ${RESET_MINUTES} минут и срабатывает один раз. Если вы не просили сброс, просто проигнорируйте это письмо: пароль останется прежним.\n`,
  }),
  en: (link) => ({
    subject: 'Reset your Voronka password',
    text: `Hello,\n\nSomeone (hopefully you) asked to reset the Voronka password for this e-mail. To set a new password, open this link:\n\n${link}\n\nThe link works once, for ${RESET_MINUTES} minutes. If you did not ask for it, ignore this letter: your password stays as it is.\n`,
  }),
};

export type ResetDeps = {
  db: Db;
  mailer: SystemMailer | null;
  publicUrl: string;
  log: (msg: string, err: unknown) => void;
};

// The same answer whether or not the e-mail has an account. Every request counts (each may send a
// letter): per address and per e-mail. The letter goes out after the answer, so the answer's timing
// does not depend on the mail server either.
export async function requestPasswordReset(
  deps: ResetDeps,
  email: string,
  ip: string | null,
): Promise<void> {
  const { db, mailer } = deps;
  if (!mailer)
    throw new DomainError(
      'auth.password_reset_unavailable',
      'password reset by e-mail is not set up on this installation: ask its administrator',
    );
  const counted = [limits.resetRequestAccount(email), ...(ip ? [limits.resetRequestIp(ip)] : [])];
  await assertAllowed(db, counted);
  await recordAttempt(db, counted);
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const token = randomToken('', 32);
  await db.insert(passwordResets).values({
    id: newId(),
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: sql`now() + make_interval(mins => ${RESET_MINUTES})`,
    ip,
  });
  const letter = letters[user.locale](`${deps.publicUrl}/reset-password/${token}`);
  void mailer
    .send({ to: user.email, ...letter })
    .catch((err) => deps.log('password reset letter not sent', err));
}

// The link's token sets the new password once: every session of the user ends (in every workspace),
// other outstanding links die, the account's failed-attempt counts are forgotten (the owner proved
// the mailbox), and each workspace the user belongs to records it in its audit log.
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  ip: string | null,
): Promise<void> {
  const tokenHash = hashToken(token);
  const live = await limitedCheck(db, ipLimits(ip), async () => {
    const [row] = await db
      .select({ id: passwordResets.id, userId: passwordResets.userId })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.tokenHash, tokenHash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, sql`now()`),
        ),
      );
    return row ?? null;
  });
  if (!live)
    throw new DomainError(
      'auth.reset_link_invalid',
      'this password reset link is not valid: it was used, it expired, or it never existed — ask for a new one',
      { field: 'token' },
    );
  const passwordHash = await hashPassword(password);
  const email = await db.transaction(async (tx) => {
    // Claimed atomically: of two requests with one link, one wins.
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(passwordResets.id, live.id),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: passwordResets.id });
    if (!claimed.length)
      throw new DomainError(
        'auth.reset_link_invalid',
        'this password reset link is not valid: ask for a new one',
        { field: 'token' },
      );
    return replacePassword(tx, live.userId, passwordHash, ip, 'user.password_reset');
  });
  await forgetAccount(db, email);
}

// A new password for a user, however it came (a reset link, the operator's CLI): every session ends,
// outstanding reset links die, each workspace the user belongs to records it. Returns the e-mail.
async function replacePassword(
  tx: Tx,
  userId: string,
  passwordHash: string,
  ip: string | null,
  action: 'user.password_reset' | 'user.password_set_by_operator',
): Promise<string> {
  const [user] = await tx
    .update(users)
    .set({ passwordHash })
    .where(eq(users.id, userId))
    .returning({ email: users.email });
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const memberships = await tx
    .select({
      workspaceId: members.workspaceId,
      id: members.id,
      role: members.role,
      teamId: members.teamId,
    })
    .from(members)
    .where(eq(members.userId, userId));
  for (const m of memberships) {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.workspace_id', ${m.workspaceId}, true)`,
    );
    await recordAudit(
      {
        tx,
        workspaceId: m.workspaceId,
        actor:
          action === 'user.password_reset'
            ? {
                kind: 'user',
                memberId: m.id,
                userId,
                role: m.role,
                teamId: m.teamId,
                permissions: null,
              }
            : systemActor,
        ip,
        requestId: null,
      },
      { action, entity: 'users', entityId: m.id, after: { sessionsEnded: true } },
    );
  }
  return user!.email;
}

// `voronka user password --email …`: the operator of a self-hosted install sets a forgotten password.
export async function setPasswordByOperator(
  db: Db,
  email: string,
  password: string,
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const done = await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return false;
    await replacePassword(tx, user.id, passwordHash, null, 'user.password_set_by_operator');
    return true;
  });
  if (done) await forgetAccount(db, email.trim().toLowerCase());
  return done;
}
