import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem } from '../../test/client.js';
import { addDeal, DAY, department, RUB, type World } from './test-world.js';

// Churn detection on synthetic purchase histories (days before now).
let env: TestEnv;
let w: World;
const co: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestApp();
  w = await department(env);
});
afterAll(async () => env?.close());

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

async function company(
  name: string,
  owner: string,
  won: [number, number][],
  more: (id: string) => Promise<void> = async () => undefined,
) {
  const res = await w.owner.call('POST', '/api/v1/companies', { name, ownerId: owner });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  for (const [days, rub] of won)
    await addDeal(w, {
      owner,
      amount: rub * RUB,
      companyId: id,
      createdAt: ago(days + 5),
      path: [[w.won, ago(days)]],
    });
  await more(id);
  co[name] = id;
  return id;
}

describe('win-back', () => {
  beforeAll(async () => {
    const { a, b } = w;
    // Bought every 30 days, the last 96 days ago: asleep (96 > 1.5 × 30).
    await company('Регулярный', a.memberId, [
      [186, 10_000],
      [156, 20_000],
      [126, 30_000],
      [96, 40_000],
    ]);
    // Every 30 days, the last 10 days ago: awake.
    await company('Свежий', a.memberId, [
      [70, 5_000],
      [40, 5_000],
      [10, 5_000],
    ]);
    // One purchase 200 days ago: asleep by the 180-day limit.
    await company('Редкий', b.memberId, [[200, 70_000]]);
    // One purchase 100 days ago: awake at 180 days, asleep at 90.
    await company('Разовый', b.memberId, [[100, 15_000]]);
    // Lost 20 days ago, never bought.
    await company('Проигранный', b.memberId, [], async (id) => {
      await addDeal(w, {
        owner: b.memberId,
        amount: 25_000 * RUB,
        companyId: id,
        createdAt: ago(40),
        lostReasonId: w.expensive,
        path: [
          [w.s1, ago(40)],
          [w.lost, ago(20)],
        ],
      });
    });
    // Asleep by its history, but someone is on it: an open deal.
    await company(
      'В работе',
      a.memberId,
      [
        [300, 8_000],
        [200, 8_000],
      ],
      async (id) => {
        await addDeal(w, {
          owner: a.memberId,
          amount: 8_000 * RUB,
          companyId: id,
          createdAt: ago(3),
          path: [[w.s1, ago(3)]],
        });
      },
    );
  });

  it('finds sleeping clients by their own interval or the limit, and lost ones, with the value at stake', async () => {
    const r = await w.owner.call('GET', '/api/v1/reports/win-back');
    expect(r.status).toBe(200);
    const by = new Map(r.body.items.map((i: { companyId: string }) => [i.companyId, i]));
    expect([...by.keys()].sort()).toEqual(
      [co['Регулярный'], co['Редкий'], co['Проигранный']].sort(),
    );
    expect(by.get(co['Регулярный']!)).toMatchObject({
      reason: 'sleeping',
      usualIntervalDays: 30,
      daysSince: 96,
      valueAtStake: 25_000 * RUB,
      ownerId: w.a.memberId,
    });
    expect(by.get(co['Редкий']!)).toMatchObject({
      reason: 'sleeping',
      usualIntervalDays: null,
      daysSince: 200,
      valueAtStake: 70_000 * RUB,
    });
    expect(by.get(co['Проигранный']!)).toMatchObject({
      reason: 'lost',
      lostReason: 'Дорого',
      valueAtStake: 25_000 * RUB,
      lastPurchaseAt: null,
    });
    // Largest value first.
    expect(r.body.items[0].companyId).toBe(co['Редкий']);
    const strict = await w.owner.call('GET', '/api/v1/reports/win-back?minDays=90');
    expect(strict.body.items.map((i: { companyId: string }) => i.companyId)).toContain(
      co['Разовый'],
    );
  });

  it('shows a manager only their own clients', async () => {
    const r = await w.a.browser.call('GET', '/api/v1/reports/win-back');
    expect(r.body.items.map((i: { companyId: string }) => i.companyId)).toEqual([co['Регулярный']]);
  });

  it('one click makes a call task for the client’s manager or a deal for their median order', async () => {
    const task = await w.owner.call('POST', `/api/v1/reports/win-back/${co['Регулярный']}`, {
      action: 'task',
    });
    expect(task.status).toBe(201);
    const t = (await w.owner.call('GET', `/api/v1/tasks/${task.body.id}`)).body;
    expect(t).toMatchObject({ kind: 'call', ownerId: w.a.memberId, companyId: co['Регулярный'] });
    const deal = await w.a.browser.call('POST', `/api/v1/reports/win-back/${co['Регулярный']}`, {
      action: 'deal',
    });
    expect(deal.status).toBe(201);
    const dl = (await w.owner.call('GET', `/api/v1/deals/${deal.body.id}`)).body;
    expect(dl).toMatchObject({
      amount: 25_000 * RUB,
      companyId: co['Регулярный'],
      ownerId: w.a.memberId,
    });
    // Now someone is on it: it leaves the list.
    const r = await w.owner.call('GET', '/api/v1/reports/win-back');
    expect(r.body.items.map((i: { companyId: string }) => i.companyId)).not.toContain(
      co['Регулярный'],
    );
    // Someone else's client answers as a missing one; bad input names the field.
    expectProblem(
      await w.a.browser.call('POST', `/api/v1/reports/win-back/${co['Редкий']}`, {
        action: 'task',
      }),
      404,
      'company.not_found',
    );
    expectProblem(
      await w.owner.call('POST', `/api/v1/reports/win-back/${co['Редкий']}`, { action: 'call' }),
      400,
      'request.invalid',
      'action',
    );
    expectProblem(
      await w.owner.call('GET', '/api/v1/reports/win-back?minDays=0'),
      400,
      'request.invalid',
      'minDays',
    );
  });
});
