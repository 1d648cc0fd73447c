import type { Stage } from '@voronka/contract';
import type { Ctx } from '../platform/context.js';
import type { DemoMember } from '../modules/workspaces/service.js';
import { dealNotes, demoDeals, taskTitles, type DemoDeal } from './deal-data.js';
import { DAY, idAt, type DemoPerson, type Random } from './kit.js';
import * as activitiesService from '../modules/activities/service.js';
import * as pipelines from '../modules/pipeline/service.js';

const { defaultPipeline, listLostReasons } = pipelines;

const HOUR = 3_600_000;
export type DemoDealRef = {
  id: string;
  title: string;
  companyId: string | null;
  contactIds: string[];
  ownerId: string | null;
  createdAt: Date;
  kind: Stage['kind'];
};
type Input = {
  r: Random;
  now: Date;
  timezone: string;
  members: DemoMember[];
  owners: DemoMember[];
  companies: { id: string; name: string; ownerId: string | null }[];
  people: DemoPerson[];
};
type ActivityRow = activitiesService.SeedActivity;
type TaskRow = activitiesService.SeedTask;

// The next local midnight in the workspace's time zone: "today" tasks fall before it.
export function nextMidnight(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return now.getTime() - (part('hour') * 3600 + part('minute') * 60 + part('second')) * 1000 + DAY;
}

type Plan = {
  deals: pipelines.SeedDeal[];
  links: pipelines.SeedDealContact[];
  history: pipelines.SeedStageHistory[];
  activities: ActivityRow[];
  tasks: TaskRow[];
  refs: DemoDealRef[];
};
type Layout = {
  pipelineId: string;
  reasons: { id: string }[];
  stageAt: (i: number) => Stage | undefined;
  midnight: number;
};

// Deals on every stage of the default pipeline: each walked its stages in order (a lost one up to
// where it was lost), with a few days in each, the stage changes on the timeline, calls, e-mails,
// meetings and notes, and the next step as a task — overdue, due today, later or done.
export async function seedDemoDeals(ctx: Ctx, input: Input) {
  const pipeline = await defaultPipeline(ctx);
  const reasons = (await listLostReasons(ctx)).items.filter((x) => !x.archived);
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.find((s) => s.kind === 'won');
  const lost = pipeline.stages.find((s) => s.kind === 'lost');
  const layout: Layout = {
    pipelineId: pipeline.id,
    reasons,
    stageAt: (i) => (i === 8 ? won : i === 9 ? lost : open[Math.min(i, open.length - 1)]),
    midnight: nextMidnight(input.now, input.timezone),
  };
  const out: Plan = { deals: [], links: [], history: [], activities: [], tasks: [], refs: [] };
  demoDeals.forEach((t, i) => planDeal(ctx, input, layout, out, t, i));
  // Newest on top of each column, as live deals land.
  const sorted = [...out.deals].sort(
    (a, b) => b.stageEnteredAt!.getTime() - a.stageEnteredAt!.getTime(),
  );
  sorted.forEach(
    (d) => (d.boardPosition = sorted.filter((o) => o.stageId === d.stageId).indexOf(d)),
  );
  out.tasks.push(...ownerTasks(ctx, input, out.refs, layout.midnight));
  out.activities.push(...out.tasks.filter((x) => x.doneAt).map((x, k) => doneActivity(ctx, x, k)));

  await pipelines.seedDeals(ctx, out);
  await activitiesService.seedActivities(ctx, out);
  return {
    deals: out.deals.length,
    tasks: out.tasks.length,
    activities: out.activities.length,
    dealRefs: out.refs,
  };
}

// One deal of the list: who it is with, when it entered each stage, its timeline and tasks.
function planDeal(ctx: Ctx, input: Input, layout: Layout, out: Plan, t: DemoDeal, i: number) {
  const { r, now } = input;
  const path = walk(t)
    .map(layout.stageAt)
    .filter((s, k, all): s is Stage => Boolean(s) && s !== all[k - 1]);
  const company = input.companies[t.company]!;
  const staff = input.people.filter((p) => p.companyId === company.id);
  const contact = staff[r.int(0, staff.length - 1)]!;
  const contactIds = [...new Set([contact.id, ...(r.next() < 0.4 ? [staff[0]!.id] : [])])];
  const ownerId = company.ownerId ?? r.pick(input.owners).id;
  const final = path.at(-1)!;
  const entered: number[] = [
    final.kind === 'open'
      ? now.getTime() - r.int(2, 140) * HOUR
      : now.getTime() - r.int(1, 25) * DAY - r.int(0, 9) * HOUR,
  ];
  for (let k = path.length - 2; k >= 0; k--) entered.unshift(entered[0]! - r.int(12, 110) * HOUR);
  const id = idAt(entered[0]!, i);
  const closedAt = final.kind === 'open' ? null : new Date(entered.at(-1)!);
  const deal = { id, companyId: company.id, ownerId, title: t.title, contact };
  planStages(ctx, out, deal, path, entered, i);
  const lastTouch = closedAt?.getTime() ?? now.getTime() - HOUR;
  for (let n = r.int(1, 3); n > 0; n--)
    out.activities.push(
      note(ctx, r, deal, new Date(entered[0]! + r.next() * (lastTouch - entered[0]!))),
    );
  out.tasks.push(
    ...dealTasks(ctx, r, {
      ...deal,
      stage: t.stage,
      kind: final.kind,
      since: entered.at(-1)!,
      now: now.getTime(),
      midnight: layout.midnight,
      i,
      assistant: input.members.find((m) => m.role === 'assistant')?.id ?? null,
    }),
  );
  out.deals.push({
    workspaceId: ctx.workspaceId,
    id,
    title: t.title,
    pipelineId: layout.pipelineId,
    stageId: final.id,
    amount: t.rub * 100,
    currency: 'RUB',
    expectedCloseDate: (closedAt ?? new Date(now.getTime() + r.int(5, 60) * DAY))
      .toISOString()
      .slice(0, 10),
    companyId: company.id,
    ownerId,
    lostReasonId:
      final.kind === 'lost'
        ? (layout.reasons[i % Math.max(layout.reasons.length, 1)]?.id ?? null)
        : null,
    stageEnteredAt: new Date(entered.at(-1)!),
    closedAt,
    tags: t.rub >= 5_000_000 ? ['крупная'] : [],
    createdAt: new Date(entered[0]!),
    updatedAt: new Date(Math.max(entered.at(-1)!, lastTouch)),
  });
  out.links.push(
    ...contactIds.map((contactId) => ({ workspaceId: ctx.workspaceId, dealId: id, contactId })),
  );
  const createdAt = new Date(entered[0]!);
  out.refs.push({
    id,
    title: t.title,
    companyId: company.id,
    contactIds,
    ownerId,
    createdAt,
    kind: final.kind,
  });
}

// The stages a deal went through (its stage history) and each change on its timeline.
function planStages(
  ctx: Ctx,
  out: Plan,
  deal: DealInfo,
  path: Stage[],
  entered: number[],
  i: number,
) {
  path.forEach((stage, k) => {
    out.history.push({
      workspaceId: ctx.workspaceId,
      id: idAt(entered[k]!, i),
      dealId: deal.id,
      stageId: stage.id,
      enteredAt: new Date(entered[k]!),
      leftAt: k + 1 < path.length ? new Date(entered[k + 1]!) : null,
      actorId: deal.ownerId,
    });
    if (k > 0)
      out.activities.push(stageChange(ctx, deal, path[k - 1]!, stage, new Date(entered[k]!)));
  });
}

// The default layout's stage indexes a deal went through: 0–7 open, 8 won, 9 lost.
const walk = (t: DemoDeal): number[] => {
  const upTo = (n: number) => Array.from({ length: n + 1 }, (_, k) => k);
  return t.stage === 8
    ? [...upTo(7), 8]
    : t.stage === 9
      ? [...upTo(t.lostFrom ?? 0), 9]
      : upTo(t.stage);
};

type DealInfo = {
  id: string;
  companyId: string;
  ownerId: string | null;
  title: string;
  contact: DemoPerson;
};

function stageChange(ctx: Ctx, d: DealInfo, from: Stage, to: Stage, at: Date): ActivityRow {
  const data = {
    fromStageId: from.id,
    fromStageName: from.name,
    toStageId: to.id,
    toStageName: to.name,
    toStageKind: to.kind,
    dealTitle: d.title,
  };
  return {
    workspaceId: ctx.workspaceId,
    id: idAt(at),
    kind: 'stage_change',
    at,
    actorId: d.ownerId,
    dealId: d.id,
    companyId: d.companyId,
    data,
  };
}

function note(ctx: Ctx, r: Random, d: DealInfo, at: Date): ActivityRow {
  const kind = r.pick(['call', 'call', 'email', 'email', 'meeting', 'note'] as const);
  const name = `${d.contact.firstName} ${d.contact.middleName}`;
  const base = {
    workspaceId: ctx.workspaceId,
    id: idAt(at),
    kind,
    at,
    actorId: d.ownerId,
    dealId: d.id,
    companyId: d.companyId,
    contactId: d.contact.id,
  };
  if (kind === 'call') {
    const [body, outcome] = r.pick(dealNotes.call);
    return {
      ...base,
      body: body.replace('{contact}', name),
      data: { durationSeconds: r.int(1, 15) * 60 + r.int(0, 59), outcome },
    };
  }
  if (kind === 'meeting')
    return {
      ...base,
      body: r.pick(dealNotes.meeting).replace('{contact}', name),
      data: { durationSeconds: r.int(2, 6) * 15 * 60 },
    };
  return {
    ...base,
    body: r.pick(kind === 'email' ? dealNotes.email : dealNotes.note).replace('{contact}', name),
    data: {},
  };
}

// Which next step fits the stage the deal is in (indexes into taskTitles).
const nextStep = [0, 0, 2, 1, 3, 4, 5, 6];

function dealTasks(
  ctx: Ctx,
  r: Random,
  d: DealInfo & {
    stage: number;
    kind: Stage['kind'];
    since: number;
    now: number;
    midnight: number;
    i: number;
    assistant: string | null;
  },
): TaskRow[] {
  const base = {
    workspaceId: ctx.workspaceId,
    ownerId: d.ownerId,
    dealId: d.id,
    companyId: d.companyId,
    contactId: d.contact.id,
  };
  const out: TaskRow[] = [];
  if (d.stage > 0) {
    const [kind, title] = taskTitles[nextStep[Math.min(d.stage, 8) - 1] ?? 1]!;
    const doneAt = new Date(d.since - r.int(1, 6) * HOUR);
    out.push({
      ...base,
      id: idAt(doneAt.getTime() - DAY),
      kind,
      title,
      dueAt: new Date(doneAt.getTime() + 2 * HOUR),
      doneAt,
      createdAt: new Date(doneAt.getTime() - DAY),
      updatedAt: doneAt,
    });
  }
  if (d.kind === 'open') {
    const [kind, title] = taskTitles[nextStep[d.stage] ?? 0]!;
    const slot = d.i % 4;
    const due =
      slot === 0
        ? d.now - r.int(1, 3) * DAY - r.int(1, 5) * HOUR
        : slot === 1
          ? Math.min(d.now + r.int(1, 5) * HOUR, d.midnight - 15 * 60_000)
          : d.midnight + r.int(0, 6) * DAY + r.int(9, 17) * HOUR;
    out.push({
      ...base,
      id: idAt(d.since, 1),
      kind,
      title,
      dueAt: new Date(due),
      remindAt: new Date(due - HOUR),
      createdAt: new Date(d.since),
      updatedAt: new Date(d.since),
    });
  }
  if (d.kind === 'won') {
    const at = d.since + HOUR;
    out.push({
      ...base,
      ownerId: d.assistant ?? d.ownerId,
      id: idAt(at),
      kind: 'todo',
      title: 'Подготовить закрывающие документы',
      dueAt: new Date(d.midnight + r.int(0, 3) * DAY + 12 * HOUR),
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
  }
  return out;
}

// The person who signs in to the demo (the owner) has a day of their own: overdue, today, done.
function ownerTasks(ctx: Ctx, input: Input, refs: DemoDealRef[], midnight: number): TaskRow[] {
  const owner = input.members.find((m) => m.role === 'owner');
  if (!owner) return [];
  const now = input.now.getTime();
  const big = [...refs].filter((d) => d.kind === 'open').slice(-3);
  const list: [TaskRow['kind'], string, number, boolean, DemoDealRef | undefined][] = [
    ['todo', 'Согласовать скидку 12% по крупной сделке', now - DAY - 3 * HOUR, false, big[0]],
    [
      'meeting',
      'Планёрка с руководителями отделов',
      Math.min(now + 2 * HOUR, midnight - 30 * 60_000),
      false,
      undefined,
    ],
    [
      'call',
      'Позвонить генеральному директору клиента',
      Math.min(now + 4 * HOUR, midnight - 20 * 60_000),
      false,
      big[1],
    ],
    ['todo', 'Проверить отчёт по воронке за неделю', midnight + DAY + 10 * HOUR, false, undefined],
    ['email', 'Отправить клиенту письмо с итогами встречи', now - 2 * DAY, true, big[2]],
  ];
  return list.map(([kind, title, due, done, deal], k) => {
    const created = Math.min(due, now) - 2 * DAY;
    return {
      workspaceId: ctx.workspaceId,
      id: idAt(created, k),
      kind,
      title,
      dueAt: new Date(due),
      doneAt: done ? new Date(due + HOUR) : null,
      ownerId: owner.id,
      dealId: deal?.id ?? null,
      companyId: deal?.companyId ?? null,
      contactId: deal?.contactIds[0] ?? null,
      createdAt: new Date(created),
      updatedAt: new Date(done ? due + HOUR : created),
    };
  });
}

function doneActivity(ctx: Ctx, t: TaskRow, k: number): ActivityRow {
  const at = t.doneAt!;
  return {
    workspaceId: ctx.workspaceId,
    id: idAt(at, k % 3),
    kind: 'task_done',
    at,
    actorId: t.ownerId ?? null,
    body: t.title,
    contactId: t.contactId ?? null,
    companyId: t.companyId ?? null,
    dealId: t.dealId ?? null,
    data: { taskId: t.id, taskKind: t.kind },
  };
}
