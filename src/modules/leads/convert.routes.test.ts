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

const buildLead = async (b: Browser, overrides: Record<string, unknown> = {}) => {
  const res = await b.call('POST', '/api/v1/leads', {
    title: 'Кресла в офис',
    contactName: 'Олег Иванов',
    contactPhone: '+7 912 000-11-22',
    contactEmail: 'oleg@kresla.ru',
    companyName: 'ООО «Офис»',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body;
};

describe('converting a lead', () => {
  it('creates contact, company and deal in one go and links them to the lead', async () => {
    const lead = await buildLead(owner);
    const res = await owner.call('POST', `/api/v1/leads/${lead.id}/convert`, {
      contact: { create: { firstName: 'Олег', lastName: 'Иванов' } },
      company: { create: { name: 'ООО «Офис»' } },
      deal: { create: { title: 'Кресла, 40 шт.', amount: 48000000, currency: 'RUB' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      contact: { id: res.body.contactId },
      company: { id: res.body.companyId },
      deal: { id: res.body.dealId, name: 'Кресла, 40 шт.' },
    });
    const contact = (await owner.call('GET', `/api/v1/contacts/${res.body.contactId}`)).body;
    expect(contact).toMatchObject({
      fullName: expect.stringContaining('Олег'),
      companyId: res.body.companyId,
    });
    expect(contact.phones.map((p: { number: string }) => p.number)).toEqual(['+79120001122']);
    const deal = (await owner.call('GET', `/api/v1/deals/${res.body.dealId}`)).body;
    expect(deal).toMatchObject({ amount: 48000000, companyId: res.body.companyId });
    const timeline = await owner.call('GET', `/api/v1/timeline?dealId=${res.body.dealId}`);
    expect(timeline.body.items.map((a: { kind: string }) => a.kind)).toContain('conversion');
  });

  it('answers 409 when converting a converted lead, and changes nothing', async () => {
    const lead = await buildLead(owner, { contactPhone: null, contactEmail: null });
    const body = { contact: { create: { firstName: 'Пётр' } }, company: null, deal: null };
    expect((await owner.call('POST', `/api/v1/leads/${lead.id}/convert`, body)).status).toBe(200);
    const before = (await owner.call('GET', '/api/v1/contacts?limit=200')).body.items.length;
    expectProblem(
      await owner.call('POST', `/api/v1/leads/${lead.id}/convert`, body),
      409,
      'lead.already_converted',
    );
    expect((await owner.call('GET', '/api/v1/contacts?limit=200')).body.items.length).toBe(before);
  });

  it('matches a later lead to the contact by phone and links it on convert', async () => {
    const ws = await signUp(env.app);
    const first = await buildLead(ws, { contactPhone: '89125550000' });
    const conv = (
      await ws.call('POST', `/api/v1/leads/${first.id}/convert`, {
        contact: { create: {} },
        company: null,
      })
    ).body;
    const second = await buildLead(ws, { contactPhone: '+7 (912) 555-00-00', contactEmail: null });
    expect(second).toMatchObject({ matchedContact: true, contact: { id: conv.contactId } });
    const res = await ws.call('POST', `/api/v1/leads/${second.id}/convert`, {
      contact: { existingId: conv.contactId },
      company: null,
    });
    expect(res.body).toMatchObject({ contactId: conv.contactId, companyId: null, dealId: null });
  });

  it('rolls everything back when a part fails', async () => {
    const ws = await signUp(env.app);
    const lead = await buildLead(ws);
    const res = await ws.call('POST', `/api/v1/leads/${lead.id}/convert`, {
      contact: { create: { firstName: 'Олег' } },
      company: { existingId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.status).toBe(404);
    expect(res.body.field).toBe('company.existingId');
    expect((await ws.call('GET', '/api/v1/contacts')).body.items).toEqual([]);
    expect((await ws.call('GET', `/api/v1/leads/${lead.id}`)).body.status).toBe('new');
  });

  it('refuses to convert junk until it is reopened', async () => {
    const lead = await buildLead(owner, { contactPhone: null, contactEmail: null });
    await owner.call('PATCH', `/api/v1/leads/${lead.id}`, { status: 'junk' });
    expectProblem(
      await owner.call('POST', `/api/v1/leads/${lead.id}/convert`, {
        contact: { create: { firstName: 'Спам' } },
      }),
      409,
      'lead.not_convertible',
    );
  });

  it('needs the right to create what it creates, checked before anything is written', async () => {
    const ws = await signUp(env.app);
    const assistant = await addMember(env.app, ws, 'assistant');
    const roles = (await ws.call('GET', '/api/v1/roles')).body.items;
    const matrix = roles.find((r: { key: string }) => r.key === 'assistant').permissions;
    await ws.call('PUT', '/api/v1/roles/assistant', {
      permissions: { ...matrix, deals: { ...matrix.deals, create: false } },
    });
    const lead = await buildLead(ws, { assigneeId: assistant.memberId });
    const res = await assistant.browser.call('POST', `/api/v1/leads/${lead.id}/convert`, {
      contact: { create: { firstName: 'Олег' } },
      deal: { create: { title: 'Сделка', amount: 100 } },
    });
    expectProblem(res, 403, 'auth.forbidden');
    expect((await ws.call('GET', '/api/v1/contacts')).body.items).toEqual([]);
  });
});
