import type { WorkingHours } from '@voronka/contract';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { OFFICE_HOURS } from '../modules/routing/business-time.js';
import {
  leadAssignments,
  memberAvailability,
  routingRules,
  routingSettings,
  slaPolicies,
} from '../modules/routing/tables.js';
import type { DemoMember } from '../modules/workspaces/service.js';

const officeHours = OFFICE_HOURS as WorkingHours;

// The demo department's queue, as a head of sales would set it up: chats and calls to the first
// team in turn with 5 minutes to answer, the website and e-mail to whoever is least loaded within an
// hour of business time; the products the demo requests ask about; office hours for the managers.
// Added once (only to a workspace without rules).
export async function seedRoutingDemo(ctx: Ctx, members: DemoMember[]): Promise<number> {
  const [existing] = await ctx.tx
    .select({ id: routingRules.id })
    .from(routingRules)
    .where(eq(routingRules.workspaceId, ctx.workspaceId))
    .limit(1);
  if (existing) return 0;
  const firstTeam = members.find((m) => m.role === 'manager')?.teamId ?? null;
  const ws = ctx.workspaceId;
  await ctx.tx.insert(routingRules).values([
    {
      workspaceId: ws,
      id: newId(),
      name: 'Звонки и мессенджеры — по очереди',
      position: 0,
      strategy: 'round_robin',
      teamId: firstTeam,
      conditions: { channels: ['phone', 'telegram', 'vk', 'whatsapp'] },
    },
    {
      workspaceId: ws,
      id: newId(),
      name: 'Постоянные клиенты — своему менеджеру',
      position: 1,
      strategy: 'client_owner',
      teamId: null,
      conditions: { channels: ['web', 'email'], minPriority: 60 },
    },
    {
      workspaceId: ws,
      id: newId(),
      name: 'Сайт и почта — наименее загруженному',
      position: 2,
      strategy: 'least_load',
      teamId: null,
      conditions: {},
    },
  ]);
  await ctx.tx.insert(slaPolicies).values([
    {
      workspaceId: ws,
      id: newId(),
      name: 'Звонки и чаты: 5 минут',
      position: 0,
      channels: ['phone', 'telegram', 'vk', 'whatsapp'],
      responseSeconds: 300,
      businessHours: false,
      warnPercent: 80,
      maxMoves: 2,
    },
    {
      workspaceId: ws,
      id: newId(),
      name: 'Сайт и почта: 1 час рабочего времени',
      position: 1,
      channels: ['web', 'email'],
      responseSeconds: 3600,
      businessHours: true,
      warnPercent: 80,
      maxMoves: 2,
    },
  ]);
  await ctx.tx
    .insert(routingSettings)
    .values({
      workspaceId: ws,
      hours: officeHours,
      productionCalendar: 'ru',
      catalog: [
        'складские стеллажи',
        'погрузчик',
        'GPS-трекер',
        'лабораторное оборудование',
        'станок с ЧПУ',
        'кромкооблицовочный станок',
        'серверное оборудование',
        'кассовое оборудование',
        'поломоечная машина',
        'тепловизор',
        'ноутбук',
        'терминал эквайринга',
        'видеонаблюдение',
      ],
    })
    .onConflictDoNothing();
  const managers = members.filter((m) => m.role === 'manager');
  if (managers.length) {
    await ctx.tx
      .insert(memberAvailability)
      .values(
        managers.map((m, i) => ({
          workspaceId: ws,
          memberId: m.id,
          timeZone: 'Europe/Moscow',
          hours: officeHours,
          capacity: i === 0 ? 25 : null,
        })),
      )
      .onConflictDoNothing();
  }
  return 3;
}

type DemoAssigned = {
  id: string;
  channel: string;
  assigneeId: string | null;
  receivedAt: Date;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
};

// The assignments behind the demo's answered requests, as the routing would have recorded them: given
// out seconds after they came in by the rule for their channel, with the deadline of its policy and
// the first response (about one in ten late, recorded as a breach) — so the SLA report of the last
// weeks shows a team that meets its deadlines.
export async function seedRoutingHistory(ctx: Ctx, requests: DemoAssigned[]): Promise<number> {
  const rules = await ctx.tx
    .select({
      id: routingRules.id,
      name: routingRules.name,
      strategy: routingRules.strategy,
      conditions: routingRules.conditions,
    })
    .from(routingRules)
    .where(eq(routingRules.workspaceId, ctx.workspaceId));
  const ruleFor = (channel: string) =>
    rules.find(
      (r) =>
        r.strategy !== 'client_owner' && (r.conditions.channels ?? []).includes(channel as never),
    ) ??
    rules.find((r) => !(r.conditions.channels ?? []).length) ??
    null;
  const rows = requests
    .filter((r) => r.assigneeId && r.firstResponseDueAt)
    .map((r) => {
      const rule = ruleFor(r.channel);
      const late =
        r.firstRespondedAt && r.firstRespondedAt > r.firstResponseDueAt!
          ? r.firstResponseDueAt
          : null;
      return {
        workspaceId: ctx.workspaceId,
        id: newId(),
        leadId: r.id,
        memberId: r.assigneeId,
        channel: r.channel,
        reason: {
          code: rule?.strategy ?? 'no_rule',
          ruleId: rule?.id ?? null,
          ruleName: rule?.name ?? null,
          strategy: rule?.strategy ?? null,
          detail: {},
        },
        assignedAt: new Date(r.receivedAt.getTime() + 5_000),
        dueAt: r.firstResponseDueAt,
        respondedAt: r.firstRespondedAt,
        breachedAt: late,
      };
    });
  if (rows.length) await ctx.tx.insert(leadAssignments).values(rows);
  return rows.length;
}
