import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  const define = (body: Record<string, unknown>) =>
    owner.call('POST', '/api/v1/custom-fields', { entity: 'leads', ...body });
  await define({ key: 'budget', label: 'Бюджет', type: 'money' });
  await define({ key: 'seats', label: 'Мест', type: 'number' });
  await define({ key: 'deadline', label: 'Срок', type: 'date' });
  await define({ key: 'segment', label: 'Сегмент', type: 'select', options: ['B2B', 'B2C'] });
  await define({
    key: 'needs',
    label: 'Потребности',
    type: 'multiselect',
    options: ['доставка', 'монтаж'],
  });
  await define({ key: 'vip', label: 'VIP', type: 'boolean' });
  await define({ key: 'site', label: 'Сайт', type: 'link' });
});
afterAll(async () => env?.close());

const lead = (custom: Record<string, unknown>, title = 'Заявка') =>
  owner.call('POST', '/api/v1/leads', { title, custom });

describe('custom fields', () => {
  it('lists definitions per entity in order', async () => {
    const res = await owner.call('GET', '/api/v1/custom-fields?entity=leads');
    expect(res.body.items.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['budget', 'segment', 'needs']),
    );
    expect((await owner.call('GET', '/api/v1/custom-fields?entity=deals')).body.items).toEqual([]);
  });

  it('refuses a second field with the same key for the same entity, but not for another', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/custom-fields', {
        entity: 'leads',
        key: 'budget',
        label: 'Ещё',
        type: 'text',
      }),
      409,
      'custom_field.key_taken',
      'key',
    );
    expect(
      (
        await owner.call('POST', '/api/v1/custom-fields', {
          entity: 'deals',
          key: 'budget',
          label: 'Бюджет',
          type: 'money',
        })
      ).status,
    ).toBe(201);
  });

  it('needs options for a select and refuses them for other types', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/custom-fields', {
        entity: 'leads',
        key: 'kind',
        label: 'Вид',
        type: 'select',
      }),
      400,
      'custom_field.invalid_value',
      'options',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/custom-fields', {
        entity: 'leads',
        key: 'note',
        label: 'Примечание',
        type: 'text',
        options: ['a'],
      }),
      400,
      'custom_field.invalid_value',
      'options',
    );
  });

  it('stores valid values of every type', async () => {
    const custom = {
      budget: 1500000,
      seats: 40,
      deadline: '2026-12-31',
      segment: 'B2B',
      needs: ['монтаж'],
      vip: true,
      site: 'https://kresla.ru',
    };
    const res = await lead(custom);
    expect(res.status).toBe(201);
    expect(res.body.custom).toEqual(custom);
  });

  it('names the field of a wrong value', async () => {
    expectProblem(
      await lead({ colour: 'red' }),
      400,
      'custom_field.invalid_value',
      'custom.colour',
    );
    expectProblem(await lead({ budget: 10.5 }), 400, 'custom_field.invalid_value', 'custom.budget');
    expectProblem(
      await lead({ deadline: '2026-02-30' }),
      400,
      'custom_field.invalid_value',
      'custom.deadline',
    );
    expectProblem(
      await lead({ segment: 'B2G' }),
      400,
      'custom_field.invalid_value',
      'custom.segment',
    );
    expectProblem(
      await lead({ needs: ['уборка'] }),
      400,
      'custom_field.invalid_value',
      'custom.needs',
    );
    expectProblem(
      await lead({ site: 'javascript:alert(1)' }),
      400,
      'custom_field.invalid_value',
      'custom.site',
    );
    expectProblem(await lead({ vip: 'yes' }), 400, 'custom_field.invalid_value', 'custom.vip');
  });

  it('requires a required field on create and keeps other values on update', async () => {
    const ws = await signUp(env.app);
    await ws.call('POST', '/api/v1/custom-fields', {
      entity: 'leads',
      key: 'city',
      label: 'Город',
      type: 'text',
      required: true,
    });
    await ws.call('POST', '/api/v1/custom-fields', {
      entity: 'leads',
      key: 'floor',
      label: 'Этаж',
      type: 'number',
    });
    expectProblem(
      await ws.call('POST', '/api/v1/leads', { title: 'Без города' }),
      400,
      'custom_field.invalid_value',
      'custom.city',
    );
    const created = (
      await ws.call('POST', '/api/v1/leads', { title: 'С городом', custom: { city: 'Казань' } })
    ).body;
    const updated = await ws.call('PATCH', `/api/v1/leads/${created.id}`, { custom: { floor: 3 } });
    expect(updated.body.custom).toEqual({ city: 'Казань', floor: 3 });
    expectProblem(
      await ws.call('PATCH', `/api/v1/leads/${created.id}`, { custom: { city: null } }),
      400,
      'custom_field.invalid_value',
      'custom.city',
    );
  });

  it('filters lists by exact value and by number and date ranges', async () => {
    await lead(
      { seats: 10, deadline: '2026-01-15', segment: 'B2C', needs: ['доставка'] },
      'Маленькая',
    );
    await lead(
      { seats: 100, deadline: '2026-06-01', segment: 'B2B', needs: ['доставка', 'монтаж'] },
      'Большая',
    );
    const titles = async (q: string) =>
      (await owner.call('GET', `/api/v1/leads?${q}`)).body.items
        .map((l: { title: string }) => l.title)
        .filter((t: string) => t !== 'Заявка');
    expect(await titles('custom.segment=B2C')).toEqual(['Маленькая']);
    expect(await titles('custom.seats.gte=50')).toEqual(['Большая']);
    expect(await titles('custom.seats.lte=50')).toEqual(['Маленькая']);
    expect(await titles('custom.deadline.gte=2026-03-01&custom.deadline.lte=2026-12-31')).toEqual([
      'Большая',
    ]);
    expect(await titles(`custom.needs=${encodeURIComponent('монтаж')}`)).toEqual(['Большая']);
    expectProblem(
      await owner.call('GET', '/api/v1/leads?custom.seats.gte=many'),
      400,
      'custom_field.invalid_value',
      'custom.seats.gte',
    );
    expectProblem(
      await owner.call('GET', '/api/v1/leads?custom.segment.gte=B'),
      400,
      'custom_field.invalid_value',
      'custom.segment.gte',
    );
    expectProblem(
      await owner.call('GET', '/api/v1/leads?custom.nope=1'),
      400,
      'custom_field.invalid_value',
      'custom.nope',
    );
  });

  it('changes label and options but not the type, and deletes', async () => {
    const field = (
      await owner.call('POST', '/api/v1/custom-fields', {
        entity: 'contacts',
        key: 'source',
        label: 'Источник',
        type: 'select',
        options: ['сайт'],
      })
    ).body;
    const changed = await owner.call('PATCH', `/api/v1/custom-fields/${field.id}`, {
      label: 'Откуда',
      options: ['сайт', 'выставка'],
    });
    expect(changed.body).toMatchObject({
      label: 'Откуда',
      options: ['сайт', 'выставка'],
      type: 'select',
    });
    expectProblem(
      await owner.call('PATCH', `/api/v1/custom-fields/${field.id}`, { type: 'text' }),
      400,
      'request.invalid',
      'type',
    );
    expect((await owner.call('DELETE', `/api/v1/custom-fields/${field.id}`)).status).toBe(204);
    expect((await owner.call('DELETE', `/api/v1/custom-fields/${field.id}`)).status).toBe(404);
  });

  it('validates and filters deal values too', async () => {
    const ws = await signUp(env.app);
    await ws.call('POST', '/api/v1/custom-fields', {
      entity: 'deals',
      key: 'margin',
      label: 'Маржа',
      type: 'number',
    });
    const deal = await ws.call('POST', '/api/v1/deals', {
      title: 'Высокая маржа',
      custom: { margin: 40 },
    });
    expect(deal.body.custom).toEqual({ margin: 40 });
    await ws.call('POST', '/api/v1/deals', { title: 'Низкая маржа', custom: { margin: 5 } });
    expectProblem(
      await ws.call('POST', '/api/v1/deals', { title: 'Ошибка', custom: { margin: 'много' } }),
      400,
      'custom_field.invalid_value',
      'custom.margin',
    );
    const list = await ws.call('GET', '/api/v1/deals?custom.margin.gte=10');
    expect(list.body.items.map((d: { title: string }) => d.title)).toEqual(['Высокая маржа']);
    const updated = await ws.call('PATCH', `/api/v1/deals/${deal.body.id}`, {
      custom: { margin: 41 },
    });
    expect(updated.body.custom).toEqual({ margin: 41 });
  });

  it('lets owners and admins manage definitions; others only read them', async () => {
    const admin = await addMember(env.app, owner, 'admin');
    const head = await addMember(env.app, owner, 'head');
    const manager = await addMember(env.app, owner, 'manager');
    expect(
      (
        await admin.browser.call('POST', '/api/v1/custom-fields', {
          entity: 'deals',
          key: 'region',
          label: 'Регион',
          type: 'text',
        })
      ).status,
    ).toBe(201);
    expectProblem(
      await head.browser.call('POST', '/api/v1/custom-fields', {
        entity: 'deals',
        key: 'region2',
        label: 'Регион',
        type: 'text',
      }),
      403,
      'auth.forbidden',
    );
    expect((await manager.browser.call('GET', '/api/v1/custom-fields?entity=deals')).status).toBe(
      200,
    );
  });
});
