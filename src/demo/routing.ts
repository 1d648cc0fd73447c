import type { WorkingHours } from '@voronka/contract';
import type { Ctx } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import * as routing from '../modules/routing/service.js';
import type { DemoMember } from '../modules/workspaces/service.js';

const officeHours = routing.OFFICE_HOURS as WorkingHours;

// The demo department's queue, as a head of sales would set it up: chats and calls to the first
// team in turn with 5 minutes to answer, the website and e-mail to whoever is least loaded within an
// hour of business time; the products the demo requests ask about; office hours for the managers.
// Added once (only to a workspace without rules).
export async function seedRoutingDemo(ctx: Ctx, members: DemoMember[]): Promise<number> {
  if ((await routing.seedRuleList(ctx)).length) return 0;
  const firstTeam = members.find((m) => m.role === 'manager')?.teamId ?? null;
  const ws = ctx.workspaceId;
  const managers = members.filter((m) => m.role === 'manager');
  await routing.seedRouting(ctx, {
    rules: demoRules(ws, firstTeam),
    policies: demoPolicies(ws),
    settings: { workspaceId: ws, hours: officeHours, productionCalendar: 'ru', catalog },
    availability: managers.map((m, i) => ({
      workspaceId: ws,
      memberId: m.id,
      timeZone: 'Europe/Moscow',
      hours: officeHours,
      capacity: i === 0 ? 25 : null,
    })),
  });
  return 3;
}

// The products the demo requests ask about.
const catalog = [
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
];

const demoRules = (ws: string, firstTeam: string | null): routing.SeedRoutingRule[] => [
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
];

const demoPolicies = (ws: string): routing.SeedSlaPolicy[] => [
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
];

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
  const rules = await routing.seedRuleList(ctx);
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
  await routing.seedAssignments(ctx, rows);
  return rows.length;
}
