import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, call, signUp, type Browser } from '../../test/client.js';

// A request from a website form, answered and converted: what the conversation, the contact, the
// deal and their timelines say afterwards (links, the visitor's consent, the whole story).

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const CONSENT = 'Я согласен на обработку персональных данных';
const fields = [
  { key: 'name', label: 'Имя', type: 'text', required: true },
  { key: 'phone', label: 'Телефон', type: 'phone', required: true },
  { key: 'email', label: 'E-mail', type: 'email' },
  { key: 'comment', label: 'Комментарий', type: 'textarea' },
];

async function createForm(by: Browser) {
  const res = await by.call('POST', '/api/v1/forms', {
    name: 'Заявка с сайта',
    fields,
    consentText: CONSENT,
    thankYou: 'Спасибо!',
  });
  if (res.status !== 201) throw new Error(`form create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; publicKey: string; channelId: string; consentVersion: number };
}

// A visitor's submission from their own address; answers the conversation (with its request).
async function submit(
  by: Browser,
  form: { publicKey: string; channelId: string },
  values: Record<string, unknown>,
  ip: string,
) {
  const res = await call(
    env.app,
    'POST',
    `/api/public/forms/${form.publicKey}/submissions`,
    values,
    {},
    { remoteAddress: ip },
  );
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  const inbox = await by.call('GET', `/api/v1/inbox?channelId=${form.channelId}&sort=recent`);
  const summary = inbox.body.items[0];
  return (await by.call('GET', `/api/v1/conversations/${summary.id}`)).body;
}

describe('a converted website request', () => {
  it('links the conversation to the contact, company and deal it became', async () => {
    const ws = await signUp(env.app);
    const form = await createForm(ws);
    const conv = await submit(
      ws,
      form,
      {
        name: 'Анна Смирнова',
        phone: '+7 912 300-40-50',
        comment: 'Нужны стеллажи складские, 12 штук',
        consent: true,
      },
      '203.0.113.7',
    );
    expect(conv.contact).toBeNull();
    const res = await ws.call('POST', `/api/v1/leads/${conv.lead.id}/convert`, {
      contact: { create: {} },
      company: { create: { name: 'ООО «Склад»' } },
      deal: { create: { title: 'Стеллажи складские' } },
    });
    expect(res.status).toBe(200);
    const after = await ws.call('GET', `/api/v1/conversations/${conv.id}`);
    expect(after.body).toMatchObject({
      contact: { id: res.body.contactId, name: 'Анна Смирнова' },
      company: { id: res.body.companyId, name: 'ООО «Склад»' },
      deal: { id: res.body.dealId, name: 'Стеллажи складские' },
      lead: { id: conv.lead.id, status: 'converted' },
    });
    // The list says it too: the client is known now.
    const list = await ws.call('GET', `/api/v1/inbox?channelId=${form.channelId}`);
    expect(list.body.items.find((c: { id: string }) => c.id === conv.id).contact).toEqual({
      id: res.body.contactId,
      name: 'Анна Смирнова',
    });
  });

  it('carries the consent ticked on the form (text version, time, IP) to the request and the contact', async () => {
    const ws = await signUp(env.app);
    const form = await createForm(ws);
    const before = Date.now();
    const conv = await submit(
      ws,
      form,
      { name: 'Пётр Орлов', phone: '+7 912 300-40-51', consent: true },
      '203.0.113.8',
    );
    const lead = (await ws.call('GET', `/api/v1/leads/${conv.lead.id}`)).body;
    expect(lead.consent).toMatchObject({
      version: 1,
      text: CONSENT,
      ip: '203.0.113.8',
      formId: form.id,
      formName: 'Заявка с сайта',
    });
    const res = await ws.call('POST', `/api/v1/leads/${conv.lead.id}/convert`, {
      contact: { create: {} },
      company: null,
    });
    const contact = (await ws.call('GET', `/api/v1/contacts/${res.body.contactId}`)).body;
    expect(contact.consent).toBe('given');
    expect(contact.consentRecord).toMatchObject({
      version: 1,
      text: CONSENT,
      ip: '203.0.113.8',
      formId: form.id,
      leadId: conv.lead.id,
    });
    expect(new Date(contact.consentRecord.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Changed by hand, the consent no longer claims the form's record.
    const withdrawn = await ws.call('PATCH', `/api/v1/contacts/${contact.id}`, {
      consent: 'withdrawn',
    });
    expect(withdrawn.body).toMatchObject({ consent: 'withdrawn', consentRecord: null });
  });

  it('records the consent on a known contact the request was matched to, at once', async () => {
    const ws = await signUp(env.app);
    const known = (
      await ws.call('POST', '/api/v1/contacts', {
        firstName: 'Ирина',
        phones: [{ number: '+7 912 300-40-52' }],
      })
    ).body;
    expect(known.consent).toBe('unknown');
    const form = await createForm(ws);
    const conv = await submit(
      ws,
      form,
      { name: 'Ирина', phone: '8 912 300 40 52', consent: true },
      '203.0.113.9',
    );
    expect(conv.contact).toMatchObject({ id: known.id });
    const contact = (await ws.call('GET', `/api/v1/contacts/${known.id}`)).body;
    expect(contact).toMatchObject({
      consent: 'given',
      consentRecord: { version: 1, ip: '203.0.113.9', leadId: conv.lead.id },
    });
    // Converting onto the existing contact keeps it.
    await ws.call('POST', `/api/v1/leads/${conv.lead.id}/convert`, {
      contact: { existingId: known.id },
      company: null,
    });
    expect((await ws.call('GET', `/api/v1/contacts/${known.id}`)).body.consentRecord).toMatchObject(
      { ip: '203.0.113.9' },
    );
  });

  it('keeps the consent and its record when the contact is merged into one whose consent is unknown', async () => {
    const ws = await signUp(env.app);
    const form = await createForm(ws);
    const conv = await submit(
      ws,
      form,
      { name: 'Глеб Жук', phone: '+7 912 300-40-55', consent: true },
      '203.0.113.12',
    );
    const converted = (
      await ws.call('POST', `/api/v1/leads/${conv.lead.id}/convert`, {
        contact: { create: {} },
        company: null,
      })
    ).body;
    const older = (
      await ws.call('POST', '/api/v1/contacts', { firstName: 'Глеб', lastName: 'Жук' })
    ).body;
    const merged = await ws.call('POST', `/api/v1/contacts/${older.id}/merge`, {
      otherId: converted.contactId,
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      consent: 'given',
      consentRecord: { ip: '203.0.113.12', leadId: conv.lead.id },
    });
  });

  it('tells the whole story on the contact and deal timelines, and lists the contact’s deals', async () => {
    const ws = await signUp(env.app);
    const form = await createForm(ws);
    const conv = await submit(
      ws,
      form,
      {
        name: 'Олег Ким',
        phone: '+7 912 300-40-53',
        comment: 'Сколько стоит доставка кресел?',
        consent: true,
      },
      '203.0.113.10',
    );
    const reply = await ws.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Добрый день! Доставка бесплатная.',
      route: { via: 'call' },
    });
    expect(reply.status).toBe(201);
    const task = await ws.call('POST', '/api/v1/tasks', {
      title: 'Перезвонить',
      kind: 'call',
      leadId: conv.lead.id,
      dueAt: new Date().toISOString(),
    });
    expect(task.status).toBe(201);
    const res = await ws.call('POST', `/api/v1/leads/${conv.lead.id}/convert`, {
      contact: { create: {} },
      company: null,
      deal: { create: { title: 'Кресла' } },
    });
    const { contactId, dealId } = res.body;

    const ofContact = (await ws.call('GET', `/api/v1/timeline?contactId=${contactId}`)).body
      .items as {
      id: string;
      kind: string;
      body: string | null;
      leadId: string | null;
      data: Record<string, unknown>;
    }[];
    expect(ofContact.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['request', 'message', 'conversion']),
    );
    expect(ofContact.find((a) => a.kind === 'request')).toMatchObject({
      leadId: conv.lead.id,
      body: expect.stringContaining('Сколько стоит доставка'),
    });
    const messages = ofContact.filter((a) => a.kind === 'message');
    // The message that raised the request is the request entry; it is not shown twice.
    expect(messages.map((m) => m.data.direction)).toEqual(['out']);
    expect(messages.find((m) => m.data.direction === 'out')).toMatchObject({
      body: 'Добрый день! Доставка бесплатная.',
      data: { conversationId: conv.id },
    });

    const ofDeal = (await ws.call('GET', `/api/v1/timeline?dealId=${dealId}`)).body.items as {
      kind: string;
      body: string | null;
    }[];
    expect(ofDeal.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['request', 'message', 'conversion']),
    );
    expect(ofDeal.find((a) => a.kind === 'conversion')).toMatchObject({ body: 'Кресла' });
    // The request's task follows it to the deal.
    const dealTasks = (await ws.call('GET', `/api/v1/tasks?dealId=${dealId}`)).body.items;
    expect(dealTasks.map((t: { id: string }) => t.id)).toContain(task.body.id);

    // Newest first across all kinds, and paging through it yields each entry once.
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await ws.call(
          'GET',
          `/api/v1/timeline?contactId=${contactId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).body;
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(ofContact.map((a) => a.id));

    const deals = (await ws.call('GET', `/api/v1/deals?contactId=${contactId}`)).body.items;
    expect(deals.map((d: { id: string }) => d.id)).toEqual([dealId]);
  });

  it('shows a manager who sees only their own requests none of another’s messages', async () => {
    const ws = await signUp(env.app);
    const form = await createForm(ws);
    const conv = await submit(
      ws,
      form,
      { name: 'Вера Лис', phone: '+7 912 300-40-54', comment: 'Секретный вопрос', consent: true },
      '203.0.113.11',
    );
    // The owner's request and conversation: a manager who sees only their own does not see them.
    const mine = ws.info.me!.member.id;
    await ws.call('PATCH', `/api/v1/leads/${conv.lead.id}`, { assigneeId: mine });
    await ws.call('PATCH', `/api/v1/conversations/${conv.id}`, { assigneeId: mine });
    const res = await ws.call('POST', `/api/v1/leads/${conv.lead.id}/convert`, {
      contact: { create: {} },
      company: null,
    });
    const manager = await addMember(env.app, ws, 'manager');
    // The client is handed to the manager: they see the contact, but not the owner's request or its messages.
    await ws.call('PATCH', `/api/v1/contacts/${res.body.contactId}`, { ownerId: manager.memberId });
    const seen = await manager.browser.call(
      'GET',
      `/api/v1/timeline?contactId=${res.body.contactId}`,
    );
    expect(seen.status).toBe(200);
    const kinds = (seen.body.items as { kind: string }[]).map((a) => a.kind);
    expect(kinds).not.toContain('message');
    expect(kinds).not.toContain('request');
  });
});
