import { sql, type SQL } from 'drizzle-orm';
import { inDays, num } from './scope.js';

// The funnel's additive parts, grouped by the deals' creation day (in the zone), pipeline, owner
// and sources (the channels of the requests converted into the deal, sorted): the raw computation
// the reports read for the live days and the rollup stores for the past ones (funnel_daily).
//   total  n deals, a won, b lost, c won amount
//   reach  key = the furthest position reached (WON_REACH for won deals), n deals
//   lost   key = lost reason (null: none), n deals, c amount
//   stay   key = stage, minutes = the deal's whole minutes there (completed stays summed), n deals,
//          a stays
//   cycle  minutes = creation → won, n deals
// Durations are whole minutes (floored): percentiles are taken from these histograms, so a report
// is the same whether it adds up stored days, live days or both.

export const WON_REACH = 1_000_000;

export type DayRange = { from: string; to: string };

export function partsSql(ws: string, tz: string, where: SQL): SQL {
  return sql`with cohort as materialized (
    select d.id, d.amount, d.created_at, d.closed_at, d.lost_reason_id, d.pipeline_id, d.owner_id,
      s.kind, s.position, (d.created_at at time zone ${tz})::date as day,
      coalesce((select array_agg(distinct l.channel order by l.channel) from leads l
        where l.workspace_id = d.workspace_id and l.deal_id = d.id), '{}'::text[]) as sources
    from deals d join stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
    where ${where}
  ),
  per_stage as materialized (
    select c.id, c.day, c.pipeline_id, c.owner_id, c.sources, c.kind, c.position, h.stage_id,
      h.secs, h.stays, h.open_pos
    from cohort c left join lateral (
      select h.stage_id,
        sum(extract(epoch from h.left_at - h.entered_at)) filter (where h.left_at is not null) as secs,
        count(h.left_at) as stays,
        max(s.position) filter (where s.kind = 'open') as open_pos
      from deal_stage_history h
      left join stages s on s.workspace_id = ${ws} and s.id = h.stage_id
      where h.workspace_id = ${ws} and h.deal_id = c.id
      group by h.stage_id) h on true
  ),
  reach as (
    select day, pipeline_id, owner_id, sources, case when kind = 'won' then ${WON_REACH}
      else greatest(coalesce(max(open_pos), -1),
        case when kind = 'open' then position else -1 end) end as maxpos
    from per_stage group by id, day, pipeline_id, owner_id, sources, kind, position
  )
  select day, pipeline_id, owner_id, sources, 'total' as part, null::text as key,
    null::int as minutes, count(*)::bigint as n, count(*) filter (where kind = 'won')::bigint as a,
    count(*) filter (where kind = 'lost')::bigint as b,
    coalesce(sum(amount) filter (where kind = 'won'), 0)::bigint as c
  from cohort group by day, pipeline_id, owner_id, sources
  union all
  select day, pipeline_id, owner_id, sources, 'reach', maxpos::text, null, count(*)::bigint, 0, 0, 0
  from reach group by day, pipeline_id, owner_id, sources, maxpos
  union all
  select day, pipeline_id, owner_id, sources, 'lost', lost_reason_id::text, null, count(*)::bigint,
    0, 0, coalesce(sum(amount), 0)::bigint
  from cohort where kind = 'lost' group by day, pipeline_id, owner_id, sources, lost_reason_id
  union all
  select day, pipeline_id, owner_id, sources, 'stay', stage_id::text, floor(secs / 60)::int,
    count(*)::bigint, sum(stays)::bigint, 0, 0
  from per_stage where secs is not null
  group by day, pipeline_id, owner_id, sources, stage_id, floor(secs / 60)
  union all
  select day, pipeline_id, owner_id, sources, 'cycle', null,
    floor(extract(epoch from closed_at - created_at) / 60)::int, count(*)::bigint, 0, 0, 0
  from cohort where kind = 'won' and closed_at is not null
  group by day, pipeline_id, owner_id, sources, floor(extract(epoch from closed_at - created_at) / 60)`;
}

// Deals created on any of the day ranges (in the zone); false for none.
export function createdOn(ranges: DayRange[], tz: string): SQL {
  if (!ranges.length) return sql`false`;
  return sql`(${sql.join(
    ranges.map((r) => inDays(sql`d.created_at`, { ...r, tz })),
    sql` or `,
  )})`;
}

export type Part = {
  part: string;
  key: string | null;
  minutes: number | null;
  n: number;
  a: number;
  b: number;
  c: number;
};

export const partOf = (r: Record<string, unknown>): Part => ({
  part: String(r.part),
  key: r.key === null || r.key === undefined ? null : String(r.key),
  minutes: r.minutes === null || r.minutes === undefined ? null : Number(r.minutes),
  n: num(r.n),
  a: num(r.a),
  b: num(r.b),
  c: num(r.c),
});

// percentile_cont over a histogram of (value, count): interpolated between the neighbours of
// fraction × (N − 1), as PostgreSQL does over the expanded values.
export function percentile(hist: { v: number; n: number }[], fraction: number): number | null {
  const sorted = hist.filter((h) => h.n > 0).sort((x, y) => x.v - y.v);
  const total = sorted.reduce((s, h) => s + h.n, 0);
  if (!total) return null;
  const pos = fraction * (total - 1);
  const at = (i: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (i < seen) return h.v;
    }
    return sorted[sorted.length - 1]!.v;
  };
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return at(lo) + (at(hi) - at(lo)) * (pos - lo);
}

// Day ranges: the contiguous runs of the given sorted days, and the rest of [from, to].
const DAY = 24 * 3600 * 1000;
const next = (d: string) => new Date(Date.parse(d) + DAY).toISOString().slice(0, 10);
const prev = (d: string) => new Date(Date.parse(d) - DAY).toISOString().slice(0, 10);

export function runsOf(days: string[]): DayRange[] {
  const runs: DayRange[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && next(last.to) === d) last.to = d;
    else runs.push({ from: d, to: d });
  }
  return runs;
}

export function complement(period: DayRange, runs: DayRange[]): DayRange[] {
  const rest: DayRange[] = [];
  let cursor = period.from;
  for (const r of runs) {
    if (r.from > cursor) rest.push({ from: cursor, to: prev(r.from) });
    cursor = next(r.to);
  }
  if (cursor <= period.to) rest.push({ from: cursor, to: period.to });
  return rest;
}
