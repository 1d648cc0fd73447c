import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe('saved views', () => {
  it('keeps a member’s views to that member, per list', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const created = await manager.browser.call('POST', '/api/v1/views', {
      entity: 'leads',
      name: 'Новые с сайта',
      query: { status: 'new', channel: 'web' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      entity: 'leads',
      name: 'Новые с сайта',
      query: { status: 'new', channel: 'web' },
    });
    await manager.browser.call('POST', '/api/v1/views', {
      entity: 'deals',
      name: 'Крупные',
      query: { 'custom.budget.gte': '1000000' },
    });
    expect(
      (await manager.browser.call('GET', '/api/v1/views?entity=leads')).body.items.map(
        (v: { name: string }) => v.name,
      ),
    ).toEqual(['Новые с сайта']);
    expect((await owner.call('GET', '/api/v1/views')).body.items).toEqual([]);
    expectProblem(
      await owner.call('DELETE', `/api/v1/views/${created.body.id}`),
      404,
      'view.not_found',
    );
    expect((await manager.browser.call('DELETE', `/api/v1/views/${created.body.id}`)).status).toBe(
      204,
    );
    expect((await manager.browser.call('GET', '/api/v1/views?entity=leads')).body.items).toEqual(
      [],
    );
  });

  it('refuses two views with the same name on one list', async () => {
    const owner = await signUp(env.app);
    await owner.call('POST', '/api/v1/views', { entity: 'companies', name: 'Мои', query: {} });
    expectProblem(
      await owner.call('POST', '/api/v1/views', { entity: 'companies', name: 'МОИ', query: {} }),
      409,
      'view.name_taken',
      'name',
    );
    expect(
      (await owner.call('POST', '/api/v1/views', { entity: 'contacts', name: 'Мои', query: {} }))
        .status,
    ).toBe(201);
  });
});
