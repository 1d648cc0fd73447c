// The calendar's range read at team scale: 20 members with 300 events each (spread over 60 days,
// ~5 a day, plus a daily recurring stand-up each) and 10 tasks with a time each; the week view of
// the whole team (GET /calendar/events over 7 days for 20 members, as listRange answers it) and the
// same week's busy intervals (what booking asks), timed over --runs after a warm-up.
//   tsx bench/calendar.ts [--runs 30] [--target pglite|postgres] [--database-url postgres://…]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, pgliteExtensions, type Database } from '../src/platform/db/client.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';
import { inSystemWorkspace } from '../src/platform/context.js';
import { createWorkspaceWithOwner } from '../src/modules/workspaces/service.js';
import * as calendar from '../src/modules/calendar/service.js';
import { listRange } from '../src/modules/calendar/list.js';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    target: { type: 'string', default: 'postgres' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const RUNS = Number(opt.runs);
const MEMBERS = 20;
const EVENTS = 300;
const pct = (s: number[], p: number) =>
  s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (opt.target === 'pglite') {
    const lite = await PGlite.create({ extensions: pgliteExtensions });
    return { database: await openDatabase({ pglite: lite }), drop: async () => undefined };
  }
  const name = `voronka_bench_cal_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: opt['database-url'] });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(opt['database-url']!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: opt['database-url'] });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

const { database, drop } = await open();
try {
  await migrateDatabase(database);
  const db = database.db;
  const ws = await createWorkspaceWithOwner(db, {
    companyName: 'Бенч',
    ownerName: 'Руководитель',
    email: `owner-${randomBytes(4).toString('hex')}@bench.test`,
    password: 'bench-password-1',
    existingUser: 'reject',
  });
  const w = ws.workspaceId;
  const members = Array.from({ length: MEMBERS }, () => uuidv7());
  const day0 = new Date();
  day0.setUTCHours(0, 0, 0, 0);
  const t0 = Date.now();
  for (const m of members) {
    const rows = Array.from({ length: EVENTS }, (_, i) => {
      const start = new Date(
        day0.getTime() + Math.floor(i / 5) * 86_400_000 + (6 + (i % 5) * 2) * 3_600_000,
      );
      return {
        id: uuidv7(),
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
      };
    });
    await db.execute(sql`insert into calendar_events (workspace_id, id, owner_id, kind, title, starts_at, ends_at, time_zone)
      select ${w}, (r->>'id')::uuid, ${m}, 'meeting', 'Встреча', (r->>'start')::timestamptz, (r->>'end')::timestamptz, 'Europe/Moscow'
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r`);
    await db.execute(sql`insert into calendar_events (workspace_id, id, owner_id, kind, title, starts_at, ends_at, time_zone, rrule)
      values (${w}, ${uuidv7()}, ${m}, 'internal', 'Планёрка', ${new Date(day0.getTime() + 5 * 3_600_000).toISOString()}, ${new Date(day0.getTime() + 5.25 * 3_600_000).toISOString()}, 'Europe/Moscow', 'FREQ=DAILY')`);
    await db.execute(sql`insert into tasks (workspace_id, id, kind, title, due_at, owner_id)
      select ${w}, gen_random_uuid(), 'call', 'Звонок', ${day0.toISOString()}::timestamptz + interval '7 days' + (g * 12 || ' hours')::interval, ${m}
      from generate_series(1, 10) g`);
  }
  const seeded = Date.now() - t0;
  const from = new Date(day0.getTime() + 7 * 86_400_000);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const q = {
    from: from.toISOString(),
    to: to.toISOString(),
    memberIds: members.join(','),
    tasks: (process.env.BENCH_TASKS ?? 'true') as 'true' | 'false',
  };
  const time = async (fn: () => Promise<number>) => {
    let n = 0;
    for (let i = 0; i < 3; i++) n = await fn();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      n = await fn();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return { n, p50: pct(ms, 50), p95: pct(ms, 95), max: ms.at(-1)! };
  };
  const list = await time(() =>
    inSystemWorkspace(db, w, async (ctx) => (await listRange(ctx, q)).length),
  );
  const busy = await time(() =>
    inSystemWorkspace(
      db,
      w,
      async (ctx) => (await calendar.busyIntervals(ctx, members, from, to)).length,
    ),
  );
  const f = (x: number) => x.toFixed(1);
  console.log(
    `target ${opt.target}; seeded ${MEMBERS}×${EVENTS} events (+1 daily recurring, +10 tasks each) in ${seeded} ms`,
  );
  console.log(
    `week of the team (listRange): ${list.n} entries, p50 ${f(list.p50)} ms, p95 ${f(list.p95)} ms, max ${f(list.max)} ms`,
  );
  console.log(
    `busy intervals of the team, same week: ${busy.n}, p50 ${f(busy.p50)} ms, p95 ${f(busy.p95)} ms, max ${f(busy.max)} ms`,
  );
} finally {
  await drop();
}
