import {
  LeadListFilters,
  type Lead,
  type LeadCreateBody,
  type LeadCreated,
  type LeadListQuery,
  type LeadUpdateBody,
  type Page,
} from '@voronka/contract';
import { and, arrayContains, desc, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { listTextFilter } from '../../platform/db/text-search.js';
import * as clients from '../clients/service.js';
import * as customFields from '../fields/service.js';
import * as workspaces from '../workspaces/service.js';
import { routingOf } from './routing-port.js';
import { canMoveLead } from './rules.js';
import { leads } from './tables.js';

const leadColumns = {
  id: leads.id,
  channel: leads.channel,
  source: leads.source,
  utm: leads.utm,
  title: leads.title,
  message: leads.message,
  contactName: leads.contactName,
  contactPhone: leads.contactPhone,
  contactEmail: leads.contactEmail,
  companyName: leads.companyName,
  status: leads.status,
  assigneeId: leads.assigneeId,
  contactId: leads.contactId,
  companyId: leads.companyId,
  dealId: leads.dealId,
  tags: leads.tags,
  custom: leads.custom,
  receivedAt: leads.receivedAt,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  convertedAt: leads.convertedAt,
  consent: leads.consent,
};

// A request with its routing (routing's own table, joined through the view routing installs).
function selectLeads(ctx: Ctx) {
  const lr = routingOf(ctx);
  return ctx.tx
    .select({
      ...leadColumns,
      priorityScore: lr.priorityScore,
      priorityReasons: lr.priorityReasons,
      queueTeamId: lr.queueTeamId,
      firstResponseDueAt: lr.firstResponseDueAt,
      firstRespondedAt: lr.firstRespondedAt,
      moves: lr.moves,
    })
    .from(leads)
    .leftJoin(lr, eq(lr.leadId, leads.id));
}
type LeadRow = Awaited<ReturnType<typeof selectLeads>>[number];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
// A linked record the caller cannot see is not shown at all (recordNames leaves it out).
const ref = (id: string | null, names: Map<string, string>) =>
  id && names.has(id) ? { id, name: names.get(id)! } : null;

async function toLeads(ctx: Ctx, rows: LeadRow[]): Promise<Lead[]> {
  const names = await clients.recordNames(ctx, {
    contacts: rows.flatMap((r) => (r.contactId ? [r.contactId] : [])),
    companies: rows.flatMap((r) => (r.companyId ? [r.companyId] : [])),
    deals: rows.flatMap((r) => (r.dealId ? [r.dealId] : [])),
  });
  return rows.map(({ contactId, companyId, dealId, ...r }) => ({
    ...r,
    contact: ref(contactId, names.contacts),
    company: ref(companyId, names.companies),
    deal: ref(dealId, names.deals),
    receivedAt: r.receivedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    convertedAt: iso(r.convertedAt),
    priorityReasons: r.priorityReasons ?? [],
    moves: r.moves ?? 0,
    firstResponseDueAt: iso(r.firstResponseDueAt),
    firstRespondedAt: iso(r.firstRespondedAt),
  }));
}

// Who sees which lead: the role's visibility on the assignee; a lead nobody is assigned to yet is
// the team's to pick up, so team and all visibility see it, own does not.
export function leadScope(ctx: Ctx): SQL | undefined {
  const byAssignee = workspaces.visibleTo(ctx, 'leads', leads.assigneeId);
  if (!byAssignee) return undefined;
  return ctx.actor.permissions?.leads.visibility === 'team'
    ? or(byAssignee, isNull(leads.assigneeId))
    : byAssignee;
}
workspaces.registerOwned('leads', {
  table: leads,
  id: leads.id,
  workspaceId: leads.workspaceId,
  scope: leadScope,
  notFound: 'lead.not_found',
  what: 'lead',
});

const knownParams = Object.keys(LeadListFilters.shape);

export async function listLeads(ctx: Ctx, q: LeadListQuery): Promise<Page<Lead>> {
  customFields.assertOnlyCustomExtras(q, knownParams);
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']);
  const afterAt = after ? new Date(String(after[0])) : null;
  const where = and(
    eq(leads.workspaceId, ctx.workspaceId),
    leadScope(ctx),
    q.status ? eq(leads.status, q.status) : undefined,
    q.channel ? eq(leads.channel, q.channel) : undefined,
    q.assigneeId === 'none'
      ? isNull(leads.assigneeId)
      : q.assigneeId
        ? eq(leads.assigneeId, q.assigneeId)
        : undefined,
    q.q
      ? await listTextFilter(
          ctx.tx,
          {
            table: leads,
            id: leads.id,
            workspace: eq(leads.workspaceId, ctx.workspaceId),
            visible: leadScope(ctx),
          },
          searchCondition(q.q),
        )
      : undefined,
    q.from ? gte(leads.receivedAt, new Date(q.from)) : undefined,
    q.to ? lte(leads.receivedAt, new Date(q.to)) : undefined,
    q.tag ? arrayContains(leads.tags, [q.tag]) : undefined,
    await customFields.customFilter(ctx, 'leads', leads.custom, q),
    afterAt && after
      ? sql`(${leads.receivedAt}, ${leads.id}) < (${afterAt.toISOString()}::timestamptz, ${String(after[1])}::uuid)`
      : undefined,
  );
  const rows = await selectLeads(ctx)
    .where(where)
    .orderBy(desc(leads.receivedAt), desc(leads.id))
    .limit(q.limit + 1);
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.receivedAt.toISOString(), r.id],
  );
  return { items: await toLeads(ctx, page.items), nextCursor: page.nextCursor };
}

// Full text ('russian') over title, name, company and message, or an exact phone/e-mail.
function searchCondition(text: string): SQL {
  const phone = /^[+\d\s()-]{6,}$/.test(text) ? clients.toE164(text, 'RU') : null;
  return or(
    sql`${leads.search} @@ websearch_to_tsquery('russian', ${text})`,
    eq(leads.contactEmail, text.toLowerCase()),
    phone ? eq(leads.contactPhone, phone) : undefined,
  )!;
}

// New leads this member can see: the inbox badge. Capped so it never counts a huge backlog exactly.
export async function countNewLeads(ctx: Ctx): Promise<{ new: number }> {
  const inner = ctx.tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.status, 'new'), leadScope(ctx)))
    .limit(1000)
    .as('n');
  const [row] = await ctx.tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(inner);
  return { new: row?.n ?? 0 };
}

export async function getLead(ctx: Ctx, id: string): Promise<Lead> {
  const [row] = await selectLeads(ctx).where(
    and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id), leadScope(ctx)),
  );
  if (!row) throw new DomainError('lead.not_found', 'lead not found');
  return (await toLeads(ctx, [row]))[0]!;
}

async function assertAssignee(ctx: Ctx, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const user = await workspaces.getUser(ctx, assigneeId).catch(() => null);
  if (!user || user.status !== 'active')
    throw new DomainError('user.not_found', 'assignee not found', { field: 'assigneeId' });
}

async function phoneRegion(ctx: Ctx) {
  return clients.defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale);
}

export async function createLead(ctx: Ctx, body: LeadCreateBody): Promise<LeadCreated> {
  await assertAssignee(ctx, body.assigneeId);
  const phone = body.contactPhone
    ? clients.normalizePhone(body.contactPhone, await phoneRegion(ctx), 'contactPhone')
    : null;
  const email = body.contactEmail ?? null;
  const match =
    (phone ? await clients.findContactByPoint(ctx, 'phone', phone) : null) ??
    (email ? await clients.findContactByPoint(ctx, 'email', email) : null);
  // A member who sees only their own leads keeps what they type in; otherwise it would vanish.
  const ownOnly = ctx.actor.permissions?.leads.visibility === 'own';
  const assigneeId =
    body.assigneeId === undefined && ownOnly ? ctx.actor.memberId : (body.assigneeId ?? null);
  const id = newId();
  await ctx.tx.insert(leads).values({
    workspaceId: ctx.workspaceId,
    id,
    channel: body.channel ?? 'manual',
    source: body.source ?? null,
    utm: (body.utm ?? {}) as Record<string, string>,
    title: body.title ?? null,
    message: body.message ?? null,
    contactName: body.contactName ?? null,
    contactPhone: phone,
    contactEmail: email,
    companyName: body.companyName ?? null,
    assigneeId,
    contactId: match?.id ?? null,
    companyId: match?.companyId ?? null,
    tags: body.tags ?? [],
    custom: await customFields.validateCustom(ctx, 'leads', body.custom),
  });
  const lead = await getLead(ctx, id);
  await recordAudit(ctx, { action: 'lead.created', entity: 'leads', entityId: id, after: lead });
  // Matching links the request to the client whoever holds them; it tells only of a client the caller sees.
  return { ...lead, matchedContact: lead.contact !== null };
}

export async function updateLead(ctx: Ctx, id: string, body: LeadUpdateBody): Promise<Lead> {
  const before = await getLead(ctx, id);
  if (body.status && !canMoveLead(before.status, body.status)) {
    throw new DomainError(
      before.status === 'converted' ? 'lead.already_converted' : 'lead.invalid_transition',
      `a ${before.status} lead cannot become ${body.status}`,
      { field: 'status' },
    );
  }
  await assertAssignee(ctx, body.assigneeId);
  const phone = body.contactPhone
    ? clients.normalizePhone(body.contactPhone, await phoneRegion(ctx), 'contactPhone')
    : body.contactPhone;
  const custom =
    body.custom === undefined
      ? undefined
      : await customFields.validateCustom(ctx, 'leads', body.custom, before.custom);
  const fields = {
    status: body.status,
    title: body.title,
    contactName: body.contactName,
    contactPhone: phone,
    contactEmail: body.contactEmail,
    companyName: body.companyName,
    assigneeId: body.assigneeId,
    tags: body.tags,
    custom,
  };
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await ctx.tx
    .update(leads)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)));
  // The assignee may have moved the lead out of the actor's sight: answer with what was written.
  const [row] = await selectLeads(ctx).where(
    and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)),
  );
  const after = (await toLeads(ctx, [row!]))[0]!;
  const reason = body.status === 'junk' ? (body.junkReason ?? null) : undefined;
  await recordAudit(ctx, {
    action: body.status && body.status !== before.status ? `lead.${body.status}` : 'lead.updated',
    entity: 'leads',
    entityId: id,
    before,
    after: reason === undefined ? after : { ...after, junkReason: reason },
  });
  return after;
}

export async function deleteLead(ctx: Ctx, id: string): Promise<void> {
  const before = await getLead(ctx, id);
  await ctx.tx.delete(leads).where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)));
  await recordAudit(ctx, { action: 'lead.deleted', entity: 'leads', entityId: id, before });
}

// For the merge of contacts and companies: every lead pointing at the merged-away record follows
// the survivor. Returns how many moved.
export async function relinkContact(
  ctx: Ctx,
  fromContactId: string,
  toContactId: string,
): Promise<number> {
  const moved = await ctx.tx
    .update(leads)
    .set({ contactId: toContactId, updatedAt: sql`now()` })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.contactId, fromContactId)))
    .returning({ id: leads.id });
  return moved.length;
}

export async function relinkCompany(
  ctx: Ctx,
  fromCompanyId: string,
  toCompanyId: string,
): Promise<number> {
  const moved = await ctx.tx
    .update(leads)
    .set({ companyId: toCompanyId, updatedAt: sql`now()` })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.companyId, fromCompanyId)))
    .returning({ id: leads.id });
  return moved.length;
}
