import type { PlanFactQuery, PlanFactReport, PlanFactRow } from '@voronka/contract';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError } from '../../platform/errors.js';
import { num, ownOnly, periodOf, seenOwner } from './scope.js';

// Plan vs fact for a year, per month or quarter, for the department, a team or a member. Periods are
// the workspace's (a payment on 1 March 00:30 Moscow is March's; a deal won then too). Fact is named
// by its basis: won deals (closed in a won stage, by closing time) and paid money (payments received,
// reversed ones not counted, by their date). The forecast adds open deals expected to close in the
// period weighted by their stage's probability; the run-rate extends the running period's won pace.

const DAY = 24 * 3600 * 1000;

export type Scope = { scope: PlanFactQuery['scope']; scopeId: string | null };

// A manager who sees only their own is shown their own plan whatever the query names.
export function scopeOf(
  ctx: Ctx,
  q: { scope: Scope['scope']; scopeId?: string | undefined },
): Scope {
  if (ownOnly(ctx)) return { scope: 'member', scopeId: ctx.actor.memberId };
  if (q.scope !== 'department' && !q.scopeId)
    throw new DomainError('request.invalid', 'a team or member id', { field: 'scopeId' });
  return { scope: q.scope, scopeId: q.scope === 'department' ? null : (q.scopeId ?? null) };
}

// The scope as a condition on an owner column, within what the reader sees.
export function ownerIn(ctx: Ctx, s: Scope, col: SQL): SQL {
  const seen = seenOwner(ctx, col);
  if (s.scope === 'member') return sql`${col} = ${s.scopeId} and ${seen}`;
  if (s.scope === 'team')
    return sql`${col} in (select id from members where workspace_id = ${ctx.workspaceId} and team_id = ${s.scopeId}) and ${seen}`;
  return seen;
}

export function periodsOf(year: number, period: 'month' | 'quarter') {
  const step = period === 'month' ? 1 : 3;
  const out: { start: string; end: string }[] = [];
  for (let m = 0; m < 12; m += step) {
    const start = new Date(Date.UTC(year, m, 1));
    const next = new Date(Date.UTC(year, m + step, 1));
    out.push({
      start: start.toISOString().slice(0, 10),
      end: new Date(next.getTime() - DAY).toISOString().slice(0, 10),
    });
  }
  return out;
}

type Sums = Map<string, { amount: number; count: number }>;
const sums = (rows: { k: string; amount: unknown; n: unknown }[]): Sums =>
  new Map(rows.map((r) => [String(r.k).slice(0, 10), { amount: num(r.amount), count: num(r.n) }]));

export async function planFact(ctx: Ctx, q: PlanFactQuery): Promise<PlanFactReport> {
  const s = scopeOf(ctx, q);
  const { tz, today } = await periodOf(ctx, {});
  const year = q.year ?? Number(today.slice(0, 4));
  const unit = sql.raw(q.period === 'month' ? `'month'` : `'quarter'`);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year + 1}-01-01`;
  const bounds = (col: SQL) =>
    sql`${col} >= (${yearStart}::date)::timestamp at time zone ${tz} and ${col} < (${yearEnd}::date)::timestamp at time zone ${tz}`;
  type R = { k: string; amount: unknown; n: unknown };
  const won = sums(
    rowsOf<R>(
      await ctx.tx.execute(sql`
        select to_char(date_trunc(${unit}, d.closed_at at time zone ${tz}), 'YYYY-MM-DD') as k,
          sum(d.amount) as amount, count(*) as n
        from deals d join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
        where d.workspace_id = ${ctx.workspaceId} and st.kind = 'won' and ${bounds(sql`d.closed_at`)}
          and ${ownerIn(ctx, s, sql`d.owner_id`)}
        group by 1`),
    ),
  );
  const paid = sums(
    rowsOf<R>(
      await ctx.tx.execute(sql`
        select to_char(date_trunc(${unit}, p.date::timestamp), 'YYYY-MM-DD') as k,
          sum(p.amount_kopecks) as amount, count(*) as n
        from payments p
        where p.workspace_id = ${ctx.workspaceId} and p.reversed_at is null
          and p.date >= ${yearStart}::date and p.date < ${yearEnd}::date
          and ${ownerIn(ctx, s, sql`p.owner_id`)}
        group by 1`),
    ),
  );
  const weighted = sums(
    rowsOf<R>(
      await ctx.tx.execute(sql`
        select to_char(date_trunc(${unit}, d.expected_close_date::timestamp), 'YYYY-MM-DD') as k,
          sum(d.amount * st.probability / 100.0) as amount, count(*) as n
        from deals d join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
        where d.workspace_id = ${ctx.workspaceId} and st.kind = 'open'
          and d.expected_close_date >= ${yearStart}::date and d.expected_close_date < ${yearEnd}::date
          and ${ownerIn(ctx, s, sql`d.owner_id`)}
        group by 1`),
    ),
  );
  const plans = rowsOf<{ start: string; basis: 'won' | 'paid'; amount: unknown }>(
    await ctx.tx.execute(sql`
      select to_char(start, 'YYYY-MM-DD') as start, basis, amount from sales_plans
      where workspace_id = ${ctx.workspaceId} and period = ${q.period} and scope = ${s.scope}
        and scope_id is not distinct from ${s.scopeId}::uuid
        and start >= ${yearStart}::date and start < ${yearEnd}::date`),
  );
  const planOf = (start: string, basis: 'won' | 'paid') => {
    const p = plans.find((x) => x.start === start && x.basis === basis);
    return p ? num(p.amount) : null;
  };
  const rows: PlanFactRow[] = periodsOf(year, q.period).map(({ start, end }) => {
    const factWon = won.get(start)?.amount ?? 0;
    const running = today >= start && today <= end;
    const days = (Date.parse(end) - Date.parse(start)) / DAY + 1;
    const elapsed = (Date.parse(today) - Date.parse(start)) / DAY + 1;
    return {
      start,
      end,
      planWon: planOf(start, 'won'),
      planPaid: planOf(start, 'paid'),
      factWon,
      factPaid: paid.get(start)?.amount ?? 0,
      // Only what can still close: an open deal whose expected date has passed counts in its period.
      forecast: Math.round(factWon + (today <= end ? (weighted.get(start)?.amount ?? 0) : 0)),
      runRate: running ? Math.round((factWon / elapsed) * days) : null,
      wonDeals: won.get(start)?.count ?? 0,
    };
  });
  return { year, period: q.period, scope: s.scope, scopeId: s.scopeId, rows };
}
