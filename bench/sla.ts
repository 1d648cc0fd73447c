// The SLA clock at scale, on PostgreSQL: 100,000 open requests waiting on their first response with
// deadlines far ahead, and 1,000 more whose deadlines fall due over one minute. The worker's timer
// loop (routing/timers.ts, as `voronka worker` runs it) must act on each within 2 s of its deadline —
// a breach: record it, tell the head, move the request to the next eligible manager — at a cost
// proportional to the requests falling due, not to the 100,000 open ones.
// Prints the delay deadline → handled (p50, p99, max), the worker's CPU time, and the scoring
// throughput (requests scored per second over the evaluation set) with its share of an intake.
//   tsx bench/sla.ts [--open 100000] [--due 1000] [--window 60] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';
import { inWorkspace } from '../src/platform/db/tenancy.js';
import { createWorkspaceWithOwner } from '../src/modules/workspaces/service.js';
import { scoreRequest, startLeadTimers } from '../src/modules/routing/service.js';

const { values: opt } = parseArgs({
  options: {
    open: { type: 'string', default: '100000' },
    due: { type: 'string', default: '1000' },
    window: { type: 'string', default: '60' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const OPEN = Number(opt.open);
const DUE = Number(opt.due);
const WINDOW_S = Number(opt.window);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const admin = opt['database-url']!;
const name = `voronka_bench_sla_${randomBytes(4).toString('hex')}`;
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE ${name}`);
await client.end();
const url = new URL(admin);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
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
  // A department: a team of 10 managers with a head; one rule (least load over the team), one
  // policy (chats: 5 minutes, up to 5 moves).
  await inWorkspace(db, w, async (tx) => {
    await tx.execute(
      sql`insert into teams (workspace_id, id, name, head_member_id) values (${w}, gen_random_uuid(), 'Отдел продаж', ${ws.memberId})`,
    );
    await tx.execute(
      sql`insert into users (id, email, name) select gen_random_uuid(), 'm' || i || ${`-${name}@bench.test`}, 'Менеджер ' || i from generate_series(1, 10) i`,
    );
    await tx.execute(sql`
      insert into members (workspace_id, id, user_id, role, team_id)
      select ${w}, gen_random_uuid(), u.id, 'manager', (select id from teams where workspace_id = ${w})
      from users u where u.email like ${`%-${name}@bench.test`} and u.email like 'm%'`);
    await tx.execute(
      sql`insert into routing_rules (workspace_id, id, name, position, strategy, team_id) values (${w}, gen_random_uuid(), 'Отдел', 0, 'least_load', (select id from teams where workspace_id = ${w}))`,
    );
    await tx.execute(
      sql`insert into sla_policies (workspace_id, id, name, position, response_seconds, max_moves) values (${w}, gen_random_uuid(), 'Чаты', 0, 300, 5)`,
    );
  });
  // 100,000 open requests, assigned and on the clock, deadlines a day ahead (their timers wait);
  // inserted by SQL (the route timers the insert trigger adds are replaced by the deadlines).
  const seeded = Date.now();
  await inWorkspace(db, w, async (tx) => {
    await tx.execute(sql`
      insert into leads (workspace_id, id, channel, title, message, status, assignee_id)
      select ${w}, gen_random_uuid(), 'telegram', 'Заявка ' || i, 'Нужен кирпич, ' || i || ' шт', 'new',
        (select id from members where workspace_id = ${w} and role = 'manager' order by id offset (i % 10) limit 1)
      from generate_series(1, ${OPEN}) i`);
    // Their routing rows (added by the insert trigger): scored, deadlines a day ahead.
    await tx.execute(sql`
      with n as (select workspace_id, lead_id, row_number() over (order by lead_id) as i from lead_routing where workspace_id = ${w})
      update lead_routing r set priority_score = 50, first_response_due_at = now() + interval '1 day' + (n.i || ' seconds')::interval
      from n where r.workspace_id = n.workspace_id and r.lead_id = n.lead_id`);
  });
  await db.execute(
    sql`update lead_timers t set kind = 'breach', due_at = r.first_response_due_at from lead_routing r where r.workspace_id = t.workspace_id and r.lead_id = t.lead_id`,
  );
  // The 1,000 falling due: deadlines spread evenly over the window, starting 5 s from now.
  const start = Date.now() + 5000;
  await db.execute(sql`
    with picked as (select workspace_id, lead_id, row_number() over (order by lead_id) - 1 as n from lead_routing where workspace_id = ${w} limit ${DUE}),
    moved as (update lead_routing r set first_response_due_at = to_timestamp(${start / 1000}::float8 + p.n * ${WINDOW_S / DUE}::float8) from picked p where r.workspace_id = p.workspace_id and r.lead_id = p.lead_id returning r.workspace_id, r.lead_id, r.first_response_due_at)
    update lead_timers t set due_at = m.first_response_due_at from moved m where t.workspace_id = m.workspace_id and t.lead_id = m.lead_id`);
  await db.execute(sql`analyze`);
  console.log(
    `seeded ${OPEN} open requests in ${((Date.now() - seeded) / 1000).toFixed(1)} s; ${DUE} fall due over ${WINDOW_S} s`,
  );

  const delays: number[] = [];
  const cpuBefore = process.cpuUsage();
  const loop = startLeadTimers(db, {
    onHandled: ({ kind, dueAt, at }) =>
      kind === 'breach' && delays.push(at.getTime() - dueAt.getTime()),
    log: (m, e) => console.error(m, e),
  });
  while (delays.length < DUE && Date.now() < start + WINDOW_S * 1000 + 30_000) await sleep(250);
  await loop.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const moved = (await db.execute(
    sql`select count(*)::int as n from lead_assignments where workspace_id = ${w} and reason->>'code' = 'sla_breach_moved'`,
  )) as unknown as { rows: { n: number }[] };
  const sorted = [...delays].sort((a, b) => a - b);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`handled ${delays.length}/${DUE} breaches; moved ${moved.rows[0]!.n}`);
  console.log(
    `delay deadline → reassigned: p50 ${pct(sorted, 50)} ms, p99 ${pct(sorted, 99)} ms, max ${sorted.at(-1)} ms`,
  );
  console.log(
    `worker CPU: ${cpuS.toFixed(2)} s over ${((Date.now() - start) / 1000 + 5).toFixed(0)} s (${((cpuS / DUE) * 1000).toFixed(2)} ms per breach)`,
  );

  // Scoring: the evaluation set's requests, scored again and again.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const texts = fs
    .readFileSync(path.join(root, 'eval/priority/requests.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { subject?: string; text: string });
  const catalog = ['кирпич облицовочный', 'газобетон', 'металлочерепица', 'facing brick'];
  const t0 = process.hrtime.bigint();
  let n = 0;
  while (process.hrtime.bigint() - t0 < 3_000_000_000n) {
    for (const r of texts) {
      scoreRequest({ subject: r.subject, text: r.text, channel: 'web', catalog });
      n++;
    }
  }
  const perSec = n / (Number(process.hrtime.bigint() - t0) / 1e9);
  console.log(`scoring: ${Math.round(perSec)} requests/s (${(1000 / perSec).toFixed(3)} ms each)`);
} finally {
  await database.close();
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}
