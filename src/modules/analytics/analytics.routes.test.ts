import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem } from '../../test/client.js';
import { rowsOf } from '../../platform/db/rls.js';
import {
  addActivity,
  addDeal,
  addTask,
  DAY,
  department,
  RUB,
  threeMonths,
  type World,
} from './test-world.js';

// Every figure below is computed by hand from test-world.ts's three months (D1–D6).
let env: TestEnv;
let w: World;
let d: Awaited<ReturnType<typeof threeMonths>>;
beforeAll(async () => {
  env = await createTestApp();
  w = await department(env);
  d = await threeMonths(w);
});
afterAll(async () => env?.close());

const Q1 = 'from=2026-01-01&to=2026-03-31';
const get = async (b: World['owner'], url: string) => {
  const res = await b.call('GET', `/api/v1${url}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('funnel', () => {
  it('conversion, time in stage across back-and-forth moves, lost reasons, win rate, size, cycle', async () => {
    const f = await get(w.owner, `/reports/funnel?${Q1}`);
    expect(f.totals).toEqual({
      deals: 6,
      open: 1,
      won: 3,
      lost: 2,
      winRate: 0.6,
      wonAmount: 170_000 * RUB,
      averageWonAmount: 5_666_667,
      cycleMedianDays: 8.5,
    });
    const stage = (id: string) => f.stages.find((s: { stageId: string }) => s.stageId === id);
    // S1: every deal; per deal D1 3 d (2 + 1, it came back), D2 1, D3 2, D4 2, D5 1, D6 5 →
    // median 2 d, p90 (0.9 × 5 = 4.5 → between 3 and 5) 4 d; seven stays.
    expect(stage(w.s1.id)).toMatchObject({
      reached: 6,
      conversion: 5 / 6,
      medianSeconds: 2 * 86400,
      p90Seconds: 4 * 86400,
      stays: 7,
    });
    // S2: D1 4 d (1 + 3), D2 5 d, D6 3.5 d (D4 is still there) → median 4 d, p90 4.8 d.
    expect(stage(w.s2.id)).toMatchObject({
      reached: 5,
      conversion: 3 / 5,
      medianSeconds: 4 * 86400,
      p90Seconds: Math.round(4.8 * 86400),
      stays: 4,
    });
    expect(stage(w.s3.id)).toMatchObject({ reached: 3, medianSeconds: 3 * 86400, stays: 1 });
    expect(stage(w.won.id)).toMatchObject({ reached: 3, kind: 'won', medianSeconds: null });
    expect(stage(w.lost.id)).toMatchObject({ reached: 2, kind: 'lost' });
    expect(f.lostReasons).toEqual([
      { lostReasonId: w.expensive, name: 'Дорого', deals: 1, amount: 50_000 * RUB },
      { lostReasonId: null, name: null, deals: 1, amount: 10_000 * RUB },
    ]);
  });

  it('filters by period (the workspace’s days) and manager; a manager sees only their own', async () => {
    const feb = await get(w.owner, '/reports/funnel?from=2026-02-01&to=2026-02-28');
    expect(feb.totals).toMatchObject({ deals: 3, won: 2, open: 1, lost: 0, winRate: 1 });
    const ofB = await get(w.owner, `/reports/funnel?${Q1}&ownerId=${w.b.memberId}`);
    expect(ofB.totals).toMatchObject({ deals: 3, won: 2, wonAmount: 70_000 * RUB });
    const mine = await get(w.a.browser, `/reports/funnel?${Q1}`);
    expect(mine.totals).toMatchObject({ deals: 3, won: 1, lost: 2, wonAmount: 100_000 * RUB });
    const notMine = await get(w.a.browser, `/reports/funnel?${Q1}&ownerId=${w.b.memberId}`);
    expect(notMine.totals.deals).toBe(0);
    const bySource = await get(w.owner, `/reports/funnel?${Q1}&source=telegram`);
    expect(bySource.totals.deals).toBe(0);
  });

  it('drills down to the deals behind a number', async () => {
    const ids = async (q: string) =>
      (await get(w.owner, `/reports/funnel/deals?${Q1}&${q}`)).items
        .map((x: { id: string }) => x.id)
        .sort();
    expect(await ids(`metric=reached&stageId=${w.s2.id}`)).toEqual(
      [d.d1, d.d2, d.d3, d.d4, d.d6].sort(),
    );
    expect(await ids('metric=won')).toEqual([d.d1, d.d3, d.d6].sort());
    expect(await ids(`metric=lost_reason&lostReasonId=${w.expensive}`)).toEqual([d.d2]);
    expect(await ids('metric=lost_reason')).toEqual([d.d5]);
    // Won in March by the workspace's day (D6 at 00:30 on 1 March Moscow), whenever created.
    const march = await get(
      w.owner,
      '/reports/funnel/deals?from=2026-03-01&to=2026-03-31&metric=won_closed',
    );
    expect(march.items.map((x: { id: string }) => x.id)).toEqual([d.d6]);
    const all = await get(w.owner, `/reports/funnel/deals?${Q1}`);
    expect(all.total).toBe(6);
    expect(all.items[0]).toMatchObject({ id: d.d1, amount: 100_000 * RUB, stageKind: 'won' });
    expect(all.items[0].ownerName).toBeTruthy();
    const hers = await get(w.a.browser, `/reports/funnel/deals?${Q1}&metric=won`);
    expect(hers.items.map((x: { id: string }) => x.id)).toEqual([d.d1]);
  });

  it('exports the funnel as XLSX and CSV', async () => {
    const x = await w.owner.call('GET', `/api/v1/reports/funnel/export?${Q1}&format=xlsx`);
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain('funnel-2026-01-01-2026-03-31.xlsx');
    const c = await w.owner.call('GET', `/api/v1/reports/funnel/export?${Q1}&format=csv`);
    expect(c.status).toBe(200);
    const text = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    expect(text).toContain('Дорого');
    expect(text).toContain('1700'); // won, ₽
    expectProblem(
      await w.a.browser.call('GET', `/api/v1/reports/funnel/export?${Q1}&format=xlsx`),
      403,
      'auth.forbidden',
    );
  });

  it('refuses bad input naming the field', async () => {
    expectProblem(
      await w.owner.call('GET', '/api/v1/reports/funnel?from=yesterday'),
      400,
      'request.invalid',
      'from',
    );
    expectProblem(
      await w.owner.call('GET', '/api/v1/reports/funnel/deals?metric=best'),
      400,
      'request.invalid',
      'metric',
    );
  });
});

describe('plan vs fact', () => {
  it('sets plans (head only, audited) and compares them with won and paid fact on month edges', async () => {
    const plan = async (body: object) => w.owner.call('POST', '/api/v1/plans', body);
    const jan = await plan({
      period: 'month',
      start: '2026-01-01',
      scope: 'department',
      basis: 'won',
      amount: 120_000 * RUB,
    });
    expect(jan.status).toBe(201);
    expect(
      (
        await plan({
          period: 'month',
          start: '2026-03-01',
          scope: 'department',
          basis: 'paid',
          amount: 50_000 * RUB,
        })
      ).status,
    ).toBe(201);
    expectProblem(
      await plan({
        period: 'month',
        start: '2026-01-01',
        scope: 'department',
        basis: 'won',
        amount: 1,
      }),
      409,
      'sales_plan.exists',
      'start',
    );
    expectProblem(
      await plan({ period: 'month', start: '2026-01-15', scope: 'department', amount: 1 }),
      400,
      'request.invalid',
      'start',
    );
    expectProblem(
      await plan({ period: 'month', start: '2026-02-01', scope: 'member', amount: 1 }),
      400,
      'request.invalid',
      'scopeId',
    );
    expectProblem(
      await w.a.browser.call('POST', '/api/v1/plans', {
        period: 'month',
        start: '2026-02-01',
        scope: 'department',
        amount: 1,
      }),
      403,
      'auth.forbidden',
    );
    const changed = await w.owner.call('PATCH', `/api/v1/plans/${jan.body.id}`, {
      amount: 110_000 * RUB,
    });
    expect(changed.body.amount).toBe(110_000 * RUB);
    const audit = rowsOf<{ action: string }>(
      await env.database.db.execute(
        sql`select action from audit_log where entity = 'sales_plan' and entity_id = ${jan.body.id} order by at, action`,
      ),
    );
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);

    const r = await get(w.owner, '/reports/plan-fact?year=2026');
    expect(r.rows).toHaveLength(12);
    const [m1, m2, m3] = r.rows;
    expect(m1).toMatchObject({
      start: '2026-01-01',
      end: '2026-01-31',
      planWon: 110_000 * RUB,
      planPaid: null,
      factWon: 100_000 * RUB,
      factPaid: 60_000 * RUB,
      wonDeals: 1,
      runRate: null,
    });
    // D6 won at 00:30 on 1 March Moscow time is March's; the payment of 1 February is February's.
    expect(m2).toMatchObject({ factWon: 30_000 * RUB, factPaid: 40_000 * RUB, wonDeals: 1 });
    expect(m3).toMatchObject({
      planPaid: 50_000 * RUB,
      factWon: 40_000 * RUB,
      factPaid: 30_000 * RUB,
      wonDeals: 1,
    });
    const q = await get(w.owner, '/reports/plan-fact?year=2026&period=quarter');
    expect(q.rows[0]).toMatchObject({
      start: '2026-01-01',
      end: '2026-03-31',
      factWon: 170_000 * RUB,
      factPaid: 130_000 * RUB,
    });
    const ofB = await get(
      w.owner,
      `/reports/plan-fact?year=2026&scope=member&scopeId=${w.b.memberId}`,
    );
    expect(ofB.rows.slice(0, 3).map((x: { factWon: number }) => x.factWon)).toEqual([
      0,
      30_000 * RUB,
      40_000 * RUB,
    ]);
    const team = await get(
      w.owner,
      `/reports/plan-fact?year=2026&period=quarter&scope=team&scopeId=${w.team.id}`,
    );
    expect(team.rows[0].factWon).toBe(170_000 * RUB);
    // A manager is shown their own whatever they ask for.
    const mine = await get(w.a.browser, '/reports/plan-fact?year=2026');
    expect(mine).toMatchObject({ scope: 'member', scopeId: w.a.memberId });
    expect(mine.rows.slice(0, 3).map((x: { factPaid: number }) => x.factPaid)).toEqual([
      60_000 * RUB,
      40_000 * RUB,
      0,
    ]);
    expectProblem(
      await w.owner.call('GET', '/api/v1/reports/plan-fact?year=2026&scope=team'),
      400,
      'request.invalid',
      'scopeId',
    );
    expect((await w.owner.call('DELETE', `/api/v1/plans/${jan.body.id}`)).status).toBe(204);
    expectProblem(
      await w.owner.call('DELETE', `/api/v1/plans/${jan.body.id}`),
      404,
      'sales_plan.not_found',
    );
  });

  it('forecasts the running month from open deals by stage probability, with a run-rate', async () => {
    const now = new Date();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(now);
    const year = Number(today.slice(0, 4));
    const monthIdx = Number(today.slice(5, 7)) - 1;
    const day = Number(today.slice(8, 10));
    const last = new Date(Date.UTC(year, monthIdx + 1, 0)).getUTCDate();
    const before = await get(w.owner, `/reports/plan-fact?year=${year}`);
    const wonAt = new Date(now.getTime() - 60_000).toISOString();
    await addDeal(w, {
      owner: w.a.memberId,
      amount: 9_000 * RUB,
      createdAt: wonAt,
      path: [[w.won, wonAt]],
    });
    await addDeal(w, {
      owner: w.b.memberId,
      amount: 10_000 * RUB,
      createdAt: wonAt,
      expectedCloseDate: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}`,
      path: [[w.s3, wonAt]],
    });
    const after = await get(w.owner, `/reports/plan-fact?year=${year}`);
    const m = after.rows[monthIdx];
    const wonFact = before.rows[monthIdx].factWon + 9_000 * RUB;
    expect(m.factWon).toBe(wonFact);
    expect(m.forecast - before.rows[monthIdx].forecast).toBe(
      9_000 * RUB + (10_000 * RUB * w.s3.probability) / 100,
    );
    expect(m.runRate).toBe(Math.round((wonFact / day) * last));
  });
});

describe('manager activity', () => {
  it('counts calls, meetings, messages and tasks per manager and week beside won deals', async () => {
    const { a, b } = w;
    await addActivity(w, 'call', a.memberId, '2026-01-05T10:00:00Z');
    await addActivity(w, 'call', a.memberId, '2026-01-06T10:00:00Z');
    await addActivity(w, 'meeting', a.memberId, '2026-01-07T10:00:00Z');
    await addActivity(w, 'email', b.memberId, '2026-01-06T10:00:00Z');
    // Sunday 23:30 Moscow is still the week of 5 January.
    await addActivity(w, 'call', b.memberId, '2026-01-11T20:30:00Z');
    await addTask(w, {
      owner: a.memberId,
      dueAt: '2026-01-07T12:00:00Z',
      doneAt: '2026-01-07T11:00:00Z',
    });
    await addTask(w, { owner: a.memberId, dueAt: '2026-01-08T12:00:00Z' });
    // Done a day late: done, and overdue that week.
    await addTask(w, {
      owner: b.memberId,
      dueAt: '2026-01-08T12:00:00Z',
      doneAt: '2026-01-09T12:00:00Z',
    });
    const r = await get(w.owner, '/reports/activity?from=2026-01-05&to=2026-01-18');
    const row = (m: string, week: string) =>
      r.rows.find((x: { memberId: string; week: string }) => x.memberId === m && x.week === week);
    expect(row(a.memberId, '2026-01-05')).toMatchObject({
      calls: 2,
      meetings: 1,
      messages: 0,
      tasksDone: 1,
      tasksOverdue: 1,
      wonDeals: 0,
    });
    expect(row(a.memberId, '2026-01-12')).toMatchObject({
      wonDeals: 1,
      wonAmount: 100_000 * RUB,
      calls: 0,
    });
    expect(row(b.memberId, '2026-01-05')).toMatchObject({
      calls: 1,
      messages: 1,
      tasksDone: 1,
      tasksOverdue: 1,
    });
    expect(row(b.memberId, '2026-01-05').name).toBeTruthy();
    const mine = await get(a.browser, '/reports/activity?from=2026-01-05&to=2026-01-18');
    expect(new Set(mine.rows.map((x: { memberId: string }) => x.memberId))).toEqual(
      new Set([a.memberId]),
    );
  });
});

describe('dashboard', () => {
  it('shows the head the department’s figures and a manager their own', async () => {
    const { a, b } = w;
    const at = new Date(Date.now() - 120_000).toISOString();
    await addDeal(w, {
      owner: b.memberId,
      amount: 1_000 * RUB,
      createdAt: at,
      path: [[w.won, at]],
    });
    await addTask(w, { owner: b.memberId, dueAt: new Date(Date.now() - DAY).toISOString() });
    const head = await get(w.owner, '/reports/dashboard');
    const mine = await get(a.browser, '/reports/dashboard');
    expect(head.wonThisMonth.deals - mine.wonThisMonth.deals).toBeGreaterThanOrEqual(1);
    expect(head.overdueTasks).toBeGreaterThan(mine.overdueTasks);
    expect(head.receivables).toBe(0);
    expect(mine.receivables).toBe(0);
    expect(head.newRequestsToday).toBe(0);
    expect(head.slaBreachesWeek).toBe(0);
  });
});
