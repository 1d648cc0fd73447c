import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';

// Call lists from a segment (a saved view) and from a file, the do-not-call list honoured by every
// list (left out and counted, closed when added later), and a script with objection branches whose
// taken branches are kept per call and summed per step.

let env: TestEnv;
let head: Browser;
let anna: Awaited<ReturnType<typeof addMember>>;
const contactIds: Record<string, string> = {};

const phone = (i: number) => `+7916100${String(1000 + i)}`;

beforeAll(async () => {
  env = await createTestApp();
  head = await signUp(env.app);
  anna = await addMember(env.app, head, 'manager');
  for (let i = 0; i < 5; i++) {
    const c = await head.call('POST', '/api/v1/contacts', {
      firstName: `Сегмент ${i}`,
      lastName: 'Опт',
      phones: [{ number: phone(i) }],
      tags: i < 4 ? ['опт'] : ['розница'],
    });
    expect(c.status).toBe(201);
    contactIds[i] = c.body.id;
  }
}, 180_000);

afterAll(async () => {
  await env?.close();
});

const upload = async (b: Browser, query: string, body: string) => {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/call-lists/import?${query}`,
    headers: { cookie: b.cookie, 'x-csrf-token': b.csrf, 'content-type': 'text/csv' },
    payload: body,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

describe('do-not-call and segments', () => {
  it('puts a number on the do-not-call list (audited), refusing what is not a number', async () => {
    const bad = await head.call('POST', '/api/v1/calls/do-not-call', { phone: 'позвоните' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('phone');
    const none = await head.call('POST', '/api/v1/calls/do-not-call', {});
    expect(none.status).toBe(400);
    const res = await head.call('POST', '/api/v1/calls/do-not-call', {
      contactId: contactIds[1],
      reason: 'Просил не звонить',
    });
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([
      expect.objectContaining({ phone: phone(1), contactId: contactIds[1], source: 'manual' }),
    ]);
    const listed = await anna.browser.call(
      'GET',
      `/api/v1/calls/do-not-call?contactId=${contactIds[1]}`,
    );
    expect(listed.body.items).toHaveLength(1);
  });

  it('makes a list from a saved view of contacts, leaving out do-not-call numbers with a count', async () => {
    const view = await head.call('POST', '/api/v1/views', {
      entity: 'contacts',
      name: 'Оптовики',
      query: { tag: 'опт' },
    });
    expect(view.status).toBe(201);
    const res = await head.call('POST', '/api/v1/call-lists', {
      name: 'Оптовики декабрь',
      managerIds: [anna.memberId],
      viewId: view.body.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'view', total: 3, excludedDoNotCall: 1 });
    const items = await head.call('GET', `/api/v1/call-lists/${res.body.id}/items`);
    expect(items.body.items.map((i: { phone: string }) => i.phone).sort()).toEqual(
      [phone(0), phone(2), phone(3)].sort(),
    );
    // Another member's view is not mine to use.
    const theirs = await anna.browser.call('POST', '/api/v1/call-lists', {
      name: 'Чужой',
      managerIds: [anna.memberId],
      viewId: view.body.id,
    });
    expect([400, 403]).toContain(theirs.status);
  });

  it('closes open items when their number is put on the list later; next skips them', async () => {
    const list = await head.call('POST', '/api/v1/call-lists', {
      name: 'Все с телефоном',
      managerIds: [anna.memberId],
      search: 'Сегмент',
    });
    expect(list.body).toMatchObject({ total: 4, excludedDoNotCall: 1 });
    await head.call('POST', '/api/v1/calls/do-not-call', { phone: phone(0) });
    const items = (await head.call('GET', `/api/v1/call-lists/${list.body.id}/items`)).body.items;
    const closed = items.find((i: { phone: string }) => i.phone === phone(0));
    expect(closed).toMatchObject({ outcome: 'do_not_call', doneAt: expect.any(String) });
    const phones: string[] = [];
    for (let i = 0; i < 5; i++) {
      const n = (await anna.browser.call('POST', `/api/v1/call-lists/${list.body.id}/next`)).body;
      if (!n.item) break;
      phones.push(n.item.phone);
      await anna.browser.call(
        'POST',
        `/api/v1/call-lists/${list.body.id}/items/${n.item.id}/outcome`,
        { outcome: i === 0 ? 'busy' : 'no_answer', ...(i === 1 ? { doNotCall: true } : {}) },
      );
    }
    expect(phones).not.toContain(phone(0));
    expect(phones).toHaveLength(3);
    // The client who asked on the call is on the list now, by the call.
    const dnc = (await head.call('GET', '/api/v1/calls/do-not-call')).body.items;
    expect(dnc.find((e: { phone: string }) => e.phone === phones[1])).toMatchObject({
      source: 'call',
    });
    // Taken off the list, a number may be called again in the next list.
    const entry = dnc.find((e: { phone: string }) => e.phone === phone(0));
    expect((await head.call('DELETE', `/api/v1/calls/do-not-call/${entry.id}`)).status).toBe(204);
    const again = await head.call('POST', '/api/v1/call-lists', {
      name: 'Повтор',
      managerIds: [anna.memberId],
      contactIds: [contactIds[0], contactIds[1]],
    });
    expect(again.body).toMatchObject({ total: 1, excludedDoNotCall: 1 });
  });

  it('makes a list from a CSV file: numbers matched to contacts, bad rows counted', async () => {
    const blocked = (await head.call('GET', '/api/v1/calls/do-not-call')).body.items.map(
      (e: { phone: string }) => e.phone,
    );
    const free = [2, 3, 4].find((i) => !blocked.includes(phone(i)))!;
    const csv = [
      'Компания;Телефон;Город',
      `ООО «Север»;${phone(free)};Москва`,
      'ООО «Юг»;8 (495) 123-45-67;Казань',
      'ООО «Запад»;не номер;Тверь',
      `Повтор;${phone(1)};Тула`,
    ].join('\n');
    const res = await upload(head, `name=База&managerIds=${anna.memberId}`, csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      source: 'import',
      total: 2,
      skippedRows: 1,
      excludedDoNotCall: 1,
    });
    const items = (await head.call('GET', `/api/v1/call-lists/${res.body.id}/items`)).body.items;
    expect(items).toEqual([
      expect.objectContaining({ name: 'ООО «Север»', contactId: contactIds[free] }),
      expect.objectContaining({ name: 'ООО «Юг»', phone: '+74951234567', contactId: null }),
    ]);
    const empty = await upload(head, `name=Пусто&managerIds=${anna.memberId}`, 'a;b\nx;y\n');
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('phoneColumn');
    const noManagers = await upload(head, 'name=База', csv);
    expect(noManagers.status).toBe(400);
    expect(noManagers.body.field).toBe('managerIds');
  });
});

describe('scripts with objection branches', () => {
  const script = [
    {
      id: 'hello',
      title: 'Приветствие',
      text: 'Здравствуйте! Компания «Ромашка», стеллажи для складов.',
      answers: [
        { label: 'Слушаю', next: 'offer' },
        { label: 'Дорого', objection: true, next: 'price' },
        { label: 'Уже есть поставщик', objection: true, next: 'supplier' },
      ],
    },
    {
      id: 'price',
      title: 'Дорого',
      text: 'Посчитаем стоимость владения.',
      answers: [{ label: 'Ок', next: 'offer' }],
    },
    {
      id: 'supplier',
      title: 'Поставщик',
      text: 'Сравните с нашим КП.',
      answers: [{ label: 'Пришлите КП', objection: true, next: 'offer' }],
    },
    {
      id: 'offer',
      title: 'Предложение',
      text: 'Встреча на складе?',
      answers: [{ label: 'Да' }, { label: 'Нет' }],
    },
  ];

  it('refuses a branch to a step that does not exist, stores a valid graph, and the head edits it', async () => {
    const bad = await head.call('POST', '/api/v1/call-lists', {
      name: 'Плохой скрипт',
      managerIds: [anna.memberId],
      search: 'Сегмент',
      script: [{ id: 'a', title: 'A', text: '', answers: [{ label: 'x', next: 'nowhere' }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('script.0.answers.0.next');
    const res = await head.call('POST', '/api/v1/call-lists', {
      name: 'Со скриптом',
      managerIds: [anna.memberId],
      search: 'Сегмент',
      script,
    });
    expect(res.status).toBe(201);
    expect(res.body.script[0].answers[1]).toEqual({
      label: 'Дорого',
      objection: true,
      next: 'price',
    });
    const edited = await head.call('PATCH', `/api/v1/call-lists/${res.body.id}`, {
      script: [...script.slice(0, 3), { ...script[3], text: 'Встреча у вас на складе в четверг?' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.script[3].text).toMatch(/четверг/);
    const byManager = await anna.browser.call('PATCH', `/api/v1/call-lists/${res.body.id}`, {
      name: 'Моё',
    });
    expect(byManager.status).toBe(403);
  });

  it('keeps the branch taken with the call, checks it against the script, and sums branches per step', async () => {
    const list = (await head.call('GET', '/api/v1/call-lists')).body.items.find(
      (l: { name: string }) => l.name === 'Со скриптом',
    );
    const work = async (path: { stepId: string; answer: string }[], outcome: string) => {
      const n = (await anna.browser.call('POST', `/api/v1/call-lists/${list.id}/next`)).body;
      return anna.browser.call('POST', `/api/v1/call-lists/${list.id}/items/${n.item.id}/outcome`, {
        outcome,
        scriptPath: path,
        ...(outcome === 'meeting_booked'
          ? { callBackAt: new Date(Date.now() + 86_400_000).toISOString() }
          : {}),
      });
    };
    const wrong = await work([{ stepId: 'hello', answer: 'Не знаю' }], 'no_answer');
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('scriptPath.0.answer');
    const first = await work(
      [
        { stepId: 'hello', answer: 'Дорого' },
        { stepId: 'price', answer: 'Ок' },
        { stepId: 'offer', answer: 'Да' },
      ],
      'meeting_booked',
    );
    expect(first.status).toBe(200);
    expect(first.body.scriptPath).toHaveLength(3);
    const task = await anna.browser.call('GET', `/api/v1/tasks/${first.body.taskId}`);
    expect(task.body).toMatchObject({ kind: 'meeting', ownerId: anna.memberId });
    const second = await work(
      [
        { stepId: 'hello', answer: 'Дорого' },
        { stepId: 'price', answer: 'Ок' },
        { stepId: 'offer', answer: 'Нет' },
      ],
      'no_answer',
    );
    expect(second.status).toBe(200);
    const branches = await head.call('GET', `/api/v1/call-lists/${list.id}/branches`);
    expect(branches.body.items).toEqual(
      expect.arrayContaining([
        { stepId: 'hello', answer: 'Дорого', count: 2 },
        { stepId: 'offer', answer: 'Да', count: 1 },
        { stepId: 'offer', answer: 'Нет', count: 1 },
      ]),
    );
  });
});
