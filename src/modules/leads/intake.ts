import { and, eq, getTableColumns, inArray, is, sql, SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { auditInsert } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { readModel, type ReadModel } from '../../platform/db/read-model.js';
import { rowsOf } from '../../platform/db/rls.js';
import * as clients from '../clients/service.js';
import { newId } from '../../platform/ids.js';
import { leadScope } from './leads.js';
import { leads, type LeadChannel, type LeadConsent, type LeadStatus } from './tables.js';

export type InboundLead = {
  channel: LeadChannel;
  source?: string | null;
  utm?: Record<string, string>;
  title?: string | null;
  message?: string | null;
  contactName?: string | null;
  // Already normalised by the caller (E.164, lower-case); a number that did not parse stays raw.
  contactPhone?: string | null;
  contactEmail?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  // The inbox conversation it was raised in (routing links its notifications there).
  conversationId?: string | null;
};

// What the intake statement's owner decides inside its statement: these may be expressions over
// its read models (the channel's kind, the matched contact, the conversation found or opened).
type Decided = 'channel' | 'source' | 'contactId' | 'companyId' | 'conversationId';
export type InboundLeadSource = Omit<InboundLead, Decided> & { channel: LeadChannel | SQL } & {
  [K in Exclude<Decided, 'channel'>]?: InboundLead[K] | SQL;
};

// The one definition of a request raised by intake: the columns it fills and from what. Nothing in
// it is refused (required custom fields are for people filling a form; a client's message must
// never be lost for want of one), it is unassigned (the team's to pick up) and the match was made
// by the caller.
function inboundValues(ctx: Ctx, l: InboundLeadSource): [AnyPgColumn, unknown][] {
  return [
    [leads.workspaceId, ctx.workspaceId],
    [leads.id, newId()],
    [leads.channel, l.channel],
    [leads.source, l.source ?? null],
    [leads.utm, sql`${JSON.stringify(l.utm ?? {})}::jsonb`],
    [leads.title, l.title?.slice(0, 300) ?? null],
    [leads.message, l.message?.slice(0, 20000) ?? null],
    [leads.contactName, l.contactName?.slice(0, 300) ?? null],
    [leads.contactPhone, l.contactPhone ?? null],
    [leads.contactEmail, l.contactEmail ?? null],
    [leads.contactId, l.contactId ?? null],
    [leads.companyId, l.companyId ?? null],
    [leads.conversationId, l.conversationId ?? null],
  ];
}

export type InsertedLead = { lead: unknown };

// The insert of an inbound request as a read model: its one column `lead` is the new row as json,
// which inboundLeadAudit turns into its audit row. With `from` (a FROM clause and its condition,
// over the owner's read models) the row is raised only when the clause gives one.
export function inboundLeadInsert(
  ctx: Ctx,
  l: InboundLeadSource,
  from?: SQL,
): ReadModel<InsertedLead> {
  const values = inboundValues(ctx, l);
  const columns = sql.join(
    values.map(([c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const exprs = sql.join(
    values.map(([, v]) => (is(v, SQL) ? v : sql`${v}`)),
    sql`, `,
  );
  return readModel(
    { lead: 'json' },
    sql`insert into ${leads} (${columns}) select ${exprs}${from ? sql` from ${from}` : sql``}
    returning row_to_json(${leads}) as lead`,
  );
}

// A request raised by intake outside the intake statement, with its audit row handed back as a
// statement not yet sent: the inbox sends it in one round trip with the conversation's update (same
// transaction). The caller must send it.
export async function insertInboundLead(
  ctx: Ctx,
  l: InboundLead,
): Promise<{ id: string; audit: SQLWrapper }> {
  const [row] = rowsOf<InsertedLead>(await ctx.tx.execute(inboundLeadInsert(ctx, l).query));
  return inboundLeadAudit(ctx, row!.lead);
}

const leadColumns = Object.entries(getTableColumns(leads));

// The row inboundLeadInsert returned, as the insert's .returning() gives it, and its audit row
// as a statement not yet sent (the caller sends it in its next write, same transaction).
export function inboundLeadAudit(ctx: Ctx, json: unknown): { id: string; audit: SQLWrapper } {
  const raw = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  const row = Object.fromEntries(
    leadColumns.map(([key, column]) => [
      key,
      raw[column.name] === null || raw[column.name] === undefined
        ? null
        : column.mapFromDriverValue(raw[column.name]),
    ]),
  );
  const id = String(raw.id);
  return {
    id,
    audit: auditInsert(ctx, { action: 'lead.created', entity: 'leads', entityId: id, after: row }),
  };
}

// Requests and the conversations they were raised in, linked after both were written (the demo
// seeds its requests first, then the inbox their conversations).
export async function linkLeadConversations(
  ctx: Ctx,
  links: { leadId: string; conversationId: string }[],
): Promise<void> {
  if (!links.length) return;
  const pairs = sql.join(
    links.map((l) => sql`(${l.leadId}::uuid, ${l.conversationId}::uuid)`),
    sql`, `,
  );
  await ctx.tx.execute(sql`
    update ${leads} set conversation_id = v.conversation_id
    from (values ${pairs}) as v(lead_id, conversation_id)
    where ${leads.workspaceId} = ${ctx.workspaceId} and ${leads.id} = v.lead_id`);
}

// Whether a lead is still being worked (new, in work, qualified): a follow-up message joins it.
export async function isLeadOpen(ctx: Ctx, id: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        eq(leads.id, id),
        inArray(leads.status, ['new', 'in_work', 'qualified']),
      ),
    );
  return row !== undefined;
}

// The ids of the leads the actor may see, as a subquery: the inbox shows a conversation to whoever
// sees its request, by the leads' own visibility rule.
export function visibleLeadIds(ctx: Ctx) {
  return ctx.tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), leadScope(ctx)));
}

export async function leadSummary(
  ctx: Ctx,
  id: string,
): Promise<{ id: string; status: LeadStatus; title: string | null } | null> {
  const [row] = await ctx.tx
    .select({ id: leads.id, status: leads.status, title: leads.title })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id), leadScope(ctx)));
  return row ?? null;
}

// The consent a client gave with a request (a website form's box): kept on the request and, when it
// was matched to a known contact, recorded on the contact at once (conversion records it otherwise).
export async function recordLeadConsent(ctx: Ctx, id: string, consent: LeadConsent): Promise<void> {
  const [row] = await ctx.tx
    .update(leads)
    .set({ consent })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)))
    .returning({ contactId: leads.contactId });
  if (row?.contactId)
    await clients.recordContactConsent(ctx, row.contactId, { ...consent, leadId: id });
}

// The itemised estimate a visitor computed with a website calculator, kept on the request as
// `custom.calculator` (routing's warm-first score reads it: a concrete specification is warm).
export async function recordLeadCalculation(
  ctx: Ctx,
  id: string,
  calculation: Record<string, unknown>,
): Promise<void> {
  await ctx.tx
    .update(leads)
    .set({
      custom: sql`${leads.custom} || jsonb_build_object('calculator', ${JSON.stringify(calculation)}::jsonb)`,
    })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)));
}
