import type { LeadChannel, LeadStatus } from '@voronka/contract';
import type { Ctx } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import * as clients from '../modules/clients/service.js';
import * as leadsService from '../modules/leads/service.js';
import * as routing from '../modules/routing/service.js';
import * as crm from './crm.js';
import { junk, senders, templates, utms, type Template } from './lead-data.js';
import type * as workspaces from '../modules/workspaces/service.js';

const HOUR = 3_600_000;

// What the demo's requests were, for the inbox (their conversations) and routing (their
// assignments and first responses) to make the history behind them.
export type DemoLead = {
  id: string;
  channel: LeadChannel;
  title: string;
  message: string;
  source: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  status: LeadStatus;
  assigneeId: string | null;
  contactId: string | null;
  receivedAt: Date;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
};

const MINUTE = 60_000;
const chat = (c: LeadChannel) =>
  c === 'phone' || c === 'telegram' || c === 'vk' || c === 'whatsapp';
// The demo's SLA policies (routing/demo.ts): chats and calls 5 minutes, the website and e-mail an hour.
export const demoResponseMs = (c: LeadChannel) => (chat(c) ? 5 * MINUTE : 60 * MINUTE);

// How fast the team answered: a working team meets its deadlines, about one request in ten is late.
function answered(channel: LeadChannel, receivedAt: Date, k: number): { due: Date; at: Date } {
  const limit = demoResponseMs(channel);
  const late = k % 10 === 7;
  const share = late ? 1.2 + (k % 3) * 0.15 : 0.15 + ((k * 37) % 60) / 100;
  return {
    due: new Date(receivedAt.getTime() + limit),
    at: new Date(receivedAt.getTime() + Math.round(limit * share)),
  };
}

// A seeded request's first-response deadline and answer live in routing's row of it (lead_routing).
type SlaSeed = Omit<routing.SeedLeadRouting, 'workspaceId' | 'leadId'>;
type LeadRow = leadsService.SeedLead &
  SlaSeed & {
    id: string;
    channel: LeadChannel;
    title: string;
    message: string;
    source: string;
    status: LeadStatus;
    receivedAt: Date;
  };
type Plan = {
  ctx: Ctx;
  now: Date;
  seller: (k: number) => string | null;
  rows: leadsService.SeedLead[];
  answers: routing.SeedLeadRouting[];
  out: DemoLead[];
  timeline: Parameters<typeof crm.writeDemoActivities>[1];
};

// A request's row, and what the inbox and routing demos build on it.
function add(plan: Plan, row: LeadRow) {
  const { firstResponseDueAt, firstRespondedAt, firstRespondedBy, ...lead } = row;
  plan.rows.push(lead);
  if (firstResponseDueAt || firstRespondedAt)
    plan.answers.push({
      workspaceId: row.workspaceId,
      leadId: row.id,
      firstResponseDueAt,
      firstRespondedAt,
      firstRespondedBy,
    });
  plan.out.push({
    id: row.id,
    channel: row.channel,
    title: row.title,
    message: row.message,
    source: row.source,
    contactName: row.contactName ?? null,
    contactPhone: row.contactPhone ?? null,
    contactEmail: row.contactEmail ?? null,
    status: row.status,
    assigneeId: row.assigneeId ?? null,
    contactId: row.contactId ?? null,
    receivedAt: row.receivedAt,
    firstResponseDueAt: row.firstResponseDueAt ?? null,
    firstRespondedAt: row.firstRespondedAt ?? null,
  });
}

// About forty requests of the last five weeks across every channel and status, each answered by its
// manager in time (mostly); a few fresh ones of the last minutes wait for the routing to give them
// out when the server starts (website and e-mail: an hour to answer, so a live demo sees them
// assigned and, later, warned — not a storm of breaches). Some come from people already in the base
// (linked as intake matches them), and some became the demo's recent deals.
export async function seedLeadsDemo(
  ctx: Ctx,
  members: workspaces.DemoMember[],
  base: crm.CrmDemo,
  now = new Date(),
): Promise<{ count: number; leads: DemoLead[] }> {
  const sellers = members.filter((m) => m.role === 'manager' || m.role === 'head');
  const seller = (k: number) => sellers[k % Math.max(sellers.length, 1)]?.id ?? null;
  const plan: Plan = { ctx, now, seller, rows: [], answers: [], out: [], timeline: [] };
  const statuses: LeadStatus[] = [
    ...Array<LeadStatus>(12).fill('new'),
    ...Array<LeadStatus>(10).fill('in_work'),
    ...Array<LeadStatus>(6).fill('qualified'),
  ];
  const known = base.people.filter(
    (p) => p.companyId && !base.dealRefs.some((d) => d.contactIds.includes(p.id)),
  );
  statuses.forEach((status, k) => planOpen(plan, known, status, k));
  junk.forEach((t, k) => planJunk(plan, t, k));
  // The newest open deals came in as requests and were converted.
  const recent = base.dealRefs
    .filter((d) => d.kind === 'open' && now.getTime() - d.createdAt.getTime() < 13 * 24 * HOUR)
    .slice(0, 7);
  recent.forEach((deal, k) => planConverted(plan, base, deal, k));
  await leadsService.seedLeads(ctx, plan.rows);
  // Each request's routing row was added with it (trigger leads_routed): its deadline and answer.
  await routing.seedLeadRouting(ctx, plan.answers);
  await crm.writeDemoActivities(ctx, plan.timeline);
  return { count: plan.rows.length, leads: plan.out };
}

// The fresh ones, not yet answered: the website and e-mail (templates 0, 1, 12).
const fresh = new Set([0, 1, 2]);

function planOpen(plan: Plan, known: crm.CrmDemo['people'], status: LeadStatus, k: number) {
  const { ctx, now } = plan;
  const waiting = status === 'new' && fresh.has(k);
  const [channel, title, message, source] = waiting
    ? templates[[0, 1, 12][k]!]!
    : templates[k % templates.length]!;
  const hoursAgo =
    status === 'new'
      ? 1 + ((k * 7) % 30)
      : status === 'in_work'
        ? 20 + ((k * 53) % 400)
        : 60 + ((k * 97) % 760);
  const receivedAt = waiting
    ? new Date(now.getTime() - (3 + k * 6) * MINUTE)
    : new Date(now.getTime() - hoursAgo * HOUR - k * 60_000);
  // Every third lead in work comes from someone the base knows: intake linked it to them.
  const person = status !== 'new' && k % 3 === 0 ? known[k % Math.max(known.length, 1)] : undefined;
  const [name, latin] = senders[k % senders.length]!;
  const phone =
    person?.phone ??
    (channel === 'email' || channel === 'vk'
      ? null
      : clients.toE164(`+79${(160_000_000 + k * 7_919_371).toString().slice(0, 9)}`, 'RU'));
  const email =
    person?.email ??
    (channel === 'email' || channel === 'web'
      ? `${latin}@${k % 2 ? 'yandex.ru' : 'mail.ru'}`
      : null);
  const id = newId();
  const assigneeId = waiting ? null : plan.seller(k);
  const sla = waiting ? null : answered(channel, receivedAt, k);
  add(plan, {
    workspaceId: ctx.workspaceId,
    id,
    channel,
    source,
    utm: channel === 'web' ? utms[k % utms.length]! : {},
    title,
    message,
    contactName: person?.fullName ?? name,
    contactPhone: phone,
    contactEmail: email,
    companyName: person?.companyName ?? null,
    status,
    assigneeId,
    contactId: person?.id ?? null,
    companyId: person?.companyId ?? null,
    receivedAt,
    createdAt: receivedAt,
    updatedAt: sla?.at ?? receivedAt,
    firstResponseDueAt: sla?.due ?? null,
    firstRespondedAt: sla?.at ?? null,
    firstRespondedBy: sla ? assigneeId : null,
  });
  if (status !== 'new')
    plan.timeline.push({
      kind: 'call',
      at: new Date(receivedAt.getTime() + HOUR),
      actorId: assigneeId,
      leadId: id,
      contactId: person?.id ?? null,
      body: 'Перезвонили, уточнили потребность и сроки.',
      data: {
        durationSeconds: 240 + k * 15,
        outcome: status === 'qualified' ? 'потребность подтверждена' : 'ждём ТЗ',
      },
    });
}

function planJunk(plan: Plan, [channel, title, message, source]: Template, k: number) {
  const receivedAt = new Date(plan.now.getTime() - (5 + k * 131) * HOUR);
  const sla = answered(channel, receivedAt, k);
  add(plan, {
    workspaceId: plan.ctx.workspaceId,
    id: newId(),
    channel,
    source,
    title,
    message,
    contactName: k % 2 ? null : senders[(k + 7) % senders.length]![0],
    contactEmail: channel === 'email' ? 'promo@seo-top10.example' : null,
    status: 'junk',
    assigneeId: plan.seller(k),
    receivedAt,
    createdAt: receivedAt,
    updatedAt: sla.at,
    firstResponseDueAt: sla.due,
    firstRespondedAt: sla.at,
    firstRespondedBy: plan.seller(k),
  });
}

function planConverted(
  plan: Plan,
  base: crm.CrmDemo,
  deal: crm.CrmDemo['dealRefs'][number],
  k: number,
) {
  const person = base.people.find((p) => p.id === deal.contactIds[0]);
  const channel = (['web', 'email', 'telegram', 'phone', 'whatsapp', 'vk', 'web'] as const)[k]!;
  const receivedAt = new Date(deal.createdAt.getTime() - (1 + k) * HOUR);
  const sla = answered(channel, receivedAt, k + 1);
  const id = newId();
  const title = `Запрос: ${deal.title}`;
  add(plan, {
    workspaceId: plan.ctx.workspaceId,
    id,
    channel,
    source: templates.find((t) => t[0] === channel)![3],
    utm: channel === 'web' ? utms[0]! : {},
    title,
    message: `Здравствуйте! Интересует: ${deal.title.toLowerCase()}. Пришлите, пожалуйста, предложение.`,
    contactName: person?.fullName ?? null,
    contactPhone: person?.phone ?? null,
    contactEmail: person?.email ?? null,
    companyName: person?.companyName ?? null,
    status: 'converted',
    assigneeId: deal.ownerId,
    contactId: person?.id ?? null,
    companyId: deal.companyId,
    dealId: deal.id,
    receivedAt,
    createdAt: receivedAt,
    updatedAt: deal.createdAt,
    convertedAt: deal.createdAt,
    firstResponseDueAt: sla.due,
    firstRespondedAt: sla.at,
    firstRespondedBy: deal.ownerId,
  });
  plan.timeline.push({
    kind: 'conversion',
    at: deal.createdAt,
    actorId: deal.ownerId,
    leadId: id,
    contactId: person?.id ?? null,
    companyId: deal.companyId,
    dealId: deal.id,
    body: title,
    data: { channel },
  });
}
