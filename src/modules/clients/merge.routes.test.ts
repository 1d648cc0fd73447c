import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

async function post(b: Browser, url: string, body: Record<string, unknown>) {
  const res = await b.call('POST', url, body);
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('duplicates', () => {
  it('pairs contacts sharing a phone or e-mail and contacts with similar names', async () => {
    const owner = await signUp(env.app);
    const a = await post(owner, '/api/v1/contacts', {
      lastName: 'Петров',
      firstName: 'Сергей',
      phones: [{ number: '+79035550001' }],
    });
    const b = await post(owner, '/api/v1/contacts', {
      lastName: 'Петров',
      firstName: 'Сергей',
      middleName: 'Ильич',
      phones: [{ number: '8 903 555-00-01' }],
    });
    const c = await post(owner, '/api/v1/contacts', {
      lastName: 'Александрова',
      firstName: 'Екатерина',
    });
    const d = await post(owner, '/api/v1/contacts', {
      lastName: 'Александрова',
      firstName: 'Екатерина',
      emails: [{ address: 'k@a.ru' }],
    });
    await post(owner, '/api/v1/contacts', { lastName: 'Ким', firstName: 'Ли' });
    const res = await owner.call('GET', '/api/v1/duplicates?entity=contacts');
    const pairs = res.body.items.map(
      (p: { a: { id: string }; b: { id: string }; matchedOn: string }) => [
        [p.a.id, p.b.id].sort().join(),
        p.matchedOn,
      ],
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        [[a.id, b.id].sort().join(), 'phone'],
        [[c.id, d.id].sort().join(), 'name'],
      ]),
    );
    expect(pairs).toHaveLength(2);
  });

  it('pairs companies with the same INN or a similar name', async () => {
    const owner = await signUp(env.app);
    const a = await post(owner, '/api/v1/companies', { name: 'ПАО Сбербанк', inn: '7707083893' });
    const b = await post(owner, '/api/v1/companies', {
      name: 'Сбербанк России',
      inn: '7707083893',
    });
    const c = await post(owner, '/api/v1/companies', { name: 'ООО «Технологии будущего»' });
    const d = await post(owner, '/api/v1/companies', { name: 'ООО Технологии будущего' });
    const res = await owner.call('GET', '/api/v1/duplicates?entity=companies');
    const pairs = res.body.items.map(
      (p: { a: { id: string }; b: { id: string }; matchedOn: string }) => [
        [p.a.id, p.b.id].sort().join(),
        p.matchedOn,
      ],
    );
    expect(pairs).toEqual([
      [[a.id, b.id].sort().join(), 'inn'],
      [[c.id, d.id].sort().join(), 'name'],
    ]);
  });

  it('shows a manager only pairs of records they see', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    await post(owner, '/api/v1/contacts', {
      firstName: 'Общий',
      phones: [{ number: '+79035550009' }],
    });
    await post(manager.browser, '/api/v1/contacts', {
      firstName: 'Общий',
      phones: [{ number: '+79035550009' }],
    });
    expect(
      (await manager.browser.call('GET', '/api/v1/duplicates?entity=contacts')).body.items,
    ).toEqual([]);
  });
});

describe('merge', () => {
  it('merges two contacts field by field and keeps every link of both', async () => {
    const owner = await signUp(env.app);
    const company = await post(owner, '/api/v1/companies', { name: 'ООО Вектор' });
    const keep = await post(owner, '/api/v1/contacts', {
      lastName: 'Петров',
      firstName: 'Сергей',
      position: 'Менеджер',
      phones: [{ number: '+79035550001' }],
      tags: ['a'],
    });
    const other = await post(owner, '/api/v1/contacts', {
      lastName: 'Петров',
      firstName: 'Сергей',
      middleName: 'Ильич',
      position: 'Директор',
      companyId: company.id,
      phones: [{ number: '+79035550001' }, { number: '+79035550002' }],
      emails: [{ address: 'petrov@vector.ru' }],
      tags: ['b'],
    });
    const deal = await post(owner, '/api/v1/deals', {
      title: 'Поставка',
      contactIds: [other.id],
      companyId: company.id,
    });
    const sharedDeal = await post(owner, '/api/v1/deals', {
      title: 'Сервис',
      contactIds: [keep.id, other.id],
    });
    const task = await post(owner, '/api/v1/tasks', {
      kind: 'call',
      title: 'Перезвонить',
      contactId: other.id,
    });
    await post(owner, '/api/v1/activities', {
      kind: 'note',
      body: 'Просил КП',
      contactId: other.id,
    });
    const lead = await post(owner, '/api/v1/leads', {
      contactName: 'Сергей',
      contactPhone: '+79035550002',
    });
    expect(lead.contact?.id).toBe(other.id);

    const merged = await owner.call('POST', `/api/v1/contacts/${keep.id}/merge`, {
      otherId: other.id,
      fields: { position: 'other' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: keep.id,
      fullName: 'Петров Сергей Ильич',
      middleName: 'Ильич',
      position: 'Директор',
      companyId: company.id,
      phones: [{ number: '+79035550001' }, { number: '+79035550002' }],
      emails: [{ address: 'petrov@vector.ru' }],
      tags: ['a', 'b'],
    });
    expectProblem(
      await owner.call('GET', `/api/v1/contacts/${other.id}`),
      404,
      'contact.not_found',
    );
    expect(
      (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.contactIds ??
        (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.contacts.map(
          (c: { id: string }) => c.id,
        ),
    ).toEqual([keep.id]);
    const shared = (await owner.call('GET', `/api/v1/deals/${sharedDeal.id}`)).body;
    expect(shared.contactIds ?? shared.contacts.map((c: { id: string }) => c.id)).toEqual([
      keep.id,
    ]);
    expect((await owner.call('GET', `/api/v1/tasks/${task.id}`)).body.contactId).toBe(keep.id);
    const timeline = (
      await owner.call('GET', `/api/v1/timeline?contactId=${keep.id}`)
    ).body.items.map((a: { kind: string }) => a.kind);
    expect(timeline).toEqual(expect.arrayContaining(['merge', 'note']));
    expect((await owner.call('GET', `/api/v1/leads/${lead.id}`)).body.contact.id).toBe(keep.id);
    const audit = (
      await owner.call('GET', `/api/v1/audit?entity=contacts&entityId=${keep.id}`)
    ).body.items.map((a: { action: string }) => a.action);
    expect(audit[0]).toBe('contact.merged');
  });

  it('merges two companies and moves their contacts, deals and tasks', async () => {
    const owner = await signUp(env.app);
    const keep = await post(owner, '/api/v1/companies', { name: 'Сбербанк', inn: '7707083893' });
    const other = await post(owner, '/api/v1/companies', {
      name: 'ПАО Сбербанк',
      inn: '7707083893',
      kpp: '773601001',
      tags: ['банк'],
    });
    const contact = await post(owner, '/api/v1/contacts', {
      firstName: 'Анна',
      companyId: other.id,
    });
    const deal = await post(owner, '/api/v1/deals', { title: 'Кредит', companyId: other.id });
    const task = await post(owner, '/api/v1/tasks', {
      title: 'Встреча',
      kind: 'meeting',
      companyId: other.id,
    });
    const merged = await owner.call('POST', `/api/v1/companies/${keep.id}/merge`, {
      otherId: other.id,
      fields: { name: 'other' },
    });
    expect(merged.body).toMatchObject({
      id: keep.id,
      name: 'ПАО Сбербанк',
      kpp: '773601001',
      tags: ['банк'],
    });
    expect((await owner.call('GET', `/api/v1/contacts/${contact.id}`)).body.companyId).toBe(
      keep.id,
    );
    expect((await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.companyId).toBe(keep.id);
    expect((await owner.call('GET', `/api/v1/tasks/${task.id}`)).body.companyId).toBe(keep.id);
    expectProblem(
      await owner.call('GET', `/api/v1/companies/${other.id}`),
      404,
      'company.not_found',
    );
  });

  it('refuses merging a record with itself, an unknown field, and a manager without the delete right', async () => {
    const owner = await signUp(env.app);
    const a = await post(owner, '/api/v1/contacts', { firstName: 'А' });
    const b = await post(owner, '/api/v1/contacts', { firstName: 'Б' });
    expectProblem(
      await owner.call('POST', `/api/v1/contacts/${a.id}/merge`, { otherId: a.id }),
      400,
      'contact.merge_self',
      'otherId',
    );
    expectProblem(
      await owner.call('POST', `/api/v1/contacts/${a.id}/merge`, {
        otherId: b.id,
        fields: { fullName: 'other' },
      }),
      400,
      'request.invalid',
      'fields.fullName',
    );
    const assistant = await addMember(env.app, owner, 'assistant');
    const res = await assistant.browser.call('POST', `/api/v1/contacts/${a.id}/merge`, {
      otherId: b.id,
    });
    expect([403, 404]).toContain(res.status);
    expect((await owner.call('GET', `/api/v1/contacts/${b.id}`)).status).toBe(200);
  });
});
