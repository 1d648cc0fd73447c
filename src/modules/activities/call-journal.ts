import type {
  CallJournalEntry,
  CallJournalQuery,
  CallStatsQuery,
  CallStatsRow,
  Page,
} from '@voronka/contract';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { rowsOf } from '../../platform/db/rls.js';
import * as workspaces from '../workspaces/service.js';
import { activities } from './tables.js';

// The call journal and its statistics: the timeline's call activities (kind 'call'), whoever
// reported them (a PBX, click-to-call, a member logging one). A call is answered when it was
// picked up (event 'answered', or talk time > 0). A member who sees only their own requests sees
// only their own calls (data.managerId or written by them).

const dataText = (key: string) => sql<string | null>`${activities.data} ->> ${key}`;
const durationSql = sql<number>`coalesce(case when (${activities.data} ->> 'durationSec') ~ '^[0-9]+$' then (${activities.data} ->> 'durationSec')::int end, 0)`;
const answeredSql = sql<boolean>`(${dataText('event')} = 'answered' or ${durationSql} > 0)`;
const directionSql = sql<string>`coalesce(${dataText('direction')}, 'in')`;
const managerSql = sql<
  string | null
>`case when (${activities.data} ->> 'managerId') ~ '^[0-9a-fA-F-]{36}$' then (${activities.data} ->> 'managerId') else ${activities.actorId}::text end`;

// In the workspace's time zone: the dates of a filter are its days.
async function zone(ctx: Ctx): Promise<string> {
  return (await workspaces.getWorkspace(ctx)).timezone;
}

function conditions(ctx: Ctx, q: Omit<CallJournalQuery, 'limit' | 'cursor'>, tz: string): SQL[] {
  const out: SQL[] = [eq(activities.workspaceId, ctx.workspaceId), eq(activities.kind, 'call')];
  const scope = workspaces.visibleTo(ctx, 'leads', sql`(${managerSql})::uuid`);
  if (scope) out.push(scope);
  if (q.managerId) out.push(sql`${managerSql} = ${q.managerId}`);
  if (q.direction) out.push(sql`${directionSql} = ${q.direction}`);
  if (q.result === 'answered') out.push(answeredSql);
  if (q.result === 'missed') out.push(sql`not ${answeredSql}`);
  if (q.from) out.push(sql`${activities.at} >= (${q.from}::date)::timestamp at time zone ${tz}`);
  if (q.to) out.push(sql`${activities.at} < ((${q.to}::date + 1)::timestamp at time zone ${tz})`);
  if (q.callListId) out.push(sql`${dataText('callListId')} = ${q.callListId}`);
  if (q.minDurationSec !== undefined) out.push(sql`${durationSql} >= ${q.minDurationSec}`);
  if (q.maxDurationSec !== undefined) out.push(sql`${durationSql} <= ${q.maxDurationSec}`);
  return out;
}

export async function callJournal(ctx: Ctx, q: CallJournalQuery): Promise<Page<CallJournalEntry>> {
  const tz = await zone(ctx);
  const where = conditions(ctx, q, tz);
  if (q.cursor) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q.cursor))
      throw new DomainError('request.invalid', 'cursor: not a cursor this list gave', {
        field: 'cursor',
      });
    where.push(lt(activities.id, q.cursor));
  }
  const rows = await ctx.tx
    .select({
      id: activities.id,
      at: activities.at,
      direction: directionSql,
      answered: answeredSql,
      durationSec: durationSql,
      phone: dataText('phone'),
      managerId: managerSql,
      contactId: activities.contactId,
      companyId: activities.companyId,
      dealId: activities.dealId,
      leadId: activities.leadId,
      recordingUrl: dataText('recordingUrl'),
      callListId: dataText('callListId'),
      body: activities.body,
    })
    .from(activities)
    .where(and(...where))
    .orderBy(desc(activities.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map((r): CallJournalEntry => ({
    ...r,
    at: new Date(r.at).toISOString(),
    direction: r.direction === 'out' ? 'out' : 'in',
    answered: Boolean(r.answered),
    durationSec: Number(r.durationSec),
    // Only our own (relative) links are handed out: never a raw PBX address.
    recordingUrl: r.recordingUrl?.startsWith('/api/') ? r.recordingUrl : null,
  }));
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}

// Per manager and day (or ISO week, by its Monday): calls in and out, answered, talk time.
export async function callStats(ctx: Ctx, q: CallStatsQuery): Promise<CallStatsRow[]> {
  const tz = await zone(ctx);
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const where = conditions(ctx, { ...q, from: q.from ?? day(-6), to: q.to ?? day(0) }, tz);
  const local = sql`(${activities.at} at time zone ${tz})`;
  const bucket =
    q.period === 'week'
      ? sql<string>`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`
      : sql<string>`to_char(${local}, 'YYYY-MM-DD')`;
  const result = await ctx.tx.execute(sql`
    select ${bucket} as bucket, ${managerSql} as manager_id,
      count(*) filter (where ${directionSql} = 'in')::int as inbound,
      count(*) filter (where ${directionSql} = 'out')::int as outbound,
      count(*) filter (where ${answeredSql})::int as answered,
      coalesce(sum(${durationSql}), 0)::int as total_sec,
      coalesce(round(avg(${durationSql}) filter (where ${answeredSql})), 0)::int as average_sec
    from ${activities}
    where ${and(...where)}
    group by 1, 2
    order by 1, 2`);
  return rowsOf<{
    bucket: string;
    manager_id: string | null;
    inbound: number;
    outbound: number;
    answered: number;
    total_sec: number;
    average_sec: number;
  }>(result).map((r) => ({
    bucket: r.bucket,
    managerId: r.manager_id,
    inbound: Number(r.inbound),
    outbound: Number(r.outbound),
    answered: Number(r.answered),
    totalSec: Number(r.total_sec),
    averageSec: Number(r.average_sec),
  }));
}
