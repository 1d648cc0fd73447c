import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('tasks', () => {
  it('lists open, overdue and done tasks by due time, undated last', async () => {
    const owner = await signUp(env.app);
    for (const [title, dueAt] of [
      ['Позвонить завтра', hoursFromNow(24)],
      ['Просрочено', hoursFromNow(-2)],
      ['Без срока', null],
      ['Через час', hoursFromNow(1)],
    ] as const) {
      expect(
        (await owner.call('POST', '/api/v1/tasks', { kind: 'call', title, dueAt })).status,
      ).toBe(201);
    }
    const titles = async (q: string) =>
      (await owner.call('GET', `/api/v1/tasks${q}`)).body.items.map(
        (t: { title: string }) => t.title,
      );
    expect(await titles('')).toEqual(['Просрочено', 'Через час', 'Позвонить завтра', 'Без срока']);
    expect(await titles('?status=overdue')).toEqual(['Просрочено']);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { title: string }[]; nextCursor: string | null } } =
        await owner.call('GET', `/api/v1/tasks?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...res.body.items.map((t) => t.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toHaveLength(4);
    const overdue = (await owner.call('GET', '/api/v1/tasks?status=overdue')).body.items[0];
    const done = await owner.call('POST', `/api/v1/tasks/${overdue.id}/complete`);
    expect(done.body.doneAt).not.toBeNull();
    expect(await titles('?status=overdue')).toEqual([]);
    expect(await titles('?status=done')).toEqual(['Просрочено']);
  });

  it('logs task_done on the deal timeline, also reached through the company', async () => {
    const owner = await signUp(env.app);
    const company = await owner.call('POST', '/api/v1/companies', { name: 'АО «Вектор»' });
    const companyId = company.status === 201 ? company.body.id : null;
    const deal = (await owner.call('POST', '/api/v1/deals', { title: 'Лицензии', companyId })).body;
    const task = (
      await owner.call('POST', '/api/v1/tasks', {
        kind: 'meeting',
        title: 'Встреча с закупками',
        dealId: deal.id,
        remindAt: hoursFromNow(1),
      })
    ).body;
    expect(task).toMatchObject({ dealId: deal.id, companyId, remindAt: expect.any(String) });
    await owner.call('POST', `/api/v1/tasks/${task.id}/complete`);
    await owner.call('POST', `/api/v1/tasks/${task.id}/complete`);
    const timeline = (await owner.call('GET', `/api/v1/timeline?dealId=${deal.id}`)).body.items;
    expect(timeline.map((a: { kind: string; body: string }) => [a.kind, a.body])).toEqual([
      ['task_done', 'Встреча с закупками'],
    ]);
    if (companyId) {
      const viaCompany = (await owner.call('GET', `/api/v1/timeline?companyId=${companyId}`)).body
        .items;
      expect(viaCompany.map((a: { kind: string }) => a.kind)).toEqual(['task_done']);
    }
  });

  it('hides other people’s tasks from a manager who sees only their own', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const matrix = (await owner.call('GET', '/api/v1/roles')).body.items.find(
      (r: { key: string }) => r.key === 'manager',
    ).permissions;
    await owner.call('PUT', '/api/v1/roles/manager', {
      permissions: { ...matrix, tasks: { ...matrix.tasks, visibility: 'own' } },
    });
    const ownerTask = (await owner.call('POST', '/api/v1/tasks', { title: 'Задача владельца' }))
      .body;
    await manager.browser.call('POST', '/api/v1/tasks', { title: 'Моя задача' });
    expect(
      (await manager.browser.call('GET', '/api/v1/tasks')).body.items.map(
        (t: { title: string }) => t.title,
      ),
    ).toEqual(['Моя задача']);
    expectProblem(
      await manager.browser.call('POST', `/api/v1/tasks/${ownerTask.id}/complete`),
      404,
      'task.not_found',
    );
    expectProblem(
      await manager.browser.call('DELETE', `/api/v1/tasks/${ownerTask.id}`),
      404,
      'task.not_found',
    );
  });
});

describe('timeline', () => {
  it('logs a call with its duration and outcome, newest first, paged by id', async () => {
    const owner = await signUp(env.app);
    const deal = (await owner.call('POST', '/api/v1/deals', { title: 'Внедрение' })).body;
    for (const body of ['Первый звонок', 'Второй звонок', 'Третий звонок']) {
      const res = await owner.call('POST', '/api/v1/activities', {
        kind: 'call',
        body,
        dealId: deal.id,
        data: { durationSeconds: 95, outcome: 'Договорились о встрече' },
      });
      expect(res.status).toBe(201);
    }
    const first = await owner.call('GET', `/api/v1/timeline?dealId=${deal.id}&limit=2`);
    expect(first.body.items.map((a: { body: string }) => a.body)).toEqual([
      'Третий звонок',
      'Второй звонок',
    ]);
    expect(first.body.items[0].data).toEqual({
      durationSeconds: 95,
      outcome: 'Договорились о встрече',
    });
    const second = await owner.call(
      'GET',
      `/api/v1/timeline?dealId=${deal.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((a: { body: string }) => a.body)).toEqual(['Первый звонок']);
  });

  it('refuses an activity about nothing, or about a record that does not exist', async () => {
    const owner = await signUp(env.app);
    expectProblem(
      await owner.call('POST', '/api/v1/activities', { kind: 'note', body: 'Ни о ком' }),
      400,
      'activity.subject_required',
      'contactId',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/activities', {
        kind: 'note',
        dealId: '0190f3a0-0000-7000-8000-000000000000',
      }),
      404,
      'deal.not_found',
      'dealId',
    );
    expectProblem(await owner.call('GET', '/api/v1/timeline'), 400, 'request.invalid', 'contactId');
  });
});
