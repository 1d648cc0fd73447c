import type { RoleKey } from '@voronka/contract';
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from './passwords.js';
import { members, teams, users } from './tables.js';

const demoTeams = ['Отдел продаж — Москва', 'Отдел продаж — Екатеринбург'];
const demoPeople: {
  name: string;
  email: string;
  role: 'head' | 'manager' | 'assistant';
  team: number;
}[] = [
  { name: 'Ольга Смирнова', email: 'o.smirnova', role: 'head', team: 0 },
  { name: 'Игорь Кузнецов', email: 'i.kuznetsov', role: 'manager', team: 0 },
  { name: 'Анна Попова', email: 'a.popova', role: 'manager', team: 0 },
  { name: 'Мария Васильева', email: 'm.vasilyeva', role: 'assistant', team: 0 },
  { name: 'Дмитрий Соколов', email: 'd.sokolov', role: 'head', team: 1 },
  { name: 'Елена Морозова', email: 'e.morozova', role: 'manager', team: 1 },
];

export type DemoMember = { id: string; name: string; role: RoleKey; teamId: string | null };
export type DemoSignIn = { name: string; email: string; role: RoleKey };

// The sales department a newcomer sees in the demo workspace: teams with a head, managers and an
// assistant. Idempotent: running it twice adds nothing. With `password`, the people it creates can
// sign in with it (the first start prints it, so a newcomer can see the inbox as a manager or a
// head); without, they cannot until the owner invites real colleagues. Answers with every active
// member of the workspace (the owner too), for the other modules' demo records to be owned by
// someone, and the sign-ins it made.
export async function seedDemo(
  ctx: Ctx,
  domain: string,
  password?: string,
): Promise<{ teams: number; users: number; members: DemoMember[]; people: DemoSignIn[] }> {
  const passwordHash = password ? await hashPassword(password) : null;
  const people: DemoSignIn[] = [];
  const teamIds: string[] = [];
  let addedUsers = 0;
  for (const name of demoTeams) {
    const [found] = await ctx.tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.name, name)));
    const id = found?.id ?? newId();
    if (!found) await ctx.tx.insert(teams).values({ workspaceId: ctx.workspaceId, id, name });
    teamIds.push(id);
  }
  for (const p of demoPeople) {
    const email = `${p.email}@${domain}`;
    const [u] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    const userId = u?.id ?? newId();
    if (!u) await ctx.tx.insert(users).values({ id: userId, email, name: p.name, passwordHash });
    if (!u && passwordHash) people.push({ name: p.name, email, role: p.role });
    const memberId = newId();
    const inserted = await ctx.tx
      .insert(members)
      .values({
        workspaceId: ctx.workspaceId,
        id: memberId,
        userId,
        role: p.role,
        teamId: teamIds[p.team]!,
      })
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (!inserted.length) continue;
    addedUsers++;
    if (p.role === 'head')
      await ctx.tx
        .update(teams)
        .set({ headMemberId: memberId })
        .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, teamIds[p.team]!)));
  }
  await recordAudit(ctx, {
    action: 'workspace.demo_seeded',
    entity: 'workspace',
    entityId: ctx.workspaceId,
    after: { teams: teamIds.length, users: addedUsers },
  });
  const active = await ctx.tx
    .select({ id: members.id, name: users.name, role: members.role, teamId: members.teamId })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt), asc(members.id));
  return {
    teams: teamIds.length,
    users: addedUsers,
    members: active.map((m) => ({ ...m, teamId: m.teamId ?? null })),
    people,
  };
}
