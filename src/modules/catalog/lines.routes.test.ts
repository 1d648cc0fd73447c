import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
let manager: Browser;
let colleague: Browser;
let brick: { id: string };
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Строки»' });
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Продажи' })).body.id;
  manager = (await addMember(env.app, owner, 'manager', team)).browser;
  colleague = (await addMember(env.app, owner, 'manager', team)).browser;
  brick = (
    await owner.call('POST', '/api/v1/products', {
      sku: 'BR-1',
      name: 'Кирпич облицовочный',
      okei: '796',
      vatRate: 22,
      priceKopecks: 123456,
      costKopecks: 50000,
    })
  ).body;
});
afterAll(async () => env?.close());

const newDeal = async (b: Browser, title = 'Поставка кирпича') => {
  const res = await b.call('POST', '/api/v1/deals', { title, amount: 5000 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
};
// Two lines worked by hand (half away from zero, per line):
// A: 2.5 × 1234.56 = 3086.40, −10 % = 308.64 → 2777.76; VAT 22 % inside = 2777.76·22/122 =
//    500.9075… → 500.91, net 2276.85; on top: 2777.76·0.22 = 611.1072 → 611.11, total 3388.87.
// B: 1 × 999.99 − 999 kopecks = 990.00, без НДС.
const lines = (productId: string) => [
  {
    productId,
    name: 'Кирпич облицовочный',
    quantity: '2.5',
    okei: '796',
    priceKopecks: 123456,
    discount: { kind: 'percent', value: '10' },
    vatRate: 22,
  },
  {
    name: 'Доставка',
    quantity: '1',
    okei: '876',
    priceKopecks: 99999,
    discount: { kind: 'amount', kopecks: 999 },
    vatRate: null,
  },
];

describe('deal lines', () => {
  it('computes lines and totals to the kopeck in both VAT modes; the deal amount follows', async () => {
    const deal = await newDeal(owner);
    const url = `/api/v1/deals/${deal.id}/lines`;
    const empty = await owner.call('GET', url);
    expect(empty.body).toMatchObject({ vatMode: 'included', lines: [] });
    expect(empty.body.totals.totalKopecks).toBe(0);

    const included = await owner.call('PUT', url, { vatMode: 'included', lines: lines(brick.id) });
    expect(included.status, JSON.stringify(included.body)).toBe(200);
    expect(included.body.lines[0]).toMatchObject({
      position: 1,
      sku: 'BR-1',
      unit: 'шт',
      quantity: '2.5',
      grossKopecks: 308640,
      discountKopecks: 30864,
      netKopecks: 227685,
      vatKopecks: 50091,
      totalKopecks: 277776,
      // cost 2.5 × 500.00, margin = net − cost (the owner has the margin right)
      costKopecks: 125000,
      marginKopecks: 102685,
    });
    expect(included.body.lines[1]).toMatchObject({
      productId: null,
      unit: 'усл. ед.',
      netKopecks: 99000,
      vatKopecks: 0,
      totalKopecks: 99000,
    });
    expect(included.body.totals).toMatchObject({
      netKopecks: 326685,
      vatKopecks: 50091,
      totalKopecks: 376776,
      vatByRate: [
        { rate: 22, netKopecks: 227685, vatKopecks: 50091 },
        { rate: null, netKopecks: 99000, vatKopecks: 0 },
      ],
    });
    expect((await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.amount).toBe(376776);

    const onTop = await owner.call('PUT', url, { vatMode: 'on_top', lines: lines(brick.id) });
    expect(onTop.body.lines[0]).toMatchObject({ netKopecks: 277776, vatKopecks: 61111 });
    expect(onTop.body.totals).toMatchObject({ vatKopecks: 61111, totalKopecks: 437887 });
    expect((await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.amount).toBe(437887);
    // The same request again changes nothing (a replace, not an append).
    const again = await owner.call('PUT', url, { vatMode: 'on_top', lines: lines(brick.id) });
    expect(again.body).toEqual(onTop.body);
    expect((await owner.call('GET', url)).body).toEqual(onTop.body);
  });

  it('refuses bad lines naming the field, storing nothing and leaving the amount', async () => {
    const deal = await newDeal(owner);
    const url = `/api/v1/deals/${deal.id}/lines`;
    await owner.call('PUT', url, { vatMode: 'included', lines: lines(brick.id) });
    const before = (await owner.call('GET', url)).body;
    const amount = (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.amount;
    const line = (patch: Record<string, unknown>) => ({
      vatMode: 'included',
      lines: [lines(brick.id)[1], { ...lines(brick.id)[0], ...patch }],
    });
    for (const [body, status, code, field] of [
      [line({ quantity: '-1' }), 400, 'request.invalid', 'lines.1.quantity'],
      [line({ quantity: '1.2345' }), 400, 'request.invalid', 'lines.1.quantity'],
      [line({ priceKopecks: -100 }), 400, 'request.invalid', 'lines.1.priceKopecks'],
      [line({ priceKopecks: 1e16 }), 400, 'request.invalid', 'lines.1.priceKopecks'],
      // Each number fits, their product does not: refused by the money functions.
      [
        line({ priceKopecks: 9_000_000_000_000_000, quantity: '2' }),
        422,
        'line.out_of_range',
        'lines.1.priceKopecks',
      ],
      [
        line({ discount: { kind: 'percent', value: '150' } }),
        422,
        'line.out_of_range',
        'lines.1.discount',
      ],
      [
        line({ discount: { kind: 'amount', kopecks: 99_999_999 } }),
        422,
        'line.out_of_range',
        'lines.1.discount',
      ],
      [line({ vatRate: 13 }), 422, 'vat_rate.unknown', 'lines.1.vatRate'],
      [
        line({ productId: '00000000-0000-4000-8000-000000000009' }),
        404,
        'product.not_found',
        'lines.1.productId',
      ],
      [{ vatMode: 'half', lines: [] }, 400, 'request.invalid', 'vatMode'],
    ] as const)
      expectProblem(await owner.call('PUT', url, body), status, code, field);
    expect((await owner.call('GET', url)).body).toEqual(before);
    expect((await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.amount).toBe(amount);
  });

  it('hides lines of a deal the member cannot see, and cost and margin without the right', async () => {
    const mine = await newDeal(manager, 'Сделка менеджера');
    const url = `/api/v1/deals/${mine.id}/lines`;
    const put = await manager.call('PUT', url, { vatMode: 'included', lines: lines(brick.id) });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.totals.totalKopecks).toBe(376776);
    const text = JSON.stringify((await manager.call('GET', url)).body);
    expect(text).not.toContain('costKopecks');
    expect(text).not.toContain('marginKopecks');
    // An own-visibility colleague does not find the deal, nor its lines, nor can replace them.
    expectProblem(await colleague.call('GET', url), 404, 'deal.not_found');
    expectProblem(
      await colleague.call('PUT', url, { vatMode: 'on_top', lines: [] }),
      404,
      'deal.not_found',
    );
    const after = (await owner.call('GET', url)).body;
    expect(after.vatMode).toBe('included');
    expect(after.lines).toHaveLength(2);
    expect(after.totals).toMatchObject({ costKopecks: 125000, marginKopecks: 102685 });
  });

  it('drops the lines with the deal', async () => {
    const deal = await newDeal(owner);
    await owner.call('PUT', `/api/v1/deals/${deal.id}/lines`, {
      vatMode: 'included',
      lines: lines(brick.id),
    });
    expect((await owner.call('DELETE', `/api/v1/deals/${deal.id}`)).status).toBe(204);
    expectProblem(await owner.call('GET', `/api/v1/deals/${deal.id}/lines`), 404, 'deal.not_found');
  });
});
