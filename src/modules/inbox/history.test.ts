import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Tx } from '../../platform/db/types.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { acceptInbound } from './service.js';

// A long conversation: GET /conversations/{id} shows the latest 200 messages, and
// GET /conversations/{id}/messages pages back through the rest (keyset on the message id).

let env: TestEnv;
let owner: Browser;
let conversationId: string;
const TOTAL = 205;

const text = (n: number) => `сообщение ${n}`;
const texts = (body: { items: { text: string }[] }) => body.items.map((m) => m.text);

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  const workspaceId = owner.info.me!.workspace.id;
  const channelId = (
    await owner.call('POST', '/api/v1/channels', { kind: 'telegram', name: 'Бот' })
  ).body.id;
  // One client writing 205 times (one transaction: the order is the ids' order).
  await inWorkspace(env.database.db, workspaceId, async (tx: Tx) => {
    const ctx = { tx, workspaceId, actor: systemActor, ip: null, requestId: 'test' } as Ctx;
    for (let n = 1; n <= TOTAL; n++) {
      const r = await acceptInbound(ctx, {
        channelId,
        threadKey: 'long-chat',
        externalId: `m${n}`,
        text: text(n),
        from: { name: 'Клиент', handle: { kind: 'telegram', id: '42' } },
      });
      conversationId = r.conversationId;
    }
  });
}, 120_000);
afterAll(async () => env?.close());

describe('conversation history', () => {
  it('shows the latest 200 and gives the cursor to the older ones', async () => {
    const conv = (await owner.call('GET', `/api/v1/conversations/${conversationId}`)).body;
    expect(conv.messages).toHaveLength(200);
    expect(conv.messages[0].text).toBe(text(6));
    expect(conv.messages.at(-1).text).toBe(text(TOTAL));
    expect(conv.hasOlder).toBe(true);
    expect(typeof conv.olderCursor).toBe('string');
  });

  it('pages back from the oldest shown message, newest first, to the very first one', async () => {
    const conv = (await owner.call('GET', `/api/v1/conversations/${conversationId}`)).body;
    const first = await owner.call(
      'GET',
      `/api/v1/conversations/${conversationId}/messages?limit=3&cursor=${conv.olderCursor}`,
    );
    expect(first.status).toBe(200);
    expect(texts(first.body)).toEqual([text(5), text(4), text(3)]);
    const second = await owner.call(
      'GET',
      `/api/v1/conversations/${conversationId}/messages?limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(texts(second.body)).toEqual([text(2), text(1)]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('without a cursor lists the latest messages; a message arriving meanwhile does not shift the next page', async () => {
    const latest = await owner.call(
      'GET',
      `/api/v1/conversations/${conversationId}/messages?limit=2`,
    );
    expect(texts(latest.body)).toEqual([text(TOTAL), text(TOTAL - 1)]);
    const workspaceId = owner.info.me!.workspace.id;
    const channelId = (await owner.call('GET', `/api/v1/conversations/${conversationId}`)).body
      .channel.id;
    await inWorkspace(env.database.db, workspaceId, (tx: Tx) =>
      acceptInbound({ tx, workspaceId, actor: systemActor, ip: null, requestId: 'test' } as Ctx, {
        channelId,
        threadKey: 'long-chat',
        externalId: 'late',
        text: 'новое',
        from: { name: 'Клиент' },
      }),
    );
    const next = await owner.call(
      'GET',
      `/api/v1/conversations/${conversationId}/messages?limit=2&cursor=${latest.body.nextCursor}`,
    );
    expect(texts(next.body)).toEqual([text(TOTAL - 2), text(TOTAL - 3)]);
  });

  it('refuses a malformed cursor by field and a conversation the member does not see', async () => {
    expectProblem(
      await owner.call(
        'GET',
        `/api/v1/conversations/${conversationId}/messages?cursor=not-a-cursor`,
      ),
      400,
      'request.invalid',
      'cursor',
    );
    const forged = Buffer.from(JSON.stringify(['1 or 1=1'])).toString('base64url');
    expectProblem(
      await owner.call('GET', `/api/v1/conversations/${conversationId}/messages?cursor=${forged}`),
      400,
      'request.invalid',
      'cursor',
    );
    expectProblem(
      await owner.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=500`),
      400,
      'request.invalid',
      'limit',
    );
    // A manager (own visibility) does not see an unassigned conversation; another workspace neither.
    const manager = await addMember(env.app, owner, 'manager');
    expectProblem(
      await manager.browser.call('GET', `/api/v1/conversations/${conversationId}/messages`),
      404,
      'conversation.not_found',
    );
    const stranger = await signUp(env.app);
    expectProblem(
      await stranger.call('GET', `/api/v1/conversations/${conversationId}/messages`),
      404,
      'conversation.not_found',
    );
  });
});
