import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const create = async (b: Browser, body: Record<string, unknown>) => {
  const res = await b.call('POST', '/api/v1/contacts', body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('contacts', () => {
  it('stores phones in E.164, e-mails in lower case and messengers, with the Russian name order', async () => {
    const owner = await signUp(env.app);
    const company = (await owner.call('POST', '/api/v1/companies', { name: 'ООО Ромашка' })).body;
    const c = await create(owner, {
      lastName: 'Иванова',
      firstName: 'Мария',
      middleName: 'Петровна',
      position: 'Главный бухгалтер',
      companyId: company.id,
      phones: [
        { number: '8 (912) 345-67-89', label: 'мобильный' },
        { number: '(495) 123-45-67' },
        { number: '+7 912 345 67 89' },
      ],
      emails: [{ address: 'Maria@Example.RU' }],
      messengers: { telegram: '@maria_iv', whatsapp: '+79123456789' },
      birthday: '1985-03-08',
      timezone: 'Europe/Moscow',
      consent: 'given',
      tags: ['бухгалтерия'],
    });
    expect(c).toMatchObject({
      fullName: 'Иванова Мария Петровна',
      companyName: 'ООО Ромашка',
      phones: [
        { number: '+79123456789', label: 'мобильный' },
        { number: '+74951234567', label: null },
      ],
      emails: [{ address: 'maria@example.ru', label: null }],
      messengers: { telegram: 'maria_iv', vk: null, whatsapp: '+79123456789' },
      birthday: '1985-03-08',
      ownerId: owner.info.me!.member.id,
      duplicates: [],
    });
    expect(
      (await create(owner, { firstName: 'John', lastName: 'Smith', middleName: 'Paul' })).fullName,
    ).toBe('John Paul Smith');
  });

  it('refuses a contact without a name, a wrong phone and an unknown company, naming the field', async () => {
    const owner = await signUp(env.app);
    expectProblem(
      await owner.call('POST', '/api/v1/contacts', { position: 'Директор' }),
      400,
      'request.invalid',
      'firstName',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/contacts', {
        firstName: 'А',
        phones: [{ number: '+7 912 345 67 89' }, { number: '12345' }],
      }),
      400,
      'contact.invalid_phone',
      'phones.1.number',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/contacts', {
        firstName: 'А',
        companyId: '01890000-0000-7000-8000-000000000000',
      }),
      404,
      'company.not_found',
      'companyId',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/contacts', { firstName: 'А', birthday: '1985-02-30' }),
      400,
      'request.invalid',
      'birthday',
    );
  });

  it('flags contacts reachable by the same phone or e-mail, but creates the new one', async () => {
    const owner = await signUp(env.app);
    const first = await create(owner, {
      firstName: 'Олег',
      phones: [{ number: '+79031234567' }],
      emails: [{ address: 'oleg@firm.ru' }],
    });
    const byPhone = await create(owner, {
      firstName: 'Олег',
      lastName: 'Сидоров',
      phones: [{ number: '8 903 123-45-67' }],
    });
    expect(byPhone.duplicates).toEqual([{ id: first.id, name: 'Олег', matchedOn: 'phone' }]);
    const byEmail = await create(owner, {
      firstName: 'Ольга',
      emails: [{ address: 'OLEG@firm.ru' }],
    });
    expect(byEmail.duplicates).toEqual([{ id: first.id, name: 'Олег', matchedOn: 'email' }]);
  });

  it('finds contacts by a phone in any format, e-mail, name, company and tag', async () => {
    const owner = await signUp(env.app);
    const company = (await owner.call('POST', '/api/v1/companies', { name: 'Вектор' })).body;
    await create(owner, {
      lastName: 'Кузнецов',
      firstName: 'Пётр',
      phones: [{ number: '+79161112233' }],
      companyId: company.id,
      tags: ['vip'],
    });
    await create(owner, {
      lastName: 'Смирнова',
      firstName: 'Анна',
      emails: [{ address: 'anna@vector.ru' }],
    });
    const names = async (qs: string) =>
      (await owner.call('GET', `/api/v1/contacts?${qs}`)).body.items.map(
        (c: { fullName: string }) => c.fullName,
      );
    expect(await names(`phone=${encodeURIComponent('8 (916) 111-22-33')}`)).toEqual([
      'Кузнецов Пётр',
    ]);
    expect(await names('email=ANNA@vector.ru')).toEqual(['Смирнова Анна']);
    expect(await names(`q=${encodeURIComponent('кузн')}`)).toEqual(['Кузнецов Пётр']);
    expect(await names(`companyId=${company.id}`)).toEqual(['Кузнецов Пётр']);
    expect(await names('tag=vip')).toEqual(['Кузнецов Пётр']);
    expect(await names('sort=name&order=asc')).toEqual(['Кузнецов Пётр', 'Смирнова Анна']);
    expectProblem(
      await owner.call('GET', '/api/v1/contacts?phone=abc'),
      400,
      'contact.invalid_phone',
      'phone',
    );
  });

  it('replaces phones on update and leaves untouched kinds alone', async () => {
    const owner = await signUp(env.app);
    const c = await create(owner, {
      firstName: 'Ирина',
      phones: [{ number: '+79160000001' }],
      emails: [{ address: 'irina@x.ru' }],
    });
    const res = await owner.call('PATCH', `/api/v1/contacts/${c.id}`, {
      lastName: 'Лебедева',
      phones: [{ number: '89160000002', label: 'рабочий' }],
    });
    expect(res.body).toMatchObject({
      fullName: 'Лебедева Ирина',
      phones: [{ number: '+79160000002', label: 'рабочий' }],
      emails: [{ address: 'irina@x.ru' }],
    });
  });

  it('shows a manager with "own" visibility only their contacts', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const theirs = await create(owner, { firstName: 'Чужой' });
    const mine = await create(manager.browser, { firstName: 'Свой' });
    expect(
      (await manager.browser.call('GET', '/api/v1/contacts')).body.items.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([mine.id]);
    expectProblem(
      await manager.browser.call('DELETE', `/api/v1/contacts/${theirs.id}`),
      404,
      'contact.not_found',
    );
  });

  it('deletes a contact with its points and audits it', async () => {
    const owner = await signUp(env.app);
    const c = await create(owner, { firstName: 'Временный', phones: [{ number: '+79160000003' }] });
    expect((await owner.call('DELETE', `/api/v1/contacts/${c.id}`)).status).toBe(204);
    expectProblem(await owner.call('GET', `/api/v1/contacts/${c.id}`), 404, 'contact.not_found');
    expect((await owner.call('GET', '/api/v1/contacts?phone=%2B79160000003')).body.items).toEqual(
      [],
    );
    const audit = await owner.call('GET', `/api/v1/audit?entity=contacts&entityId=${c.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'contact.deleted',
      'contact.created',
    ]);
  });
});
