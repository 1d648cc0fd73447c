import nodemailer, { type Transporter } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as inbox from '../../modules/inbox/service.js';
import { startLeadTimers } from '../../modules/routing/timers.js';
import { rowsOf } from '../../platform/db/rls.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, call, expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { startSmtpIntake } from './inbound.js';
import { allowPrivateMailHosts } from './mail-host.js';
import type { SmtpListener } from './smtp-listener.js';
import { createEmailChannel } from './test-helpers.js';

// A reply to a website-form request. A form has no way back to the client of its own: the reply
// goes by e-mail through the team's mailbox (real SMTP via nodemailer to a local smtp-server
// standing in for the team's mail server), threaded so that the client's answer — delivered into
// Voronka's own SMTP listener — lands in the same conversation. A reply the server refuses is
// failed with the reason, its author and the assignee are told, and it is not a first response;
// retried and accepted, it is, and the SLA report credits the member who answered.

type Received = { mail: ParsedMail; rcpt: string[] };
const received: Received[] = [];
let refusing = false;
let sink: SMTPServer;
let sinkPort: number;

async function startSink() {
  sink = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (refusing)
        return cb(Object.assign(new Error('5.7.1 relaying denied'), { responseCode: 554 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received.push({ mail, rcpt: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  sinkPort = (sink.server.address() as { port: number }).port;
}

let env: TestEnv;
let owner: Browser;
let ws: string;
let assignee: Awaited<ReturnType<typeof addMember>>;
let colleague: Awaited<ReturnType<typeof addMember>>;
let mailbox: string;
let form: { id: string; publicKey: string; channelId: string };
let smtp: SmtpListener;
let client: Transporter;
const intake = 'sales@crm.romashka.ru';

beforeAll(async () => {
  allowPrivateMailHosts(true);
  await startSink();
  // The sink listens on 127.0.0.1: the operator's setting for a mail server on a private network.
  env = await createTestApp({
    VORONKA_MAIL_DOMAINS: 'crm.romashka.ru',
    VORONKA_MAIL_PRIVATE_HOSTS: 'allow',
  });
  owner = await signUp(env.app);
  ws = owner.info.me!.workspace.id;
  assignee = await addMember(env.app, owner, 'manager');
  // An admin sees every conversation: they answer one assigned to someone else.
  colleague = await addMember(env.app, owner, 'admin');
  // Every request goes to `assignee` with an hour to answer.
  await owner.call('POST', '/api/v1/routing-rules', {
    name: 'Анне',
    strategy: 'named',
    memberId: assignee.memberId,
  });
  await owner.call('POST', '/api/v1/sla-policies', { name: 'Час', responseSeconds: 3600 });
  form = (
    await owner.call('POST', '/api/v1/forms', {
      name: 'Заявка с сайта',
      fields: [
        { key: 'name', label: 'Имя', type: 'text', required: true },
        { key: 'phone', label: 'Телефон', type: 'phone' },
        { key: 'email', label: 'E-mail', type: 'email' },
        { key: 'comment', label: 'Комментарий', type: 'textarea' },
      ],
      consentText: 'Я согласен на обработку персональных данных',
    })
  ).body;
  smtp = await startSmtpIntake(env.database.db, { host: '127.0.0.1', port: 0, tls: null });
  client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  allowPrivateMailHosts(false);
  await smtp?.close();
  await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
  await env?.close();
});

const runJobs = () => drainAndStop(startJobRunner(env.database.db, [inbox.inboxSend]));
const route = () => drainAndStop(startLeadTimers(env.database.db, { pollMs: 60_000 }));

async function submit(values: Record<string, string>) {
  const res = await call(env.app, 'POST', `/api/public/forms/${form.publicKey}/submissions`, {
    ...values,
    consent: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  await route();
  const list = await owner.call(
    'GET',
    `/api/v1/inbox?channelId=${form.channelId}&sort=recent&limit=1`,
  );
  return list.body.items[0] as { id: string; leadId: string };
}

const conversation = async (id: string, by: Browser = owner) =>
  (await by.call('GET', `/api/v1/conversations/${id}`)).body;
const messageCount = async () =>
  Number(
    rowsOf<{ n: number }>(
      await env.database.db.execute(
        sql`select count(*)::int as n from messages where workspace_id = ${ws} and direction = 'out'`,
      ),
    )[0]!.n,
  );
const lead = async (id: string) =>
  (await owner.call('GET', `/api/v1/leads/${id}`)).body as {
    firstRespondedAt: string | null;
    firstRespondedBy?: string | null;
  };

describe('a reply to a website request', () => {
  it('says plainly when there is no way back, and refuses a reply without one (422 naming the field), storing nothing', async () => {
    const c = await submit({ name: 'Без контактов', comment: 'Перезвоните' });
    const options = (await owner.call('GET', `/api/v1/conversations/${c.id}/reply-options`)).body;
    expect(options.routes).toEqual([]);
    expect(options.missing).toEqual(
      expect.arrayContaining(['no_email_address', 'no_outgoing_mail', 'no_phone']),
    );
    const before = await messageCount();
    const refused = await owner.call('POST', `/api/v1/conversations/${c.id}/messages`, {
      text: 'Здравствуйте!',
    });
    expectProblem(refused, 422, 'reply.route_required', 'route');
    expect(refused.body.detail).toMatch(/no way to reach this client/);
    expectProblem(
      await owner.call('POST', `/api/v1/conversations/${c.id}/messages`, {
        text: 'Здравствуйте!',
        route: { via: 'call' },
      }),
      422,
      'reply.route_unavailable',
      'route',
    );
    expect(await messageCount()).toBe(before);
    expect((await lead(c.leadId)).firstRespondedAt).toBeNull();
  });

  it('offers e-mail through the mailbox with outgoing mail and a logged call; the form itself is not a way', async () => {
    mailbox = (
      await createEmailChannel(owner, {
        intakeAddress: intake,
        smtpHost: '127.0.0.1',
        smtpPort: sinkPort,
        smtpSecure: false,
        fromAddress: 'sales@romashka.ru',
        fromName: 'Отдел продаж «Ромашки»',
      })
    ).id;
    // A mailbox without outgoing mail is not offered.
    await createEmailChannel(
      owner,
      { intakeAddress: 'info@crm.romashka.ru' },
      {},
      'Только входящие',
    );
    const c = await submit({
      name: 'Мария',
      phone: '8 912 345-67-89',
      email: 'Maria@Example.ru',
      comment: 'Нужна доставка',
    });
    const options = (await owner.call('GET', `/api/v1/conversations/${c.id}/reply-options`)).body;
    expect(options.routes).toEqual([
      {
        via: 'email',
        channelId: mailbox,
        channelName: 'Почта отдела продаж',
        to: 'maria@example.ru',
      },
      { via: 'call', to: '+79123456789' },
    ]);
    expect(options.missing).toEqual(['no_sms_provider']);
    const before = await messageCount();
    expectProblem(
      await owner.call('POST', `/api/v1/conversations/${c.id}/messages`, { text: 'Здравствуйте!' }),
      422,
      'reply.route_required',
      'route',
    );
    expectProblem(
      await owner.call('POST', `/api/v1/conversations/${c.id}/messages`, {
        text: 'Здравствуйте!',
        route: { via: 'email', channelId: mailbox, to: 'stranger@evil.example' },
      }),
      422,
      'reply.route_unavailable',
      'route.to',
    );
    expectProblem(
      await owner.call('POST', `/api/v1/conversations/${c.id}/messages`, {
        text: 'Здравствуйте!',
        route: { via: 'email', channelId: form.channelId },
      }),
      422,
      'reply.route_unavailable',
      'route.channelId',
    );
    expect(await messageCount()).toBe(before);
  });

  it('a refused e-mail is failed with the reason, told to the author and the assignee, and is no first response; retried, it is delivered, threaded, and credited to who answered', async () => {
    const c = await submit({
      name: 'Пётр',
      email: 'petr@stroy.ru',
      comment: 'Сколько стоит доставка в Казань?',
    });
    expect((await conversation(c.id)).assigneeId).toBe(assignee.memberId);
    const events: inbox.InboxEvent[] = [];
    const off = inbox.subscribe(ws, (e) => events.push(e));
    refusing = true;
    // The colleague answers the request assigned to `assignee`.
    const sent = await colleague.browser.call('POST', `/api/v1/conversations/${c.id}/messages`, {
      text: 'Доставка в Казань — 5 000 ₽.',
      route: { via: 'email', channelId: mailbox },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'queued',
      delivery: { via: 'email', to: 'petr@stroy.ru' },
      channelId: mailbox,
    });
    // Queued is not answered.
    expect((await lead(c.leadId)).firstRespondedAt).toBeNull();
    await runJobs();
    const out = (await conversation(c.id)).messages.find(
      (m: { id: string }) => m.id === sent.body.id,
    );
    expect(out).toMatchObject({ status: 'failed' });
    expect(out.error).toMatch(/SMTP 554/);
    await vi.waitFor(() =>
      expect(events.find((e) => e.type === 'inbox.delivery_failed')).toMatchObject({
        conversationId: c.id,
        messageId: sent.body.id,
      }),
    );
    const told = events.find((e) => e.type === 'inbox.delivery_failed') as { memberIds: string[] };
    expect(told.memberIds.sort()).toEqual([assignee.memberId, colleague.memberId].sort());
    off();
    expect((await lead(c.leadId)).firstRespondedAt).toBeNull();
    const timers = rowsOf<{ kind: string }>(
      await env.database.db.execute(
        sql`select kind from lead_timers where workspace_id = ${ws} and lead_id = ${c.leadId}`,
      ),
    );
    expect(timers.map((t) => t.kind)).toEqual(['warn']);

    refusing = false;
    const retried = await colleague.browser.call(
      'POST',
      `/api/v1/conversations/${c.id}/messages/${sent.body.id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('queued');
    // (On a shared PostgreSQL another test file's job runner may take the job first: wait for it.)
    await runJobs();
    await vi.waitFor(async () =>
      expect(
        (await conversation(c.id)).messages.find((m: { id: string }) => m.id === sent.body.id),
      ).toMatchObject({ status: 'sent', error: null }),
    );
    expectProblem(
      await colleague.browser.call(
        'POST',
        `/api/v1/conversations/${c.id}/messages/${sent.body.id}/retry`,
      ),
      409,
      'message.not_retryable',
    );

    const mail = received.at(-1)!;
    expect(mail.rcpt).toEqual(['petr@stroy.ru']);
    expect(mail.mail.subject).toBe('Re: Заявка с сайта');
    expect(mail.mail.from?.value[0]).toMatchObject({
      address: 'sales@romashka.ru',
      name: 'Отдел продаж «Ромашки»',
    });
    expect(mail.mail.replyTo?.value[0]?.address).toBe(intake);
    expect(mail.mail.messageId).toBe(`<voronka.${sent.body.id}@romashka.ru>`);
    expect(mail.mail.text?.trim()).toBe('Доставка в Казань — 5 000 ₽.');

    // Sent: the first response, by the colleague who answered.
    const answered = await lead(c.leadId);
    expect(answered.firstRespondedAt).not.toBeNull();
    const [by] = rowsOf<{ first_responded_by: string }>(
      await env.database.db.execute(
        sql`select first_responded_by from lead_routing where workspace_id = ${ws} and lead_id = ${c.leadId}`,
      ),
    );
    expect(by!.first_responded_by).toBe(colleague.memberId);
    const report = (await owner.call('GET', '/api/v1/reports/sla?by=manager')).body as {
      rows: { key: string; assignments: number; responded: number }[];
    };
    expect(report.rows.find((r) => r.key === colleague.memberId)).toMatchObject({
      assignments: 1,
      responded: 1,
    });
    // The assignee keeps the requests nobody answered (the two above), not this one.
    expect(report.rows.find((r) => r.key === assignee.memberId)).toMatchObject({ responded: 0 });

    // The client answers our e-mail (their mailer quotes our Message-ID): the same conversation.
    const conversationsBefore = Number(
      rowsOf<{ n: number }>(
        await env.database.db.execute(
          sql`select count(*)::int as n from conversations where workspace_id = ${ws}`,
        ),
      )[0]!.n,
    );
    const answer = await client.sendMail({
      from: 'petr@stroy.ru',
      to: intake,
      subject: 'Re: Заявка с сайта',
      text: 'Спасибо, оформляем заказ',
      inReplyTo: mail.mail.messageId,
      references: [mail.mail.messageId!],
    });
    const thread = await conversation(c.id);
    expect(
      thread.messages.map(
        (m: { direction: string; text: string }) => `${m.direction}:${m.text.split('\n')[0]}`,
      ),
    ).toEqual([
      expect.stringMatching(/^in:/),
      'out:Доставка в Казань — 5 000 ₽.',
      'in:Спасибо, оформляем заказ',
    ]);
    expect(thread.unread).toBeGreaterThan(0);
    expect(
      Number(
        rowsOf<{ n: number }>(
          await env.database.db.execute(
            sql`select count(*)::int as n from conversations where workspace_id = ${ws}`,
          ),
        )[0]!.n,
      ),
    ).toBe(conversationsBefore);
    // A follow-up raises no second request.
    expect(
      (await owner.call('GET', '/api/v1/leads?limit=100')).body.items.filter(
        (l: { contactEmail: string | null }) => l.contactEmail === 'petr@stroy.ru',
      ),
    ).toHaveLength(1);

    // Our next reply by e-mail answers the client's message in the same thread.
    const second = await colleague.browser.call('POST', `/api/v1/conversations/${c.id}/messages`, {
      text: 'Счёт во вложении',
      route: { via: 'email', channelId: mailbox },
    });
    await runJobs();
    await vi.waitFor(() =>
      expect(received.at(-1)!.mail.messageId).toBe(`<voronka.${second.body.id}@romashka.ru>`),
    );
    const next = received.at(-1)!;
    expect(next.mail.messageId).toBe(`<voronka.${second.body.id}@romashka.ru>`);
    expect(next.mail.inReplyTo).toBe(answer.messageId);
  });

  it('a call logged as the reply is answered at once, by the member who called', async () => {
    const c = await submit({ name: 'Олег', phone: '+7 912 000-11-22' });
    const logged = await colleague.browser.call('POST', `/api/v1/conversations/${c.id}/messages`, {
      text: 'Позвонил, договорились о встрече',
      route: { via: 'call' },
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({
      status: 'sent',
      delivery: { via: 'call', to: '+79120001122' },
    });
    expect((await lead(c.leadId)).firstRespondedAt).not.toBeNull();
    const mails = received.length;
    await runJobs();
    expect(received).toHaveLength(mails);
    expect(
      (await conversation(c.id)).messages.find((m: { id: string }) => m.id === logged.body.id),
    ).toMatchObject({ status: 'sent' });
  });
});
