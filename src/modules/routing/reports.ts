import type {
  Assignment,
  QueueOverview,
  SlaReport,
  SlaReportQuery,
  SlaReportRow,
} from '@voronka/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { eligibility, memberStates, roster, teamsOf } from './availability.js';
import { overdueAndQueued } from './lead-state.js';
import { loadSettings } from './settings.js';
import { isoDate, localDateOf } from './zoned-time.js';
import { leadAssignments } from './tables.js';

// A request's assignments, oldest first (the lead itself is read first, under its visibility rule).
export async function listAssignments(ctx: Ctx, leadId: string): Promise<{ items: Assignment[] }> {
  await leads.getLead(ctx, leadId);
  const rows = await ctx.tx
    .select()
    .from(leadAssignments)
    .where(
      and(eq(leadAssignments.workspaceId, ctx.workspaceId), eq(leadAssignments.leadId, leadId)),
    )
    .orderBy(asc(leadAssignments.assignedAt));
  const [members, teams] = [await roster(ctx), await teamsOf(ctx)];
  const name = (id: string | null, list: { id: string; name: string }[]) =>
    id ? { id, name: list.find((m) => m.id === id)?.name ?? '' } : null;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    items: rows.map((r) => ({
      id: r.id,
      leadId: r.leadId,
      member: name(r.memberId, members),
      team: name(r.teamId, teams),
      reason: r.reason,
      assignedAt: r.assignedAt.toISOString(),
      dueAt: iso(r.dueAt),
      respondedAt: iso(r.respondedAt),
      breachedAt: iso(r.breachedAt),
      endedAt: iso(r.endedAt),
    })),
  };
}

// Everyone's load and breaches, and the queues, for the head.
export async function queueOverview(ctx: Ctx): Promise<QueueOverview> {
  const settings = await loadSettings(ctx);
  const [members, teams] = [
    (await roster(ctx)).filter((m) => m.status === 'active'),
    await teamsOf(ctx),
  ];
  const states = await memberStates(ctx, members, settings.timeZone);
  const { overdue, queued } = await overdueAndQueued(ctx);
  const breaches = await ctx.tx
    .select({ id: leadAssignments.memberId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(leadAssignments)
    .where(
      and(
        eq(leadAssignments.workspaceId, ctx.workspaceId),
        sql`${leadAssignments.breachedAt} > now() - interval '7 days'`,
      ),
    )
    .groupBy(leadAssignments.memberId);
  const breachMap = new Map(breaches.map((b) => [b.id, b.n]));
  const now = new Date();
  return {
    queued: queued.map((q) => ({
      team: q.teamId
        ? { id: q.teamId, name: teams.find((t) => t.id === q.teamId)?.name ?? '' }
        : null,
      count: q.count,
    })),
    members: members.map((m) => {
      const s = states.get(m.id)!;
      const reason = eligibility(s, now, { productionCalendar: settings.productionCalendar });
      return {
        memberId: m.id,
        name: m.name,
        teamId: m.teamId,
        role: m.role,
        timeZone: s.timeZone,
        hours: s.hours,
        vacations: s.vacations,
        away: s.away,
        capacity: s.capacity,
        telegramLinked: s.telegramLinked,
        openLoad: s.openLoad,
        eligible: reason === null,
        reason,
        overdue: overdue.get(m.id) ?? 0,
        breaches7d: breachMap.get(m.id) ?? 0,
      };
    }),
  };
}

const DAY = 24 * 3600 * 1000;

// First-response time (assignment → response) and breaches over the assignments that had a
// deadline, grouped by manager, channel or week (in the workspace's zone), with percentiles computed
// by the database. By manager, an answered assignment is credited to whoever answered (a colleague
// or the head who replied for the assignee), an unanswered one stays with the member who held it.
export async function slaReport(ctx: Ctx, q: SlaReportQuery): Promise<SlaReport> {
  const settings = await loadSettings(ctx);
  const tz = settings.timeZone;
  // "Today" is the workspace's day: just after midnight in Moscow it is still yesterday in UTC.
  const to = q.to ?? isoDate(localDateOf(Date.now(), tz));
  const from = q.from ?? new Date(Date.parse(to) - 27 * DAY).toISOString().slice(0, 10);
  const key =
    q.by === 'manager'
      ? sql`coalesce(a.responded_by, a.member_id)::text`
      : q.by === 'channel'
        ? sql`a.channel`
        : sql`to_char(date_trunc('week', a.assigned_at at time zone ${tz}), 'YYYY-MM-DD')`;
  // Over the requests the reader sees (the one visibility rule): a head their team's, a manager with
  // routing read only their own.
  const seen = workspaces.visibleIdsSql(ctx, 'leads');
  const stats = (group: boolean) => sql`
    select ${group ? sql`${key}` : sql`'total'`} as key,
      count(*)::int as assignments,
      count(a.responded_at)::int as responded,
      count(a.breached_at)::int as breaches,
      percentile_cont(0.5) within group (order by extract(epoch from a.responded_at - a.assigned_at)) filter (where a.responded_at is not null) as median,
      percentile_cont(0.9) within group (order by extract(epoch from a.responded_at - a.assigned_at)) filter (where a.responded_at is not null) as p90
    from lead_assignments a
    where a.workspace_id = ${ctx.workspaceId} and a.member_id is not null and a.due_at is not null
      and a.assigned_at >= (${from}::date)::timestamp at time zone ${tz}
      and a.assigned_at < (${to}::date + 1)::timestamp at time zone ${tz}
      ${seen ? sql`and a.lead_id in (${seen})` : sql``}
    ${group ? sql`group by 1 order by 1` : sql``}`;
  type Raw = {
    key: string | null;
    assignments: number;
    responded: number;
    breaches: number;
    median: number | string | null;
    p90: number | string | null;
  };
  const rows = rowsOf<Raw>(await ctx.tx.execute(stats(true)));
  const [total] = rowsOf<Raw>(await ctx.tx.execute(stats(false)));
  const members = q.by === 'manager' ? await roster(ctx) : [];
  const label = (k: string) =>
    q.by === 'manager' ? (members.find((m) => m.id === k)?.name ?? k) : k;
  const toRow = (r: Raw, k: string, l: string): SlaReportRow => ({
    key: k,
    label: l,
    assignments: Number(r.assignments),
    responded: Number(r.responded),
    breaches: Number(r.breaches),
    breachRate: Number(r.assignments) ? Number(r.breaches) / Number(r.assignments) : 0,
    medianSeconds: r.median === null ? null : Math.round(Number(r.median)),
    p90Seconds: r.p90 === null ? null : Math.round(Number(r.p90)),
  });
  return {
    by: q.by,
    from,
    to,
    rows: rows.map((r) => toRow(r, r.key ?? '', label(r.key ?? ''))),
    total: toRow(
      total ?? { key: 'total', assignments: 0, responded: 0, breaches: 0, median: null, p90: null },
      'total',
      'total',
    ),
  };
}
