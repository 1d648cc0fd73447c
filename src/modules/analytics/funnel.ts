import type {
  DrillDeals,
  FunnelDrillQuery,
  FunnelExportQuery,
  FunnelReport,
  ReportFilter,
} from '@voronka/contract';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { tableFile, type Cell, type TableFile } from '../../platform/export/export.js';
import {
  complement,
  createdOn,
  partOf,
  partsSql,
  percentile,
  runsOf,
  WON_REACH,
  type Part,
} from './funnel-parts.js';
import {
  dealFilter,
  inDays,
  memberNames,
  num,
  periodOf,
  pipelineOf,
  seenOwner,
  stagesOf,
  type StageRow,
} from './scope.js';

// The funnel of a cohort: the deals created in the period (pipeline, manager, source, visibility).
// Time in a stage is the sum of the deal's completed stays there (back and forth counts each stay),
// and a deal's reach is the furthest open stage it ever entered (won deals passed them all). The
// report adds up funnel-parts.ts's parts: stored for past days (the daily aggregate, rollup.ts),
// computed live for the rest; the drill-down reads the source rows.

function cohortSql(
  ctx: Ctx,
  q: ReportFilter,
  p: { from: string; to: string; tz: string },
  pipelineId: string | null,
  closed = false,
) {
  return sql`cohort as materialized (
    select d.id, d.amount, d.created_at, d.closed_at, d.lost_reason_id, s.kind, s.position
    from deals d join stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
    where ${dealFilter(ctx, q, pipelineId)} and ${
      // won_closed: the deals won in the period (by closing), in every pipeline unless one is named.
      closed ? sql`s.kind = 'won' and ${inDays(sql`d.closed_at`, p)}` : inDays(sql`d.created_at`, p)
    }
  ),
  per_stage as (
    select h.deal_id, h.stage_id,
      sum(extract(epoch from h.left_at - h.entered_at)) filter (where h.left_at is not null) as secs,
      count(h.left_at) as stays
    from deal_stage_history h join cohort c on c.id = h.deal_id
    where h.workspace_id = ${ctx.workspaceId}
    group by h.deal_id, h.stage_id
  ),
  reach as (
    select c.id, case when c.kind = 'won' then ${WON_REACH}
      else greatest(coalesce(max(s.position) filter (where s.kind = 'open'), -1),
        case when c.kind = 'open' then c.position else -1 end) end as maxpos
    from cohort c
    left join per_stage ps on ps.deal_id = c.id
    left join stages s on s.workspace_id = ${ctx.workspaceId} and s.id = ps.stage_id
    group by c.id, c.kind, c.position
  )`;
}

// The funnel's parts for the period: the stored days (funnel_daily: fresh in the workspace's
// current zone, not marked dirty since) plus the live computation over the rest (today, days not yet
// rolled up or changed since) — one statement, so both halves see the same moment.
async function funnelParts(
  ctx: Ctx,
  q: ReportFilter,
  p: { from: string; to: string; tz: string },
  pipelineId: string,
): Promise<Part[]> {
  const ws = ctx.workspaceId;
  const fresh = rowsOf<{ day: string }>(
    await ctx.tx.execute(sql`select to_char(f.day, 'YYYY-MM-DD') as day from analytics_fresh_days f
      where f.workspace_id = ${ws} and f.day >= ${p.from}::date and f.day <= ${p.to}::date
        and f.tz = ${p.tz} and not exists (select 1 from analytics_dirty_days dd
          where dd.workspace_id = f.workspace_id and dd.day = f.day)
      order by f.day`),
  ).map((r) => r.day);
  const stored = runsOf(fresh);
  const live = complement({ from: p.from, to: p.to }, stored);
  const storedDays = stored.length
    ? sql.join(
        stored.map((r) => sql`(f.day >= ${r.from}::date and f.day <= ${r.to}::date)`),
        sql` or `,
      )
    : sql`false`;
  const rows = rowsOf<Record<string, unknown>>(
    await ctx.tx.execute(sql`select part, key, minutes, sum(n) as n, sum(a) as a, sum(b) as b,
        sum(c) as c
      from (
        select part, key, minutes, n, a, b, c from analytics_funnel_daily f
        where f.workspace_id = ${ws} and f.pipeline_id = ${pipelineId} and (${storedDays})
          ${q.ownerId ? sql`and f.owner_id = ${q.ownerId}` : sql``}
          ${q.source ? sql`and ${q.source} = any(f.sources)` : sql``}
          and ${seenOwner(ctx, sql`f.owner_id`)}
        union all
        select part, key, minutes, n, a, b, c from (${partsSql(
          ws,
          p.tz,
          sql`${dealFilter(ctx, q, pipelineId)} and ${createdOn(live, p.tz)}`,
        )}) live
      ) x
      group by part, key, minutes`),
  );
  return rows.map(partOf);
}

export async function funnelReport(ctx: Ctx, q: ReportFilter): Promise<FunnelReport> {
  const p = await periodOf(ctx, q, 90);
  const pipelineId = await pipelineOf(ctx, q.pipelineId);
  const stages = await stagesOf(ctx, pipelineId);
  const parts = await funnelParts(ctx, q, p, pipelineId);
  const of = (part: string) => parts.filter((r) => r.part === part);
  const sum = (xs: Part[], f: (r: Part) => number) => xs.reduce((s, r) => s + f(r), 0);
  const total = of('total');
  const [deals, won, lost, wonAmount] = [
    sum(total, (r) => r.n),
    sum(total, (r) => r.a),
    sum(total, (r) => r.b),
    sum(total, (r) => r.c),
  ];
  const hist = (xs: Part[]) => xs.map((r) => ({ v: r.minutes ?? 0, n: r.n }));
  const cycleMinutes = percentile(hist(of('cycle')), 0.5);
  const cycle = cycleMinutes === null ? null : cycleMinutes * 60;
  const reachHist = of('reach').map((r) => ({ pos: Number(r.key), n: r.n }));
  const reachedAt = (pos: number) =>
    reachHist.filter((h) => h.pos >= pos).reduce((s, h) => s + h.n, 0);
  const open = stages.filter((s) => s.kind === 'open');
  const reached = (s: StageRow) =>
    s.kind === 'open' ? reachedAt(s.position) : s.kind === 'won' ? won : lost;
  const reasons = await lostReasonNames(ctx);
  const lostBy = new Map<string | null, { deals: number; amount: number }>();
  for (const r of of('lost')) {
    const l = lostBy.get(r.key) ?? { deals: 0, amount: 0 };
    lostBy.set(r.key, { deals: l.deals + r.n, amount: l.amount + r.c });
  }
  return {
    from: p.from,
    to: p.to,
    pipelineId,
    totals: {
      deals,
      open: deals - won - lost,
      won,
      lost,
      winRate: won + lost ? won / (won + lost) : null,
      wonAmount: Math.round(wonAmount),
      averageWonAmount: won ? Math.round(wonAmount / won) : null,
      cycleMedianDays: cycle === null ? null : Math.round((cycle / 86400) * 10) / 10,
    },
    stages: stages.map((s) => {
      const stays = of('stay').filter((r) => r.key === s.id);
      const median = percentile(hist(stays), 0.5);
      const p90 = percentile(hist(stays), 0.9);
      const here = reached(s);
      const i = open.indexOf(s);
      const next = s.kind !== 'open' ? null : i + 1 < open.length ? reached(open[i + 1]!) : won;
      return {
        stageId: s.id,
        name: s.name,
        kind: s.kind,
        probability: s.probability,
        reached: here,
        conversion: next === null || !here ? null : next / here,
        medianSeconds: median === null ? null : Math.round(median * 60),
        p90Seconds: p90 === null ? null : Math.round(p90 * 60),
        stays: sum(stays, (r) => r.a),
      };
    }),
    lostReasons: [...lostBy]
      .map(([key, l]) => ({
        lostReasonId: key,
        name: key ? (reasons.get(key) ?? null) : null,
        deals: l.deals,
        amount: Math.round(l.amount),
      }))
      .sort((a, b) => b.deals - a.deals || b.amount - a.amount),
  };
}

async function lostReasonNames(ctx: Ctx): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; name: string }>(
    await ctx.tx.execute(
      sql`select id, name from lost_reasons where workspace_id = ${ctx.workspaceId}`,
    ),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

const DRILL_LIMIT = 500;

// The deals behind a number: the same cohort, narrowed by the metric.
export async function funnelDeals(ctx: Ctx, q: FunnelDrillQuery): Promise<DrillDeals> {
  const p = await periodOf(ctx, q, 90);
  const pipelineId = await pipelineOf(ctx, q.pipelineId);
  const stages = await stagesOf(ctx, pipelineId);
  const closed = q.metric === 'won_closed';
  let cond: SQL = sql`true`;
  if (q.metric === 'open' || q.metric === 'won' || q.metric === 'lost')
    cond = sql`c.kind = ${q.metric}`;
  if (q.metric === 'lost_reason')
    cond = q.lostReasonId
      ? sql`c.kind = 'lost' and c.lost_reason_id = ${q.lostReasonId}`
      : sql`c.kind = 'lost' and c.lost_reason_id is null`;
  if (q.metric === 'reached') {
    const stage = stages.find((s) => s.id === q.stageId);
    cond = !stage
      ? sql`false`
      : stage.kind === 'open'
        ? sql`r.maxpos >= ${stage.position}`
        : sql`c.kind = ${stage.kind}`;
  }
  type Row = {
    id: string;
    title: string;
    amount: string | number;
    stage_name: string;
    stage_kind: 'open' | 'won' | 'lost';
    owner_id: string | null;
    company_id: string | null;
    created_at: string | Date;
    closed_at: string | Date | null;
    total: string | number;
  };
  const rows = rowsOf<Row>(
    await ctx.tx
      .execute(sql`with ${cohortSql(ctx, q, p, closed && !q.pipelineId ? null : pipelineId, closed)}
      select d.id, d.title, d.amount, s.name as stage_name, s.kind as stage_kind, d.owner_id,
        d.company_id, d.created_at, d.closed_at, count(*) over () as total
      from cohort c ${q.metric === 'reached' ? sql`join reach r on r.id = c.id` : sql``}
      join deals d on d.workspace_id = ${ctx.workspaceId} and d.id = c.id
      join stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
      where ${cond}
      order by d.amount desc, d.created_at, d.id
      limit ${DRILL_LIMIT}`),
  );
  const names = await memberNames(ctx);
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return {
    total: rows.length ? num(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      amount: num(r.amount),
      stageName: r.stage_name,
      stageKind: r.stage_kind,
      ownerId: r.owner_id,
      ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null,
      companyId: r.company_id,
      createdAt: iso(r.created_at)!,
      closedAt: iso(r.closed_at),
    })),
  };
}

const rub = (kopecks: number) => kopecks / 100;
const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 10) / 10);
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

// The funnel as a file: totals, then a row per stage, then a row per lost reason.
export async function funnelExport(
  ctx: Ctx,
  q: FunnelExportQuery,
): Promise<{ from: string; to: string; file: TableFile }> {
  const r = await funnelReport(ctx, q);
  const t = r.totals;
  const rows: Cell[][] = [
    ['Итого', 'Сделок в когорте', t.deals, null, null, null, null],
    ['Итого', 'Выиграно', t.won, pct(t.winRate), null, null, rub(t.wonAmount)],
    ['Итого', 'Проиграно', t.lost, null, null, null, null],
    [
      'Итого',
      'Средняя выигранная сделка',
      null,
      null,
      null,
      null,
      t.averageWonAmount === null ? null : rub(t.averageWonAmount),
    ],
    ['Итого', 'Цикл сделки (медиана), дней', t.cycleMedianDays, null, null, null, null],
    ...r.stages.map((s): Cell[] => [
      'Этап',
      s.name,
      s.reached,
      pct(s.conversion),
      hours(s.medianSeconds),
      hours(s.p90Seconds),
      null,
    ]),
    ...r.lostReasons.map((l): Cell[] => [
      'Причина проигрыша',
      l.name ?? 'Без причины',
      l.deals,
      null,
      null,
      null,
      rub(l.amount),
    ]),
  ];
  async function* chunks() {
    yield rows;
  }
  const file = tableFile(q.format, {
    sheetName: 'funnel',
    header: [
      'Раздел',
      'Название',
      'Сделок',
      'Конверсия, %',
      'Медиана, ч',
      '90-й перцентиль, ч',
      'Сумма, ₽',
    ],
    chunks: chunks(),
    delimiter: ';',
  });
  return { from: r.from, to: r.to, file };
}
