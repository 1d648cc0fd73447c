import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { defaultFileLimits } from '../../platform/files/limits.js';
import { parseEmail } from './parse-email.js';

const fixture = (name: string) =>
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

describe('parseEmail', () => {
  it('reads a Thunderbird message: Cyrillic subject, body, sender and an attachment named in RFC 2231', async () => {
    const m = await parseEmail(fixture('first-message.eml'));
    expect(m.externalId).toBe('<3f2a1b7c-0d4e-4a55-9f1e-1c2d3e4f5a6b@romashka.ru>');
    expect(m.rootId).toBe(m.externalId);
    expect(m.parents).toEqual([]);
    expect(m.subject).toBe('Запрос КП на поставку труб Ø57');
    expect(m.from).toEqual({ name: 'Иван Иванов', email: 'ivanov@romashka.ru' });
    expect(m.text).toContain('коммерческое предложение на 200 м трубы');
    expect(m.html).toContain('<p>Здравствуйте!</p>');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.name).toBe('Реквизиты.txt');
    expect(m.attachments[0]!.content.toString('utf8')).toContain('ООО «Ромашка»');
    expect(m.automatic).toBeNull();
  });

  it('takes a reply’s parents nearest first and its root from References', async () => {
    const m = await parseEmail(fixture('reply-in-thread.eml'));
    expect(m.parents).toEqual([
      '<voronka.0193a1b2-0000-7000-8000-000000000001@crm.example.ru>',
      '<3f2a1b7c-0d4e-4a55-9f1e-1c2d3e4f5a6b@romashka.ru>',
    ]);
    expect(m.rootId).toBe('<3f2a1b7c-0d4e-4a55-9f1e-1c2d3e4f5a6b@romashka.ru>');
    expect(m.text).toBe('Спасибо, цена устраивает.');
    expect(m.automatic).toBeNull();
  });

  it('recognises an Exchange out-of-office reply in Russian', async () => {
    const m = await parseEmail(fixture('out-of-office.eml'));
    expect(m.automatic).toBe('auto-reply');
    expect(m.parents).toEqual(['<voronka.0193a1b2-0000-7000-8000-000000000001@crm.example.ru>']);
  });

  it('recognises a Yandex vacation reply marked only by X-Autoreply', async () => {
    expect((await parseEmail(fixture('autoreply-yandex.eml'))).automatic).toBe('auto-reply');
  });

  it('recognises a Postfix delivery report and threads it to the message that bounced', async () => {
    const m = await parseEmail(fixture('bounce-postfix.eml'));
    expect(m.automatic).toBe('bounce');
    expect(m.parents).toEqual(['<voronka.0193a1b2-0000-7000-8000-000000000001@crm.example.ru>']);
  });

  it('marks Precedence: bulk mail as bulk', async () => {
    expect((await parseEmail(fixture('newsletter-bulk.eml'))).automatic).toBe('bulk');
  });

  it('hashes a message without Message-ID, decodes windows-1251 and answers the Reply-To client', async () => {
    const raw = fixture('no-message-id-cp1251.eml');
    const m = await parseEmail(raw);
    expect(m.messageId).toBeNull();
    expect(m.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parseEmail(raw)).externalId).toBe(m.externalId);
    expect(m.rootId).toBe(m.externalId);
    expect(m.subject).toBe('Заявка с сайта');
    expect(m.text).toContain('Нужна консультация');
    expect(m.from).toEqual({ name: 'Мария', email: 'maria@example.org' });
    expect(m.automatic).toBeNull();
  });

  it('marks mail a spam filter flagged on its way as spam, and only that', async () => {
    const flagged = Buffer.from(
      'From: a@b.ru\r\nSubject: Выигрыш\r\nX-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9.1 required=5.0\r\nMessage-ID: <s1@b.ru>\r\n\r\nx\r\n',
    );
    expect((await parseEmail(flagged)).automatic).toBe('spam');
    const clean = Buffer.from(
      'From: a@b.ru\r\nSubject: КП\r\nX-Spam-Flag: NO\r\nX-Spam-Status: No, score=0.3 required=5.0\r\nMessage-ID: <s2@b.ru>\r\n\r\nx\r\n',
    );
    expect((await parseEmail(clean)).automatic).toBeNull();
  });

  it('treats an empty envelope sender as a bounce, and an auto-reply subject as such only with a machine header', async () => {
    const plain = Buffer.from(
      'From: a@b.ru\r\nTo: s@c.ru\r\nSubject: Автоответ не работает?\r\nMessage-ID: <x1@b.ru>\r\n\r\nПочему?\r\n',
    );
    expect((await parseEmail(plain)).automatic).toBeNull();
    expect((await parseEmail(plain, { mailFrom: '' })).automatic).toBe('auto-reply');
    const oof = Buffer.from(
      'From: a@b.ru\r\nTo: s@c.ru\r\nSubject: Out of Office: КП\r\nX-Auto-Response-Suppress: All\r\nMessage-ID: <x2@b.ru>\r\n\r\nAway\r\n',
    );
    expect((await parseEmail(oof)).automatic).toBe('auto-reply');
    const ru = Buffer.from(
      'From: a@b.ru\r\nTo: s@c.ru\r\nSubject: =?UTF-8?B?0JDQstGC0L7QvtGC0LLQtdGCOiDQmtCf?=\r\nX-Auto-Response-Suppress: All\r\nMessage-ID: <x5@b.ru>\r\n\r\nВ отпуске\r\n',
    );
    expect((await parseEmail(ru)).automatic).toBe('auto-reply');
    const nullPath = Buffer.from(
      'Return-Path: <>\r\nFrom: a@b.ru\r\nSubject: Hello\r\nMessage-ID: <x3@b.ru>\r\n\r\nx\r\n',
    );
    expect((await parseEmail(nullPath)).automatic).toBe('bounce');
    const no = Buffer.from(
      'From: a@b.ru\r\nAuto-Submitted: no\r\nSubject: Hello\r\nMessage-ID: <x4@b.ru>\r\n\r\nx\r\n',
    );
    expect((await parseEmail(no)).automatic).toBeNull();
  });
});

describe('parseEmail within the limits', () => {
  const compose = (attachments: { filename: string; content: Buffer }[]) =>
    new MailComposer({
      from: 'ivanov@romashka.ru',
      to: 'sales@crm.example.ru',
      subject: 'Много вложений',
      text: 'Смотрите вложения',
      attachments,
    })
      .compile()
      .build();

  it('keeps no more attachments than the limit and says in the text how many it left out', async () => {
    const raw = await compose(
      Array.from({ length: 5 }, (_, i) => ({
        filename: `Файл ${i}.txt`,
        content: Buffer.from(`содержимое ${i}`),
      })),
    );
    const m = await parseEmail(raw, {}, { ...defaultFileLimits, maxEmailAttachments: 2 });
    expect(m.attachments.map((a) => a.name)).toEqual(['Файл 0.txt', 'Файл 1.txt']);
    expect(m.text).toBe('Смотрите вложения\n\n[Вложений сверх предела в 2 не сохранено: 3]');
  });

  it('reads no more of a message than the size limit', async () => {
    const raw = await compose([{ filename: 'big.bin', content: Buffer.alloc(3 * 1024 * 1024, 7) }]);
    const m = await parseEmail(raw, {}, { ...defaultFileLimits, maxEmailBytes: 1024 * 1024 });
    expect(m.subject).toBe('Много вложений');
    expect(m.attachments.reduce((n, a) => n + a.content.length, 0)).toBeLessThan(1024 * 1024);
  });
});
