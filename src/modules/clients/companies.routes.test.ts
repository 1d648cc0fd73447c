import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const sber = {
  name: 'ПАО Сбербанк',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  bik: '044525225',
  corrAccount: '30101810400000000225',
  settlementAccount: '40702810438000060473',
};
const create = async (b: Browser, body: Record<string, unknown>) => {
  const res = await b.call('POST', '/api/v1/companies', body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('companies', () => {
  it('creates a company with valid requisites, owned by its creator, and reads it back', async () => {
    const owner = await signUp(env.app);
    const created = await create(owner, {
      ...sber,
      name: '  ПАО Сбербанк  ',
      inn: '7707 083 893',
      tags: ['банк', 'банк', 'vip'],
    });
    expect(created).toMatchObject({
      name: 'ПАО Сбербанк',
      inn: '7707083893',
      ownerId: owner.info.me!.member.id,
      tags: ['банк', 'vip'],
      duplicates: [],
    });
    const read = await owner.call('GET', `/api/v1/companies/${created.id}`);
    expect(read.body).toMatchObject({ id: created.id, settlementAccount: '40702810438000060473' });
    expect(read.body.duplicates).toBeUndefined();
  });

  it.each([
    ['inn', { inn: '7707083894' }],
    ['kpp', { kpp: '77360100' }],
    ['ogrn', { ogrn: '1027700132194' }],
    ['bik', { bik: '04452522' }],
    ['corrAccount', { corrAccount: '30101810400000000226' }],
    ['settlementAccount', { settlementAccount: '40702810938000060473' }],
  ])('refuses a wrong %s with a field error', async (field, patch) => {
    const owner = await signUp(env.app);
    expectProblem(
      await owner.call('POST', '/api/v1/companies', { ...sber, ...patch }),
      400,
      'company.invalid_requisite',
      field,
    );
  });

  it('checks the accounts against a new BIK on update', async () => {
    const owner = await signUp(env.app);
    const c = await create(owner, sber);
    expectProblem(
      await owner.call('PATCH', `/api/v1/companies/${c.id}`, { bik: '044030653' }),
      400,
      'company.invalid_requisite',
      'corrAccount',
    );
    const cleared = await owner.call('PATCH', `/api/v1/companies/${c.id}`, {
      bik: '044030653',
      corrAccount: '30101810500000000653',
      settlementAccount: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ bik: '044030653', settlementAccount: null });
  });

  it('flags, but creates, a company whose INN already exists', async () => {
    const owner = await signUp(env.app);
    const first = await create(owner, sber);
    const second = await create(owner, { ...sber, name: 'Сбербанк, филиал', kpp: '770201001' });
    expect(second.duplicates).toEqual([{ id: first.id, name: 'ПАО Сбербанк', matchedOn: 'inn' }]);
    const other = await create(owner, { name: 'ООО Ромашка' });
    const patched = await owner.call('PATCH', `/api/v1/companies/${other.id}`, {
      inn: '7707083893',
    });
    expect(patched.body.duplicates.map((d: { id: string }) => d.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
  });

  it('pages by keyset through every company in the chosen order, without repeats', async () => {
    const owner = await signUp(env.app);
    const names = ['Альфа', 'Бета', 'Гамма', 'Дельта', 'Эпсилон'];
    for (const name of names) await create(owner, { name });
    for (const [sort, order, expected] of [
      ['name', 'asc', names],
      ['name', 'desc', [...names].reverse()],
      ['createdAt', 'asc', names],
      ['updatedAt', 'desc', [...names].reverse()],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null } } =
          await owner.call(
            'GET',
            `/api/v1/companies?limit=2&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`,
          );
        seen.push(...res.body.items.map((c) => c.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('filters by name fragment, INN, tag, industry and owner', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    await create(owner, { ...sber, tags: ['банк'], industry: 'Финансы' });
    await create(owner, { name: 'ООО «Ромашка»', industry: 'Торговля', ownerId: manager.memberId });
    const names = async (qs: string) =>
      (await owner.call('GET', `/api/v1/companies?${qs}`)).body.items.map(
        (c: { name: string }) => c.name,
      );
    expect(await names(`q=${encodeURIComponent('сбер')}`)).toEqual(['ПАО Сбербанк']);
    expect(await names(`q=${encodeURIComponent('ромаш')}`)).toEqual(['ООО «Ромашка»']);
    expect(await names('q=7707083893')).toEqual(['ПАО Сбербанк']);
    expect(await names('inn=7707083893')).toEqual(['ПАО Сбербанк']);
    expect(await names(`tag=${encodeURIComponent('банк')}`)).toEqual(['ПАО Сбербанк']);
    expect(await names(`industry=${encodeURIComponent('Торговля')}`)).toEqual(['ООО «Ромашка»']);
    expect(await names(`ownerId=${manager.memberId}`)).toEqual(['ООО «Ромашка»']);
    expect(await names('q=%25')).toEqual([]);
  });

  it('validates custom values against the definitions and filters by them', async () => {
    const owner = await signUp(env.app);
    const field = await owner.call('POST', '/api/v1/custom-fields', {
      entity: 'companies',
      key: 'segment',
      label: 'Сегмент',
      type: 'select',
      options: ['SMB', 'Enterprise'],
    });
    expect(field.status).toBe(201);
    await create(owner, { name: 'Малая', custom: { segment: 'SMB' } });
    await create(owner, { name: 'Большая', custom: { segment: 'Enterprise' } });
    expectProblem(
      await owner.call('POST', '/api/v1/companies', { name: 'X', custom: { segment: 'Huge' } }),
      400,
      'custom_field.invalid_value',
      'custom.segment',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/companies', { name: 'X', custom: { unknown: 1 } }),
      400,
      'custom_field.invalid_value',
      'custom.unknown',
    );
    const list = await owner.call('GET', '/api/v1/companies?custom.segment=Enterprise');
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Большая']);
    expectProblem(
      await owner.call('GET', '/api/v1/companies?colour=red'),
      400,
      'request.invalid',
      'colour',
    );
  });

  it('shows a manager with "own" visibility only their companies', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const theirs = await create(owner, { name: 'Чужая компания' });
    const mine = await create(manager.browser, { name: 'Моя компания' });
    const list = await manager.browser.call('GET', '/api/v1/companies');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expectProblem(
      await manager.browser.call('GET', `/api/v1/companies/${theirs.id}`),
      404,
      'company.not_found',
    );
    expectProblem(
      await manager.browser.call('PATCH', `/api/v1/companies/${theirs.id}`, { name: 'Моя теперь' }),
      404,
      'company.not_found',
    );
  });

  it('stores a website only as an http(s) address', async () => {
    const owner = await signUp(env.app);
    for (const bad of [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'not a site',
    ]) {
      expectProblem(
        await owner.call('POST', '/api/v1/companies', { name: 'Сайт', website: bad }),
        400,
        'request.invalid',
        'website',
      );
    }
    const c = await create(owner, { name: 'Ромашка', website: 'romashka.ru' });
    expect(c.website).toBe('https://romashka.ru');
    expectProblem(
      await owner.call('PATCH', `/api/v1/companies/${c.id}`, { website: 'javascript:alert(1)' }),
      400,
      'request.invalid',
      'website',
    );
    expect(
      (
        await owner.call('PATCH', `/api/v1/companies/${c.id}`, {
          website: 'http://romashka.ru/catalog',
        })
      ).body.website,
    ).toBe('http://romashka.ru/catalog');
    expect((await owner.call('GET', `/api/v1/companies/${c.id}`)).body.website).toBe(
      'http://romashka.ru/catalog',
    );
  });

  it('refuses an owner from outside the workspace', async () => {
    const owner = await signUp(env.app);
    const stranger = await signUp(env.app);
    expectProblem(
      await owner.call('POST', '/api/v1/companies', {
        name: 'X',
        ownerId: stranger.info.me!.member.id,
      }),
      404,
      'user.not_found',
      'ownerId',
    );
  });

  it('deletes a company, keeps its contacts unlinked, and audits each change', async () => {
    const owner = await signUp(env.app);
    const c = await create(owner, { name: 'Уходящая' });
    const contact = (
      await owner.call('POST', '/api/v1/contacts', { firstName: 'Анна', companyId: c.id })
    ).body;
    await owner.call('PATCH', `/api/v1/companies/${c.id}`, { website: 'https://example.ru' });
    expect((await owner.call('DELETE', `/api/v1/companies/${c.id}`)).status).toBe(204);
    expect((await owner.call('GET', `/api/v1/contacts/${contact.id}`)).body.companyId).toBeNull();
    const audit = await owner.call('GET', `/api/v1/audit?entity=companies&entityId=${c.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'company.deleted',
      'company.updated',
      'company.created',
    ]);
  });
});
