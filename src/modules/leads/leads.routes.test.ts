import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
});
afterAll(async () => env?.close());

const buildLead = (overrides: Record<string, unknown> = {}) => ({
  title: 'Заявка с сайта',
  message: 'Здравствуйте! Нужен расчёт на 40 кресел.',
  contactName: 'Анна Смирнова',
  contactPhone: '8 (912) 345-67-89',
  contactEmail: 'Anna@Example.ru',
  companyName: 'ООО «Кресла»',
  ...overrides,
});

describe('leads', () => {
  it('stores a manual lead with a normalised phone and e-mail', async () => {
    const res = await owner.call('POST', '/api/v1/leads', buildLead());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      channel: 'manual',
      status: 'new',
      contactPhone: '+79123456789',
      contactEmail: 'anna@example.ru',
      matchedContact: false,
      contact: null,
    });
    const got = await owner.call('GET', `/api/v1/leads/${res.body.id}`);
    expect(got.body.message).toBe('Здравствуйте! Нужен расчёт на 40 кресел.');
  });

  it('refuses a phone number that is not a number, naming the field', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/leads', buildLead({ contactPhone: '12' })),
      400,
      'contact.invalid_phone',
      'contactPhone',
    );
  });

  it('lists newest first and pages by cursor without repeats', async () => {
    const ws = await signUp(env.app);
    for (let i = 0; i < 5; i++)
      await ws.call(
        'POST',
        '/api/v1/leads',
        buildLead({ title: `Заявка ${i}`, contactPhone: null }),
      );
    const first = await ws.call('GET', '/api/v1/leads?limit=2');
    expect(first.body.items.map((l: { title: string }) => l.title)).toEqual([
      'Заявка 4',
      'Заявка 3',
    ]);
    const second = await ws.call('GET', `/api/v1/leads?limit=2&cursor=${first.body.nextCursor}`);
    const third = await ws.call('GET', `/api/v1/leads?limit=2&cursor=${second.body.nextCursor}`);
    expect(
      [...second.body.items, ...third.body.items].map((l: { title: string }) => l.title),
    ).toEqual(['Заявка 2', 'Заявка 1', 'Заявка 0']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('filters by status, channel, tag and text, Russian morphology included', async () => {
    const ws = await signUp(env.app);
    const a = (
      await ws.call(
        'POST',
        '/api/v1/leads',
        buildLead({
          title: 'Поставка кресел',
          channel: 'phone',
          tags: ['опт'],
          contactPhone: null,
        }),
      )
    ).body;
    await ws.call(
      'POST',
      '/api/v1/leads',
      buildLead({
        title: 'Ремонт столов',
        message: 'Сломались ножки',
        companyName: 'ИП Столяров',
        contactPhone: null,
      }),
    );
    await ws.call('PATCH', `/api/v1/leads/${a.id}`, { status: 'in_work' });
    const titles = async (q: string) =>
      (await ws.call('GET', `/api/v1/leads?${q}`)).body.items.map(
        (l: { title: string }) => l.title,
      );
    expect(await titles('status=in_work')).toEqual(['Поставка кресел']);
    expect(await titles('channel=phone')).toEqual(['Поставка кресел']);
    expect(await titles(`tag=${encodeURIComponent('опт')}`)).toEqual(['Поставка кресел']);
    expect(await titles(`q=${encodeURIComponent('кресло')}`)).toEqual(['Поставка кресел']);
    expect(await titles('status=new')).toEqual(['Ремонт столов']);
  });

  it('refuses an unknown query parameter, naming it', async () => {
    expectProblem(
      await owner.call('GET', '/api/v1/leads?colour=red'),
      400,
      'request.invalid',
      'colour',
    );
  });

  it('moves through statuses by the rules and never to converted by hand', async () => {
    const lead = (await owner.call('POST', '/api/v1/leads', buildLead())).body;
    expect(
      (await owner.call('PATCH', `/api/v1/leads/${lead.id}`, { status: 'in_work' })).body.status,
    ).toBe('in_work');
    expect(
      (await owner.call('PATCH', `/api/v1/leads/${lead.id}`, { status: 'qualified' })).body.status,
    ).toBe('qualified');
    expectProblem(
      await owner.call('PATCH', `/api/v1/leads/${lead.id}`, { status: 'converted' }),
      400,
      'request.invalid',
      'status',
    );
    expectProblem(
      await owner.call('PATCH', `/api/v1/leads/${lead.id}`, { status: 'new' }),
      409,
      'lead.invalid_transition',
      'status',
    );
    const junk = await owner.call('PATCH', `/api/v1/leads/${lead.id}`, {
      status: 'junk',
      junkReason: 'Спам',
    });
    expect(junk.body.status).toBe('junk');
    const audit = await owner.call('GET', `/api/v1/audit?entityId=${lead.id}`);
    expect(
      audit.body.items.find((e: { action: string }) => e.action === 'lead.junk').after.junkReason,
    ).toBe('Спам');
  });

  it('counts new leads for the inbox badge', async () => {
    const ws = await signUp(env.app);
    await ws.call('POST', '/api/v1/leads', buildLead());
    const second = (await ws.call('POST', '/api/v1/leads', buildLead())).body;
    await ws.call('PATCH', `/api/v1/leads/${second.id}`, { status: 'junk' });
    expect((await ws.call('GET', '/api/v1/leads/counts')).body).toEqual({ new: 1 });
  });

  it('shows a manager only their own leads; unassigned ones go to team and all visibility', async () => {
    const ws = await signUp(env.app);
    const team = (await ws.call('POST', '/api/v1/teams', { name: 'Продажи' })).body;
    const manager = await addMember(env.app, ws, 'manager', team.id);
    const assistant = await addMember(env.app, ws, 'assistant', team.id);
    const unassigned = (await ws.call('POST', '/api/v1/leads', buildLead({ title: 'Ничья' }))).body;
    const mine = (
      await ws.call(
        'POST',
        '/api/v1/leads',
        buildLead({ title: 'Менеджеру', assigneeId: manager.memberId }),
      )
    ).body;
    const typed = (
      await manager.browser.call('POST', '/api/v1/leads', buildLead({ title: 'Сам завёл' }))
    ).body;
    expect(typed.assigneeId).toBe(manager.memberId);
    const seenBy = async (b: Browser) =>
      (await b.call('GET', '/api/v1/leads')).body.items
        .map((l: { title: string }) => l.title)
        .sort();
    expect(await seenBy(manager.browser)).toEqual(['Менеджеру', 'Сам завёл']);
    expect(await seenBy(assistant.browser)).toEqual(['Менеджеру', 'Ничья', 'Сам завёл']);
    expect((await manager.browser.call('GET', `/api/v1/leads/${unassigned.id}`)).status).toBe(404);
    expect((await manager.browser.call('GET', `/api/v1/leads/${mine.id}`)).status).toBe(200);
    expect((await manager.browser.call('DELETE', `/api/v1/leads/${unassigned.id}`)).status).toBe(
      404,
    );
    expect((await assistant.browser.call('DELETE', `/api/v1/leads/${unassigned.id}`)).status).toBe(
      403,
    );
    expect((await ws.call('DELETE', `/api/v1/leads/${unassigned.id}`)).status).toBe(204);
  });

  it('refuses an assignee from another workspace', async () => {
    const other = await signUp(env.app);
    expectProblem(
      await owner.call(
        'POST',
        '/api/v1/leads',
        buildLead({ assigneeId: other.info.me!.member.id }),
      ),
      404,
      'user.not_found',
      'assigneeId',
    );
  });
});
