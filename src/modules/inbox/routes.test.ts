import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Tx } from '../../platform/db/types.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { acceptInbound, inboxSend, type InboundItem } from './service.js';

let env: TestEnv;
let owner: Browser;
let ws: string;
let manager: Awaited<ReturnType<typeof addMember>>;
let tgChannel: string;
let mailChannel: string;

const accept = (item: Partial<InboundItem> & { channelId: string }, workspaceId = ws) =>
  inWorkspace(env.database.db, workspaceId, (tx: Tx) =>
    acceptInbound({ tx, workspaceId, actor: systemActor, ip: null, requestId: 'test' } as Ctx, {
      threadKey: 't',
      externalId: `x${Math.random()}`,
      text: 'Добрый день',
      from: { name: 'Клиент' },
      ...item,
    }),
  );

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  ws = owner.info.me!.workspace.id;
  manager = await addMember(env.app, owner, 'manager');
  tgChannel = (
    await owner.call('POST', '/api/v1/channels', {
      kind: 'telegram',
      name: 'Бот',
      settings: { botUsername: 'shop_bot' },
      secrets: { botToken: '123:SECRET' },
    })
  ).body.id;
  mailChannel = (
    await owner.call('POST', '/api/v1/channels', {
      kind: 'email',
      name: 'Почта',
      secrets: { imapPassword: 'p@ss' },
    })
  ).body.id;
});
afterAll(async () => env?.close());

describe('channels', () => {
  it('never returns secrets, says which are set, and gives the webhook URL from PUBLIC_URL', async () => {
    const list = await owner.call('GET', '/api/v1/channels');
    expect(JSON.stringify(list.body)).not.toMatch(/SECRET|p@ss/);
    const tg = list.body.items.find((c: { id: string }) => c.id === tgChannel);
    expect(tg).toMatchObject({
      kind: 'telegram',
      name: 'Бот',
      enabled: true,
      settings: { botUsername: 'shop_bot' },
      hasSecrets: { botToken: true },
    });
    expect(tg.webhookUrls[0].url).toMatch(
      /^http:\/\/voronka\.test\/api\/public\/telegram\/[\w-]{20,}$/,
    );
    const audit = await owner.call('GET', '/api/v1/audit?limit=200');
    expect(JSON.stringify(audit.body)).not.toMatch(/SECRET|p@ss/);
  });

  it('replaces, keeps and removes secrets on update', async () => {
    const id = (
      await owner.call('POST', '/api/v1/channels', {
        kind: 'vk',
        name: 'VK',
        secrets: { accessToken: 'a', secretKey: 'b' },
      })
    ).body.id;
    const changed = await owner.call('PATCH', `/api/v1/channels/${id}`, {
      secrets: { accessToken: 'new', secretKey: null },
      enabled: false,
    });
    expect(changed.body).toMatchObject({ enabled: false, hasSecrets: { accessToken: true } });
    expect(changed.body.hasSecrets.secretKey).toBeUndefined();
    expect((await owner.call('DELETE', `/api/v1/channels/${id}`)).status).toBe(204);
  });

  it('lets every member read channels but only the settings right change them', async () => {
    expect((await manager.browser.call('GET', '/api/v1/channels')).status).toBe(200);
    expectProblem(
      await manager.browser.call('POST', '/api/v1/channels', { kind: 'web', name: 'Сайт' }),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await manager.browser.call('PATCH', `/api/v1/channels/${tgChannel}`, { name: 'x' }),
      403,
      'auth.forbidden',
    );
  });

  it('keeps a channel that has conversations: deleting it is refused', async () => {
    await accept({ channelId: mailChannel, threadKey: 'keep' });
    expectProblem(
      await owner.call('DELETE', `/api/v1/channels/${mailChannel}`),
      409,
      'channel.in_use',
    );
  });
});

describe('the inbox', () => {
  it('lists conversations newest activity first with the matched contact, filters and pages', async () => {
    const contact = (
      await owner.call('POST', '/api/v1/contacts', {
        firstName: 'Вера',
        lastName: 'Лосева',
        phones: [{ number: '+79161234567' }],
      })
    ).body;
    await accept({ channelId: tgChannel, threadKey: 'older', text: 'первый' });
    await accept({
      channelId: mailChannel,
      threadKey: 'newer',
      text: 'второй',
      from: { name: 'Вера', phone: '8 916 123-45-67' },
    });
    const all = await owner.call('GET', '/api/v1/inbox?limit=200');
    const keys = all.body.items.map((c: { preview: string }) => c.preview);
    expect(keys.indexOf('второй')).toBeLessThan(keys.indexOf('первый'));
    expect(all.body.items[0]).toMatchObject({
      preview: 'второй',
      contact: { id: contact.id, name: 'Лосева Вера' },
      channel: { id: mailChannel, kind: 'email', name: 'Почта' },
      unread: 1,
    });
    const tgOnly = await owner.call('GET', `/api/v1/inbox?channelId=${tgChannel}`);
    expect(
      tgOnly.body.items.every((c: { channel: { id: string } }) => c.channel.id === tgChannel),
    ).toBe(true);
    const first = await owner.call('GET', '/api/v1/inbox?limit=1');
    const second = await owner.call('GET', `/api/v1/inbox?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBe(all.body.items[1].id);
  });

  it('counts unread conversations per channel, and reading one clears it', async () => {
    const conv = await accept({ channelId: tgChannel, threadKey: 'unread-1' });
    const before = (await owner.call('GET', '/api/v1/inbox/counts')).body;
    const tg = before.channels.find((c: { id: string }) => c.id === tgChannel);
    expect(tg.unread).toBeGreaterThanOrEqual(1);
    expect(
      (await owner.call('POST', `/api/v1/conversations/${conv.conversationId}/read`)).status,
    ).toBe(204);
    const after = (await owner.call('GET', '/api/v1/inbox/counts')).body;
    expect(after.channels.find((c: { id: string }) => c.id === tgChannel).unread).toBe(
      tg.unread - 1,
    );
    expect(after.unread).toBe(before.unread - 1);
    expect(
      (await owner.call('GET', '/api/v1/inbox?unread=true&limit=200')).body.items.map(
        (c: { id: string }) => c.id,
      ),
    ).not.toContain(conv.conversationId);
  });

  it('keeps read state per member: one reading a conversation leaves it unread for the others, and a new message is unread again for the reader', async () => {
    const admin = await addMember(env.app, owner, 'admin');
    const conv = await accept({
      channelId: tgChannel,
      threadKey: 'read-per-member',
      text: 'первое',
    });
    await accept({ channelId: tgChannel, threadKey: 'read-per-member', text: 'второе' });
    const unreadOf = async (b: Browser) =>
      (await b.call('GET', '/api/v1/inbox?sort=recent&limit=200')).body.items.find(
        (c: { id: string }) => c.id === conv.conversationId,
      ).unread;
    const countsOf = async (b: Browser) =>
      (await b.call('GET', '/api/v1/inbox/counts')).body.unread as number;
    const adminBefore = await countsOf(admin.browser);
    expect(await unreadOf(owner)).toBe(2);
    expect(await unreadOf(admin.browser)).toBe(2);

    expect(
      (await owner.call('POST', `/api/v1/conversations/${conv.conversationId}/read`)).status,
    ).toBe(204);
    expect(await unreadOf(owner)).toBe(0);
    expect(await unreadOf(admin.browser)).toBe(2);
    expect(await countsOf(admin.browser)).toBe(adminBefore);
    const unreadIds = async (b: Browser) =>
      (await b.call('GET', '/api/v1/inbox?unread=true&limit=200')).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await unreadIds(owner)).not.toContain(conv.conversationId);
    expect(await unreadIds(admin.browser)).toContain(conv.conversationId);

    await accept({ channelId: tgChannel, threadKey: 'read-per-member', text: 'третье' });
    expect(await unreadOf(owner)).toBe(1);
    expect(await unreadOf(admin.browser)).toBe(3);
    expect(
      (await admin.browser.call('POST', `/api/v1/conversations/${conv.conversationId}/read`))
        .status,
    ).toBe(204);
    expect(await unreadOf(admin.browser)).toBe(0);
    expect(await unreadOf(owner)).toBe(1);
  });

  it("shows a manager (own visibility) the conversations assigned to them or whose request is, not the team's unassigned ones", async () => {
    const mine = await accept({ channelId: tgChannel, threadKey: 'for-manager' });
    const theirs = await accept({ channelId: tgChannel, threadKey: 'unassigned' });
    const viaLead = await accept({ channelId: tgChannel, threadKey: 'via-lead' });
    await owner.call('PATCH', `/api/v1/conversations/${mine.conversationId}`, {
      assigneeId: manager.memberId,
    });
    await owner.call('PATCH', `/api/v1/leads/${viaLead.leadId}`, { assigneeId: manager.memberId });
    const seen = (await manager.browser.call('GET', '/api/v1/inbox?limit=200')).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(seen).toContain(mine.conversationId);
    expect(seen).toContain(viaLead.conversationId);
    expect(seen).not.toContain(theirs.conversationId);
    expectProblem(
      await manager.browser.call('GET', `/api/v1/conversations/${theirs.conversationId}`),
      404,
      'conversation.not_found',
    );
    expectProblem(
      await manager.browser.call(
        'POST',
        `/api/v1/conversations/${theirs.conversationId}/messages`,
        { text: 'hi' },
      ),
      404,
      'conversation.not_found',
    );
  });

  it('shows a conversation with its messages oldest first, the request and the company', async () => {
    const company = (await owner.call('POST', '/api/v1/companies', { name: 'ООО «Лист»' })).body;
    await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Ира',
      companyId: company.id,
      emails: [{ address: 'ira@list.ru' }],
    });
    const a = await accept({
      channelId: mailChannel,
      threadKey: 'thread-ira',
      text: 'раз',
      from: { email: 'ira@list.ru' },
      subject: 'Счёт',
    });
    await accept({
      channelId: mailChannel,
      threadKey: 'thread-ira',
      text: 'два',
      from: { email: 'ira@list.ru' },
      html: '<p>два<script>x()</script></p>',
    });
    const conv = (await owner.call('GET', `/api/v1/conversations/${a.conversationId}`)).body;
    expect(conv).toMatchObject({
      subject: 'Счёт',
      company: { id: company.id, name: 'ООО «Лист»' },
      lead: { id: a.leadId, status: 'new' },
      hasOlder: false,
    });
    expect(conv.messages.map((m: { text: string }) => m.text)).toEqual(['раз', 'два']);
    expect(conv.messages[1].html).toBe('<p>два</p>');
  });

  it('closes and reassigns a conversation, refusing an unknown assignee by field', async () => {
    const c = await accept({ channelId: tgChannel, threadKey: 'close-me' });
    const closed = await owner.call('PATCH', `/api/v1/conversations/${c.conversationId}`, {
      status: 'closed',
      assigneeId: manager.memberId,
    });
    expect(closed.body).toMatchObject({ status: 'closed', assigneeId: manager.memberId });
    expectProblem(
      await owner.call('PATCH', `/api/v1/conversations/${c.conversationId}`, {
        assigneeId: '01900000-0000-7000-8000-000000000000',
      }),
      404,
      'user.not_found',
      'assigneeId',
    );
    expect(
      (await owner.call('GET', `/api/v1/conversations/${c.conversationId}`)).body.assigneeId,
    ).toBe(manager.memberId);
  });
});

describe('linking the client', () => {
  it('links a conversation to a contact made from the sender, refusing a contact that does not exist by field', async () => {
    const c = await accept({
      channelId: tgChannel,
      threadKey: 'new-client',
      from: { name: 'Пётр', handle: { kind: 'telegram', id: 'petr' } },
    });
    const contact = (
      await owner.call('POST', '/api/v1/contacts', {
        firstName: 'Пётр',
        messengers: { telegram: 'petr' },
      })
    ).body;
    const linked = await owner.call('PATCH', `/api/v1/conversations/${c.conversationId}`, {
      contactId: contact.id,
    });
    expect(linked.body.contact).toEqual({ id: contact.id, name: 'Пётр' });
    expectProblem(
      await owner.call('PATCH', `/api/v1/conversations/${c.conversationId}`, {
        contactId: '01900000-0000-7000-8000-000000000000',
      }),
      404,
      'contact.not_found',
      'contactId',
    );
    expect(
      (await owner.call('GET', `/api/v1/conversations/${c.conversationId}`)).body.contact.id,
    ).toBe(contact.id);
  });
});

describe('replies', () => {
  it('queues a reply, sends it once through the channel, and a repeated Idempotency-Key makes no second message', async () => {
    const sent: string[] = [];
    env.runtime.senders.set('telegram', async (ch, conv, msg) => {
      sent.push(
        `${ch.secrets.botToken}|${conv.threadKey}|${msg.text}|${msg.attachments.map((a) => a.name).join()}`,
      );
      return { externalId: `m${sent.length}` };
    });
    const c = await accept({ channelId: tgChannel, threadKey: 'reply-here' });
    const body = {
      text: 'Здравствуйте! Счёт во вложении',
      attachments: [
        {
          name: 'счёт.pdf',
          type: 'application/pdf',
          contentBase64: Buffer.from('%PDF').toString('base64'),
        },
      ],
    };
    const first = await owner.call(
      'POST',
      `/api/v1/conversations/${c.conversationId}/messages`,
      body,
      { 'idempotency-key': 'reply-1' },
    );
    const again = await owner.call(
      'POST',
      `/api/v1/conversations/${c.conversationId}/messages`,
      body,
      { 'idempotency-key': 'reply-1' },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      direction: 'out',
      status: 'queued',
      authorId: owner.info.me!.member.id,
      attachments: [{ name: 'счёт.pdf', size: 4 }],
    });
    expect(again.body.id).toBe(first.body.id);
    const runner = startJobRunner(env.database.db, [inboxSend], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
    expect(sent).toEqual(['123:SECRET|reply-here|Здравствуйте! Счёт во вложении|счёт.pdf']);
    const conv = (await owner.call('GET', `/api/v1/conversations/${c.conversationId}`)).body;
    expect(conv.messages.filter((m: { direction: string }) => m.direction === 'out')).toEqual([
      expect.objectContaining({ status: 'sent', id: first.body.id }),
    ]);
  });

  it('refuses a reply through a disabled channel', async () => {
    const id = (await owner.call('POST', '/api/v1/channels', { kind: 'whatsapp', name: 'WA' })).body
      .id;
    const c = await accept({ channelId: id, threadKey: '79001112233' });
    await owner.call('PATCH', `/api/v1/channels/${id}`, { enabled: false });
    expectProblem(
      await owner.call('POST', `/api/v1/conversations/${c.conversationId}/messages`, {
        text: 'hi',
      }),
      409,
      'channel.disabled',
    );
  });
});

describe('files', () => {
  it('downloads as an attachment with nosniff; HTML is never served as HTML; another workspace gets 404', async () => {
    const c = await accept({
      channelId: mailChannel,
      threadKey: 'files',
      attachments: [
        { name: 'page.html', type: 'text/html', content: Buffer.from('<script>alert(1)</script>') },
        {
          name: 'Прайс 2026.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: Buffer.from('PK'),
        },
      ],
    });
    const conv = (await owner.call('GET', `/api/v1/conversations/${c.conversationId}`)).body;
    const [html, xlsx] = conv.messages[0].attachments;
    const page = await env.app.inject({
      method: 'GET',
      url: `/api/v1/files/${html.fileId}`,
      headers: { cookie: owner.cookie },
    });
    expect(page.headers['content-type']).toBe('application/octet-stream');
    expect(page.headers['content-disposition']).toMatch(/^attachment; filename="page\.html"/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const sheet = await env.app.inject({
      method: 'GET',
      url: `/api/v1/files/${xlsx.fileId}`,
      headers: { cookie: owner.cookie },
    });
    expect(sheet.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sheet.headers['content-disposition']).toContain(
      "filename*=UTF-8''%D0%9F%D1%80%D0%B0%D0%B9%D1%81%202026.xlsx",
    );
    expect(sheet.body).toBe('PK');
    const stranger = await signUp(env.app);
    expectProblem(
      await stranger.call('GET', `/api/v1/files/${xlsx.fileId}`),
      404,
      'file.not_found',
    );
    expectProblem(
      await manager.browser.call('GET', `/api/v1/files/${xlsx.fileId}`),
      404,
      'file.not_found',
    );
  });
});

describe('GET /events (Server-Sent Events over real HTTP)', () => {
  it("streams the member's workspace events as ids, not another workspace's, and ends cleanly when the server closes", async () => {
    const live = await createTestApp();
    try {
      await live.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (live.app.server.address() as AddressInfo).port;
      const a = await signUp(live.app);
      const b = await signUp(live.app);
      const chA = (await a.call('POST', '/api/v1/channels', { kind: 'telegram', name: 'A' })).body
        .id;
      const chB = (await b.call('POST', '/api/v1/channels', { kind: 'telegram', name: 'B' })).body
        .id;
      let text = '';
      let ended = false;
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get(
            { port, host: '127.0.0.1', path: '/api/v1/events', headers: { cookie: a.cookie } },
            resolve,
          )
          .on('error', reject),
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => (ended = true));
      const wsOf = (x: Browser) => x.info.me!.workspace.id;
      const run = (w: string, item: InboundItem) =>
        inWorkspace(live.database.db, w, (tx: Tx) =>
          acceptInbound({ tx, workspaceId: w, actor: systemActor, ip: null, requestId: 't' }, item),
        );
      await run(wsOf(b), {
        channelId: chB,
        threadKey: 'b',
        externalId: 'b1',
        text: 'secret of B',
        from: {},
      });
      const got = await run(wsOf(a), {
        channelId: chA,
        threadKey: 'a',
        externalId: 'a1',
        text: 'hello',
        from: {},
        call: { event: 'ringing' },
      });
      for (let i = 0; i < 50 && !text.includes('call.ringing'); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(text).toContain(': connected');
      expect(text).toContain(
        `event: inbox.message\ndata: {"conversationId":"${got.conversationId}","messageId":"${got.messageId}"}\n\n`,
      );
      expect(text).toContain('event: call.ringing');
      expect(text).not.toContain('secret of B');
      expect(text.match(/event: inbox\.message/g)).toHaveLength(1);
      await live.app.close();
      for (let i = 0; i < 20 && !ended; i++) await new Promise((r) => setTimeout(r, 50));
      expect(ended).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/events' })).statusCode).toBe(401);
  });
});
