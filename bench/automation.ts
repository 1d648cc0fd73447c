// The automation engine at load, on PostgreSQL: a workspace with 200 active rules, deals moved into
// a stage one after another (each move a domain event the engine hears in the mover's
// transaction), while the worker's job runner acts. Prints events per second through the engine
// (the move with every rule of its kind weighed), and the latency event → action done (the run's
// creation to its finish: the task created on the deal), p50/p99/max.
//   tsx bench/automation.ts [--events 200] [--rules 200] [--throttle n] [--database-url postgres://…]
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inSystemWorkspace } from '../src/platform/context.js';
import { createSealer } from '../src/platform/crypto.js';
import { openDatabase } from '../src/platform/db/client.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';
import { rowsOf } from '../src/platform/db/rls.js';
import { domainEventJob } from '../src/platform/events/events.js';
import { startJobRunner } from '../src/platform/jobs/jobs.js';
import * as automation from '../src/modules/automation/service.js';
import { createAutomation } from '../src/modules/automation/automations.js';
import * as pipeline from '../src/modules/pipeline/service.js';
import { createWorkspaceWithOwner } from '../src/modules/workspaces/service.js';

const { values: opt } = parseArgs({
  options: {
    events: { type: 'string', default: '200' },
    rules: { type: 'string', default: '200' },
    throttle: { type: 'string', default: String(Number.MAX_SAFE_INTEGER) },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const EVENTS = Number(opt.events);
const RULES = Number(opt.rules);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

automation.useAutomationSealer(createSealer(randomBytes(32).toString('base64')));
// The engine itself is measured: the per-workspace throttle (300 runs due a minute) would spread
// more runs than that over the next minutes by design (--throttle 300 shows it).
automation.useAutomationThrottle(Number(opt.throttle));
const admin = opt['database-url']!;
const name = `voronka_bench_auto_${randomBytes(4).toString('hex')}`;
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE ${name}`);
await client.end();
const url = new URL(admin);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 6 });
try {
  await migrateDatabase(database);
  const db = database.db;
  const ws = await createWorkspaceWithOwner(db, {
    companyName: 'Бенч',
    ownerName: 'Руководитель',
    email: `owner-${name}@bench.test`,
    password: 'bench-password-1',
    existingUser: 'reject',
  });
  const w = ws.workspaceId;
  const inWs = <T>(fn: Parameters<typeof inSystemWorkspace<T>>[2]) => inSystemWorkspace(db, w, fn);
  const p = (await inWs((ctx) => pipeline.listPipelines(ctx))).items[0]!;
  const [from, target, ...others] = p.stages.filter((s) => s.kind === 'open');
  // 200 stage robots on the pipeline's stages: those of the target stage act (a task on the deal,
  // one rule also under a condition that fails), the rest wait on other stages.
  await inWs(async (ctx) => {
    for (let i = 0; i < RULES; i++) {
      const stage = i % 40 === 0 ? target! : (others[i % others.length] ?? from!);
      await createAutomation(ctx, {
        name: `Робот ${i}`,
        definition: {
          trigger: { kind: 'deal.stage_entered', pipelineId: p.id, stageId: stage.id },
          conditions:
            i % 80 === 0
              ? { mode: 'all', items: [{ path: 'deal.amount', op: 'gt', value: 10 ** 12 }] }
              : { mode: 'all', items: [] },
          actions: [{ kind: 'task.create', title: `Позвонить ({{rule.name}})`, dueInMinutes: 60 }],
        },
      });
    }
  });
  const acting = Math.ceil(RULES / 40);
  const deals: string[] = [];
  await inWs(async (ctx) => {
    for (let i = 0; i < EVENTS; i++)
      deals.push(
        (
          await pipeline.createDeal(ctx, {
            title: `Сделка ${i}`,
            amount: 1000_00,
            pipelineId: p.id,
            stageId: from!.id,
          })
        ).id,
      );
  });
  const runner = startJobRunner(db, [domainEventJob, automation.automationAct], {
    pollMs: 10,
    batch: 20,
    concurrency: 4,
  });
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  // Four movers at once (four people dragging cards), each event its own transaction.
  let next = 0;
  const mover = async () => {
    while (next < deals.length) {
      const id = deals[next++]!;
      await inWs((ctx) => pipeline.moveDeal(ctx, id, { stageId: target!.id }));
    }
  };
  await Promise.all([mover(), mover(), mover(), mover()]);
  const moved = performance.now() - t0;
  // Until every run is finished (or 120 s).
  const expected = EVENTS * acting;
  for (let i = 0; i < 1200; i++) {
    const [r] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from automation_runs where workspace_id = ${w} and finished_at is not null`,
      ),
    );
    if (r!.n >= expected) break;
    await sleep(100);
  }
  const total = performance.now() - t0;
  await runner.stop();
  const runs = rowsOf<{ ms: number; status: string }>(
    await db.execute(
      sql`select extract(epoch from (finished_at - created_at)) * 1000 as ms, status from automation_runs where workspace_id = ${w} and finished_at is not null`,
    ),
  );
  const ms = runs.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const byStatus = runs.reduce<Record<string, number>>(
    (a, r) => ((a[r.status] = (a[r.status] ?? 0) + 1), a),
    {},
  );
  console.log(
    JSON.stringify(
      {
        rules: RULES,
        events: EVENTS,
        runsPerEvent: acting,
        runs: runs.length,
        byStatus,
        eventsPerSecond: Math.round((EVENTS / moved) * 1000),
        runsPerSecond: Math.round((runs.length / total) * 1000),
        latencyMs: {
          p50: Math.round(pct(ms, 50)),
          p99: Math.round(pct(ms, 99)),
          max: Math.round(ms.at(-1) ?? 0),
        },
        wallSeconds: Math.round(total / 100) / 10,
        load1: { before: load0, after: loadavg()[0] },
      },
      null,
      2,
    ),
  );
} finally {
  await database.close();
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}
