// Analytics (issue 17): the funnel, plan vs fact, manager activity and the dashboard over a year of
// deals, on PostgreSQL and/or PGlite, through the HTTP API in process (app.inject, the owner's session).
//   tsx bench/analytics.ts [--deals 100000] [--runs 5] [--targets postgres,pglite]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (admin URL; a fresh database is made and dropped)
// Set-up (not timed): deals spread over 2026 in the default pipeline (30 % won, 20 % lost, the rest
// open at stages 1–8), three stage-history rows (one stay each in two open stages, then the last)
// and three timeline activities (two calls, a meeting) per deal, one owner, a payment per won deal;
// seeded by INSERT … SELECT generate_series, then ANALYZE (as autovacuum would: without statistics
// the planner expects one deal and nests loops). Timed: the first call ("cold") and the median of
// the next runs ("warm"). The funnel twice: live (no day stored yet: the source rows) and from the
// daily aggregate after the rollup (analytics/rollup.ts; its time is the backfill). Then the
// aggregate's cost on writes: moves of past deals (deals + history, as pipeline does) with the
// analytics triggers and without, new deals likewise, and the rollup of the days they marked.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/rls.js';
import { inWorkspace } from '../src/platform/db/tenancy.js';
import { rollup } from '../src/modules/analytics/rollup.js';
import { signUp } from '../src/test/client.js';
import { withBenchApp, type BenchTarget } from './bench-app.js';

const { values: opt } = parseArgs({
  options: {
    deals: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    targets: { type: 'string', default: 'postgres' },
  },
});
const DEALS = Number(opt.deals);
const RUNS = Number(opt.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Database = Parameters<Parameters<typeof withBenchApp>[1]>[1];

// The seed (see the head of the file), then ANALYZE.
async function seed(
  database: Database,
  ws: string,
  w: { open: string[]; won: string; lost: string; pipelineId: string; memberId: string },
) {
  const { open } = w;
  const arr = sql.raw(`array[${open.map((s) => `'${s}'`).join(',')}]::uuid[]`);
  await inWorkspace(database.db, ws, async (tx) => {
    await tx.execute(sql`insert into deals (workspace_id, id, title, pipeline_id, stage_id, amount,
        owner_id, created_at, stage_entered_at, closed_at)
      select ${ws}, gen_random_uuid(), 'Сделка ' || i, ${w.pipelineId},
        case when i % 10 < 3 then ${w.won}::uuid when i % 10 < 5 then ${w.lost}::uuid
          else (${arr})[1 + i % ${open.length}] end,
        100000 + (i * 7919) % 10000000, ${w.memberId}, c, c + interval '3 days',
        case when i % 10 < 5 then c + interval '3 days' end
      from (select i, timestamptz '2026-01-01 09:00+03' + (i % 330) * interval '1 day'
        + (i % 24) * interval '1 hour' as c from generate_series(1, ${DEALS}) i) g`);
    await tx.execute(sql`insert into deal_stage_history (workspace_id, id, deal_id, stage_id, entered_at, left_at)
      select d.workspace_id, gen_random_uuid(), d.id, s.stage_id, d.created_at + s.enter, d.created_at + s.leave
      from deals d, lateral (values
        (${open[0]}::uuid, interval '0', interval '1 day'),
        ((${arr})[2 + abs(hashtext(d.id::text)) % 3], interval '1 day', interval '3 days'),
        (d.stage_id, interval '3 days', null::interval)) s(stage_id, enter, leave)
      where d.workspace_id = ${ws}`);
    await tx.execute(sql`insert into activities (workspace_id, id, kind, at, actor_id, deal_id)
      select d.workspace_id, gen_random_uuid(), a.kind, d.created_at + a.after, d.owner_id, d.id
      from deals d, lateral (values ('call', interval '1 hour'), ('call', interval '2 hours'),
        ('meeting', interval '1 day')) a(kind, after)
      where d.workspace_id = ${ws}`);
    await tx.execute(sql`insert into payments (workspace_id, id, date, amount_kopecks, payer_name, owner_id, source)
      select d.workspace_id, gen_random_uuid(), (d.closed_at + interval '5 days')::date, d.amount,
        'Плательщик', d.owner_id, 'manual'
      from deals d where d.workspace_id = ${ws} and d.stage_id = ${w.won}`);
  });
  for (const t of ['deals', 'deal_stage_history', 'activities', 'payments', 'stages'])
    await database.db.execute(sql.raw(`analyze ${t}`));
}

// Writes: 200 moves of past deals (one statement each on deals and on the history, as pipeline
// does), then 200 new deals of today, with the analytics triggers and without; and the rollup of
// the days the moves marked.
async function writeCost(
  database: Database,
  ws: string,
  w: { open: string[]; pipelineId: string; memberId: string },
) {
  const { open } = w;
  const writes = async (label: string) => {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++)
      await inWorkspace(database.db, ws, async (tx) => {
        const [row] = rowsOf<{ id: string }>(
          await tx.execute(sql`select id from deals where workspace_id = ${ws}
            and created_at < '2026-11-01' order by id offset ${(i * 97) % Math.floor(DEALS * 0.8)} limit 1`),
        );
        await tx.execute(sql`update deals set stage_id = ${open[i % open.length]}, closed_at = null
          where workspace_id = ${ws} and id = ${row!.id}`);
        await tx.execute(sql`insert into deal_stage_history (workspace_id, id, deal_id, stage_id, entered_at)
          values (${ws}, gen_random_uuid(), ${row!.id}, ${open[i % open.length]}, now())`);
      });
    const moves = (performance.now() - t0) / 200;
    const t1 = performance.now();
    for (let i = 0; i < 200; i++)
      await inWorkspace(database.db, ws, (tx) =>
        tx.execute(sql`insert into deals (workspace_id, id, title, pipeline_id, stage_id, owner_id)
          values (${ws}, gen_random_uuid(), ${label}, ${w.pipelineId}, ${open[0]}, ${w.memberId})`),
      );
    return `${moves.toFixed(1)} / ${((performance.now() - t1) / 200).toFixed(1)} ms`;
  };
  const triggers = [
    ['deals', 'analytics_deals_updated'],
    ['deals', 'analytics_deals_inserted'],
    ['deal_stage_history', 'analytics_history_inserted'],
  ];
  const withTriggers = await writes('with');
  const t = performance.now();
  const dirtyDays = await rollup(database.db, ws);
  const incremental = `${dirtyDays} days, ${Math.round(performance.now() - t)} ms`;
  for (const [table, trigger] of triggers)
    await database.db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  const without = await writes('without');
  for (const [table, trigger] of triggers)
    await database.db.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  return { withTriggers, without, incremental };
}

async function bench(target: BenchTarget) {
  return withBenchApp(target, async (app, database) => {
    const owner = await signUp(app as never);
    const me = (await owner.call('GET', '/api/v1/auth/session')).body.me;
    const ws: string = me.workspace.id;
    const memberId: string = me.member.id;
    const pipeline = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
    const stages: { id: string; kind: string }[] = pipeline.stages;
    const open = stages.filter((s) => s.kind === 'open').map((s) => s.id);
    const won = stages.find((s) => s.kind === 'won')!.id;
    const lost = stages.find((s) => s.kind === 'lost')!.id;
    const t0 = performance.now();
    await seed(database, ws, { open, won, lost, pipelineId: pipeline.id, memberId });
    const seeded = Math.round(performance.now() - t0);
    const time = async (url: string, runs = RUNS) => {
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      }
      return `${Math.round(times[0]!)} / ${Math.round(median(times.length > 1 ? times.slice(1) : times))} ms`;
    };
    const funnelUrl = '/api/v1/reports/funnel?from=2026-01-01&to=2026-12-31';
    const live = await time(funnelUrl, Math.min(RUNS, 3));
    const liveBody = (await app.inject({ url: funnelUrl, headers: { cookie: owner.cookie } })).body;
    const t = performance.now();
    const days = await rollup(database.db, ws);
    const backfill = `${days} days, ${Math.round(performance.now() - t)} ms`;
    const funnel = await time(funnelUrl);
    const storedBody = (await app.inject({ url: funnelUrl, headers: { cookie: owner.cookie } }))
      .body;
    if (storedBody !== liveBody) throw new Error('the stored funnel differs from the live one');
    const { withTriggers, without, incremental } = await writeCost(database, ws, {
      open,
      pipelineId: pipeline.id,
      memberId,
    });
    const drill = await time(
      '/api/v1/reports/funnel/deals?from=2026-01-01&to=2026-12-31&metric=won',
    );
    const planFact = await time('/api/v1/reports/plan-fact?year=2026');
    const activity = await time('/api/v1/reports/activity?from=2026-01-01&to=2026-12-31');
    const dashboard = await time('/api/v1/reports/dashboard');
    return {
      target,
      seeded,
      live,
      backfill,
      funnel,
      drill,
      planFact,
      activity,
      dashboard,
      withTriggers,
      without,
      incremental,
    };
  });
}

console.log(
  `| database | deals | history | activities | seed + analyze | funnel live, cold / warm | rollup (backfill) | funnel from aggregates, cold / warm | drill-down (won, 500) | plan vs fact | activity | dashboard | move past deal / new deal, with triggers | same, without | rollup after the writes |`,
);
console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
for (const target of opt.targets.split(',') as BenchTarget[]) {
  const r = await bench(target);
  console.log(
    `| ${r.target} | ${DEALS} | ${DEALS * 3} | ${DEALS * 3} | ${r.seeded} ms | ${r.live} | ${r.backfill} | ${r.funnel} | ${r.drill} | ${r.planFact} | ${r.activity} | ${r.dashboard} | ${r.withTriggers} | ${r.without} | ${r.incremental} |`,
  );
}
