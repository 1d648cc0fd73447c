import { and, eq, getTableColumns, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { auditInsert } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
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
};

// A request raised by intake, not typed by a person: nothing in it is refused (required custom
// fields are for people filling a form; a client's message must never be lost for want of one),
// it is unassigned (the team's to pick up) and the match was made by the caller.
export async function raiseInboundLead(ctx: Ctx, l: InboundLead): Promise<string> {
  const { id, audit } = await insertInboundLead(ctx, l);
  await ctx.tx.execute(audit);
  return id;
}

// raiseInboundLead with its audit row handed back as a statement not yet sent: the inbox sends it in
// one round trip with the conversation's update (same transaction). The caller must send it.
export async function insertInboundLead(
  ctx: Ctx,
  l: InboundLead,
): Promise<{ id: string; audit: SQLWrapper }> {
  const id = newId();
  const [row] = await ctx.tx
    .insert(leads)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      channel: l.channel,
      source: l.source ?? null,
      utm: l.utm ?? {},
      title: l.title?.slice(0, 300) ?? null,
      message: l.message?.slice(0, 20000) ?? null,
      contactName: l.contactName?.slice(0, 300) ?? null,
      contactPhone: l.contactPhone ?? null,
      contactEmail: l.contactEmail ?? null,
      contactId: l.contactId ?? null,
      companyId: l.companyId ?? null,
    })
    .returning();
  return {
    id,
    audit: auditInsert(ctx, { action: 'lead.created', entity: 'leads', entityId: id, after: row }),
  };
}

// raiseInboundLead for the inbox's one-statement intake: the insert as the body of a WITH in the
// inbox's statement. `over.from` is the FROM clause (with its condition) that decides whether a
// request is raised (no row, none); channel, source, contact and company are expressions over it.
// It returns the new row as json (column `lead`), which inboundLeadAudit turns into its audit row.
export function inboundLeadInsertSql(
  ctx: Ctx,
  l: Omit<InboundLead, 'channel' | 'source' | 'contactId' | 'companyId'>,
  over: { from: SQL; channel: SQL; source: SQL; contactId: SQL; companyId: SQL },
): SQL {
  return sql`
    insert into ${leads} (workspace_id, id, channel, source, utm, title, message, contact_name, contact_phone, contact_email, contact_id, company_id)
    select ${ctx.workspaceId}, ${newId()}, ${over.channel}, ${over.source}, ${JSON.stringify(l.utm ?? {})}::jsonb, ${l.title?.slice(0, 300) ?? null}, ${l.message?.slice(0, 20000) ?? null},
      ${l.contactName?.slice(0, 300) ?? null}, ${l.contactPhone ?? null}, ${l.contactEmail ?? null}, ${over.contactId}, ${over.companyId}
    from ${over.from}
    returning row_to_json(${leads}) as lead`;
}

const leadColumns = Object.entries(getTableColumns(leads));

// The row inboundLeadInsertSql returned, as the insert's .returning() gives it, and its audit row
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
