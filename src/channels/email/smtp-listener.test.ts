import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';

// The listener alone, over real SMTP (nodemailer → smtp-server), with an in-memory intake in place
// of the database: which replies a sending server gets and when. The database path is in intake.test.ts.

type Stored = { recipients: string[]; raw: Buffer; mailFrom: string };

let listener: SmtpListener | null = null;
afterEach(async () => {
  await listener?.close();
  listener = null;
});

async function listen(
  accept: (s: Stored) => Promise<void> = async () => undefined,
  maxBytes = 64 * 1024,
) {
  const stored: Stored[] = [];
  listener = await startSmtpListener<string>({
    host: '127.0.0.1',
    port: 0,
    maxBytes,
    intake: {
      findRecipient: async (address) =>
        address.toLowerCase() === 'sales@crm.example.ru' ? 'channel-1' : null,
      accept: async (recipients, raw, mailFrom) => {
        await accept({ recipients, raw, mailFrom });
        stored.push({ recipients, raw, mailFrom });
      },
    },
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
  });
  return { stored, transport };
}

const message = {
  from: 'Иван <ivanov@romashka.ru>',
  subject: 'Заявка',
  text: 'Нужна консультация',
};

describe('SMTP listener', () => {
  it('accepts mail for a known intake address, whatever its case', async () => {
    const { stored, transport } = await listen();
    const info = await transport.sendMail({ ...message, to: 'Sales@CRM.example.ru' });
    expect(info.accepted).toHaveLength(1);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.recipients).toEqual(['channel-1']);
    expect(stored[0]!.mailFrom).toBe('ivanov@romashka.ru');
    expect(stored[0]!.raw.toString()).toContain('Subject: =?UTF-8?');
  });

  it('refuses an unknown recipient at RCPT with 550 and keeps the known one', async () => {
    const { stored, transport } = await listen();
    await expect(
      transport.sendMail({ ...message, to: 'nobody@crm.example.ru' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const info = await transport.sendMail({
      ...message,
      to: ['nobody@crm.example.ru', 'sales@crm.example.ru'],
    });
    expect(info.rejected).toEqual(['nobody@crm.example.ru']);
    expect(stored).toHaveLength(1);
  });

  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const { stored, transport } = await listen(undefined, 4096);
    await expect(
      transport.sendMail({ ...message, to: 'sales@crm.example.ru', text: 'я'.repeat(10_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(stored).toHaveLength(0);
  });

  it('answers 451 when the message cannot be stored, so the sender retries', async () => {
    let failing = true;
    const { stored, transport } = await listen(async () => {
      if (failing) throw new Error('database unavailable');
    });
    await expect(
      transport.sendMail({ ...message, to: 'sales@crm.example.ru' }),
    ).rejects.toMatchObject({ responseCode: 451 });
    failing = false;
    await transport.sendMail({ ...message, to: 'sales@crm.example.ru' });
    expect(stored).toHaveLength(1);
  });

  it('answers 250 only after the intake has committed', async () => {
    let release!: () => void;
    const committed = new Promise<void>((r) => (release = r));
    const { transport } = await listen(() => committed);
    let answered = false;
    const sending = transport
      .sendMail({ ...message, to: 'sales@crm.example.ru' })
      .then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false);
    release();
    await sending;
    expect(answered).toBe(true);
  });

  it('offers neither AUTH nor STARTTLS without a certificate', async () => {
    const { transport } = await listen();
    const auth = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener!.port,
      secure: false,
      requireTLS: true,
    });
    await expect(auth.sendMail({ ...message, to: 'sales@crm.example.ru' })).rejects.toThrow(
      /STARTTLS/i,
    );
    await expect(transport.verify()).resolves.toBe(true);
  });
});
