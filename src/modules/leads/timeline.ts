import type { Activity } from '@voronka/contract';
import { and, desc, eq, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type * as activities from '../activities/service.js';
import { leadScope } from './leads.js';
import { leads } from './tables.js';

// Which requests belong to a subject: a contact's, a company's, the deal's they became, or the one.
function bySubject(s: activities.TimelineSubject): SQL | undefined {
  if (s.dealId) return eq(leads.dealId, s.dealId);
  if (s.leadId) return eq(leads.id, s.leadId);
  if (s.contactId) return eq(leads.contactId, s.contactId);
  if (s.companyId) return eq(leads.companyId, s.companyId);
  return undefined;
}

// The requests of a subject the reader may see, as a subquery of ids (the inbox reads their
// conversations' messages for the same timeline).
export function leadIdsOf(ctx: Ctx, s: activities.TimelineSubject) {
  return ctx.tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), bySubject(s) ?? sql`false`, leadScope(ctx)));
}

// A timeline source (activities.addTimelineSource): each request as it arrived. A lead's own timeline does
// not repeat it (its card shows the request).
export async function requestEntries(
  ctx: Ctx,
  s: activities.TimelineSubject,
  beforeId: string | null,
  limit: number,
): Promise<Activity[]> {
  if (s.leadId) return [];
  const subject = bySubject(s);
  if (!subject) return [];
  const rows = await ctx.tx
    .select({
      id: leads.id,
      channel: leads.channel,
      source: leads.source,
      title: leads.title,
      message: leads.message,
      status: leads.status,
      receivedAt: leads.receivedAt,
      contactId: leads.contactId,
      companyId: leads.companyId,
      dealId: leads.dealId,
    })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        subject,
        leadScope(ctx),
        beforeId ? lt(leads.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(leads.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: 'request' as const,
    at: r.receivedAt.toISOString(),
    actorId: null,
    contactId: r.contactId,
    companyId: r.companyId,
    dealId: r.dealId,
    leadId: r.id,
    body: r.message?.slice(0, 2000) ?? r.title,
    data: { channel: r.channel, source: r.source, title: r.title, status: r.status },
  }));
}

// For the inbox's messages on the same timeline: true when the message is the one that raised a
// request the reader sees there (its text is the request's), which the request entry already shows.
export function repeatsVisibleRequest(
  ctx: Ctx,
  s: activities.TimelineSubject,
  leadId: SQLWrapper,
  text: SQLWrapper,
): SQL {
  if (s.leadId || !bySubject(s)) return sql`false`;
  return sql`exists (select 1 from ${leads} where ${and(eq(leads.workspaceId, ctx.workspaceId), sql`${leads.id} = ${leadId}`, sql`${leads.message} = ${text}`, leadScope(ctx))})`;
}
