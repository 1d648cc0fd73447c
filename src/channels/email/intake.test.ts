import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { startSmtpIntake } from './inbound.js';
import type { SmtpListener } from './smtp-listener.js';
import { conversationsOf, createEmailChannel, leadsOf } from './test-helpers.js';

// Real SMTP end to end: nodemailer → Voronka's listener (smtp-server) → the inbox in the test
// database (PGlite, or PostgreSQL with VORONKA_TEST_DATABASE_URL), read back through the API.

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

let env: TestEnv;
let owner: Browser;
let channelId: string;
let smtp: SmtpListener;
let transport: Transporter;
const intake = 'sales@crm.example.ru';

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  channelId = (await createEmailChannel(owner, { intakeAddress: intake })).id;
  smtp = await startSmtpIntake(env.database.db, { host: '127.0.0.1', port: 0, tls: null });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: false });
});
afterAll(async () => {
  await smtp?.close();
  await env?.close();
});

const conversationWith = async (subject: string) => (await conversationsOf(owner, channelId)).find((c) => c.subject === subject);

describe('e-mail intake over SMTP', () => {
  it('turns a Cyrillic message with a Cyrillic-named attachment into a conversation and a request', async () => {
    const info = await transport.sendMail({
      from: '"Иван Иванов" <ivanov@romashka.ru>',
      to: 'Sales@Crm.Example.ru',
      subject: 'Запрос КП на поставку труб Ø57 — ООО «Ромашка»',
      text: 'Здравствуйте! Пришлите КП на 200 м трубы. Телефон +7 912 345-67-89',
      html: '<p>Здравствуйте! Пришлите <b>КП</b> на 200 м трубы.</p><script>alert(1)</script>',
      attachments: [{ filename: 'Реквизиты ООО «Ромашка».pdf', content: Buffer.from('%PDF-1.4 реквизиты'), contentType: 'application/pdf' }],
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
    expect(msg!.attachments).toMatchObject([{ name: 'Реквизиты ООО «Ромашка».pdf', type: 'application/pdf' }]);
    const file = await env.app.inject({ method: 'GET', url: `/api/v1/files/${msg!.attachments[0]!.fileId}`, headers: { cookie: owner.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('utf8')).toBe('%PDF-1.4 реквизиты');
    const lead = (await leadsOf(owner)).find((l) => l.id === conv!.leadId);
    expect(lead).toMatchObject({ channel: 'email', title: 'Запрос КП на поставку труб Ø57 — ООО «Ромашка»', contactEmail: 'ivanov@romashka.ru', contactName: 'Иван Иванов' });
    expect(info.messageId).toMatch(/^<.+>$/);
  });

  it('puts a reply into the conversation it answers, without a second request', async () => {
    const first = await transport.sendMail({ from: 'petrov@stroy.ru', to: intake, subject: 'Доставка в Казань', text: 'Сколько стоит доставка?' });
    const reply = await transport.sendMail({
      from: 'petrov@stroy.ru', to: intake, subject: 'Re: Доставка в Казань', text: 'И ещё: нужен ли пропуск?',
      inReplyTo: first.messageId, references: [first.messageId],
    });
    expect(reply.accepted).toHaveLength(1);
    const conv = await conversationWith('Доставка в Казань');
    expect(conv!.messages.map((m) => m.text)).toEqual(['Сколько стоит доставка?', 'И ещё: нужен ли пропуск?']);
    expect((await conversationsOf(owner, channelId)).filter((c) => c.clientAddress === 'petrov@stroy.ru')).toHaveLength(1);
    expect((await leadsOf(owner)).filter((l) => l.contactEmail === 'petrov@stroy.ru')).toHaveLength(1);
  });

  it('keeps replies to a first letter it never received (sent from a personal mailbox) in one conversation', async () => {
    const root = '<from-personal-mailbox@romashka.ru>';
    await transport.sendMail({ from: 'sidorov@zavod.ru', to: intake, subject: 'Re: Договор поставки', text: 'Договор подписали', inReplyTo: root, references: [root] });
    const second = await transport.sendMail({ from: 'sidorov@zavod.ru', to: intake, subject: 'Re: Договор поставки', text: 'И ещё приложение', inReplyTo: root, references: [root], cc: 'boss@zavod.ru' });
    await transport.sendMail({ from: 'boss@zavod.ru', to: intake, subject: 'Re: Договор поставки', text: 'Согласовано', inReplyTo: second.messageId, references: [root, second.messageId] });
    const convs = (await conversationsOf(owner, channelId)).filter((c) => c.subject === 'Re: Договор поставки');
    expect(convs).toHaveLength(1);
    expect(convs[0]!.messages.map((m) => m.text)).toEqual(['Договор подписали', 'И ещё приложение', 'Согласовано']);
  });

  it('stores the same Message-ID delivered twice once', async () => {
    const mail = { from: 'twice@example.org', to: intake, subject: 'Повтор', text: 'Одно письмо', messageId: '<retry-1@example.org>' };
    await transport.sendMail(mail);
    await transport.sendMail(mail);
    const conv = await conversationWith('Повтор');
    expect(conv!.messages).toHaveLength(1);
    expect((await leadsOf(owner)).filter((l) => l.contactEmail === 'twice@example.org')).toHaveLength(1);
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
    await expect(transport.sendMail({ from: 'x@example.org', to: 'nobody@crm.example.ru', subject: 'Кому-нибудь', text: '?' })).rejects.toMatchObject({ responseCode: 550 });
    expect(await conversationsOf(owner, channelId)).toHaveLength(before);
  });

  it('keeps auto-replies and bounces in their thread without raising requests', async () => {
    const leadsBefore = (await leadsOf(owner)).length;
    const ours = await transport.sendMail({ from: 'client@partner.ru', to: intake, subject: 'Сверка', text: 'Пришлите акт сверки' });
    const leadsAfterFirst = (await leadsOf(owner)).length;
    expect(leadsAfterFirst).toBe(leadsBefore + 1);
    // An out-of-office answer to the thread, and one that threads nowhere.
    await transport.sendMail({
      from: 'client@partner.ru', to: intake, subject: 'Автоответ: Сверка', text: 'Я в отпуске до 14 декабря',
      inReplyTo: ours.messageId, references: [ours.messageId], headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await transport.sendMail({ envelope: { from: 'manager@yandex.ru', to: [intake] }, raw: fixture('autoreply-yandex.eml') });
    // A delivery report, sent as MTAs do with the null sender.
    await transport.sendMail({ envelope: { from: '', to: [intake] }, raw: fixture('bounce-postfix.eml') });
    expect((await leadsOf(owner)).length).toBe(leadsAfterFirst);
    const conv = await conversationWith('Сверка');
    expect(conv!.messages.map((m) => m.text)).toEqual(['Пришлите акт сверки', 'Я в отпуске до 14 декабря']);
    const all = await conversationsOf(owner, channelId);
    const yandex = all.find((c) => c.clientAddress === 'manager@yandex.ru');
    expect(yandex).toMatchObject({ leadId: null });
    const bounce = all.find((c) => c.subject === 'Undelivered Mail Returned to Sender');
    expect(bounce).toMatchObject({ leadId: null });
  });

  it('delivers to the workspace that owns the address, and to no other', async () => {
    const other = await signUp(env.app, { companyName: 'ООО «Лютик»' });
    const otherChannel = await createEmailChannel(other, { intakeAddress: 'zakaz@lutik.example' });
    // A second workspace typing an address already taken does not receive its mail.
    const squatter = await signUp(env.app, { companyName: 'ООО «Чужой»' });
    const squat = await createEmailChannel(squatter, { intakeAddress: intake });
    await transport.sendMail({ from: 'buyer@example.org', to: 'zakaz@lutik.example', subject: 'Лютики оптом', text: '100 штук' });
    await transport.sendMail({ from: 'buyer@example.org', to: intake, subject: 'Ромашки оптом', text: '200 штук' });
    expect((await conversationsOf(other, otherChannel.id)).map((c) => c.subject)).toEqual(['Лютики оптом']);
    expect(await conversationWith('Лютики оптом')).toBeUndefined();
    expect(await conversationWith('Ромашки оптом')).toBeDefined();
    expect(await conversationsOf(squatter, squat.id)).toEqual([]);
  });
});
