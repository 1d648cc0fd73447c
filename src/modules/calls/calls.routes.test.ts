import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';

// Call lists (обзвон) through the API: made from a selection and a search, worked by two managers
// at once without either getting the other's client, outcomes that make a task or a request.

let env: TestEnv;
let head: Browser;
let anna: Awaited<ReturnType<typeof addMember>>;
let oleg: Awaited<ReturnType<typeof addMember>>;
let listId: string;

beforeAll(async () => {
  env = await createTestApp();
  head = await signUp(env.app);
  anna = await addMember(env.app, head, 'manager');
  oleg = await addMember(env.app, head, 'manager');
  for (let i = 0; i < 6; i++)
    await head.call('POST', '/api/v1/contacts', {
      firstName: `Обзвон ${i}`,
      lastName: 'Складской',
      phones: [{ number: `+7 916 000-00-${String(10 + i)}` }],
    });
  await head.call('POST', '/api/v1/contacts', { firstName: 'Обзвон без телефона' });
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('call lists', () => {
  it('are made from a search of contacts with phones, with managers and a script', async () => {
    const bad = await head.call('POST', '/api/v1/call-lists', {
      name: 'Пусто',
      managerIds: [anna.memberId],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('contactIds');
    const res = await head.call('POST', '/api/v1/call-lists', {
      name: 'Склады Москвы',
      managerIds: [anna.memberId, oleg.memberId],
      search: 'Обзвон',
      script: [
        { title: 'Приветствие', text: 'Здравствуйте! Компания «Ромашка».' },
        { title: 'Дорого', text: 'Посчитаем вместе стоимость владения.' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total: 6, done: 0 });
    expect(res.body.script).toHaveLength(2);
    listId = res.body.id;
    // A manager not on the list does not see it; the managers do.
    const other = await addMember(env.app, head, 'manager');
    expect((await other.browser.call('GET', `/api/v1/call-lists/${listId}`)).status).toBe(404);
    expect((await anna.browser.call('GET', '/api/v1/call-lists')).body.items).toHaveLength(1);
  });

  it('hands two managers working at once different clients, and each keeps theirs until done', async () => {
    const [a, o] = await Promise.all([
      anna.browser.call('POST', `/api/v1/call-lists/${listId}/next`),
      oleg.browser.call('POST', `/api/v1/call-lists/${listId}/next`),
    ]);
    expect(a.status).toBe(200);
    expect(o.status).toBe(200);
    expect(a.body.item.id).not.toBe(o.body.item.id);
    const again = await anna.browser.call('POST', `/api/v1/call-lists/${listId}/next`);
    expect(again.body.item.id).toBe(a.body.item.id);
    // Oleg cannot record an outcome on Anna's client.
    const theirs = await oleg.browser.call(
      'POST',
      `/api/v1/call-lists/${listId}/items/${a.body.item.id}/outcome`,
      { outcome: 'no_answer' },
    );
    expect(theirs.status).toBe(409);
    expect(theirs.body.code).toBe('call_list_item.not_yours');
  });

  it('stores outcomes: call back → a task at that time, interested → a request, a reason for not interested', async () => {
    const item = (await anna.browser.call('POST', `/api/v1/call-lists/${listId}/next`)).body.item;
    const url = `/api/v1/call-lists/${listId}/items/${item.id}/outcome`;
    const noTime = await anna.browser.call('POST', url, { outcome: 'call_back' });
    expect(noTime.status).toBe(400);
    expect(noTime.body.field).toBe('callBackAt');
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const done = await anna.browser.call('POST', url, {
      outcome: 'call_back',
      callBackAt: at,
      note: 'Просили перезвонить после планёрки',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ outcome: 'call_back', doneAt: expect.any(String) });
    const task = await anna.browser.call('GET', `/api/v1/tasks/${done.body.taskId}`);
    expect(task.body).toMatchObject({ kind: 'call', ownerId: anna.memberId, dueAt: at });
    const twice = await anna.browser.call('POST', url, { outcome: 'no_answer' });
    expect(twice.status).toBe(409);

    const next = (await anna.browser.call('POST', `/api/v1/call-lists/${listId}/next`)).body;
    expect(next.item.id).not.toBe(item.id);
    expect(next.done).toBe(1);
    const nextUrl = `/api/v1/call-lists/${listId}/items/${next.item.id}/outcome`;
    const noReason = await anna.browser.call('POST', nextUrl, { outcome: 'not_interested' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    const interested = await anna.browser.call('POST', nextUrl, {
      outcome: 'interested',
      note: 'Нужны стеллажи на 200 паллет',
    });
    expect(interested.status).toBe(200);
    const lead = await anna.browser.call('GET', `/api/v1/leads/${interested.body.leadId}`);
    expect(lead.body).toMatchObject({ assigneeId: anna.memberId, contactPhone: next.item.phone });
  });

  it('ends: when every client is done, next answers null', async () => {
    for (let i = 0; i < 10; i++) {
      const n = (await oleg.browser.call('POST', `/api/v1/call-lists/${listId}/next`)).body;
      if (!n.item) break;
      const r = await oleg.browser.call(
        'POST',
        `/api/v1/call-lists/${listId}/items/${n.item.id}/outcome`,
        { outcome: 'wrong_number' },
      );
      expect(r.status).toBe(200);
    }
    // Anna still holds the one Oleg's walk could not take.
    const mine = (await anna.browser.call('POST', `/api/v1/call-lists/${listId}/next`)).body;
    if (mine.item)
      await anna.browser.call(
        'POST',
        `/api/v1/call-lists/${listId}/items/${mine.item.id}/outcome`,
        { outcome: 'no_answer' },
      );
    const end = (await anna.browser.call('POST', `/api/v1/call-lists/${listId}/next`)).body;
    expect(end).toMatchObject({ item: null, total: 6, done: 6 });
    const journal = await head.call('GET', `/api/v1/calls?callListId=${listId}`);
    expect(journal.status).toBe(200);
  });
});
