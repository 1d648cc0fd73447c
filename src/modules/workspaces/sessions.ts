import type { Me, SessionInfo, SignInBody } from '@voronka/contract';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Principal, PrincipalResolver } from '../../platform/auth/principal.js';
import type { PrincipalCache } from '../../platform/auth/principal-cache.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import { verifyPassword } from './passwords.js';
import { completePermissions } from './rules.js';
import { apiTokens, members, roles, sessions, users, workspaces } from './tables.js';
import { assertAllowed, ipLimits, limitedCheck, passwordLimits, recordAttempt } from './limiter.js';
import { findUserByEmail } from './accounts.js';
import { toWorkspace } from './workspace.js';

const SESSION_DAYS = 30;
export const SESSION_MAX_AGE_S = SESSION_DAYS * 24 * 3600;
export type Client = { ip: string | null; userAgent: string | null };
export type NewSession = { token: string; info: SessionInfo };

export async function signIn(db: Db, body: SignInBody, client: Client): Promise<NewSession> {
  // The same answer and the same limits whether or not the e-mail has an account.
  const user = await limitedCheck(db, passwordLimits(body.email, client.ip), async () => {
    const found = await findUserByEmail(db, body.email);
    return (await verifyPassword(found?.passwordHash ?? null, body.password)) ? found : null;
  });
  if (!user)
    throw new DomainError('auth.invalid_credentials', 'wrong e-mail or password', {
      field: 'password',
    });
  const workspaceId = await pickWorkspace(db, user.id, body.workspace);
  return createSession(db, { userId: user.id, workspaceId }, client);
}

async function pickWorkspace(db: Db, userId: string, slug: string | undefined): Promise<string> {
  const rows = await db
    .select({ id: workspaces.id, slug: workspaces.slug })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt));
  const chosen = slug ? rows.find((r) => r.slug === slug) : rows[0];
  if (!chosen)
    throw new DomainError(
      slug ? 'workspace.not_found' : 'auth.user_deactivated',
      slug ? 'you are not a member of this workspace' : 'you have no active workspace',
      slug ? { field: 'workspace' } : {},
    );
  return chosen.id;
}

// A new random id for every sign-in (no fixation); only its hash is stored.
// The session owes a second factor exactly when the user has TOTP on.
export async function createSession(
  db: Db,
  s: { userId: string; workspaceId: string },
  client: Client,
): Promise<NewSession> {
  const [user] = await db
    .select({ totpEnabled: users.totpEnabled })
    .from(users)
    .where(eq(users.id, s.userId));
  const token = randomToken('', 32);
  const csrfToken = randomToken('', 24);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: s.userId,
    workspaceId: s.workspaceId,
    csrfToken,
    twoFactorVerified: !user?.totpEnabled,
    expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})`,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  const principal = await principalFromSession(db, token);
  if (!principal) throw new Error('session vanished');
  return { token, info: await sessionInfo(db, principal) };
}

export async function signOut(db: Db, p: Principal) {
  if (p.session) await db.delete(sessions).where(eq(sessions.id, p.session.id));
}

export async function switchWorkspace(db: Db, p: Principal, slug: string): Promise<SessionInfo> {
  if (!p.session) throw new DomainError('auth.forbidden', 'API tokens belong to one workspace');
  const workspaceId = await pickWorkspace(db, p.userId, slug);
  await db.update(sessions).set({ workspaceId }).where(eq(sessions.id, p.session.id));
  const next = await principalFromSession(db, undefined, p.session.id);
  return sessionInfo(db, next!);
}

const principalColumns = {
  userId: users.id,
  totpEnabled: users.totpEnabled,
  memberId: members.id,
  role: members.role,
  teamId: members.teamId,
  status: members.status,
  permissions: roles.permissions,
  workspaceId: workspaces.id,
  plan: workspaces.plan,
  trialEndsAt: workspaces.trialEndsAt,
  requireTwoFactor: workspaces.requireTwoFactor,
};

type PrincipalRow = {
  [K in keyof typeof principalColumns]: (typeof principalColumns)[K]['_']['data'] | null;
};

function toPrincipal(
  r: PrincipalRow,
  extra: Pick<Principal, 'kind' | 'session' | 'tokenId'>,
): Principal {
  return {
    ...extra,
    userId: r.userId!,
    memberId: r.memberId!,
    workspaceId: r.workspaceId!,
    role: r.role!,
    teamId: r.teamId,
    permissions: completePermissions(r.role!, r.permissions),
    memberActive: r.status === 'active',
    workspace: { plan: r.plan!, trialEndsAt: r.trialEndsAt },
  };
}

function sessionQuery(db: Db) {
  return db
    .select({
      ...principalColumns,
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      verified: sessions.twoFactorVerified,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(
      members,
      and(eq(members.workspaceId, sessions.workspaceId), eq(members.userId, sessions.userId)),
    )
    .innerJoin(roles, and(eq(roles.workspaceId, members.workspaceId), eq(roles.key, members.role)))
    .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql`now()`)))
    .prepare('voronka_principal_by_session');
}

function tokenQuery(db: Db) {
  return db
    .select({ ...principalColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(
      members,
      and(eq(members.workspaceId, apiTokens.workspaceId), eq(members.id, apiTokens.memberId)),
    )
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(roles, and(eq(roles.workspaceId, members.workspaceId), eq(roles.key, members.role)))
    .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
    .where(
      and(eq(apiTokens.tokenHash, sql.placeholder('hash')), sql`${apiTokens.revokedAt} is null`),
    )
    .prepare('voronka_principal_by_token');
}

const prepared = new WeakMap<
  Db,
  { session: ReturnType<typeof sessionQuery>; token: ReturnType<typeof tokenQuery> }
>();
const queriesFor = (db: Db) => {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = { session: sessionQuery(db), token: tokenQuery(db) }));
  return q;
};

export async function principalFromSession(
  db: Db,
  token: string | undefined,
  sessionId = hashToken(token ?? ''),
): Promise<Principal | null> {
  const [r] = await queriesFor(db).session.execute({ id: sessionId });
  return r ? sessionPrincipal(r) : null;
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

const sessionPrincipal = (r: SessionRow) =>
  toPrincipal(r, {
    kind: 'user',
    tokenId: null,
    session: {
      id: r.sessionId,
      csrfToken: r.csrfToken,
      twoFactorPending: !r.verified,
      twoFactorSetupRequired: r.requireTwoFactor === true && !r.totpEnabled,
    },
  });

// A wrong token counts against its address in the credential limiter; once over, wrong tokens get
// 429. A valid token is never refused for others' failures on a shared address (256 random bits
// are not guessed; the limit stops scanning).
export async function principalFromApiToken(
  db: Db,
  token: string,
  ip: string | null = null,
): Promise<Principal | null> {
  const [r] = token.startsWith('vrk_')
    ? await queriesFor(db).token.execute({ hash: hashToken(token) })
    : [];
  if (!r) {
    await assertAllowed(db, ipLimits(ip));
    await recordAttempt(db, ipLimits(ip));
    return null;
  }
  // "Last used" to the minute: one write per token per minute, not one per request.
  if (!r.lastUsedAt || Date.now() - r.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.workspaceId, r.workspaceId!), eq(apiTokens.id, r.tokenId)));
  }
  return toPrincipal(r, { kind: 'token', tokenId: r.tokenId, session: null });
}

// With a cache (web processes), a credential is read once per few seconds; see principal-cache.ts
// for how every process hears of a change. A session's entry never outlives the session.
export const principalResolver = (db: Db, cache?: PrincipalCache): PrincipalResolver => {
  if (!cache)
    return {
      fromSession: (token) => principalFromSession(db, token),
      fromApiToken: (token, ip) => principalFromApiToken(db, token, ip),
    };
  return {
    fromSession: (token) => {
      const id = hashToken(token);
      return cache.resolvePrincipal(`s:${id}`, async () => {
        const [r] = await queriesFor(db).session.execute({ id });
        return r ? { principal: sessionPrincipal(r), validUntil: r.expiresAt.getTime() } : null;
      });
    },
    fromApiToken: (token, ip) =>
      cache.resolvePrincipal(`t:${hashToken(token)}`, async () => {
        const principal = await principalFromApiToken(db, token, ip);
        return principal ? { principal } : null;
      }),
  };
};

export async function sessionInfo(db: Db, p: Principal): Promise<SessionInfo> {
  const pending = p.session?.twoFactorPending ?? false;
  return {
    twoFactorRequired: pending,
    twoFactorSetupRequired: p.session?.twoFactorSetupRequired ?? false,
    csrfToken: p.session?.csrfToken ?? '',
    me: pending ? null : await me(db, p),
  };
}

// "Who am I" is on every page load and the API clients' first call: one prepared round trip
// (user, workspace and the user's workspace list together) instead of three ad-hoc queries.
function meQuery(db: Db) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      totpEnabled: users.totpEnabled,
      locale: users.locale,
      workspace: workspaces,
      list: sql<{ slug: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('slug', w.slug, 'name', w.name) order by w.name)
        from members m join workspaces w on w.id = m.workspace_id
        where m.user_id = ${users.id} and m.status = 'active'), '[]'::json)`,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, sql.placeholder('workspaceId')))
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare('voronka_me');
}

const meQueries = new WeakMap<Db, ReturnType<typeof meQuery>>();

export async function me(db: Db, p: Principal): Promise<Me> {
  let q = meQueries.get(db);
  if (!q) meQueries.set(db, (q = meQuery(db)));
  const [row] = await q.execute({ userId: p.userId, workspaceId: p.workspaceId });
  if (!row) throw new DomainError('auth.required', 'sign in first');
  return {
    user: {
      id: row.id,
      name: row.name,
      email: row.email,
      twoFactorEnabled: row.totpEnabled,
      locale: row.locale,
    },
    member: { id: p.memberId, role: p.role, teamId: p.teamId },
    workspace: toWorkspace(row.workspace),
    permissions: p.permissions,
    workspaces: row.list,
  };
}

export async function updateMe(
  db: Db,
  p: Principal,
  body: { name?: string | undefined; locale?: 'ru' | 'en' | undefined },
): Promise<Me> {
  const set = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length) {
    await inWorkspace(db, p.workspaceId, async (tx) => {
      const [before] = await tx
        .select({ name: users.name, locale: users.locale })
        .from(users)
        .where(eq(users.id, p.userId));
      await tx.update(users).set(set).where(eq(users.id, p.userId));
      await recordAudit(
        { tx, workspaceId: p.workspaceId, actor: p, ip: null, requestId: null },
        {
          action: 'user.profile_updated',
          entity: 'users',
          entityId: p.memberId,
          before,
          after: set,
        },
      );
    });
  }
  return me(db, p);
}
