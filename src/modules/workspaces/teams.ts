import type { Page, Team, TeamCreateBody, TeamUpdateBody } from '@voronka/contract';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { invitations, members, teams } from './tables.js';

const teamColumns = {
  id: teams.id,
  name: teams.name,
  headId: teams.headMemberId,
  createdAt: teams.createdAt,
  // Raw, fully qualified SQL: Drizzle renders columns of a single-table select unqualified, which
  // inside this subquery would bind to members' own columns.
  memberCount:
    sql<number>`(select count(*) from members m where m.workspace_id = "teams"."workspace_id" and m.team_id = "teams"."id" and m.status = 'active')`.mapWith(
      Number,
    ),
};
type TeamRow = {
  id: string;
  name: string;
  headId: string | null;
  createdAt: Date;
  memberCount: number;
};
const toTeam = (r: TeamRow): Team => ({ ...r, createdAt: r.createdAt.toISOString() });

// Team visibility: a head limited to their team sees that team only.
const teamScope = (ctx: Ctx) =>
  ctx.actor.permissions && ctx.actor.permissions.teams.visibility !== 'all'
    ? eq(teams.id, ctx.actor.teamId ?? '00000000-0000-0000-0000-000000000000')
    : undefined;

export async function listTeams(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<Team>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select(teamColumns)
    .from(teams)
    .where(
      and(
        eq(teams.workspaceId, ctx.workspaceId),
        teamScope(ctx),
        after ? gt(teams.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(asc(teams.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toTeam, (r) => [r.id]);
}

export async function getTeam(ctx: Ctx, id: string): Promise<Team> {
  const [row] = await ctx.tx
    .select(teamColumns)
    .from(teams)
    .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, id), teamScope(ctx)));
  if (!row) throw new DomainError('team.not_found', 'team not found');
  return toTeam(row);
}

async function assertHead(ctx: Ctx, headId: string | null | undefined) {
  if (!headId) return;
  const [m] = await ctx.tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, headId)));
  if (!m) throw new DomainError('user.not_found', 'head user not found', { field: 'headId' });
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: string) {
  const [clash] = await ctx.tx
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.workspaceId, ctx.workspaceId),
        sql`lower(${teams.name}) = lower(${name})`,
        exceptId ? sql`${teams.id} <> ${exceptId}` : undefined,
      ),
    );
  if (clash)
    throw new DomainError('team.name_taken', 'a team with this name exists', { field: 'name' });
}

export async function createTeam(ctx: Ctx, body: TeamCreateBody): Promise<Team> {
  await assertHead(ctx, body.headId);
  await assertNameFree(ctx, body.name);
  const id = newId();
  await ctx.tx.insert(teams).values({
    workspaceId: ctx.workspaceId,
    id,
    name: body.name,
    headMemberId: body.headId ?? null,
  });
  const team = await getTeam(ctx, id);
  await recordAudit(ctx, { action: 'team.created', entity: 'teams', entityId: id, after: team });
  return team;
}

export async function updateTeam(ctx: Ctx, id: string, body: TeamUpdateBody): Promise<Team> {
  const before = await getTeam(ctx, id);
  await assertHead(ctx, body.headId);
  if (body.name) await assertNameFree(ctx, body.name, id);
  const set = Object.fromEntries(
    Object.entries({ name: body.name, headMemberId: body.headId }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  if (Object.keys(set).length)
    await ctx.tx
      .update(teams)
      .set(set)
      .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, id)));
  const after = await getTeam(ctx, id);
  await recordAudit(ctx, { action: 'team.updated', entity: 'teams', entityId: id, before, after });
  return after;
}

// Members of a deleted team stay, without a team.
export async function deleteTeam(ctx: Ctx, id: string): Promise<void> {
  const before = await getTeam(ctx, id);
  await ctx.tx
    .update(members)
    .set({ teamId: null })
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.teamId, id)));
  await ctx.tx
    .update(invitations)
    .set({ teamId: null })
    .where(and(eq(invitations.workspaceId, ctx.workspaceId), eq(invitations.teamId, id)));
  await ctx.tx.delete(teams).where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, id)));
  await recordAudit(ctx, { action: 'team.deleted', entity: 'teams', entityId: id, before });
}
