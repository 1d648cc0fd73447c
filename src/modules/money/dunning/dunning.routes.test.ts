import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSystemWorkspace } from '../../../platform/context.js';
import { rowsOf } from '../../../platform/db/rls.js';
import { enqueue, startJobRunner } from '../../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../../test/app.js';
import { expectProblem, signUp, type Browser } from '../../../test/client.js';
import { drainAndStop } from '../../../test/drain.js';
import { ok, ourEntity } from '../../documents/test-helpers.js';
import * as inbox from '../../inbox/service.js';
import { issueInvoice } from '../test-world.js';
import { dunningScan, dunningScanAll, dunningStep, scanWorkspace } from './service.js';

// The ladder end to end on a real database and a real SMTP server on loopback standing in for the
// team's mail server: reminders go through the workspace's e-mail channel and arrive with the
// invoice's facts filled in; the job runner is stopped and started again between scans.

const mails: ParsedMail[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, cb) {
    simpleParser(stream).then((m) => {
      mails.push(m);
      cb();
    }, cb);
  },
});

let env: TestEnv;
beforeAll(async () => {
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  // The sink listens on 127.0.0.1: the operator's setting for a mail server on a private network.
  env = await createTestApp({ VORONKA_MAIL_PRIVATE_HOSTS: 'allow' });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => sink.close(() => r()));
});

const DAY = 86_400_000;
const dayFromToday = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const runner = () =>
  startJobRunner(env.database.db, [dunningScanAll, dunningScan, dunningStep, inbox.inboxSend], {
    pollMs: 50,
  });

const ladder = {
  name: 'Стандартная',
  steps: [
    {
      offsetDays: 7,
      channels: ['email', 'task'],
      subject: 'Счёт № {{number}} просрочен на {{daysOverdue}} дн.',
      text: 'Неделя просрочки по счёту № {{number}}.',
    },
    {
      offsetDays: -3,
      channels: ['email'],
      subject: 'Скоро срок оплаты счёта № {{number}}',
      text: 'Напоминаем: счёт № {{number}} от {{date}} на {{amount}} нужно оплатить до {{dueDate}}.',
    },
    {
      offsetDays: 3,
      channels: ['email', 'task', 'messenger'],
      subject: 'Счёт № {{number}} просрочен',
      text: 'Здравствуйте, {{client}}! Счёт № {{number}} от {{date}} на {{amount}} просрочен на {{daysOverdue}} дн. (срок {{dueDate}}), к оплате {{openAmount}}. PDF: {{link}}',
    },
    {
      offsetDays: 0,
      channels: ['task'],
      subject: 'Сегодня срок по счёту № {{number}}',
      text: 'Срок оплаты сегодня.',
    },
  ],
};

type World = { owner: Browser; ws: string; entityId: string };

async function world(): Promise<World> {
  const owner = await signUp(env.app);
  const port = (sink.server.address() as { port: number }).port;
  const channel = await owner.call('POST', '/api/v1/channels', {
    kind: 'email',
    name: 'Почта отдела продаж',
    settings: {
      intakeAddress: `sales-${Math.random().toString(36).slice(2)}@voronka.test`,
      smtpHost: '127.0.0.1',
      smtpPort: port,
      smtpSecure: false,
      fromAddress: 'sales@romashka.ru',
      fromName: 'Отдел продаж',
    },
    secrets: {},
  });
  expect(channel.status).toBe(201);
  const entity = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
  return { owner, ws: owner.info.me!.workspace.id, entityId: entity.id };
}

async function client(w: World, name: string, email: string) {
  const company = await ok(await w.owner.call('POST', '/api/v1/companies', { name }), 201);
  const contact = await ok(
    await w.owner.call('POST', '/api/v1/contacts', {
      firstName: 'Ирина',
      companyId: company.id,
      emails: [{ address: email }],
    }),
    201,
  );
  contactOf.set(company.id, contact.id);
  return company.id as string;
}
const contactOf = new Map<string, string>();

const runs = async (ws: string) =>
  rowsOf<{ invoice_id: string; offset_days: number; status: string; note: string | null }>(
    await env.database.db.execute(
      sql`select invoice_id, offset_days, status, note from dunning_runs where workspace_id = ${ws} order by offset_days`,
    ),
  );

const scan = (ws: string) =>
  inSystemWorkspace(env.database.db, ws, (ctx) => scanWorkspace(ctx), { requestId: 'test' });

describe('dunning policies', () => {
  it('refuses a bad ladder naming the field, and stores nothing', async () => {
    const { owner } = await world();
    const twice = { ...ladder, steps: [ladder.steps[0], { ...ladder.steps[1], offsetDays: 7 }] };
    expectProblem(
      await owner.call('POST', '/api/v1/dunning-policies', twice),
      422,
      'dunning_policy.invalid',
      'steps.1.offsetDays',
    );
    const unknown = {
      ...ladder,
      steps: [{ ...ladder.steps[0], text: '{{constructor}} {{number}}' }],
    };
    expectProblem(
      await owner.call('POST', '/api/v1/dunning-policies', unknown),
      422,
      'dunning_policy.invalid',
      'steps.0.text',
    );
    const wrong = { ...ladder, steps: [{ ...ladder.steps[0], channels: ['fax'] }] };
    const res = await owner.call('POST', '/api/v1/dunning-policies', wrong);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('steps.0.channels');
    expect((await owner.call('GET', '/api/v1/dunning-policies')).body.items).toEqual([]);
  });

  it('keeps one default, sorts the steps by day and previews a step from an invoice', async () => {
    const w = await world();
    const first = await ok(await w.owner.call('POST', '/api/v1/dunning-policies', ladder), 201);
    expect(first.isDefault).toBe(true);
    expect(first.steps.map((s: { offsetDays: number }) => s.offsetDays)).toEqual([-3, 0, 3, 7]);
    const second = await ok(
      await w.owner.call('POST', '/api/v1/dunning-policies', {
        ...ladder,
        name: 'Жёсткая',
        isDefault: true,
      }),
      201,
    );
    const list = (await w.owner.call('GET', '/api/v1/dunning-policies')).body.items;
    expect(
      list.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: string }) => p.id),
    ).toEqual([second.id]);
    const companyId = await client(w, 'Вектор', 'buh@vector.ru');
    const inv = await issueInvoice(w.owner, w.entityId, {
      companyId,
      amount: 1_234_500,
      dueDate: '2026-12-11',
    });
    const preview = await ok(
      await w.owner.call('POST', '/api/v1/dunning-policies/preview', {
        subject: 'Счёт № {{number}}',
        text: 'На {{amount}} до {{dueDate}}: {{link}}',
        invoiceId: inv.id,
      }),
    );
    expect(preview.subject).toBe(`Счёт № ${inv.number}`);
    expect(preview.text).toMatch(
      /^На 12\u00a0345,00\u00a0₽ до 11\.12\.2026: http:\/\/voronka\.test\/api\/public\/documents\/.+\/pdf\?token=/,
    );
    expectProblem(
      await w.owner.call('POST', '/api/v1/dunning-policies/preview', {
        subject: '',
        text: '{{secret}}',
      }),
      422,
      'dunning_policy.invalid',
      'text',
    );
    await ok(await w.owner.call('DELETE', `/api/v1/dunning-policies/${first.id}`), 204);
    expectProblem(
      await w.owner.call('GET', `/api/v1/dunning-policies/${first.id}`),
      404,
      'dunning_policy.not_found',
    );
  });
});

describe('the dunning ladder', () => {
  it('fires each step once across two workers and a restarted runner, by e-mail with the invoice’s text', async () => {
    const w = await world();
    await ok(await w.owner.call('POST', '/api/v1/dunning-policies', ladder), 201);
    const companyId = await client(w, 'Лютик', 'buh@lutik.ru');
    // Due four days ago: steps −3, 0 and +3 have come; +3 fires, the earlier two are skipped.
    const inv = await issueInvoice(w.owner, w.entityId, {
      companyId,
      amount: 1_000_000,
      date: dayFromToday(-14),
      dueDate: dayFromToday(-4),
    });
    const hour = new Date().toISOString().slice(0, 13);
    await enqueue(env.database.db, dunningScanAll, { hour }, { key: `${w.ws}-${hour}` });
    await Promise.all([drainAndStop(runner()), drainAndStop(runner())]);
    // The runner is started again; a scan of a later hour and a worker that died after the step
    // but before marking its job done (the job runs again) change nothing.
    await enqueue(
      env.database.db,
      dunningScanAll,
      { hour: `${hour}x` },
      { key: `${w.ws}-${hour}x` },
    );
    await env.database.db.execute(
      sql`update jobs set state = 'queued', finished_at = null where name = 'money.dunning-step' and tenant_id = ${w.ws}`,
    );
    await drainAndStop(runner());
    expect(await runs(w.ws)).toEqual([
      { invoice_id: inv.id, offset_days: -3, status: 'skipped', note: 'a later step was due' },
      { invoice_id: inv.id, offset_days: 0, status: 'skipped', note: 'a later step was due' },
      {
        invoice_id: inv.id,
        offset_days: 3,
        status: 'sent',
        note: 'messenger: the client has no messenger conversation',
      },
    ]);
    const letters = mails.filter((m) => m.to && JSON.stringify(m.to).includes('buh@lutik.ru'));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toBe(`Счёт № ${inv.number} просрочен`);
    const due = dayFromToday(-4).split('-').reverse().join('.');
    expect(letters[0]!.text).toContain(
      `Здравствуйте, Лютик! Счёт № ${inv.number} от ${dayFromToday(-14).split('-').reverse().join('.')} на 10\u00a0000,00\u00a0₽ просрочен на 4 дн. (срок ${due}), к оплате 10\u00a0000,00\u00a0₽.`,
    );
    expect(letters[0]!.text).toMatch(
      /PDF: http:\/\/voronka\.test\/api\/public\/documents\/[\w-]+\/pdf\?token=/,
    );
    const tasks = (await w.owner.call('GET', `/api/v1/tasks?companyId=${companyId}`)).body.items;
    expect(tasks.map((t: { title: string }) => t.title)).toEqual([
      `Счёт № ${inv.number} просрочен`,
    ]);
    const timeline = (await w.owner.call('GET', `/api/v1/timeline?companyId=${companyId}`)).body
      .items;
    const entries = timeline.filter((a: { kind: string }) => a.kind === 'dunning');
    expect(entries).toHaveLength(1);
    expect(entries[0].data).toMatchObject({ invoiceId: inv.id, offsetDays: 3 });
    const state = await ok(
      await w.owner.call('GET', `/api/v1/companies/${companyId}/dunning-pause`),
    );
    expect(state.runs.map((r: { status: string }) => r.status)).toContain('sent');
  });

  it('writes in the client’s messenger conversation, where the client already talks to us', async () => {
    const w = await world();
    await ok(await w.owner.call('POST', '/api/v1/dunning-policies', ladder), 201);
    const companyId = await client(w, 'Сигма', 'buh@sigma.ru');
    // Telegram cannot be reached from the test: the inbox's demo stand-in channel records the send.
    const conversationId = await inSystemWorkspace(
      env.database.db,
      w.ws,
      async (ctx) => {
        const channelId = await inbox.seedDemoChannel(ctx, {
          kind: 'telegram',
          name: 'Бот отдела продаж',
          settings: {},
        });
        const [c] = await inbox.seedConversations(ctx, [
          {
            workspaceId: w.ws,
            id: crypto.randomUUID(),
            channelId,
            kind: 'telegram',
            threadKey: 'tg:42',
            contactId: contactOf.get(companyId)!,
            clientName: 'Ирина',
            clientAddress: '42',
          },
        ]);
        return c!.conversationId;
      },
      { requestId: 'test' },
    );
    const inv = await issueInvoice(w.owner, w.entityId, {
      companyId,
      amount: 300_000,
      dueDate: dayFromToday(-3),
    });
    expect(await scan(w.ws)).toBe(1);
    await drainAndStop(runner());
    const sent = rowsOf<{ text: string; status: string; direction: string }>(
      await env.database.db.execute(
        sql`select text, status, direction from messages where workspace_id = ${w.ws} and conversation_id = ${conversationId}`,
      ),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ direction: 'out', status: 'sent' });
    expect(sent[0]!.text).toContain(`Здравствуйте, Сигма! Счёт № ${inv.number}`);
    expect((await runs(w.ws)).find((r) => r.offset_days === 3)).toMatchObject({
      status: 'sent',
      note: null,
    });
  });

  it('stops at once when the invoice is paid, at the scan and at send time', async () => {
    const w = await world();
    await ok(await w.owner.call('POST', '/api/v1/dunning-policies', ladder), 201);
    const companyId = await client(w, 'Гамма', 'buh@gamma.ru');
    const paidFirst = await issueInvoice(w.owner, w.entityId, {
      companyId,
      amount: 500_000,
      dueDate: dayFromToday(3),
    });
    const paidLater = await issueInvoice(w.owner, w.entityId, {
      companyId,
      amount: 700_000,
      dueDate: dayFromToday(3),
    });
    const pay = (invoiceId: string, amountKopecks: number) =>
      w.owner.call('POST', '/api/v1/payments', {
        date: dayFromToday(0),
        amountKopecks,
        payerName: 'Гамма',
        companyId,
        allocations: [{ invoiceId, amountKopecks }],
      });
    await ok(await pay(paidFirst.id, 500_000), 201);
    expect(await scan(w.ws)).toBe(1);
    // Paid after the scan queued its step, before the worker ran it.
    await ok(await pay(paidLater.id, 700_000), 201);
    const before = mails.length;
    await drainAndStop(runner());
    expect(await runs(w.ws)).toEqual([
      {
        invoice_id: paidLater.id,
        offset_days: -3,
        status: 'stopped',
        note: 'the invoice is paid or cancelled',
      },
    ]);
    expect(mails.length).toBe(before);
    expect(await scan(w.ws)).toBe(0);
  });

  it('honours a pause: no step while paused, a queued step skipped; resume audited', async () => {
    const w = await world();
    await ok(await w.owner.call('POST', '/api/v1/dunning-policies', ladder), 201);
    const paused = await client(w, 'Дельта', 'buh@delta.ru');
    const later = await client(w, 'Омега', 'buh@omega.ru');
    await issueInvoice(w.owner, w.entityId, {
      companyId: paused,
      amount: 100_000,
      dueDate: dayFromToday(0),
    });
    const inv = await issueInvoice(w.owner, w.entityId, {
      companyId: later,
      amount: 200_000,
      dueDate: dayFromToday(0),
    });
    expectProblem(
      await w.owner.call('POST', `/api/v1/companies/${paused}/dunning-pause`, {
        reason: 'Обещали оплатить',
        until: new Date(Date.now() - DAY).toISOString(),
      }),
      422,
      'dunning_pause.invalid',
      'until',
    );
    const bad = await w.owner.call('POST', `/api/v1/companies/${paused}/dunning-pause`, {
      reason: '',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    const state = await ok(
      await w.owner.call('POST', `/api/v1/companies/${paused}/dunning-pause`, {
        reason: 'Обещали оплатить до пятницы',
        until: new Date(Date.now() + 3 * DAY).toISOString(),
      }),
    );
    expect(state.pause).toMatchObject({
      reason: 'Обещали оплатить до пятницы',
      pausedBy: w.owner.info.me!.member.id,
    });
    expect(await scan(w.ws)).toBe(1);
    // The other client is paused after its step was queued: the worker skips it.
    await ok(
      await w.owner.call('POST', `/api/v1/companies/${later}/dunning-pause`, {
        reason: 'Спор по акту',
      }),
    );
    const before = mails.length;
    await drainAndStop(runner());
    expect(mails.length).toBe(before);
    expect(await runs(w.ws)).toEqual([
      { invoice_id: inv.id, offset_days: -3, status: 'skipped', note: 'a later step was due' },
      { invoice_id: inv.id, offset_days: 0, status: 'skipped', note: 'paused: Спор по акту' },
    ]);
    const resumed = await ok(
      await w.owner.call('DELETE', `/api/v1/companies/${paused}/dunning-pause`),
    );
    expect(resumed.pause).toBeNull();
    expect(await scan(w.ws)).toBe(1);
    const audit = (await w.owner.call('GET', '/api/v1/audit?entity=finance')).body.items;
    const actions = audit.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['dunning.paused', 'dunning.resumed']));
    expectProblem(
      await w.owner.call(
        'GET',
        '/api/v1/companies/0190a6f0-0000-7000-8000-000000000000/dunning-pause',
      ),
      404,
      'company.not_found',
    );
  });
});
