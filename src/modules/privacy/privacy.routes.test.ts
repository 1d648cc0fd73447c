import { sql } from 'drizzle-orm';
import unzipper from 'unzipper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, call, expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { addWorkingDays } from './clock.js';
import { privacyExport } from './service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const drain = () => drainAndStop(startJobRunner(env.database.db, [privacyExport], { pollMs: 20 }));
const CONSENT = 'Согласен на обработку персональных данных';

type Person = { contactId: string; leadId: string; name: string; phone: string; email: string };

// A person seeded the way they arrive: a website form (request, conversation, message, consent),
// converted into a contact with a company and a deal, plus a task and a colleague's note naming them.
async function seedPerson(ws: Browser, n: number): Promise<Person> {
  const name = `Зинаида Кукушкина${n}`;
  const phone = `+7912555${String(1000 + n).slice(-4)}`;
  const email = `zina${n}.k@example.org`;
  const form = await ws.call('POST', '/api/v1/forms', {
    name: `Форма ${n}`,
    fields: [
      { key: 'name', label: 'Имя', type: 'text', required: true },
      { key: 'phone', label: 'Телефон', type: 'phone', required: true },
      { key: 'email', label: 'E-mail', type: 'email' },
      { key: 'comment', label: 'Комментарий', type: 'textarea' },
    ],
    consentText: CONSENT,
    thankYou: 'Спасибо!',
  });
  expect(form.status).toBe(201);
  const sub = await call(
    env.app,
    'POST',
    `/api/public/forms/${form.body.publicKey}/submissions`,
    { name, phone, email, comment: `Перезвоните на ${phone}, я ${name}`, consent: true },
    {},
    { remoteAddress: '203.0.113.9' },
  );
  expect([200, 201]).toContain(sub.status);
  const leads = await ws.call('GET', `/api/v1/leads?limit=200`);
  const lead = leads.body.items.find((l: { contactName: string }) => l.contactName === name);
  const conv = await ws.call('POST', `/api/v1/leads/${lead.id}/convert`, {
    contact: { create: {} },
    company: { create: { name: `ООО «Кукушка ${n}»` } },
    deal: { create: { title: `Стеллажи для ${name}` } },
  });
  expect(conv.status, JSON.stringify(conv.body)).toBe(200);
  const task = await ws.call('POST', '/api/v1/tasks', {
    kind: 'call',
    title: `Позвонить: ${name}, ${email}`,
    contactId: conv.body.contactId,
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return { contactId: conv.body.contactId, leadId: lead.id, name, phone, email };
}

// Every text, JSON and text-array column of every table in the database, searched for a string.
async function tablesHolding(needle: string): Promise<string[]> {
  const cols = rowsOf<{ table_name: string; column_name: string; udt_name: string }>(
    await env.database.db.execute(sql`
      select c.table_name, c.column_name, c.udt_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema
        and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.udt_name in ('text', 'varchar', 'jsonb', 'json', '_text', 'tsvector')`),
  );
  const hits = new Set<string>();
  for (const c of cols) {
    const col = `"${c.column_name}"`;
    const expr = c.udt_name === '_text' ? `array_to_string(${col}, ' ')` : `${col}::text`;
    const res = rowsOf<{ n: number }>(
      await env.database.db.execute(
        sql.raw(
          `select count(*)::int as n from "${c.table_name}" where ${expr} ilike '%${needle.replace(/'/g, "''")}%'`,
        ),
      ),
    );
    if (res[0]!.n > 0) hits.add(`${c.table_name}.${c.column_name}`);
  }
  return [...hits];
}

describe('consent log', () => {
  it('shows the form consent, records a withdrawal and turns the contact’s flag off', async () => {
    const ws = await signUp(env.app);
    const p = await seedPerson(ws, 1);
    const log = await ws.call('GET', `/api/v1/contacts/${p.contactId}/consents`);
    expect(log.status).toBe(200);
    expect(log.body.consent).toBe('given');
    expect(log.body.items).toEqual([
      expect.objectContaining({
        kind: 'given',
        source: 'form',
        text: CONSENT,
        ip: '203.0.113.9',
        origin: 'form',
        leadId: p.leadId,
      }),
    ]);
    const w = await ws.call('POST', `/api/v1/contacts/${p.contactId}/consents`, {
      kind: 'withdrawn',
      purpose: 'рассылки',
    });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    expect(w.body.consent).toBe('withdrawn');
    expect(w.body.items[0]).toMatchObject({
      kind: 'withdrawn',
      purpose: 'рассылки',
      source: 'manual',
      origin: 'log',
    });
    const contact = await ws.call('GET', `/api/v1/contacts/${p.contactId}`);
    expect(contact.body.consent).toBe('withdrawn');
    // A consent signed on paper last year, entered late, does not override the newer withdrawal.
    const old = await ws.call('POST', `/api/v1/contacts/${p.contactId}/consents`, {
      kind: 'given',
      source: 'import',
      at: '2025-01-10T10:00:00Z',
    });
    expect(old.body.consent).toBe('withdrawn');
    expect(old.body.items).toHaveLength(3);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const ws = await signUp(env.app);
    const p = await seedPerson(ws, 2);
    expectProblem(
      await ws.call('POST', `/api/v1/contacts/${p.contactId}/consents`, { kind: 'maybe' }),
      400,
      'request.invalid',
      'kind',
    );
    expectProblem(
      await ws.call('POST', `/api/v1/contacts/${p.contactId}/consents`, {
        kind: 'given',
        at: '2999-01-01T00:00:00Z',
      }),
      400,
      'request.invalid',
      'at',
    );
    const log = await ws.call('GET', `/api/v1/contacts/${p.contactId}/consents`);
    expect(log.body.items).toHaveLength(1);
  });
});

describe('the legal clock', () => {
  it('counts 10 working days over the New Year holidays in Moscow', () => {
    // Received on Friday 26 December 2025: working days are Dec 29, 30, then Jan 12–16, 19, 20, 21
    // (Dec 31 and Jan 1–11 are off) — due at the end of Wednesday 21 January 2026.
    const due = addWorkingDays(new Date('2025-12-26T12:00:00+03:00'), 10, 'Europe/Moscow');
    expect(due.toISOString()).toBe('2026-01-21T21:00:00.000Z');
  });

  it('registers a request with its deadline, extends it once with a reason, flags overdue', async () => {
    const ws = await signUp(env.app);
    const p = await seedPerson(ws, 3);
    const r = await ws.call('POST', '/api/v1/privacy/requests', {
      contactId: p.contactId,
      kind: 'correction',
      receivedAt: '2025-12-26T09:00:00Z',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      status: 'open',
      dueAt: '2026-01-21T21:00:00.000Z',
      overdue: true,
      extended: false,
    });
    const e = await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/extend`, {
      reason: 'Запрошены документы у субъекта',
    });
    expect(e.body).toMatchObject({ extended: true, dueAt: '2026-01-28T21:00:00.000Z' });
    expectProblem(
      await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/extend`, { reason: 'ещё раз' }),
      409,
      'privacy_request.state',
      'reason',
    );
    const overdue = await ws.call('GET', '/api/v1/privacy/requests?overdue=true');
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    const c = await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/close`, {
      status: 'done',
      answer: 'Исправлено',
    });
    expect(c.body).toMatchObject({ status: 'done', overdue: false });
    expectProblem(
      await ws.call('POST', '/api/v1/privacy/requests', { contactId: p.contactId, kind: 'delete' }),
      400,
      'request.invalid',
      'kind',
    );
  });

  it('is for owner and admin only, and one workspace never sees another’s', async () => {
    const ws = await signUp(env.app);
    const other = await signUp(env.app);
    const p = await seedPerson(ws, 4);
    const r = await ws.call('POST', '/api/v1/privacy/requests', {
      contactId: p.contactId,
      kind: 'access',
    });
    const managerm = await addMember(env.app, ws, 'manager');
    const manager = managerm.browser;
    const headm = await addMember(env.app, ws, 'head');
    const head = headm.browser;
    const adminm = await addMember(env.app, ws, 'admin');
    const admin = adminm.browser;
    expectProblem(await manager.call('GET', '/api/v1/privacy/requests'), 403, 'auth.forbidden');
    expectProblem(
      await head.call('GET', `/api/v1/contacts/${p.contactId}/consents`),
      403,
      'auth.forbidden',
    );
    expect((await admin.call('GET', `/api/v1/privacy/requests/${r.body.id}`)).status).toBe(200);
    expectProblem(
      await other.call('GET', `/api/v1/privacy/requests/${r.body.id}`),
      404,
      'privacy_request.not_found',
    );
    expect((await other.call('GET', '/api/v1/privacy/requests')).body.items).toEqual([]);
    expectProblem(
      await other.call('POST', '/api/v1/privacy/requests', {
        contactId: p.contactId,
        kind: 'erasure',
      }),
      404,
      'contact.not_found',
      'contactId',
    );
  });
});

describe('access and erasure', () => {
  it('exports everything about the person as a ZIP of JSON, with progress', async () => {
    const ws = await signUp(env.app);
    const p = await seedPerson(ws, 5);
    await seedPerson(ws, 6);
    const r = await ws.call('POST', '/api/v1/privacy/requests', {
      contactId: p.contactId,
      kind: 'access',
    });
    const started = await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/export`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.export).toMatchObject({ status: 'queued' });
    expectProblem(
      await ws.call('GET', `/api/v1/privacy/requests/${r.body.id}/export/file`),
      409,
      'privacy_request.state',
    );
    await drain();
    const done = await ws.call('GET', `/api/v1/privacy/requests/${r.body.id}`);
    expect(done.body.export.status).toBe('done');
    expect(done.body.export.done).toBe(done.body.export.total);
    const file = await env.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/requests/${r.body.id}/export/file`,
      headers: { cookie: ws.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/zip');
    const zip = await unzipper.Open.buffer(file.rawPayload);
    const names = zip.files.map((f) => f.path);
    for (const t of [
      'contact.json',
      'company.json',
      'consents.json',
      'tables/leads.json',
      'tables/conversations.json',
      'tables/messages.json',
      'tables/tasks.json',
      'tables/form_submissions.json',
    ])
      expect(names).toContain(t);
    const all = (
      await Promise.all(zip.files.map(async (f) => (await f.buffer()).toString('utf8')))
    ).join('\n');
    expect(all).toContain(p.email);
    // Nobody else's data: the other person seeded alongside is not in it.
    expect(all).not.toContain('zina6.k@example.org');
    // Only an access request exports.
    const c = await ws.call('POST', '/api/v1/privacy/requests', {
      contactId: p.contactId,
      kind: 'correction',
    });
    expectProblem(
      await ws.call('POST', `/api/v1/privacy/requests/${c.body.id}/export`),
      409,
      'privacy_request.state',
      'id',
    );
  });

  it('erases the person: their phone, e-mail and name are found nowhere in the database afterwards', async () => {
    const ws = await signUp(env.app);
    const p = await seedPerson(ws, 7);
    const keep = await seedPerson(ws, 8);
    const r = await ws.call('POST', '/api/v1/privacy/requests', {
      contactId: p.contactId,
      kind: 'erasure',
    });
    expectProblem(
      await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/erase`, {
        confirm: 'кто-то другой',
      }),
      422,
      'privacy_request.confirmation',
      'confirm',
    );
    expect(await tablesHolding(p.email)).not.toEqual([]);
    const res = await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/erase`, {
      confirm: p.name,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.request.erasedAt).not.toBeNull();
    for (const needle of [p.email, p.phone, p.phone.slice(1), p.phone.slice(2), p.name])
      expect(await tablesHolding(needle), needle).toEqual([]);
    // The other person is untouched.
    expect(await tablesHolding(keep.email)).not.toEqual([]);
    const card = await ws.call('GET', `/api/v1/contacts/${p.contactId}`);
    expect(card.body).toMatchObject({
      fullName: 'Удалённый контакт',
      phones: [],
      emails: [],
      consent: 'withdrawn',
    });
    // Irreversible and once: a second erasure is refused.
    expectProblem(
      await ws.call('POST', `/api/v1/privacy/requests/${r.body.id}/erase`, {
        confirm: 'Удалённый контакт',
      }),
      409,
      'privacy_request.state',
    );
    const audit = await ws.call('GET', '/api/v1/audit?limit=200');
    expect(JSON.stringify(audit.body)).toContain('privacy.erased');
  });
});

describe('access log and hand-over', () => {
  it('records every card view and export, searchable by member', async () => {
    const ws = await signUp(env.app);
    const p = await seedPerson(ws, 9);
    const managerm = await addMember(env.app, ws, 'admin');
    const manager = managerm.browser;
    await manager.call('GET', `/api/v1/contacts/${p.contactId}`);
    await manager.call('GET', `/api/v1/contacts/${p.contactId}/vcard`);
    const exp = await ws.call('GET', '/api/v1/contacts/export?format=csv');
    expect(exp.status).toBe(200);
    const mine = await ws.call('GET', `/api/v1/privacy/access-log?memberId=${managerm.memberId}`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((x: { how: string }) => x.how).sort()).toEqual(['vcard', 'view']);
    expect(mine.body.items[0]).toMatchObject({
      recordId: p.contactId,
      recordName: p.name,
      entity: 'contacts',
    });
    const exports = await ws.call(
      'GET',
      `/api/v1/privacy/access-log?how=export&recordId=${p.contactId}`,
    );
    expect(exports.body.items).toHaveLength(1);
    const page1 = await ws.call('GET', '/api/v1/privacy/access-log?limit=1');
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await ws.call(
      'GET',
      `/api/v1/privacy/access-log?limit=1&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expectProblem(
      await ws.call('GET', '/api/v1/privacy/access-log?cursor=zzz'),
      400,
      'request.invalid',
      'cursor',
    );
  });

  it('hands a leaving manager’s clients over in turn and deactivates them', async () => {
    const ws = await signUp(env.app);
    const leaverm = await addMember(env.app, ws, 'manager');
    const leaver = leaverm.browser;
    const am = await addMember(env.app, ws, 'manager');
    const bm = await addMember(env.app, ws, 'manager');
    const leaverId = leaverm.memberId;
    for (const name of ['ООО «Альфа»', 'ООО «Бета»', 'ООО «Гамма»'])
      await leaver.call('POST', '/api/v1/companies', { name });
    await leaver.call('POST', '/api/v1/contacts', { firstName: 'Олег' });
    const preview = await ws.call('GET', `/api/v1/privacy/handover?memberId=${leaverId}`);
    expect(preview.body).toMatchObject({ active: true, counts: { companies: 3, contacts: 1 } });
    expectProblem(
      await ws.call('POST', '/api/v1/privacy/handover', {
        fromMemberId: leaverId,
        toMemberIds: [leaverId],
      }),
      422,
      'handover.invalid',
      'toMemberIds',
    );
    const aId = am.memberId;
    const bId = bm.memberId;
    const res = await ws.call('POST', '/api/v1/privacy/handover', {
      fromMemberId: leaverId,
      toMemberIds: [aId, bId],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      moved: { companies: 3, contacts: 1 },
      perReceiver: { [aId]: 2, [bId]: 2 },
      deactivated: true,
    });
    const after = await ws.call('GET', `/api/v1/privacy/handover?memberId=${leaverId}`);
    expect(after.body).toMatchObject({ active: false, counts: { companies: 0, contacts: 0 } });
    const other = await signUp(env.app);
    expectProblem(
      await other.call('GET', `/api/v1/privacy/handover?memberId=${leaverId}`),
      404,
      'user.not_found',
    );
  });
});
