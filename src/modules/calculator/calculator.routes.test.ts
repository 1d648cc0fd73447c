import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, call, expectProblem, signUp, type Browser } from '../../test/client.js';

// Calculators over real HTTP on the test database: definitions and versions, the estimate against
// the catalog and documents' money, applying it to a deal, and the public widget's request.

let env: TestEnv;
let owner: Browser;
let manager: Browser;
let cleaning: { id: string };
let windows: { id: string };
let rush: { id: string };
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Чистый дом»' });
  manager = (await addMember(env.app, owner, 'manager')).browser;
  const product = async (body: Record<string, unknown>) =>
    (await owner.call('POST', '/api/v1/products', { okei: '796', vatRate: 22, ...body })).body;
  cleaning = await product({
    name: 'Уборка, м²',
    okei: '055',
    priceKopecks: 15000,
    costKopecks: 9000,
  });
  windows = await product({ name: 'Мойка окна', priceKopecks: 50000, costKopecks: 20000 });
  rush = await product({ name: 'Срочный выезд', priceKopecks: 100000, costKopecks: 0 });
});
afterAll(async () => env?.close());

const definition = () => ({
  title: { ru: 'Уборка квартиры', en: 'Flat cleaning' },
  sections: [{ key: 'flat', title: { ru: 'Квартира' } }],
  inputs: [
    {
      key: 'area',
      type: 'number',
      label: { ru: 'Площадь', en: 'Area' },
      unit: 'м²',
      min: 10,
      max: 500,
      section: 'flat',
      productId: cleaning.id,
    },
    { key: 'wash', type: 'checkbox', label: { ru: 'Мыть окна' } },
    {
      key: 'windows',
      type: 'number',
      label: { ru: 'Окон' },
      min: 0,
      max: 30,
      visibleIf: 'wash',
      productId: windows.id,
    },
    {
      key: 'speed',
      type: 'select',
      label: { ru: 'Когда' },
      options: [
        { value: 'normal', label: { ru: 'Обычно' } },
        { value: 'rush', label: { ru: 'Срочно' }, productId: rush.id },
      ],
    },
  ],
  lines: [{ productId: windows.id, quantity: 'ceil(area / 50)', when: 'area > 100' }],
  minimumOrderKopecks: 300000,
});

const create = async (b = owner, def: unknown = definition()) =>
  b.call('POST', '/api/v1/calculators', { name: 'Уборка', definition: def });

describe('calculator definitions and versions', () => {
  it('creates a draft, publishes it (immutable), and an edit opens the next draft', async () => {
    const made = await create();
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ draftVersion: 1, publishedVersion: null });
    expect(made.body.embedCode).toContain(`data-calculator="${made.body.publicKey}"`);
    const id = made.body.id;
    const published = await owner.call('POST', `/api/v1/calculators/${id}/publish`);
    expect(published.body).toMatchObject({ draftVersion: null, publishedVersion: 1 });
    expectProblem(
      await owner.call('POST', `/api/v1/calculators/${id}/publish`),
      409,
      'calculator.no_draft',
    );
    const changed = definition();
    changed.minimumOrderKopecks = 0;
    const edited = await owner.call('PATCH', `/api/v1/calculators/${id}`, { definition: changed });
    expect(edited.body).toMatchObject({ draftVersion: 2, publishedVersion: 1 });
    // The published version still answers with the old minimum; the draft with the new one.
    const values = { area: 12 };
    const pub = await owner.call('POST', `/api/v1/calculators/${id}/evaluate`, { values });
    const draft = await owner.call('POST', `/api/v1/calculators/${id}/evaluate`, {
      values,
      version: 'draft',
    });
    expect(pub.body.minimumApplied).toBe(true);
    expect(pub.body.totals.totalKopecks).toBe(300000);
    expect(draft.body.minimumApplied).toBe(false);
    expect(draft.body.totals.totalKopecks).toBe(180000);
  });

  it('takes changes from the catalog editors only', async () => {
    expectProblem(await create(manager), 403, 'auth.forbidden');
    const list = await manager.call('GET', '/api/v1/calculators');
    expect(list.status).toBe(200);
  });

  it('refuses hostile or broken formulas with 422 naming the field, storing nothing', async () => {
    const before = (await owner.call('GET', '/api/v1/calculators')).body.items.length;
    const cases: [(d: ReturnType<typeof definition>) => void, string][] = [
      [(d) => (d.lines[0]!.quantity = 'area.constructor'), 'definition.lines.0.quantity'],
      [(d) => (d.lines[0]!.quantity = 'constructor'), 'definition.lines.0.quantity'],
      [
        (d) => (d.lines[0]!.quantity = 'min('.repeat(20) + '1' + ')'.repeat(20)),
        'definition.lines.0.quantity',
      ],
      [(d) => (d.lines[0]!.quantity = '2 ** 1000'), 'definition.lines.0.quantity'],
      [(d) => (d.inputs[2]!.visibleIf = 'nothing_here > 1'), 'definition.inputs.2.visibleIf'],
      [(d) => (d.inputs[1]!.key = 'area'), 'definition.inputs.1.key'],
    ];
    for (const [spoil, field] of cases) {
      const def = definition();
      spoil(def);
      expectProblem(await create(owner, def), 422, 'calculator.invalid', field);
    }
    const long = definition();
    long.lines[0]!.quantity = '1+'.repeat(400) + '1';
    expectProblem(await create(owner, long), 400, 'request.invalid', 'definition.lines.0.quantity');
    expect((await owner.call('GET', '/api/v1/calculators')).body.items.length).toBe(before);
  });
});

describe('estimates', () => {
  it('itemises catalog lines with VAT as documents do; cost and margin for the margin right only', async () => {
    const id = (await create()).body.id;
    await owner.call('POST', `/api/v1/calculators/${id}/publish`);
    const values = { area: 120, wash: true, windows: 4, speed: 'rush' };
    const e = await owner.call('POST', `/api/v1/calculators/${id}/evaluate`, { values });
    expect(e.status, JSON.stringify(e.body)).toBe(200);
    // 120 × 150 = 18 000; 4 × 500 = 2 000; rush 1 000; ceil(120/50) = 3 windows × 500 = 1 500.
    expect(
      e.body.lines.map((l: { name: string; quantity: string }) => [l.name, l.quantity]),
    ).toEqual([
      ['Уборка, м²', '120'],
      ['Мойка окна', '4'],
      ['Срочный выезд', '1'],
      ['Мойка окна', '3'],
    ]);
    expect(e.body.totals.totalKopecks).toBe(2_250_000);
    // VAT 22 % inside, per line: 1 800 000·22/122 = 324 590.16 → 324 590; 200 000 → 36 066;
    // 100 000 → 18 033; 150 000 → 27 049.
    expect(e.body.totals.vatKopecks).toBe(324590 + 36066 + 18033 + 27049);
    expect(e.body.totals.costKopecks).toBe(120 * 9000 + 4 * 20000 + 0 + 3 * 20000);
    expect(e.body.totals.marginKopecks).toBe(e.body.totals.netKopecks - e.body.totals.costKopecks);
    const seen = await manager.call('POST', `/api/v1/calculators/${id}/evaluate`, { values });
    expect(seen.body.totals.totalKopecks).toBe(2_250_000);
    expect(seen.body.totals.costKopecks).toBeUndefined();
    expect(seen.body.lines[0].costKopecks).toBeUndefined();
    // The builder's preview of the same definition gives the same number.
    const preview = await owner.call('POST', '/api/v1/calculators/preview', {
      definition: definition(),
      values,
    });
    expect(preview.body.totals.totalKopecks).toBe(2_250_000);
  });

  it('hides what its condition hides and refuses values outside their bounds', async () => {
    const id = (await create()).body.id;
    await owner.call('POST', `/api/v1/calculators/${id}/publish`);
    const hidden = await owner.call('POST', `/api/v1/calculators/${id}/evaluate`, {
      values: { area: 20, wash: false, windows: 99 },
    });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    expect(hidden.body.visible).not.toContain('windows');
    const bad = [
      [{ area: 5 }, 'values.area'],
      [{ area: 20, wash: true, windows: 31 }, 'values.windows'],
      [{ area: 20, speed: 'never' }, 'values.speed'],
      [{ area: 20, other: 1 }, 'values.other'],
    ] as const;
    for (const [values, field] of bad)
      expectProblem(
        await owner.call('POST', `/api/v1/calculators/${id}/evaluate`, { values }),
        422,
        'calculator.value_invalid',
        field,
      );
  });

  it('applies the estimate to a deal as its line items', async () => {
    const id = (await create()).body.id;
    await owner.call('POST', `/api/v1/calculators/${id}/publish`);
    const deal = (await owner.call('POST', '/api/v1/deals', { title: 'Уборка офиса' })).body;
    const applied = await owner.call('POST', `/api/v1/calculators/${id}/apply`, {
      dealId: deal.id,
      values: { area: 40, speed: 'normal' },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.lines).toHaveLength(1);
    expect(applied.body.totals.totalKopecks).toBe(600000);
    const after = await owner.call('GET', `/api/v1/deals/${deal.id}`);
    expect(after.body.amount).toBe(600000);
  });
});

describe('the public widget', () => {
  const pub = (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    call(env.app, method, `/api/public/calculators/${path}`, body, headers, {
      remoteAddress: '203.0.113.7',
    });

  it('evaluates the published version and turns a result with contacts into a request carrying it', async () => {
    const form = (
      await owner.call('POST', '/api/v1/forms', {
        name: 'Расчёт уборки',
        fields: [
          { key: 'name', label: 'Имя', type: 'text', required: true },
          { key: 'phone', label: 'Телефон', type: 'phone', required: true },
        ],
        consentText: 'Согласен на обработку персональных данных',
        allowedDomains: ['clean.example.ru'],
      })
    ).body;
    const made = (
      await owner.call('POST', '/api/v1/calculators', {
        name: 'Уборка',
        formId: form.id,
        definition: definition(),
      })
    ).body;
    expectProblem(await pub('GET', made.publicKey), 404, 'calculator.not_found');
    await owner.call('POST', `/api/v1/calculators/${made.id}/publish`);
    const got = await pub('GET', made.publicKey);
    expect(got.status).toBe(200);
    expect(got.body.form.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'phone']);
    const values = { area: 50, speed: 'rush' };
    const est = await pub('POST', `${made.publicKey}/evaluate`, { values });
    expect(est.body.totals.totalKopecks).toBe(50 * 15000 + 100000);
    expect(est.body.totals.costKopecks).toBeUndefined();

    // Another site is refused; the form's allowed site gets CORS.
    expectProblem(
      await pub(
        'POST',
        `${made.publicKey}/evaluate`,
        { values },
        { origin: 'https://evil.example.com' },
      ),
      403,
      'form.origin_not_allowed',
    );
    // Contacts are checked as the form checks them, naming the field.
    expectProblem(
      await pub('POST', `${made.publicKey}/submissions`, {
        values,
        contact: { name: 'Ольга', consent: true },
      }),
      400,
      'request.invalid',
      'contact.phone',
    );
    const sent = await pub(
      'POST',
      `${made.publicKey}/submissions`,
      {
        values,
        contact: { name: 'Ольга', phone: '+7 912 345-67-89', consent: true },
        totalKopecks: 1,
      },
      { origin: 'https://clean.example.ru' },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.headers['access-control-allow-origin']).toBe('https://clean.example.ru');
    // The page's total (1 kopeck) is ignored: the server's is answered and stored.
    expect(sent.body.totalKopecks).toBe(850000);
    const leads = await owner.call('GET', '/api/v1/leads');
    const lead = leads.body.items.find((l: { message: string | null }) =>
      l.message?.includes('Спецификация'),
    );
    expect(lead, JSON.stringify(leads.body.items)).toBeTruthy();
    // Amounts are written with the Russian (no-break) thousands space.
    const text = String(lead.message).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('1. Уборка, м² — 50 м² × 150,00 ₽ = 7 500,00 ₽');
    expect(text).toContain('Итого: 8 500,00 ₽ (в т.ч. НДС: 1 532,79 ₽)');
    expect(lead.channel).toBe('web');
    expect(lead.custom.calculator).toMatchObject({ totalKopecks: 850000, version: 1 });
  });

  it('refuses bad values and unknown keys with 4xx and stores nothing', async () => {
    const made = (await create()).body;
    await owner.call('POST', `/api/v1/calculators/${made.id}/publish`);
    expectProblem(
      await pub('POST', `${made.publicKey}/evaluate`, { values: { area: 1e12 } }),
      422,
      'calculator.value_invalid',
      'values.area',
    );
    expectProblem(
      await pub('POST', `${made.publicKey}/evaluate`, { values: { constructor: 1 } }),
      400,
      'request.invalid',
    );
    expectProblem(
      await pub('POST', `${made.publicKey}/submissions`, {
        values: { area: 20 },
        contact: { name: 'x' },
      }),
      422,
      'calculator.no_form',
    );
  });
});
