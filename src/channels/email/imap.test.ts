import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inbox from '../../modules/inbox/service.js';
import { createSealer, loadSecret, type Sealer } from '../../platform/crypto.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { pollImapChannel, startImapPolling } from './imap-poller.js';
import { allowPrivateMailHosts } from './mail-host.js';
import { conversationsOf, createEmailChannel, leadsOf } from './test-helpers.js';
import { DOVECOT, startDovecot, type Dovecot } from './test-dovecot.js';

// IMAP against a real Dovecot (started here with a private config on a free port): messages are
// appended to the mailbox as a mail server would deliver them, and the poller fetches them.

const fixture = (name: string) =>
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const account = { user: 'crm@romashka.ru', password: 'imap-secret' };

let dovecot: Dovecot;
let env: TestEnv;
let owner: Browser;
let sealer: Sealer;

// A laptop without Dovecot skips this file, saying why; CI installs Dovecot and sets CI=true, where a
// missing Dovecot fails the run instead of skipping.
const haveDovecot = fs.existsSync(DOVECOT) || process.env.CI === 'true';
beforeAll(async () => {
  if (!haveDovecot) return;
  dovecot = await startDovecot([account]);
  // Dovecot listens on 127.0.0.1, which channels may reach only when the operator allows it.
  allowPrivateMailHosts(true);
  env = await createTestApp({ VORONKA_MAIL_PRIVATE_HOSTS: 'allow' });
  sealer = createSealer(loadSecret(env.config.secret, env.config.dataDir));
  owner = await signUp(env.app);
}, 60_000);
afterAll(async () => {
  allowPrivateMailHosts(false);
  await env?.close();
  await dovecot?.stop();
});

async function withMailbox<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}
const deliver = (mailbox: string, raw: Buffer | string) =>
  withMailbox((c) => c.append(mailbox, raw));

async function imapChannel(
  settings: Record<string, string | number | boolean> = {},
  password = account.password,
) {
  const created = await createEmailChannel(
    owner,
    {
      imapHost: '127.0.0.1',
      imapPort: dovecot.port,
      imapSecure: false,
      imapUser: account.user,
      ...settings,
    },
    { imapPassword: password },
    `IMAP ${settings.imapMailbox ?? 'INBOX'}`,
  );
  const row = async () =>
    (await inbox.listChannelsWithSetting(env.database.db, 'email', 'imapHost')).find(
      (c) => c.id === created.id,
    )!;
  return { id: created.id, row };
}

const poll = async (ch: { row(): Promise<inbox.ChannelRow> }) =>
  pollImapChannel(env.database.db, sealer, await ch.row());

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!haveDovecot)(
  `IMAP polling${haveDovecot ? '' : ' — skipped: no Dovecot at /usr/sbin/dovecot (apt-get install dovecot-imapd)'}`,
  () => {
    let inboxChannel: Awaited<ReturnType<typeof imapChannel>>;

    it('imports new messages once, across polls and a restart of the poller', async () => {
      inboxChannel = await imapChannel();
      await deliver('INBOX', fixture('first-message.eml'));
      await deliver('INBOX', fixture('no-message-id-cp1251.eml'));
      expect(await poll(inboxChannel)).toMatchObject({
        status: 'done',
        imported: 2,
        duplicates: 0,
      });
      const convs = await conversationsOf(owner, inboxChannel.id);
      expect(convs.map((c) => c.subject).sort()).toEqual([
        'Запрос КП на поставку труб Ø57',
        'Заявка с сайта',
      ]);
      const kp = convs.find((c) => c.subject === 'Запрос КП на поставку труб Ø57')!;
      expect(kp.messages[0]!.attachments.map((a) => a.name)).toEqual(['Реквизиты.txt']);
      expect((await leadsOf(owner)).filter((l) => l.channel === 'email')).toHaveLength(2);

      // Polling again finds nothing new: the cursor is past both.
      expect(await poll(inboxChannel)).toMatchObject({ imported: 0, duplicates: 0 });

      // A poller started afresh (a worker restart) resumes from the stored cursor.
      await deliver('INBOX', fixture('reply-in-thread.eml'));
      for (let i = 0; i < 2; i++) {
        const poller = startImapPolling(env.database.db, sealer, () => undefined, {
          firstDelayMs: 0,
          intervalMs: 60_000,
        });
        await until(async () =>
          (await conversationsOf(owner, inboxChannel.id)).some((c) => c.messages.length === 2),
        );
        await poller.stop();
      }
      const after = await conversationsOf(owner, inboxChannel.id);
      expect(after).toHaveLength(2);
      expect(
        after
          .find((c) => c.subject === 'Запрос КП на поставку труб Ø57')!
          .messages.map((m) => m.text),
      ).toEqual([kp.messages[0]!.text, 'Спасибо, цена устраивает.']);
      expect((await leadsOf(owner)).filter((l) => l.channel === 'email')).toHaveLength(2);
    });

    it('never marks the team’s mail as read', async () => {
      const flags = await withMailbox(async (c) => {
        const lock = await c.getMailboxLock('INBOX');
        try {
          const out: string[][] = [];
          for await (const m of c.fetch('1:*', { flags: true })) out.push([...(m.flags ?? [])]);
          return out;
        } finally {
          lock.release();
        }
      });
      expect(flags.length).toBeGreaterThan(0);
      expect(flags.flat()).not.toContain('\\Seen');
    });

    it('rescans a rebuilt mailbox (new UIDVALIDITY) without duplicating what it already has', async () => {
      const folder = 'Заявки';
      await withMailbox((c) => c.mailboxCreate(folder));
      const ch = await imapChannel({ imapMailbox: folder });
      const a =
        'From: a@client.ru\r\nTo: zakaz@romashka.ru\r\nSubject: =?UTF-8?B?0JfQsNC60LDQtyDihJYx?=\r\nMessage-ID: <order-1@client.ru>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nПервый заказ\r\n';
      const b =
        'From: b@client.ru\r\nTo: zakaz@romashka.ru\r\nSubject: =?UTF-8?B?0JfQsNC60LDQtyDihJYy?=\r\nMessage-ID: <order-2@client.ru>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nВторой заказ\r\n';
      await deliver(folder, a);
      expect(await poll(ch)).toMatchObject({ imported: 1 });
      await withMailbox(async (c) => {
        await c.mailboxDelete(folder);
        await c.mailboxCreate(folder);
      });
      await deliver(folder, a);
      await deliver(folder, b);
      expect(await poll(ch)).toMatchObject({ imported: 1, duplicates: 1 });
      expect((await conversationsOf(owner, ch.id)).map((c) => c.subject).sort()).toEqual([
        'Заказ №1',
        'Заказ №2',
      ]);
    });

    it('lets one worker poll a channel at a time', async () => {
      const ch = await imapChannel({ imapMailbox: 'INBOX' });
      const results = await Promise.all([poll(ch), poll(ch)]);
      expect(results.map((r) => r.status).sort()).toEqual(['busy', 'done']);
      expect(await poll(ch)).toMatchObject({ status: 'done' });
    });

    it('reports a wrong password as a failed poll and stores nothing', async () => {
      const ch = await imapChannel({ imapMailbox: 'INBOX' }, 'wrong-password');
      await expect(poll(ch)).rejects.toThrow();
      expect(await conversationsOf(owner, ch.id)).toEqual([]);
      // The lease is released: the next poll tries again.
      await expect(poll(ch)).rejects.toThrow();
    });
  },
);
