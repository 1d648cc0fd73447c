import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../../platform/context.js';
import { createSealer } from '../../platform/crypto.js';
import { rowsOf } from '../../platform/db/rls.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Tx } from '../../platform/db/types.js';
import { newId } from '../../platform/ids.js';
import { PermanentJobError, startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import {
  acceptInbound,
  findChannelByKey,
  inboxSend,
  openChannelSecrets,
  publish,
  queueReply,
  sealChannelSecrets,
  subscribe,
  type InboundItem,
  type InboxEvent,
} from './service.js';
import { unreadCount } from './conversations.js';
import { channels, conversations, files, messages } from './tables.js';

let env: TestEnv;
let owner: Browser;
let ws: string;
let channelId: string;
const sealer = createSealer('a-test-secret-of-at-least-32-characters!!');

const run = <T>(fn: (ctx: Ctx) => Promise<T>, workspaceId = ws) =>
  inWorkspace(env.database.db, workspaceId, (tx: Tx) =>
    fn({ tx, workspaceId, actor: systemActor, ip: null, requestId: 'test' }),
  );

async function addChannel(
  workspaceId: string,
  kind: 'web' | 'email' | 'telegram' | 'phone',
  secrets: Record<string, string> = {},
  enabled = true,
) {
  const id = newId();
  const publicKey = `k_${newId()}`;
  await run(
    (ctx) =>
      ctx.tx.insert(channels).values({
        workspaceId,
        id,
        kind,
        name: `Канал ${kind}`,
        publicKey,
        enabled,
        secrets: sealChannelSecrets(sealer, secrets),
      }),
    workspaceId,
  );
  return { id, publicKey };
}

let seq = 0;
const item = (over: Partial<InboundItem> = {}): InboundItem => ({
  channelId,
  threadKey: `t${++seq}`,
  externalId: `e${seq}`,
  text: 'Здравствуйте, нужен расчёт',
  from: { name: 'Пётр Сидоров', phone: '+7 912 345-67-89' },
  ...over,
});

async function leadsOf(workspaceId = ws) {
  return run(
    (ctx) =>
      ctx.tx
        .execute(
          sql`select id, channel, contact_phone, contact_id, message, status from leads where workspace_id = ${workspaceId} order by created_at`,
        )
        .then((r) =>
          rowsOf<{
            id: string;
            channel: string;
            contact_phone: string | null;
            contact_id: string | null;
            message: string | null;
            status: string;
          }>(r),
        ),
    workspaceId,
  );
}

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  ws = owner.info.me!.workspace.id;
  channelId = (await addChannel(ws, 'web')).id;
});
afterAll(async () => env?.close());

describe('acceptInbound', () => {
  it('stores a provider retry of the same external id once, and answers the duplicate without changing anything', async () => {
    const first = await run((ctx) =>
      acceptInbound(ctx, item({ threadKey: 'dup', externalId: 'update-1' })),
    );
    const again = await run((ctx) =>
      acceptInbound(ctx, item({ threadKey: 'dup', externalId: 'update-1', text: 'changed' })),
    );
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({
      duplicate: true,
      conversationId: first.conversationId,
      messageId: null,
      leadId: first.leadId,
    });
    const rows = await run((ctx) =>
      ctx.tx.select().from(messages).where(eq(messages.conversationId, first.conversationId)),
    );
    expect(rows.map((r) => r.text)).toEqual(['Здравствуйте, нужен расчёт']);
    const [conv] = await run((ctx) =>
      ctx.tx
        .select({ unread: unreadCount(ctx) })
        .from(conversations)
        .where(eq(conversations.id, first.conversationId)),
    );
    expect(conv!.unread).toBe(1);
  });

  it('matches a known client by phone whatever format the channel gives it', async () => {
    const created = await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Анна',
      lastName: 'Кузнецова',
      phones: [{ number: '8 (903) 111-22-33' }],
      emails: [{ address: 'anna@example.ru' }],
    });
    expect(created.status).toBe(201);
    for (const phone of ['+79031112233', '8 903 111 22 33', '7(903)1112233']) {
      const r = await run((ctx) => acceptInbound(ctx, item({ from: { name: 'Аня', phone } })));
      expect(r.contactId).toBe(created.body.id);
    }
    const byMail = await run((ctx) =>
      acceptInbound(ctx, item({ from: { email: ' Anna@Example.RU ' } })),
    );
    expect(byMail.contactId).toBe(created.body.id);
    const unknown = await run((ctx) =>
      acceptInbound(ctx, item({ from: { phone: '+7 999 000-00-01' } })),
    );
    expect(unknown.contactId).toBeNull();
  });

  it('matches a Telegram handle kept on the contact', async () => {
    const created = await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Олег',
      messengers: { telegram: '@oleg_tg' },
    });
    const tg = await addChannel(ws, 'telegram');
    const r = await run((ctx) =>
      acceptInbound(
        ctx,
        item({
          channelId: tg.id,
          from: { name: 'Oleg', handle: { kind: 'telegram', id: 'oleg_tg' } },
        }),
      ),
    );
    expect(r.contactId).toBe(created.body.id);
  });

  it('prefers the messenger id to the phone and the phone to the e-mail when they name different contacts, and the older contact on a tie', async () => {
    const byMail = await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Почта',
      emails: [{ address: 'order@shop.example' }],
    });
    const byPhone = await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Телефон',
      phones: [{ number: '+7 921 555-01-01' }],
    });
    const byTg = await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Телеграм',
      messengers: { telegram: '@pref_tg' },
    });
    const twin = await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Двойник',
      phones: [{ number: '+7 921 555-01-01' }],
    });
    expect([byMail.status, byPhone.status, byTg.status, twin.status]).toEqual([201, 201, 201, 201]);
    const tg = await addChannel(ws, 'telegram');
    const all = await run((ctx) =>
      acceptInbound(
        ctx,
        item({
          channelId: tg.id,
          from: {
            handle: { kind: 'telegram', id: '@pref_tg' },
            phone: '+79215550101',
            email: 'order@shop.example',
          },
        }),
      ),
    );
    expect(all.contactId).toBe(byTg.body.id);
    const phoneAndMail = await run((ctx) =>
      acceptInbound(ctx, item({ from: { phone: '+79215550101', email: 'ORDER@shop.example' } })),
    );
    expect(phoneAndMail.contactId).toBe(byPhone.body.id);
    const mailOnly = await run((ctx) =>
      acceptInbound(
        ctx,
        item({ from: { phone: '+7 999 000-00-02', email: 'order@shop.example' } }),
      ),
    );
    expect(mailOnly.contactId).toBe(byMail.body.id);
  });

  it('raises one request per conversation: a follow-up joins it, a message after the team closed a finished one raises a new one', async () => {
    const before = (await leadsOf()).length;
    const first = await run((ctx) =>
      acceptInbound(ctx, item({ threadKey: 'chat-7', utm: { utm_source: 'yandex' } })),
    );
    const follow = await run((ctx) =>
      acceptInbound(ctx, item({ threadKey: 'chat-7', text: 'и ещё вопрос' })),
    );
    expect(first.leadId).toBeTruthy();
    expect(follow.leadId).toBe(first.leadId);
    expect(follow.conversationId).toBe(first.conversationId);
    const all = await leadsOf();
    expect(all.length).toBe(before + 1);
    expect(all.at(-1)).toMatchObject({
      channel: 'web',
      contact_phone: '+79123456789',
      message: 'Здравствуйте, нужен расчёт',
      status: 'new',
    });

    await run(async (ctx) => {
      await ctx.tx.execute(sql`update leads set status = 'junk' where id = ${first.leadId}`);
      await ctx.tx
        .update(conversations)
        .set({ status: 'closed' })
        .where(eq(conversations.id, first.conversationId));
    });
    const later = await run((ctx) =>
      acceptInbound(ctx, item({ threadKey: 'chat-7', text: 'через месяц снова' })),
    );
    expect(later.leadId).not.toBe(first.leadId);
    const [conv] = await run((ctx) =>
      ctx.tx
        .select({
          status: conversations.status,
          leadId: conversations.leadId,
          unread: unreadCount(ctx),
        })
        .from(conversations)
        .where(eq(conversations.id, first.conversationId)),
    );
    expect(conv).toMatchObject({ status: 'open', leadId: later.leadId, unread: 3 });
    // Each request keeps the conversation it was raised in, whichever way it was raised.
    const linked = await run(async (ctx) =>
      rowsOf<{ conversation_id: string }>(
        await ctx.tx.execute(
          sql`select conversation_id from leads where id in (${first.leadId}, ${later.leadId})`,
        ),
      ),
    );
    expect(linked.map((r) => r.conversation_id)).toEqual([
      first.conversationId,
      first.conversationId,
    ]);

    // Each request has its lead.created audit row, the same shape whichever way it was raised (the
    // first in the statement that stores the message, the later one on its own).
    const audits = await run((ctx) =>
      ctx.tx
        .execute(
          sql`select entity_id, after from audit_log where action = 'lead.created' and entity_id in (${first.leadId}, ${later.leadId})`,
        )
        .then((r) => rowsOf<{ entity_id: string; after: any }>(r)),
    );
    expect(audits).toHaveLength(2);
    const [a, b] = [first.leadId, later.leadId].map((id) => {
      const after = audits.find((x) => x.entity_id === id)!.after;
      return typeof after === 'string' ? JSON.parse(after) : after;
    });
    expect(a).toMatchObject({
      id: first.leadId,
      channel: 'web',
      status: 'new',
      utm: { utm_source: 'yandex' },
      contactPhone: '+79123456789',
      message: 'Здравствуйте, нужен расчёт',
      tags: [],
      custom: {},
    });
    expect(b).toMatchObject({
      id: later.leadId,
      channel: 'web',
      status: 'new',
      message: 'через месяц снова',
    });
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) expect([key, typeof a[key]]).toEqual([key, typeof b[key]]);
    expect(a.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('stores no request for an auto-reply', async () => {
    const r = await run((ctx) => acceptInbound(ctx, item({ noLead: true, text: 'Я в отпуске' })));
    expect(r.leadId).toBeNull();
  });

  it('stores e-mail HTML sanitised: no scripts, styles, handlers or javascript: links', async () => {
    const html = `<p onclick="steal()">Привет <b>мир</b></p><script>alert(1)</script><style>p{}</style>
      <a href="javascript:alert(1)">x</a><a href="https://example.ru/a">ok</a><img src="https://t.example/pixel.gif"><iframe src="https://evil"></iframe>
      <svg><script>alert(2)</script></svg><a href="JaVaScRiPt&#58;alert(3)">y</a>`;
    const r = await run((ctx) => acceptInbound(ctx, item({ html })));
    const [msg] = await run((ctx) =>
      ctx.tx.select().from(messages).where(eq(messages.id, r.messageId!)),
    );
    const stored = msg!.html!;
    expect(stored).toContain('<p>Привет <b>мир</b></p>');
    expect(stored).toContain(
      '<a href="https://example.ru/a" target="_blank" rel="noopener noreferrer nofollow">ok</a>',
    );
    for (const bad of ['script', 'style', 'onclick', 'javascript', 'img', 'iframe', 'svg', 'alert'])
      expect(stored.toLowerCase()).not.toContain(bad);
  });

  it('stores attachments with safe names, and keeps the message while leaving out a file over 10 MiB', async () => {
    const r = await run((ctx) =>
      acceptInbound(
        ctx,
        item({
          attachments: [
            {
              name: '../../etc/passwd\r\n.pdf',
              type: 'application/pdf',
              content: Buffer.from('%PDF-1.4'),
            },
            {
              name: 'huge.bin',
              type: 'text/html; charset=utf-8',
              content: Buffer.alloc(10 * 1024 * 1024 + 1),
            },
            { name: '.htaccess', type: 'not a type', content: Buffer.from('x') },
          ],
        }),
      ),
    );
    const [msg] = await run((ctx) =>
      ctx.tx.select().from(messages).where(eq(messages.id, r.messageId!)),
    );
    expect(msg!.attachments).toEqual([
      { fileId: expect.any(String), name: 'passwd__.pdf', type: 'application/pdf', size: 8 },
      {
        fileId: null,
        name: 'huge.bin',
        type: 'text/html',
        size: 10 * 1024 * 1024 + 1,
        omitted: 'too_large',
      },
      { fileId: expect.any(String), name: 'htaccess', type: 'application/octet-stream', size: 1 },
    ]);
    const stored = await run((ctx) =>
      ctx.tx
        .select({ name: files.name, content: files.content })
        .from(files)
        .where(eq(files.conversationId, r.conversationId)),
    );
    expect(stored.map((f) => f.name).sort()).toEqual(['htaccess', 'passwd__.pdf']);
    expect(Buffer.from(stored.find((f) => f.name === 'passwd__.pdf')!.content).toString()).toBe(
      '%PDF-1.4',
    );
  });

  it('turns a missed call into a request, a call-back task and a timeline entry; a finished call only into a timeline entry', async () => {
    const phone = await addChannel(ws, 'phone');
    const missed = await run((ctx) =>
      acceptInbound(ctx, {
        channelId: phone.id,
        threadKey: '+74951234567',
        externalId: 'call-1:missed',
        text: null,
        from: { phone: '+7 (495) 123-45-67' },
        call: { event: 'missed' },
      }),
    );
    expect(missed.leadId).toBeTruthy();
    const tasks = await owner.call('GET', `/api/v1/tasks?leadId=${missed.leadId}`);
    expect(tasks.body.items).toEqual([
      expect.objectContaining({ kind: 'call', title: 'Перезвонить: +74951234567' }),
    ]);
    const timeline = await owner.call('GET', `/api/v1/timeline?leadId=${missed.leadId}`);
    expect(timeline.body.items).toEqual([
      expect.objectContaining({ kind: 'call', data: expect.objectContaining({ event: 'missed' }) }),
    ]);

    const ended = await run((ctx) =>
      acceptInbound(ctx, {
        channelId: phone.id,
        threadKey: '+74951234567',
        externalId: 'call-2:ended',
        text: null,
        from: { phone: '+74951234567' },
        call: { event: 'ended', durationSec: 95 },
      }),
    );
    expect(ended.leadId).toBe(missed.leadId);
    const after = await owner.call('GET', `/api/v1/timeline?leadId=${missed.leadId}`);
    expect(after.body.items.map((a: { data: { event: string } }) => a.data.event)).toEqual([
      'ended',
      'missed',
    ]);
    expect(
      (await owner.call('GET', `/api/v1/tasks?leadId=${missed.leadId}`)).body.items,
    ).toHaveLength(1);
  });

  it('publishes inbox.message to the workspace only after the transaction commits', async () => {
    const seen: InboxEvent[] = [];
    const stop = subscribe(ws, (e) => seen.push(e));
    await expect(
      run(async (ctx) => {
        await acceptInbound(ctx, item());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const r = await run((ctx) => acceptInbound(ctx, item()));
    await new Promise((res) => setTimeout(res, 300));
    stop();
    expect(seen).toEqual([
      { type: 'inbox.message', conversationId: r.conversationId, messageId: r.messageId },
    ]);
  });

  // The NOTIFY is sent after the commit (a NOTIFY inside the transaction would serialise every
  // intake's commit), the events of commits that finish together in one: still each exactly once.
  it('announces each of many concurrent commits once, and none of a rolled-back one among them', async () => {
    const seen: InboxEvent[] = [];
    const stop = subscribe(ws, (e) => seen.push(e));
    const ok = Array.from({ length: 12 }, () => run((ctx) => acceptInbound(ctx, item())));
    const failed = run(async (ctx) => {
      await acceptInbound(ctx, item());
      throw new Error('rolled back');
    }).catch(() => 'failed');
    const results = await Promise.all(ok);
    expect(await failed).toBe('failed');
    await new Promise((res) => setTimeout(res, 300));
    stop();
    const messages = seen.filter((e) => e.type === 'inbox.message');
    expect(messages).toHaveLength(12);
    expect(new Set(messages.map((e) => (e as { messageId: string }).messageId))).toEqual(
      new Set(results.map((r) => r.messageId)),
    );
  });

  it('keeps the NOTIFY inside a transaction that is not a workspace transaction: it too is not announced on rollback', async () => {
    const seen: InboxEvent[] = [];
    const stop = subscribe(ws, (e) => seen.push(e));
    await expect(
      env.database.db.transaction(async (tx) => {
        await publish(ws, { type: 'inbox.conversation', conversationId: 'rolled-back' }, tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await env.database.db.transaction((tx) =>
      publish(ws, { type: 'inbox.conversation', conversationId: 'committed' }, tx),
    );
    await new Promise((res) => setTimeout(res, 300));
    stop();
    expect(seen).toEqual([{ type: 'inbox.conversation', conversationId: 'committed' }]);
  });
});

describe('channels by public key', () => {
  it('finds an enabled channel by kind and key, not a disabled one or another kind, and opens its secrets', async () => {
    const on = await addChannel(ws, 'telegram', { botToken: '123:abc' });
    const off = await addChannel(ws, 'telegram', {}, false);
    const found = await findChannelByKey(env.database.db, 'telegram', on.publicKey);
    expect(found?.workspaceId).toBe(ws);
    expect(found!.secrets).not.toContain('123:abc');
    expect(openChannelSecrets(sealer, found!)).toEqual({ botToken: '123:abc' });
    expect(await findChannelByKey(env.database.db, 'telegram', off.publicKey)).toBeNull();
    expect(await findChannelByKey(env.database.db, 'vk', on.publicKey)).toBeNull();
    expect(await findChannelByKey(env.database.db, 'telegram', 'nope')).toBeNull();
  });
});

describe('inbox.send', () => {
  const runner = () => startJobRunner(env.database.db, [inboxSend], { pollMs: 60_000 });
  const statusOf = async (id: string) =>
    (
      await run((ctx) =>
        ctx.tx
          .select()
          .from(messages)
          .where(and(eq(messages.workspaceId, ws), eq(messages.id, id))),
      )
    )[0]!;

  // The provider's call is made outside any transaction: on PGlite every request shares one
  // connection, and a transaction held across a provider's answer stalled them all.
  it('holds no transaction while the provider answers: other work goes on meanwhile', async () => {
    env.runtime.sealer = sealer;
    const tg = await addChannel(ws, 'telegram', { botToken: 'slow-token' });
    let release!: () => void;
    let called!: () => void;
    const inCall = new Promise<void>((r) => (called = r));
    env.runtime.senders.set('telegram', async () => {
      called();
      await new Promise<void>((r) => (release = r));
      return { externalId: 'tg-slow' };
    });
    const inbound = await run((ctx) =>
      acceptInbound(ctx, item({ channelId: tg.id, threadKey: 'chat-slow', externalId: 'u-slow' })),
    );
    const id = await run((ctx) =>
      queueReply(ctx, { id: inbound.conversationId, channelId: tg.id }, { text: 'Минуту…' }),
    );
    const r = runner();
    const drained = r.drain();
    await inCall;
    const meanwhile = run((ctx) =>
      ctx.tx
        .select({ status: messages.status })
        .from(messages)
        .where(and(eq(messages.workspaceId, ws), eq(messages.id, id))),
    );
    const answered = await Promise.race([
      meanwhile,
      new Promise<'blocked'>((res) => setTimeout(() => res('blocked'), 3_000)),
    ]);
    release();
    await drained;
    await r.stop();
    expect(answered).toEqual([{ status: 'queued' }]);
    expect(await statusOf(id)).toMatchObject({ status: 'sent', externalId: 'tg-slow' });
  });

  it("sends a queued reply once through the channel kind's sender, with its secrets, and never again", async () => {
    env.runtime.sealer = sealer;
    const tg = await addChannel(ws, 'telegram', { botToken: 'secret-token' });
    const sent: { token: string; text: string | null; chat: string; inReplyTo: string | null }[] =
      [];
    env.runtime.senders.set('telegram', async (ch, conv, msg) => {
      sent.push({
        token: ch.secrets.botToken!,
        text: msg.text,
        chat: conv.threadKey,
        inReplyTo: msg.inReplyTo,
      });
      return { externalId: `tg-${sent.length}` };
    });
    const inbound = await run((ctx) =>
      acceptInbound(ctx, item({ channelId: tg.id, threadKey: 'chat-42', externalId: 'u-42' })),
    );
    const id = await run((ctx) =>
      queueReply(ctx, { id: inbound.conversationId, channelId: tg.id }, { text: 'Добрый день!' }),
    );
    const r = runner();
    await r.drain();
    expect(sent).toEqual([
      { token: 'secret-token', text: 'Добрый день!', chat: 'chat-42', inReplyTo: 'u-42' },
    ]);
    expect(await statusOf(id)).toMatchObject({ status: 'sent', externalId: 'tg-1', error: null });
    // A repeated delivery of the job (an expired lease, a retry) finds it sent and does nothing.
    await run((ctx) =>
      ctx.tx.execute(
        sql`update jobs set state = 'queued', run_at = now() where name = 'inbox.send' and key = ${id}`,
      ),
    );
    await r.drain();
    await r.stop();
    expect(sent).toHaveLength(1);
  });

  it('marks a reply failed with the reason when the provider refuses for good, and retries a passing failure later', async () => {
    env.runtime.sealer = sealer;
    const tg = await addChannel(ws, 'email');
    let mode: 'permanent' | 'transient' = 'permanent';
    env.runtime.senders.set('email', async () => {
      if (mode === 'permanent') throw new PermanentJobError('550 mailbox unavailable');
      throw new Error('connection reset');
    });
    const inbound = await run((ctx) => acceptInbound(ctx, item({ channelId: tg.id })));
    const refused = await run((ctx) =>
      queueReply(ctx, { id: inbound.conversationId, channelId: tg.id }, { text: 'a' }),
    );
    const r = runner();
    await r.drain();
    expect(await statusOf(refused)).toMatchObject({
      status: 'failed',
      error: '550 mailbox unavailable',
    });
    mode = 'transient';
    const later = await run((ctx) =>
      queueReply(ctx, { id: inbound.conversationId, channelId: tg.id }, { text: 'b' }),
    );
    await r.drain();
    await r.stop();
    expect(await statusOf(later)).toMatchObject({
      status: 'queued',
      error: 'connection reset',
      sendAttempts: 1,
    });
    const [next] = rowsOf<{ key: string; seconds: number }>(
      await env.database.db.execute(
        sql`select key, extract(epoch from run_at - now())::int as seconds from jobs where name = 'inbox.send' and key = ${`${later}:1`}`,
      ),
    );
    expect(next!.seconds).toBeGreaterThan(20);
  });
});
