import { and, eq, inArray, desc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { newId } from '../../platform/ids.js';
import { DomainError } from '../../platform/errors.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import { openChannelSecrets } from './channel-keys.js';
import { safeFileName, safeType } from './content.js';
import { demoSend, isDemoChannel } from './demo-channel.js';
import {
  inboxRuntime,
  publish,
  type ConversationRow,
  type OpenChannel,
  type OutboundMessage,
  type Sender,
} from './runtime.js';
import {
  channels,
  conversations,
  files,
  messages,
  type ChannelKind,
  type MessageDelivery,
} from './tables.js';

export type { ConversationRow, OpenChannel, OutboundMessage, Sender };
// What sendThroughChannel carries besides a notice's text: a letter with a subject and files (a
// document e-mailed to a client); `id` is stable across retries (the e-mail Message-ID).
export type ChannelLetter = { text: string } & Partial<
  Pick<OutboundMessage, 'id' | 'subject' | 'attachments' | 'headers'>
>;

// The kinds of channel that can carry a reply of their own. A website form and a PBX have no way
// back to the client: a reply there names another route (reply-routes.ts).
export const SENDING_KINDS: readonly ChannelKind[] = ['email', 'telegram', 'vk', 'whatsapp'];

export const MAX_SEND_ATTEMPTS = 6;

// Sends one queued reply in three steps, the provider's call outside any transaction (on PGlite one
// held across a provider's answer would stall every request for that long): read what to send, call
// the provider, record the result — the last re-reading the message under a row lock, so a message no
// longer queued (sent or failed meanwhile) is left alone and a repeated delivery never sends twice.
// If the process dies after the provider accepted but before the record commits, the job runs again
// and resends (the one at-least-once window; the stable message id lets a provider collapse it).
export const inboxSend = defineJob({
  name: 'inbox.send',
  payload: z.object({ messageId: z.string().uuid() }),
  maxAttempts: 3,
  async run(ctx, { messageId }) {
    // Kept for a job claimed without a workspace (never enqueued so): the steps in one transaction.
    const prepared = await prepareSend(ctx, messageId);
    if (prepared) await recordSend(ctx, prepared, await callProvider(prepared));
  },
  async perform(db, workspaceId, { messageId }, requestId) {
    const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      inSystemWorkspace(db, workspaceId, fn, { requestId });
    const prepared = await inWs((ctx) => prepareSend(ctx, messageId));
    if (!prepared) return;
    const outcome = await callProvider(prepared);
    await inWs((ctx) => recordSend(ctx, prepared, outcome));
  },
});

// A message to an address through a channel, outside any conversation (a notice to a member's own
// chat with the workspace's bot): the channel kind's sender with the channel's secrets; no history
// is kept and no request raised. Throws as a sender does (PermanentJobError when refused for good).
// `content` is the notice's text, or a letter with a subject and attachments.
export async function sendThroughChannel(
  db: Db,
  workspaceId: string,
  channelId: string,
  address: string,
  content: string | ChannelLetter,
): Promise<{ externalId: string }> {
  const letter = typeof content === 'string' ? { text: content } : content;
  const channel = await inWorkspace(
    db,
    workspaceId,
    async (tx) =>
      (
        await tx
          .select()
          .from(channels)
          .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)))
      )[0],
  );
  if (!channel || !channel.enabled)
    throw new PermanentJobError('the channel no longer exists or is disabled');
  const { senders, sealer } = inboxRuntime();
  const sender = senders.get(channel.kind);
  if (!sender)
    throw new Error(`no sender is registered for ${channel.kind} channels in this process`);
  if (!sealer) throw new Error('the inbox has no sealer (this process has no runtime)');
  const conversation = { threadKey: address, clientAddress: address } as ConversationRow;
  return sender({ ...channel, secrets: openChannelSecrets(sealer, channel) }, conversation, {
    attachments: [],
    ...letter,
    ...{ id: letter.id ?? newId(), inReplyTo: null },
  });
}

type Prepared = { msg: Queued; send: () => Promise<{ externalId: string }> };
type Outcome = { sent: { externalId: string } } | { error: unknown };

async function prepareSend(ctx: Ctx, messageId: string): Promise<Prepared | null> {
  const msg = await loadQueued(ctx, messageId);
  if (!msg) return null;
  const [conv] = await ctx.tx
    .select()
    .from(conversations)
    .where(
      and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, msg.conversationId)),
    );
  // The channel the message goes by: the conversation's own, or the route's (a mailbox, a messenger).
  const [channel] = await ctx.tx
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, msg.channelId)));
  if (!conv || !channel)
    return markFailed(ctx, msg, 'the channel or conversation no longer exists').then(() => null);
  if (!channel.enabled) return markFailed(ctx, msg, 'the channel is disabled').then(() => null);
  if (!SENDING_KINDS.includes(channel.kind))
    return markFailed(
      ctx,
      msg,
      `a ${channel.kind === 'web' ? 'website form' : channel.kind} channel has no way back to the client: reply by e-mail, a messenger or a call`,
    ).then(() => null);
  const target = await deliveryTarget(ctx, conv, msg.delivery);
  if (typeof target === 'string') return markFailed(ctx, msg, target).then(() => null);
  const outbound = {
    id: msg.id,
    text: msg.text,
    attachments: await loadFiles(ctx, msg.attachments),
    inReplyTo: await lastInbound(ctx, target.id, channel.id),
  };
  const { senders, sealer } = inboxRuntime();
  const sender = senders.get(channel.kind);
  return {
    msg,
    send: async () => {
      // A demo stand-in channel (inbox/demo.ts) records the reply as sent; nothing leaves the server.
      if (isDemoChannel(channel)) return demoSend(outbound);
      if (!sender)
        throw new Error(`no sender is registered for ${channel.kind} channels in this process`);
      if (!sealer) throw new Error('the inbox has no sealer (this process has no runtime)');
      return sender({ ...channel, secrets: openChannelSecrets(sealer, channel) }, target, outbound);
    },
  };
}

// The conversation a sender addresses: the message's own; for an e-mail route, the same one with
// the client's address the member chose (its subject and thread kept: the client's answer threads
// back by our Message-ID); for a messenger route, the client's conversation in that messenger.
async function deliveryTarget(
  ctx: Ctx,
  conv: ConversationRow,
  delivery: MessageDelivery | null,
): Promise<ConversationRow | string> {
  if (!delivery || delivery.via === 'channel') return conv;
  if (delivery.via === 'email') return { ...conv, clientAddress: delivery.to };
  if (delivery.via === 'messenger') {
    const [other] = await ctx.tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, ctx.workspaceId),
          eq(conversations.id, delivery.conversationId),
        ),
      );
    return other ?? 'the client’s messenger conversation no longer exists';
  }
  return 'a logged call is not sent';
}

async function callProvider(p: Prepared): Promise<Outcome> {
  try {
    return { sent: await p.send() };
  } catch (error) {
    return { error };
  }
}

async function recordSend(ctx: Ctx, { msg }: Prepared, outcome: Outcome) {
  if (!(await loadQueued(ctx, msg.id))) return;
  if ('error' in outcome) {
    const err = outcome.error;
    const reason = String((err as Error)?.message ?? err).slice(0, 1000);
    if (err instanceof PermanentJobError || msg.sendAttempts + 1 >= MAX_SEND_ATTEMPTS)
      return markFailed(ctx, msg, reason);
    return retryLater(ctx, msg, reason);
  }
  await ctx.tx
    .update(messages)
    .set({
      status: 'sent',
      externalId: outcome.sent.externalId,
      sentAt: sql`now()`,
      error: null,
      sendAttempts: msg.sendAttempts + 1,
    })
    .where(byId(ctx, msg.id));
  await publish(
    ctx.workspaceId,
    { type: 'inbox.message', conversationId: msg.conversationId, messageId: msg.id },
    ctx.tx,
  );
}

type Queued = {
  id: string;
  conversationId: string;
  channelId: string;
  text: string | null;
  attachments: { fileId: string | null }[];
  sendAttempts: number;
  authorId: string | null;
  delivery: MessageDelivery | null;
};

const byId = (ctx: Ctx, id: string) =>
  and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.id, id));

// Locks the row: the record step re-reads it so that what another delivery recorded meanwhile stands.
async function loadQueued(ctx: Ctx, id: string): Promise<Queued | null> {
  const [msg] = await ctx.tx
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      channelId: messages.channelId,
      text: messages.text,
      attachments: messages.attachments,
      sendAttempts: messages.sendAttempts,
      status: messages.status,
      direction: messages.direction,
      authorId: messages.authorId,
      delivery: messages.delivery,
    })
    .from(messages)
    .where(byId(ctx, id))
    .for('update');
  return msg && msg.direction === 'out' && msg.status === 'queued' ? msg : null;
}

// Failed for good: the message says why (the inbox shows it with a retry), and its author and the
// conversation's assignee are told (inbox.delivery_failed on their event streams).
async function markFailed(ctx: Ctx, msg: Queued, reason: string) {
  await ctx.tx
    .update(messages)
    .set({ status: 'failed', error: reason, sendAttempts: msg.sendAttempts + 1 })
    .where(byId(ctx, msg.id));
  await publish(
    ctx.workspaceId,
    { type: 'inbox.message', conversationId: msg.conversationId, messageId: msg.id },
    ctx.tx,
  );
  const [conv] = await ctx.tx
    .select({ assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(
      and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, msg.conversationId)),
    );
  const memberIds = [
    ...new Set([msg.authorId, conv?.assigneeId ?? null].filter((id): id is string => !!id)),
  ];
  if (memberIds.length)
    await publish(
      ctx.workspaceId,
      {
        type: 'inbox.delivery_failed',
        conversationId: msg.conversationId,
        messageId: msg.id,
        memberIds,
      },
      ctx.tx,
    );
}

// The attempt and its reason are recorded with the message (the job itself completes), and a new
// job keyed by the attempt number runs after 30 s, 1, 2, 4, 8 minutes.
async function retryLater(ctx: Ctx, msg: Queued, reason: string) {
  const attempt = msg.sendAttempts + 1;
  await ctx.tx
    .update(messages)
    .set({ error: reason, sendAttempts: attempt })
    .where(byId(ctx, msg.id));
  await enqueue(
    ctx.tx,
    inboxSend,
    { messageId: msg.id },
    {
      workspaceId: ctx.workspaceId,
      key: `${msg.id}:${attempt}`,
      runAt: new Date(Date.now() + 30_000 * 2 ** (attempt - 1)),
    },
  );
}

async function loadFiles(ctx: Ctx, list: { fileId: string | null }[]) {
  const ids = list.flatMap((a) => (a.fileId ? [a.fileId] : []));
  if (!ids.length) return [];
  const rows = await ctx.tx
    .select({ id: files.id, name: files.name, type: files.type, content: files.content })
    .from(files)
    .where(and(eq(files.workspaceId, ctx.workspaceId), inArray(files.id, ids)));
  const byFile = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const f = byFile.get(id);
    return f ? [{ name: f.name, type: f.type, content: Buffer.from(f.content) }] : [];
  });
}

// The client's latest message in the conversation that came through this channel (a website
// request answered by e-mail has the form's submission first, then the client's e-mails).
async function lastInbound(
  ctx: Ctx,
  conversationId: string,
  channelId: string,
): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ externalId: messages.externalId })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.channelId, channelId),
        eq(messages.direction, 'in'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.externalId ?? null;
}

export type ReplyInput = {
  text: string | null;
  attachments?: { name: string; type: string; content: Buffer }[];
  channelId?: string;
  delivery?: MessageDelivery | null;
};

// Stores a reply as queued and enqueues its sending in the same transaction (the job key is the
// message id: one send per message). `channelId`/`delivery` name another route than the
// conversation's own channel. A logged call (delivery via 'call') is stored as sent: the member
// has spoken to the client, nothing is left to deliver.
export async function queueReply(
  ctx: Ctx,
  conv: Pick<ConversationRow, 'id' | 'channelId'>,
  input: ReplyInput,
): Promise<string> {
  const id = newId();
  const logged = input.delivery?.via === 'call';
  const attachments = (input.attachments ?? []).map((a) => ({
    fileId: newId(),
    name: safeFileName(a.name),
    type: safeType(a.type),
    size: a.content.length,
    content: a.content,
  }));
  await ctx.tx.insert(messages).values({
    workspaceId: ctx.workspaceId,
    id,
    conversationId: conv.id,
    channelId: input.channelId ?? conv.channelId,
    direction: 'out',
    text: input.text,
    authorId: ctx.actor.memberId,
    status: logged ? 'sent' : 'queued',
    sentAt: logged ? sql`now()` : null,
    delivery: input.delivery ?? null,
    attachments: attachments.map(({ fileId, name, type, size }) => ({ fileId, name, type, size })),
  });
  if (attachments.length)
    await ctx.tx.insert(files).values(
      attachments.map((a) => ({
        workspaceId: ctx.workspaceId,
        id: a.fileId,
        conversationId: conv.id,
        name: a.name,
        type: a.type,
        size: a.size,
        content: a.content,
      })),
    );
  await ctx.tx
    .update(conversations)
    .set({ lastMessageAt: sql`now()` })
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, conv.id)));
  if (!logged)
    await enqueue(ctx.tx, inboxSend, { messageId: id }, { workspaceId: ctx.workspaceId, key: id });
  await publish(
    ctx.workspaceId,
    { type: 'inbox.message', conversationId: conv.id, messageId: id },
    ctx.tx,
  );
  return id;
}

// Sends a failed reply again by the same route: queued afresh (attempts from zero) with a new job.
// Only a failed message can be retried (a queued one is still being tried; a sent one was sent).
export async function retryReply(ctx: Ctx, messageId: string): Promise<void> {
  const [msg] = await ctx.tx
    .select({
      status: messages.status,
      direction: messages.direction,
      sendAttempts: messages.sendAttempts,
      conversationId: messages.conversationId,
    })
    .from(messages)
    .where(byId(ctx, messageId))
    .for('update');
  if (!msg || msg.direction !== 'out')
    throw new DomainError('message.not_found', 'message not found');
  if (msg.status !== 'failed')
    throw new DomainError(
      'message.not_retryable',
      `only a failed message can be sent again (this one is ${msg.status})`,
    );
  await ctx.tx
    .update(messages)
    .set({ status: 'queued', sendAttempts: 0 })
    .where(byId(ctx, messageId));
  await enqueue(
    ctx.tx,
    inboxSend,
    { messageId },
    { workspaceId: ctx.workspaceId, key: `${messageId}:retry:${newId()}` },
  );
  await publish(
    ctx.workspaceId,
    { type: 'inbox.message', conversationId: msg.conversationId, messageId },
    ctx.tx,
  );
}
