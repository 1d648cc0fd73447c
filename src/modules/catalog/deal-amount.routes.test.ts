import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem, signUp } from '../../test/client.js';

// A deal with line items has their total as its amount: PATCH /deals/{id} with another amount is
// 422 naming `amount` and changes nothing; the same amount (a client sending the whole deal back)
// and other fields pass; without lines the amount is typed by hand again.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe("the deal's amount follows its lines", () => {
  it('refuses another amount while the deal has lines, and takes one again when they are gone', async () => {
    const owner = await signUp(env.app);
    const deal = (await owner.call('POST', '/api/v1/deals', { title: 'Окна', amount: 5000 })).body;
    const put = await owner.call('PUT', `/api/v1/deals/${deal.id}/lines`, {
      vatMode: 'included',
      lines: [
        { name: 'Окно', quantity: '3', okei: '796', priceKopecks: 1_000_050, vatRate: 22 },
        { name: 'Монтаж', quantity: '1.5', okei: '356', priceKopecks: 200_000, vatRate: 22 },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // 3 × 10 000.50 + 1.5 × 2 000 = 33 001.50 ₽.
    const total = 3_300_150;
    expect(put.body.totals.totalKopecks).toBe(total);
    const get = async () => (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body;
    expect((await get()).amount).toBe(total);

    const refused = await owner.call('PATCH', `/api/v1/deals/${deal.id}`, {
      amount: 100,
      title: 'Окна и двери',
    });
    expectProblem(refused, 422, 'deal.amount_from_lines', 'amount');
    expect(await get()).toMatchObject({ amount: total, title: 'Окна' });

    const same = await owner.call('PATCH', `/api/v1/deals/${deal.id}`, {
      amount: total,
      title: 'Окна и двери',
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ amount: total, title: 'Окна и двери' });

    await owner.call('PUT', `/api/v1/deals/${deal.id}/lines`, { vatMode: 'included', lines: [] });
    const free = await owner.call('PATCH', `/api/v1/deals/${deal.id}`, { amount: 100 });
    expect(free.status).toBe(200);
    expect((await get()).amount).toBe(100);
  });
});
