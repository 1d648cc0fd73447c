import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';

// The audit log is read by people: each entry names its record as they know it — read now for
// records that exist (a renamed deal shows its new title), from the snapshot for deleted ones.
let env: TestEnv;
let owner: Browser;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
});
afterAll(async () => env?.close());

type Entry = {
  action: string;
  entity: string;
  entityId: string | null;
  entityTitle: string | null;
};
const audit = async (q = '') =>
  (await owner.call('GET', `/api/v1/audit?limit=200${q}`)).body.items as Entry[];

describe('audit record titles', () => {
  it('names contacts, companies, deals, requests, tasks, members and teams, and deleted records by their last name', async () => {
    const company = (await owner.call('POST', '/api/v1/companies', { name: 'ООО «Лист»' })).body;
    const contact = (
      await owner.call('POST', '/api/v1/contacts', { firstName: 'Вера', lastName: 'Лосева' })
    ).body;
    const deal = (await owner.call('POST', '/api/v1/deals', { title: 'Поставка кресел' })).body;
    expect(deal.id).toBeTruthy();
    await owner.call('PATCH', `/api/v1/deals/${deal.id}`, { title: 'Поставка 40 кресел' });
    const lead = (
      await owner.call('POST', '/api/v1/leads', { title: 'Заявка на расчёт', contactName: 'Вера' })
    ).body;
    const task = (await owner.call('POST', '/api/v1/tasks', { title: 'Перезвонить Вере' })).body;
    const team = (await owner.call('POST', '/api/v1/teams', { name: 'Опт' })).body;
    const manager = await addMember(env.app, owner, 'manager');
    await owner.call('PATCH', `/api/v1/users/${manager.memberId}`, { teamId: team.id });
    const gone = (await owner.call('POST', '/api/v1/companies', { name: 'ООО «Удалить»' })).body;
    expect((await owner.call('DELETE', `/api/v1/companies/${gone.id}`)).status).toBe(204);

    const entries = await audit();
    const title = (entity: string, id: string) => [
      ...new Set(
        entries.filter((e) => e.entity === entity && e.entityId === id).map((e) => e.entityTitle),
      ),
    ];
    expect(title('companies', company.id)).toEqual(['ООО «Лист»']);
    expect(title('contacts', contact.id)).toEqual(['Лосева Вера']);
    expect(title('deals', deal.id)).toEqual(['Поставка 40 кресел']);
    expect(title('leads', lead.id)).toEqual(['Заявка на расчёт']);
    expect(title('tasks', task.id)).toEqual(['Перезвонить Вере']);
    expect(title('teams', team.id)).toEqual(['Опт']);
    expect(title('users', manager.memberId)).toEqual(['Сотрудник manager']);
    expect(title('companies', gone.id)).toEqual(['ООО «Удалить»']);
  });
});
