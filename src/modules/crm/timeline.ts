import type { Activity, ActivityCreateBody, ActivityKind, Page, TimelineQuery } from '@voronka/contract';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { findDealRow } from './deal-queries.js';
import { assertSubjectLinks, type SubjectLinks } from './links.js';
import { activities, contacts, dealContacts, deals } from './tables.js';

export type NewActivity = SubjectLinks & { kind: ActivityKind; body?: string | null; at?: Date; data?: Record<string, unknown> };

// Every activity carries all the links known when it is written (a deal's activity also names the
// deal's company), so that a company's timeline is mostly one index range on company_id.
export async function writeActivity(ctx: Ctx, a: NewActivity): Promise<Activity> {
  const id = newId();
  const [row] = await ctx.tx
    .insert(activities)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      kind: a.kind,
      at: a.at ?? new Date(),
      actorId: ctx.actor.memberId,
      contactId: a.contactId ?? null,
      companyId: a.companyId ?? null,
      dealId: a.dealId ?? null,
      leadId: a.leadId ?? null,
      body: a.body ?? null,
      data: a.data ?? {},
    })
    .returning();
  return toActivity(row!);
}

const toActivity = (r: typeof activities.$inferSelect): Activity => ({
  id: r.id,
  kind: r.kind,
  at: r.at.toISOString(),
  actorId: r.actorId,
  contactId: r.contactId,
  companyId: r.companyId,
  dealId: r.dealId,
  leadId: r.leadId,
  body: r.body,
  data: r.data,
});

export async function logActivity(ctx: Ctx, body: ActivityCreateBody): Promise<Activity> {
  if (!body.contactId && !body.companyId && !body.dealId && !body.leadId) {
    throw new DomainError('activity.subject_required', 'name the contact, company, deal or lead this is about', { field: 'contactId' });
  }
  const links = await assertSubjectLinks(ctx, body);
  const activity = await writeActivity(ctx, { ...links, kind: body.kind, body: body.body ?? null, ...(body.at ? { at: new Date(body.at) } : {}), data: body.data ?? {} });
  await recordAudit(ctx, { action: 'activity.logged', entity: 'activities', entityId: activity.id, after: activity });
  return activity;
}

// Which activities belong to a subject's timeline. A contact's includes its deals'; a company's
// includes its contacts' and deals' (older activities may lack the company link).
function subjectFilter(ctx: Ctx, q: TimelineQuery): SQL | undefined {
  const ws = ctx.workspaceId;
  if (q.dealId) return eq(activities.dealId, q.dealId);
  if (q.leadId) return eq(activities.leadId, q.leadId);
  if (q.contactId) {
    return or(
      eq(activities.contactId, q.contactId),
      sql`${activities.dealId} in (select ${dealContacts.dealId} from ${dealContacts} where ${dealContacts.workspaceId} = ${ws} and ${dealContacts.contactId} = ${q.contactId})`,
    );
  }
  if (q.companyId) {
    return or(
      eq(activities.companyId, q.companyId),
      sql`${activities.contactId} in (select ${contacts.id} from ${contacts} where ${contacts.workspaceId} = ${ws} and ${contacts.companyId} = ${q.companyId})`,
      sql`${activities.dealId} in (select ${deals.id} from ${deals} where ${deals.workspaceId} = ${ws} and ${deals.companyId} = ${q.companyId})`,
    );
  }
  return undefined;
}

// Newest first; UUIDv7 ids are time-ordered, so the id alone is the keyset.
export async function listTimeline(ctx: Ctx, q: TimelineQuery): Promise<Page<Activity>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const subject = subjectFilter(ctx, q);
  if (!subject) throw new DomainError('request.invalid', 'name a contactId, companyId, dealId or leadId', { field: 'contactId' });
  // A deal the reader may not see has no timeline for them either.
  if (q.dealId) await findDealRow(ctx, q.dealId);
  const rows = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.workspaceId, ctx.workspaceId), subject, after ? lt(activities.id, String(after[0])) : undefined))
    .orderBy(desc(activities.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toActivity, (r) => [r.id]);
}

export { isUuid } from '../../platform/http/pagination.js';
