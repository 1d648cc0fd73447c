import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem, signUp, type Browser } from '../../test/client.js';
import { startSmtpIntake } from './inbound.js';
import type { SmtpListener } from './smtp-listener.js';
import { conversationsOf, createEmailChannel, leadsOf } from './test-helpers.js';

// Real SMTP end to end: nodemailer → Voronka's listener (smtp-server) → the inbox in the test
// database (PGlite, or PostgreSQL with VORONKA_TEST_DATABASE_URL), read back through the API.

const fixture = (name: string) =>
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

let env: TestEnv;
let owner: Browser;
let channelId: string;
let smtp: SmtpListener;
let transport: Transporter;
const intake = 'sales@crm.example.ru';

beforeAll(async () => {
  env = await createTestApp({ VORONKA_MAIL_DOMAINS: 'crm.example.ru, mail.voronka.example' });
  owner = await signUp(env.app);
  channelId = (await createEmailChannel(owner, { intakeAddress: intake })).id;
  smtp = await startSmtpIntake(env.database.db, { host: '127.0.0.1', port: 0, tls: null });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    pool: false,
  });
});
afterAll(async () => {
  await smtp?.close();
  await env?.close();
});

const conversationWith = async (subject: string) =>
  (await conversationsOf(owner, channelId)).find((c) => c.subject === subject);

describe('e-mail intake over SMTP', () => {
  it('turns a Cyrillic message with a Cyrillic-named attachment into a conversation and a request', async () => {
    const info = await transport.sendMail({
      from: '"Иван Иванов" <ivanov@romashka.ru>',
      to: 'Sales@Crm.Example.ru',
      subject: 'Запрос КП на поставку труб Ø57 — ООО «Ромашка»',
      text: 'Здравствуйте! Пришлите КП на 200 м трубы. Телефон +7 912 345-67-89',
      html: '<p>Здравствуйте! Пришлите <b>КП</b> на 200 м трубы.</p><script>alert(1)</script>',
      attachments: [
        {
          filename: 'Реквизиты ООО «Ромашка».pdf',
          content: Buffer.from('%PDF-1.4 реквизиты'),
          contentType: 'application/pdf',
        },
      ],
    });
    expect(info.accepted).toHaveLength(1);
    const conv = await conversationWith('Запрос КП на поставку труб Ø57 — ООО «Ромашка»');
    expect(conv).toBeDefined();
    expect(conv!.clientName).toBe('Иван Иванов');
    expect(conv!.clientAddress).toBe('ivanov@romashka.ru');
    expect(conv!.messages).toHaveLength(1);
    const [msg] = conv!.messages;
    expect(msg!.text).toContain('Пришлите КП на 200 м трубы');
    expect(msg!.html).toContain('<b>КП</b>');
    expect(msg!.html).not.toContain('script');
    expect(msg!.attachments).toMatchObject([
      { name: 'Реквизиты ООО «Ромашка».pdf', type: 'application/pdf' },
    ]);
    const file = await env.app.inject({
      method: 'GET',
      url: `/api/v1/files/${msg!.attachments[0]!.fileId}`,
      headers: { cookie: owner.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('utf8')).toBe('%PDF-1.4 реквизиты');
    const lead = (await leadsOf(owner)).find((l) => l.id === conv!.leadId);
    expect(lead).toMatchObject({
      channel: 'email',
      title: 'Запрос КП на поставку труб Ø57 — ООО «Ромашка»',
      contactEmail: 'ivanov@romashka.ru',
      contactName: 'Иван Иванов',
    });
    expect(info.messageId).toMatch(/^<.+>$/);
  });

  it('puts a reply into the conversation it answers, without a second request', async () => {
    const first = await transport.sendMail({
      from: 'petrov@stroy.ru',
      to: intake,
      subject: 'Доставка в Казань',
      text: 'Сколько стоит доставка?',
    });
    const reply = await transport.sendMail({
      from: 'petrov@stroy.ru',
      to: intake,
      subject: 'Re: Доставка в Казань',
      text: 'И ещё: нужен ли пропуск?',
      inReplyTo: first.messageId,
      references: [first.messageId],
    });
    expect(reply.accepted).toHaveLength(1);
    const conv = await conversationWith('Доставка в Казань');
    expect(conv!.messages.map((m) => m.text)).toEqual([
      'Сколько стоит доставка?',
      'И ещё: нужен ли пропуск?',
    ]);
    expect(
      (await conversationsOf(owner, channelId)).filter(
        (c) => c.clientAddress === 'petrov@stroy.ru',
      ),
    ).toHaveLength(1);
    expect((await leadsOf(owner)).filter((l) => l.contactEmail === 'petrov@stroy.ru')).toHaveLength(
      1,
    );
  });

  it('keeps replies to a first letter it never received (sent from a personal mailbox) in one conversation', async () => {
    const root = '<from-personal-mailbox@romashka.ru>';
    await transport.sendMail({
      from: 'sidorov@zavod.ru',
      to: intake,
      subject: 'Re: Договор поставки',
      text: 'Договор подписали',
      inReplyTo: root,
      references: [root],
    });
    const second = await transport.sendMail({
      from: 'sidorov@zavod.ru',
      to: intake,
      subject: 'Re: Договор поставки',
      text: 'И ещё приложение',
      inReplyTo: root,
      references: [root],
      cc: 'boss@zavod.ru',
    });
    await transport.sendMail({
      from: 'boss@zavod.ru',
      to: intake,
      subject: 'Re: Договор поставки',
      text: 'Согласовано',
      inReplyTo: second.messageId,
      references: [root, second.messageId],
    });
    const convs = (await conversationsOf(owner, channelId)).filter(
      (c) => c.subject === 'Re: Договор поставки',
    );
    expect(convs).toHaveLength(1);
    expect(convs[0]!.messages.map((m) => m.text)).toEqual([
      'Договор подписали',
      'И ещё приложение',
      'Согласовано',
    ]);
  });

  it('stores the same Message-ID delivered twice once', async () => {
    const mail = {
      from: 'twice@example.org',
      to: intake,
      subject: 'Повтор',
      text: 'Одно письмо',
      messageId: '<retry-1@example.org>',
    };
    await transport.sendMail(mail);
    await transport.sendMail(mail);
    const conv = await conversationWith('Повтор');
    expect(conv!.messages).toHaveLength(1);
    expect(
      (await leadsOf(owner)).filter((l) => l.contactEmail === 'twice@example.org'),
    ).toHaveLength(1);
  });

  it('stores a message without Message-ID once when the same bytes come again', async () => {
    const raw = fixture('no-message-id-cp1251.eml');
    await transport.sendMail({ envelope: { from: 'noreply@romashka-site.ru', to: [intake] }, raw });
    await transport.sendMail({ envelope: { from: 'noreply@romashka-site.ru', to: [intake] }, raw });
    const conv = await conversationWith('Заявка с сайта');
    expect(conv!.messages).toHaveLength(1);
    expect(conv!.clientAddress).toBe('maria@example.org');
  });

  it('refuses an unknown recipient with 550 and stores nothing', async () => {
    const before = (await conversationsOf(owner, channelId)).length;
    await expect(
      transport.sendMail({
        from: 'x@example.org',
        to: 'nobody@crm.example.ru',
        subject: 'Кому-нибудь',
        text: '?',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(await conversationsOf(owner, channelId)).toHaveLength(before);
  });

  it('keeps auto-replies and bounces in their thread without raising requests', async () => {
    const leadsBefore = (await leadsOf(owner)).length;
    const ours = await transport.sendMail({
      from: 'client@partner.ru',
      to: intake,
      subject: 'Сверка',
      text: 'Пришлите акт сверки',
    });
    const leadsAfterFirst = (await leadsOf(owner)).length;
    expect(leadsAfterFirst).toBe(leadsBefore + 1);
    // An out-of-office answer to the thread, and one that threads nowhere.
    await transport.sendMail({
      from: 'client@partner.ru',
      to: intake,
      subject: 'Автоответ: Сверка',
      text: 'Я в отпуске до 14 декабря',
      inReplyTo: ours.messageId,
      references: [ours.messageId],
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await transport.sendMail({
      envelope: { from: 'manager@yandex.ru', to: [intake] },
      raw: fixture('autoreply-yandex.eml'),
    });
    // A delivery report, sent as MTAs do with the null sender.
    await transport.sendMail({
      envelope: { from: '', to: [intake] },
      raw: fixture('bounce-postfix.eml'),
    });
    expect((await leadsOf(owner)).length).toBe(leadsAfterFirst);
    const conv = await conversationWith('Сверка');
    expect(conv!.messages.map((m) => m.text)).toEqual([
      'Пришлите акт сверки',
      'Я в отпуске до 14 декабря',
    ]);
    const all = await conversationsOf(owner, channelId);
    const yandex = all.find((c) => c.clientAddress === 'manager@yandex.ru');
    expect(yandex).toMatchObject({ leadId: null });
    const bounce = all.find((c) => c.subject === 'Undelivered Mail Returned to Sender');
    expect(bounce).toMatchObject({ leadId: null });
  });

  it('delivers to the workspace that owns the address, and to no other', async () => {
    const other = await signUp(env.app, { companyName: 'ООО «Лютик»' });
    const otherChannel = await createEmailChannel(other, {
      intakeAddress: 'zakaz@mail.voronka.example',
    });
    await transport.sendMail({
      from: 'buyer@example.org',
      to: 'zakaz@mail.voronka.example',
      subject: 'Лютики оптом',
      text: '100 штук',
    });
    await transport.sendMail({
      from: 'buyer@example.org',
      to: intake,
      subject: 'Ромашки оптом',
      text: '200 штук',
    });
    expect((await conversationsOf(other, otherChannel.id)).map((c) => c.subject)).toEqual([
      'Лютики оптом',
    ]);
    expect(await conversationWith('Лютики оптом')).toBeUndefined();
    expect(await conversationWith('Ромашки оптом')).toBeDefined();
  });
});

describe('an intake address belongs to one workspace', () => {
  const create = (b: Browser, intakeAddress: string) =>
    b.call('POST', '/api/v1/channels', {
      kind: 'email',
      name: 'Почта',
      settings: { intakeAddress },
    });

  it("refuses another workspace's address (in any case or spacing) with 409 naming the field, and the owner keeps its mail", async () => {
    const squatter = await signUp(env.app, { companyName: 'ООО «Чужой»' });
    expectProblem(
      await create(squatter, intake),
      409,
      'channel.address_taken',
      'settings.intakeAddress',
    );
    expectProblem(
      await create(squatter, '  SALES@Crm.Example.RU '),
      409,
      'channel.address_taken',
      'settings.intakeAddress',
    );
    // Nor by changing a channel it has to that address.
    const own = await createEmailChannel(squatter, { intakeAddress: 'chuzhoy@crm.example.ru' });
    expectProblem(
      await squatter.call('PATCH', `/api/v1/channels/${own.id}`, {
        settings: { intakeAddress: intake },
      }),
      409,
      'channel.address_taken',
      'settings.intakeAddress',
    );
    // Nor a second channel in the owner's own workspace: one address, one channel.
    expectProblem(
      await create(owner, intake),
      409,
      'channel.address_taken',
      'settings.intakeAddress',
    );
    const channels = (await squatter.call('GET', '/api/v1/channels')).body;
    expect(
      channels.items.map((c: { settings: { intakeAddress?: string } }) => c.settings.intakeAddress),
    ).toEqual(['chuzhoy@crm.example.ru']);
    await transport.sendMail({
      from: 'buyer@example.org',
      to: intake,
      subject: 'Кому достанется',
      text: '?',
    });
    expect(await conversationWith('Кому достанется')).toBeDefined();
    expect(await conversationsOf(squatter, own.id)).toEqual([]);
  });

  it('takes addresses only in the domains the installation serves, and says which', async () => {
    const b = await signUp(env.app, { companyName: 'ООО «Домен»' });
    const res = await create(b, 'sales@gmail.com');
    expectProblem(res, 422, 'channel.address_domain', 'settings.intakeAddress');
    expect(res.body.detail).toContain('@crm.example.ru');
    expectProblem(
      await create(b, 'not an address@crm.example.ru'),
      422,
      'channel.address_domain',
      'settings.intakeAddress',
    );
    const list = (await b.call('GET', '/api/v1/channels')).body;
    expect(list).toMatchObject({
      items: [],
      mailDomains: ['crm.example.ru', 'mail.voronka.example'],
    });
    // Stored trimmed and in lower case.
    expect(
      (await createEmailChannel(b, { intakeAddress: ' Info@Mail.Voronka.Example ' })).settings
        .intakeAddress,
    ).toBe('info@mail.voronka.example');
  });

  it('delivers nothing to a disabled channel, even one the listener looked up a moment ago', async () => {
    const b = await signUp(env.app, { companyName: 'ООО «Пауза»' });
    const ch = await createEmailChannel(b, { intakeAddress: 'pauza@crm.example.ru' });
    await transport.sendMail({
      from: 'buyer@example.org',
      to: 'pauza@crm.example.ru',
      subject: 'До паузы',
      text: '1',
    });
    expect((await b.call('PATCH', `/api/v1/channels/${ch.id}`, { enabled: false })).status).toBe(
      200,
    );
    await expect(
      transport.sendMail({
        from: 'buyer@example.org',
        to: 'pauza@crm.example.ru',
        subject: 'Во время паузы',
        text: '2',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    // A fresh lookup (what another listener process does) refuses it at RCPT as well.
    const fresh = await startSmtpIntake(env.database.db, { host: '127.0.0.1', port: 0, tls: null });
    try {
      const t = nodemailer.createTransport({
        host: '127.0.0.1',
        port: fresh.port,
        secure: false,
        ignoreTLS: true,
        pool: false,
      });
      await expect(
        t.sendMail({
          from: 'buyer@example.org',
          to: 'pauza@crm.example.ru',
          subject: 'Во время паузы',
          text: '3',
        }),
      ).rejects.toMatchObject({ responseCode: 550 });
    } finally {
      await fresh.close();
    }
    expect((await conversationsOf(b, ch.id)).map((c) => c.subject)).toEqual(['До паузы']);
    // A disabled channel still holds its address: nobody else may take it meanwhile.
    const other = await signUp(env.app, { companyName: 'ООО «Захватчик»' });
    expectProblem(
      await create(other, 'pauza@crm.example.ru'),
      409,
      'channel.address_taken',
      'settings.intakeAddress',
    );
  });
});
