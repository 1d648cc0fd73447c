import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { enqueue, startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { dealWorld, ok } from '../documents/test-helpers.js';
import { pdfText } from '../print/test-tools.js';
import { retentionRun } from './service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

// Ages rows the way time would: the privileged connection moves their activity back.
const age = (table: string, column: string, id: string, months: number) =>
  env.database.db.execute(
    sql.raw(
      `update "${table}" set "${column}" = now() - interval '${months} months' where id = '${id}'`,
    ),
  );

async function holding(needle: string, table: string): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await env.database.db.execute(
      sql.raw(`select count(*)::int as n from "${table}" t where t::text ilike '%${needle}%'`),
    ),
  );
  return r!.n;
}

async function lead(ws: Browser, name: string, phone: string, email: string) {
  return ok(
    await ws.call('POST', '/api/v1/leads', {
      channel: 'phone',
      title: `Звонок: ${name}`,
      message: `Перезвонить ${name} на ${phone}`,
      contactName: name,
      contactPhone: phone,
      contactEmail: email,
    }),
    201,
  );
}

describe('retention rules', () => {
  it('erase what is older than the rule and nothing else, keep issued documents, and write the act', async () => {
    const ws = await signUp(env.app);
    // Requests without a deal: one 13 months old, one 2 months old.
    const oldLead = await lead(ws, 'Аркадий Старов', '+79161110001', 'starov@example.org');
    const newLead = await lead(ws, 'Борис Новиков', '+79161110002', 'novikov@example.org');
    await age('leads', 'updated_at', oldLead.id, 13);
    await age('leads', 'updated_at', newLead.id, 2);
    // Contacts: an old one without deals (named on an issued invoice of another deal), an old one
    // with a deal, a recent one without deals.
    const mk = async (firstName: string, lastName: string, phone: string) =>
      ok(
        await ws.call('POST', '/api/v1/contacts', {
          firstName,
          lastName,
          phones: [{ number: phone }],
        }),
        201,
      );
    const quiet = await mk('Виталий', 'Тишкин', '+79161110003');
    const client = await mk('Галина', 'Сделкина', '+79161110004');
    const fresh = await mk('Дарья', 'Свежева', '+79161110005');
    const { entity, deal } = await dealWorld(ws);
    await ok(await ws.call('PATCH', `/api/v1/deals/${deal.id}`, { contactIds: [client.id] }));
    const doc = await ok(
      await ws.call('POST', '/api/v1/documents', {
        dealId: deal.id,
        type: 'invoice',
        legalEntityId: entity.id,
        notes: 'Доверенное лицо: Виталий Тишкин, +79161110003',
      }),
      201,
    );
    await ok(await ws.call('POST', `/api/v1/documents/${doc.id}/status`, { status: 'issued' }));
    for (const c of [quiet, client]) await age('contacts', 'updated_at', c.id, 40);
    await age('contacts', 'updated_at', fresh.id, 5);

    // Rules set in the app: requests 12 months, contacts 36 months; conversations off.
    const bad = await ws.call('PUT', '/api/v1/privacy/retention', {
      rules: [{ kind: 'leads', months: 0, enabled: true }],
    });
    expectProblem(bad, 400, 'request.invalid');
    expect(JSON.stringify(bad.body)).toContain('months');
    const set = await ok(
      await ws.call('PUT', '/api/v1/privacy/retention', {
        rules: [
          { kind: 'leads', months: 12, enabled: true },
          { kind: 'contacts', months: 36, enabled: true },
          { kind: 'conversations', months: 6, enabled: false },
        ],
      }),
    );
    expect(set.items).toEqual([
      expect.objectContaining({ kind: 'leads', months: 12, enabled: true, due: 1 }),
      expect.objectContaining({ kind: 'conversations', enabled: false, due: 0 }),
      expect.objectContaining({ kind: 'contacts', months: 36, enabled: true, due: 1 }),
    ]);

    // The durable job (as the nightly schedule enqueues it) does the work.
    await enqueue(
      env.database.db,
      retentionRun,
      { day: '2026-12-04' },
      {
        workspaceId: ws.info.me!.workspace.id,
        key: 't',
      },
    );
    await drainAndStop(startJobRunner(env.database.db, [retentionRun], { pollMs: 20 }));

    // Erased: the old request and the quiet contact — their identifiers are gone from the tables…
    for (const needle of ['Старов', '79161110001', 'starov@example.org'])
      for (const t of ['leads', 'audit_log', 'jobs'])
        expect(await holding(needle, t), `${needle} in ${t}`).toBe(0);
    expect(await holding('Тишкин', 'contacts')).toBe(0);
    expect(await holding('79161110003', 'contact_points')).toBe(0);
    const gone = await ok(await ws.call('GET', `/api/v1/contacts/${quiet.id}`));
    expect(gone.fullName).toBe('Удалённый контакт');
    // …but the issued invoice keeps what it printed.
    const kept = await ok(await ws.call('GET', `/api/v1/documents/${doc.id}`));
    expect(kept.notes).toContain('Виталий Тишкин, +79161110003');
    // Untouched: the recent request, the client with a deal, the recent contact.
    expect((await ok(await ws.call('GET', `/api/v1/leads/${newLead.id}`))).contactName).toBe(
      'Борис Новиков',
    );
    expect((await ok(await ws.call('GET', `/api/v1/contacts/${client.id}`))).fullName).toBe(
      'Сделкина Галина',
    );
    expect((await ok(await ws.call('GET', `/api/v1/contacts/${fresh.id}`))).fullName).toBe(
      'Свежева Дарья',
    );

    // The act lists what was destroyed, and a second run destroys nothing again.
    const acts = await ok(await ws.call('GET', '/api/v1/privacy/destruction-acts'));
    expect(acts.items).toHaveLength(1);
    const act = acts.items[0];
    expect(act).toMatchObject({ number: 1 });
    expect(act.items).toEqual([
      expect.objectContaining({ kind: 'leads', months: 12, records: 1 }),
      expect.objectContaining({ kind: 'contacts', months: 36, records: 1 }),
    ]);
    expect(act.responsibleName).toBeTruthy();
    expect(act.changed.documents).toBeUndefined();
    const pdf = await env.app.inject({
      method: 'GET',
      url: `/api/v1/privacy/destruction-acts/${act.id}/pdf`,
      headers: { cookie: ws.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    for (const s of [
      'Акт об уничтожении персональных данных № 1',
      'Заявки без сделки и без контакта',
      'Контакты без сделок',
      '12 мес.',
      '36 мес.',
      '152-ФЗ',
      act.responsibleName,
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('Тишкин');
    const again = await ok(await ws.call('POST', '/api/v1/privacy/retention/run'));
    expect(again.act).toBeNull();
    const rules = await ok(await ws.call('GET', '/api/v1/privacy/retention'));
    expect(rules.items.map((r: { due: number }) => r.due)).toEqual([0, 0, 0]);
  });

  it('is for the privacy roles only, and never crosses workspaces', async () => {
    const ws = await signUp(env.app);
    const manager = (await addMember(env.app, ws, 'manager')).browser;
    expectProblem(await manager.call('GET', '/api/v1/privacy/retention'), 403, 'auth.forbidden');
    expectProblem(
      await manager.call('POST', '/api/v1/privacy/retention/run'),
      403,
      'auth.forbidden',
    );
    const other = await signUp(env.app);
    const mine = await lead(ws, 'Евгений Чужих', '+79161110009', 'chuzhih@example.org');
    await age('leads', 'updated_at', mine.id, 30);
    await ok(
      await other.call('PUT', '/api/v1/privacy/retention', {
        rules: [{ kind: 'leads', months: 1, enabled: true }],
      }),
    );
    const run = await ok(await other.call('POST', '/api/v1/privacy/retention/run'));
    expect(run.act).toBeNull();
    expect((await ok(await ws.call('GET', `/api/v1/leads/${mine.id}`))).contactName).toBe(
      'Евгений Чужих',
    );
  });
});
