import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { rowsOf } from '../../platform/db/rls.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import { rollup, rollupDays } from './rollup.js';
import { addDeal, department, RUB, threeMonths, type World } from './test-world.js';

// The funnel read from the daily aggregate (stored past days + the live rest) equals the funnel
// computed from the source rows, through moves back and forth, deletions, a changed request,
// a time-zone change and a stage reorder — each compared right after the write (the day is marked
// dirty and read live), after the rollup (read stored) and against the raw computation (every
// stored day dropped).
let env: TestEnv;
let w: World;
let d: Awaited<ReturnType<typeof threeMonths>>;
let midnight: string;
beforeAll(async () => {
  env = await createTestApp();
  w = await department(env);
  d = await threeMonths(w);
  const { a, b, s1, s2, s3, won } = w;
  // 00:30 on 1 February in Moscow (21:30 UTC on 31 January): February's deal in Moscow.
  midnight = await addDeal(w, {
    owner: b.memberId,
    amount: 70_000 * RUB,
    createdAt: '2026-01-31T21:30:00Z',
    path: [
      [s1, '2026-01-31T21:30:00Z'],
      [s2, '2026-02-01T10:07:13Z'],
      [s1, '2026-02-03T08:00:41Z'],
      [s3, '2026-02-05T08:00:00Z'],
      [won, '2026-02-09T17:45:59Z'],
    ],
  });
  // Requests converted into deals: their channels are the deals' sources.
  for (const [deal, channel] of [
    [d.d1, 'web'],
    [d.d1, 'telegram'],
    [d.d3, 'web'],
    [midnight, 'phone'],
  ] as const)
    await env.database.db.execute(sql`insert into leads (workspace_id, id, channel, status, deal_id)
      values (${w.ws}, ${randomUUID()}, ${channel}, 'converted', ${deal})`);
  void a;
}, 180_000);
afterAll(async () => env?.close());

const QUERIES = [
  'from=2026-01-01&to=2026-03-31',
  'from=2026-01-01&to=2026-01-31',
  'from=2026-02-01&to=2026-02-28',
  'from=2026-02-01&to=2026-12-31',
  'from=2026-01-01&to=2026-03-31&source=web',
  'from=2026-01-01&to=2026-03-31&source=phone',
];

async function funnels(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of [...QUERIES, `${QUERIES[0]}&ownerId=${w.b.memberId}`]) {
    const res = await w.owner.call('GET', `/api/v1/reports/funnel?${q}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(res.body);
  }
  // A manager who sees their own only.
  const mine = await w.a.browser.call('GET', `/api/v1/reports/funnel?${QUERIES[0]}`);
  expect(mine.status).toBe(200);
  out.push(mine.body);
  return out;
}

const count = async (table: string) =>
  Number(
    rowsOf<{ n: string }>(
      await env.database.db.execute(
        sql`select count(*) as n from ${sql.raw(table)} where workspace_id = ${w.ws}`,
      ),
    )[0]!.n,
  );

// The report now (stored + live), after a rollup (stored), and from the source rows only.
async function expectAggregateEqualsRaw() {
  const mixed = await funnels();
  await rollup(env.database.db, w.ws);
  expect(await count('analytics_dirty_days')).toBe(0);
  const stored = await funnels();
  await env.database.db.execute(sql`delete from analytics_fresh_days where workspace_id = ${w.ws}`);
  const raw = await funnels();
  expect(stored).toEqual(raw);
  expect(mixed).toEqual(raw);
  await rollup(env.database.db, w.ws);
  return raw as { totals: { deals: number; won: number } }[];
}

describe('the funnel’s daily aggregate', () => {
  it('stores past days and reads them: the same figures as the source rows', async () => {
    const raw = await funnels();
    const days = await rollup(env.database.db, w.ws);
    expect(days).toBeGreaterThan(300); // 5 January 2026 → yesterday
    expect(await count('analytics_funnel_daily')).toBeGreaterThan(0);
    expect(await funnels()).toEqual(raw);
    // A second rollup has nothing to do.
    expect(await rollup(env.database.db, w.ws)).toBe(0);
    // The hand-computed figures still hold (analytics.routes.test.ts: D1–D6), plus the deal
    // created at 00:30 Moscow time on 1 February (won).
    const [q1, jan, feb] = raw as { totals: Record<string, unknown> }[];
    expect(q1!.totals).toMatchObject({ deals: 7, won: 4, lost: 2 });
    expect(jan!.totals).toMatchObject({ deals: 2 });
    expect(feb!.totals).toMatchObject({ deals: 4, won: 3 });
  });

  it('reads the stored rows (a tampered row shows) and recomputes a day on demand', async () => {
    const before = (await funnels())[0] as { totals: { deals: number } };
    await env.database.db.execute(sql`update analytics_funnel_daily set n = n + 100
      where workspace_id = ${w.ws} and day = '2026-01-05' and part = 'total'`);
    const tampered = (await funnels())[0] as { totals: { deals: number } };
    expect(tampered.totals.deals).toBe(before.totals.deals + 100);
    await inWorkspace(env.database.db, w.ws, (tx) =>
      rollupDays(tx, w.ws, 'Europe/Moscow', ['2026-01-05']),
    );
    expect((await funnels())[0]).toEqual(before);
  });

  it('moves back and forth, a changed amount and owner, a deleted deal, a changed request', async () => {
    const db = env.database.db;
    // D4 (open in S2 since 12 February) goes back to S1, then on to S3, then is won.
    const moves: [string, string][] = [
      [w.s1.id, '2026-03-01T08:00:00Z'],
      [w.s3.id, '2026-03-03T08:00:00Z'],
      [w.won.id, '2026-03-05T08:00:00Z'],
    ];
    for (const [stage, at] of moves) {
      await db.execute(sql`update deal_stage_history set left_at = ${at}
        where workspace_id = ${w.ws} and deal_id = ${d.d4} and left_at is null`);
      await db.execute(sql`insert into deal_stage_history (workspace_id, id, deal_id, stage_id, entered_at)
        values (${w.ws}, ${randomUUID()}, ${d.d4}, ${stage}, ${at})`);
      await db.execute(sql`update deals set stage_id = ${stage}, stage_entered_at = ${at},
          closed_at = ${stage === w.won.id ? at : null}
        where workspace_id = ${w.ws} and id = ${d.d4}`);
    }
    expect(await count('analytics_dirty_days')).toBe(1); // 10 February
    let raw = await expectAggregateEqualsRaw();
    expect(raw[2]!.totals).toMatchObject({ deals: 4, won: 4 });

    await db.execute(sql`update deals set amount = amount + 1, owner_id = ${w.a.memberId}
      where workspace_id = ${w.ws} and id = ${d.d3}`);
    await db.execute(sql`update leads set channel = 'email'
      where workspace_id = ${w.ws} and deal_id = ${midnight}`);
    await expectAggregateEqualsRaw();

    await db.execute(sql`delete from deals where workspace_id = ${w.ws} and id = ${d.d2}`);
    raw = await expectAggregateEqualsRaw();
    expect(raw[1]!.totals).toMatchObject({ deals: 1 });
  });

  it('a new zone voids the stored days; a stage reorder voids them', async () => {
    const db = env.database.db;
    await db.execute(sql`update workspaces set timezone = 'UTC' where id = ${w.ws}`);
    // In UTC the midnight deal is January's.
    const raw = await expectAggregateEqualsRaw();
    expect(raw[1]!.totals.deals).toBe(2);
    const [{ n }] = rowsOf<{ n: string }>(
      await db.execute(sql`select count(*) as n from analytics_fresh_days
        where workspace_id = ${w.ws} and tz <> 'UTC'`),
    ) as [{ n: string }];
    expect(Number(n)).toBe(0);
    await db.execute(sql`update stages set position = case id when ${w.s2.id}::uuid then ${w.s3.position}::int
        when ${w.s3.id}::uuid then ${w.s2.position}::int end
      where workspace_id = ${w.ws} and id in (${w.s2.id}, ${w.s3.id})`);
    expect(await count('analytics_fresh_days')).toBe(0);
    await expectAggregateEqualsRaw();
  });

  it('a rollup that dies midway leaves the days as they were (read live, done again)', async () => {
    const db = env.database.db;
    await db.execute(sql`update deals set amount = amount + 5
      where workspace_id = ${w.ws} and id = ${d.d1}`);
    const before = await funnels();
    await expect(
      inWorkspace(db, w.ws, async (tx) => {
        await rollupDays(tx, w.ws, 'UTC', ['2026-01-05']);
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await count('analytics_dirty_days')).toBe(1);
    expect(await funnels()).toEqual(before);
    await expectAggregateEqualsRaw();
  });
});
