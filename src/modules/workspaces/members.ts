import type { Page, User, UserUpdateBody } from '@voronka/contract';
import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { canAssignRole } from './rules.js';
import { apiTokens, members, sessions, teams, users } from './tables.js';
import { visibleTo } from './visibility.js';

const userColumns = {
  id: members.id,
  name: users.name,
  email: users.email,
  role: members.role,
  teamId: members.teamId,
  status: members.status,
  twoFactorEnabled: users.totpEnabled,
  createdAt: members.createdAt,
};
type UserRow = Omit<User, 'createdAt'> & { createdAt: Date };
const toUser = (r: UserRow): User => ({
  ...r,
  teamId: r.teamId ?? null,
  createdAt: r.createdAt.toISOString(),
});

const baseQuery = (ctx: Ctx) =>
  ctx.tx.select(userColumns).from(members).innerJoin(users, eq(users.id, members.userId));

export async function listUsers(
  ctx: Ctx,
  q: {
    limit: number;
    cursor?: string | undefined;
    status?: 'active' | 'deactivated' | undefined;
    teamId?: string | undefined;
    q?: string | undefined;
  },
): Promise<Page<User>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const filters: (SQL | undefined)[] = [
    eq(members.workspaceId, ctx.workspaceId),
    visibleTo(ctx, 'users', members.id),
    q.status ? eq(members.status, q.status) : undefined,
    q.teamId ? eq(members.teamId, q.teamId) : undefined,
    q.q
      ? or(ilike(users.name, `%${escapeLike(q.q)}%`), ilike(users.email, `%${escapeLike(q.q)}%`))
      : undefined,
    after ? gt(members.id, String(after[0])) : undefined,
  ];
  const rows = await baseQuery(ctx)
    .where(and(...filters))
    .orderBy(asc(members.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toUser, (r) => [r.id]);
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const [row] = await baseQuery(ctx).where(
    and(
      eq(members.workspaceId, ctx.workspaceId),
      eq(members.id, id),
      visibleTo(ctx, 'users', members.id),
    ),
  );
  if (!row) throw new DomainError('user.not_found', 'user not found');
  return toUser(row);
}

async function assertTeam(ctx: Ctx, teamId: string | null | undefined) {
  if (!teamId) return;
  const [t] = await ctx.tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, teamId)));
  if (!t) throw new DomainError('team.not_found', 'team not found', { field: 'teamId' });
}

async function assertNotLastOwner(ctx: Ctx, memberId: string) {
  const [r] = await ctx.tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(members)
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        eq(members.role, 'owner'),
        eq(members.status, 'active'),
        sql`${members.id} <> ${memberId}`,
      ),
    );
  if (!r || r.n === 0)
    throw new DomainError('user.last_owner', 'the workspace must keep at least one active owner');
}

export async function updateUser(ctx: Ctx, id: string, body: UserUpdateBody): Promise<User> {
  const before = await getUser(ctx, id);
  if (body.role && body.role !== before.role) {
    if (!canAssignRole(ctx.actor.role, before.role, body.role))
      throw new DomainError(
        'user.cannot_change_owner',
        'only an owner grants or removes the owner role',
        { field: 'role' },
      );
    if (before.role === 'owner') await assertNotLastOwner(ctx, id);
  }
  await assertTeam(ctx, body.teamId);
  const memberSet = Object.fromEntries(
    Object.entries({ role: body.role, teamId: body.teamId }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(memberSet).length)
    await ctx.tx
      .update(members)
      .set(memberSet)
      .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, id)));
  const after = await getUser(ctx, id);
  await recordAudit(ctx, { action: 'user.updated', entity: 'users', entityId: id, before, after });
  return after;
}

// Deactivation keeps every record the user owns (they can be reassigned) and ends their access at
// once: sessions in this workspace are deleted, tokens stop resolving because the member is inactive.
export async function setUserStatus(
  ctx: Ctx,
  id: string,
  status: 'active' | 'deactivated',
): Promise<User> {
  const before = await getUser(ctx, id);
  if (before.status === status) return before;
  if (status === 'deactivated') {
    if (before.role === 'owner') {
      if (ctx.actor.role !== null && ctx.actor.role !== 'owner')
        throw new DomainError('user.cannot_change_owner', 'only an owner deactivates an owner');
      await assertNotLastOwner(ctx, id);
    }
  }
  const [m] = await ctx.tx
    .update(members)
    .set({ status, deactivatedAt: status === 'deactivated' ? sql`now()` : null })
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, id)))
    .returning({ userId: members.userId });
  if (status === 'deactivated') {
    await ctx.tx
      .delete(sessions)
      .where(and(eq(sessions.workspaceId, ctx.workspaceId), eq(sessions.userId, m!.userId)));
    await ctx.tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.workspaceId, ctx.workspaceId),
          eq(apiTokens.memberId, id),
          sql`${apiTokens.revokedAt} is null`,
        ),
      );
  }
  const after = await getUser(ctx, id);
  await recordAudit(ctx, {
    action: status === 'deactivated' ? 'user.deactivated' : 'user.reactivated',
    entity: 'users',
    entityId: id,
    before: { status: before.status },
    after: { status },
  });
  return after;
}
