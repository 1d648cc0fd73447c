import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inbox from '../../modules/inbox/service.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { startSmtpIntake } from './inbound.js';
import { allowPrivateMailHosts } from './mail-host.js';
import { replySubject } from './outbound.js';
import type { SmtpListener } from './smtp-listener.js';
import { conversationsOf, createEmailChannel } from './test-helpers.js';

// A reply from Voronka goes out over real SMTP (nodemailer) to a local smtp-server standing in for
// the team's mail server, which checks the login and records what it got. The client's mail comes
// in through Voronka's own listener, as in intake.test.ts.

type Received = { mail: ParsedMail; rcpt: string[]; user: string | null };
const received: Received[] = [];
let sink: SMTPServer;
let sinkPort: number;

async function startSink() {
  sink = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'crm@romashka.ru' && auth.password === 'smtp-secret')
        return cb(null, { user: auth.username });
      cb(Object.assign(new Error('5.7.8 bad credentials'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('gone@'))
        return cb(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received.push({
          mail,
          rcpt: session.envelope.rcptTo.map((r) => r.address),
          user: (session.user as string) ?? null,
        });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  sinkPort = (sink.server.address() as { port: number }).port;
}

let env: TestEnv;
let owner: Browser;
let channelId: string;
let smtp: SmtpListener;
let client: Transporter;
const intake = 'sales@crm.romashka.ru';

beforeAll(async () => {
  // The stand-in mail server listens on 127.0.0.1, which channels may reach only when allowed.
  allowPrivateMailHosts(true);
  await startSink();
  // The sink listens on 127.0.0.1: the operator's setting for a mail server on a private network.
  env = await createTestApp({
    VORONKA_MAIL_DOMAINS: 'crm.romashka.ru',
    VORONKA_MAIL_PRIVATE_HOSTS: 'allow',
  });
  owner = await signUp(env.app);
  channelId = (
    await createEmailChannel(
      owner,
      {
        intakeAddress: intake,
        smtpHost: '127.0.0.1',
        smtpPort: sinkPort,
        smtpSecure: false,
        smtpUser: 'crm@romashka.ru',
        fromAddress: 'sales@romashka.ru',
        fromName: 'Отдел продаж «Ромашки»',
      },
      { smtpPassword: 'smtp-secret' },
    )
  ).id;
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

async function clientWrites(
  from: string,
  subject: string,
  text: string,
  extra: Partial<SendMailOptions> = {},
) {
  const info = await client.sendMail({ from, to: intake, subject, text, ...extra });
  const conv = (await conversationsOf(owner, channelId)).find((c) => c.clientAddress === from);
  return { messageId: info.messageId, conv: conv! };
}

async function reply(conversationId: string, text: string) {
  const res = await owner.call('POST', `/api/v1/conversations/${conversationId}/messages`, {
    text,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('replies by e-mail', () => {
  it('sends the reply in the client’s thread through the team’s SMTP server, and the client’s answer threads back', async () => {
    const first = await clientWrites(
      'ivanov@stroy.ru',
      'Счёт на оплату',
      'Пришлите счёт, пожалуйста',
    );
    const sent = await reply(first.conv.id, 'Добрый день! Счёт во вложении.');
    expect(await runJobs()).toBe(1);
    const out = received.at(-1)!;
    expect(out.user).toBe('crm@romashka.ru');
    expect(out.rcpt).toEqual(['ivanov@stroy.ru']);
    expect(out.mail.subject).toBe('Re: Счёт на оплату');
    expect(out.mail.from?.value[0]).toMatchObject({
      address: 'sales@romashka.ru',
      name: 'Отдел продаж «Ромашки»',
    });
    expect(out.mail.inReplyTo).toBe(first.messageId);
    expect([out.mail.references].flat()).toContain(first.messageId);
    expect(out.mail.messageId).toBe(`<voronka.${sent.id}@romashka.ru>`);
    expect(out.mail.replyTo?.value[0]?.address).toBe(intake);
    expect(out.mail.text?.trim()).toBe('Добрый день! Счёт во вложении.');

    let conv = (await conversationsOf(owner, channelId)).find((c) => c.id === first.conv.id)!;
    expect(conv.messages.map((m) => [m.direction, m.status])).toEqual([
      ['in', 'received'],
      ['out', 'sent'],
    ]);
    // A repeated job delivery sends nothing twice.
    expect(await runJobs()).toBe(0);
    expect(received.filter((r) => r.mail.messageId === out.mail.messageId)).toHaveLength(1);

    // The client answers our reply (their mailer quotes our Message-ID only).
    await client.sendMail({
      from: 'ivanov@stroy.ru',
      to: intake,
      subject: 'Re: Re: Счёт на оплату',
      text: 'Оплатили',
      inReplyTo: out.mail.messageId,
      references: [out.mail.messageId!],
    });
    conv = (await conversationsOf(owner, channelId)).find((c) => c.id === first.conv.id)!;
    expect(conv.messages.map((m) => m.text)).toEqual([
      'Пришлите счёт, пожалуйста',
      'Добрый день! Счёт во вложении.',
      'Оплатили',
    ]);
    expect(
      (await conversationsOf(owner, channelId)).filter(
        (c) => c.clientAddress === 'ivanov@stroy.ru',
      ),
    ).toHaveLength(1);
  });

  it('marks a reply failed with the server’s reason when the recipient is refused for good', async () => {
    const first = await clientWrites('gone@stroy.ru', 'Вопрос', 'Есть ли скидки?');
    await reply(first.conv.id, 'Да, 5% от 100 000 ₽');
    await runJobs();
    const conv = (await conversationsOf(owner, channelId)).find((c) => c.id === first.conv.id)!;
    const out = conv.messages.find((m) => m.direction === 'out')!;
    expect(out.status).toBe('failed');
    expect(out.error).toMatch(/SMTP 550/);
  });

  it('refuses to connect to a private address unless the operator allows it', async () => {
    allowPrivateMailHosts(false);
    try {
      const first = await clientWrites('private@stroy.ru', 'Ещё вопрос', 'Когда доставка?');
      await reply(first.conv.id, 'Завтра');
      await runJobs();
      const conv = (await conversationsOf(owner, channelId)).find((c) => c.id === first.conv.id)!;
      const out = conv.messages.find((m) => m.direction === 'out')!;
      expect(out.status).toBe('failed');
      expect(out.error).toMatch(/VORONKA_MAIL_PRIVATE_HOSTS=allow/);
      expect(received.some((r) => r.rcpt.includes('private@stroy.ru'))).toBe(false);
    } finally {
      allowPrivateMailHosts(true);
    }
  });

  it('prefixes Re: once', () => {
    expect(replySubject('Счёт')).toBe('Re: Счёт');
    expect(replySubject('RE: Счёт')).toBe('RE: Счёт');
    expect(replySubject('Ответ: Счёт')).toBe('Ответ: Счёт');
    expect(replySubject('Счёт\r\nBcc: evil@example.org')).toBe('Re: Счёт Bcc: evil@example.org');
    expect(replySubject(null)).toBe('Re:');
  });
});
