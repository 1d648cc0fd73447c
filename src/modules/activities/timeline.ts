import type {
  Activity,
  ActivityCreateBody,
  ActivityKind,
  Page,
  TimelineQuery,
} from '@voronka/contract';
import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import {
  hideInvisibleLinks,
  requireVisible,
  visibleIdsSql,
  type OwnedEntity,
} from '../workspaces/service.js';
import { assertSubjectLinks, type SubjectLinks } from './links.js';
import * as clients from '../clients/service.js';
import * as pipeline from '../pipeline/service.js';
import { activities, tasks } from './tables.js';

export type NewActivity = SubjectLinks & {
  kind: ActivityKind;
  body?: string | null;
  at?: Date;
  data?: Record<string, unknown>;
};

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
    throw new DomainError(
      'activity.subject_required',
      'name the contact, company, deal or lead this is about',
      { field: 'contactId' },
    );
  }
  const links = await assertSubjectLinks(ctx, body);
  const activity = await writeActivity(ctx, {
    ...links,
    kind: body.kind,
    body: body.body ?? null,
    ...(body.at ? { at: new Date(body.at) } : {}),
    data: body.data ?? {},
  });
  await recordAudit(ctx, {
    action: 'activity.logged',
    entity: 'activities',
    entityId: activity.id,
    after: activity,
  });
  return (await maskLinks(ctx, [activity]))[0]!;
}

// Which activities belong to a subject's timeline. A contact's includes its deals'; a company's
// includes its contacts' and deals' (older activities may lack the company link). Visibility: the
// subject itself is checked first (listTimeline); an entry that also hangs on a deal (or, on a
// company's timeline, a contact) shows only when the caller sees that deal or contact too, so
// another manager's notes on their own deal or client never surface through a shared company.
function subjectFilter(ctx: Ctx, q: TimelineQuery): SQL | undefined {
  const seen = (
    column: typeof activities.dealId | typeof activities.contactId,
    entity: 'deals' | 'contacts',
  ) => {
    const ids = visibleIdsSql(ctx, entity);
    return ids ? or(isNull(column), inArray(column, ids)) : undefined;
  };
  if (q.dealId) return eq(activities.dealId, q.dealId);
  if (q.leadId) return eq(activities.leadId, q.leadId);
  if (q.contactId) {
    const reached = or(
      eq(activities.contactId, q.contactId),
      sql`${activities.dealId} in (${pipeline.dealIdsOfContactSql(ctx, q.contactId)})`,
    );
    return and(reached, seen(activities.dealId, 'deals'));
  }
  if (q.companyId) {
    const reached = or(
      eq(activities.companyId, q.companyId),
      sql`${activities.contactId} in (${clients.contactIdsOfCompanySql(ctx, q.companyId)})`,
      sql`${activities.dealId} in (${pipeline.dealIdsOfCompanySql(ctx, q.companyId)})`,
    );
    return and(reached, seen(activities.dealId, 'deals'), seen(activities.contactId, 'contacts'));
  }
  return undefined;
}

// The record a timeline hangs on: a timeline of a record the caller cannot see is a 404, as the
// record itself is.
function subjectOf(q: TimelineQuery): [OwnedEntity, string] | null {
  if (q.dealId) return ['deals', q.dealId];
  if (q.leadId) return ['leads', q.leadId];
  if (q.contactId) return ['contacts', q.contactId];
  if (q.companyId) return ['companies', q.companyId];
  return null;
}

// The timeline's other entries, read where they live: the requests (leads) and the messages of their
// conversations (inbox). Both depend on crm, so they are handed in at start-up (src/app.ts). A
// source returns, newest first, at most `limit` entries of the subject older than `beforeId`, each
// keyed by a UUIDv7 id (time-ordered like the activities'), filtered by what the reader may see.
export type TimelineSubject = Pick<TimelineQuery, 'contactId' | 'companyId' | 'dealId' | 'leadId'>;
export type TimelineSource = (
  ctx: Ctx,
  subject: TimelineSubject,
  beforeId: string | null,
  limit: number,
) => Promise<Activity[]>;
const sources: TimelineSource[] = [];

export function addTimelineSource(source: TimelineSource): void {
  if (!sources.includes(source)) sources.push(source);
}

// Newest first; UUIDv7 ids are time-ordered, so the id alone is the keyset (over activities and the
// sources' entries alike: each is read past the cursor, and the merge keeps the newest).
export async function listTimeline(ctx: Ctx, q: TimelineQuery): Promise<Page<Activity>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const subject = subjectOf(q);
  if (!subject)
    throw new DomainError('request.invalid', 'name a contactId, companyId, dealId or leadId', {
      field: 'contactId',
    });
  await requireVisible(ctx, ...subject);
  const beforeId = after ? String(after[0]) : null;
  const rows = await ctx.tx
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.workspaceId, ctx.workspaceId),
        subjectFilter(ctx, q),
        beforeId ? lt(activities.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(activities.id))
    .limit(q.limit + 1);
  const only = {
    contactId: q.contactId,
    companyId: q.companyId,
    dealId: q.dealId,
    leadId: q.leadId,
  };
  const more: Activity[] = [];
  for (const source of sources) more.push(...(await source(ctx, only, beforeId, q.limit + 1)));
  const merged = [...rows.map(toActivity), ...more]
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, q.limit + 1);
  const page = toPage(
    merged,
    q.limit,
    (a) => a,
    (a) => [a.id],
  );
  return { items: await maskLinks(ctx, page.items), nextCursor: page.nextCursor };
}

// On conversion: what was written about the request (its assignment, calls, tasks) joins the
// contact, company and deal it became, so their timelines and task lists tell the whole story.
export async function linkLeadRecords(
  ctx: Ctx,
  leadId: string,
  to: { contactId: string | null; companyId: string | null; dealId: string | null },
): Promise<void> {
  const set = <T extends typeof activities | typeof tasks>(t: T) => ({
    contactId: sql`coalesce(${t.contactId}, ${to.contactId}::uuid)`,
    companyId: sql`coalesce(${t.companyId}, ${to.companyId}::uuid)`,
    dealId: sql`coalesce(${t.dealId}, ${to.dealId}::uuid)`,
  });
  await ctx.tx
    .update(activities)
    .set(set(activities))
    .where(and(eq(activities.workspaceId, ctx.workspaceId), eq(activities.leadId, leadId)));
  await ctx.tx
    .update(tasks)
    .set(set(tasks))
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.leadId, leadId)));
}

// An entry's links to records the caller cannot see are shown as none (no ids of invisible records).
const maskLinks = (ctx: Ctx, items: Activity[]) =>
  hideInvisibleLinks(ctx, items, {
    contactId: 'contacts',
    companyId: 'companies',
    dealId: 'deals',
    leadId: 'leads',
  });

export { isUuid } from '../../platform/http/pagination.js';
